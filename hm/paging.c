/*
 * paging.c - from the boot page tables to the kernel's final ones.
 *
 * The boot code maps 0..MAXMEM at PAGE_OFFSET with 2 MiB global PDEs in
 * the PDPT[3] page directory. Here the part past high_memory goes away,
 * and the PMDs of vmalloc and pkmap get PTE pages that stay for the life
 * of the run. The fixmap's PMD already has boot's PTE page (entry.S): a
 * PMD that already points to a PTE page is kept as it is.
 */
#include "hm/paging.h"
#include "hm/memblock.h"
#include "hm/mm.h"

pteval_t *kpte_pages[PTRS_PER_PMD];
unsigned int kpte_first_pmd;

/* pmd_is_table: the PDE points to a PTE page (present, not a 2 MiB page). */
static bool pmd_is_table(pteval_t pde)
{
    return (pde & _PAGE_PRESENT) && !(pde & _PAGE_PSE);
}

static unsigned int pmd_index(unsigned long va)
{
    return (unsigned int)((va >> PMD_SHIFT) & (PTRS_PER_PMD - 1));
}

void paging_init(void)
{
    pteval_t *pmd = arch_kernel_pmd();
    unsigned long lowmem = high_memory - PAGE_OFFSET;
    unsigned int first_clear = (unsigned int)((lowmem + PMD_SIZE - 1) >> PMD_SHIFT);
    unsigned int i;

    BUG_ON(VMALLOC_START >= VMALLOC_END);
    kpte_first_pmd = pmd_index(VMALLOC_START);
    for (i = 0; i < PTRS_PER_PMD; i++)
        kpte_pages[i] = NULL;
    for (i = first_clear; i < PTRS_PER_PMD; i++)
        if (!pmd_is_table(pmd[i]))
            pmd_clear(&pmd[i]);
    for (i = kpte_first_pmd; i < PTRS_PER_PMD; i++) {
        pteval_t *pt;

        if (pmd_is_table(pmd[i])) {
            kpte_pages[i] = __va(pte_phys(pmd[i]));
            continue;
        }
        pt = memblock_alloc_low(PAGE_SIZE, PAGE_SIZE, lowmem);
        set_pmd(&pmd[i], __pa(pt) | _KERNPG_TABLE);
        kpte_pages[i] = pt;
    }
    arch_flush_tlb_global();
    arch_printf("paging: direct map ends at 0x%08lx, %u PTE pages for 0x%08lx-0xffffffff\n",
                high_memory, PTRS_PER_PMD - kpte_first_pmd,
                PAGE_OFFSET + ((unsigned long)kpte_first_pmd << PMD_SHIFT));
}
