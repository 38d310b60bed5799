/*
 * raw.h - raw=1: every measured row's individual samples, as CSV tables.
 *
 * With raw=1 each measurement keeps a copy of its samples (the values its
 * statistics came from: overhead subtracted, in ascending order) in one
 * store, and struct stats carries its handle. When a results table that
 * printed such rows ends, its samples follow as one more table through
 * table.h's streamed table functions (so with the same row count and CRC):
 *   @begin <table>.raw
 *   row,value               row: 0-based index of the row in <table>
 *   ...
 *   @end <table>.raw rows=<N> crc32=<8 hex>
 * The store is emptied after each such table; a table whose rows keep
 * more than RAW_MAX_SAMPLES samples in all ends the run (status 3) with
 * one line saying so. Without raw=1 nothing is kept and nothing printed.
 */
#ifndef BENCH_RAW_H
#define BENCH_RAW_H

#include <stdint.h>

#define RAW_MAX_SAMPLES (1u << 18)
#define RAW_MAX_ROWS 1024

/* Keeps a copy of v[0..n) and returns its handle, or 0 without raw=1.
 * Any CPU may call it at any time. */
uint32_t raw_keep(const uint32_t *v, uint32_t n);

/* table.c: row `row` of the open table has the samples of handle. */
void raw_note_row(uint32_t row, uint32_t handle);

/* table.c, after table's @end: prints table.raw if any row was noted,
 * then empties the store. */
void raw_flush(const char *table);

#endif
