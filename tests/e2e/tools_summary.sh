#!/usr/bin/env bash
# tools_summary.sh - tools/summary: key p50s, MET/MISSED under icount.
. "$(dirname "$0")/lib.sh"
S=$ROOT/tools/summary
fixture_run met --unit insns --set kmap_atomic/map_unmap=40 --set kmap/hit=80 --set tlb/floor=20
fixture_run missed --unit insns --set kmap_atomic/map_unmap=41 --set kmap/hit=95
fixture_run cyc --unit cycles
fixture_run partial --unit insns --drop kmap --drop tlb

"$S" "$TMP/met" >"$TMP/met.out" 2>&1
check_eq "summary exits 0" $? 0
check_grep "a key row with p50, p99, unit" '^  tlb +floor +20 +26 +insns +1$' "$TMP/met.out"
check_grep "a sweep shows its last point" '^  kmap +cycle working_set=2048 +2450 ' "$TMP/met.out"
check_grep "map_unmap at the 40 limit is MET, ratio to tlb floor" \
  '^  kmap_atomic map_unmap p50 +40 insns +target <= 40 insns +MET +2\.00x tlb floor$' "$TMP/met.out"
check_grep "kmap hit at the 80 limit is MET" '^  kmap hit p50 +80 insns +target <= 80 insns +MET +4\.00x' "$TMP/met.out"

"$S" "$TMP/missed" >"$TMP/missed.out" 2>&1
check_grep "map_unmap at 41 is MISSED" '^  kmap_atomic map_unmap p50 +41 insns +target <= 40 insns +MISSED' "$TMP/missed.out"
check_grep "kmap hit at 95 is MISSED" '^  kmap hit p50 +95 insns +target <= 80 insns +MISSED' "$TMP/missed.out"

"$S" "$TMP/cyc" >"$TMP/cyc.out" 2>&1
check "no MET/MISSED under cycles" "command failed" test -z "$(grep -E 'MET|MISSED' "$TMP/cyc.out")"
check_grep "cycles rows say cycles" '^  kmap +hit +210 +273 +cycles' "$TMP/cyc.out"

"$S" "$TMP/partial" >"$TMP/partial.out" 2>&1
check_eq "absent benches are not shown, no failure" "$? $(grep -cE '^  (kmap|tlb) ' "$TMP/partial.out")" "0 0"
check_grep "the rest still shows" '^  kmap_atomic +map_unmap +35 ' "$TMP/partial.out"
check_grep "target without tlb floor shows no ratio" 'kmap_atomic map_unmap p50 +35 insns +target <= 40 insns +MET$' "$TMP/partial.out"

mkdir -p "$TMP/none"
"$S" "$TMP/none" >/dev/null 2>"$TMP/none.err"
check_eq "no results.csv: exit 1, one line" "$? $(wc -l <"$TMP/none.err")" "1 1"
finish
