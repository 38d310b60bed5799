#!/usr/bin/env bash
# bench_table.sh - the benchmark pattern (bench/bench.h, bench/table.h):
# one icount boot of bench=kmap_atomic,tlb quick at -smp 2 must show, for
# each benchmark, its progress lines before its @begin, nothing but rows
# (bench column = the table's name) between @begin and @end, its SKIP
# lines (tlb/invpcid_all: TCG's CPU has no INVPCID) after its @end, and
# kmap_atomic's rows in the documented order although its ncpus=2 rows are
# measured with progress lines in between.
. "$(dirname "$0")/lib.sh"
need_image

boot table --accel icount --smp 2 --mem 1G --timeout 120 -- mode=bench bench=kmap_atomic,tlb quick
check "bench status 0" "runner exit $RC: $(echo "$OUT" | tail -n 1)" [ "$RC" -eq 0 ]

got=$(python3 - "$LOG" <<'PY'
import sys
lines = [l.rstrip("\r\n") for l in open(sys.argv[1], errors="replace")]
out, pos = [], {}
inside = None
for i, l in enumerate(lines):
    if l.startswith("@begin "):
        inside, hdr = l.split()[1], True
        pos[("begin", inside)] = i
    elif inside and l.startswith("@end "):
        pos[("end", inside)] = i
        inside = None
    elif inside:
        if hdr:
            hdr = False
        elif l.split(",")[0] != inside:
            out.append("junk in %s: %s" % (inside, l))
        elif inside == "kmap_atomic":
            f = l.split(",")
            out.append("row %s %s %s %s" % (f[1], f[3] or "-", f[5], f[4]))
    elif l.startswith("-- bench "):
        b = l.split()[2]
        pos[("progress", b)] = max(pos.get(("progress", b), -1), i)
    elif l.startswith("SKIP: "):
        b = l[6:].split("/")[0]
        pos[("skip", b)] = min(pos.get(("skip", b), 1 << 30), i)
for b in ("kmap_atomic", "tlb"):
    if pos.get(("progress", b), 1 << 30) > pos.get(("begin", b), -1):
        out.append("order %s: a progress line after @begin (or none)" % b)
skip = pos.get(("skip", "tlb"))
if skip is None or skip < pos.get(("end", "tlb"), 1 << 30):
    out.append("order tlb: SKIP line missing or before @end")
print("\n".join(out))
PY
)
junk=$(grep -E '^(junk|order)' <<<"$got")
check "tables hold only their rows; progress before, SKIP after" "$junk" [ -z "$junk" ]
want="row map_unmap - 1 0
row map_touch_unmap - 1 0
row nested 1 1 0
row nested 2 1 0
row nested 4 1 0
row nested 8 1 0
row nested 16 1 0
row copy_4k - 1 0
row memcpy_lowmem_4k - 1 0
row map_unmap - 2 0
row map_unmap - 2 1
row map_touch_unmap - 2 0
row map_touch_unmap - 2 1"
check_eq "kmap_atomic rows in order" "$(grep '^row' <<<"$got" | tr '\n' '|')" "$(tr '\n' '|' <<<"$want")"
check "progress lines name each ncpus" "no '-- bench kmap_atomic ncpus=2: map_touch_unmap'" \
  log_has '^-- bench kmap_atomic ncpus=2: map_touch_unmap$'
check "tlb SKIP names the bench and says why" "no SKIP line" \
  log_has '^SKIP: tlb/invpcid_all \(CPU has no INVPCID\)$'
finish
