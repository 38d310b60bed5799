/*
 * b_kmap.c - bench=kmap: permanent mappings, kmap + kunmap as one op.
 *   hit              a page already mapped (held by one kmap meanwhile)
 *   miss             a page not mapped, into a free slot (the wrap that
 *                    comes every LAST_PKMAP - 1 misses is pushed out of the
 *                    timed region by an untimed kmap of a spare page)
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
 * Without highmem the highmem rows are skipped. Everything is measured
 * first, with progress lines ("-- bench kmap ncpus=N"), then printed.
 */
#include "bench/args.h"
#include "bench/bench.h"
#include "bench/concurrent.h"
#include "bench/hipages.h"
#include "bench/report.h"
#include "boot/console.h"
#include "boot/format.h"
#include "boot/smp.h"
#include "hm/highmem.h"

#define MISS_POOL 1024          /* > LAST_PKMAP: each miss page was flushed since */
#define MAX_W 4096
#define SMP_W 1024              /* the cycle working set of the scaling rows, per CPU */
#define NROWS 12                /* single-CPU rows: hit, miss, lowmem, 9 cycle */

/* One CPU's cycle: pages[0..ws) in turn. kc[0] runs over pool. */
struct kcycle {
    struct page **pages;
    unsigned int cursor, ws;
} __attribute__((aligned(64)));

enum { S_HIT, S_CYCLE, NSCALE };

static struct page *pool[MAX_W + 1];
static struct page *extra[(NR_CPUS - 1) * SMP_W];   /* CPUs 1..: SMP_W pages each */
static struct page *lo;
static int npool, nextra, scaled;                   /* scaled: highest ncpus measured */
static unsigned int cursor;
static struct kcycle kc[NR_CPUS];
static struct conc_result scale[NSCALE][NR_CPUS + 1];   /* [variant][ncpus], ncpus >= 2 */
static struct row_key key1[NROWS];
static struct stats st1[NROWS];
static int nrows1;

/* Out of line, as gcc placed it before the ops took a context: every op
 * is then a load and a tail call, the same few instructions for all. */
static __attribute__((noinline)) void kmap_kunmap(struct page *p)
{
    kmap(p);
    kunmap(p);
}

static void op_hit(void *c) { kmap_kunmap(c); }   /* ctx: the (held) page */
static void op_lowmem(void *c) { (void)c; kmap_kunmap(lo); }

/* prep_miss: if the next scan would wrap, wrap now (untimed) on the spare. */
static void prep_miss(void *c)
{
    (void)c;
    if (last_pkmap_nr == LAST_PKMAP - 1)
        kmap_kunmap(pool[MISS_POOL]);
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

/* Measures o on CPU 0 alone now; the row is printed with the table. */
static void keep_row(const char *variant, const char *param_name, uint64_t param,
                     const struct op *o)
{
    if (nrows1 == NROWS)
        panic("bench kmap: more than %d single-CPU rows", NROWS);
    key1[nrows1] = (struct row_key){ "kmap", variant, param_name, param, 0, 0, 1 };
    measure_samples(o, args.samples, &st1[nrows1++]);
}

static void measure_cycle(void)
{
    static const unsigned int sets[] = { 1, 16, 64, 256, 511, 512, 513, 1024, MAX_W };
    char why[96];

    for (unsigned int i = 0; i < sizeof(sets) / sizeof(sets[0]); i++) {
        unsigned int ws = sets[i];

        if (ws > (unsigned int)npool) {
            hm_snprintf(why, sizeof(why), "working_set=%u: only %d highmem pages free",
                        ws, npool);
            bench_skip("kmap", "cycle", why);
            continue;
        }
        cycle_warm(1, ws);
        keep_row("cycle", "working_set", ws, &(struct op){ 0, op_cycle, 0, &kc[0] });
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
        keep_row("hit", "", 0, &(struct op){ 0, op_hit, 0, pool[0] });
        kunmap(pool[0]);
    } else {
        bench_skip("kmap", "hit", "no highmem at this RAM size");
    }
    if (npool > MISS_POOL) {
        kmap_flush_unused();
        cursor = 0;
        keep_row("miss", "", 0, &(struct op){ prep_miss, op_miss, 0, 0 });
    } else {
        bench_skip("kmap", "miss", npool ? "fewer than 1025 highmem pages free"
                                         : "no highmem at this RAM size");
    }
    keep_row("lowmem", "", 0, &(struct op){ 0, op_lowmem, 0, 0 });
    if (npool > 0)
        measure_cycle();
    else
        bench_skip("kmap", "cycle", "no highmem at this RAM size");
}

/* hit and cycle (W = SMP_W) on the first n CPUs at once, n = 2 .. online,
 * into scale[][n], as far as the highmem pages go (scaled). */
static void measure_scaling(void)
{
    static struct op ops[NR_CPUS];
    int online = num_online_cpus();

    nextra = hipages_get(extra, (online - 1) * SMP_W);
    for (int i = 1; i < NR_CPUS; i++)
        kc[i].pages = extra + (i - 1) * SMP_W;
    scaled = 1;
    for (int n = 2; n <= online && nextra >= (n - 1) * SMP_W; n++) {
        printk("-- bench kmap ncpus=%d\n", n);
        set_active_first_n(n);
        kmap_flush_unused();
        for (int i = 0; i < n; i++) {
            kmap(kc[i].pages[0]);
            ops[i] = (struct op){ 0, op_hit, 0, kc[i].pages[0] };
        }
        measure_concurrent(n, ops, 0, args.samples, &scale[S_HIT][n]);
        for (int i = 0; i < n; i++) {
            kunmap(kc[i].pages[0]);
            ops[i] = (struct op){ 0, op_cycle, 0, &kc[i] };
        }
        cycle_warm(n, SMP_W);
        measure_concurrent(n, ops, 0, args.samples, &scale[S_CYCLE][n]);
        scaled = n;
    }
    set_active_first_n(num_online_cpus());
}

/* The rows of ncpus 2..scaled, and a SKIP if highmem ran out before all. */
static void rows_scaling(void)
{
    char why[96];

    for (int v = 0; v < NSCALE; v++)
        for (int n = 2; n <= scaled; n++)
            conc_rows("kmap", v == S_HIT ? "hit" : "cycle", v == S_HIT ? "" : "working_set",
                      v == S_HIT ? 0 : SMP_W, &scale[v][n]);
    if (scaled < num_online_cpus()) {
        hm_snprintf(why, sizeof(why), "ncpus=%d and up: %d highmem pages for CPUs 1.., %d free",
                    scaled + 1, scaled * SMP_W, nextra);
        bench_skip("kmap", "hit/cycle", why);
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
    nrows1 = nextra = scaled = 0;
    measure_one_cpu();
    if (npool >= SMP_W)
        measure_scaling();
    set_active_first_n(num_online_cpus());
    table_begin("kmap");
    for (int i = 0; i < nrows1; i++)
        table_row(&key1[i], &st1[i]);
    if (npool >= SMP_W)
        rows_scaling();
    table_end();
    kmap_flush_unused();
    hipages_put(extra, nextra);
    hipages_put(pool, npool);
    __free_page(lo);
}
