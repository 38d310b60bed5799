/*
 * kvmprobe.S - the smallest guest that does, in order, what hmbench's early
 * path does before hmbench itself can report anything (boot/entry.S,
 * boot/gdt.c, boot/trap.c, hm/arch_x86.c, boot/lapic.c). tools/kvmprobe
 * boots it with QEMU's -kernel (Multiboot1; QEMU's loader takes a 32-bit
 * ELF). Each step first prints "kvmprobe: step <name>" on COM1, so the
 * last such line names the step that failed:
 *   gdt            lgdt, far jump, reload the data segments
 *   idt            lidt (exception stubs print "kvmprobe: fault vector N")
 *   pae paging     CR4.PAE|PGE, CR3, CR0.PG|WP; PDPT[0] identity 0..4 MiB,
 *                  PDPT[3] the 3G alias with global 2 MiB pages
 *   higher half    a word read through the 3G alias matches
 *   cr3 reload     the local flush (arch_flush_tlb_local)
 *   global flush   INVPCID type 2 where CPUID.7 offers it, else CR4.PGE
 *                  off/on (arch_flush_tlb_global) - the step nested KVM
 *                  with npt=1 refuses with #GP
 *   invlpg         one page of the alias
 *   rdtsc          the TSC moves
 *   apic enable    mask the 8259s; IA32_APIC_BASE.EN, then EXTD where CPUID.1 offers
 *                  x2APIC (the image's default), then read the version
 *   self ipi       SVR on, a fixed IPI to self (x2APIC: fenced WRMSR to
 *                  the ICR, as the image does), taken with interrupts on
 * First, after "kvmprobe: entered", one line of what the TSC leaves say
 * ("kvmprobe: tsc invtsc=0x1 hv_max=0x40000010 khz=0x002dc6c0": CPUID
 * 0x80000007 EDX bit 8, the top hypervisor leaf, EAX of 0x40000010; CPUID
 * needs no paging, so a KVM that fails a step still reports it).
 * In the end "kvmprobe: all steps passed" and 0 to the isa-debug-exit port 0xf4
 * (QEMU exits 1). A failed check or an exception writes 1 (QEMU exits 3);
 * a fault before the IDT is up is a triple fault (QEMU -no-reboot exits 0).
 * Built with -DPROBE_BREAK=N (tests only), step N runs UD2 first, so a
 * test can watch a failure being named.
 * Linked at 1 MiB (physical = virtual): the identity map covers it.
 */
#define MB1_MAGIC   0x1BADB002
#define MB1_FLAGS   0x00000000
#define COM1        0x3F8
#define PDE_2M      0x083               /* present, rw, PS */
#define PDE_2M_G    0x183               /* present, rw, PS, global */
#define PDE_2M_UC   0x19B               /* present, rw, PWT, PCD, PS, global */
#define HIGH        0xC0000000          /* the 3G alias (PAGE_OFFSET) */
#define APIC_PHYS   0xFEE00000          /* mapped at the same address */
#define SEL_CODE    0x08
#define SEL_DATA    0x10
#define IPI_VECTOR  0x40
#define NR_VECTORS  (IPI_VECTOR + 1)

#ifndef PROBE_BREAK
#define PROBE_BREAK 0
#endif

/* STEP n, "name": announce step n; ud2 there when built to break it. */
.macro STEP n, name
    .pushsection .rodata
1:  .ascii "kvmprobe: step \name"
    .byte 13, 10, 0                     /* not "\r\n": \n is the argument */
    .popsection
    movl    $1b, %esi
    call    puts
    .if PROBE_BREAK == \n
    ud2
    .endif
