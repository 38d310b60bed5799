/*
 * test_buddy.c - the buddy allocator on a 1 GiB machine (all three zones)
 * and a 128 MiB one (no highmem): split, merge, zone fallback, exhaustion,
 * and the BUG lines for double and wrong-order frees. The per-CPU lists
 * are off here (buddy_only); test_pcp.c tests them.
 */
#include <stdlib.h>
#include <string.h>
#include "tests/unit/check.h"
#include "tests/unit/machines.h"
#include "tests/unit/picture.h"

static struct page **held;      /* pages taken by exhaust() */

/* Smallest order >= order with a free block in zone z, or MAX_ORDER. */
static unsigned int smallest_free(int z, unsigned int order)
{
    while (order < MAX_ORDER && !node_zones[z].free_area[order].nr_free)
        order++;
    return order;
}

static void test_split_merge(void)
{
    struct picture before, after;
    struct page *a, *b, *c, *lone[MAX_ORDER];
    unsigned int m, o, ok = 1, nlone = 0;

    /* Lone order-0 pages (left by boot-time allocations) would satisfy the
     * first request without a split; take them out of the picture. */
    while (smallest_free(ZONE_NORMAL, 0) == 0 && nlone < MAX_ORDER)
        lone[nlone++] = alloc_pages(GFP_KERNEL, 0);
    picture_take(&before);
    m = smallest_free(ZONE_NORMAL, 0);
    a = alloc_pages(GFP_KERNEL, 0);
    picture_take(&after);
    for (o = 0; o < MAX_ORDER; o++) {
        long d = (long)after.nr_free[ZONE_NORMAL][o] - (long)before.nr_free[ZONE_NORMAL][o];
        ok &= d == (o == m ? -1 : o < m ? 1 : 0) || (o == 0 && m == 0 && d == -1);
    }
    CHECK(a && ok, "order-0 allocation splits the smallest free block (order %u) into one of each order below", m);
    CHECK_EQ(after.free_pages[ZONE_NORMAL], before.free_pages[ZONE_NORMAL] - 1, "free count drops by one page");
    b = alloc_pages(GFP_KERNEL, 0);
    CHECK(b && (page_to_pfn(a) ^ page_to_pfn(b)) == 1, "the next order-0 page is its buddy");
    c = alloc_pages(GFP_KERNEL, 3);
    CHECK(c && page_to_pfn(c) % 8 == 0 && page_zone(c) == &node_zones[ZONE_NORMAL],
          "an order-3 block is 8-page aligned");
    __free_pages(a, 0);
    __free_pages(c, 3);
    __free_pages(b, 0);
    picture_take(&after);
    CHECK(picture_same(&before, &after), "freeing merges back to the initial per-order picture");
    while (nlone)
        __free_pages(lone[--nlone], 0);
    CHECK(alloc_pages(GFP_KERNEL, MAX_ORDER) == NULL, "order MAX_ORDER is refused");
}

/* Take order-0 pages with gfp until NULL; return how many. */
static unsigned long exhaust(gfp_t gfp, unsigned long *per_zone)
{
    unsigned long n = 0;
    struct page *p;

    memset(per_zone, 0, MAX_NR_ZONES * sizeof(*per_zone));
    while ((p = alloc_pages(gfp, 0)) != NULL) {
        held[n++] = p;
        per_zone[page_zone(p) - node_zones]++;
    }
    return n;
}

static void release(unsigned long n)
{
    while (n)
        __free_pages(held[--n], 0);
}

