#!/usr/bin/env bash
# guest_crash.sh - fatal paths: an unexpected exception (crash=pf|ud|gp|de)
# ends with status 3 after a register dump naming the vector, error code,
# EIP, CR2, CR3 and CPU; an image booted by GRUB's legacy "multiboot"
# command refuses the wrong magic with status 3.
. "$(dirname "$0")/lib.sh"
need_image

hex='0x[0-9a-f]{8}'
for c in pf:14 ud:6 gp:13 de:0; do
  kind=${c%%:*} vec=${c#*:} n=crash-${c%%:*}
  boot "$n" --accel tcg --timeout 60 -- "crash=$kind"
  check "$n status 3" "runner exit $RC: $(echo "$OUT" | tail -n 1)" [ "$RC" -eq 3 ]
  check "$n @done status=3" "no '@done status=3' line" log_has '^@done status=3$'
  check "$n fatal line" "no 'hmbench: fatal: CPU exception $vec' line" \
    log_has "^hmbench: fatal: CPU exception $vec "
  for f in "vector=$vec " "error=$hex" "eip=0xc[0-9a-f]{7}" "cr2=$hex" "cr3=$hex" "cpu=0"; do
    check "$n dump ${f%%=*}" "no /$f/ in the register dump" log_has "^ +.*$f"
  done
done
# #PF also says where: CR2 is the address crash=pf touched, not zero.
LOG=$T/crash-pf.log
check "crash-pf cr2 nonzero" "cr2 is zero on a page fault" \
  bash -c "! tr -d '\r' <'$LOG' | grep -a -q 'cr2=0x00000000'"

n=bad-magic
HMBENCH_LOADER=multiboot boot "$n" --accel tcg --timeout 60
check "$n status 3" "runner exit $RC: $(echo "$OUT" | tail -n 1)" [ "$RC" -eq 3 ]
check "$n line" "no 'hmbench: fatal: bad boot magic 0x2badb002' line" \
  log_has '^hmbench: fatal: bad boot magic 0x2badb002'
check "$n @done status=3" "no '@done status=3' line" log_has '^@done status=3$'
finish
