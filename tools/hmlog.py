"""hmlog - parse and validate an hmbench serial log (README "Output format").

The log is data: nothing in it is ever evaluated, executed or passed to a
shell.  Machine-read lines start with '@' at the beginning of a line:

    @meta <key>=<value>
    @begin <table>        then one CSV header line, then row lines
    @end <table> rows=<N> crc32=<8 hex digits>
    @tables <table>:<rows>,...|- crc32=<8 hex digits>
    @done status=<0..3>

The CRC of a table covers its header line and its rows, each followed by
'\n'.  @tables, the manifest, comes once, after the last table and right
before @done: every table of the run in log order with its row count ("-"
when there is none); its CRC covers that list followed by '\n'.  So a
damaged header, a damaged @begin, or a table deleted whole is refused.

Everything else outside a table is free text for people and is ignored.
Every '\\r' is removed before a line is looked at, so CRLF and progress
spinners are harmless.  Between @begin and @end only the header and rows may
appear (blank lines are skipped); the guest must not print free text there.
"""

import re
import zlib

RESULTS_HEADER = ("bench,variant,param_name,param,cpu,ncpus,samples,unit,"
                  "min,p50,p90,p99,max,mean,stddev,overhead")
RESULTS_COLUMNS = RESULTS_HEADER.split(",")
INT_COLUMNS = ("cpu", "ncpus", "samples")
NUM_COLUMNS = ("min", "p50", "p90", "p99", "max", "mean", "stddev", "overhead")
UNITS = ("cycles", "insns")
HOST_META_KEYS = ("accel", "host_cpu", "host_kernel", "guest_status")
RESERVED_TABLES = ("results", "meta", "serial")

KEY_RE = re.compile(r"[A-Za-z0-9_.-]+\Z")
TABLE_RE = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.-]*\Z")
PRINTABLE_RE = re.compile(r"[\x20-\x7e]*\Z")
INT_RE = re.compile(r"-?[0-9]+\Z")
NUM_RE = re.compile(r"-?[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?\Z")
END_RE = re.compile(r"@end (\S+) rows=([0-9]+) crc32=([0-9A-Fa-f]{8})\Z")
DONE_RE = re.compile(r"@done status=([0-9]+)\Z")
TABLES_RE = re.compile(r"@tables (\S+) crc32=([0-9A-Fa-f]{8})\Z")


class LogError(Exception):
    """A refusal.  table is the table it concerns, or None."""

    def __init__(self, what, table=None):
        super().__init__(what)
        self.what = what
        self.table = table


class Table:
    """One @begin..@end block: name, header field list, rows as field lists,
    and raw row strings (for the CRC)."""

    def __init__(self, name, lineno):
        self.name = name
        self.lineno = lineno
        self.header = None
        self.rows = []
        self.raw = []

    def is_results(self):
        return self.header == RESULTS_COLUMNS


class Log:
    """A parsed log: meta (list of (key, value) in order), tables (in order),
    status (the @done status)."""

    def __init__(self):
        self.meta = []
        self.tables = []
        self.status = None
        self.manifest = None    # [(name, rows)] from @tables


def crc32_rows(raw_rows):
    """IEEE CRC-32 (zlib's) of the lines (a table's header and rows), each
    followed by one '\\n'."""
    crc = 0
    for row in raw_rows:
        crc = zlib.crc32(row.encode("latin-1") + b"\n", crc)
    return crc & 0xFFFFFFFF


def split_lines(data):
    """bytes -> list of str lines with every '\\r' removed (latin-1, so each
    byte maps to one char and re-encoding gives the guest's bytes back)."""
    text = data.decode("latin-1").replace("\r", "")
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return lines


