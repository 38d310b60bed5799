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
 */
#include "bench/args.h"
#include "bench/bench.h"
#include "bench/concurrent.h"
#include "bench/report.h"
#include "boot/console.h"
#include "boot/fixmap.h"
#include "boot/smp.h"
#include "boot/smp_call.h"
#include "boot/x86.h"
#include "hm/arch.h"

#define SLOT FIX_TEST_NONGLOBAL
#define FLUSH_ALL_CEILING 33            /* Linux's tlb_single_page_flush_ceiling */

enum { V_PING, V_ONE, V_RANGE, NVAR };
static const char *const names[NVAR] = { "ipi_roundtrip", "flush_one", "flush_pkmap_range" };

static volatile uint32_t sd_page[1024] __attribute__((aligned(4096)));
static cpumask_t sd_mask;

static unsigned long sd_va(void) { return __fix_to_virt(SLOT); }
static void invlpg_fn(void *info) { invlpg((unsigned long)info); }
static void flush_all_fn(void *info) { (void)info; arch_flush_tlb_global(); }

static void touch(void *c) { (void)c; (void)*(volatile uint32_t *)sd_va(); }
static void op_ping(void *c) { (void)c; smp_ping_many(sd_mask); }
static void op_one(void *c) { (void)c; on_each_cpu_mask(sd_mask, invlpg_fn, (void *)sd_va()); }
static void op_range(void *c) { (void)c; on_each_cpu_mask(sd_mask, flush_all_fn, 0); }

static struct stats st[NVAR][NR_CPUS + 1];     /* [variant][ncpus] */
static struct conc_result conc[NR_CPUS + 1];   /* flush_one_concurrent by ncpus */

BENCH(shootdown)
{
    static const struct op ops[NVAR] = {
        [V_PING] = { 0, op_ping, 0, 0 },
        [V_ONE] = { touch, op_one, 0, 0 },
        [V_RANGE] = { touch, op_range, 0, 0 },
    };
    static struct op conc_ops[NR_CPUS];
    int online = num_online_cpus();

    _Static_assert(LAST_PKMAP > FLUSH_ALL_CEILING, "the pkmap range must exceed the ceiling");
    set_fixmap(SLOT, (uint32_t)sd_page - (uint32_t)PAGE_OFFSET, PAGE_KERNEL);
    for (int i = 0; i < NR_CPUS; i++)
        conc_ops[i] = ops[V_ONE];
    for (int n = 1; n <= online; n++) {
        printk("-- bench shootdown ncpus=%d\n", n);
        sd_mask = cpumask_first_n(n);
        for (int v = 0; v < NVAR; v++)
            if (v != V_PING || n >= 2)
                measure_samples(&ops[v], args.samples, &st[v][n]);
        if (n >= 2)
            measure_concurrent(n, conc_ops, 0, args.samples, &conc[n]);
    }
    on_each_cpu(invlpg_fn, (void *)sd_va());
    clear_fixmap(SLOT);

    table_begin("shootdown");
    if (online < 2) {
        bench_skip("shootdown", "ipi_roundtrip", "needs a second online CPU");
        bench_skip("shootdown", "flush_one_concurrent", "needs a second online CPU");
    }
    for (int v = 0; v < NVAR; v++)
        for (int n = v == V_PING ? 2 : 1; n <= online; n++) {
            struct row_key k = { .bench = "shootdown", .variant = names[v],
                                 .param_name = v == V_RANGE ? "pages" : "",
                                 .param = LAST_PKMAP, .cpu = 0, .ncpus = n };
            table_row(&k, &st[v][n]);
        }
    for (int n = 2; n <= online; n++)
        conc_rows("shootdown", "flush_one_concurrent", "", 0, &conc[n]);
    table_end();
}
