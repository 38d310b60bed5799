#!/usr/bin/env bash
# bochs_smoke.sh - the image boots in Bochs (through tools/run --accel
# bochs, which hands over to tools/bochs) and its self-tests pass, judged
# from the serial log; the boot time is printed as a "#" line. A Bochs run
# that cannot finish is killed at its timeout (124) and leaves no Bochs.
. "$(dirname "$0")/lib.sh"
need_image

t0=$(date +%s.%N)
boot bochs --accel bochs --timeout 120 -- mode=selftest
t=$(awk -v s="$t0" -v e="$(date +%s.%N)" 'BEGIN { printf "%.1f", e - s }')
echo "# bochs: $(tail -n 1 <<<"$OUT")"
echo "# bochs: tools/run --accel bochs, mode=selftest, to exit: $t s"
check "bochs status 0" "exit $RC: $(tail -n 1 <<<"$OUT")" [ "$RC" -eq 0 ]
check "bochs @done status=0" "no '@done status=0' in the serial log" log_has '^@done status=0'
summary=$(log_line '^SUMMARY: ')
check "bochs summary 0 failures" "got '$summary'" grep -q -E '^SUMMARY: [1-9][0-9]* tests, 0 failures' <<<"$summary"
check "bochs PASS: paging_pae_pge: paging_pae_on" "no 'PASS: paging_pae_pge: paging_pae_on'" log_has '^PASS: paging_pae_pge: paging_pae_on$'
check "bochs bochsrc kept" "no $LOG.bochsrc with cpu: count=1" grep -q '^cpu: count=1,' "$LOG.bochsrc"
check "bochs meta" "LOG.meta lacks accel=bochs" grep -q -x accel=bochs "$LOG.meta"

echo "not an ELF" >"$T/junk.elf"
tools/mkiso "$T/junk.elf" "$T/junk.iso"
t0=$SECONDS
boot bochs-timeout --accel bochs --timeout 3 --iso "$T/junk.iso"
check "bochs timeout status 124" "exit $RC: $(tail -n 1 <<<"$OUT")" [ "$RC" -eq 124 ]
check "bochs timeout ends promptly" "took $((SECONDS - t0)) s" [ $((SECONDS - t0)) -le 12 ]
sleep 1
no_bochs_on() { ! pgrep -f "bochs.* -f $1" >/dev/null; }
check "bochs timeout leaves no Bochs" "a Bochs still runs $LOG.bochsrc" no_bochs_on "$LOG.bochsrc"
finish
