#!/usr/bin/env bash
# icount.sh - determinism and the regression gate. Two icount runs of the
# canonical configuration (tools/icount-run) must give identical
# results.csv rows, and a fresh run must pass tools/compare against the
# committed baseline results/baseline/icount (2% threshold). The fresh run
# is kept as results/ci/ (CSV and charts): CI uploads it as an artifact.
. "$(dirname "$0")/lib.sh"

tools/icount-run "$T/a" >"$T/a.out" 2>&1; rca=$?
check "icount run 1 succeeds" "status $rca: $(tail -n 2 "$T/a.out")" [ $rca -eq 0 ]
tools/icount-run "$T/b" >"$T/b.out" 2>&1; rcb=$?
check "icount run 2 succeeds" "status $rcb: $(tail -n 2 "$T/b.out")" [ $rcb -eq 0 ]
check "icount rows are insns" "unit column is not insns" \
  awk -F, 'NR > 1 && $8 != "insns" { bad = 1 } END { exit bad || NR < 2 }' "$T/a/results.csv"
check "two icount runs give identical rows" "$(diff "$T/a/results.csv" "$T/b/results.csv" | head -n 4)" \
  cmp -s "$T/a/results.csv" "$T/b/results.csv"
check "baseline exists" "results/baseline/icount/results.csv missing (make baseline)" \
  [ -s results/baseline/icount/results.csv ]
tools/compare results/baseline/icount "$T/a" >"$T/cmp.out" 2>&1; rc=$?
check "fresh icount run within 2% of the baseline" \
  "compare exit $rc: $(grep -E 'REGRESS|missing|refuse' "$T/cmp.out" | head -n 3)" [ $rc -eq 0 ]
rm -rf results/ci && mkdir -p results && cp -r "$T/a" results/ci
has_ci() { [ -s results/ci/results.csv ] && ls results/ci/*.png >/dev/null 2>&1; }
check "results/ci has CSV and charts" "missing" has_ci
finish
