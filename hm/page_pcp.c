/*
 * page_pcp.c - per-CPU lists of free order-0 pages in front of the buddy
 * allocator (Linux's per_cpu_pages). Each zone has one list per CPU.
 * alloc_page pops this CPU's list and __free_page pushes onto it, so the
 * common order-0 pair is a few list operations under an uncontended lock
 * (rmqueue_pcplist and free_unref_page, inline in internal.h); the buddy
 * and zone->lock are touched once per batch pages:
 *   rmqueue_bulk         list empty: take batch pages from the buddy
 *   free_pcppages_bulk   count reached high: give the batch oldest back
 * A page on a list is PG_pcp (so a second free of it is caught as a double
 * free) and counts in nr_free_pages/zone_free_pages, not in free_pages.
 *
 * Nothing is stranded: a CPU that is parked has its lists drained
 * (set_cpu_active calls drain_pages), and an allocation that finds the
 * buddy and its own lists empty drains every CPU's and tries once more.
 *
 * Locking: pcp->lock, then zone->lock. The owner CPU takes its pcp->lock
 * on every operation; another CPU takes it only to drain.
 */
#include "hm/internal.h"

/* Linux's zone_batchsize: about a quarter of a 1/1024 of the zone, at
 * most 64 pages, rounded to 2^n - 1 (so batches of different zones do
 * not keep landing on the same buddy pattern); at least 1. */
static int zone_batchsize(const struct zone *zone)
{
    unsigned long batch = zone->managed_pages >> 10;

    if (batch > (1UL << 20) / PAGE_SIZE)
        batch = (1UL << 20) / PAGE_SIZE;
    batch /= 4;
    if (batch < 1)
        batch = 1;
    batch += batch / 2;
    while (batch & (batch - 1))             /* round down to a power of two */
        batch &= batch - 1;
    return batch > 1 ? (int)batch - 1 : 1;
}

void zone_pcp_init(struct zone *zone)
{
    int batch = zone_batchsize(zone);

    for (int cpu = 0; cpu < NR_CPUS; cpu++) {
        struct per_cpu_pages *pcp = &zone->pcp[cpu];

        pcp->lock = (spinlock_t)RAW_SPINLOCK_INIT;
        pcp->count = 0;
        pcp->batch = batch;
        pcp->high = 6 * batch;              /* Linux's old pageset_set_batch ratio */
        INIT_LIST_HEAD(&pcp->list);
    }
}

/* Move up to n pages from zone's buddy to the tail of pcp; returns how
 * many. Caller holds pcp->lock. */
static int rmqueue_bulk(struct zone *zone, int n, struct per_cpu_pages *pcp)
{
    int got = 0;

    if (!__atomic_load_n(&zone->free_pages, __ATOMIC_RELAXED))
        return 0;
    spin_lock(&zone->lock);
    while (got < n) {
        struct page *page = __rmqueue(zone, 0);

        if (!page)
            break;
        page->flags = PG_pcp;
        list_add_tail(&page->lru, &pcp->list);
        got++;
    }
    spin_unlock(&zone->lock);
    pcp->count += got;
    return got;
}

/* Give the n oldest pages of pcp (its tail) back to zone's buddy.
 * Caller holds pcp->lock. */
static void free_pcppages_bulk(struct zone *zone, int n, struct per_cpu_pages *pcp)
{
    spin_lock(&zone->lock);
    while (n-- > 0 && !list_empty(&pcp->list)) {
        struct page *page = list_last_entry(&pcp->list, struct page, lru);

        list_del(&page->lru);
        page->flags = 0;
        pcp->count--;
        __free_one_page(zone, page_to_pfn(page), 0);
    }
    spin_unlock(&zone->lock);
}

struct page *rmqueue_pcplist_refill(struct zone *zone, struct per_cpu_pages *pcp)
{
    struct page *page = NULL;

    if (rmqueue_bulk(zone, pcp->batch, pcp)) {
        page = list_first_entry(&pcp->list, struct page, lru);
        list_del(&page->lru);
        pcp->count--;
    }
    spin_unlock(&pcp->lock);
    return page;
}

void free_pcppages_drain(struct zone *zone, struct per_cpu_pages *pcp)
{
    free_pcppages_bulk(zone, pcp->batch, pcp);
    spin_unlock(&pcp->lock);
}

unsigned long alloc_pages_bulk_list(gfp_t gfp, unsigned long nr, struct list_head *list)
{
    struct zone *zone = &node_zones[gfp_zone(gfp)];
    struct per_cpu_pages *pcp = this_cpu_pcp(zone);
    unsigned long got = 0;

    spin_lock(&pcp->lock);
    while (got < nr) {
        struct page *page;

        if (list_empty(&pcp->list)) {
            unsigned long want = nr - got;      /* all that is still missing, at least a batch */

            if (want < (unsigned long)pcp->batch)
                want = (unsigned long)pcp->batch;
            if (!rmqueue_bulk(zone, want > 1024 ? 1024 : (int)want, pcp))
                break;
        }
        page = list_first_entry(&pcp->list, struct page, lru);
        list_del(&page->lru);
        pcp->count--;
        page->flags = PG_head;
        page->private = 0;
        page->_refcount = 1;
        list_add_tail(&page->lru, list);
        got++;
    }
    spin_unlock(&pcp->lock);
    for (; got < nr; got++) {           /* the top zone ran dry: fall back, drain */
        struct page *page = alloc_pages(gfp, 0);

        if (!page)
            break;
        list_add_tail(&page->lru, list);
    }
    return got;
}

/* Empty CPU cpu's list of zone into the buddy; returns the pages moved. */
static unsigned long drain_pages_zone(int cpu, struct zone *zone)
{
    struct per_cpu_pages *pcp = &zone->pcp[cpu];
    unsigned long n;

    if (!__atomic_load_n(&pcp->count, __ATOMIC_RELAXED))
        return 0;
    spin_lock(&pcp->lock);
    n = (unsigned long)pcp->count;
    free_pcppages_bulk(zone, pcp->count, pcp);
    spin_unlock(&pcp->lock);
    return n;
}

unsigned long drain_pages(int cpu)
{
    unsigned long n = 0;

    for (int z = 0; z < MAX_NR_ZONES; z++)
        n += drain_pages_zone(cpu, &node_zones[z]);
    return n;
}

unsigned long drain_all_pages(int top)
{
    unsigned long n = 0;

    for (int z = 0; z <= top; z++)
        for (int cpu = 0; cpu < NR_CPUS; cpu++)
            n += drain_pages_zone(cpu, &node_zones[z]);
    return n;
}

void zone_pcp_disable(struct zone *zone)
{
    for (int cpu = 0; cpu < NR_CPUS; cpu++) {
        struct per_cpu_pages *pcp = &zone->pcp[cpu];

        spin_lock(&pcp->lock);
        pcp->high = 0;
        pcp->batch = 1;
        free_pcppages_bulk(zone, pcp->count, pcp);
        spin_unlock(&pcp->lock);
    }
}

void zone_pcp_enable(struct zone *zone)
{
    int batch = zone_batchsize(zone);

    for (int cpu = 0; cpu < NR_CPUS; cpu++) {
        struct per_cpu_pages *pcp = &zone->pcp[cpu];

        spin_lock(&pcp->lock);
        pcp->batch = batch;
        pcp->high = 6 * batch;
        spin_unlock(&pcp->lock);
    }
}
