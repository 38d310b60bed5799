/*
 * tlb_target.c - the tlb rows' target page; see tlb_target.h. Not the
 * direct map: that maps lowmem with 2 MiB pages, and the first of them
 * overlaps the fixed-range MTRRs, so real CPUs split it into 4 KiB TLB
 * entries and a target there would time neither page size honestly.
 */
#include "bench/tlb_target.h"
#include "boot/console.h"
#include "boot/fixmap.h"
#include "boot/x86.h"
#include "hm/gfp.h"
#include "hm/paging.h"

static struct page *target_page;

/* tlb_target_alloc: a free page outside the first 2 MiB (the large page
 * that overlaps the fixed-range MTRRs): pages below that come first are
 * held aside and given back once one above has come. NULL when none does. */
static struct page *tlb_target_alloc(void)
{
    struct list_head low = LIST_HEAD_INIT(low);
    struct page *page;

    while ((page = alloc_page(GFP_HIGHUSER)) && page_to_pfn(page) < (2u << 20) / PAGE_SIZE)
        list_add(&page->lru, &low);
    while (!list_empty(&low)) {
        struct page *p = list_entry(low.next, struct page, lru);

        list_del(&p->lru);
        __free_page(p);
    }
    return page;
}

void tlb_target_map(void)
{
    unsigned long pfn;

    target_page = tlb_target_alloc();
    if (!target_page)
        panic("bench tlb: no free page above 2 MiB for the target");
    pfn = page_to_pfn(target_page);
    set_pte(fixmap_pte(TLB_TARGET_GLOBAL), pfn_pte(pfn, PAGE_KERNEL));
    set_pte(fixmap_pte(TLB_TARGET_NONGLOBAL), pfn_pte(pfn, PAGE_KERNEL & ~_PAGE_GLOBAL));
    tlbmark_range(TLB_TARGET_NONGLOBAL_VA, TLB_TARGET_NONGLOBAL_VA + PAGE_SIZE,
                  TLBMARK_RANGE_4K_NONGLOBAL);  /* ACCEL=model image only */
    invlpg(TLB_TARGET_GLOBAL_VA);
    invlpg(TLB_TARGET_NONGLOBAL_VA);
}

void tlb_target_unmap(void)
{
    pte_clear(fixmap_pte(TLB_TARGET_GLOBAL));
    pte_clear(fixmap_pte(TLB_TARGET_NONGLOBAL));
    tlbmark_range(TLB_TARGET_NONGLOBAL_VA, TLB_TARGET_NONGLOBAL_VA + PAGE_SIZE,
                  TLBMARK_RANGE_4K_GLOBAL);     /* the slot's next user maps it global */
    invlpg(TLB_TARGET_GLOBAL_VA);
    invlpg(TLB_TARGET_NONGLOBAL_VA);
    __free_page(target_page);
}
