/*
 * probe.S - the only instructions allowed to fault on purpose.
 *
 * uint32_t __probe_read32(const volatile uint32_t *p, uint32_t *val)
 * uint32_t __probe_write32(volatile uint32_t *p, uint32_t val)
 * Return 0 when the access completed. When it faults, trap_dispatch sees
 * EIP at probe_read32_insn / probe_write32_insn, records the fault in this
 * CPU's struct percpu and resumes at probe_fixup, which returns 1.
 * See fault.h for the C interface.
 */
    .text
    .globl __probe_read32, __probe_write32
    .globl probe_read32_insn, probe_write32_insn, probe_fixup
__probe_read32:
    movl    4(%esp), %ecx
probe_read32_insn:
    movl    (%ecx), %eax
    movl    8(%esp), %ecx
    movl    %eax, (%ecx)
    xorl    %eax, %eax
    ret

__probe_write32:
    movl    4(%esp), %ecx
    movl    8(%esp), %eax
probe_write32_insn:
    movl    %eax, (%ecx)
    xorl    %eax, %eax
    ret

probe_fixup:
    movl    $1, %eax
    ret
