// SPDX-License-Identifier: GPL-2.0
/*
 * raw.c - the peer keeps no raw samples: hmbench's raw=1 (bench/raw.c)
 * rides on its own command-line registry, which the peer does not have, so
 * the shared table.c and timing.c get this empty store and a peer run
 * prints no .raw tables (docs/peer.md).
 */
#include "bench/raw.h"

uint32_t raw_keep(const uint32_t *v, uint32_t n) { (void)v; (void)n; return 0; }
void raw_note_row(uint32_t row, uint32_t handle) { (void)row; (void)handle; }
void raw_flush(const char *table) { (void)table; }
