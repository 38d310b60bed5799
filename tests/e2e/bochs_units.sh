#!/usr/bin/env bash
# bochs_units.sh - Bochs counts instructions: a short Bochs bench run
# (tools/run --accel bochs, bench=timing,tlb quick) is labelled
# unit=insns by the runner, every results.csv row carries insns, and its
# tick counts are icount's instruction counts (the empty timed region:
# overhead 11, empty p50 0; tlb refill 1 page: 17), the measurement the
# label rests on (docs/running.md).
. "$(dirname "$0")/lib.sh"
need_image

boot bochs-bench --accel bochs --timeout 150 -- bench=timing,tlb quick
check "bochs bench status 0" "exit $RC: $(tail -n 1 <<<"$OUT")" [ "$RC" -eq 0 ]
check "bochs run carries unit=insns" "no unit=insns on the command line" log_has '^args: .* unit=insns '
tools/extract "$LOG" "$T/run" --accel bochs >"$T/x.out" 2>&1
check "bochs extract" "$(cat "$T/x.out")" [ -s "$T/run/results.csv" ]
units=$(awk -F, 'NR > 1 { print $8 }' "$T/run/results.csv" | sort -u | tr '\n' ' ')
check_eq "bochs results.csv unit column" "$units" "insns "
p50() { awk -F, -v b="$1" -v v="$2" -v p="$3" '$1 == b && $2 == v && $4 == p { print $10 }' "$T/run/results.csv"; }
check_eq "bochs timing empty p50 (icount: 0)" "$(p50 timing empty '')" 0
check_eq "bochs tlb refill pages=1 p50 (icount: 17)" "$(p50 tlb refill 1)" 17
finish
