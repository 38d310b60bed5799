#!/usr/bin/env bash
# kmap.sh - the kmap self-tests booted at 128M (no highmem: SKIPs with a
# reason), 8G and 63G, with 2 and 4 CPUs, and the test-only misuse words:
# kmap_exhaust, kmap_atomic_too_deep and kmap_atomic_out_of_order must stop
# with status 3 and their line; without the highmem (or the single CPU)
# they need, status 2 and a line. The boots, their statuses and lines are
# the entries of group kmap in tests/matrix.cfg.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/matrix_lib.sh"
need_image

matrix_run kmap
finish
