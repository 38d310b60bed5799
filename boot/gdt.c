/* gdt.c - per-CPU GDTs: null, flat kernel code and data, the %fs segment,
 * the CPU's TSS and its double-fault TSS. */
#include "boot/percpu.h"
#include "boot/tss.h"

struct percpu percpu_area[NR_CPUS];

/* smp_processor_id() and hm/arch.h read these offsets directly. */
_Static_assert(offsetof(struct percpu, self) == 0, "%fs:0 must be percpu.self");
_Static_assert(offsetof(struct percpu, cpu) == 4, "%fs:4 must be percpu.cpu");

/* seg_desc: a 32-bit segment descriptor. access 0x9A code, 0x92 data. */
static uint64_t seg_desc(uint32_t base, uint32_t limit_pages, uint8_t access)
{
    uint64_t d = 0;
    d |= limit_pages & 0xFFFF;
    d |= (uint64_t)(base & 0xFFFFFF) << 16;
    d |= (uint64_t)access << 40;
    d |= (uint64_t)((limit_pages >> 16) & 0xF) << 48;
    d |= (uint64_t)0xC << 52;                   /* 4 KiB granularity, 32-bit */
    d |= (uint64_t)(base >> 24) << 56;
    return d;
}

void gdt_init_cpu(int cpu)
{
    struct percpu *pc = &percpu_area[cpu];
    struct { uint16_t limit; uint32_t base; } __attribute__((packed)) gdtr;

    pc->self = pc;
    pc->cpu = cpu;
    pc->probe.vector = -1;
    pc->gdt[0] = 0;
    pc->gdt[1] = seg_desc(0, 0xFFFFF, 0x9A);
    pc->gdt[2] = seg_desc(0, 0xFFFFF, 0x92);
    pc->gdt[3] = seg_desc((uint32_t)pc, 0, 0x92);        /* one page */
    tss_init_cpu(cpu, &pc->gdt[GDT_TSS >> 3], &pc->gdt[GDT_DF_TSS >> 3]);
    gdtr.limit = sizeof(pc->gdt) - 1;
    gdtr.base = (uint32_t)pc->gdt;
    __asm__ volatile(
        "lgdt %0\n\t"
        "ljmp %1, $1f\n"
        "1:\n\t"
        "movw %2, %%ax\n\t"
        "movw %%ax, %%ds\n\t"
        "movw %%ax, %%es\n\t"
        "movw %%ax, %%ss\n\t"
        "movw %%ax, %%gs\n\t"
        "movw %3, %%ax\n\t"
        "movw %%ax, %%fs\n\t"
        :: "m"(gdtr), "i"(GDT_KCODE), "i"(GDT_KDATA), "i"(GDT_PERCPU) : "eax", "memory");
    /* The task register (tss.h); and a null LDT, so that a selector with
     * TI=1 is a #GP rather than a read through whatever LDTR the loader
     * or the reset left (base 0: the unmapped first page). */
    __asm__ volatile("ltr %w0; lldt %w1" :: "r"(GDT_TSS), "r"(0) : "memory");
}
