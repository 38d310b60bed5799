/*
 * gfp.h - page allocation flags and the buddy allocator's interface.
 *
 * Zone choice follows Linux: the flags name the highest zone allowed and
 * the allocator falls back downward from there, never upward:
 *   GFP_KERNEL, GFP_ATOMIC            NORMAL, then DMA
 *   GFP_DMA                           DMA only
 *   __GFP_HIGHMEM, GFP_HIGHUSER       HIGHMEM, then NORMAL, then DMA
 * Other bits are accepted and mean nothing here (there is no reclaim).
 */
#ifndef HM_GFP_H
#define HM_GFP_H

#include "hm/mm.h"

typedef unsigned int gfp_t;

#define __GFP_DMA       0x01u
#define __GFP_HIGHMEM   0x02u
#define __GFP_HIGH      0x20u
#define __GFP_IO        0x40u
#define __GFP_FS        0x80u

#define GFP_ATOMIC      (__GFP_HIGH)
#define GFP_KERNEL      (__GFP_IO | __GFP_FS)
#define GFP_USER        GFP_KERNEL
#define GFP_HIGHUSER    (GFP_USER | __GFP_HIGHMEM)
#define GFP_DMA         __GFP_DMA

/* Highest zone the flags allow; __GFP_DMA | __GFP_HIGHMEM panics. */
static inline enum zone_type gfp_zone(gfp_t gfp)
{
    if (__builtin_expect(!(gfp & (__GFP_DMA | __GFP_HIGHMEM)), 1))
        return ZONE_NORMAL;
    BUG_ON((gfp & (__GFP_DMA | __GFP_HIGHMEM)) == (__GFP_DMA | __GFP_HIGHMEM));
    return (gfp & __GFP_DMA) ? ZONE_DMA : ZONE_HIGHMEM;
}

/* 2^order physically contiguous pages from the zones gfp allows, or NULL
 * (order >= MAX_ORDER, or nothing free). The first page is the handle. */
struct page *alloc_pages(gfp_t gfp, unsigned int order);

/* Give back a block from alloc_pages() with the same order. A double free,
 * a wrong order, or a page that was not handed out panics with "BUG: ...". */
void __free_pages(struct page *page, unsigned int order);

#define alloc_page(gfp)     alloc_pages(gfp, 0)
#define __free_page(page)   __free_pages(page, 0)

/* ---- per-CPU page lists (hm/page_pcp.c) ---- */

/* Linux's alloc_pages_bulk_list: up to nr order-0 pages as alloc_page(gfp)
 * would give them, each added to the tail of list through page->lru.
 * This CPU's list of the top zone is taken under one lock, refilled from
 * the buddy with everything still missing (at least a batch, at most 1024
 * pages at a time); other zones only through alloc_page. Returns how many
 * (fewer than nr only when memory runs out). */
unsigned long alloc_pages_bulk_list(gfp_t gfp, unsigned long nr, struct list_head *list);

/* Size zone's pcp lists from its managed pages (batch, high: see
 * docs/mem.md) and empty them. mm_init runs it after the boot fill. */
void zone_pcp_init(struct zone *zone);

/* Give every page on CPU cpu's lists (all zones) back to the buddy; any
 * CPU may drain any other's. Returns the pages moved. */
unsigned long drain_pages(int cpu);

/* drain_pages for every CPU, zones 0..top only. Returns the pages moved. */
unsigned long drain_all_pages(int top);

/* Drain zone's lists on every CPU and stop using them (high 0, batch 1:
 * every order-0 free goes straight to the buddy, every alloc takes one
 * page from it), as Linux does around memory offlining; the buddy's own
 * host tests run this way. zone_pcp_enable undoes it. */
void zone_pcp_disable(struct zone *zone);
void zone_pcp_enable(struct zone *zone);

/* Hand the free pfns [start, end) of one zone to the buddy at boot, in the
 * largest aligned blocks (no per-page work). */
void free_pfn_range_boot(struct zone *zone, unsigned long start, unsigned long end);

#endif
