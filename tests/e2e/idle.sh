#!/usr/bin/env bash
# tests/e2e/idle.sh - how idle CPUs wait (boot/smp_work.h, @meta idle):
#  1. a benchmark polls with PAUSE by default (icount, 2 CPUs: the
#     shootdown rows come out, status 0);
#  2. self-tests halt by default, and pass with idle=pause too;
#  3. under plain TCG the runner asks for idle=hlt for a benchmark.
. "$(dirname "$0")/lib.sh"
need_image
meta_idle() { log_line '^@meta idle=' | cut -d= -f2; }

boot bench-icount --accel icount --smp 2 --timeout 120 -- mode=bench bench=shootdown quick
check_eq "bench under icount: status 0" "$RC" 0
check_eq "bench polls by default (@meta idle=pause)" "$(meta_idle)" pause
check "bench under icount has its shootdown rows" "no flush_one row for 2 CPUs" \
  log_has '^shootdown,flush_one,,,0,2,'

boot st-default --accel tcg --smp 2 --timeout 120 -- mode=selftest test=smp_online
check_eq "selftests halt by default (@meta idle=hlt)" "$(meta_idle)" hlt
boot st-pause --accel tcg --smp 2 --timeout 120 -- mode=selftest idle=pause \
  test=smp_online,smp_call,smp_ping,smp_stale_tlb_shootdown
check_eq "selftests with idle=pause: status 0" "$RC" 0
check_eq "idle=pause is reported" "$(meta_idle)" pause
check "selftests with idle=pause: no FAIL" "$(log_line '^FAIL')" bash -c "! tr -d '\r' <'$LOG' | grep -q '^FAIL'"

boot bench-tcg --accel tcg --smp 2 --timeout 120 -- mode=bench bench=tlb quick
check_eq "the runner asks TCG benches for idle=hlt" "$(meta_idle)" hlt
boot bench-tcg-pause --accel tcg --smp 2 --timeout 120 -- mode=bench bench=tlb quick idle=pause
check_eq "an explicit idle= word wins over the runner's" "$(meta_idle)" pause
finish
