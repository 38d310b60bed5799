/*
 * b_kmap.c - bench=kmap: permanent mappings, kmap + kunmap as one op.
 *   hit              a page already mapped (held by one kmap meanwhile)
 *   miss             a page not mapped, into a free slot (the wrap that
 *                    comes every LAST_PKMAP - 1 misses is pushed out of the
 *                    timed region by an untimed kmap of a spare page; two
 *                    spares in turn, since the one used at the last wrap
 *                    is still mapped and its kmap would be a hit)
 *   lowmem           a lowmem page (the direct map: no pkmap at all)
 *   cycle W          steady state over W distinct highmem pages taken in
 *                    turn: W <= 512 all hit once warm; past 512 every op
 *                    misses and every 512th flushes (the wrap cliff)
 * hit and cycle at W = 1024 also run on ncpus = 2 .. every online CPU at
 * once (measure_concurrent), one row per CPU; their ncpus = 1 rows are the
 * single-CPU ones, same op, same pages for CPU 0. Each CPU kmaps its own
 * pages (its own held page for hit, its own 1024 for cycle, disjoint from
 * the others'), so they contend on kmap_lock and the one pkmap, and every
 * wrap flushes all ncpus CPUs. Each CPU holds at most one mapping at a
 * time besides its held hit page, so the 512 slots never run out.
 * A row with ncpus = n is measured with only the first n CPUs active (the
 * others parked: set_active_first_n), so a wrap flushes exactly n CPUs.
 * Without highmem the highmem rows are skipped. Progress lines ("-- bench
 * kmap ncpus=N[: variant]") come before the table.
 */
#include "bench/bench.h"
#include "bench/concurrent.h"
#include "bench/hipages.h"
#include "boot/console.h"
#include "boot/format.h"
#include "boot/smp.h"
#include "hm/highmem.h"

#define MISS_POOL 1024          /* > LAST_PKMAP: each miss page was flushed since */
#define MISS_SPARES 2           /* pool[MISS_POOL], pool[MISS_POOL + 1] */
#define MAX_W 4096
#define SMP_W 1024              /* the cycle working set of the scaling rows, per CPU */

/* One CPU's cycle: pages[0..ws) in turn. kc[0] runs over pool. */
struct kcycle {
    struct page **pages;
    unsigned int cursor, ws;
} __attribute__((aligned(64)));

static struct page *pool[MAX_W + 1];
static struct page *extra[(NR_CPUS - 1) * SMP_W];   /* CPUs 1..: SMP_W pages each */
static struct page *lo;
static int npool, nextra;
static unsigned int cursor, spare;
static struct kcycle kc[NR_CPUS];

/* Out of line, as gcc placed it before the ops took a context: every op
 * is then a load and a tail call, the same few instructions for all. */
static __attribute__((noinline)) void kmap_kunmap(struct page *p)
{
    kmap(p);
    kunmap(p);
}

static void op_hit(void *c) { kmap_kunmap(c); }   /* ctx: the (held) page */
static void op_lowmem(void *c) { (void)c; kmap_kunmap(lo); }

/* prep_miss: if the next scan would wrap, wrap now (untimed) on a spare:
 * the one not used at the last wrap, which that wrap's flush unmapped. */
static void prep_miss(void *c)
{
    (void)c;
    if (last_pkmap_nr == LAST_PKMAP - 1) {
        kmap_kunmap(pool[MISS_POOL + spare]);
        spare = (spare + 1) % MISS_SPARES;
    }
}

static void op_miss(void *c)
{
    (void)c;
    kmap_kunmap(pool[cursor]);
    cursor = (cursor + 1) % MISS_POOL;
}

static void op_cycle(void *c)     /* ctx: this CPU's struct kcycle */
{
    struct kcycle *k = c;

    kmap_kunmap(k->pages[k->cursor]);
    if (++k->cursor == k->ws)
        k->cursor = 0;
}

static const struct variant hit = { .variant = "hit", .op = op_hit };
static const struct variant cycle_smp = {
    .variant = "cycle", .param_name = "working_set", .param = SMP_W, .op = op_cycle,
};

/* Start kc[0..n) over ws pages each from an empty pkmap and take them
 * round-robin (untimed) to the steady state a CPU alone reaches after
 * 2 * ws + LAST_PKMAP ops. */
static void cycle_warm(int n, unsigned int ws)
{
    kmap_flush_unused();
    for (int i = 0; i < n; i++) {
        kc[i].cursor = 0;
        kc[i].ws = ws;
    }
    for (unsigned int k = 0; k < 2 * ws + LAST_PKMAP; k++)
        for (int i = 0; i < n; i++)
            op_cycle(&kc[i]);
}

