/*
 * apic.h - the local APIC: xAPIC through FIX_APIC_BASE (uncached), or
 * x2APIC through MSRs where CPUID offers it; IPIs; EOI. The legacy 8259s
 * are remapped to PIC_VECTOR_BASE and masked: nothing but IPIs ever
 * interrupts a CPU (no timer), so timed regions stay clean.
 */
#ifndef BOOT_APIC_H
#define BOOT_APIC_H

#include <stdbool.h>
#include <stdint.h>

/* Vectors. Interrupt priority follows the vector's upper nibble. */
#define PIC_VECTOR_BASE     0x20        /* 8259 IRQs 0..15, all masked */
#define IPI_CALL_VECTOR     0xF0        /* cross-CPU function calls (smp_call.h) */
#define IPI_PING_VECTOR     0xF1        /* bare IPI round trips: ack and return */
#define IPI_WAKE_VECTOR     0xF2        /* wakes an idle CPU to look for work */
#define SPURIOUS_VECTOR     0xFF

extern bool x2apic_mode;                /* chosen once by lapic_init_bsp */

/* Boot CPU: masks the 8259s, picks xAPIC or x2APIC (allow_x2apic and CPUID),
 * maps the xAPIC page (phys: the MADT's address, the MSR's if it differs),
 * enables this CPU's APIC and registers the spurious and PIC handlers.
 * Returns false (and says why) when the CPU has no usable local APIC. */
bool lapic_init_bsp(uint64_t madt_phys, bool allow_x2apic);

/* Any CPU (APs after lapic_init_bsp): enables the APIC in the MSR, in
 * the mode the boot CPU chose, then in software (SVR); TPR 0, LVTs masked. */
void lapic_setup_cpu(void);

uint32_t lapic_id(void);                /* this CPU's APIC id */
void lapic_eoi(void);

/* Fixed-delivery IPI with vector to apic_id, physical destination. */
void lapic_send_ipi(uint32_t apic_id, int vector);

/* INIT (assert, then deassert) and STARTUP with the page of start_phys. */
void lapic_send_init(uint32_t apic_id);
void lapic_send_sipi(uint32_t apic_id, uint32_t start_phys);

/* The error status register after a write to it (latches new errors). */
uint32_t lapic_read_esr(void);

#endif
