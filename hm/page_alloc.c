/*
 * page_alloc.c - the buddy allocator: per zone, MAX_ORDER free lists of
 * naturally aligned 2^order blocks. Allocation takes the smallest block
 * that fits and splits it; freeing merges a block with its buddy
 * (pfn ^ 2^order) for as long as the buddy is free and of the same order.
 * Only a block's first page carries state (see mm_types.h).
 *
 * Order-0 pages go through per-CPU lists first (page_pcp.c): alloc_pages
 * and __free_pages of one page touch the buddy only once per batch.
 *
 * SMP: each zone's free lists and counts are guarded by zone->lock, held
 * only around the list work (__rmqueue, the merge loop); the free_pages
 * test before it is an unlocked hint. The boot fill runs on one CPU.
 */
#include "hm/internal.h"

struct zone node_zones[MAX_NR_ZONES];

/* Put a free block on its list; its first page records the order. */
static inline void add_to_free_list(struct zone *zone, struct page *page, unsigned int order)
{
    page->flags = PG_buddy;
    page->private = order;
    list_add(&page->lru, &zone->free_area[order].free_list);
    zone->free_area[order].nr_free++;
}

static inline void del_from_free_list(struct zone *zone, struct page *page, unsigned int order)
{
    list_del(&page->lru);
    page->flags = 0;
    zone->free_area[order].nr_free--;
}

struct page *__rmqueue(struct zone *zone, unsigned int order)
{
    unsigned int cur;

    for (cur = order; cur < MAX_ORDER; cur++) {
        struct free_area *area = &zone->free_area[cur];
        struct page *page;

        if (list_empty(&area->free_list))
            continue;
        page = list_first_entry(&area->free_list, struct page, lru);
        del_from_free_list(zone, page, cur);
        while (cur > order) {           /* give back the upper halves */
            cur--;
            add_to_free_list(zone, page + (1UL << cur), cur);
        }
        zone->free_pages -= 1UL << order;
        return page;
    }
    return NULL;
}

/* A 2^order block (order > 0) straight from zone's buddy lists, or NULL. */
static struct page *rmqueue_buddy(struct zone *zone, unsigned int order)
{
    struct page *page;

    if (__atomic_load_n(&zone->free_pages, __ATOMIC_RELAXED) < (1UL << order))
        return NULL;
    spin_lock(&zone->lock);
    page = __rmqueue(zone, order);
    spin_unlock(&zone->lock);
    return page;
}

/* Every zone gfp allows, top down; then, if all were empty, once more
 * after draining every CPU's pcp lists. */
static struct page * __attribute__((noinline)) alloc_pages_slowpath(gfp_t gfp, unsigned int order)
{
    bool drained = false;
    int z;

retry:
    for (z = gfp_zone(gfp); z >= 0; z--) {
        struct zone *zone = &node_zones[z];
        struct page *page = order ? rmqueue_buddy(zone, order) : rmqueue_pcplist(zone);

        if (page)
            return page;
    }
    if (!drained && drain_all_pages(gfp_zone(gfp))) {
        drained = true;
        goto retry;
    }
    return NULL;
}

struct page *alloc_pages(gfp_t gfp, unsigned int order)
{
    struct page *page = NULL;
    int z = gfp_zone(gfp);

    if (__builtin_expect(!order, 1)) {          /* fast path: this CPU's list of the top zone */
        page = rmqueue_pcplist(&node_zones[z]);
    } else {
        if (order >= MAX_ORDER)
            return NULL;
        for (; z >= 0 && !page; z--)
            page = rmqueue_buddy(&node_zones[z], order);
    }
    if (__builtin_expect(!page, 0))
        page = alloc_pages_slowpath(gfp, order);
    if (page) {
        page->flags = PG_head;
        page->private = order;
        page->_refcount = 1;
    }
    return page;
}

/* Say exactly what is wrong with a free and end the run. */
static void __attribute__((noreturn, noinline)) bad_free(struct page *page, unsigned int order)
{
    unsigned long pfn = page_to_pfn(page);

    if (page < mem_map || pfn >= max_pfn)
        arch_panic("BUG: __free_pages: %p is not in mem_map (max_pfn 0x%lx)",
                   (void *)page, max_pfn);
    if (order >= MAX_ORDER)
        arch_panic("BUG: __free_pages: pfn 0x%lx freed with order %u >= MAX_ORDER", pfn, order);
    if (page->flags & PG_buddy)
        arch_panic("BUG: __free_pages: double free of pfn 0x%lx (already free, order %u)",
                   pfn, page->private);
    if (page->flags & PG_pcp)
        arch_panic("BUG: __free_pages: double free of pfn 0x%lx (already free, on a per-CPU list)",
                   pfn);
    if (page->flags & PG_reserved)
        arch_panic("BUG: __free_pages: pfn 0x%lx is reserved, never allocated", pfn);
    if (page->flags & PG_head)
        arch_panic("BUG: __free_pages: pfn 0x%lx freed with order %u, allocated with order %u",
                   pfn, order, page->private);
    arch_panic("BUG: __free_pages: pfn 0x%lx order %u is not an allocated block "
               "(double free, or not its first page)", pfn, order);
}

void __free_one_page(struct zone *zone, unsigned long pfn, unsigned int order)
{
    zone->free_pages += 1UL << order;
    while (order < MAX_ORDER - 1) {
        unsigned long buddy_pfn = pfn ^ (1UL << order);
        struct page *buddy = mem_map + buddy_pfn;

        if (buddy_pfn < zone->zone_start_pfn || buddy_pfn >= zone->zone_end_pfn ||
            buddy->flags != PG_buddy || buddy->private != order)
            break;
        del_from_free_list(zone, buddy, order);
        pfn &= ~(1UL << order);
        order++;
    }
    add_to_free_list(zone, mem_map + pfn, order);
}

void __free_pages(struct page *page, unsigned int order)
{
    unsigned long pfn = page_to_pfn(page);
    struct zone *zone;

    if (__builtin_expect(pfn >= max_pfn || page->flags != PG_head || page->private != order, 0))
        bad_free(page, order);
    zone = &node_zones[pfn_zone_idx(pfn)];
    page->_refcount = 0;
    page->flags = 0;
    if (!order) {
        free_unref_page(page, zone);
        return;
    }
    spin_lock(&zone->lock);
    __free_one_page(zone, pfn, order);
    spin_unlock(&zone->lock);
}

void free_pfn_range_boot(struct zone *zone, unsigned long start, unsigned long end)
{
    while (start < end) {
        unsigned int order = start ? (unsigned int)__builtin_ctzl(start) : MAX_ORDER - 1;

        if (order > MAX_ORDER - 1)
            order = MAX_ORDER - 1;
        while ((1UL << order) > end - start)
            order--;
        add_to_free_list(zone, mem_map + start, order);
        zone->free_pages += 1UL << order;
        zone->managed_pages += 1UL << order;
        start += 1UL << order;
    }
}

unsigned long zone_free_pages(const struct zone *zone)
{
    unsigned long sum = __atomic_load_n(&zone->free_pages, __ATOMIC_RELAXED);

    for (int cpu = 0; cpu < NR_CPUS; cpu++)
        sum += (unsigned long)__atomic_load_n(&zone->pcp[cpu].count, __ATOMIC_RELAXED);
    return sum;
}

unsigned long nr_free_pages(void)
{
    unsigned long sum = 0;
    int z;

    for (z = 0; z < MAX_NR_ZONES; z++)
        sum += zone_free_pages(&node_zones[z]);
    return sum;
}