.endm

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
    cld
    movl    $stack_top, %esp
    movl    $msg_entered, %esi
    call    puts

    /* Not a step (nothing here can fail): what the TSC leaves say, for the
     * runner's choice of -cpu and for the report. */
    movl    $msg_tsc_inv, %esi
    call    puts
    movl    $0x80000000, %eax
    cpuid
    xorl    %edx, %edx
    cmpl    $0x80000007, %eax
    jb      1f
    movl    $0x80000007, %eax
    cpuid
    shrl    $8, %edx                    /* EDX bit 8: invariant TSC */
    andl    $1, %edx
1:  call    puthex
    movl    $1, %eax
    cpuid
    xorl    %edx, %edx
    testl   $(1 << 31), %ecx            /* a hypervisor is present */
    jz      1f
    movl    $0x40000000, %eax
    cpuid
    movl    %eax, %edx
1:  movl    $msg_tsc_hv, %esi
    call    puts
    call    puthex
    cmpl    $0x40000010, %edx
    movl    $0, %edx
    jb      1f
    movl    $0x40000010, %eax
    cpuid
    movl    %eax, %edx                  /* TSC kHz */
1:  movl    $msg_tsc_khz, %esi
    call    puts
    call    puthex
    movl    $msg_crlf, %esi
    call    puts

    STEP 1, "gdt"
    lgdt    gdtr
    ljmp    $SEL_CODE, $1f
1:  movw    $SEL_DATA, %ax
    movw    %ax, %ds
    movw    %ax, %es
    movw    %ax, %ss
    movw    %ax, %fs
    movw    %ax, %gs

    STEP 2, "idt"
    movl    $idt, %edi                  /* gate v -> vec_stubs + 16 * v */
    movl    $vec_stubs, %edx
    movl    $NR_VECTORS, %ecx
1:  movl    %edx, %eax
    andl    $0xFFFF, %eax
    orl     $(SEL_CODE << 16), %eax
    movl    %eax, 0(%edi)
    movl    %edx, %eax
    andl    $0xFFFF0000, %eax
    orl     $0x8E00, %eax               /* present, DPL 0, 32-bit interrupt gate */
    movl    %eax, 4(%edi)
    addl    $16, %edx
    addl    $8, %edi
    loop    1b
    lidt    idtr

    STEP 3, "pae paging"
    movl    $pd_low, %edi
    movl    $PDE_2M, 0(%edi)
    movl    $(PDE_2M + 0x200000), 8(%edi)
    movl    $pd_high, %edi
    movl    $PDE_2M_G, 0(%edi)
    movl    $(PDE_2M_G + 0x200000), 8(%edi)
    movl    $(APIC_PHYS + PDE_2M_UC), 8 * ((APIC_PHYS - HIGH) >> 21)(%edi)
    movl    $(pd_low + 1), pdpt
    movl    $(pd_high + 1), pdpt + 24
    movl    %cr4, %eax
    orl     $0xa0, %eax                 /* CR4.PAE | CR4.PGE */
    movl    %eax, %cr4
    movl    $pdpt, %eax
    movl    %eax, %cr3
    movl    %cr0, %eax
    orl     $0x80010000, %eax           /* CR0.PG | CR0.WP */
    movl    %eax, %cr0
    jmp     1f
1:

    STEP 4, "higher half"
    movl    $0x600DF00D, marker
    cmpl    $0x600DF00D, HIGH + marker
    movl    $msg_alias, %esi
    jne     failed

    STEP 5, "cr3 reload"
    movl    %cr3, %eax
    movl    %eax, %cr3

    STEP 6, "global flush"
    movl    $0, %eax
    cpuid
    cmpl    $7, %eax
    jb      2f
    movl    $7, %eax
    xorl    %ecx, %ecx
    cpuid
    testl   $(1 << 10), %ebx            /* INVPCID: the image uses it */
    jz      2f
    movl    $msg_invpcid, %esi
    call    puts
    movl    $2, %eax
    invpcid invpcid_desc, %eax          /* all contexts, globals too */
    jmp     3f
