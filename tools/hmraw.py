"""hmraw - the raw=1 sample tables of an hmbench log (bench/raw.h).

A results table <t> whose rows kept their samples is followed by a table
<t>.raw with the header "row,value": one line per sample, row being the
0-based index of the row in <t>.  hmlog has already checked each table's
row count and CRC; this module checks what joins them and turns them into
raw.csv rows: bench,variant,param_name,param,cpu,ncpus,unit,value.
"""

import hmlog

RAW_HEADER = ["row", "value"]
RAW_COLUMNS = ["bench", "variant", "param_name", "param", "cpu", "ncpus",
               "unit", "value"]
KEY_COLUMNS = RAW_COLUMNS[:7]


def is_raw(table):
    """True for a <t>.raw sample table."""
    return table.name.endswith(".raw") and table.header == RAW_HEADER


def raw_rows(log):
    """-> list of raw.csv rows (field lists), in log order; raises
    hmlog.LogError naming the raw table when it does not match its results
    table: unknown table, bad row index or value, or a row whose sample
    count differs from its samples column."""
    by_name = {t.name: t for t in log.tables}
    out = []
    for t in log.tables:
        if not is_raw(t):
            continue
        base = by_name.get(t.name[:-len(".raw")])
        if base is None or not base.is_results():
            raise hmlog.LogError("raw samples for a results table the log "
                                 "does not have", t.name)
        counts = [0] * len(base.rows)
        col = {c: i for i, c in enumerate(base.header)}
        for n, (row, value) in enumerate(t.rows, 1):
            if not row.isdigit() or int(row) >= len(base.rows):
                raise hmlog.LogError("sample %d: row %s is not a row of %s"
                                     % (n, hmlog._show(row), base.name),
                                     t.name)
            if not value.isdigit():
                raise hmlog.LogError("sample %d: value %s is not a count of "
                                     "ticks" % (n, hmlog._show(value)),
                                     t.name)
            counts[int(row)] += 1
            r = base.rows[int(row)]
            out.append([r[col[c]] for c in KEY_COLUMNS] + [value])
        for i, r in enumerate(base.rows):
            want = int(r[col["samples"]])
            if counts[i] and counts[i] != want:
                raise hmlog.LogError("row %d (%s/%s): %d raw samples, its "
                                     "samples column says %d"
                                     % (i, r[col["bench"]], r[col["variant"]],
                                        counts[i], want), t.name)
    return out
