#!/usr/bin/env bash
# mem.sh - the memory boot matrix under TCG (group mem of tests/matrix.cfg):
# self-tests at 1G, 3G, 63G (RAM up to exactly 64 GiB: highmem far above
# 4 GiB) and 64G (RAM past what the CPU model addresses: ignored with a log
# line, the run passes), the page_alloc bench in every zone, and too little
# RAM: mem_mib= (Linux's mem=) limits the guest below what the image and
# the boot allocations need, which must be one clear "too little RAM" line
# and status 3, not a hang.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/matrix_lib.sh"
need_image

matrix_run mem
LOG=$T/mem-63G.log
echo "# 63G: $(log_line '^mm: mem_map at')"
LOG=$T/mem-page_alloc-8G.log
for z in dma normal highmem; do
  for o in order0 order3; do
    check "page_alloc $o zone=$z row" "no row" log_has "^page_alloc,$o,zone,$z,0,1,"
  done
done
check "page_alloc log extracts" "extract refused it" tools/extract "$LOG" "$T/pa"
finish
