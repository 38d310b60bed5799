/*
 * percpu.h - per-CPU data, reached through %fs.
 *
 * Each CPU's GDT has a data segment (GDT_PERCPU) whose base is that CPU's
 * struct percpu, loaded into %fs at bring-up. smp_processor_id() is then
 * one load: movl %fs:offsetof(struct percpu, cpu).
 */
#ifndef BOOT_PERCPU_H
#define BOOT_PERCPU_H

#include <stdint.h>
#include <stddef.h>
#include "boot/layout.h"

/* Selectors. */
#define GDT_KCODE   0x08
#define GDT_KDATA   0x10
#define GDT_PERCPU  0x18
#define GDT_TSS     0x20                /* the CPU's task (ltr), boot/tss.c */
#define GDT_DF_TSS  0x28                /* its double-fault task (IDT vector 8) */
#define GDT_ENTRIES 6

/* What the expected-fault mechanism recorded (see fault.h). */
struct fault_record {
    int vector;                 /* -1: no fault */
    uint32_t error;
    uint32_t cr2;
    uint32_t eip;
};

struct percpu {
    struct percpu *self;        /* offset 0: %fs:0 gives the pointer */
    int cpu;                    /* offset 4: logical CPU number */
    /* offset 8: bytes that belong to hm/ (its kmap_atomic stack), which
     * reaches them %fs-relative through hm/arch.h's arch_this_cpu_hm().
     * boot/ never touches them; hm/arch_x86.c checks offset and size. */
    unsigned char hm[16] __attribute__((aligned(8)));
    uint32_t apic_id;           /* from the MADT, set by the boot CPU */
    uint32_t apic_id_seen;      /* what this CPU's own APIC said at bring-up */
    volatile int online;
    struct fault_record probe;  /* last fault taken by a probe */
    uint64_t gdt[GDT_ENTRIES];
    void *stack_top;
    /* IPIs taken by this CPU (boot/smp_call.c). */
    volatile uint32_t pings;    /* IPI_PING_VECTOR interrupts */
    volatile uint32_t calls_run;/* cross-CPU call functions run */
    /* Work for an idle AP, run with interrupts on (boot/smp_work.c). */
    void (*work_fn)(void *);
    void *work_arg;
    volatile uint32_t work_posted, work_done;
} __attribute__((aligned(64)));

_Static_assert(sizeof(struct percpu) <= 4096, "the %fs segment is one page");

extern struct percpu percpu_area[NR_CPUS];

static inline struct percpu *this_cpu(void)
{
    struct percpu *p;
    __asm__ volatile("movl %%fs:0, %0" : "=r"(p));
    return p;
}

static inline int smp_processor_id(void)
{
    int cpu;
    __asm__ volatile("movl %%fs:4, %0" : "=r"(cpu));
    return cpu;
}

/* Builds CPU cpu's GDT (flat code/data + per-CPU segment + its two TSSes),
 * loads it and the segment registers, points %fs at percpu_area[cpu] and
 * loads the task register (tss.h). */
void gdt_init_cpu(int cpu);

#endif
