#!/usr/bin/env bash
# guest_crash.sh - fatal paths: an unexpected exception (crash=pf|ud|gp|de)
# ends with status 3 after a register dump naming the vector, error code,
# EIP, CR2, CR3 and CPU; so does a fault inside printk (crash=printk_pf),
# and a stack overflow on the boot CPU or an AP (crash=stack_overflow,
# stack_overflow_ap) and a fault while reporting one (report_overflow) end
# with one fatal line; an image booted by GRUB's legacy "multiboot"
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

# Faults where reporting is hard end the same way, with one fatal line:
# inside printk (this CPU holds the console lock) and a stack overflow on
# the boot CPU or an AP (the guard page faults, pushing the #PF frame
# faults again: #DF, which a task gate runs on its own stack), and a fault
# while the register dump is being printed (crash=report_overflow: #UD with
# too little stack left for the dump).
for c in "printk_pf:CPU exception 14 \(#PF page fault\) on CPU 0$" \
         "stack_overflow:kernel stack overflow \(double fault\) on CPU 0: eip=0xc[0-9a-f]{7} esp=0x" \
         "stack_overflow_ap:kernel stack overflow \(double fault\) on CPU 1: eip=0xc[0-9a-f]{7} esp=0x" \
         "report_overflow:double fault while reporting a fault: vector=0x00000008 eip=0xc"; do
  kind=${c%%:*} want=${c#*:} n=crash-${c%%:*}
  boot "$n" --accel tcg --smp 2 --timeout 60 -- "crash=$kind"
  check "$n status 3" "runner exit $RC: $(echo "$OUT" | tail -n 1)" [ "$RC" -eq 3 ]
  check "$n fatal line" "no 'hmbench: fatal: $want' line: $(tr -d '\r' <"$LOG" | tail -n 3)" \
    log_has "^hmbench: fatal: $want"
  check_eq "$n one fatal line" "$(tr -d '\r' <"$LOG" | grep -a -c '^hmbench: fatal:')" 1
  check_eq "$n ends with @done status=3" "$(tr -d '\r' <"$LOG" | tail -n 1)" "@done status=3"
done

n=bad-magic
HMBENCH_LOADER=multiboot boot "$n" --accel tcg --timeout 60
check "$n status 3" "runner exit $RC: $(echo "$OUT" | tail -n 1)" [ "$RC" -eq 3 ]
check "$n line" "no 'hmbench: fatal: bad boot magic 0x2badb002' line" \
  log_has '^hmbench: fatal: bad boot magic 0x2badb002'
check "$n @done status=3" "no '@done status=3' line" log_has '^@done status=3$'
finish
