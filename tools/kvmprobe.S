/*
 * kvmprobe.S - the smallest guest that does what hmbench's entry does
 * first: turn on PAE paging with global 2 MiB pages. tools/kvmprobe boots it
 * with QEMU's -kernel (Multiboot1; QEMU's loader takes a 32-bit ELF) under
 * KVM. It prints "kvmprobe: entered" on COM1 first, "kvmprobe: pae paging
 * on" once paging is on, then writes 0 to the isa-debug-exit port 0xf4
 * (QEMU exits with status 1).
 * A KVM that cannot run 32-bit PAE guests triple-faults here instead
 * (QEMU with -no-reboot exits 0), and a KVM with very slow real mode does
 * not get here before the probe's timeout.
 * Linked at 1 MiB (physical = virtual): the identity map covers it.
 */
#define MB1_MAGIC   0x1BADB002
#define MB1_FLAGS   0x00000000
#define COM1        0x3F8
#define PDE_2M      0x183               /* present, rw, PS, global */

    .section .text
    .code32
    .balign 4
mb1_header:
    .long MB1_MAGIC
    .long MB1_FLAGS
    .long -(MB1_MAGIC + MB1_FLAGS)

    .globl _start
_start:
    cli
    movl    $stack_top, %esp
    movl    $msg_entered, %esi
    call    puts
    movl    $pd, %edi                   /* PD[0..1]: 0..4 MiB identity */
    movl    $PDE_2M, 0(%edi)
    movl    $0, 4(%edi)
    movl    $(PDE_2M + 0x200000), 8(%edi)
    movl    $0, 12(%edi)
    movl    $(pd + 1), pdpt             /* PDPT[0] -> PD, present */
    movl    %cr4, %eax
    orl     $0xa0, %eax                 /* CR4.PAE | CR4.PGE */
    movl    %eax, %cr4
    movl    $pdpt, %eax
    movl    %eax, %cr3
    movl    %cr0, %eax
    orl     $0x80010000, %eax           /* CR0.PG | CR0.WP */
    movl    %eax, %cr0
    jmp     1f
1:  movl    $msg_paging, %esi
    call    puts
    xorl    %eax, %eax
    outb    %al, $0xf4
2:  hlt
    jmp     2b

/* puts: the string at %esi to COM1, waiting for LSR.THRE before each
 * byte. Clobbers %eax, %ebx, %edx, %esi. */
puts:
    lodsb
    testb   %al, %al
    jz      2f
    movl    %eax, %ebx
    movw    $COM1+5, %dx
1:  inb     %dx, %al
    testb   $0x20, %al
    jz      1b
    movl    %ebx, %eax
    movw    $COM1, %dx
    outb    %al, %dx
    jmp     puts
2:  ret

msg_entered: .asciz "kvmprobe: entered\r\n"
msg_paging:  .asciz "kvmprobe: pae paging on\r\n"

    .section .bss
    .balign 4096
pd:     .skip 4096
pdpt:   .skip 32
    .balign 16
stack:  .skip 1024
stack_top:
