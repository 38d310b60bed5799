/*
 * test_pcp.c - the per-CPU page lists (hm/page_pcp.c) on a 1 GiB machine
 * with 4 simulated CPUs: batch/high per zone, the order-0 pair never
 * touching the buddy in steady state, draining at high, frees on another
 * CPU than the alloc, a parked CPU's lists drained, pages on another
 * CPU's list still reachable when everything else is taken, the double
 * free of a listed page, and a seeded random stress (HM_STRESS_SEED,
 * HM_STRESS_OPS) over all CPUs that checks after every operation that no
 * page is lost or handed out twice.
 */
#include <stdlib.h>
#include <string.h>
#include "tests/unit/check.h"
#include "tests/unit/machines.h"
#include "tests/unit/picture.h"
#include "hm/tlbflush.h"

#define NCPU 4

static int pcp_count(int cpu, int z) { return node_zones[z].pcp[cpu].count; }

static unsigned long all_pcp(void)
{
    unsigned long n = 0;

    for (int z = 0; z < MAX_NR_ZONES; z++)
        for (int c = 0; c < NR_CPUS; c++)
            n += (unsigned long)pcp_count(c, z);
    return n;
}

/* Every list: pages PG_pcp, in their zone, count = length < high (or
 * empty while disabled). Returns the number of faults. */
static unsigned long walk_lists(const uint8_t *owned)
{
    unsigned long bad = 0;

    for (int z = 0; z < MAX_NR_ZONES; z++) {
        for (int c = 0; c < NR_CPUS; c++) {
            struct per_cpu_pages *pcp = &node_zones[z].pcp[c];
            struct list_head *pos;
            int n = 0;

            list_for_each(pos, &pcp->list) {
                struct page *page = list_entry(pos, struct page, lru);
                unsigned long pfn = page_to_pfn(page);

                bad += page->flags != PG_pcp || (int)pfn_zone_idx(pfn) != z;
                if (owned)
                    bad += owned[pfn >> 3] >> (pfn & 7) & 1;
                n++;
            }
            bad += n != pcp->count || (pcp->high && n >= pcp->high) || spin_is_locked(&pcp->lock);
        }
    }
    return bad;
}

static void test_sizes(void)
{
    struct zone *z = node_zones;

    CHECK(z[ZONE_DMA].pcp[0].batch == 1 && z[ZONE_DMA].pcp[0].high == 6 &&
          z[ZONE_NORMAL].pcp[0].batch == 63 && z[ZONE_NORMAL].pcp[0].high == 378 &&
          z[ZONE_HIGHMEM].pcp[0].batch == 7 && z[ZONE_HIGHMEM].pcp[0].high == 42 &&
          z[ZONE_HIGHMEM].pcp[NCPU - 1].batch == 7,
          "batch/high at 1 GiB: dma 1/6, normal 63/378, highmem 7/42 (as docs/mem.md)");
    CHECK(all_pcp() == 0 && walk_lists(NULL) == 0, "boot leaves every list empty");
}

static void test_steady_state(void)
{
    struct zone *hz = &node_zones[ZONE_HIGHMEM];
    unsigned long buddy, total = nr_free_pages();
    struct page *p = alloc_page(GFP_HIGHUSER);
    int ok = 1;

    CHECK(p && page_zone(p) == hz && p->flags == PG_head && pcp_count(0, ZONE_HIGHMEM) == 6,
          "the first highmem alloc_page takes a batch of 7 and hands out one");
    __free_page(p);
    buddy = hz->free_pages;
    for (int i = 0; i < 1000; i++) {
        struct page *q = alloc_page(GFP_HIGHUSER);
        ok &= q == p;
        __free_page(q);
    }
    CHECK(ok && hz->free_pages == buddy && pcp_count(0, ZONE_HIGHMEM) == 7,
          "1000 alloc_page/__free_page pairs reuse the same page and never touch the buddy");
    CHECK_EQ(nr_free_pages(), total, "nr_free_pages counts the pages on the lists");
}

static void test_high_drains(void)
{
    static struct page *pg[400];
    struct zone *hz = &node_zones[ZONE_HIGHMEM];
    int ok = 1, n = 0;

    for (n = 0; n < 100; n++)
        pg[n] = alloc_page(GFP_HIGHUSER);
    for (int i = 0; i < n; i++) {
        __free_page(pg[i]);
        ok &= pcp_count(0, ZONE_HIGHMEM) < 42;
    }
    CHECK(ok && pcp_count(0, ZONE_HIGHMEM) >= 42 - 7, "frees drain a batch each time count reaches high");
    CHECK(walk_lists(NULL) == 0, "lists consistent after draining");
    (void)hz;
}

