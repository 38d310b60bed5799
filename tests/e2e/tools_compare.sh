#!/usr/bin/env bash
# tools_compare.sh - tools/compare: identical runs pass, a +5% p50 under
# icount fails naming the row, a missing row fails, mixed units refuse.
. "$(dirname "$0")/lib.sh"
C=$ROOT/tools/compare
fixture_run a --unit insns
fixture_run same --unit insns
fixture_run slower --unit insns --set kmap_atomic/map_unmap=36.75      # 35 -> 36.75: +5%
fixture_run tiny --unit insns --set kmap_atomic/map_unmap=35.35        # +1%: under 2%
fixture_run faster --unit insns --scale vmalloc/lazy=0.5
fixture_run missing --unit insns --drop tlb/invlpg
fixture_run extra --unit insns --drop shootdown
fixture_run cyc --unit cycles
fixture_run cyc9 --unit cycles --scale tlb/floor=1.09

# cmp_run NAME ARGS...: compare, keep stdout in $TMP/NAME.out, status in rc.
cmp_run() { local n=$1; shift; "$C" "$@" >"$TMP/$n.out" 2>"$TMP/$n.err"; rc=$?; }

cmp_run same "$TMP/a" "$TMP/same"
check_eq "identical runs exit 0" "$rc" 0
n=$(($(wc -l <"$TMP/a/results.csv") - 1))
check_grep "identical runs: all $n rows compared" "^$n rows compared, 0 regressed, 0 missing, 0 new\$" "$TMP/same.out"
check_grep "icount default threshold is 2%" 'unit insns, threshold 2%' "$TMP/same.out"
check_grep "the table has old, new and delta columns" '^kmap/hit cpu0/1 +70 +70 +\+0\.0% +ok$' "$TMP/same.out"

cmp_run slower "$TMP/a" "$TMP/slower"
check_eq "+5% p50 under icount exits 1" "$rc" 1
check_grep "+5% row marked REGRESSED" '^kmap_atomic/map_unmap cpu0/1 +35 +37 +\+5\.[0-9]% +REGRESSED' "$TMP/slower.out"
check_grep "the verdict names the regressed row" 'regressed: kmap_atomic/map_unmap cpu0/1 \+5' "$TMP/slower.out"
cmp_run slower10 "$TMP/a" "$TMP/slower" --threshold 10
check_eq "--threshold 10 lets +5% pass" "$rc" 0
cmp_run tiny "$TMP/a" "$TMP/tiny"
check_eq "+1% under icount is within 2%" "$rc" 0
cmp_run faster "$TMP/a" "$TMP/faster"
check_eq "a faster run exits 0" "$rc" 0
check_grep "faster rows are marked" '^vmalloc/lazy pages=1 cpu0/1 +900 +450 +-50\.0% +faster$' "$TMP/faster.out"

cmp_run missing "$TMP/a" "$TMP/missing"
check_eq "a row missing in B exits 1" "$rc" 1
check_grep "the missing row is named" 'missing in B: tlb/invlpg cpu0/1$' "$TMP/missing.out"
cmp_run extra "$TMP/extra" "$TMP/a"
check_eq "rows new in B are not failures" "$rc" 0
check_grep "new rows are listed" '^shootdown/flush_one cpu0/4 +- +[0-9]+ +- +new$' "$TMP/extra.out"

cmp_run mixed "$TMP/a" "$TMP/cyc"
check_eq "mixed units exit 2 with one line" "$rc $(wc -l <"$TMP/mixed.err")" "2 1"
check_grep "the refusal says why" 'different units' "$TMP/mixed.err"
cmp_run cyc9 "$TMP/cyc" "$TMP/cyc9"
check_eq "cycles default threshold 10% lets +9% pass" "$rc" 0
check_grep "cycles default threshold is 10%" 'unit cycles, threshold 10%' "$TMP/cyc9.out"
cmp_run cyc9t "$TMP/cyc" "$TMP/cyc9" --threshold 5
check_eq "cycles with --threshold 5 fails +9%" "$rc" 1

cmp_run noarg "$TMP/a"
check_eq "one argument is a usage error (2)" "$rc" 2
cmp_run badthr "$TMP/a" "$TMP/a" --threshold lots
check_eq "bad --threshold is a usage error (2)" "$rc" 2
cmp_run norun "$TMP/a" "$TMP/nonexistent"
check_eq "an unreadable run exits 2 with one line" "$rc $(wc -l <"$TMP/norun.err")" "2 1"
finish