def parse(data):
    """Parse the bytes of a serial log into a Log, or raise LogError."""
    log = Log()
    cur = None
    names = set()
    meta_keys = set()
    for lineno, line in enumerate(split_lines(data), 1):
        where = "line %d" % lineno
        if cur is not None and not line.startswith("@"):
            if line != "":
                _add_line(cur, line, where)
            continue
        if not line.startswith("@"):
            continue
        word = line.split(" ", 1)[0]
        if log.status is not None:
            raise LogError("%s: %s after @done" % (where, word))
        if word == "@meta":
            if cur is not None:
                raise LogError("%s: @meta inside the table" % where, cur.name)
            log.meta.append(_parse_meta(line, where, meta_keys))
        elif word == "@begin":
            name = line[len("@begin "):]
            if cur is not None:
                raise LogError("%s: @begin %s before @end (nested table)"
                               % (where, _show(name)), cur.name)
            _check_table_name(name, where)
            if log.manifest is not None:
                raise LogError("%s: @begin after @tables" % where, name)
            if name in names:
                raise LogError("%s: duplicate table" % where, name)
            names.add(name)
            cur = Table(name, lineno)
            log.tables.append(cur)
        elif word == "@end":
            if cur is None:
                raise LogError("%s: @end without @begin: %s"
                               % (where, _show(line)))
            _finish(cur, line, where)
            cur = None
        elif word == "@tables":
            if cur is not None:
                raise LogError("%s: truncated: @tables before @end (begun at "
                               "line %d)" % (where, cur.lineno), cur.name)
            if log.manifest is not None:
                raise LogError("%s: second @tables line" % where)
            log.manifest = _parse_manifest(line, where)
        elif word == "@done":
            if cur is not None:
                raise LogError("%s: truncated: @done before @end (begun at "
                               "line %d)" % (where, cur.lineno), cur.name)
            if log.manifest is None:
                raise LogError("%s: no @tables line before @done (the "
                               "manifest of the tables)" % where)
            _check_manifest(log, where)
            m = DONE_RE.match(line)
            if not m or int(m.group(1)) > 3:
                raise LogError("%s: bad @done line (want status=0..3): %s"
                               % (where, _show(line)))
            log.status = int(m.group(1))
        else:
            raise LogError("%s: unknown directive %s" % (where, _show(word)),
                           cur.name if cur else None)
    if cur is not None:
        raise LogError("truncated: no @end (begun at line %d)" % cur.lineno,
                       cur.name)
    if log.status is None:
        raise LogError("no @done line: the guest did not finish")
    return log


def _parse_manifest(line, where):
    """'@tables a:3,b:0 crc32=X' -> [("a", 3), ("b", 0)]; "-" is none."""
    m = TABLES_RE.match(line)
    if not m:
        raise LogError("%s: bad @tables line (want @tables <table>:<rows>,"
                       "... crc32=<8 hex>): %s" % (where, _show(line)))
    got = crc32_rows([m.group(1)])
    if got != int(m.group(2), 16):
        raise LogError("%s: @tables crc32 mismatch: line says %s, list "
                       "gives %08x" % (where, m.group(2).lower(), got))
    if m.group(1) == "-":
        return []
    out = []
    for item in m.group(1).split(","):
        name, colon, rows = item.rpartition(":")
        if not colon or not TABLE_RE.match(name) or not rows.isdigit():
            raise LogError("%s: bad @tables item %s" % (where, _show(item)))
        out.append((name, int(rows)))
    return out


def _check_manifest(log, where):
    """The tables found must be exactly those @tables lists, same rows."""
    found = [(t.name, len(t.rows)) for t in log.tables]
    if found == log.manifest:
        return
    listed = dict(log.manifest)
    for name, rows in log.manifest:
        if name not in [f[0] for f in found]:
            raise LogError("%s: listed in @tables (rows=%d) but missing "
                           "from the log" % (where, rows), name)
    for name, rows in found:
        if name not in listed:
            raise LogError("%s: in the log but not listed in @tables"
                           % where, name)
        if listed[name] != rows:
            raise LogError("%s: @tables says rows=%d, found %d"
                           % (where, listed[name], rows), name)
    raise LogError("%s: tables are not in the order @tables lists" % where)


