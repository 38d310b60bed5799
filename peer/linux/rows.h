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

/* Prints table name with the kept rows, and forgets them (the bench
 * column is the table's name: keep_row's bench is that name). */
void print_rows(const char *name);

/* A variant that cannot run here: "SKIP: bench/variant (why)", printed
 * now (no table is open while the peer measures). */
void bench_skip(const char *bench, const char *variant, const char *why);
#endif
