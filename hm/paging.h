/*
 * paging.h - the kernel page tables after boot: paging_init().
 * Every PMD from VMALLOC_START to the top of the address space (vmalloc,
 * pkmap, fixmap) has its PTE page after boot, so no PDE changes at run
 * time; virt_to_kpte() finds the PTE of any address there. The fixmap's
 * PTE page is boot's (boot/fixmap.h, arch_fixmap_pte()).
 */
#ifndef HM_PAGING_H
#define HM_PAGING_H

#include "hm/pgtable.h"

/* PTE page of each kernel PMD (index (va >> PMD_SHIFT) & 511), or NULL
 * where the PMD is a direct-map 2 MiB page or empty. */
extern pteval_t *kpte_pages[PTRS_PER_PMD];

/* Index of the first PMD that has a PTE page (VMALLOC_START's). */
extern unsigned int kpte_first_pmd;

/* Run once, after mem_map exists and before memblock is handed to the
 * buddy: clears the direct-map PDEs at and above high_memory, installs
 * zeroed lowmem PTE pages from VMALLOC_START's PMD up to the pkmap's
 * (keeping any PMD that already has a PTE page: the fixmap's), then
 * flushes the TLB globally. */
void paging_init(void);

/* The PTE that maps kernel address va; va must lie in a PMD that has a
 * PTE page (VMALLOC_START and up), else panics. */
static inline pteval_t *virt_to_kpte(unsigned long va)
{
    pteval_t *pt = kpte_pages[(va >> PMD_SHIFT) & (PTRS_PER_PMD - 1)];

    BUG_ON(va < PAGE_OFFSET || !pt);
    return pt + ((va >> PAGE_SHIFT) & (PTRS_PER_PTE - 1));
}

#endif
