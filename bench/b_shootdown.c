/*
 * b_shootdown.c - bench=shootdown: what it costs to make other CPUs drop
 * TLB entries, by the number of CPUs involved (the ncpus column; the first
 * ncpus online CPUs, CPU 0 the sender). Variants:
 *   ipi_roundtrip       a bare IPI to each of the ncpus-1 others and the
 *                       wait for every ack (at ncpus=2: one CPU, one IPI)
 *   flush_one           invlpg of one page on all ncpus CPUs, waiting for
 *                       every ack (smp_call: remote, then local)
 *   flush_pkmap_range   the whole pkmap range on all ncpus CPUs: LAST_PKMAP
 *                       pages is past Linux's single-page ceiling (33), so
 *                       flush_tlb_kernel_range does a full global flush
 *   flush_one_concurrent every one of the ncpus CPUs does flush_one at the
 *                       same time (rows per CPU): shootdowns that collide
 * With ncpus=1 a flush is its local part only; ipi_roundtrip starts at 2.
 * Other CPUs wait halted (interrupts on); their wake-up is part of the cost.
 * Each variant is measured at every ncpus in turn, in the rows' order.
 */
#include "bench/bench.h"
#include "bench/concurrent.h"
#include "boot/console.h"
#include "boot/fixmap.h"
#include "boot/smp.h"
#include "boot/smp_call.h"
#include "boot/x86.h"
#include "hm/arch.h"

#define SLOT FIX_TEST_NONGLOBAL
#define FLUSH_ALL_CEILING 33            /* Linux's tlb_single_page_flush_ceiling */

static volatile uint32_t sd_page[1024] __attribute__((aligned(4096)));
static cpumask_t sd_mask;

static unsigned long sd_va(void) { return __fix_to_virt(SLOT); }
static void invlpg_fn(void *info) { invlpg((unsigned long)info); }
static void flush_all_fn(void *info) { (void)info; arch_flush_tlb_global(); }

static void touch(void *c) { (void)c; (void)*(volatile uint32_t *)sd_va(); }
static void op_ping(void *c) { (void)c; smp_ping_many(sd_mask); }
static void op_one(void *c) { (void)c; on_each_cpu_mask(sd_mask, invlpg_fn, (void *)sd_va()); }
static void op_range(void *c) { (void)c; on_each_cpu_mask(sd_mask, flush_all_fn, 0); }

/* Each is measured at ncpus = .ncpus (2 for the ping, else 1) .. online
 * in turn, with sd_mask the first ncpus CPUs. */
static const struct variant variants[] = {
    { .variant = "ipi_roundtrip", .op = op_ping, .ncpus = 2 },
    { .variant = "flush_one", .prep = touch, .op = op_one, .ncpus = 1 },
    { .variant = "flush_pkmap_range", .param_name = "pages", .param = LAST_PKMAP,
      .prep = touch, .op = op_range, .ncpus = 1 },
};
static const struct variant concurrent = {
    .variant = "flush_one_concurrent", .prep = touch, .op = op_one,
};

BENCH(shootdown)
{
    int online = num_online_cpus();

    _Static_assert(LAST_PKMAP > FLUSH_ALL_CEILING, "the pkmap range must exceed the ceiling");
    set_fixmap(SLOT, (uint32_t)sd_page - (uint32_t)PAGE_OFFSET, PAGE_KERNEL);
    if (online < 2) {
        table_skip("ipi_roundtrip", "needs a second online CPU");
        table_skip("flush_one_concurrent", "needs a second online CPU");
    }
    for (size_t v = 0; v < ARRAY_SIZE(variants); v++)
        for (int n = variants[v].ncpus; n <= online; n++) {
            struct variant at_n = variants[v];

            printk("-- bench shootdown ncpus=%d: %s\n", n, at_n.variant);
            sd_mask = cpumask_first_n(n);
            at_n.ncpus = n;
            bench_variant(&at_n);
        }
    for (int n = 2; n <= online; n++) {
        printk("-- bench shootdown ncpus=%d: %s\n", n, concurrent.variant);
        sd_mask = cpumask_first_n(n);
        bench_concurrent(&concurrent, n, 0);
    }
    on_each_cpu(invlpg_fn, (void *)sd_va());
    clear_fixmap(SLOT);
}
