/*
 * table.h - results as CSV tables on the serial port (README "Output format"):
 *   @begin <table>
 *   bench,variant,param_name,param,cpu,ncpus,samples,unit,min,p50,...
 *   <rows>
 *   @end <table> rows=<N> crc32=<8 hex>
 * The CRC covers the header line and the row lines, each with one '\n'.
 * At the run's end (hm_exit) exit_report() prints the manifest,
 *   @tables <table>:<rows>,...|- crc32=<8 hex of the list and '\n'>
 * naming every table that reached table_end, in order.
 *
 * A results table (table_begin) holds its rows: table_row keeps a row and
 * table_end prints the whole table in one burst. So a benchmark may print
 * progress lines at any time while its table is open, and nothing but
 * rows ever stands between @begin and @end. The bench column of every row
 * is the table's name. Lines for people (table_note, table_skip) given
 * while a table is open come right after its @end.
 * One table is open at a time; rows come from the CPU that opened it.
 */
#ifndef BENCH_TABLE_H
#define BENCH_TABLE_H

#include <stddef.h>
#include "bench/timing.h"

/* A row's key; the bench column is the open table's name. */
struct row_key {
    const char *variant;
    const char *param_name;     /* "" or 0 when the row has no parameter */
    uint64_t param;             /* printed only when param_name is set */
    const char *param_str;      /* when set, printed instead of param */
    int cpu, ncpus;
};

#define TABLE_BYTES 65536       /* the row lines one results table may hold */

extern const char *tick_unit;   /* "cycles" or "insns" (unit= word) */

/* Opens results table name (a string that outlives the table); prints
 * nothing yet. Ends the run if a table is open already. */
void table_begin(const char *name);
/* Keeps one row of the open table, with st's statistics. Ends the run
 * outside a table or when the table's rows outgrow TABLE_BYTES. */
void table_row(const struct row_key *k, const struct stats *st);
/* Prints the open table (results tables: @begin, header, the kept rows,
 * @end), then the held lines; with raw=1 its rows' samples follow (raw.h). */
void table_end(void);

/* The same results table with its rows printed as table_row gets them,
 * not held: for a caller that keeps its rows itself and prints them in
 * one burst (the peer's rows.c: Linux under icount gave the same rows
 * run after run only so; docs/peer.md). */
void table_begin_now(const char *name);

/* The open table's name, or 0. */
const char *table_name(void);

/* Any CSV table, streamed: the header line as given, rows through
 * table_line (one line of n bytes, no '\n') printed at once, with the
 * same count and CRC; the caller prints nothing else until table_end
 * (raw.c). name must stay valid until table_end. */
void table_begin_cols(const char *name, const char *header);
void table_line(const char *line, size_t n);

/* A free-text line for people: printed now, or, while a table is open,
 * held back until its @end. */
void table_note(const char *line);

/* A variant of the open table that cannot run here:
 * "SKIP: <table>/<variant> (why)" through table_note, no row. */
void table_skip(const char *variant, const char *why);

#endif
