"""hmtlb - the TLB model's records (LOG.tlb, written by the plugin
tools/tlbmodel under ACCEL=model) joined to the results rows they belong
to, as the rows of tlb_model.csv (docs/tlbmodel.md).

The plugin writes one `row seq=S ...` record per measurement and one
`print seq=S` line each time the guest prints a results row, in the order
the rows are printed; the n-th print line belongs to the n-th results row.
"""
import re

TLB_COLUMNS = ["bench", "variant", "param_name", "param", "cpu", "ncpus",
               "ops", "dtlb_miss", "dtlb_miss_4k", "dtlb_miss_2m", "walks",
               "itlb_miss", "flush_one", "flush_full", "dropped_per_full",
               "remote_flush_one", "remote_flush_full"]
ROW_KEYS = ("seq", "vcpu", "regions", "ops", "batch", "dtlb4k", "dtlb2m",
            "itlb", "walks", "one", "full", "dropped", "rone", "rfull", "local",
            "xinvlpg", "xcr3", "xcr4", "xinvpcid")
_ROW = re.compile(r"^row " + " ".join(k + r"=(\d+)" for k in ROW_KEYS) + "$")
_PRINT = re.compile(r"^print seq=(\d+)$")
_END = re.compile(r"^end accesses=(\d+) markers=(\d+) bad_markers=(\d+)$")
_GEOM = re.compile(r"^tlbmodel geometry (.*)$")


class TlbError(Exception):
    """A record file that cannot be used; str() is the one-line reason."""


def parse(text):
    """-> (geometry string, {seq: record dict}, [seq of each printed row]).
    Raises TlbError for anything but a whole, well-formed file."""
    lines = text.splitlines()
    if not lines or not _GEOM.match(lines[0]):
        raise TlbError("no 'tlbmodel geometry' first line (not the plugin's output)")
    geom = _GEOM.match(lines[0]).group(1)
    rows, prints, end = {}, [], None
    for n, line in enumerate(lines[1:], 2):
        if end is not None:
            raise TlbError("line %d: text after the 'end' line" % n)
        m = _ROW.match(line)
        if m:
            rec = dict(zip(ROW_KEYS, (int(v) for v in m.groups())))
            if rec["seq"] in rows:
                raise TlbError("line %d: measurement %d twice" % (n, rec["seq"]))
            if rec["regions"] and rec["regions"] != rec["ops"]:
                raise TlbError("line %d: measurement %d: the guest timed %d regions, the plugin saw %d"
                               % (n, rec["seq"], rec["ops"], rec["regions"]))
            # Every flush instruction the plugin decoded must have come
            # with its marker, or the model missed a flush.
            if rec["xinvlpg"] != rec["one"] or rec["xcr3"] != rec["local"] or \
                    rec["full"] - rec["local"] > rec["xcr4"] + rec["xinvpcid"]:
                raise TlbError("line %d: measurement %d: %d invlpg and %d CR3 writes ran, but %d and %d "
                               "were announced: a flush without its marker"
                               % (n, rec["seq"], rec["xinvlpg"], rec["xcr3"], rec["one"], rec["local"]))
            rows[rec["seq"]] = rec
            continue
        m = _PRINT.match(line)
        if m:
            prints.append(int(m.group(1)))
            continue
        m = _END.match(line)
        if m:
            end = m
            if int(m.group(3)):
                raise TlbError("the plugin saw %s malformed markers" % m.group(3))
            continue
        raise TlbError("line %d: not a record: %.60s" % (n, line))
    if end is None:
        raise TlbError("no 'end' line: the run stopped before QEMU exited cleanly")
    return geom, rows, prints


def _per_op(count, ops):
    return "%.6f" % (count / ops) if ops else "0"


def table(results, text, guest_ok=True):
    """-> (geometry, tlb_model.csv rows) for the results rows (lists in
    RESULTS_COLUMNS order) of a model run; raises TlbError when the records
    do not match the rows one to one. A guest that failed (guest_ok false)
    may have stopped inside a table, whose rows were measured (and their
    records written) but never printed: those last records are dropped."""
    geom, rows, prints = parse(text)
    if not guest_ok and len(prints) > len(results):
        prints = prints[:len(results)]
    if len(prints) != len(results):
        raise TlbError("%d results rows but %d printed-row records" % (len(results), len(prints)))
    out = []
    for r, seq in zip(results, prints):
        rec = rows.get(seq)
        if rec is None:
            raise TlbError("row %s/%s: measurement %d has no record" % (r[0], r[1], seq))
        ops = rec["ops"] * rec["batch"]
        d = rec["dtlb4k"] + rec["dtlb2m"]
        out.append(list(r[:6]) + [
            str(ops), _per_op(d, ops), _per_op(rec["dtlb4k"], ops), _per_op(rec["dtlb2m"], ops),
            _per_op(rec["walks"], ops), _per_op(rec["itlb"], ops), _per_op(rec["one"], ops),
            _per_op(rec["full"], ops),
            "%.2f" % (rec["dropped"] / rec["full"]) if rec["full"] else "0",
            _per_op(rec["rone"], ops), _per_op(rec["rfull"], ops)])
    return geom, out
