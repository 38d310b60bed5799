/*
 * mmzone.h - zones and their buddy free areas.
 *
 *   ZONE_DMA      pfn [0, 16 MiB)                 GFP_DMA
 *   ZONE_NORMAL   pfn [16 MiB, max_low_pfn)       GFP_KERNEL (direct-mapped)
 *   ZONE_HIGHMEM  pfn [max_low_pfn, max_pfn)      __GFP_HIGHMEM (kmap only)
 * max_low_pfn = min(max_pfn, MAXMEM >> PAGE_SHIFT). A zone's span may
 * contain holes and reserved pages; only its free blocks are on its lists.
 */
#ifndef HM_MMZONE_H
#define HM_MMZONE_H

#include "hm/mm_types.h"
#include "hm/spinlock.h"

enum zone_type { ZONE_DMA, ZONE_NORMAL, ZONE_HIGHMEM, MAX_NR_ZONES };

#define MAX_DMA_PFN (MAX_DMA_ADDRESS >> PAGE_SHIFT)

struct free_area {
    struct list_head free_list;     /* first pages of free blocks of this order */
    unsigned long nr_free;          /* blocks on free_list */
};

/* Linux's per_cpu_pages: one CPU's stack of free order-0 pages of one
 * zone (hm/page_pcp.c). Pages on it are PG_pcp and out of the buddy (not
 * in free_pages). It is refilled with batch pages from the buddy when
 * empty and gives batch pages back when count reaches high; lock is
 * uncontended except when another CPU drains the list. */
struct per_cpu_pages {
    spinlock_t lock;                /* list, count; taken before zone->lock */
    int count;                      /* pages on list */
    int high;                       /* drain batch pages back at this count */
    int batch;                      /* pages moved per refill or drain */
    struct list_head list;          /* newest first: alloc and free at the head */
} __attribute__((aligned(32)));

struct zone {
    spinlock_t lock;                /* free_area and free_pages (not the boot fill) */
    struct free_area free_area[MAX_ORDER];
    unsigned long free_pages;       /* pages on the buddy free lists (not the pcp lists) */
    unsigned long zone_start_pfn;   /* span [zone_start_pfn, zone_end_pfn) */
    unsigned long zone_end_pfn;
    unsigned long present_pages;    /* RAM pages in the span */
    unsigned long managed_pages;    /* pages handed to the buddy at boot */
    const char *name;
    struct per_cpu_pages pcp[NR_CPUS]; /* by CPU number; zone_pcp_init sizes them */
};

extern struct zone node_zones[MAX_NR_ZONES];
extern unsigned long max_low_pfn;

/* The zone that owns a pfn below max_pfn (holes included). */
static inline enum zone_type pfn_zone_idx(unsigned long pfn)
{
    if (pfn >= max_low_pfn)
        return ZONE_HIGHMEM;
    return pfn >= MAX_DMA_PFN ? ZONE_NORMAL : ZONE_DMA;
}

/* Pages currently free in all zones: the buddy's and the pcp lists'. */
unsigned long nr_free_pages(void);

/* Free pages of one zone: buddy plus every CPU's pcp list (a snapshot). */
unsigned long zone_free_pages(const struct zone *zone);

#endif
