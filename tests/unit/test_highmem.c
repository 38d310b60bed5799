/*
 * test_highmem.c - the pkmap (kmap/kunmap) over the simulated MMU and
 * TLB: PTEs and counts, the htable, the wrap with one flush on every CPU,
 * the stale translation a missing flush would leave, exhaustion on one CPU
 * (panic) and on two (wait for a kunmap), and the BUG lines.
 */
#include <stdlib.h>
#include "tests/unit/hm_pages.h"

#define NP 1100
static struct page *pg[NP];

static void test_map_and_counts(void)
{
    struct page *lo = alloc_page(GFP_KERNEL);
    unsigned long va;
    pteval_t pte;
    uint32_t v = 0;
    int nr;

    CHECK(kmap(lo) == page_address(lo) && kmap(lo) == lowmem_page_address(lo),
          "kmap of a lowmem page is its direct map");
    kunmap(lo);
    kunmap(lo);
    CHECK(page_address(pg[0]) == NULL, "page_address of an unmapped highmem page is NULL");
    va = (unsigned long)kmap(pg[0]);
    nr = (int)PKMAP_NR(va);
    pte = *virt_to_kpte(va);
    CHECK(va >= PKMAP_BASE && va < PKMAP_ADDR(LAST_PKMAP) && va % PAGE_SIZE == 0,
          "kmap returns a pkmap address (0x%lx)", va);
    CHECK(pte_pfn(pte) == page_to_pfn(pg[0]) && (pte & PTE_FLAGS_MASK) == PAGE_KERNEL,
          "its PTE maps the page with PAGE_KERNEL");
    CHECK_EQ(pkmap_count[nr], 2, "count 2 with one user");
    CHECK(page_address(pg[0]) == (void *)va, "page_address finds it in the htable");
    *phys_word(pg[0]) = 0x5A5A0001;
    CHECK(sim_read32(va, &v) && v == 0x5A5A0001, "reading through it reaches the page");
    CHECK((unsigned long)kmap(pg[0]) == va && pkmap_count[nr] == 3,
          "the same page kmapped again: same address, count 3");
    kunmap(pg[0]);
    kunmap(pg[0]);
    CHECK(pkmap_count[nr] == 1 && page_address(pg[0]) == (void *)va && pte_present(*virt_to_kpte(va)),
          "after the last kunmap: count 1, still mapped until the wrap");
    CHECK((unsigned long)kmap(pg[0]) == va, "a count-1 page is found again, not remapped");
    kunmap(pg[0]);
    __free_page(lo);
}

/* 511 pages mapped at once: every one found at its own address. */
static void test_htable(void)
{
    unsigned long seen = 0, bad = 0;

    kmap_flush_unused();
    for (int i = 0; i < LAST_PKMAP - 1; i++)
        kmap(pg[i]);
    for (int i = 0; i < LAST_PKMAP - 1; i++) {
        unsigned long va = (unsigned long)page_address(pg[i]);
        bad += !va || pte_pfn(*virt_to_kpte(va)) != page_to_pfn(pg[i]);
        for (int j = 0; j < i && j < 40; j++)
            seen += page_address(pg[j]) == (void *)va;
    }
    CHECK_EQ(bad, 0, "511 pages kmapped at once: each found in the htable at its own slot");
    CHECK_EQ(seen, 0, "no two pages share a slot");
    for (int i = 0; i < LAST_PKMAP - 1; i++)
        kunmap(pg[i]);
}

/* 2 * LAST_PKMAP distinct pages, 2 simulated CPUs: two wraps, each one
 * range flush = one global flush on each CPU; the slot mapped last before a
 * wrap loses its PTE, its htable entry and (on both CPUs) its TLB entry. */
static void test_wrap(void)
{
    struct tlb_counts b, a;
    unsigned long g0 = sim_count.flush_global, prev = 0, stale_va = 0;
    int wraps = 0, cleared = 0, tlb_gone = 0;
    uint32_t v;

    sim_ncpus = 2;
    kmap_flush_unused();
    g0 = sim_count.flush_global;
    b = tlb_counts_total();
    for (int i = 0; i < 2 * LAST_PKMAP; i++) {
        unsigned int nr = last_pkmap_nr;
        unsigned long va = (unsigned long)kmap(pg[i]);

        *phys_word(pg[i]) = 0xCAFE0000u + (uint32_t)i;
        sim_cpu = 1;                                /* both CPUs cache it */
        sim_read32(va, &v);
        sim_cpu = 0;
        sim_read32(va, &v);
        kunmap(pg[i]);
        if (last_pkmap_nr < nr) {                  /* the scan wrapped */
            wraps++;
            if (!stale_va) {
                stale_va = prev;
                cleared = page_address(pg[i - 1]) == NULL && !pte_present(*virt_to_kpte(prev));
                tlb_gone = !sim_tlb_cached(prev) && !sim_read32(prev, &v);
                sim_cpu = 1;
                tlb_gone &= !sim_tlb_cached(prev) && !sim_read32(prev, &v);
                sim_cpu = 0;
            }
        }
        prev = va;
    }
    a = tlb_counts_total();
    CHECK_EQ(wraps, 2, "1024 distinct pages wrap the scan twice");
    CHECK_EQ(a.range_calls - b.range_calls, 2, "one pkmap range flush per wrap");
    CHECK_EQ(sim_count.flush_global - g0, 4, "each is a global flush on both simulated CPUs");
    CHECK_EQ(a.one - b.one, 0, "and no per-page invlpg (512 pages > the 33-page ceiling)");
    CHECK(cleared, "the wrap cleared the last slot's PTE and htable entry (0x%lx)", stale_va);
    CHECK(tlb_gone, "and its translation is gone from both CPUs' TLBs: a read faults");
    sim_ncpus = 1;
}

/* The same wrap with flushes ignored: the old translation survives and a
 * read through it sees the old page, not the new one - the stale data the
 * wrap flush exists to prevent. */
static void test_stale_without_flush(void)
{
    unsigned long va0, va;
    uint32_t v = 0;
    int i;

    kmap_flush_unused();
    while (last_pkmap_nr != LAST_PKMAP - 1) {   /* park the scan before the wrap */
        kmap(pg[NP - 1]);
        kunmap(pg[NP - 1]);
        kmap_flush_unused();
    }
    va0 = (unsigned long)kmap(pg[0]);           /* wraps: slot 0 */
    *phys_word(pg[0]) = 0x01D01D01;
    sim_read32(va0, &v);                        /* cached */
    kunmap(pg[0]);
    sim_tlb_ignore_flushes = true;
    for (i = 1; i < LAST_PKMAP; i++) {          /* fill slots 1..511 */
        kmap(pg[i]);
        kunmap(pg[i]);
    }
    va = (unsigned long)kmap(pg[LAST_PKMAP]);   /* wraps: slot 0 again, new page */
    *phys_word(pg[LAST_PKMAP]) = 0x0E10E10E;
    sim_read32(va, &v);
    CHECK(va == va0 && v == 0x01D01D01, "with the flush skipped, slot 0 still reads the old page "
          "(0x%08x): the simulated TLB catches a missing flush", v);
    sim_tlb_ignore_flushes = false;
    __flush_tlb_all();
    sim_read32(va, &v);
    CHECK_EQ(v, 0x0E10E10E, "after a real flush it reads the new page");
    kunmap(pg[LAST_PKMAP]);
}

int main(void)
{
    boot_1g();
    take_high(pg, NP);
    test_map_and_counts();
    test_htable();
    test_wrap();
    test_stale_without_flush();
    sim_fini();
    return check_done();
}
