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
 * Without highmem the highmem rows are skipped.
 */
#include "bench/bench.h"
#include "bench/hipages.h"
#include "bench/report.h"
#include "boot/console.h"
#include "boot/format.h"
#include "hm/highmem.h"

#define MISS_POOL 1024          /* > LAST_PKMAP: each miss page was flushed since */
#define MAX_W 4096

static struct page *pool[MAX_W + 1];
static struct page *lo;
static int npool;
static unsigned int cursor, ws;

static void kmap_kunmap(struct page *p)
{
    kmap(p);
    kunmap(p);
}

static void op_hit(void *c) { (void)c; kmap_kunmap(pool[0]); }
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

static void op_cycle(void *c)
{
    (void)c;
    kmap_kunmap(pool[cursor]);
    if (++cursor == ws)
        cursor = 0;
}

static void rows_cycle(void)
{
    static const unsigned int sets[] = { 1, 16, 64, 256, 511, 512, 513, 1024, MAX_W };
    char why[96];

    for (unsigned int i = 0; i < sizeof(sets) / sizeof(sets[0]); i++) {
        ws = sets[i];
        if (ws > (unsigned int)npool) {
            hm_snprintf(why, sizeof(why), "working_set=%u: only %d highmem pages free",
                        ws, npool);
            bench_skip("kmap", "cycle", why);
            continue;
        }
        kmap_flush_unused();
        cursor = 0;
        for (unsigned int k = 0; k < 2 * ws + LAST_PKMAP; k++)     /* reach the steady state */
            op_cycle(0);
        bench_row("kmap", "cycle", "working_set", ws, &(struct op){ 0, op_cycle, 0, 0 }, 0);
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
    kmap_flush_unused();
    table_begin("kmap");
    if (npool > 0) {
        kmap(pool[0]);                          /* held: the hit never loses its slot */
        bench_row("kmap", "hit", "", 0, &(struct op){ 0, op_hit, 0, 0 }, 0);
        kunmap(pool[0]);
    } else {
        bench_skip("kmap", "hit", "no highmem at this RAM size");
    }
    if (npool > MISS_POOL) {
        kmap_flush_unused();
        cursor = 0;
        bench_row("kmap", "miss", "", 0, &(struct op){ prep_miss, op_miss, 0, 0 }, 0);
    } else {
        bench_skip("kmap", "miss", npool ? "fewer than 1025 highmem pages free"
                                         : "no highmem at this RAM size");
    }
    bench_row("kmap", "lowmem", "", 0, &(struct op){ 0, op_lowmem, 0, 0 }, 0);
    if (npool > 0)
        rows_cycle();
    else
        bench_skip("kmap", "cycle", "no highmem at this RAM size");
    table_end();
    kmap_flush_unused();
    hipages_put(pool, npool);
    __free_page(lo);
}
