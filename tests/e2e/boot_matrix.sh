#!/usr/bin/env bash
# boot_matrix.sh - the guest self-tests under QEMU/TCG through tools/run, at
# 128M and 8G (RAM above 4 GiB) with 1 and 2 CPUs: status 0, a SUMMARY that
# (as in kvm-unit-tests, skipped reports count as tests)
# agrees with the PASS/FAIL lines and reports 0 failures, and the paging
# checks among the PASS lines.
. "$(dirname "$0")/lib.sh"
need_image

for mem in 128M 8G; do
  for smp in 1 2; do
    n=selftest-$mem-smp$smp
    boot "$n" --accel tcg --mem "$mem" --smp "$smp" --timeout 120 -- mode=selftest
    check "$n status 0" "runner exit $RC: $(echo "$OUT" | tail -n 1)" [ "$RC" -eq 0 ]
    check "$n @done status=0" "no '@done status=0' in the log" log_has '^@done status=0$'
    summary=$(log_line '^SUMMARY: ')
    pass=$(tr -d '\r' <"$LOG" | grep -a -c '^PASS: ')
    fail=$(tr -d '\r' <"$LOG" | grep -a -c '^FAIL: ')
    skip=$(tr -d '\r' <"$LOG" | grep -a -c '^SKIP: ')
    check "$n summary" "want 'SUMMARY: $((pass + fail + skip)) tests, 0 failures, $skip skipped', got '$summary'" \
      [ "$summary" = "SUMMARY: $((pass + fail + skip)) tests, 0 failures, $skip skipped" ]
    check "$n has tests" "no PASS lines" [ "$pass" -gt 0 ]
    for t in paging_pae_on paging_pge_on null_read_faults identity_map_gone; do
      check "$n PASS: $t" "no 'PASS: $t' line" log_has "^PASS: $t\$"
    done
  done
done
finish