static void test_cross_cpu(void)
{
    static struct page *pg[100];
    unsigned long total = nr_free_pages();
    int ok = 1;

    sim_cpu = 1;
    for (int i = 0; i < 100; i++)
        ok &= (pg[i] = alloc_page(GFP_HIGHUSER)) != NULL;
    CHECK(ok && nr_free_pages() == total - 100, "CPU 1 takes 100 highmem pages");
    sim_cpu = 2;
    for (int i = 0; i < 100; i++)
        __free_page(pg[i]);
    sim_cpu = 0;
    CHECK(nr_free_pages() == total && pcp_count(2, ZONE_HIGHMEM) > 0 && walk_lists(NULL) == 0,
          "CPU 2 frees them onto its own list; none is lost");
}

static void test_park(void)
{
    unsigned long total = nr_free_pages();
    struct page *p;

    sim_cpu = 3;
    p = alloc_page(GFP_KERNEL);
    __free_page(p);
    p = alloc_page(GFP_DMA);
    __free_page(p);
    sim_cpu = 0;
    CHECK(pcp_count(3, ZONE_NORMAL) > 0 && pcp_count(3, ZONE_DMA) > 0, "CPU 3 has pages listed");
    set_cpu_active(3, false);
    CHECK(pcp_count(3, ZONE_NORMAL) == 0 && pcp_count(3, ZONE_DMA) == 0 &&
          pcp_count(3, ZONE_HIGHMEM) == 0 && nr_free_pages() == total,
          "parking CPU 3 drains its lists into the buddy");
    set_cpu_active(3, true);
}

/* Take every page gfp can have on CPU 0 while CPU 1 holds some on its
 * list: all come out before NULL. */
static void test_reachable(void)
{
    static struct page **held;
    unsigned long total, n = 0;
    struct page *p;

    held = malloc(sizeof(*held) << 18);
    sim_cpu = 1;
    p = alloc_page(GFP_HIGHUSER);
    __free_page(p);
    sim_cpu = 0;
    total = nr_free_pages();
    CHECK(pcp_count(1, ZONE_HIGHMEM) > 0, "CPU 1 holds highmem pages on its list");
    while ((p = alloc_page(GFP_HIGHUSER)) != NULL)
        held[n++] = p;
    CHECK(n == total && nr_free_pages() == 0 && all_pcp() == 0,
          "exhaustion on CPU 0 reaches CPU 1's list: %lu pages of %lu", n, total);
    while (n)
        __free_page(held[--n]);
    CHECK_EQ(nr_free_pages(), total, "every page back");
    free(held);
}

static void test_double_free(void)
{
    struct page *p = alloc_page(GFP_KERNEL);
    unsigned long total;

    __free_page(p);
    total = nr_free_pages();
    if (sim_expect_panic() == 0) {
        __free_page(p);
        CHECK(0, "double free of a page on a per-CPU list is a BUG");
    } else {
        CHECK(strstr(sim_panic_msg, "BUG: __free_pages: double free") &&
              strstr(sim_panic_msg, "per-CPU list"),
              "double free of a page on a per-CPU list is a BUG (%s)", sim_panic_msg);
    }
    sim_disarm_panic();
    sim_cpu = 0;
    CHECK(nr_free_pages() == total && walk_lists(NULL) == 0, "the caught double free changed nothing");
}

static void test_bulk(void)
{
    static struct page **held;
    struct list_head list, *pos;
    unsigned long total = nr_free_pages(), n = 0, got, ok = 1;
    struct page *p;

    INIT_LIST_HEAD(&list);
    got = alloc_pages_bulk_list(GFP_HIGHUSER, 100, &list);
    list_for_each(pos, &list) {
        p = list_entry(pos, struct page, lru);
        ok &= p->flags == PG_head && p->private == 0 && p->_refcount == 1 &&
              page_zone(p) == &node_zones[ZONE_HIGHMEM];
        n++;
    }
    CHECK(got == 100 && n == 100 && ok && nr_free_pages() == total - 100 && walk_lists(NULL) == 0,
          "alloc_pages_bulk_list hands out 100 allocated highmem pages");
    while (!list_empty(&list)) {
        p = list_first_entry(&list, struct page, lru);
        list_del(&p->lru);
        __free_page(p);
    }
    CHECK_EQ(nr_free_pages(), total, "all 100 freed back");
    held = malloc(sizeof(*held) << 18);
    while ((p = alloc_page(GFP_KERNEL)) != NULL)                /* lowmem gone */
        held[n++] = p;
    INIT_LIST_HEAD(&list);
    got = alloc_pages_bulk_list(GFP_HIGHUSER, 1UL << 20, &list);
    CHECK(got == total - n + 100 && nr_free_pages() == 0,
          "bulk: asked for more than there is, gets every highmem page (%lu)", got);
    while (!list_empty(&list)) {
        p = list_first_entry(&list, struct page, lru);
        list_del(&p->lru);
        __free_page(p);
    }
    while (n > 100)
        __free_page(held[--n]);
    CHECK_EQ(nr_free_pages(), total, "bulk: every page back");
    free(held);
}

