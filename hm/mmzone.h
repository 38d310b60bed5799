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

#include "mm_types.h"
#include "spinlock.h"

enum zone_type { ZONE_DMA, ZONE_NORMAL, ZONE_HIGHMEM, MAX_NR_ZONES };

#define MAX_DMA_PFN (MAX_DMA_ADDRESS >> PAGE_SHIFT)

struct free_area {
    struct list_head free_list;     /* first pages of free blocks of this order */
    unsigned long nr_free;          /* blocks on free_list */
};

struct zone {
    spinlock_t lock;                /* free_area and free_pages (not the boot fill) */
    struct free_area free_area[MAX_ORDER];
    unsigned long free_pages;       /* pages on all free lists of this zone */
    unsigned long zone_start_pfn;   /* span [zone_start_pfn, zone_end_pfn) */
    unsigned long zone_end_pfn;
    unsigned long present_pages;    /* RAM pages in the span */
    unsigned long managed_pages;    /* pages handed to the buddy at boot */
    const char *name;
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

/* Pages currently free in all zones. */
unsigned long nr_free_pages(void);

#endif