def _show(s, limit=60):
    """s made safe and short for an error line."""
    s = "".join(c if " " <= c <= "~" else "?" for c in s)
    return repr(s[:limit] + ("..." if len(s) > limit else ""))


def _check_table_name(name, where):
    """Refuse names that are not plain file-name words, or that would
    overwrite a run directory's own files."""
    if not TABLE_RE.match(name):
        raise LogError("%s: bad table name %s (want [A-Za-z0-9_.-]+)"
                       % (where, _show(name)))


def _parse_meta(line, where, seen):
    """'@meta key=value' -> (key, value); keys are words, values printable."""
    body = line[len("@meta "):] if line.startswith("@meta ") else ""
    key, eq, value = body.partition("=")
    if not eq or not KEY_RE.match(key):
        raise LogError("%s: bad @meta line (want @meta key=value with key "
                       "[A-Za-z0-9_.-]+): %s" % (where, _show(line)))
    if not PRINTABLE_RE.match(value):
        raise LogError("%s: @meta %s: value has unprintable characters"
                       % (where, key))
    if key in HOST_META_KEYS:
        raise LogError("%s: @meta %s: key is reserved for the host"
                       % (where, key))
    if key in seen:
        raise LogError("%s: duplicate @meta key %s" % (where, key))
    seen.add(key)
    return key, value


def _add_line(t, line, where):
    """Add the header (first line) or a row to table t, checking fields."""
    if not PRINTABLE_RE.match(line) or '"' in line:
        raise LogError("%s: unprintable characters or quotes in %s"
                       % (where, "header" if t.header is None else "row"),
                       t.name)
    fields = line.split(",")
    if t.header is None:
        if not all(KEY_RE.match(f) for f in fields):
            raise LogError("%s: bad CSV header %s" % (where, _show(line)),
                           t.name)
        if len(set(fields)) != len(fields):
            raise LogError("%s: repeated column in header" % where, t.name)
        t.header = fields
        if not t.is_results() and t.name in RESERVED_TABLES:
            raise LogError("%s: table name is reserved" % where, t.name)
        return
    if len(fields) != len(t.header):
        raise LogError("%s: row has %d fields, header has %d"
                       % (where, len(fields), len(t.header)), t.name)
    if t.is_results():
        _check_result_row(t, dict(zip(t.header, fields)), where)
    t.rows.append(fields)
    t.raw.append(line)


def _check_result_row(t, row, where):
    """Refuse a results row whose typed columns do not parse."""
    if row["bench"] != t.name:
        raise LogError("%s: row bench %s is not the table name"
                       % (where, _show(row["bench"])), t.name)
    if row["unit"] not in UNITS:
        raise LogError("%s: unit %s is not cycles or insns"
                       % (where, _show(row["unit"])), t.name)
    for col in INT_COLUMNS:
        if not INT_RE.match(row[col]):
            raise LogError("%s: column %s: %s is not an integer"
                           % (where, col, _show(row[col])), t.name)
    for col in NUM_COLUMNS:
        if not NUM_RE.match(row[col]):
            raise LogError("%s: column %s: %s is not a number"
                           % (where, col, _show(row[col])), t.name)


def _finish(t, line, where):
    """Check an @end line against table t: name, row count, CRC."""
    m = END_RE.match(line)
    if not m:
        raise LogError("%s: bad @end line (want @end <table> rows=<N> "
                       "crc32=<8 hex>): %s" % (where, _show(line)), t.name)
    if m.group(1) != t.name:
        raise LogError("%s: @end names %s, open table is %s"
                       % (where, _show(m.group(1)), t.name), t.name)
    if t.header is None:
        raise LogError("%s: no CSV header line" % where, t.name)
    want = int(m.group(2))
    if want != len(t.rows):
        raise LogError("row count mismatch: @end says rows=%d, found %d"
                       % (want, len(t.rows)), t.name)
    got = crc32_rows([",".join(t.header)] + t.raw)
    if got != int(m.group(3), 16):
        raise LogError("crc32 mismatch: @end says %s, header and rows give %08x"
                       % (m.group(3).lower(), got), t.name)
