/* tlbflush.c - the cross-CPU part of the flush layer; see tlbflush.h. */
#include "hm/gfp.h"
#include "hm/tlbflush.h"

struct tlb_counts tlb_counts[NR_CPUS];

/* Bit n set: CPU n is parked (see set_cpu_active). Zero, the start, means
 * every online CPU is active, so nothing needs setting up at bring-up. */
static unsigned long cpu_parked_mask;
int nr_parked_cpus;                     /* its bits, kept so vfree need not count them */

/* The CPUs besides the caller that a shootdown must reach: the active
 * ones (arch_on_cpus skips bits of CPUs that are not online). Called
 * after the caller's own flush, which follows the PTE change and is
 * serializing (invlpg, a CR3/CR4 write or INVPCID): so if a rejoining
 * CPU still reads as parked here, its un-parking (a locked RMW) comes
 * later, and the full flush it gets after that sees the new PTE. */
static unsigned long shootdown_targets(void)
{
    return ~__atomic_load_n(&cpu_parked_mask, __ATOMIC_SEQ_CST) & ~(1UL << arch_cpu_id());
}

struct flush_range {
    unsigned long start, end;
};

/* do_kernel_range_flush: this CPU's share of flush_tlb_kernel_range. */
static void do_kernel_range_flush(void *arg)
{
    const struct flush_range *r = arg;

    if ((r->end - r->start) >> PAGE_SHIFT > tlb_single_page_flush_ceiling) {
        __flush_tlb_all();
        return;
    }
    for (unsigned long va = r->start; va < r->end; va += PAGE_SIZE)
        flush_tlb_one_kernel(va);
}

void flush_tlb_kernel_range(unsigned long start, unsigned long end)
{
    struct flush_range r = { start & PAGE_MASK, end };

    tlb_counts[arch_cpu_id()].range_calls++;
    do_kernel_range_flush(&r);
    arch_on_cpus(shootdown_targets(), do_kernel_range_flush, &r);
}

static void do_flush_tlb_all(void *arg)
{
    (void)arg;
    __flush_tlb_all();
}

void flush_tlb_all(void)
{
    tlb_counts[arch_cpu_id()].all_calls++;
    __flush_tlb_all();
    arch_on_cpus(shootdown_targets(), do_flush_tlb_all, 0);
}

/* Parking only sets the bit: from then on no shootdown waits for the CPU.
 * Rejoining clears it first and then flushes the CPU's whole TLB, global
 * entries included: any flush it missed while parked is covered, and any
 * flush that starts after the clear reaches it anyway. */
void set_cpu_active(int cpu, bool active)
{
    unsigned long bit;

    BUG_ON(cpu < 0 || cpu >= NR_CPUS || cpu == arch_cpu_id());
    bit = 1UL << cpu;
    if (!active) {
        if (!(__atomic_fetch_or(&cpu_parked_mask, bit, __ATOMIC_SEQ_CST) & bit))
            __atomic_add_fetch(&nr_parked_cpus, 1, __ATOMIC_SEQ_CST);
        drain_pages(cpu);               /* its free pages must not sit out the park */
        return;
    }
    if (__atomic_fetch_and(&cpu_parked_mask, ~bit, __ATOMIC_SEQ_CST) & bit) {
        __atomic_sub_fetch(&nr_parked_cpus, 1, __ATOMIC_SEQ_CST);
        arch_on_cpus(bit, do_flush_tlb_all, 0);
    }
}

bool cpu_active(int cpu)
{
    return cpu >= 0 && cpu < NR_CPUS &&
           !((__atomic_load_n(&cpu_parked_mask, __ATOMIC_SEQ_CST) >> cpu) & 1);
}

struct tlb_counts tlb_counts_total(void)
{
    struct tlb_counts t = { 0, 0, 0, 0, 0 };
    for (int c = 0; c < NR_CPUS; c++) {
        t.one += tlb_counts[c].one;
        t.local += tlb_counts[c].local;
        t.global += tlb_counts[c].global;
        t.range_calls += tlb_counts[c].range_calls;
        t.all_calls += tlb_counts[c].all_calls;
    }
    return t;
}
