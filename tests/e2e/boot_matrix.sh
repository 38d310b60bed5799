#!/usr/bin/env bash
# boot_matrix.sh - the guest self-tests under QEMU/TCG at 128M and 8G (RAM
# above 4 GiB) with 1 and 2 CPUs, the entries of group boot_matrix in
# tests/matrix.cfg: status 0, no FAIL, a SUMMARY that (as in
# kvm-unit-tests, skipped reports count as tests) agrees with the
# PASS/FAIL/SKIP lines and reports 0 failures, and the paging checks among
# the PASS lines.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/matrix_lib.sh"
need_image

for n in $(matrix_names boot_matrix); do
  matrix_boot "$n"
  matrix_check "$n"
  summary=$(log_line '^SUMMARY: ')
  pass=$(grep -a -c '^PASS: ' "$LOG")
  fail=$(grep -a -c '^FAIL: ' "$LOG")
  skip=$(grep -a -c '^SKIP: ' "$LOG")
  check "$n summary" "want 'SUMMARY: $((pass + fail + skip)) tests, 0 failures, $skip skipped', got '$summary'" \
    [ "$summary" = "SUMMARY: $((pass + fail + skip)) tests, 0 failures, $skip skipped" ]
  check "$n has tests" "no PASS lines" [ "$pass" -gt 0 ]
  for t in paging_pae_pge/paging_pae_on paging_pae_pge/paging_pge_on null_unmapped/null_read_faults \
           null_unmapped/identity_map_gone; do
    t=${t/\//: }                        # group/name: the line is 'PASS: group: name'
    check "$n PASS: $t" "no 'PASS: $t' line" log_has "^PASS: $t\$"
  done
done
finish