static void measure_cycle(void)
{
    static const unsigned int sets[] = { 1, 16, 64, 256, 511, 512, 513, 1024, MAX_W };
    char why[96];

    for (size_t i = 0; i < ARRAY_SIZE(sets); i++) {
        unsigned int ws = sets[i];

        if (ws > (unsigned int)npool) {
            hm_snprintf(why, sizeof(why), "working_set=%u: only %d highmem pages free",
                        ws, npool);
            table_skip("cycle", why);
            continue;
        }
        cycle_warm(1, ws);
        bench_variant(&(struct variant){ .variant = "cycle", .param_name = "working_set",
                                         .param = ws, .op = op_cycle, .ctx = &kc[0] });
    }
}

/* The single-CPU rows, with only CPU 0 active. */
static void measure_one_cpu(void)
{
    printk("-- bench kmap ncpus=1\n");
    set_active_first_n(1);
    kmap_flush_unused();
    if (npool > 0) {
        kmap(pool[0]);                          /* held: the hit never loses its slot */
        bench_variant(&(struct variant){ .variant = "hit", .op = op_hit, .ctx = pool[0] });
        kunmap(pool[0]);
    } else {
        table_skip("hit", "no highmem at this RAM size");
    }
    if (npool >= MISS_POOL + MISS_SPARES) {
        kmap_flush_unused();
        cursor = 0;
        bench_variant(&(struct variant){ .variant = "miss", .prep = prep_miss, .op = op_miss });
    } else {
        table_skip("miss", npool ? "fewer than 1026 highmem pages free"
                                 : "no highmem at this RAM size");
    }
    bench_variant(&(struct variant){ .variant = "lowmem", .op = op_lowmem });
    if (npool > 0)
        measure_cycle();
    else
        table_skip("cycle", "no highmem at this RAM size");
}

/* hit, then cycle (W = SMP_W), on the first n CPUs at once, n = 2 ..
 * online, as far as the highmem pages go; a SKIP line for the rest. */
static void measure_scaling(void)
{
    static void *ctx[NR_CPUS];
    int online = num_online_cpus(), scaled = 1;
    char why[96];

    nextra = hipages_get(extra, (online - 1) * SMP_W);
    for (int i = 1; i < NR_CPUS; i++)
        kc[i].pages = extra + (i - 1) * SMP_W;
    while (scaled < online && nextra >= scaled * SMP_W)
        scaled++;
    for (int n = 2; n <= scaled; n++) {
        printk("-- bench kmap ncpus=%d: hit\n", n);
        set_active_first_n(n);
        kmap_flush_unused();
        for (int i = 0; i < n; i++) {
            kmap(kc[i].pages[0]);
            ctx[i] = kc[i].pages[0];
        }
        bench_concurrent(&hit, n, ctx);
        for (int i = 0; i < n; i++)
            kunmap(kc[i].pages[0]);
    }
    for (int n = 2; n <= scaled; n++) {
        printk("-- bench kmap ncpus=%d: cycle\n", n);
        set_active_first_n(n);
        for (int i = 0; i < n; i++)
            ctx[i] = &kc[i];
        cycle_warm(n, SMP_W);
        bench_concurrent(&cycle_smp, n, ctx);
    }
    set_active_first_n(online);
    if (scaled < online) {
        hm_snprintf(why, sizeof(why), "ncpus=%d and up: %d highmem pages for CPUs 1.., %d free",
                    scaled + 1, scaled * SMP_W, nextra);
        table_skip("hit/cycle", why);
    }
}

BENCH(kmap)
{
    lo = alloc_page(GFP_KERNEL);
    if (!lo)
        panic("bench kmap: no lowmem page");
    printk("kmap: taking up to %d highmem pages\n", MAX_W + 1);
    npool = hipages_get(pool, MAX_W + 1);
    printk("kmap: %d highmem pages, LAST_PKMAP %d\n", npool, LAST_PKMAP);
    kc[0].pages = pool;
    nextra = 0;
    measure_one_cpu();
    if (npool >= SMP_W)
        measure_scaling();
    else if (num_online_cpus() > 1)
        table_skip("hit/cycle", "ncpus=2 and up: CPU 0's cycle needs 1024 highmem pages");
    set_active_first_n(num_online_cpus());
    kmap_flush_unused();
    hipages_put(extra, nextra);
    hipages_put(pool, npool);
    __free_page(lo);
}
