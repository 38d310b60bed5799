/*
 * trap.h - the IDT, exception reports and interrupt handlers.
 */
#ifndef BOOT_TRAP_H
#define BOOT_TRAP_H

#include <stdint.h>

/* What vectors.S pushes, lowest address first. */
struct trapframe {
    uint32_t edi, esi, ebp, esp_at_pushal, ebx, edx, ecx, eax;
    uint32_t vector, error;
    uint32_t eip, cs, eflags;
};

/* Exception vectors (the SDM's numbers; kvm-unit-tests' names). */
enum {
    DE_VECTOR = 0, DB_VECTOR = 1, NMI_VECTOR = 2, BP_VECTOR = 3, OF_VECTOR = 4,
    BR_VECTOR = 5, UD_VECTOR = 6, NM_VECTOR = 7, DF_VECTOR = 8, TS_VECTOR = 10,
    NP_VECTOR = 11, SS_VECTOR = 12, GP_VECTOR = 13, PF_VECTOR = 14, MF_VECTOR = 16,
    AC_VECTOR = 17, MC_VECTOR = 18, FIRST_IRQ_VECTOR = 32,
};

/* Page-fault error code bits. */
#define PF_ERROR_PRESENT  0x1           /* 0: the page was not present */
#define PF_ERROR_WRITE    0x2
#define PF_ERROR_RSVD     0x8           /* a reserved bit was set in a paging entry */

typedef void (*irq_handler_t)(struct trapframe *tf);

void idt_init(void);            /* builds the IDT once (BSP) */
void idt_load(void);            /* lidt on the calling CPU */

/* Installs handler for vector (32..255). Exceptions (0..31) are never
 * handled: each prints a register dump and ends the run with status 3,
 * except a fault on a probe instruction (fault.h). */
void irq_register(int vector, irq_handler_t handler);

void trap_dispatch(struct trapframe *tf);

#endif
