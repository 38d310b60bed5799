/*
 * pdpte_probe.S - the reproducer behind "Why npt=0" in docs/running.md: a
 * Multiboot1 guest that turns on PAE paging (PDPT[0] -> a PD of two global
 * 2 MiB pages), prints PDPT[0] as the CPU left it, then toggles CR4.PGE
 * off and on. COM1 shows "E" (entered), "P" and the 64-bit PDPTE in hex
 * (paging on), "T" (the toggle passed); then it writes 0 to the
 * isa-debug-exit port (QEMU exits 1). A CPU that set a reserved bit in the
 * PDPTE shows ...21 instead of ...01; a KVM that then refuses the toggle
 * triple-faults (QEMU with -no-reboot exits 0) after "P".
 *
 *   gcc -m32 -c tools/pdpte_probe.S -o build/pdpte_probe.o -Wa,--noexecstack
 *   ld -m elf_i386 -nostdlib -z max-page-size=0x1000 -z noseparate-code \
 *      -Ttext-segment=0x100000 -e _start -o build/pdpte_probe.elf build/pdpte_probe.o
 *   tools/nested --npt 1 -- qemu-system-i386 -accel kvm -cpu max -m 64M \
 *      -no-reboot -device isa-debug-exit,iobase=0xf4,iosize=4 -serial stdio \
 *      -display none -monitor none -net none -kernel build/pdpte_probe.elf
 */
#define COM1    0x3F8
#define PDE_2M  0x183                       /* present, rw, PS, global */

    .text
    .code32
    .balign 4
    .long 0x1BADB002, 0, -0x1BADB002        /* Multiboot1 header */

    .globl _start
_start:
    cli
    movl    $stack_top, %esp
    movb    $'E', %al
    call    putc
    movl    $PDE_2M, pd
    movl    $(PDE_2M + 0x200000), pd + 8
    movl    $(pd + 1), pdpt                 /* present only: bits 1-2, 5-8 are reserved */
    movl    %cr4, %eax
    orl     $0xa0, %eax                     /* PAE | PGE */
    movl    %eax, %cr4
    movl    $pdpt, %eax
    movl    %eax, %cr3
    movl    %cr0, %eax
    orl     $0x80010000, %eax               /* PG | WP */
    movl    %eax, %cr0
    jmp     1f
1:  movb    $'P', %al
    call    putc
    movl    pdpt + 4, %eax
    call    puthex
    movl    pdpt, %eax
    call    puthex
    movb    $' ', %al
    call    putc
    movl    %cr4, %eax                      /* the global flush */
    movl    %eax, %edx
    andl    $~0x80, %edx
    movl    %edx, %cr4
    movl    %eax, %cr4
    movb    $'T', %al
    call    putc
    movb    $'\n', %al
    call    putc
    xorl    %eax, %eax
    outb    %al, $0xf4
2:  hlt
    jmp     2b

/* puthex: %eax as 8 hex digits. Clobbers %eax, %ecx, %edx, %esi. */
puthex:
    movl    %eax, %esi
    movl    $8, %ecx
3:  roll    $4, %esi
    movl    %esi, %eax
    andl    $15, %eax
    movb    hexdigits(%eax), %al
    call    putc
    loop    3b
    ret

/* putc: %al to COM1 once the transmitter is empty. Clobbers %edx. */
putc:
    pushl   %eax
    movw    $COM1 + 5, %dx
4:  inb     %dx, %al
    testb   $0x20, %al
    jz      4b
    popl    %eax
    movw    $COM1, %dx
    outb    %al, %dx
    ret

hexdigits: .ascii "0123456789abcdef"

    .bss
    .balign 4096
pd:     .skip 4096
pdpt:   .skip 32
    .balign 16
stack:  .skip 1024
stack_top:
