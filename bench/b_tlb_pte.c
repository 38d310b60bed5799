/*
 * b_tlb_pte.c - the bench=tlb rows that need 4 KiB PTEs:
 *   floor          set a PTE, touch the page, clear the PTE, invlpg, all on
 *                  one fixmap slot (FIX_TEST): the least work any temporary
 *                  mapping can do; kmap_atomic map_touch_unmap is measured
 *                  against it
 *   refill K       after a global flush (untimed), touch K pages mapped with
 *                  4 KiB global PTEs: the cost of refilling the TLB, K = 1,
 *                  8, 64, 512. The pages are mapped for the run in the last
 *                  full PMD of the vmalloc area (below the pkmap's) and
 *                  unmapped after; nothing else runs meanwhile.
 */
#include "bench/b_tlb_pte.h"
#include "bench/report.h"
#include "boot/console.h"
#include "boot/fixmap.h"
#include "boot/x86.h"
#include "hm/gfp.h"
#include "hm/paging.h"
#include "hm/tlbflush.h"

#define REFILL_MAX 512
#define REFILL_BASE (PKMAP_BASE - 2 * PMD_SIZE)

static pteval_t *floor_pte, floor_val;
static struct page *target_page;
static unsigned int refill_pages;

static void op_floor(void *c)
{
    volatile uint32_t *va = (volatile uint32_t *)__fix_to_virt(FIX_TEST);

    (void)c;
    set_pte(floor_pte, floor_val);
    (void)*va;
    pte_clear(floor_pte);
    invlpg((unsigned long)va);
}

static void prep_refill(void *c) { (void)c; __flush_tlb_all(); }

static void op_refill(void *c)
{
    (void)c;
    for (unsigned int i = 0; i < refill_pages; i++)
        (void)*(volatile uint32_t *)(REFILL_BASE + i * PAGE_SIZE);
}

/* Map REFILL_MAX pages at REFILL_BASE (one per page, from any zone), or
 * return false (nothing left mapped) when that is not possible. */
static bool refill_map(struct page **pages, const char **why)
{
    pteval_t *pte = virt_to_kpte(REFILL_BASE);

    for (unsigned int i = 0; i < REFILL_MAX; i++)
        if (pte_present(pte[i])) {
            *why = "the refill PMD is in use";
            return false;
        }
    for (unsigned int i = 0; i < REFILL_MAX; i++) {
        pages[i] = alloc_page(GFP_HIGHUSER);
        if (!pages[i]) {
            while (i-- > 0)
                __free_page(pages[i]);
            *why = "not enough free pages";
            return false;
        }
        set_pte(&pte[i], pfn_pte(page_to_pfn(pages[i]), PAGE_KERNEL));
    }
    return true;
}

static void refill_unmap(struct page **pages)
{
    pteval_t *pte = virt_to_kpte(REFILL_BASE);

    for (unsigned int i = 0; i < REFILL_MAX; i++) {
        pte_clear(&pte[i]);
        __free_page(pages[i]);
    }
    flush_tlb_kernel_range(REFILL_BASE, REFILL_BASE + REFILL_MAX * PAGE_SIZE);
}

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
    invlpg(TLB_TARGET_GLOBAL_VA);
    invlpg(TLB_TARGET_NONGLOBAL_VA);
    __free_page(target_page);
}

void tlb_pte_rows(void)
{
    static struct page *pages[REFILL_MAX];
    static const unsigned int ks[] = { 1, 8, 64, REFILL_MAX };
    struct page *fp = alloc_page(GFP_HIGHUSER);
    const char *why = "";

    if (!fp)
        panic("bench tlb: no free page for the floor row");
    floor_pte = fixmap_pte(FIX_TEST);
    floor_val = pfn_pte(page_to_pfn(fp), PAGE_KERNEL);
    bench_row("tlb", "floor", "", 0, &(struct op){ 0, op_floor, 0, 0 }, 0);
    __free_page(fp);
    if (!refill_map(pages, &why)) {
        bench_skip("tlb", "refill", why);
        return;
    }
    for (unsigned int i = 0; i < sizeof(ks) / sizeof(ks[0]); i++) {
        refill_pages = ks[i];
        bench_row("tlb", "refill", "pages", ks[i], &(struct op){ prep_refill, op_refill, 0, 0 }, 0);
    }
    refill_unmap(pages);
}
