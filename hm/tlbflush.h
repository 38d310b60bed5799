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
 *   flush_tlb_all()               global flush on every active CPU
 * Other CPUs are reached through arch_on_cpus (IPI + wait for acks).
 * Every flush is counted per CPU, so tests can check how many happened.
 *
 * The active CPUs: every online CPU, unless a benchmark parks some with
 * set_cpu_active(cpu, false) to measure "k CPUs online" honestly. A parked
 * CPU sits idle and takes no shootdowns, so it may keep stale kernel
 * translations; set_cpu_active(cpu, true) therefore gives it a full global
 * flush before it counts again, as a CPU coming online starts with an
 * empty TLB. See docs/smp.md ("Parked CPUs").
 */
#ifndef HM_TLBFLUSH_H
#define HM_TLBFLUSH_H

#include "hm/arch.h"

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

/* Park (active false) or rejoin (true) online CPU cpu, never the caller.
 * Parking drains cpu's per-CPU page lists into the buddy (drain_pages).
 * A parked CPU must run no hm/ code until it rejoins; rejoining flushes
 * its whole TLB (one counted global flush, run on it by IPI) before this
 * returns. Call with interrupts on. Misuse is a BUG. */
void set_cpu_active(int cpu, bool active);

/* Whether online CPU cpu takes part (is not parked). */
bool cpu_active(int cpu);

extern int nr_parked_cpus;              /* parked CPUs (set_cpu_active) */

/* Online CPUs that are not parked: what hm/ sizes itself by
 * (lazy_max_pages on every vfree, whether a full pkmap can ever drain). */
static inline int num_active_cpus(void)
{
    return arch_num_cpus() - __atomic_load_n(&nr_parked_cpus, __ATOMIC_RELAXED);
}

/* Sum of every CPU's counters (for tests). */
struct tlb_counts tlb_counts_total(void);

#endif
