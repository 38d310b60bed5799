#!/usr/bin/env bash
# tests/e2e/wrmsr_fence.sh - every WRMSR in build/hmbench.elf that can write
# the x2APIC ICR (MSR 0x830) has "mfence; lfence" before it (tools/wrmsr-fence
# reads objdump's disassembly), and the checker itself catches an unfenced
# ICR write, a store between fence and WRMSR, and an unknown MSR number.
. "$(dirname "$0")/lib.sh"
need_image

out=$(tools/wrmsr-fence -v build/hmbench.elf 2>&1); rc=$?
echo "$out" | sed 's/^/# /'
check "every x2APIC ICR wrmsr in the image is fenced" "exit $rc: $(grep unfenced: <<<"$out")" [ $rc -eq 0 ]
check "the image has a fenced ICR wrmsr (icr_write)" "$(tail -n 1 <<<"$out")" \
  grep -q '<icr_write>: MSR 0x830 (ICR): fenced' <<<"$out"

cat >"$T/bad.S" <<'ASM'
    .text
    .globl unfenced, stored, unknown, good, other
unfenced: movl $0x830, %ecx; wrmsr; ret
stored:   mfence; lfence; movl %eax, 0x1000; movl $0x830, %ecx; wrmsr; ret
unknown:  movl %ebx, %ecx; wrmsr; ret
good:     mfence; lfence; movl $0x830, %ecx; xorl %edx, %edx; wrmsr; ret
other:    movl $0x1b, %ecx; wrmsr; ret
ASM
gcc -m32 -c "$T/bad.S" -o "$T/bad.o"
out=$(tools/wrmsr-fence "$T/bad.o" 2>&1); rc=$?
echo "$out" | sed 's/^/# /'
check_eq "the checker fails on unfenced ICR writes" "$rc" 1
check_eq "the checker names exactly the three bad ones" \
  "$(grep -o '<[a-z]*>' <<<"$out" | tr '\n' ' ')" "<unfenced> <stored> <unknown> "
printf '\t.text\nf: ret\n' >"$T/none.S" && gcc -m32 -c "$T/none.S" -o "$T/none.o"
tools/wrmsr-fence "$T/none.o" >/dev/null 2>&1; rc=$?
check_eq "no wrmsr at all is an error, not a pass" "$rc" 2
finish
