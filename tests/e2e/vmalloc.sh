#!/usr/bin/env bash
# vmalloc.sh - vmalloc in the guest through tools/run (group vmalloc of
# tests/matrix.cfg): the self-tests at 128M (no highmem) and 8G (qemu32:
# 32-bit physical, and the default CPU: highmem above 4 GiB), lazy and
# eager, with 1 and 2 CPUs (freed addresses must fault on every CPU); the
# test-only bad vfree words end with a "BUG: vfree(...)" line and status 3;
# a bad vmalloc= value is status 2; bench=vmalloc quick under icount gives a
# table that tools/extract accepts and tools/plot draws as vmalloc.png.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/matrix_lib.sh"
need_image

for n in $(matrix_names vmalloc); do
  matrix_boot "$n"
  matrix_check "$n"
  # A full self-test run in either vmalloc mode, whatever the word order.
  a=" $(matrix_get "$n" args) "
  [[ $a == *" mode=selftest "* && ( $a == *" vmalloc=lazy "* || $a == *" vmalloc=eager "* ) ]] && a=selftest
  case "$a" in
    selftest)
      for t in vmalloc_readback/vmalloc_readback_kmap_atomic vmalloc_vfree_faults/vmalloc_lazy_faults_after_purge \
               vmalloc_vfree_faults/vmalloc_eager_faults_at_once \
               vmalloc_lazy_no_reuse/vmalloc_lazy_range_and_frames_not_reused \
               vmalloc_exhaustion/vmalloc_exhaustion_null_no_leak vmalloc_exhaustion/vmap_exhaustion_no_leak \
               vmalloc_stress/vmalloc_stress_tags_intact vmalloc_stress/vmalloc_stress_no_drift \
               vmalloc_bad_input/vfree_null_changes_nothing; do
        t=${t/\//: }                    # group/name: the line is 'PASS: group: name'
        check "$n PASS: $t" "no 'PASS: $t' line" log_has "^PASS: $t\$"
      done
      if [ "$(matrix_get "$n" smp 1)" -gt 1 ]; then
        for t in vmalloc_lazy_faults_every_cpu vmalloc_eager_faults_every_cpu; do
          check "$n PASS: $t" "no 'PASS: vmalloc_faults_every_cpu: $t' line" \
            log_has "^PASS: vmalloc_faults_every_cpu: $t\$"
        done
      fi ;;
    *" vmalloc_bug="*)
      check "$n no tests ran" "a SUMMARY line after the BUG" bash -c "! grep -a -q '^SUMMARY' '$LOG'" ;;
  esac
done

LOG=$T/vmalloc-bench.log
for v in lazy eager; do
  for p in 1 2 4 16 64 256 1024; do
    check "bench $v pages=$p row" "no vmalloc,$v,pages,$p,0,1 row" log_has "^vmalloc,$v,pages,$p,0,1,[0-9]+,insns,"
  done
done
# Eager pays a flush and an immediate free per pair: dearer than lazy's p50.
lazy=$(log_line '^vmalloc,lazy,pages,1,' | cut -d, -f10)
eager=$(log_line '^vmalloc,eager,pages,1,' | cut -d, -f10)
check "bench eager p50 > lazy p50 at 1 page" "lazy $lazy, eager $eager" [ "${eager:-0}" -gt "${lazy:-0}" ]
if tools/extract "$LOG" "$T/run" --accel icount >"$T/x.out" 2>&1; then ok "extract accepts the vmalloc table"
else not_ok "extract accepts the vmalloc table" "$(tail -n 1 "$T/x.out")"; fi
if tools/plot "$T/run" >"$T/p.out" 2>&1 && [ "$(head -c 4 "$T/run/vmalloc.png" | od -An -tx1 | tr -d ' \n')" = 89504e47 ]; then
  ok "plot draws vmalloc.png"
else not_ok "plot draws vmalloc.png" "$(tail -n 1 "$T/p.out")"; fi
finish
