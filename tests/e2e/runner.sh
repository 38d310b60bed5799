#!/usr/bin/env bash
# runner.sh - tools/run's own contract: bad options (one line, status 2),
# the start line, the kept log and LOG.meta, timeout (124), a guest that
# resets or exits without "@done" (125), a log that disagrees with QEMU's
# exit code (the log decides, one warning line), and --accel auto's KVM
# probe (says accel and why, decides within 20 s).
. "$(dirname "$0")/lib.sh"
need_image

# 1. bad options: status 2, one line naming the option, no boot.
for bad in "--smp 0" "--smp 17" "--smp two" "--mem 12" "--mem 100G" "--mem 16M" \
           "--accel foo" "--timeout 0" "--timeout x" "--bogus" "--log" \
           "--iso $T/none.iso" "--iso build/hmbench.iso -- quick"; do
  out=$(tools/run $bad 2>&1); rc=$?
  opt=${bad%% *}
  check "bad option '$bad' status 2" "exit $rc" [ $rc -eq 2 ]
  check "bad option '$bad' one line naming $opt" "got: $out" \
    bash -c '[ "$(wc -l <<<"$1")" -eq 1 ] && grep -q -F -- "$2" <<<"$1"' _ "$out" "$opt"
done

# 2. a good run: the start line, the log and LOG.meta are kept.
boot good --accel tcg --smp 2 --mem 256M --timeout 60 -- mode=selftest
check "good run status 0" "exit $RC: $OUT" [ "$RC" -eq 0 ]
check "start line" "no 'run: accel=tcg (requested) smp=2 mem=256M log=$LOG' line" \
  grep -q -x -F "run: accel=tcg (requested) smp=2 mem=256M log=$LOG" <<<"$OUT"
check "log kept" "$LOG missing or empty" [ -s "$LOG" ]
check "meta accel" "LOG.meta lacks accel=tcg" grep -q -x accel=tcg "$LOG.meta"
check "meta status" "LOG.meta lacks status=0" grep -q -x status=0 "$LOG.meta"
check "meta host_cpu" "LOG.meta lacks host_cpu" grep -q '^host_cpu=.' "$LOG.meta"

# 3. default log path: under build/, printed, kept.
out=$(tools/run --accel tcg --timeout 60 -- crash=de 2>&1); rc=$?
dlog=$(sed -n 's/^run: accel=.* log=//p' <<<"$out")
check "default log under build/" "log path '$dlog'" \
  bash -c '[[ $1 == "$2"/build/run-*.log ]] && [ -s "$1" ]' _ "$dlog" "$ROOT"
check "default log run status 3" "exit $rc" [ $rc -eq 3 ]
[ -n "$dlog" ] && rm -f "$dlog" "$dlog.meta"

# Tiny Multiboot1 guests for the failure cases, booted by GRUB's legacy
# "multiboot" command: TRIPLE triple-faults (null IDT, int3); otherwise the
# guest prints "@done status=1" but writes 0 to the debug-exit port.
cat >"$T/tiny.S" <<'ASM'
    .text
    .long 0x1BADB002, 0, -0x1BADB002
    .globl _start
_start:
#ifdef TRIPLE
    lidt idt0
    int3
idt0: .word 0
    .long 0
#else
    movl $msg, %esi
1:  lodsb
    testb %al, %al
    jz 3f
    movb %al, %bl
    movw $0x3fd, %dx
2:  inb %dx, %al
    testb $0x20, %al
    jz 2b
    movb %bl, %al
    movw $0x3f8, %dx
    outb %al, %dx
    jmp 1b
3:  xorl %eax, %eax
    outb %al, $0xf4
4:  hlt
    jmp 4b
msg: .asciz "@done status=1\r\n"
#endif
ASM
tiny() {  # tiny NAME [-DTRIPLE]: $T/NAME.iso
  gcc -m32 -c "$T/tiny.S" -o "$T/$1.o" ${2:-} -Wa,--noexecstack &&
    ld -m elf_i386 -z noseparate-code -Ttext-segment=0x100000 -e _start -o "$T/$1.elf" "$T/$1.o" &&
    HMBENCH_LOADER=multiboot tools/mkiso "$T/$1.elf" "$T/$1.iso"
}

# 4. a guest that resets (triple fault, -no-reboot): 125.
tiny triple -DTRIPLE
boot triple --accel tcg --timeout 60 --iso "$T/triple.iso"
check "triple fault status 125" "exit $RC: $(tail -n 1 <<<"$OUT")" [ "$RC" -eq 125 ]
check "triple fault says no @done" "last line: $(tail -n 1 <<<"$OUT")" \
  grep -q 'status=125 (no @done line' <<<"$OUT"
check "triple fault log kept" "$LOG missing" [ -f "$LOG" ]

# 5. the log says @done status=1, QEMU's exit says 0: the log decides, with
# one warning line.
tiny mismatch
boot mismatch --accel tcg --timeout 60 --iso "$T/mismatch.iso"
check "mismatch status from the log" "exit $RC" [ "$RC" -eq 1 ]
check "mismatch warning" "no warning line in: $OUT" \
  grep -q '^run: warning: the log says @done status=1 but QEMU exited 1 (expected 3)' <<<"$OUT"

# 6. timeout: an ISO whose "kernel" is not an ELF leaves GRUB waiting.
echo "not an ELF" >"$T/junk.elf"
tools/mkiso "$T/junk.elf" "$T/junk.iso"
t0=$SECONDS
boot timeout --accel tcg --timeout 8 --iso "$T/junk.iso"
check "timeout status 124" "exit $RC: $(tail -n 1 <<<"$OUT")" [ "$RC" -eq 124 ]
check "timeout ends promptly" "took $((SECONDS - t0)) s" [ $((SECONDS - t0)) -le 20 ]
check "timeout log kept" "$LOG empty" [ -s "$LOG" ]
no_qemu_on() { ! pgrep -f "^[^ ]*qemu-system-i386 .*$1" >/dev/null; }
check "timeout leaves no QEMU" "a QEMU still runs $T/junk.iso" no_qemu_on "$T/junk.iso"

# 7. --accel auto: one line with the accelerator and why; a fresh KVM probe
# decides within 20 s; the probe guest itself works (under TCG).
t0=$SECONDS
verdict=$(tools/kvmprobe --fresh); prc=$?
check "kvm probe decides within 20 s" "took $((SECONDS - t0)) s" [ $((SECONDS - t0)) -le 20 ]
echo "# kvmprobe: $verdict"
boot auto --timeout 120 -- mode=selftest
line=$(grep '^run: accel=' <<<"$OUT")
echo "# $line"
if [ $prc -eq 0 ]; then
  check "auto uses kvm when the probe passes" "$line" grep -q '^run: accel=kvm (auto: kvm ok' <<<"$line"
else
  check "auto falls back to tcg and says why" "$line" \
    grep -q '^run: accel=tcg (KVM probe failed: .*) smp=1 mem=128M log=' <<<"$line"
fi
check "auto run status 0" "exit $RC" [ "$RC" -eq 0 ]
probe=$(qemu-system-i386 -accel tcg -m 64M -no-reboot -device isa-debug-exit,iobase=0xf4,iosize=4 \
  -serial stdio -display none -monitor none -net none -kernel build/kvmprobe.elf </dev/null 2>&1); prc=$?
check "kvm probe guest works under tcg" "exit $prc, output: $probe" \
  bash -c '[ $1 -eq 1 ] && grep -q "kvmprobe: all steps passed" <<<"$2"' _ $prc "$probe"
finish