static void test_fallback_and_exhaustion(const char *nm)
{
    struct picture before, after;
    unsigned long z[MAX_NR_ZONES], n, free0[MAX_NR_ZONES];
    struct page *first;
    int i;

    picture_take(&before);
    for (i = 0; i < MAX_NR_ZONES; i++)
        free0[i] = node_zones[i].free_pages;

    first = alloc_pages(GFP_HIGHUSER, 0);
    CHECK(first && PageHighMem(first) == (free0[ZONE_HIGHMEM] != 0),
          "%s: GFP_HIGHUSER takes highmem first, else falls back to lowmem", nm);
    __free_pages(first, 0);

    n = exhaust(GFP_KERNEL, z);
    CHECK(z[ZONE_HIGHMEM] == 0 && z[ZONE_NORMAL] == free0[ZONE_NORMAL] && z[ZONE_DMA] == free0[ZONE_DMA],
          "%s: GFP_KERNEL drains NORMAL then DMA, never highmem", nm);
    CHECK(alloc_pages(GFP_DMA, 0) == NULL && node_zones[ZONE_HIGHMEM].free_pages == free0[ZONE_HIGHMEM],
          "%s: exhausted lowmem returns NULL while highmem stays free", nm);
    release(n);
    picture_take(&after);
    CHECK(picture_same(&before, &after), "%s: GFP_KERNEL exhaustion gives every page back", nm);

    n = exhaust(GFP_DMA, z);
    CHECK(n == free0[ZONE_DMA] && z[ZONE_DMA] == n, "%s: GFP_DMA gets exactly the DMA zone", nm);
    release(n);

    n = exhaust(GFP_HIGHUSER, z);
    CHECK(z[ZONE_HIGHMEM] == free0[ZONE_HIGHMEM] && z[ZONE_NORMAL] == free0[ZONE_NORMAL] &&
          z[ZONE_DMA] == free0[ZONE_DMA] && nr_free_pages() == 0,
          "%s: GFP_HIGHUSER drains HIGHMEM, NORMAL, DMA", nm);
    for (i = 1; i < (int)n; i++)    /* zone order: highmem pages come first */
        if (page_zone(held[i]) > page_zone(held[i - 1]))
            break;
    CHECK(i == (int)n, "%s: fallback goes down one zone at a time", nm);
    CHECK(alloc_pages(GFP_HIGHUSER, 0) == NULL && alloc_pages(GFP_KERNEL, 5) == NULL,
          "%s: empty allocator returns NULL", nm);
    release(n);
    picture_take(&after);
    CHECK(picture_same(&before, &after), "%s: counts return exactly after exhaustion", nm);
}

/* Run fn and check that it panics with a message containing want. */
#define EXPECT_BUG(code, want, ...) do { \
        if (sim_expect_panic() == 0) { code; CHECK(0, __VA_ARGS__); } \
        else CHECK(strstr(sim_panic_msg, want) && !strncmp(sim_panic_msg, "BUG: ", 5), __VA_ARGS__); \
        sim_disarm_panic(); \
    } while (0)

static void test_bad_frees(void)
{
    struct picture before, after;
    struct page *a = alloc_pages(GFP_KERNEL, 2), *b = alloc_pages(GFP_KERNEL, 0);
    struct page *c = alloc_pages(GFP_KERNEL, 0);

    picture_take(&before);
    EXPECT_BUG(__free_pages(a, 1), "allocated with order 2", "wrong-order free is a BUG");
    EXPECT_BUG(__free_pages(a + 1, 0), "not an allocated block", "freeing a page inside a block is a BUG");
    EXPECT_BUG(__free_pages(pfn_to_page(0), 0), "reserved", "freeing a reserved page is a BUG");
    EXPECT_BUG(__free_pages(pfn_to_page(max_pfn), 0), "not in mem_map", "freeing past mem_map is a BUG");
    EXPECT_BUG(alloc_pages(__GFP_DMA | __GFP_HIGHMEM, 0), "BUG", "GFP_DMA|__GFP_HIGHMEM is a BUG");
    picture_take(&after);
    CHECK(picture_same(&before, &after), "a caught bad free changes nothing");
    __free_pages(a, 2);
    __free_pages(b, 0);
    EXPECT_BUG(__free_pages(b, 0), "double free", "double free of a still-free head is a BUG");
    __free_pages(c, 0);     /* merges: b or c is now inside a bigger free block */
    EXPECT_BUG(__free_pages((page_to_pfn(b) < page_to_pfn(c)) ? c : b, 0), "double free",
               "double free of a merged page is a BUG");
}

/* A lowmem block from alloc_pages is reached through the direct map:
 * page_address and virt_to_page are inverses on it. */
static void test_lowmem_block_address(void)
{
    struct page *p = alloc_pages(GFP_KERNEL, 1);
    void *va = p ? page_address(p) : 0;

    CHECK(p && va && p->flags == PG_head && p->private == 1 && virt_to_page(va) == p &&
          va == lowmem_page_address(p),
          "a lowmem block's page_address is its direct-map address");
    if (!va)
        return;
    memset(va, 0x5a, 2 * PAGE_SIZE);            /* ASan: the block is real memory */
    __free_pages(p, 1);
    CHECK(PageBuddy(p) || !p->flags, "__free_pages gives it back");
}

int main(void)
{
    held = malloc(sizeof(*held) << 18);
    sim_boot(map_1g, ARRAY_SIZE(map_1g), 36);
    buddy_only();                   /* the pcp lists have test_pcp.c */
    test_split_merge();
    test_fallback_and_exhaustion("1G");
    test_bad_frees();
    test_lowmem_block_address();
    sim_boot(map_128m, ARRAY_SIZE(map_128m), 36);
    buddy_only();
    test_fallback_and_exhaustion("128M");
    sim_fini();
    free(held);
    return check_done();
}
