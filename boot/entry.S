/*
 * entry.S - from GRUB to C.
 *
 * GRUB enters _start (physical address) in 32-bit protected mode, paging
 * off, with EAX = Multiboot2 magic and EBX = physical address of the boot
 * information. _start:
 *   1. refuses any other magic: one line on COM1, status 3;
 *   2. zeroes .bss and copies the boot information into it (mbi_copy), so
 *      nothing later depends on where GRUB left it;
 *   3. builds the boot page tables (PAE): PDPT[0] identity-maps the first
 *      LOW_IDENT_BYTES with non-global 2 MiB pages, PDPT[3] maps 0..MAXMEM
 *      at PAGE_OFFSET with global 2 MiB pages, and its last PDE points to
 *      boot_pt_fixmap, the fixmap's PTE page (boot/fixmap.h);
 *   4. turns on CR4.PAE, CR4.PGE, CR0.PG|WP and jumps to its higher-half
 *      address, switches to the boot stack and calls main().
 * Until paging is on, every symbol is used at its physical address
 * (symbol - PAGE_OFFSET).
 */
#include "boot/layout.h"

#define PHYS(x)     ((x) - PAGE_OFFSET)
#define MB2_BOOT_MAGIC 0x36D76289
#define MBI_MAX     (32 * 1024)
#define COM1        0x3F8
#define PDE_2M_KERNEL 0x183              /* present, rw, PS, global */
#define PDE_2M_IDENT  0x083              /* present, rw, PS */
#define PDPTE_PRESENT 0x001              /* PDPTEs take only P, PWT, PCD */
#define PDE_TABLE   0x023                /* present, rw, accessed: to a PTE page */
#define CR4_PAE     0x020
#define CR4_PGE     0x080
#define CR0_PG_WP   0x80010000

    .section .text.entry, "ax"
    .code32
    .globl _start
_start:
    cli
    cld
    movl    $PHYS(boot_stack_top), %esp     /* Multiboot2 gives no stack */
    cmpl    $MB2_BOOT_MAGIC, %eax
    jne     bad_magic

    /* 2. zero .bss, then copy the boot information into mbi_copy */
    movl    %eax, %esi                      /* keep magic */
    movl    $PHYS(__bss_start), %edi
    movl    $PHYS(__image_end), %ecx
    subl    %edi, %ecx
    xorl    %eax, %eax
    rep stosb
    movl    (%ebx), %ecx                    /* total_size of the info */
    cmpl    $MBI_MAX, %ecx
    ja      mbi_too_big
    movl    %ebx, %esi
    movl    $PHYS(mbi_copy), %edi
    rep movsb
    movl    %ebx, PHYS(mbi_orig_phys)

    /* 3. boot page tables */
    movl    $PHYS(boot_pd_ident), %edi      /* identity: LOW_IDENT_BYTES */
    movl    $PDE_2M_IDENT, %eax
    movl    $(LOW_IDENT_BYTES / PMD_SIZE), %ecx
1:  movl    %eax, (%edi)
    movl    $0, 4(%edi)
    addl    $PMD_SIZE, %eax
    addl    $8, %edi
    loop    1b
    movl    $PHYS(boot_pd_kernel), %edi     /* PAGE_OFFSET: 0..MAXMEM */
    movl    $PDE_2M_KERNEL, %eax
    movl    $(MAXMEM / PMD_SIZE), %ecx
1:  movl    %eax, (%edi)
    movl    $0, 4(%edi)
    addl    $PMD_SIZE, %eax
    addl    $8, %edi
    loop    1b
    movl    $(PHYS(boot_pt_fixmap) + PDE_TABLE), PHYS(boot_pd_kernel) + 8 * ((FIXADDR_TOP - PAGE_OFFSET) >> PMD_SHIFT)
    movl    $PHYS(boot_pdpt), %edi
    movl    $(PHYS(boot_pd_ident) + PDPTE_PRESENT), 0(%edi)
    movl    $(PHYS(boot_pd_kernel) + PDPTE_PRESENT), 24(%edi)

    /* 4. paging on, then run at the higher-half address */
    movl    %cr4, %eax
    orl     $(CR4_PAE | CR4_PGE), %eax
    movl    %eax, %cr4
    movl    $PHYS(boot_pdpt), %eax
    movl    %eax, %cr3
    movl    %cr0, %eax
    orl     $CR0_PG_WP, %eax
    movl    %eax, %cr0
    movl    $higher_half, %eax
    jmp     *%eax

higher_half:
    movl    $boot_stack_top, %esp
    xorl    %ebp, %ebp
    call    main
    /* main never returns; if it does, stop with status 3 */
    movl    $PHYS(msg_main_returned), %esi
    addl    $PAGE_OFFSET, %esi
    jmp     die_msg

