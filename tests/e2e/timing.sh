#!/usr/bin/env bash
# timing.sh - the measuring core (issue "timing:"), under icount where the
# answers are exact:
#   - bench=timing: empty p50 = 0 (the overhead subtraction leaves nothing
#     of an empty op), overhead min = p50, tsc_read > 0, and @meta
#     overhead_min/overhead_p50 for every CPU with no unstable-overhead
#     WARNING;
#   - concurrent_windows_overlap at -smp 2 and 4 (icount) and 2 (TCG):
#     every CPU's timed window lies >= 99% inside the common busy window;
#   - raw=1: one raw sample per sample of every row (counts equal the
#     samples column), raw.csv written, kmap_cdf.png drawn, and the log's
#     machine-read lines without its .raw tables are byte-identical to a
#     run without raw=1 (the command line aside); tools/extract refuses a raw table with a
#     wrong @end count, a wrong CRC, or a consistent table one sample
#     short of its row.
. "$(dirname "$0")/lib.sh"
need_image

boot timing --accel icount --smp 2 --mem 256M --timeout 120 -- bench=timing quick
check "timing bench status 0" "runner exit $RC: $(tail -n 1 <<<"$OUT")" [ "$RC" -eq 0 ]
tools/extract "$LOG" "$T/timing" >"$T/x.out" 2>&1
check "timing extract" "$(cat "$T/x.out")" [ -s "$T/timing/results.csv" ]
col() {  # col VARIANT COLUMN: the column of timing/<variant> in results.csv
  awk -F, -v v="$1" -v c="$2" 'NR == 1 { for (i = 1; i <= NF; i++) h[$i] = i; next }
    $1 == "timing" && $2 == v { print $(h[c]) }' "$T/timing/results.csv"
}
check_eq "icount: timing empty p50 is 0" "$(col empty p50)" 0
check_eq "icount: timing empty max is 0" "$(col empty max)" 0
check_eq "icount: timing overhead min = p50" "$(col overhead min)" "$(col overhead p50)"
check_eq "icount: timing empty overhead column = overhead p50" "$(col empty overhead)" "$(col overhead p50)"
check "icount: timing tsc_read p50 > 0" "got '$(col tsc_read p50)'" [ "$(col tsc_read p50)" -gt 0 ]
for c in 0 1; do
  check_grep "@meta overhead_min.cpu$c" "^overhead_min\.cpu$c,[0-9]+$" "$T/timing/meta.csv"
  check_grep "@meta overhead_p50.cpu$c" "^overhead_p50\.cpu$c,[0-9]+$" "$T/timing/meta.csv"
done
check "icount: no unstable-overhead warning" "$(log_line 'WARNING: timing')" eval '! log_has "WARNING: timing"'

for cfg in "icount 2" "icount 4" "tcg 2"; do
  set -- $cfg
  boot "overlap-$1-$2" --accel "$1" --smp "$2" --mem 256M --timeout 120 -- mode=selftest \
    test=concurrent_windows_overlap
  check "$1 -smp $2: concurrent_windows_overlap" \
    "exit $RC: $(log_line '^(FAIL|SKIP): concurrent_windows_overlap')" log_has '^PASS: concurrent_windows_overlap$'
done

# raw=1 round trip, and nothing else changes.
words=(bench=timing,kmap quick)
boot raw --accel icount --smp 2 --mem 1G --timeout 300 -- "${words[@]}" raw=1
rawlog=$LOG
check "raw=1 status 0" "runner exit $RC: $(tail -n 1 <<<"$OUT")" [ "$RC" -eq 0 ]
tools/extract "$rawlog" "$T/raw" >"$T/xr.out" 2>&1
check "raw=1 extract" "$(cat "$T/xr.out")" [ -s "$T/raw/raw.csv" ]
bad=$(python3 - "$T/raw" <<'PY'
import csv, sys, collections
d = sys.argv[1]
key = ("bench", "variant", "param_name", "param", "cpu", "ncpus")
want = {tuple(r[k] for k in key): int(r["samples"]) for r in csv.DictReader(open(d + "/results.csv"))}
got = collections.Counter(tuple(r[k] for k in key) for r in csv.DictReader(open(d + "/raw.csv")))
bad = [("/".join(k), got[k], n) for k, n in want.items() if got[k] != n]
print("%d rows; " % len(want) + "; ".join("%s: %d raw, samples %d" % b for b in bad[:3]) if bad or not want else "")
PY
)
check "raw=1: raw sample count of every row = its samples column" "$bad" [ -z "$bad" ]
tools/plot "$T/raw" >"$T/plot.out" 2>&1
check "raw=1: plot draws kmap_cdf.png" "$(cat "$T/plot.out")" [ -s "$T/raw/kmap_cdf.png" ]
boot noraw --accel icount --smp 2 --mem 1G --timeout 300 -- "${words[@]}"
strip() {  # the machine-read lines (@ lines, table rows) but .raw tables, their
  # entries in the @tables manifest (and so its CRC) and the command line
  tr -d '\r' <"$1" | awk '/^@tables / { gsub(/,?[A-Za-z0-9_.-]+\.raw:[0-9]+/, ""); sub(/ crc32=.*/, "") }
    /^@begin / { t = 1; skip = ($0 ~ /\.raw$/) } (t || /^@/) && !skip && !/^@meta cmdline=/
    /^@end / { t = 0; skip = 0 }'
}
strip "$rawlog" >"$T/raw.stripped"; strip "$LOG" >"$T/noraw.stripped"
check "raw=1 comparison sees the tables" "no '@begin kmap' in $T/noraw.stripped" grep -qx '@begin kmap' "$T/noraw.stripped"
check "raw=1 adds only the .raw tables" "$(diff "$T/noraw.stripped" "$T/raw.stripped" | head -n 4)" \
  cmp -s "$T/noraw.stripped" "$T/raw.stripped"
check "without raw=1 no .raw table" "a .raw table in $LOG" eval '! log_has "^@begin .*\.raw$"'

# Corrupt raw tables are refused with one line naming the table.
corrupt() {  # corrupt NAME PYTHON-EXPR-ON-lines: write $T/NAME.log, extract it
  python3 - "$rawlog" "$T/$1.log" "$2" <<'PY'
import sys, zlib
lines = open(sys.argv[1], encoding="latin-1").read().replace("\r", "").split("\n")
b = lines.index("@begin timing.raw"); e = next(i for i in range(b, len(lines)) if lines[i].startswith("@end timing.raw"))
def fix_end():  # a consistent @end (header and rows) and @tables for the rows left
    rows = lines[b + 2:e2()]
    crc = zlib.crc32((lines[b + 1] + "\n").encode())
    for r in rows:
        crc = zlib.crc32((r + "\n").encode(), crc)
    lines[e2()] = "@end timing.raw rows=%d crc32=%08x" % (len(rows), crc & 0xffffffff)
    m = next(i for i in range(len(lines)) if lines[i].startswith("@tables "))
    items = [("timing.raw:%d" % len(rows)) if x.startswith("timing.raw:") else x
             for x in lines[m].split(" ")[1].split(",")]
    body = ",".join(items)
    lines[m] = "@tables %s crc32=%08x" % (body, zlib.crc32((body + "\n").encode()) & 0xffffffff)
def e2():
    return next(i for i in range(b, len(lines)) if lines[i].startswith("@end timing.raw"))
exec(sys.argv[3])
open(sys.argv[2], "w", encoding="latin-1").write("\n".join(lines))
PY
  ERR=$(tools/extract "$T/$1.log" "$T/$1" 2>&1 >/dev/null); XRC=$?
}
corrupt count 'lines[e] = lines[e].replace("rows=600", "rows=601")'
check "extract refuses a raw table with a wrong count" "exit $XRC: $ERR" \
  eval '[ $XRC -eq 1 ] && grep -q "table timing.raw: row count mismatch" <<<"$ERR" && [ ! -e "$T/count/raw.csv" ]'
corrupt crc 'lines[b + 2] = lines[b + 2].split(",")[0] + ",7"'
check "extract refuses a raw table with a wrong CRC" "exit $XRC: $ERR" \
  eval '[ $XRC -eq 1 ] && grep -q "table timing.raw: crc32 mismatch" <<<"$ERR"'
corrupt short 'del lines[b + 2]; fix_end()'
check "extract refuses a raw row one sample short" "exit $XRC: $ERR" \
  eval '[ $XRC -eq 1 ] && grep -q "table timing.raw: row 0 (timing/empty): 199 raw samples, its samples column says 200" <<<"$ERR"'
finish
