/*
 * vectors.S - one entry stub per IDT vector (0..255). Each pushes a dummy
 * error code where the CPU pushes none, then the vector number, saves the
 * general registers and calls trap_dispatch(struct trapframe *). The
 * table vector_stubs[] holds the stubs' addresses for idt_init().
 */
    .text
.macro STUB n
    .balign 16
stub_\n:
    .if (\n == 8 || (\n >= 10 && \n <= 14) || \n == 17 || \n == 21 || \n == 29 || \n == 30)
    .else
    pushl   $0
    .endif
    pushl   $\n
    jmp     trap_common
.endm

.altmacro
.macro STUBS from, to
    STUB %from
    .if \to-\from
    STUBS %(\from+1), \to
    .endif
.endm
    STUBS 0, 63
    STUBS 64, 127
    STUBS 128, 191
    STUBS 192, 255

trap_common:
    pushal
    cld
    movl    %esp, %eax
    pushl   %eax
    call    trap_dispatch
    addl    $4, %esp
    popal
    addl    $8, %esp                    /* vector, error code */
    iret

.macro ADDR n
    .long stub_\n
.endm
.macro ADDRS from, to
    ADDR %from
    .if \to-\from
    ADDRS %(\from+1), \to
    .endif
.endm
    .section .rodata
    .balign 4
    .globl vector_stubs
vector_stubs:
    ADDRS 0, 63
    ADDRS 64, 127
    ADDRS 128, 191
    ADDRS 192, 255