bad_magic:
    movl    %eax, %edx
    call    early_serial_init
    movl    $PHYS(msg_bad_magic), %esi
    call    early_puts
    call    early_puthex                    /* prints %edx */
    movl    $PHYS(msg_bad_magic2), %esi
    jmp     die_msg

mbi_too_big:
    call    early_serial_init
    movl    $PHYS(msg_mbi_big), %esi
    /* fall through */

/* die_msg: print the string at %esi, then the empty table manifest and
 * "@done status=3", exit 3 (no table can have been printed this early). */
die_msg:
    call    early_serial_init
    call    early_puts
    movl    $PHYS(msg_done3), %esi
    cmpl    $PAGE_OFFSET, %esp              /* running high? use high address */
    jb      1f
    addl    $PAGE_OFFSET, %esi
1:  call    early_puts
    movb    $3, %al
    outb    %al, $0xf4                      /* QEMU isa-debug-exit */
    movl    $PHYS(msg_shutdown), %esi
    cmpl    $PAGE_OFFSET, %esp
    jb      1f
    addl    $PAGE_OFFSET, %esi
1:  movw    $0x8900, %dx                    /* Bochs shutdown port */
2:  lodsb
    testb   %al, %al
    jz      3f
    outb    %al, %dx
    jmp     2b
3:  cli
    hlt
    jmp     3b

/* early_serial_init: COM1 at 115200 8N1, FIFO on. Clobbers %eax, %edx. */
early_serial_init:
    pushl   %edx
    movw    $COM1+1, %dx;  movb $0x00, %al; outb %al, %dx   /* no interrupts */
    movw    $COM1+3, %dx;  movb $0x80, %al; outb %al, %dx   /* DLAB */
    movw    $COM1+0, %dx;  movb $0x01, %al; outb %al, %dx   /* divisor 1 */
    movw    $COM1+1, %dx;  movb $0x00, %al; outb %al, %dx
    movw    $COM1+3, %dx;  movb $0x03, %al; outb %al, %dx   /* 8N1 */
    movw    $COM1+2, %dx;  movb $0xC7, %al; outb %al, %dx   /* FIFO */
    popl    %edx
    ret

/* early_putc: %al to COM1 after LSR.THRE. Keeps all registers. */
early_putc:
    pushl   %edx
    pushl   %eax
    movw    $COM1+5, %dx
1:  inb     %dx, %al
    testb   $0x20, %al
    jz      1b
    popl    %eax
    movw    $COM1, %dx
    outb    %al, %dx
    popl    %edx
    ret

/* early_puts: the NUL-terminated string at %esi. Clobbers %esi, %eax. */
early_puts:
1:  lodsb
    testb   %al, %al
    jz      2f
    call    early_putc
    jmp     1b
2:  ret

/* early_puthex: %edx as 0x%08x. Clobbers %eax, %ecx. */
early_puthex:
    movb    $'0', %al;  call early_putc
    movb    $'x', %al;  call early_putc
    movl    $8, %ecx
1:  roll    $4, %edx
    movl    %edx, %eax
    andl    $0xF, %eax
    cmpb    $10, %al
    jb      2f
    addb    $('a' - 10 - '0'), %al
2:  addb    $'0', %al
    call    early_putc
    loop    1b
    ret

    .section .rodata
msg_bad_magic:  .asciz "hmbench: fatal: bad boot magic "
msg_bad_magic2: .asciz " (want 0x36d76289): not started by a Multiboot2 loader\r\n"
msg_mbi_big:    .asciz "hmbench: fatal: Multiboot2 information larger than 32 KiB\r\n"
msg_main_returned: .asciz "hmbench: fatal: main returned\r\n"
msg_done3:      .asciz "@tables - crc32=8126a10e\r\n@done status=3\r\n"
msg_shutdown:   .asciz "Shutdown"

    .section .bss.pagetables, "aw", @nobits
    .balign 4096
    .globl boot_pdpt, boot_pd_ident, boot_pd_kernel, boot_pt_fixmap
boot_pdpt:      .skip 4096
boot_pd_ident:  .skip 4096
boot_pd_kernel: .skip 4096
boot_pt_fixmap: .skip 4096

    .section .bss
    .balign 16
    .globl mbi_copy, mbi_orig_phys, boot_stack_top
mbi_copy:       .skip MBI_MAX
mbi_orig_phys:  .skip 4
    .balign 4096                            /* stack_guard.c unmaps the guard */
    .globl boot_stack_guard
boot_stack_guard: .skip 4096
boot_stack:     .skip KSTACK_SIZE
boot_stack_top:
