#!/usr/bin/env bash
# tests/e2e/kvmprobe.sh - the KVM probe guest does the image's early steps
# and a failing step is NAMED, without needing a KVM: the probe's test hooks
# (tools/kvmprobe) run it under TCG (HMBENCH_PROBE_ACCEL=tcg) and build it
# with one step broken by UD2 (HMBENCH_PROBE_BREAK=N).
#  1. every step passes under TCG, -cpu max (x2APIC absent: xAPIC path)
#     and -cpu qemu32; the "tsc:" part reads the probe's CPUID line and
#     QEMU's warning for the +invtsc it could not give;
#  2. a broken step is named with its exception; a fault before the IDT
#     is up is named as a triple fault in that step;
#  3. tools/run --accel auto falls back to TCG with that one line, and
#     --accel kvm prints the same line and exits 2 without booting.
. "$(dirname "$0")/lib.sh"
need_image
export HMBENCH_PROBE_ACCEL=tcg

probe() { # probe NAME BREAK [CPU]: sets V (the verdict) and PRC
  V=$(HMBENCH_PROBE_BREAK=$2 tools/kvmprobe --fresh 2>&1); PRC=$?
  echo "# $1: $V"
}

# 1. all steps pass
probe all 0
check "probe passes every step under tcg" "exit $PRC: $V" \
  bash -c '[ $1 -eq 0 ] && grep -q "^kvm ok: cpu=max,+invtsc, probe " <<<"$2"' _ $PRC "$V"
check "the probe reports the TSC leaves and why invtsc is missing" "$V" grep -qF \
  "tsc: not invariant (TCG doesn't support requested feature: CPUID.80000007H:EDX.invtsc), no leaf 0x40000010 (hypervisor leaves end at 0x40000001)" <<<"$V"
out=$(qemu-system-i386 -accel tcg -cpu qemu32 -m 64M -no-reboot -device isa-debug-exit,iobase=0xf4,iosize=4 \
  -serial stdio -display none -monitor none -net none -kernel build/kvmprobe.elf </dev/null 2>&1); rc=$?
steps=$(grep -c '^kvmprobe: step ' <<<"${out//$'\r'/}")
check "probe passes every step under tcg -cpu qemu32" "exit $rc, $steps steps: $out" \
  bash -c '[ $1 -eq 1 ] && [ $2 -eq 10 ] && grep -q "kvmprobe: all steps passed" <<<"$3"' _ $rc "$steps" "$out"

# 2. a broken step is named
probe gdt 1
check_eq "a fault before the IDT names its step as a triple fault" \
  "$PRC|$(grep -o "step 'gdt' reset the guest (triple fault)" <<<"$V")" "1|step 'gdt' reset the guest (triple fault)"
probe paging 3
check_eq "a fault turning on paging names the step" \
  "$PRC|$(grep -o "step 'pae paging' took #UD (vector 0x06)" <<<"$V")" "1|step 'pae paging' took #UD (vector 0x06)"
probe flush 6
check_eq "a fault in the global flush names the step" \
  "$PRC|$(grep -o "step 'global flush' took #UD" <<<"$V")" "1|step 'global flush' took #UD"
probe ipi 10
check_eq "a fault in the self-IPI names the step" \
  "$PRC|$(grep -o "step 'self ipi' took #UD" <<<"$V")" "1|step 'self ipi' took #UD"

# 3. the runner: auto falls back with the line, kvm refuses with it
export HMBENCH_PROBE_BREAK=6
boot auto-broken --accel auto --timeout 120 -- mode=selftest test=smp_online
line=$(grep '^run: accel=' <<<"$OUT")
echo "# $line"
check "auto falls back to tcg naming the step" "$line" \
  grep -q "^run: accel=tcg (KVM probe failed: -cpu max,+invtsc: step 'global flush' took #UD (vector 0x06)\( (cached)\)\?) " <<<"$line"
check "auto fallback run status 0" "exit $RC" [ "$RC" -eq 0 ]
t0=$SECONDS
boot kvm-broken --accel kvm --timeout 120 -- mode=selftest
echo "# $OUT"
check_eq "--accel kvm with a failing probe exits 2" "$RC" 2
check_eq "--accel kvm prints the probe's line" "$OUT" \
  "run: accel=kvm refused (KVM probe failed: -cpu max,+invtsc: step 'global flush' took #UD (vector 0x06) (cached))"
check "--accel kvm refuses without booting" "took $((SECONDS - t0)) s" [ $((SECONDS - t0)) -le 5 ]
finish
