/*
 * test_highmem_local.c - kmap_atomic / kmap_local_page slots over the
 * simulated MMU and TLB: slot addresses per CPU, PAE half order, no flush
 * on map and one invlpg on unmap, nesting to KM_MAX_IDX, the stale read a
 * missing invlpg would leave, and the BUG lines.
 */
#include "tests/unit/hm_pages.h"

static struct page *pg[KM_MAX_IDX + 2];

/* The last two PTE half writes were (first, v1) then (second, v2). */
static bool last_two(volatile pte_half_t *first, uint32_t v1, volatile pte_half_t *second, uint32_t v2)
{
    const struct sim_pte_write *a = &sim_pte_log[(sim_pte_writes - 2) % SIM_PTE_LOG];
    const struct sim_pte_write *b = &sim_pte_log[(sim_pte_writes - 1) % SIM_PTE_LOG];

    return a->half == first && a->val == v1 && b->half == second && b->val == v2;
}

static unsigned long slot_va(int cpu, int i)
{
    return __fix_to_virt(FIX_KMAP_BEGIN + KM_MAX_IDX * cpu + i);
}

static void test_map_unmap(void)
{
    struct page *lo = alloc_page(GFP_KERNEL);
    unsigned long inv = sim_count.invlpg, va;
    pteval_t *pte = arch_fixmap_pte(FIX_KMAP_BEGIN);
    volatile pte_half_t *half = (volatile pte_half_t *)pte;
    uint64_t phys = page_to_phys(pg[0]);
    uint32_t v = 0;

    CHECK(kmap_atomic(lo) == lowmem_page_address(lo) && kmap_local_depth() == 0,
          "kmap_atomic of a lowmem page is its direct map and takes no slot");
    kunmap_atomic(lowmem_page_address(lo));
    va = (unsigned long)kmap_atomic(pg[0]);
    CHECK_EQ(va, slot_va(0, 0), "the first slot of CPU 0 is FIX_KMAP_BEGIN");
    CHECK(*pte == (phys | PAGE_KERNEL) && last_two(&half[1], (uint32_t)(phys >> 32), &half[0],
                                                   (uint32_t)(phys | PAGE_KERNEL)),
          "map writes the PTE high half first, then the low half");
    CHECK_EQ(sim_count.invlpg - inv, 0, "map flushes nothing");
    *phys_word(pg[0]) = 0x7E570001;
    CHECK(sim_read32(va, &v) && v == 0x7E570001 && sim_tlb_cached(va), "a read goes through the slot (and is cached)");
    kunmap_atomic((void *)(va + 123));
    CHECK(*pte == 0 && last_two(&half[0], 0, &half[1], 0), "unmap clears the low half first");
    CHECK_EQ(sim_count.invlpg - inv, 1, "unmap is one invlpg");
    CHECK(!sim_tlb_cached(va) && !sim_read32(va, &v), "after it the slot faults: the TLB entry is gone");
    __free_page(lo);
}

static void test_nesting_and_cpus(void)
{
    unsigned long va[KM_MAX_IDX];
    int bad = 0;

    for (int i = 0; i < KM_MAX_IDX; i++) {
        va[i] = (unsigned long)kmap_atomic(pg[i]);
        bad += va[i] != slot_va(0, i) || pte_pfn(*virt_to_kpte(va[i])) != page_to_pfn(pg[i]);
    }
    CHECK(bad == 0 && kmap_local_depth() == KM_MAX_IDX, "nesting to KM_MAX_IDX takes slots 0..15 in order");
    sim_cpu = 1;
    CHECK((unsigned long)kmap_atomic(pg[KM_MAX_IDX]) == slot_va(1, 0) && kmap_local_depth() == 1,
          "CPU 1 has its own stack, starting at its own first slot");
    kunmap_atomic((void *)slot_va(1, 0));
    sim_cpu = 0;
    CHECK(PANICS_WITH(kmap_atomic(pg[KM_MAX_IDX]), "BUG: kmap_atomic: nested deeper than KM_MAX_IDX"),
          "one more is a BUG (%s)", sim_panic_msg);
    CHECK(PANICS_WITH(kunmap_atomic((void *)va[3]), "out of order"),
          "unmapping an older slot first is a BUG (%s)", sim_panic_msg);
    for (int i = KM_MAX_IDX - 1; i >= 0; i--)
        kunmap_atomic((void *)va[i]);
    CHECK(kmap_local_depth() == 0 && pte_read(arch_fixmap_pte(FIX_KMAP_BEGIN)) == 0,
          "unmapped in reverse: all slots free and clear");
    CHECK(PANICS_WITH(kunmap_atomic((void *)slot_va(0, 0)), "no kmap_atomic slot in use"),
          "an unmap with none in use is a BUG (%s)", sim_panic_msg);
    CHECK(PANICS_WITH(kunmap_atomic((void *)(uintptr_t)PKMAP_BASE), "neither a kmap_atomic slot nor a lowmem"),
          "an unmap of a pkmap address is a BUG (%s)", sim_panic_msg);
}