2:  movl    $msg_pge, %esi
    call    puts
    movl    %cr4, %eax
    movl    %eax, %edx
    andl    $~0x80, %eax
    movl    %eax, %cr4                  /* PGE off: flushes globals */
    movl    %edx, %cr4                  /* PGE back on */
3:

    STEP 7, "invlpg"
    invlpg  HIGH + marker
    cmpl    $0x600DF00D, HIGH + marker
    movl    $msg_alias, %esi
    jne     failed

    STEP 8, "rdtsc"
    rdtsc
    movl    %eax, %ebx
    movl    $1000, %ecx
1:  pause
    loop    1b
    rdtsc
    cmpl    %ebx, %eax
    movl    $msg_tsc, %esi
    je      failed

    STEP 9, "apic enable"
    movb    $0xFF, %al                  /* mask both 8259s, as the image does: */
    outb    %al, $0x21                  /* the BIOS left them at vectors 8..15 */
    outb    %al, $0xA1
    movl    $1, %eax
    cpuid
    shrl    $21, %ecx                   /* CPUID.1:ECX.x2APIC */
    andl    $1, %ecx
    movl    %ecx, x2apic
    movl    $0x1B, %ecx                 /* IA32_APIC_BASE */
    rdmsr
    orl     $(1 << 11), %eax            /* EN */
    wrmsr
    cmpl    $0, x2apic
    je      1f
    movl    $msg_x2apic, %esi
    call    puts
    orl     $(1 << 10), %eax            /* EXTD: xAPIC -> x2APIC */
    wrmsr
    movl    $0x803, %ecx                /* version */
    rdmsr
    jmp     2f
1:  movl    APIC_PHYS + 0x30, %eax      /* version */
2:  testb   %al, %al
    movl    $msg_apic, %esi
    jz      failed

    STEP 10, "self ipi"
    movl    $0x1FF, %eax                /* SVR: enabled, spurious 0xff */
    movl    $0xF0, %ecx
    call    apic_write
    movl    $(IPI_VECTOR | (1 << 18)), %eax    /* fixed, shorthand self */
    movl    $0x300, %ecx
    sti
    call    apic_write
    movl    $10000000, %ecx
1:  cmpl    $0, ipi_seen
    jne     2f
    pause
    loop    1b
    cli
    movl    $msg_noipi, %esi
    jmp     failed
2:  cli

    movl    $msg_passed, %esi
    call    puts
    xorl    %eax, %eax
    outb    %al, $0xf4
    jmp     halt

/* failed: the string at %esi, then status 1 (QEMU exits 3). */
failed:
    call    puts
    movb    $1, %al
    outb    %al, $0xf4
halt:
    cli
    hlt
    jmp     halt

/* apic_write: %eax to the APIC register at MMIO offset %ecx (x2APIC: MSR
 * 0x800 + offset / 16, high half 0; a write to the ICR is fenced first, as
 * Linux and the image do). Clobbers %ecx, %edx. */
apic_write:
    cmpl    $0, x2apic
    je      1f
    shrl    $4, %ecx
    addl    $0x800, %ecx
    xorl    %edx, %edx
    mfence
    lfence
    wrmsr
    ret
1:  movl    %eax, APIC_PHYS(%ecx)
    ret

/* puthex: %edx as 0x%08x on COM1. Keeps every register. */
puthex:
    pushl   %esi
    pushl   %ecx
    pushl   %eax
    movl    $hex_buf + 2, %esi
    movl    $8, %ecx
1:  roll    $4, %edx
    movl    %edx, %eax
    andl    $0xF, %eax
    movb    hexdigits(%eax), %al
    movb    %al, (%esi)
    incl    %esi
    loop    1b
    movl    $hex_buf, %esi
    call    puts
    popl    %eax
    popl    %ecx
    popl    %esi
    ret

/* puts: the string at %esi to COM1, waiting for LSR.THRE before each
 * byte. Keeps every register but %esi. */
puts:
    pushl   %eax
    pushl   %ebx
    pushl   %edx
