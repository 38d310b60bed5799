/*
 * trampoline.S - where an AP starts: real mode at AP_TRAMPOLINE_PHYS.
 *
 * smp.c copies trampoline_start..trampoline_end to AP_TRAMPOLINE_PHYS
 * (below 1 MiB: a SIPI vector names a page there) and fills
 * trampoline_params. Nothing of value lives at that address: entry.S
 * copied the Multiboot2 information into .bss before anything else ran.
 * The copy is reached from real mode as CS = AP_TRAMPOLINE_PHYS >> 4,
 * IP = 0. It runs:
 *   real mode -> lgdt (a flat temporary GDT inside the copy), CR0.PE with
 *   caching on (an AP leaves INIT with CR0.CD|NW set) -> far jump to
 *   32-bit code -> the boot CPU's CR4 (PAE, PGE), CR3 (boot_pdpt, whose
 *   identity map covers the first 4 MiB, so this code stays mapped) and
 *   CR0 (PG, WP) -> its stack -> ap_main(cpu) at its higher-half address.
 * ap_main loads the CPU's own GDT (gdt_init_cpu) and never returns.
 * One AP starts at a time, so one parameter block serves all.
 */
#include "boot/layout.h"

#define TRAMP(x)    ((x) - trampoline_start + AP_TRAMPOLINE_PHYS)
#define CR0_CD_NW   0x60000000
#define CR0_PE      0x00000001

    .section .rodata
    .balign 16
    .globl trampoline_start, trampoline_end, trampoline_params
    .code16
trampoline_start:
    cli
    cld
    movw    %cs, %ax
    movw    %ax, %ds
    lgdtl   tramp_gdtr - trampoline_start
    movl    %cr0, %eax
    andl    $~CR0_CD_NW, %eax
    orl     $CR0_PE, %eax
    movl    %eax, %cr0
    ljmpl   $0x08, $TRAMP(tramp32)

    .code32
tramp32:
    movw    $0x10, %ax
    movw    %ax, %ds
    movw    %ax, %es
    movw    %ax, %ss
    movw    %ax, %fs
    movw    %ax, %gs
    movl    TRAMP(p_cr4), %eax
    movl    %eax, %cr4
    movl    TRAMP(p_cr3), %eax
    movl    %eax, %cr3
    movl    TRAMP(p_cr0), %eax
    movl    %eax, %cr0                      /* paging on; still identity-mapped */
    movl    TRAMP(p_stack), %esp
    xorl    %ebp, %ebp
    pushl   TRAMP(p_cpu)
    movl    $ap_main, %eax
    call    *%eax
1:  cli                                     /* ap_main never returns */
    hlt
    jmp     1b

    .balign 8
tramp_gdt:
    .quad   0
    .quad   0x00CF9A000000FFFF              /* 0x08: flat 32-bit code */
    .quad   0x00CF92000000FFFF              /* 0x10: flat data */
tramp_gdtr:
    .word   3 * 8 - 1
    .long   TRAMP(tramp_gdt)

    .balign 4
trampoline_params:                          /* struct trampoline_params (smp.c) */
p_cr0:      .long 0
p_cr3:      .long 0
p_cr4:      .long 0
p_stack:    .long 0
p_cpu:      .long 0
trampoline_end:
