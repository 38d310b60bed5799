/*
 * st_kmap_cross.c - kmap and kmap_atomic across CPUs:
 *   kmap_atomic_cross_cpu  every CPU maps its own page through its own
 *                          slots and writes it; each CPU then reads its
 *                          neighbour's page through its own slot;
 *   kmap_stale_tlb_cross_cpu  CPU B caches a pkmap translation, CPU A
 *                          kunmaps the page and wraps the pool (the wrap's
 *                          shootdown reaches B), and B's next read faults;
 *   kmap_smp_random_stress every CPU kmaps random pages of one shared set
 *                          (so counts above 2 happen), writes its own words
 *                          and reads them back through kmap_atomic; after,
 *                          every pkmap_count is 0 or 1, every CPU's
 *                          kmap_atomic depth is 0, and every word is right.
 */
#include "bench/args.h"
#include "bench/hipages.h"
#include "bench/remote.h"
#include "bench/selftest.h"
#include "boot/fault.h"
#include "boot/percpu.h"
#include "boot/smp.h"
#include "boot/smp_call.h"
#include "boot/smp_work.h"
#include "hm/highmem.h"
#include "hm/highmem_local.h"
#include "hm/tlbflush.h"

static struct page *cpu_page[NR_CPUS];
static unsigned long slot_va[NR_CPUS];
static int cross_bad[NR_CPUS], depth_left[NR_CPUS];
static int ncpu;

static uint32_t pattern(int writer, int i) { return 0xC0DE0000u ^ ((uint32_t)writer << 12) ^ (uint32_t)i; }

/* write_own: on each CPU, its page through its own kmap_atomic slot. */
static void write_own(void *unused)
{
    int me = smp_processor_id();
    uint32_t *a = kmap_atomic(cpu_page[me]);
    (void)unused;
    slot_va[me] = (unsigned long)a;
    for (int i = 0; i < 1024; i++)
        a[i] = pattern(me, i);
    kunmap_atomic(a);
}

/* read_next: on each CPU, the next CPU's page through this CPU's slot. */
static void read_next(void *unused)
{
    int me = smp_processor_id(), other = (me + 1) % ncpu;
    uint32_t *a = kmap_atomic(cpu_page[other]);
    (void)unused;
    cross_bad[me] = 0;
    for (int i = 0; i < 1024; i++)
        cross_bad[me] += a[i] != pattern(other, i);
    kunmap_atomic(a);
    depth_left[me] = kmap_local_depth();
}

SELFTEST(kmap_atomic_cross_cpu)
{
    int bad = 0, same = 0, depth = 0, got;

    ncpu = num_online_cpus();
    if (ncpu < 2) {
        report_skip("kmap_atomic_cross_cpu", "needs a second online CPU");
        return;
    }
    if ((got = hipages_get(cpu_page, ncpu)) < ncpu) {
        report_skip("kmap_atomic_cross_cpu", "needs %d free highmem pages", ncpu);
        hipages_put(cpu_page, got);
        return;
    }
    on_each_cpu(write_own, 0);
    on_each_cpu(read_next, 0);
    for (int c = 0; c < ncpu; c++) {
        bad += cross_bad[c];
        depth += depth_left[c];
        for (int d = 0; d < c; d++)
            same += slot_va[c] == slot_va[d];
    }
    report(same == 0, "kmap_atomic_own_slots_per_cpu", "%d CPU pairs shared a slot address", same);
    report(bad == 0 && depth == 0, "kmap_atomic_cross_cpu",
           "%d words wrong reading a neighbour's page, %d slots left in use", bad, depth);
    hipages_put(cpu_page, ncpu);
}

#define WRAP_PAGES (LAST_PKMAP + 1)
static struct page *wrap_pages[WRAP_PAGES];

SELFTEST(kmap_stale_tlb_cross_cpu)
{
    struct remote_read r;
    struct page *p;
    uint32_t *va;
    int b = other_online_cpu(), got;

    if (b < 0) {
        report_skip("kmap_stale_tlb_cross_cpu", "needs a second online CPU");
        return;
    }
    if ((got = hipages_get(wrap_pages, WRAP_PAGES)) < WRAP_PAGES) {
        report_skip("kmap_stale_tlb_cross_cpu", "needs %d free highmem pages", WRAP_PAGES);
        hipages_put(wrap_pages, got);
        return;
    }
    kmap_flush_unused();
    if (last_pkmap_nr == LAST_PKMAP - 1) {      /* keep p off slot 0: the wrapping */
        kmap(wrap_pages[LAST_PKMAP]);           /* kmap takes slot 0 right after */
        kunmap(wrap_pages[LAST_PKMAP]);
    }
    p = wrap_pages[0];
    va = kmap(p);
    va[3] = 0xB0B0CAFEu;
    remote_read32(b, &va[3], &r);       /* B caches the translation */
    report(!r.faulted && r.val == 0xB0B0CAFEu, "kmap_stale_tlb_b_reads_pkmap",
           "CPU %d: faulted=%d val=0x%08x", b, r.faulted, r.val);
    kunmap(p);                                          /* count 1: mapped, unused */
    /* A kmaps other pages until the scan wraps (one more global flush),
     * and no further, so p's old slot is not handed out again. */
    unsigned long flushes = tlb_counts_total().all_calls + tlb_counts_total().range_calls;
    for (int i = 1; i < LAST_PKMAP; i++) {
        kmap(wrap_pages[i]);
        kunmap(wrap_pages[i]);
        if (tlb_counts_total().all_calls + tlb_counts_total().range_calls != flushes)
            break;
    }
    report(pkmap_count[PKMAP_NR((unsigned long)va)] == 0, "kmap_stale_tlb_slot_cleared",
           "slot %lu count %d after the wrap", PKMAP_NR((unsigned long)va),
           pkmap_count[PKMAP_NR((unsigned long)va)]);
    remote_read32(b, &va[3], &r);
    report(r.faulted && faulted_at(&r.rec, &va[3]) &&
           page_address(p) == 0, "kmap_stale_tlb_cross_cpu",
           "CPU %d after the wrap: faulted=%d vector=%d cr2=0x%08x want %p, page_address %p",
           b, r.faulted, r.rec.vector, r.rec.cr2, (void *)&va[3], page_address(p));
    kmap_flush_unused();
    hipages_put(wrap_pages, WRAP_PAGES);
}

