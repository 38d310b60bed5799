/*
 * st_kmap_smp.c - kmap on every online CPU at once. CPU 0 first holds all
 * but ncpus - 1 pkmap slots, so the CPUs fight over the rest: the scan
 * wraps every few kmaps (a pkmap shootdown to every CPU, while others spin
 * on kmap_lock with interrupts on) and a CPU that finds no free slot waits
 * for another's kunmap. Each CPU writes its own pages through kmap and
 * reads them back through kmap_atomic; every word must be right, every
 * count back to at most 1, and the run must end (a deadlock is a timeout).
 */
#include "bench/args.h"
#include "bench/hipages.h"
#include "bench/selftest.h"
#include "boot/console.h"
#include "boot/percpu.h"
#include "boot/smp.h"
#include "boot/smp_work.h"
#include "hm/highmem.h"

#define PER_CPU 24
#define HOLD_MAX LAST_PKMAP

static struct page *held[HOLD_MAX], *own[NR_CPUS][PER_CPU];
static int bad[NR_CPUS];
static unsigned int rounds;
static struct smp_barrier go;

static void churn(void *unused)
{
    int me = smp_processor_id();
    (void)unused;

    smp_barrier_wait(&go);
    for (unsigned int r = 0; r < rounds; r++)
        for (int i = 0; i < PER_CPU; i++) {
            uint32_t want = ((uint32_t)me << 24) ^ (r << 8) ^ (uint32_t)i;
            volatile uint32_t *k = kmap(own[me][i]), *a;

            k[i] = want;
            kunmap(own[me][i]);
            a = kmap_atomic(own[me][i]);
            bad[me] += a[i] != want;
            kunmap_atomic((void *)a);
        }
}

SELFTEST(kmap_smp)
{
    int n = num_online_cpus(), hold = LAST_PKMAP - (n - 1), nh, total = 0, in_use = 0;
    unsigned long waits = pkmap_waits;

    if (n < 2) {
        report_skip("kmap_smp_contended", "needs a second online CPU");
        return;
    }
    nh = hipages_get(held, hold);
    for (int c = 0; c < n; c++)
        if (hipages_get(own[c], PER_CPU) < PER_CPU)
            nh = -1;
    if (nh < hold) {
        report_skip("kmap_smp_contended", "needs %d free highmem pages", hold + n * PER_CPU);
        return;
    }
    rounds = args.quick ? 2 : 8;
    kmap_flush_unused();
    for (int i = 0; i < hold; i++)
        kmap(held[i]);
    smp_barrier_init(&go, (uint32_t)n);
    for (int c = 0; c < NR_CPUS; c++)
        bad[c] = 0;
    for (int c = 1; c < n; c++)
        smp_post_work(c, churn, 0);
    churn(0);
    for (int c = 1; c < n; c++)
        smp_wait_work(c);
    for (int i = 0; i < hold; i++)
        kunmap(held[i]);
    for (int c = 0; c < n; c++)
        total += bad[c];
    for (int i = 0; i < LAST_PKMAP; i++)
        in_use += pkmap_count[i] > 1;
    printk("kmap_smp: %d CPUs sharing %d free slots, %u rounds of %d pages each, %lu waits\n",
           n, n - 1, rounds, PER_CPU, pkmap_waits - waits);
    report(total == 0 && in_use == 0, "kmap_smp_contended",
           "%d words wrong, %d slots still in use", total, in_use);
    kmap_flush_unused();
    hipages_put(held, hold);
    for (int c = 0; c < n; c++)
        hipages_put(own[c], PER_CPU);
}
