/*
 * b_tlb.c - bench=tlb: what the TLB primitives cost on their own, the
 * yardstick for every mapping mechanism. Variants (see README); every row
 * times pages mapped with 4 KiB PTEs (the target: tlb_target.h).
 *   invlpg        invlpg of a hot, mapped kernel page
 *   invlpg_touch  invlpg, then the first access (miss and page walk)
 *   cr3_reload    a CR3 write
 *   cr3_touch     after an (untimed) CR3 write, touch a page: page=nonglobal
 *                 (a non-global PTE: must miss), page=global (a global PTE:
 *                 the entry survives the CR3 write and hits)
 *   pge_toggle    the global flush: CR4.PGE off and on
 *   invpcid_all   INVPCID type 2, where the CPU has it
 *   floor         set a PTE, touch the page, clear the PTE, invlpg, all on
 *                 one fixmap slot (FIX_TEST): the least work any temporary
 *                 mapping can do; kmap_atomic map_touch_unmap is measured
 *                 against it
 *   refill K      after a global flush (untimed), touch K pages mapped with
 *                 4 KiB global PTEs: the cost of refilling the TLB, K = 1,
 *                 8, 64, 512. The pages are mapped for the run in the last
 *                 full PMD of the vmalloc area (below the pkmap's) and
 *                 unmapped after; nothing else runs meanwhile.
 */
#include "bench/bench.h"
#include "bench/tlb_target.h"
#include "boot/console.h"
#include "boot/cpu.h"
#include "boot/fixmap.h"
#include "boot/x86.h"
#include "hm/gfp.h"
#include "hm/paging.h"
#include "hm/tlbflush.h"

#define REFILL_MAX 512
#define REFILL_BASE (PKMAP_BASE - 2 * PMD_SIZE)

static uint32_t saved_cr3, saved_cr4;
static pteval_t *floor_pte, floor_val;

static volatile uint32_t *global_va(void) { return (volatile uint32_t *)TLB_TARGET_GLOBAL_VA; }
static volatile uint32_t *nonglobal_va(void) { return (volatile uint32_t *)TLB_TARGET_NONGLOBAL_VA; }

static void touch_global(void *c) { (void)c; (void)*global_va(); }
static void touch_nonglobal(void *c) { (void)c; (void)*nonglobal_va(); }
static void op_invlpg(void *c) { (void)c; invlpg((unsigned long)global_va()); }
static void op_invlpg_touch(void *c) { (void)c; invlpg((unsigned long)global_va()); (void)*global_va(); }
static void op_cr3(void *c) { (void)c; write_cr3(saved_cr3); }
static void op_pge(void *c) { (void)c; write_cr4(saved_cr4 & ~X86_CR4_PGE); write_cr4(saved_cr4); }
static void op_invpcid(void *c) { (void)c; invpcid_flush_all(); }

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

static void op_refill(void *c)          /* ctx: the number of pages */
{
    unsigned int n = (unsigned int)(uintptr_t)c;

    for (unsigned int i = 0; i < n; i++)
        (void)*(volatile uint32_t *)(REFILL_BASE + i * PAGE_SIZE);
}

static bool has_invpcid(const struct variant *v, const char **why)
{
    (void)v;
    *why = "CPU has no INVPCID";
    return boot_cpu.invpcid;
}

static const struct variant plain[] = {
    { .variant = "invlpg", .prep = touch_global, .op = op_invlpg },
    { .variant = "invlpg_touch", .prep = touch_global, .op = op_invlpg_touch },
    { .variant = "cr3_reload", .op = op_cr3 },
    { .variant = "cr3_touch", .param_name = "page", .param_str = "nonglobal",
      .prep = op_cr3, .op = touch_nonglobal },
    { .variant = "cr3_touch", .param_name = "page", .param_str = "global",
      .prep = op_cr3, .op = touch_global },
    { .variant = "pge_toggle", .op = op_pge },
    { .variant = "invpcid_all", .op = op_invpcid, .valid = has_invpcid },
};

#define REFILL(k) { .variant = "refill", .param_name = "pages", .param = k, \
                    .prep = prep_refill, .op = op_refill, .ctx = (void *)(k) }
static const struct variant refill[] = { REFILL(1), REFILL(8), REFILL(64), REFILL(REFILL_MAX) };

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

BENCH(tlb)
{
    static struct page *pages[REFILL_MAX];
    struct page *fp;
    const char *why = "";

    saved_cr3 = read_cr3();
    saved_cr4 = read_cr4();
    tlb_target_map();
    BENCH_VARIANTS(plain);
    fp = alloc_page(GFP_HIGHUSER);
    if (!fp)
        panic("bench tlb: no free page for the floor row");
    floor_pte = fixmap_pte(FIX_TEST);
    floor_val = pfn_pte(page_to_pfn(fp), PAGE_KERNEL);
    bench_variant(&(struct variant){ .variant = "floor", .op = op_floor });
    __free_page(fp);
    if (refill_map(pages, &why)) {
        BENCH_VARIANTS(refill);
        refill_unmap(pages);
    } else {
        table_skip("refill", why);
    }
    tlb_target_unmap();
}
