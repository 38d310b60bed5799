/*
 * st_concurrent.c - measure_concurrent keeps every CPU busy for the whole
 * of every CPU's timed window (bench/concurrent.h).
 *
 * concurrent_windows_overlap: on all online CPUs (at least 2), CPU i's op
 * is a spin of (i + 1) units, so without care the cheap CPUs finish early
 * and the dear ones time their last samples alone. Every CPU's overlap
 * (its timed window's share inside the common busy window, measured with
 * the TSC, which QEMU shares between vCPUs under TCG and icount alike)
 * must be at least CONC_OVERLAP_MIN. Under icount QEMU runs the vCPUs in
 * turn; the pause between samples makes them alternate, so the check
 * means the same there.
 */
#include "bench/concurrent.h"
#include "bench/selftest.h"
#include "boot/console.h"
#include "boot/smp.h"

#define SPIN_UNIT 400
#define OVERLAP_SAMPLES 400

static void spin_op(void *ctx)
{
    uint32_t n = (uint32_t)(uintptr_t)ctx;

    for (volatile uint32_t i = 0; i < n; i++)
        ;
}

SELFTEST(concurrent_windows_overlap)
{
    static struct op ops[NR_CPUS];
    static struct conc_result r;
    int n = num_online_cpus(), worst = 0;

    if (n < 2) {
        report_skip("concurrent_windows_overlap", "needs 2 CPUs, %d online", n);
        return;
    }
    for (int i = 0; i < n; i++)
        ops[i] = (struct op){ 0, spin_op, 0, (void *)(uintptr_t)(SPIN_UNIT * (i + 1)) };
    measure_concurrent(n, ops, 0, OVERLAP_SAMPLES, &r);
    for (int i = 0; i < r.ncpus; i++) {
        printk("overlap: cpu %d: timed %llu ticks, %u.%02u%% of it with all %d CPUs busy\n",
               r.cpu[i], (unsigned long long)(r.st[i].t_last - r.st[i].t_first),
               r.overlap[i] / 100, r.overlap[i] % 100, r.ncpus);
        if (r.overlap[i] < r.overlap[worst])
            worst = i;
    }
    report(r.ncpus == n && r.overlap[worst] >= CONC_OVERLAP_MIN, "concurrent_windows_overlap",
           "cpu %d: %u.%02u%% of its timed window with all %d CPUs busy, want >= %u%%",
           r.cpu[worst], r.overlap[worst] / 100, r.overlap[worst] % 100, r.ncpus,
           CONC_OVERLAP_MIN / 100);
}
