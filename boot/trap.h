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

typedef void (*irq_handler_t)(struct trapframe *tf);

void idt_init(void);            /* builds the IDT once (BSP) */
void idt_load(void);            /* lidt on the calling CPU */

/* Installs handler for vector (32..255). Exceptions (0..31) are never
 * handled: each prints a register dump and ends the run with status 3,
 * except a fault on a probe instruction (fault.h). */
void irq_register(int vector, irq_handler_t handler);

void trap_dispatch(struct trapframe *tf);

#endif