static uint64_t rng_state;
static uint64_t rng(void)          /* xorshift64* */
{
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return rng_state * 0x2545F4914F6CDD1DULL;
}

struct block { struct page *page; unsigned int order; };

/* Random allocs and frees (mostly order 0) on random CPUs, now and then
 * a park and rejoin; an ownership bitmap and the free total checked after
 * every operation, the lists walked every 10000. */
static void test_stress(void)
{
    static const gfp_t gfps[] = { GFP_KERNEL, GFP_DMA, GFP_HIGHUSER };
    const char *s_seed = getenv("HM_STRESS_SEED"), *s_ops = getenv("HM_STRESS_OPS");
    unsigned long ops = s_ops ? strtoul(s_ops, NULL, 0) : 300000, i, nheld = 0, cap = 1UL << 16;
    unsigned long total, bad = 0, nnull = 0, parks = 0;
    struct block *held = malloc(cap * sizeof(*held));
    uint8_t *owned = calloc(max_pfn / 8 + 1, 1);
    struct picture before, after;

    rng_state = s_seed ? strtoull(s_seed, NULL, 0) : 0x9e3779b97f4a7c15ULL;
    if (!rng_state)
        rng_state = 1;
    printf("# pcp stress: seed %llu (set HM_STRESS_SEED to repeat), %lu operations\n",
           (unsigned long long)rng_state, ops);
    drain_all_pages(ZONE_HIGHMEM);
    picture_take(&before);
    total = nr_free_pages();
    for (i = 0; i < ops && !bad; i++) {
        uint64_t r = rng();

        sim_cpu = (int)(r >> 60) % NCPU;
        if ((r & 1023) == 0) {                          /* park another CPU, then rejoin it */
            int other = (sim_cpu + 1 + (int)((r >> 10) % (NCPU - 1))) % NCPU;

            set_cpu_active(other, false);
            for (int z = 0; z < MAX_NR_ZONES; z++)
                bad += pcp_count(other, z) != 0;
            set_cpu_active(other, true);
            parks++;
        } else if (nheld && (nheld == cap || (r & 255) < 124)) {
            unsigned long k = (r >> 8) % nheld, pfn;
            struct block b = held[k];

            held[k] = held[--nheld];
            pfn = page_to_pfn(b.page);
            for (unsigned long p = pfn; p < pfn + (1UL << b.order); p++) {
                bad += !(owned[p >> 3] >> (p & 7) & 1);
                owned[p >> 3] ^= (uint8_t)(1 << (p & 7));
            }
            total += 1UL << b.order;
            __free_pages(b.page, b.order);
        } else {
            unsigned int order = (r >> 20) % 8 == 0 ? (unsigned int)((r >> 24) % 4) : 0;
            struct page *page = alloc_pages(gfps[(r >> 30) % 3], order);

            if (!page) {
                nnull++;
            } else {
                unsigned long pfn = page_to_pfn(page);

                for (unsigned long p = pfn; p < pfn + (1UL << order); p++) {
                    bad += owned[p >> 3] >> (p & 7) & 1 || PageReserved(pfn_to_page(p));
                    owned[p >> 3] ^= (uint8_t)(1 << (p & 7));
                }
                bad += page->flags != PG_head;
                held[nheld].page = page;
                held[nheld++].order = order;
                total -= 1UL << order;
            }
        }
        bad += nr_free_pages() != total;
        if (i % 10000 == 9999)
            bad += walk_lists(owned);
    }
    sim_cpu = 0;
    CHECK_EQ(bad, 0, "pcp stress: no page lost or handed out twice in %lu operations (stopped at %lu)",
             ops, i);
    CHECK(parks > 0, "pcp stress: %lu parks drained a CPU's lists (%lu NULL)", parks, nnull);
    while (nheld) {
        nheld--;
        __free_pages(held[nheld].page, held[nheld].order);
    }
    drain_all_pages(ZONE_HIGHMEM);
    picture_take(&after);
    CHECK(picture_same(&before, &after) && all_pcp() == 0,
          "pcp stress: freeing and draining everything restores the buddy's picture");
    free(held);
    free(owned);
}

int main(void)
{
    sim_boot(map_1g, ARRAY_SIZE(map_1g), 36);
    sim_ncpus = NCPU;
    test_sizes();
    test_steady_state();
    test_high_drains();
    test_cross_cpu();
    test_park();
    test_reachable();
    test_double_free();
    test_bulk();
    test_stress();
    sim_fini();
    return check_done();
}
