/*
 * rows.h - measure now, print later. Linux may print a line of its own at
 * any time (a CPU going offline, a clocksource note), and hmbench's
 * protocol allows nothing but rows between @begin and @end, so every peer
 * benchmark measures all its rows first (keep_row) and prints them in one
 * burst (print_rows).
 */
#ifndef HMPEER_ROWS_H
#define HMPEER_ROWS_H
#include "bench/table.h"
#include "bench/timing.h"

/* Measures o (sample mode, or batch mode when batch) with args.samples
 * samples, or n when n > 0, and keeps the row (bench, variant, param_name,
 * param or param_str when set, cpu 0, ncpus). */
void keep_row(const char *bench, const char *variant, const char *param_name, u64 param,
	      const char *param_str, int ncpus, const struct op *o, int batch, u32 n);

/* Keeps a row of table bench measured elsewhere (concurrent.c): k with its strings
 * (they must outlive print_rows), st, and its overlap in 1/10000
 * (10000 for a row measured alone). */
void keep_stats(const char *bench, const struct row_key *k, const struct stats *st, u32 overlap);

/* Prints table name with the kept rows (the bench column is the table's
 * name: keep_row's bench is that name), and forgets them; a row whose
 * overlap is below CONC_OVERLAP_MIN gets hmbench's "WARNING: overlap"
 * line after the table. */
void print_rows(const char *name);

/* A variant that cannot run here: "SKIP: bench/variant (why)", printed
 * now (no table is open while the peer measures). */
void bench_skip(const char *bench, const char *variant, const char *why);
#endif
