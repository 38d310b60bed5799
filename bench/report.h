/*
 * report.h - results as CSV tables on the serial port (README "Output format"):
 *   @begin <table>
 *   bench,variant,param_name,param,cpu,ncpus,samples,unit,min,p50,...
 *   <rows>
 *   @end <table> rows=<N> crc32=<8 hex>
 * The CRC covers the header line and the row lines, each with one '\n'.
 * At the run's end (hm_exit) exit_report() prints the manifest,
 *   @tables <table>:<rows>,...|- crc32=<8 hex of the list and '\n'>
 * naming every table that reached table_end, in order.
 * One table is open at a time; rows come from the CPU that opened it.
 */
#ifndef BENCH_REPORT_H
#define BENCH_REPORT_H

#include <stddef.h>
#include "bench/timing.h"

struct row_key {
    const char *bench;
    const char *variant;
    const char *param_name;     /* "" when the row has no parameter */
    uint64_t param;             /* printed only when param_name is set */
    const char *param_str;      /* when set, printed instead of param */
    int cpu, ncpus;
};

extern const char *tick_unit;   /* "cycles" or "insns" (unit= word) */

void table_begin(const char *name);
void table_row(const struct row_key *k, const struct stats *st);
/* Ends the open table; with raw=1 its rows' samples follow (raw.h). */
void table_end(void);

/* Any CSV table: the header line as given, rows through table_line
 * (one line of n bytes, no '\n'), with the same count and CRC. name must
 * stay valid until table_end. */
void table_begin_cols(const char *name, const char *header);
void table_line(const char *line, size_t n);

/* A free-text line for people: printed now, or, inside an open table,
 * held back until its @end (nothing but rows stands inside a table). */
void table_note(const char *line);

/* Convenience for one-CPU rows: measure o in sample (batch=0) or batch
 * mode with args.samples samples and print the row on CPU 0, ncpus 1. */
void bench_row(const char *bench, const char *variant, const char *param_name,
               uint64_t param, const struct op *o, int batch);

/* The same, with a named (non-numeric) parameter value, e.g. zone=highmem. */
void bench_row_named(const char *bench, const char *variant, const char *param_name,
                     const char *param, const struct op *o, int batch);

/* A variant that cannot run here: "SKIP: bench/variant (why)", no row.
 * Inside an open table the line is held back until table_end, so that
 * nothing but rows ever stands between @begin and @end. */
void bench_skip(const char *bench, const char *variant, const char *why);

#endif
