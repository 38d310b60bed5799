/*
 * b_timing.c - bench=timing: what the measuring core itself costs and
 * how it corrects for it (timing.h). Rows, on CPU 0:
 *   empty     the empty op measured and corrected like any op: its p50 is
 *             what the overhead subtraction leaves behind (exactly 0 under
 *             icount; on hardware the residual bias)
 *   overhead  the raw empty timed region, nothing subtracted: the
 *             distribution the subtraction's median comes from
 *   tsc_read  two back-to-back tsc_read calls, nothing subtracted
 * Before the first benchmark, timing_meta prints every online CPU's
 * overhead minimum and median as @meta lines and warns when they differ
 * by more than OVERHEAD_MARGIN.
 */
#include "bench/b_timing.h"
#include "bench/args.h"
#include "bench/bench.h"
#include "boot/console.h"
#include "boot/percpu.h"
#include "boot/smp.h"
#include "boot/smp_work.h"

static uint32_t ovh_min[NR_CPUS], ovh_p50[NR_CPUS];

static void ovh_on_cpu(void *unused)
{
    int cpu = smp_processor_id();

    (void)unused;
    overhead_measure(&ovh_min[cpu], &ovh_p50[cpu]);
}

void timing_meta(void)
{
    for (int cpu = 1; cpu < nr_cpu_ids; cpu++)
        if (cpu_online(cpu)) {
            smp_post_work(cpu, ovh_on_cpu, 0);
            smp_wait_work(cpu);
        }
    ovh_on_cpu(0);
    for (int cpu = 0; cpu < nr_cpu_ids; cpu++) {
        if (!cpu_online(cpu))
            continue;
        printk("@meta overhead_min.cpu%d=%u\n", cpu, ovh_min[cpu]);
        printk("@meta overhead_p50.cpu%d=%u\n", cpu, ovh_p50[cpu]);
    }
    for (int cpu = 0; cpu < nr_cpu_ids; cpu++)
        if (cpu_online(cpu) && !overhead_stable(ovh_min[cpu], ovh_p50[cpu]))
            printk("WARNING: timing: cpu %d: the empty timed region is unstable: min %u, p50 %u "
                   "%s (margin: 10%% of min + %u); its rows carry that jitter\n",
                   cpu, ovh_min[cpu], ovh_p50[cpu], tick_unit, OVERHEAD_MARGIN_TICKS);
}

BENCH(timing)
{
    struct stats st;

    bench_variant(&(struct variant){ .variant = "empty", .op = timing_empty_op });
    measure_overhead(args.samples, &st);
    table_row(&(struct row_key){ .variant = "overhead", .ncpus = 1 }, &st);
    measure_tsc_read(args.samples, &st);
    table_row(&(struct row_key){ .variant = "tsc_read", .ncpus = 1 }, &st);
}
