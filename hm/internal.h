/*
 * internal.h - the seam between the buddy allocator (page_alloc.c) and
 * the per-CPU page lists in front of it (page_pcp.c), as Linux's
 * mm/internal.h. Callers outside hm/'s page allocator use gfp.h.
 */
#ifndef HM_INTERNAL_H
#define HM_INTERNAL_H

#include "hm/gfp.h"

/* Take a free 2^order block from zone's lists, splitting a larger one;
 * NULL when none. The block's state is left for the caller to set.
 * Caller holds zone->lock. */
struct page *__rmqueue(struct zone *zone, unsigned int order);

/* Put the free block at pfn (2^order pages, state already cleared) back
 * on zone's lists, merging it with its buddies. Caller holds zone->lock. */
void __free_one_page(struct zone *zone, unsigned long pfn, unsigned int order);

/* page_pcp.c, the slow halves of the two pcp fast paths below, entered
 * with pcp->lock held; each drops it. rmqueue_pcplist_refill: pcp is
 * empty; move batch pages from the buddy onto it and return one (NULL if
 * the buddy had none). free_pcppages_drain: pcp reached high; give the
 * batch oldest pages (its tail) back to the buddy. */
struct page *rmqueue_pcplist_refill(struct zone *zone, struct per_cpu_pages *pcp);
void free_pcppages_drain(struct zone *zone, struct per_cpu_pages *pcp);

/* This CPU's list of zone. The empty asm pins the address in a register,
 * so gcc does not recompute the zone * cpu arithmetic after the lock. */
static inline struct per_cpu_pages *this_cpu_pcp(struct zone *zone)
{
    struct per_cpu_pages *pcp = &zone->pcp[arch_cpu_id()];

    __asm__("" : "+r"(pcp));
    return pcp;
}

/* An order-0 page from this CPU's list of zone (refilled from the buddy
 * when empty), or NULL when list and buddy are both empty. The page comes
 * back off every list, flags still PG_pcp for the caller to replace. */
static inline struct page *rmqueue_pcplist(struct zone *zone)
{
    struct per_cpu_pages *pcp = this_cpu_pcp(zone);
    struct list_head *first;

    spin_lock(&pcp->lock);
    first = pcp->list.next;
    if (__builtin_expect(first == &pcp->list, 0))
        return rmqueue_pcplist_refill(zone, pcp);
    list_del(first);
    pcp->count--;
    spin_unlock(&pcp->lock);
    return list_entry(first, struct page, lru);
}

/* An order-0 page that __free_pages has checked goes on this CPU's list
 * of zone, marked PG_pcp; reaching high gives batch of the oldest back. */
static inline void free_unref_page(struct page *page, struct zone *zone)
{
    struct per_cpu_pages *pcp = this_cpu_pcp(zone);

    spin_lock(&pcp->lock);
    page->flags = PG_pcp;
    list_add(&page->lru, &pcp->list);
    if (__builtin_expect(++pcp->count >= pcp->high, 0)) {
        free_pcppages_drain(zone, pcp);
        return;
    }
    spin_unlock(&pcp->lock);
}

#endif
