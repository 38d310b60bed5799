/*
 * paging.c - from the boot page tables to the kernel's final ones.
 *
 * The boot code maps 0..MAXMEM at PAGE_OFFSET with 2 MiB global PDEs in
 * the PDPT[3] page directory. Here the part past high_memory goes away,
 * and the PMDs of vmalloc, pkmap and fixmap get PTE pages that stay for
 * the life of the run.
 */
#include "paging.h"
#include "memblock.h"
#include "mm.h"

pteval_t *kpte_pages[PTRS_PER_PMD];
unsigned int kpte_first_pmd;

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
        pmd_clear(&pmd[i]);
    for (i = kpte_first_pmd; i < PTRS_PER_PMD; i++) {
        pteval_t *pt = memblock_alloc_low(PAGE_SIZE, PAGE_SIZE, lowmem);

        set_pmd(&pmd[i], __pa(pt) | _KERNPG_TABLE);
        kpte_pages[i] = pt;
    }
    arch_flush_tlb_global();
    arch_printf("paging: direct map ends at 0x%08lx, %u PTE pages for 0x%08lx-0xffffffff\n",
                high_memory, PTRS_PER_PMD - kpte_first_pmd,
                PAGE_OFFSET + ((unsigned long)kpte_first_pmd << PMD_SHIFT));
}

/* The PTE of fixmap slot idx; panics on a slot outside the fixmap. */
static pteval_t *fixmap_pte(unsigned int idx)
{
    if (idx == FIX_HOLE || idx >= __end_of_fixed_addresses)
        arch_panic("BUG: fixmap index %u outside 1..%u", idx, __end_of_fixed_addresses - 1);
    return virt_to_kpte(__fix_to_virt(idx));
}

void set_fixmap(unsigned int idx, phys_addr_t phys, pteval_t flags)
{
    pteval_t *pte = fixmap_pte(idx);
    bool was_present = pte_present(pte_read(pte));

    set_pte(pte, pfn_pte((unsigned long)(phys >> PAGE_SHIFT), flags));
    if (was_present)
        arch_invlpg(__fix_to_virt(idx));
}

void clear_fixmap(unsigned int idx)
{
    pte_clear(fixmap_pte(idx));
    arch_invlpg(__fix_to_virt(idx));
}
