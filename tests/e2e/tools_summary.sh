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

# Beside a tlb_model.csv (ACCEL=model) the same key rows get their
# modelled TLB events; an unreadable one is one line and status 1.
cp -r "$TMP/met" "$TMP/model"
hdr=bench,variant,param_name,param,cpu,ncpus,ops,dtlb_miss,dtlb_miss_4k,dtlb_miss_2m,walks,itlb_miss,flush_one,flush_full,dropped_per_full,remote_flush_one,remote_flush_full
printf '%s\n%s\n' "$hdr" "kmap,hit,,,0,1,200,0.250000,0.250000,0,0.500000,0,1.000000,0.002000,13,0,0" >"$TMP/model/tlb_model.csv"
"$S" "$TMP/model" >"$TMP/model.out" 2>&1
check_eq "summary with a tlb_model.csv exits 0" $? 0
check_grep "modelled events of a key row" '^  kmap +hit +0\.250000 +0\.500000 +0 +1\.000000 +0\.002000$' "$TMP/model.out"
check "no model block without tlb_model.csv" "a model line in the plain summary" \
  bash -c "! grep -q 'modelled TLB' '$TMP/met.out'"
sed -i 's/^accel,.*/accel,model/' "$TMP/model/meta.csv"
grep -q '^accel,model$' "$TMP/model/meta.csv" || echo accel,model >>"$TMP/model/meta.csv"
"$S" "$TMP/model" >"$TMP/model2.out" 2>&1
check_grep "no MET/MISSED under ACCEL=model (its image counts markers)" \
  '^  kmap hit p50 +80 insns +target <= 80 insns +judged under icount' "$TMP/model2.out"
printf 'bench,variant\nkmap,hit\n' >"$TMP/model/tlb_model.csv"
"$S" "$TMP/model" >/dev/null 2>"$TMP/model.err"
check_eq "a tlb_model.csv without its columns: exit 1, one line" "$? $(wc -l <"$TMP/model.err")" "1 1"

mkdir -p "$TMP/none"
"$S" "$TMP/none" >/dev/null 2>"$TMP/none.err"
check_eq "no results.csv: exit 1, one line" "$? $(wc -l <"$TMP/none.err")" "1 1"
finish