/* The stack state is per CPU (hm's per-CPU bytes): another CPU's newest
 * slot is not this CPU's to give back, and the unmap finds the slot from
 * any address in its page, the last byte included. */
static void test_other_cpu_and_page_end(void)
{
    unsigned long va0 = (unsigned long)kmap_atomic(pg[0]);

    sim_cpu = 1;
    CHECK(PANICS_WITH(kunmap_atomic((void *)va0), "no kmap_atomic slot in use on CPU 1"),
          "CPU 1 cannot unmap CPU 0's slot (%s)", sim_panic_msg);
    kmap_atomic(pg[1]);
    CHECK(PANICS_WITH(kunmap_atomic((void *)va0), "out of order on CPU 1"),
          "not even while it holds one of its own (%s)", sim_panic_msg);
    kunmap_atomic((void *)(slot_va(1, 0) + PAGE_SIZE - 1));
    CHECK(kmap_local_depth() == 0 && pte_read(arch_fixmap_pte(FIX_KMAP_BEGIN + KM_MAX_IDX)) == 0,
          "CPU 1's unmap through the last byte of its slot frees it");
    sim_cpu = 0;
    CHECK(kmap_local_depth() == 1 && pte_pfn(pte_read(arch_fixmap_pte(FIX_KMAP_BEGIN))) == page_to_pfn(pg[0]),
          "CPU 0's slot is untouched by all that");
    kunmap_atomic((void *)(va0 + 0xE00));
    CHECK(kmap_local_depth() == 0 && pte_read(arch_fixmap_pte(FIX_KMAP_BEGIN)) == 0,
          "an address with bits 9..11 set gives back its page's slot");
}

/* Map page A, read it, unmap with invlpg ignored, map page B in the same
 * slot: the read still sees A. The unmap's invlpg is what prevents it. */
static void test_stale_without_invlpg(void)
{
    unsigned long va;
    uint32_t v = 0;

    *phys_word(pg[0]) = 0xAAAA0000;
    *phys_word(pg[1]) = 0xBBBB0000;
    va = (unsigned long)kmap_atomic(pg[0]);
    sim_read32(va, &v);
    sim_tlb_ignore_flushes = true;
    kunmap_atomic((void *)va);
    sim_tlb_ignore_flushes = false;
    kmap_atomic(pg[1]);
    sim_read32(va, &v);
    CHECK_EQ(v, 0xAAAA0000, "without the unmap's invlpg the slot still reads the old page");
    kunmap_atomic((void *)va);
    kmap_atomic(pg[1]);
    sim_read32(va, &v);
    CHECK_EQ(v, 0xBBBB0000, "with it, the new page");
    kunmap_atomic((void *)va);
}

int main(void)
{
    boot_1g();
    take_high(pg, KM_MAX_IDX + 2);
    sim_ncpus = 2;
    test_map_unmap();
    test_nesting_and_cpus();
    test_other_cpu_and_page_end();
    test_stale_without_invlpg();
    sim_fini();
    return check_done();
}