#define SHARED 32
#define WORDS_PER_CPU 64
_Static_assert(NR_CPUS * WORDS_PER_CPU <= 1024, "each CPU's words must fit in one page");
static struct page *shared[SHARED];
static uint32_t last[NR_CPUS][SHARED];
static int stress_bad[NR_CPUS];
static unsigned stress_iters;
static struct smp_barrier stress_go;

/* stress: this CPU's share; its words in every page are
 * [me * WORDS_PER_CPU, (me + 1) * WORDS_PER_CPU). */
static void stress(void *unused)
{
    int me = smp_processor_id();
    uint32_t seed = 0x9E3779B9u * (uint32_t)(me + 1);
    (void)unused;
    smp_barrier_wait(&stress_go);
    for (unsigned it = 1; it <= stress_iters; it++) {
        unsigned k;
        uint32_t v, *w, *a;

        seed = seed * 1664525u + 1013904223u;
        k = (seed >> 16) % SHARED;
        v = ((uint32_t)me << 24) ^ (it << 4) ^ k;
        w = kmap(shared[k]);
        for (int i = 0; i < WORDS_PER_CPU; i++)
            w[me * WORDS_PER_CPU + i] = v + (uint32_t)i;
        a = kmap_atomic(shared[(k + 1) % SHARED]);      /* a second page, nested */
        (void)a[me * WORDS_PER_CPU];
        kunmap_atomic(a);
        a = kmap_atomic(shared[k]);
        for (int i = 0; i < WORDS_PER_CPU; i++)
            stress_bad[me] += a[me * WORDS_PER_CPU + i] != v + (uint32_t)i;
        kunmap_atomic(a);
        kunmap(shared[k]);
        last[me][k] = v;
    }
    depth_left[me] = kmap_local_depth();
}

SELFTEST(kmap_smp_random_stress)
{
    int n = num_online_cpus(), bad = 0, depth = 0, over = 0;
    int got = hipages_get(shared, SHARED);

    if (got < SHARED) {
        report_skip("kmap_smp_random_stress", "needs %d free highmem pages", SHARED);
        hipages_put(shared, got);
        return;
    }
    for (int c = 0; c < n; c++) {
        stress_bad[c] = 0;
        for (int k = 0; k < SHARED; k++)
            last[c][k] = 0;
    }
    for (int k = 0; k < SHARED; k++) {                  /* a known start */
        uint32_t *a = kmap_atomic(shared[k]);
        for (int i = 0; i < 1024; i++)
            a[i] = 0;
        kunmap_atomic(a);
    }
    stress_iters = args.quick ? 500 : 3000;
    smp_barrier_init(&stress_go, (uint32_t)n);
    for (int c = 1; c < n; c++)
        smp_post_work(c, stress, 0);
    stress(0);
    for (int c = 1; c < n; c++)
        smp_wait_work(c);
    for (int i = 0; i < LAST_PKMAP; i++)
        over += pkmap_count[i] > 1;
    for (int k = 0; k < SHARED; k++) {                  /* every CPU's last words */
        uint32_t *a = kmap_atomic(shared[k]);
        for (int c = 0; c < n; c++)
            for (int i = 0; i < WORDS_PER_CPU; i++)
                bad += a[c * WORDS_PER_CPU + i] != (last[c][k] ? last[c][k] + (uint32_t)i : 0);
        kunmap_atomic(a);
    }
    for (int c = 0; c < n; c++) {
        bad += stress_bad[c];
        depth += depth_left[c];
    }
    report(bad == 0 && over == 0 && depth == 0, "kmap_smp_random_stress",
           "%d CPUs x %u rounds: %d words wrong, %d pkmap counts above 1, %d atomic slots leaked",
           n, stress_iters, bad, over, depth);
    kmap_flush_unused();
    hipages_put(shared, SHARED);
}
