/* table.c - CSV tables with row counts and CRCs; see table.h. */
#include "bench/table.h"
#include "bench/crc32.h"
#include "bench/raw.h"
#include "boot/console.h"
#include "boot/format.h"
#include "boot/string.h"

const char *tick_unit = "cycles";

static const char *open_table;
static int streamed;                    /* the open table prints its lines at once */
static uint32_t table_rows, table_crc;
static const char *header_line;

/* Every table printed so far, for the manifest at the run's end (names are
 * copied: raw tables are named in a reused buffer). */
#define MAX_TABLES 128
static struct { char name[40]; uint32_t rows; } done_tables[MAX_TABLES];
static int n_done_tables;
static char held_rows[TABLE_BYTES];     /* the open results table's rows, '\n' after each */
static size_t held_len;
static char pending_notes[4096];        /* note and SKIP lines wait for @end */
static size_t pending_len;

static const char results_header[] =
    "bench,variant,param_name,param,cpu,ncpus,samples,unit,min,p50,p90,p99,max,mean,stddev,"
    "overhead";

/* table_crc_line: print one line of the open table (header or row) and
 * add it to the table's CRC. */
static void table_crc_line(const char *line, size_t n)
{
    table_crc = crc32_update(table_crc, line, n);
    table_crc = crc32_update(table_crc, "\n", 1);
    printk("%.*s\n", (int)n, line);
}

/* table_open: make name the open table; nothing printed. */
static void table_open(const char *name, const char *header, int stream)
{
    if (open_table)
        panic("table: table %s begun while %s is open", name, open_table);
    open_table = name;
    streamed = stream;
    header_line = header;
    table_rows = 0;
    table_crc = 0;
    held_len = 0;
}

void table_begin_cols(const char *name, const char *header)
{
    table_open(name, header, 1);
    printk("@begin %s\n", name);
    table_crc_line(header, strlen(header));     /* the header is under the CRC too */
}

void table_begin(const char *name)
{
    table_open(name, results_header, 0);
}

void table_begin_now(const char *name)
{
    table_begin_cols(name, results_header);
}

const char *table_name(void)
{
    return open_table;
}

void table_line(const char *line, size_t n)
{
    if (!open_table)
        panic("table: a row outside a table: %s", line);
    table_rows++;
    if (streamed) {
        table_crc_line(line, n);
        return;
    }
    if (held_len + n + 1 > sizeof(held_rows))
        panic("table %s: its rows outgrow %u bytes (TABLE_BYTES)", open_table,
              (unsigned)sizeof(held_rows));
    memcpy(held_rows + held_len, line, n);
    held_rows[held_len + n] = '\n';
    held_len += n + 1;
}

void table_row(const struct row_key *k, const struct stats *st)
{
    const char *pname = k->param_name ? k->param_name : "";
    char line[320], param[24] = "";
    int n;

    if (!open_table)
        panic("table: row %s outside a table", k->variant);
    if (pname[0] && k->param_str)
        hm_snprintf(param, sizeof(param), "%s", k->param_str);
    else if (pname[0])
        hm_snprintf(param, sizeof(param), "%llu", (unsigned long long)k->param);
    n = hm_snprintf(line, sizeof(line),
                    "%s,%s,%s,%s,%d,%d,%u,%s,%llu,%llu,%llu,%llu,%llu,%llu.%02llu,%llu.%02llu,%llu",
                    open_table, k->variant, pname, param, k->cpu, k->ncpus, st->samples,
                    tick_unit, st->min, st->p50, st->p90, st->p99, st->max,
                    st->mean_x100 / 100, st->mean_x100 % 100, st->stddev_x100 / 100,
                    st->stddev_x100 % 100, st->overhead);
    if (n <= 0 || (size_t)n >= sizeof(line))
        panic("table: row of %s/%s does not fit", open_table, k->variant);
    if (st->raw)
        raw_note_row(table_rows, st->raw);
    tlbmodel_row_print(st);             /* ACCEL=model image only */
    table_line(line, (size_t)n);
}

/* print_held: @begin, the header and the kept rows of a results table. */
static void print_held(void)
{
    size_t at = 0;

    printk("@begin %s\n", open_table);
    table_crc_line(header_line, strlen(header_line));
    while (at < held_len) {
        size_t n = 0;

        while (held_rows[at + n] != '\n')
            n++;
        table_crc_line(held_rows + at, n);
        at += n + 1;
    }
    held_len = 0;
}

void table_end(void)
{
    const char *name = open_table;

    if (!open_table)
        panic("table: table_end without a table");
    if (!streamed)
        print_held();
    printk("@end %s rows=%u crc32=%08x\n", open_table, table_rows, table_crc);
    if (n_done_tables == MAX_TABLES)
        panic("table: more than %d tables", MAX_TABLES);
    if (strlen(open_table) >= sizeof(done_tables[0].name))
        panic("table: table name %s too long for the manifest", open_table);
    memcpy(done_tables[n_done_tables].name, open_table, strlen(open_table) + 1);
    done_tables[n_done_tables].rows = table_rows;
    n_done_tables++;
    open_table = 0;
    if (pending_len)
        printk("%s", pending_notes);
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
    if (pending_len + n + 1 >= sizeof(pending_notes))
        panic("table: too many held-back lines inside table %s", open_table);
    memcpy(pending_notes + pending_len, line, n);
    pending_notes[pending_len + n] = '\n';
    pending_len += n + 1;
    pending_notes[pending_len] = 0;
}

void table_skip(const char *variant, const char *why)
{
    char line[200];

    hm_snprintf(line, sizeof(line), "SKIP: %s/%s (%s)", open_table ? open_table : "-", variant,
                why);
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
            panic("table: the @tables line does not fit");
        len += (size_t)n;
    }
    n = hm_snprintf(line + len, sizeof(line) - len, " crc32=%08x",
                    crc32_update(crc32_update(0, line + 8, len - 8), "\n", 1));
    if (n <= 0 || (size_t)n >= sizeof(line) - len)
        panic("table: the @tables line does not fit");
    printk("%s\n", line);
}
