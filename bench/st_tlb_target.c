/*
 * st_tlb_target.c - the tlb rows time what they claim (tlb_target.h):
 * tlb_target_4k maps the target and checks both of its addresses
 * go through a PDE without PSE to a present 4 KiB PTE, global at one and
 * non-global at the other, of one page outside the first 2 MiB (the
 * large page that overlaps the fixed-range MTRRs), and that the page
 * reads back through both.
 */
#include "bench/tlb_target.h"
#include "bench/selftest.h"
#include "boot/fixmap.h"
#include "boot/x86.h"

extern uint64_t boot_pd_kernel[];

SELFTEST(tlb_target_4k)
{
    pteval_t pde = boot_pd_kernel[(TLB_TARGET_GLOBAL_VA - PAGE_OFFSET) >> PMD_SHIFT];
    pteval_t g, ng;
    volatile uint32_t *gva = (volatile uint32_t *)TLB_TARGET_GLOBAL_VA;
    volatile uint32_t *ngva = (volatile uint32_t *)TLB_TARGET_NONGLOBAL_VA;
    int same;

    tlb_target_map();
    g = pte_read(fixmap_pte(TLB_TARGET_GLOBAL));
    ng = pte_read(fixmap_pte(TLB_TARGET_NONGLOBAL));
    *gva = 0x5a5a1234;
    same = *ngva == 0x5a5a1234;
    tlb_target_unmap();
    report(pte_present(pde) && !(pde & _PAGE_PSE) && pte_present(g) && (g & _PAGE_GLOBAL) &&
           pte_present(ng) && !(ng & _PAGE_GLOBAL) && pte_phys(g) == pte_phys(ng) &&
           pte_phys(g) >= PMD_SIZE && same, "tlb_target_4k",
           "pde=0x%llx global pte=0x%llx non-global pte=0x%llx, reads back: %d",
           (unsigned long long)pde, (unsigned long long)g, (unsigned long long)ng, same);
}
