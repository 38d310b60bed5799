/*
 * st_kmap.c - self-tests of the pkmap (kmap/kunmap) on the real MMU:
 * data through kmap and kmap_atomic agree for pages in every zone (above
 * 4 GiB too), checked against an independent alias (the FIX_TEST fixmap
 * slot); the same page kmapped twice shares its slot and its count; an
 * unmapped highmem page has no address; and the wrap: one global flush per
 * wrap, after which a cleared slot faults at the right address.
 * Without highmem the highmem checks SKIP.
 */
#include "bench/hipages.h"
#include "bench/selftest.h"
#include "boot/fault.h"
#include "boot/fixmap.h"
#include "hm/highmem.h"
#include "hm/memblock.h"

#define WORDS (PAGE_SIZE / 4)

/* word i of page p, read through the FIX_TEST alias (not kmap). */
static uint32_t alias_read(struct page *p, unsigned int i)
{
    volatile uint32_t *a = (volatile uint32_t *)__fix_to_virt(FIX_TEST);
    uint32_t v;

    set_fixmap(FIX_TEST, page_to_phys(p), PAGE_KERNEL);
    v = a[i];
    clear_fixmap(FIX_TEST);
    return v;
}

/* The round trip on one page: kmap writes, kmap_atomic and the alias read;
 * kmap_atomic writes, kmap and the alias read. Returns the first bad word
 * index, or -1. */
static int round_trip(struct page *p, uint32_t seed)
{
    volatile uint32_t *k = kmap(p);
    volatile uint32_t *a;
    unsigned int i;
    int bad = -1;

    for (i = 0; i < WORDS; i++)
        k[i] = seed ^ (i * 0x9E3779B1u);
    kunmap(p);
    a = kmap_atomic(p);
    for (i = 0; i < WORDS && bad < 0; i++)
        if (a[i] != (seed ^ (i * 0x9E3779B1u)))
            bad = (int)i;
    for (i = 0; i < WORDS; i++)
        a[i] = ~seed + i;
    kunmap_atomic((void *)a);
    k = kmap(p);
    for (i = 0; i < WORDS && bad < 0; i++)
        if (k[i] != ~seed + i)
            bad = (int)i;
    kunmap(p);
    if (bad < 0 && (alias_read(p, 7) != ~seed + 7 || alias_read(p, WORDS - 1) != ~seed + WORDS - 1))
        bad = 7;
    return bad;
}

/* A free highmem RAM page at or above pfn, or NULL. Free pages belong to
 * the buddy, which keeps nothing in them, so a test may write them. */
static struct page *free_hi_page_from(unsigned long pfn)
{
    for (; pfn < max_pfn; pfn++) {
        struct page *p = pfn_to_page(pfn);
        if (!PageReserved(p) && p->_refcount == 0)
            return p;
    }
    return NULL;
}

SELFTEST(kmap_zones)
{
    struct page *dma = alloc_page(GFP_DMA), *normal = alloc_page(GFP_KERNEL);
    int bad;

    bad = round_trip(dma, 0xD0A0D0A0);
    report(bad < 0 && kmap(dma) == page_address(dma), "kmap_dma_roundtrip", "word %d", bad);
    kunmap(dma);
    bad = round_trip(normal, 0x40A1A1A1);
    report(bad < 0, "kmap_normal_roundtrip", "word %d", bad);
    __free_page(dma);
    __free_page(normal);
    if (max_pfn <= max_low_pfn) {
        report_skip("kmap_highmem_roundtrip", "no highmem: RAM ends at %lu MiB", max_pfn >> 8);
        report_skip("kmap_above_4g_roundtrip", "no highmem: RAM ends at %lu MiB", max_pfn >> 8);
        return;
    }
    {
        struct page *first = free_hi_page_from(max_low_pfn);
        struct page *last = free_hi_page_from(max_pfn - 1);
        int b1 = first ? round_trip(first, 0x11111111) : -2;
        int b2 = last ? round_trip(last, 0x22222222) : -2;

        report(b1 == -1 && b2 == -1, "kmap_highmem_roundtrip",
               "first highmem page: %d, last RAM page: %d", b1, b2);
    }
    if (max_pfn <= (1ul << (32 - PAGE_SHIFT))) {
        report_skip("kmap_above_4g_roundtrip", "RAM ends below 4 GiB (%lu MiB; %llu MiB at or "
                    "above ignored: MAXPHYADDR)", max_pfn >> 8,
                    (unsigned long long)(memblock.ignored_bytes >> 20));
        return;
    }
    {
        struct page *p4 = free_hi_page_from(1ul << (32 - PAGE_SHIFT));
        struct page *top = free_hi_page_from(max_pfn - 1);
        int b1 = p4 ? round_trip(p4, 0x44444444) : -2;
        int b2 = top ? round_trip(top, 0x66666666) : -2;

        report(b1 == -1 && b2 == -1, "kmap_above_4g_roundtrip",
               "page at 4 GiB (pfn 0x%lx): %d, top page (pfn 0x%lx): %d",
               p4 ? page_to_pfn(p4) : 0, b1, top ? page_to_pfn(top) : 0, b2);
    }
}

SELFTEST(kmap_counts)
{
    struct page *p;
    void *a, *b;
    int nr;

    if (max_pfn <= max_low_pfn) {
        report_skip("kmap_twice_same_address", "no highmem at this RAM size");
        return;
    }
    p = alloc_page(__GFP_HIGHMEM);
    kmap_flush_unused();
    report(page_address(p) == NULL, "kmap_unmapped_page_address_null", "%p", page_address(p));
    a = kmap(p);
    nr = (int)PKMAP_NR((unsigned long)a);
    b = kmap(p);
    report(a == b && (unsigned long)a >= PKMAP_BASE && pkmap_count[nr] == 3 &&
           page_address(p) == a, "kmap_twice_same_address",
           "first %p second %p count %d", a, b, pkmap_count[nr]);
    kunmap(p);
    kunmap(p);
    report(pkmap_count[nr] == 1 && page_address(p) == a, "kunmap_keeps_mapping_until_wrap",
           "count %d address %p", pkmap_count[nr], page_address(p));
    kmap_flush_unused();
    report(pkmap_count[nr] == 0 && page_address(p) == NULL, "flush_unused_clears",
           "count %d address %p", pkmap_count[nr], page_address(p));
    __free_page(p);
}
