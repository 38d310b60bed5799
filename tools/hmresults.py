"""hmresults - read a run directory (results.csv, meta.csv) for the host
tools, and the small row helpers that plot, compare and summary share."""

import csv
import os
import re

import hmlog

NAME_RE = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.-]*\Z")
NO_PARAM = ("", "-", "none")


def one_line(msg):
    """msg as one printable line for stderr: newlines become spaces, other
    control bytes and non-ASCII become '?' (bad input never reaches the
    terminal raw)."""
    msg = msg.replace("\n", " ")
    return "".join(c if " " <= c <= "~" else "?" for c in msg)


class RunError(Exception):
    """The run directory cannot be read; the message is one line."""


def results_path(run):
    """RUN may be a run directory or a results.csv file itself."""
    return run if os.path.isfile(run) else os.path.join(run, "results.csv")


def load_rows(run):
    """-> list of row dicts from RUN's results.csv, numeric columns as
    float/int, in file order.  Raises RunError when it is missing or bad."""
    path = results_path(run)
    try:
        with open(path, newline="", encoding="ascii", errors="replace") as f:
            reader = csv.reader(f)
            header = next(reader, None)
            if header != hmlog.RESULTS_COLUMNS:
                raise RunError("%s: not a results table (header is %s)"
                               % (path, ",".join(header or [])[:80] or
                                  "missing"))
            rows = [_typed(path, n, header, fields)
                    for n, fields in enumerate(reader, 2)]
    except OSError as e:
        raise RunError("%s: cannot read: %s" % (path, e.strerror))
    return rows


def _typed(path, lineno, header, fields):
    """One CSV record -> row dict, or RunError naming the line."""
    if len(fields) != len(header):
        raise RunError("%s: line %d: %d fields, want %d"
                       % (path, lineno, len(fields), len(header)))
    row = dict(zip(header, fields))
    if not NAME_RE.match(row["bench"]):
        raise RunError("%s: line %d: bad bench name %r"
                       % (path, lineno, row["bench"][:40]))
    try:
        for col in hmlog.INT_COLUMNS:
            row[col] = int(row[col])
        for col in hmlog.NUM_COLUMNS:
            row[col] = float(row[col])
    except ValueError:
        raise RunError("%s: line %d: column %s is not a number"
                       % (path, lineno, col))
    return row


def load_meta(run):
    """-> dict of meta.csv next to results.csv; empty when absent."""
    path = os.path.join(os.path.dirname(results_path(run)), "meta.csv")
    meta = {}
    try:
        with open(path, newline="", encoding="ascii", errors="replace") as f:
            for rec in csv.reader(f):
                if len(rec) == 2 and rec[0] != "key":
                    meta[rec[0]] = rec[1]
    except OSError:
        pass
    return meta


def row_key(row):
    """The identity of a measured point across runs."""
    return (row["bench"], row["variant"], row["param_name"], row["param"],
            row["cpu"], row["ncpus"])


def has_param(row):
    """Whether the row names a param (param_name not empty, '-', 'none')."""
    return row["param_name"] not in NO_PARAM


def label(row):
    """'variant' or 'variant param_name=param'."""
    if has_param(row):
        return "%s %s=%s" % (row["variant"], row["param_name"], row["param"])
    return row["variant"]


def number(s):
    """s as a float, or None when it is not a number."""
    try:
        return float(s)
    except ValueError:
        return None


def param_value(row):
    """The row's param as a float, or None when it is not a number."""
    return number(row["param"])


def base_rows(rows):
    """The rows of cpu 0 at the smallest ncpus of each bench: the
    single-CPU numbers that the per-bench charts and the summary show."""
    low = {}
    for r in rows:
        low[r["bench"]] = min(low.get(r["bench"], r["ncpus"]), r["ncpus"])
    return [r for r in rows if r["cpu"] == 0 and r["ncpus"] == low[r["bench"]]]


def benches(rows):
    """Bench names in order of first appearance."""
    seen = []
    for r in rows:
        if r["bench"] not in seen:
            seen.append(r["bench"])
    return seen


def median(values):
    v = sorted(values)
    n = len(v)
    return v[n // 2] if n % 2 else (v[n // 2 - 1] + v[n // 2]) / 2


def unit_label(units):
    """Axis label for a set of units."""
    names = {"cycles": "cycles (TSC ticks)",
             "insns": "guest instructions (icount)"}
    return " / ".join(names.get(u, u) for u in sorted(set(units))) or "cost"


def fmt(x):
    """A p50 for people: integers without '.0', others to 1 decimal."""
    return "%d" % x if x == int(x) else "%.1f" % x
