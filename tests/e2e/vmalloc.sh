#!/usr/bin/env bash
# vmalloc.sh - vmalloc in the guest through tools/run (TCG): the self-tests
# at 128M (no highmem) and 8G (qemu32: 32-bit physical, and the default
# CPU: highmem above 4 GiB), lazy and eager, with 1 and 2 CPUs (freed
# addresses must fault on every CPU); the test-only bad vfree words
# end with a "BUG: vfree(...)" line and status 3; a bad vmalloc= value is
# status 2; bench=vmalloc quick under icount gives a table that tools/extract
# accepts and tools/plot draws as vmalloc.png.
. "$(dirname "$0")/lib.sh"
need_image

for cfg in 128M:lazy::1 8G:lazy:qemu32:1 8G:eager::2 8G:lazy::2; do
  IFS=: read -r mem mode cpu smp <<<"$cfg"
  n=selftest-$mem-$mode${cpu:+-$cpu}-smp$smp
  HMBENCH_CPU=$cpu boot "$n" --accel tcg --mem "$mem" --smp "$smp" --timeout 180 -- mode=selftest "vmalloc=$mode"
  check "$n status 0" "runner exit $RC: $(echo "$OUT" | tail -n 1)" [ "$RC" -eq 0 ]
  check "$n mode line" "no 'vmalloc: $mode purging' line" log_has "^vmalloc: $mode purging"
  check "$n no FAIL" "$(log_line '^FAIL: ')" bash -c "! tr -d '\r' <'$LOG' | grep -a -q '^FAIL: '"
  check "$n 0 failures" "$(log_line '^SUMMARY: ')" log_has '^SUMMARY: [0-9]+ tests, 0 failures'
  for t in vmalloc_readback_kmap_atomic vmalloc_lazy_faults_after_purge vmalloc_eager_faults_at_once \
           vmalloc_lazy_range_and_frames_not_reused vmalloc_exhaustion_null_no_leak vmap_exhaustion_no_leak \
           vmalloc_stress_tags_intact vmalloc_stress_no_drift vfree_null_changes_nothing; do
    check "$n PASS: $t" "no 'PASS: $t' line" log_has "^PASS: $t\$"
  done
  if [ "$smp" -gt 1 ]; then
    for t in vmalloc_lazy_faults_every_cpu vmalloc_eager_faults_every_cpu; do
      check "$n PASS: $t" "no 'PASS: $t' line" log_has "^PASS: $t\$"
    done
  fi
done
# Highmem exists at 8G and vmalloc must have used it; 128M has none.
LOG=$T/selftest-8G-lazy-smp2.log
check "8G vmalloc_prefers_highmem" "no PASS line" log_has '^PASS: vmalloc_readback: vmalloc_prefers_highmem$'
LOG=$T/selftest-128M-lazy-smp1.log
check "128M vmalloc_prefers_highmem skipped" "no SKIP line" log_has '^SKIP: vmalloc_readback: vmalloc_prefers_highmem'

while IFS='|' read -r kind want; do
  n=bug-$kind
  boot "$n" --accel tcg --timeout 60 -- mode=selftest "vmalloc_bug=$kind"
  check "$n status 3" "runner exit $RC: $(echo "$OUT" | tail -n 1)" [ "$RC" -eq 3 ]
  check "$n BUG line" "no 'hmbench: fatal: BUG: vfree(0x...): $want' line" \
    log_has "^hmbench: fatal: BUG: vfree\(0x[0-9a-f]+\): $want"
  check "$n @done status=3" "no '@done status=3' line" log_has '^@done status=3$'
  check "$n no tests ran" "a SUMMARY line after the BUG" bash -c "! grep -a -q '^SUMMARY' '$LOG'"
done <<'EOF'
wild|not a vmalloc address
inside|no live area starts here
double|double free
vmap|the area was made by vmap\(\)
EOF

boot bad-mode --accel tcg --timeout 60 -- mode=selftest vmalloc=bogus
check "vmalloc=bogus status 2" "runner exit $RC" [ "$RC" -eq 2 ]
check "vmalloc=bogus line" "no cmdline line naming the word" \
  log_has "^cmdline: bad value in 'vmalloc=bogus': vmalloc must be one of lazy\|eager$"

boot bench --accel icount --mem 1G --timeout 180 -- mode=bench bench=vmalloc quick
check "bench=vmalloc status 0" "runner exit $RC: $(echo "$OUT" | tail -n 1)" [ "$RC" -eq 0 ]
for v in lazy eager; do
  for p in 1 2 4 16 64 256 1024; do
    check "bench $v pages=$p row" "no vmalloc,$v,pages,$p,0,1 row" log_has "^vmalloc,$v,pages,$p,0,1,[0-9]+,insns,"
  done
done
check "bench long_busy_list row" "no row" log_has '^vmalloc,long_busy_list,live_areas,1000,0,1,'
check "bench fragmented row" "no row" log_has '^vmalloc,fragmented,free_holes,1000,0,1,'
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
