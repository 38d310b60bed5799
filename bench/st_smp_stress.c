/*
 * st_smp_stress.c - every CPU at once makes cross-CPU calls to every other
 * for a fixed count, with interrupts on, while being called itself; the
 * counts must add up pair by pair. Then bare IPI round trips from CPU 0.
 * A deadlock here shows as a timeout of the run, never a pass.
 */
#include "bench/args.h"
#include "bench/selftest.h"
#include "boot/console.h"
#include "boot/percpu.h"
#include "boot/smp.h"
#include "boot/smp_call.h"
#include "boot/smp_work.h"
#include "boot/tsc.h"
#include "boot/x86.h"

#define STRESS_CALLS 4000

static uint32_t sent[NR_CPUS][NR_CPUS];         /* [caller][target], by the caller */
static uint32_t received[NR_CPUS][NR_CPUS];     /* [caller][target], by the target */
static struct smp_barrier stress_start;
static uint32_t stress_rounds;

static void count_call(void *info)
{
    int src = (int)(unsigned long)info;
    received[src][smp_processor_id()]++;
}

/* stress_worker: rounds of calls to each other online CPU in turn, every
 * fourth round one call to all of them at once. */
static void stress_worker(void *unused)
{
    int me = smp_processor_id();
    void *info = (void *)(unsigned long)me;
    (void)unused;

    smp_barrier_wait(&stress_start);
    for (uint32_t i = 0; i < stress_rounds; i++) {
        if (i % 4 == 3) {
            smp_call_function_many(cpu_online_mask, count_call, info);
            for (int t = 0; t < nr_cpu_ids; t++)
                if (t != me && cpu_online(t))
                    sent[me][t]++;
            continue;
        }
        for (int t = 0; t < nr_cpu_ids; t++)
            if (t != me && cpu_online(t) && !smp_call_function_single(t, count_call, info))
                sent[me][t]++;
    }
}

SELFTEST(smp_call_stress)
{
    int n = num_online_cpus(), bad = 0, bs = -1, bt = -1;
    uint64_t total = 0, t0;

    if (n < 2) {
        report_skip("smp_call_stress", "needs a second online CPU");
        return;
    }
    /* About STRESS_CALLS calls in all: under TCG on a small host, waiting
     * vCPUs spin on host cores the targets need, so calls get slow as n
     * grows; the count checks do not need more. */
    stress_rounds = STRESS_CALLS / (uint32_t)(n * (n - 1));
    if (args.quick)
        stress_rounds /= 4;
    if (stress_rounds < 20)
        stress_rounds = 20;
    for (int s = 0; s < NR_CPUS; s++)
        for (int t = 0; t < NR_CPUS; t++)
            sent[s][t] = received[s][t] = 0;
    smp_barrier_init(&stress_start, (uint32_t)n);
    t0 = rdtsc_raw();
    for (int c = 1; c < nr_cpu_ids; c++)
        if (cpu_online(c))
            smp_post_work(c, stress_worker, 0);
    stress_worker(0);
    for (int c = 1; c < nr_cpu_ids; c++)
        if (cpu_online(c))
            smp_wait_work(c);
    for (int s = 0; s < NR_CPUS; s++)
        for (int t = 0; t < NR_CPUS; t++) {
            total += received[s][t];
            if (sent[s][t] != received[s][t] || (s != t && cpu_online(s) && cpu_online(t) &&
                                                 sent[s][t] != stress_rounds)) {
                if (!bad++)
                    bs = s, bt = t;
            }
        }
    printk("smp_call_stress: %d CPUs, %llu calls in %llu ms\n", n, (unsigned long long)total,
           tsc_khz ? (unsigned long long)((rdtsc_raw() - t0) / tsc_khz) : 0ull);
    report(!bad && total == (uint64_t)n * (n - 1) * stress_rounds, "smp_call_stress_counts",
           "%d bad pairs, first %d->%d sent %u received %u; total %llu", bad, bs, bt,
           bs < 0 ? 0 : sent[bs][bt], bs < 0 ? 0 : received[bs][bt], (unsigned long long)total);
}

SELFTEST(smp_ping)
{
    uint32_t before[NR_CPUS], rounds = 500;
    int bad = -1;

    if (num_online_cpus() < 2) {
        report_skip("smp_ping_counts", "needs a second online CPU");
        return;
    }
    for (int c = 0; c < nr_cpu_ids; c++)
        before[c] = percpu_area[c].pings;
    for (uint32_t i = 0; i < rounds; i++)
        smp_ping_many(cpu_online_mask);
    for (int c = 0; c < nr_cpu_ids && bad < 0; c++)
        if (percpu_area[c].pings - before[c] != (c && cpu_online(c) ? rounds : 0))
            bad = c;
    report(bad < 0, "smp_ping_counts", "CPU %d took %u pings, want %u", bad,
           bad < 0 ? 0 : percpu_area[bad].pings - before[bad],
           bad > 0 && cpu_online(bad) ? rounds : 0);
}
