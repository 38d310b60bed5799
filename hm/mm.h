/*
 * mm.h - mem_map and the page <-> pfn <-> address conversions, and the
 * memory bring-up order.
 *
 * Bring-up (the guest's main, or a host test through tests/sim):
 *   memblock_init(); memblock_add_mb2(...) per map entry;
 *   memblock_reserve(image), (boot info), (boot page tables);
 *   mm_init(maxphyaddr_bits);     -> zones, mem_map, paging_init, buddy
 *   mem_print_meta();             -> @meta lines
 *
 * Virtual addresses of the kernel's own layout (high_memory, VMALLOC_START,
 * pkmap, fixmap) are kept as guest addresses in unsigned long, also on the
 * host; only __va()/page_address() return pointers that can be used there.
 */
#ifndef HM_MM_H
#define HM_MM_H

#include "hm/mmzone.h"

extern struct page *mem_map;        /* pfn 0 .. max_pfn - 1 */
extern unsigned long max_pfn;       /* one past the last RAM page */
extern unsigned long high_memory;   /* guest VA: PAGE_OFFSET + (max_low_pfn << PAGE_SHIFT) */
extern phys_addr_t mem_map_phys;    /* where mem_map sits */
extern phys_addr_t mem_map_bytes;

#define VMALLOC_START (high_memory + VMALLOC_OFFSET)

static inline struct page *pfn_to_page(unsigned long pfn) { return mem_map + pfn; }
static inline unsigned long page_to_pfn(const struct page *page)
{
    return (unsigned long)(page - mem_map);
}
static inline phys_addr_t page_to_phys(const struct page *page)
{
    return (phys_addr_t)page_to_pfn(page) << PAGE_SHIFT;
}
static inline struct page *phys_to_page(phys_addr_t phys)
{
    return pfn_to_page((unsigned long)(phys >> PAGE_SHIFT));
}
static inline struct zone *page_zone(const struct page *page)
{
    return &node_zones[pfn_zone_idx(page_to_pfn(page))];
}
static inline bool PageHighMem(const struct page *page)
{
    return page_to_pfn(page) >= max_low_pfn;
}

/* Direct-map address of a lowmem page. */
static inline void *lowmem_page_address(const struct page *page)
{
    return __va(page_to_phys(page));
}

/* The page behind a direct-map (lowmem) address. */
#define virt_to_page(addr) phys_to_page(__pa(addr))

/* Kernel address of a page: the direct map for lowmem, the current kmap
 * for highmem (NULL when not mapped). */
void *page_address(const struct page *page);

/* page_address() of a highmem page: NULL until the kmap code replaces this
 * with its page_address_htable lookup (hm/page_address.c). */
void *highmem_page_address(const struct page *page);

/* Build zones and mem_map from memblock, run paging_init(), then hand
 * every free page to the buddy. phys_bits: CPUID MAXPHYADDR. */
void mm_init(unsigned int phys_bits);

/* Print the memory @meta lines (ram_bytes ... phys_ignored_bytes). */
void mem_print_meta(void);

#endif
