/*
 * st_mem.c - guest self-tests of physical memory: the buddy allocator in
 * every zone, highmem above 4 GiB, and data written to a highmem page
 * through one temporary mapping read back through another (the fixmap
 * test slots; kmap comes later and has its own tests).
 */
#include "bench/selftest.h"
#include "boot/fault.h"
#include "boot/fixmap.h"
#include "hm/gfp.h"

/* Each zone's GFP mask and the names of its two checks. */
static const struct {
    gfp_t gfp;
    const char *alloc, *free;
} zone_checks[MAX_NR_ZONES] = {
    [ZONE_DMA] = { GFP_DMA, "alloc_dma", "free_dma" },
    [ZONE_NORMAL] = { GFP_KERNEL, "alloc_normal", "free_normal" },
    [ZONE_HIGHMEM] = { GFP_HIGHUSER, "alloc_highmem", "free_highmem" },
};

SELFTEST(alloc_free_every_zone)
{
    for (int z = 0; z < MAX_NR_ZONES; z++) {
        struct zone *zone = &node_zones[z];
        unsigned long before = zone_free_pages(zone);
        struct page *p0, *p3;

        if (before < 16) {
            report_skip(zone_checks[z].alloc, "zone %s has %lu free pages", zone->name, before);
            report_skip(zone_checks[z].free, "zone %s has %lu free pages", zone->name, before);
            continue;
        }
        p0 = alloc_pages(zone_checks[z].gfp, 0);
        p3 = alloc_pages(zone_checks[z].gfp, 3);
        report(p0 && p3 && page_zone(p0) == zone && page_zone(p3) == zone &&
               page_to_pfn(p3) % 8 == 0 && zone_free_pages(zone) == before - 9,
               zone_checks[z].alloc,
               "p0 zone %s, p3 zone %s pfn 0x%lx, free %lu -> %lu",
               p0 ? page_zone(p0)->name : "-", p3 ? page_zone(p3)->name : "-",
               p3 ? page_to_pfn(p3) : 0, before, zone_free_pages(zone));
        if (p0)
            __free_pages(p0, 0);
        if (p3)
            __free_pages(p3, 3);
        report(zone_free_pages(zone) == before,
               zone_checks[z].free,
               "free pages %lu, want %lu", zone_free_pages(zone), before);
    }
    struct page *low = alloc_pages(GFP_KERNEL, 0);
    report(low && !PageHighMem(low) && page_address(low) == __va(page_to_phys(low)),
           "lowmem_page_address_is_direct_map", "page_address %p", low ? page_address(low) : 0);
    if (low)
        __free_pages(low, 0);
}

/* Highmem blocks of order 10 are taken until one lies above 4 GiB (the
 * RAM there is what PAE exists for), then all are given back. */
#define MAX_HELD 4096
static struct page *held[MAX_HELD];

/* find_above_4g: a free highmem page with pfn >= 0x100000, or NULL. The
 * caller frees held[0..*n) when done. */
static struct page *find_above_4g(int *n)
{
    struct page *p = 0;
    *n = 0;
    while (*n < MAX_HELD && (p = alloc_pages(GFP_HIGHUSER, 10)) != 0) {
        held[(*n)++] = p;
        if (PageHighMem(p) && page_to_pfn(p) >= 0x100000)
            return p;
    }
    return 0;
}

SELFTEST(highmem_above_4g)
{
    unsigned long before = node_zones[ZONE_HIGHMEM].free_pages;
    struct page *p;
    int n;

    if (max_pfn <= 0x100000) {
        report_skip("highmem_above_4g", "RAM ends at pfn 0x%lx, below 4 GiB", max_pfn);
        return;
    }
    p = find_above_4g(&n);
    report(p && page_to_pfn(p) >= 0x100000 && page_to_phys(p) >= 0x100000000ULL,
           "highmem_above_4g_exists", "found %s after %d blocks", p ? "one" : "none", n);
    if (p) {
        volatile uint32_t *a = (volatile uint32_t *)__fix_to_virt(FIX_TEST);
        volatile uint32_t *b = (volatile uint32_t *)__fix_to_virt(FIX_TEST_ALIAS);
        uint64_t phys = page_to_phys(p) + 5 * PAGE_SIZE;        /* inside the block */
        struct fault_record rec;
        uint32_t val = 0;
        bool faulted, ok = true;

        set_fixmap(FIX_TEST, phys, PAGE_KERNEL);
        for (int i = 0; i < 1024; i++)
            a[i] = 0xA5000000u ^ (uint32_t)(phys >> 12) ^ (uint32_t)i;
        clear_fixmap(FIX_TEST);
        set_fixmap(FIX_TEST_ALIAS, phys, PAGE_KERNEL);
        for (int i = 0; i < 1024; i++)
            ok &= b[i] == (0xA5000000u ^ (uint32_t)(phys >> 12) ^ (uint32_t)i);
        report(ok, "highmem_rw_two_mappings", "phys 0x%llx: data written via slot %d "
               "not read back via slot %d", phys, FIX_TEST, FIX_TEST_ALIAS);
        faulted = probe_read32(a, &val, &rec);
        report(faulted && rec.cr2 == (uint32_t)a, "highmem_old_mapping_gone",
               "faulted=%d cr2=0x%08x", faulted, rec.cr2);
        clear_fixmap(FIX_TEST_ALIAS);
    }
    while (n)
        __free_pages(held[--n], 10);
    report(node_zones[ZONE_HIGHMEM].free_pages == before, "highmem_counts_restored",
           "free %lu want %lu", node_zones[ZONE_HIGHMEM].free_pages, before);
}
