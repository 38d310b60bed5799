/* tlbflush.c - the cross-CPU part of the flush layer; see tlbflush.h. */
#include "tlbflush.h"

struct tlb_counts tlb_counts[NR_CPUS];

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
    arch_on_other_cpus(do_kernel_range_flush, &r);
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
    arch_on_other_cpus(do_flush_tlb_all, 0);
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
