/* report.c - CSV tables with row counts and CRCs; see report.h. */
#include "bench/report.h"
#include "bench/args.h"
#include "bench/crc32.h"
#include "bench/raw.h"
#include "boot/console.h"
#include "boot/format.h"
#include "boot/string.h"

const char *tick_unit = "cycles";

static const char *open_table;
static uint32_t table_rows, table_crc;

/* Every table printed so far, for the manifest at the run's end (names are
 * copied: raw tables are named in a reused buffer). */
#define MAX_TABLES 128
static struct { char name[40]; uint32_t rows; } done_tables[MAX_TABLES];
static int n_done_tables;
static char pending_skips[2048];        /* SKIP and note lines wait for @end */
static size_t pending_len;

/* table_crc_line: print one line of the open table (header or row) and
 * add it to the table's CRC. */
static void table_crc_line(const char *line, size_t n)
{
    table_crc = crc32_update(table_crc, line, n);
    table_crc = crc32_update(table_crc, "\n", 1);
    printk("%s\n", line);
}

void table_begin_cols(const char *name, const char *header)
{
    if (open_table)
        panic("report: table %s begun while %s is open", name, open_table);
    open_table = name;
    table_rows = 0;
    table_crc = 0;
    printk("@begin %s\n", name);
    table_crc_line(header, strlen(header));     /* the header is under the CRC too */
}

void table_begin(const char *name)
{
    table_begin_cols(name, "bench,variant,param_name,param,cpu,ncpus,samples,unit,min,p50,p90,"
                     "p99,max,mean,stddev,overhead");
}

void table_line(const char *line, size_t n)
{
    if (!open_table)
        panic("report: a row outside a table: %s", line);
    table_rows++;
    table_crc_line(line, n);
}

void table_row(const struct row_key *k, const struct stats *st)
{
    char line[320], param[24] = "";
    int n;

    if (!open_table)
        panic("report: row of %s/%s outside a table", k->bench, k->variant);
    if (k->param_name[0] && k->param_str)
        hm_snprintf(param, sizeof(param), "%s", k->param_str);
    else if (k->param_name[0])
        hm_snprintf(param, sizeof(param), "%llu", (unsigned long long)k->param);
    n = hm_snprintf(line, sizeof(line),
                    "%s,%s,%s,%s,%d,%d,%u,%s,%llu,%llu,%llu,%llu,%llu,%llu.%02llu,%llu.%02llu,%llu",
                    k->bench, k->variant, k->param_name, param, k->cpu, k->ncpus, st->samples,
                    tick_unit, st->min, st->p50, st->p90, st->p99, st->max,
                    st->mean_x100 / 100, st->mean_x100 % 100, st->stddev_x100 / 100,
                    st->stddev_x100 % 100, st->overhead);
    if (n <= 0 || (size_t)n >= sizeof(line))
        panic("report: row of %s/%s does not fit", k->bench, k->variant);
    if (st->raw)
        raw_note_row(table_rows, st->raw);
    tlbmodel_row_print(st);             /* ACCEL=model image only */
    table_line(line, (size_t)n);
}

void table_end(void)
{
    const char *name = open_table;

    if (!open_table)
        panic("report: table_end without a table");
    printk("@end %s rows=%u crc32=%08x\n", open_table, table_rows, table_crc);
    if (n_done_tables == MAX_TABLES)
        panic("report: more than %d tables", MAX_TABLES);
    if (strlen(open_table) >= sizeof(done_tables[0].name))
        panic("report: table name %s too long for the manifest", open_table);
    memcpy(done_tables[n_done_tables].name, open_table, strlen(open_table) + 1);
    done_tables[n_done_tables].rows = table_rows;
    n_done_tables++;
    open_table = 0;
    if (pending_len)
        printk("%s", pending_skips);
    pending_len = 0;
    raw_flush(name);
}

void table_note(const char *line)
{
    size_t n = strlen(line);

    if (!open_table) {
        printk("%s\n", line);
        return;
    }
    if (pending_len + n + 1 >= sizeof(pending_skips))
        panic("report: too many held-back lines inside table %s", open_table);
    memcpy(pending_skips + pending_len, line, n);
    pending_skips[pending_len + n] = '\n';
    pending_len += n + 1;
    pending_skips[pending_len] = 0;
}

/* measure_row: measure o (sample or batch mode) and print k's row. */
static void measure_row(const struct row_key *k, const struct op *o, int batch)
{
    struct stats st;
    uint32_t n = args.samples;

    if (batch)
        measure_batch(o, n / 10 ? n / 10 : 1, &st);
    else
        measure_samples(o, n, &st);
    table_row(k, &st);
}

void bench_row(const char *bench, const char *variant, const char *param_name,
               uint64_t param, const struct op *o, int batch)
{
    struct row_key k = { bench, variant, param_name, param, 0, 0, 1 };
    measure_row(&k, o, batch);
}

void bench_row_named(const char *bench, const char *variant, const char *param_name,
                     const char *param, const struct op *o, int batch)
{
    struct row_key k = { bench, variant, param_name, 0, param, 0, 1 };
    measure_row(&k, o, batch);
}

void bench_skip(const char *bench, const char *variant, const char *why)
{
    char line[200];

    hm_snprintf(line, sizeof(line), "SKIP: %s/%s (%s)", bench, variant, why);
    table_note(line);
}

/* exit_report: "@tables name:rows,... crc32=X" (or "-" for none), the
 * manifest that lets the host see a table deleted whole; called by hm_exit
 * (and the peer's exit) just before "@done". Only tables that reached
 * table_end are listed. The line is built first and printed by one printk,
 * so that Linux's printk (the peer) does not break it into lines. */
void exit_report(void)
{
    static char line[MAX_TABLES * 48 + 32];
    size_t len;
    int i, n;

    len = (size_t)hm_snprintf(line, sizeof(line), "@tables %s", n_done_tables ? "" : "-");
    for (i = 0; i < n_done_tables; i++) {
        n = hm_snprintf(line + len, sizeof(line) - len, "%s%s:%u", i ? "," : "",
                        done_tables[i].name, done_tables[i].rows);
        if (n <= 0 || (size_t)n >= sizeof(line) - len)
            panic("report: the @tables line does not fit");
        len += (size_t)n;
    }
    n = hm_snprintf(line + len, sizeof(line) - len, " crc32=%08x",
                    crc32_update(crc32_update(0, line + 8, len - 8), "\n", 1));
    if (n <= 0 || (size_t)n >= sizeof(line) - len)
        panic("report: the @tables line does not fit");
    printk("%s\n", line);
}