1:  lodsb
    testb   %al, %al
    jz      3f
    movl    %eax, %ebx
    movw    $COM1+5, %dx
2:  inb     %dx, %al
    testb   $0x20, %al
    jz      2b
    movl    %ebx, %eax
    movw    $COM1, %dx
    outb    %al, %dx
    jmp     1b
3:  popl    %edx
    popl    %ebx
    popl    %eax
    ret

/* Interrupt stubs, 16 bytes each: push the vector, go to the handler. */
    .balign 16
vec_stubs:
    .set vec, 0
    .rept NR_VECTORS
    .balign 16
    pushl   $vec
    jmp     vector
    .set vec, vec + 1
    .endr

/* vector: the self-IPI is noted and acknowledged; anything else is an
 * exception: "kvmprobe: fault vector 0xNN", status 1. */
vector:
    cmpl    $IPI_VECTOR, (%esp)
    jne     1f
    movl    $1, ipi_seen
    pushl   %eax
    pushl   %ecx
    pushl   %edx
    xorl    %eax, %eax
    movl    $0xB0, %ecx                 /* EOI */
    cmpl    $0, x2apic
    je      2f
    movl    $0x80B, %ecx
    xorl    %edx, %edx
    wrmsr
    jmp     3f
2:  movl    %eax, APIC_PHYS(%ecx)
3:  popl    %edx
    popl    %ecx
    popl    %eax
    addl    $4, %esp
    iret
1:  movl    $msg_fault, %esi
    call    puts
    movl    (%esp), %edx
    movl    $hexdigits, %ebx
    movl    %edx, %eax
    shrl    $4, %eax
    andl    $0xF, %eax
    movb    (%ebx,%eax), %al
    movb    %al, fault_hex
    movl    %edx, %eax
    andl    $0xF, %eax
    movb    (%ebx,%eax), %al
    movb    %al, fault_hex + 1
    movl    $fault_hex, %esi
    jmp     failed

    .section .rodata
msg_entered: .asciz "kvmprobe: entered\r\n"
msg_passed:  .asciz "kvmprobe: all steps passed\r\n"
msg_fault:   .asciz "kvmprobe: fault vector 0x"
msg_alias:   .asciz "kvmprobe: the 3G alias reads something else\r\n"
msg_invpcid: .asciz "kvmprobe: (invpcid)\r\n"
msg_pge:     .asciz "kvmprobe: (cr4.pge off/on)\r\n"
msg_tsc:     .asciz "kvmprobe: the TSC does not move\r\n"
msg_x2apic:  .asciz "kvmprobe: (x2apic)\r\n"
msg_apic:    .asciz "kvmprobe: the APIC version reads 0\r\n"
msg_noipi:   .asciz "kvmprobe: the self-IPI never arrived\r\n"
msg_tsc_inv: .asciz "kvmprobe: tsc invtsc="
msg_tsc_hv:  .asciz " hv_max="
msg_tsc_khz: .asciz " khz="
msg_crlf:    .asciz "\r\n"
hexdigits:   .ascii "0123456789abcdef"
    .balign 8
gdt:    .quad 0
        .quad 0x00CF9A000000FFFF        /* flat code */
        .quad 0x00CF92000000FFFF        /* flat data */
gdtr:   .word 3 * 8 - 1
        .long gdt
    .balign 8
idtr:   .word NR_VECTORS * 8 - 1
        .long idt
    .balign 16
invpcid_desc: .quad 0, 0

    .section .data
fault_hex:  .asciz "??\r\n"
hex_buf:    .asciz "0x????????"

    .section .bss
    .balign 4096
pd_low:     .skip 4096
pd_high:    .skip 4096
pdpt:       .skip 32
    .balign 8
idt:        .skip NR_VECTORS * 8
marker:     .skip 4
x2apic:     .skip 4
ipi_seen:   .skip 4
    .balign 16
stack:      .skip 1024
stack_top:
