/*
 * tlbflush.h - the TLB flush layer, with Linux's names.
 *
 *   flush_tlb_one_kernel(va)      invlpg on this CPU
 *   __flush_tlb_local()           CR3 reload on this CPU: non-global only
 *   __flush_tlb_all()             global flush on this CPU (CR4.PGE toggle,
 *                                 or INVPCID where the CPU has it)
 *   flush_tlb_kernel_range(s, e)  [s, e) on every online CPU: invlpg per
 *                                 page up to tlb_single_page_flush_ceiling
 *                                 pages, a global flush beyond (as Linux)
 *   flush_tlb_all()               global flush on every online CPU
 * Other CPUs are reached through arch_on_other_cpus (IPI + wait for acks).
 * Every flush is counted per CPU, so tests can check how many happened.
 */
#ifndef HM_TLBFLUSH_H
#define HM_TLBFLUSH_H

#include "arch.h"

#define tlb_single_page_flush_ceiling 33

struct tlb_counts {
    unsigned long one;          /* invlpg */
    unsigned long local;        /* CR3 reloads */
    unsigned long global;       /* global flushes */
    unsigned long range_calls;  /* flush_tlb_kernel_range calls (initiator) */
    unsigned long all_calls;    /* flush_tlb_all calls (initiator) */
} __attribute__((aligned(64)));

extern struct tlb_counts tlb_counts[NR_CPUS];

static inline void flush_tlb_one_kernel(unsigned long va)
{
    tlb_counts[arch_cpu_id()].one++;
    arch_invlpg(va);
}

static inline void __flush_tlb_local(void)
{
    tlb_counts[arch_cpu_id()].local++;
    arch_flush_tlb_local();
}

static inline void __flush_tlb_all(void)
{
    tlb_counts[arch_cpu_id()].global++;
    arch_flush_tlb_global();
}

void flush_tlb_kernel_range(unsigned long start, unsigned long end);
void flush_tlb_all(void);

/* Sum of every CPU's counters (for tests). */
struct tlb_counts tlb_counts_total(void);

#endif
