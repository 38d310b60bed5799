/*
 * test_paging.c - paging_init() and the fixmap over the simulated MMU:
 * PTE pages for every PMD from VMALLOC_START to the top, the direct map
 * cut at high_memory, the PAE half-write order, invlpg counts, and the
 * PTE helpers.
 */
#include <string.h>
#include "tests/unit/check.h"
#include "tests/unit/machines.h"
#include "hm/mm.h"
#include "hm/paging.h"

static void test_tables(const struct machine *m)
{
    const char *nm = m->name;
    pteval_t *pmd;
    unsigned long lowmem, bad = 0;
    unsigned int i, first_clear;

    sim_boot(m->map, m->n, 36);
    pmd = arch_kernel_pmd();
    lowmem = high_memory - PAGE_OFFSET;
    first_clear = (unsigned int)((lowmem + PMD_SIZE - 1) / PMD_SIZE);
    CHECK_EQ(VMALLOC_START, high_memory + 8 * MiB, "%s: VMALLOC_START = high_memory + 8 MiB", nm);
    CHECK_EQ(kpte_first_pmd, (VMALLOC_START - PAGE_OFFSET) / PMD_SIZE, "%s: first PTE page at VMALLOC_START's PMD", nm);
    for (i = 0; i < first_clear; i++)
        bad += pmd[i] != (((pteval_t)i << PMD_SHIFT) | _PAGE_PRESENT | _PAGE_RW | _PAGE_PSE | _PAGE_GLOBAL);
    CHECK_EQ(bad, 0, "%s: direct map below high_memory untouched (%u PDEs)", nm, first_clear);
    for (bad = 0, i = first_clear; i < kpte_first_pmd; i++)
        bad += pmd[i] != 0 || kpte_pages[i] != NULL;
    CHECK_EQ(bad, 0, "%s: PDEs from high_memory to VMALLOC_START cleared", nm);
    for (bad = 0, i = kpte_first_pmd; i < PTRS_PER_PMD; i++) {
        phys_addr_t pt = pte_phys(pmd[i]);
        unsigned int k;

        bad += (pmd[i] & PTE_FLAGS_MASK) != _KERNPG_TABLE || pt >= lowmem ||
               kpte_pages[i] != __va(pt) || !PageReserved(phys_to_page(pt));
        for (k = 0; k < PTRS_PER_PTE; k++)
            bad += kpte_pages[i][k] != 0;
    }
    CHECK_EQ(bad, 0, "%s: %u zeroed lowmem PTE pages installed up to the fixmap", nm,
             PTRS_PER_PMD - kpte_first_pmd);
    CHECK_EQ(sim_count.flush_global, 1, "%s: one global flush", nm);
    CHECK(sim_translate(PAGE_OFFSET + 0x123456) == 0x123456 &&
          sim_translate(high_memory - 1) == lowmem - 1 &&
          sim_translate(PAGE_OFFSET + ((unsigned long)first_clear << PMD_SHIFT)) == SIM_NO_PAGE &&
          sim_translate(VMALLOC_START) == SIM_NO_PAGE && sim_translate(PKMAP_BASE) == SIM_NO_PAGE,
          "%s: lowmem translates, nothing above it yet", nm);
}

/* The last two half writes: addresses and values, in order. */
static int last_writes(volatile pte_half_t *first, uint32_t v1, volatile pte_half_t *second, uint32_t v2)
{
    const struct sim_pte_write *a = &sim_pte_log[(sim_pte_writes - 2) % SIM_PTE_LOG];
    const struct sim_pte_write *b = &sim_pte_log[(sim_pte_writes - 1) % SIM_PTE_LOG];

    return a->half == first && a->val == v1 && b->half == second && b->val == v2;
}

/* The fixmap is boot's PTE page (entry.S; the sim installs it likewise):
 * paging_init keeps it, virt_to_kpte agrees with arch_fixmap_pte, and
 * PTE writes through it go in the safe PAE order. */
static void test_fixmap(void)
{
    unsigned long va = __fix_to_virt(FIX_TEST);
    pteval_t *pte = arch_fixmap_pte(FIX_TEST);
    volatile pte_half_t *half = (volatile pte_half_t *)pte;
    phys_addr_t phys = 0x923456000ULL;          /* above 4 GiB: a non-zero high half */
    unsigned long w = sim_pte_writes;

    CHECK_EQ(pte_phys(arch_kernel_pmd()[PTRS_PER_PMD - 1]), SIM_FIXMAP_PT_PHYS,
             "paging_init keeps boot's fixmap PTE page");
    CHECK(pte == virt_to_kpte(va), "virt_to_kpte finds the fixmap PTE");
    CHECK(virt_to_kpte(PKMAP_BASE) == kpte_pages[(PKMAP_BASE >> PMD_SHIFT) & 511],
          "virt_to_kpte finds the pkmap PTE page");
    set_pte(pte, pfn_pte((unsigned long)(phys >> PAGE_SHIFT), PAGE_KERNEL));
    CHECK_EQ(*pte, phys | PAGE_KERNEL, "set_pte writes the PTE");
    CHECK(sim_pte_writes == w + 2 && last_writes(&half[1], 0x9, &half[0], (uint32_t)(phys | PAGE_KERNEL)),
          "set_pte writes the high half first, then the low half");
    CHECK_EQ(sim_translate(va + 0x10), phys + 0x10, "the slot translates to phys");
    CHECK_EQ(pfn_pte(1, PAGE_KERNEL_NOCACHE), 0x1000 | PAGE_KERNEL_NOCACHE,
             "PAGE_KERNEL_NOCACHE sets PCD and PWT");
    pte_clear(pte);
    CHECK(*pte == 0 && last_writes(&half[0], 0, &half[1], 0),
          "pte_clear clears the low half first, then the high half");
    CHECK_EQ(sim_translate(va), SIM_NO_PAGE, "a cleared slot does not translate");
    if (sim_expect_panic() == 0) {
        arch_fixmap_pte(__end_of_fixed_addresses);
        CHECK(0, "a fixmap index past the end is a BUG");
    } else {
        CHECK(strstr(sim_panic_msg, "fixmap index") != NULL, "a fixmap index past the end is a BUG");
    }
    sim_disarm_panic();
    if (sim_expect_panic() == 0) {
        virt_to_kpte(PAGE_OFFSET);
        CHECK(0, "virt_to_kpte of a direct-map address is a BUG");
    } else {
        CHECK(strstr(sim_panic_msg, "BUG") != NULL, "virt_to_kpte of a direct-map address is a BUG");
    }
    sim_disarm_panic();
}

static void test_pte_helpers(void)
{
    pteval_t pte = pfn_pte(0xFFFFFF, PAGE_KERNEL | _PAGE_NX);

    CHECK(pte_pfn(pte) == 0xFFFFFF && pte_present(pte) && (pte & _PAGE_NX) && (pte & _PAGE_GLOBAL),
          "pfn_pte/pte_pfn round trip at the 64 GiB top, flags kept");
    CHECK_EQ(pfn_pte(5, PAGE_KERNEL | 0xFFFF000ULL), 0x5000 | PAGE_KERNEL, "pfn_pte ignores address bits in prot");
    CHECK(!pte_present(pfn_pte(7, _PAGE_RW)), "pte_present reads the P bit");
    CHECK_EQ(PAGE_KERNEL & (_PAGE_PRESENT | _PAGE_RW | _PAGE_GLOBAL | _PAGE_USER),
             _PAGE_PRESENT | _PAGE_RW | _PAGE_GLOBAL, "PAGE_KERNEL is global, present, rw, supervisor");
}

/* pte_read while "another CPU" replaces the entry: between pte_read's
 * low and high loads, the hook does pte_clear + set_pte of an entry whose
 * low half differs (another pfn above 4 GiB). A plain two-load read would
 * return the old low half with the new high half; pte_read must return
 * the new entry whole. A second hook returns the old low half
 * unchanged, so one pass suffices. */
static pteval_t torn_new;
static int torn_calls;

static void torn_writer(const volatile pte_half_t *half)
{
    if (torn_calls++ == 0) {
        pte_clear((pteval_t *)half);
        set_pte((pteval_t *)half, torn_new);
    }
}

static void test_pte_read_torn(void)
{
    pteval_t *pte = arch_fixmap_pte(FIX_TEST);
    pteval_t old = pfn_pte(0x123456, PAGE_KERNEL), got;

    torn_new = pfn_pte(0x987654, PAGE_KERNEL);
    set_pte(pte, old);
    torn_calls = 0;
    sim_pte_read_hook = torn_writer;
    got = pte_read(pte);
    sim_pte_read_hook = NULL;
    CHECK(got == torn_new && torn_calls == 2,
          "pte_read re-reads when the entry changes between its halves (got 0x%llx, %d passes)",
          (unsigned long long)got, torn_calls);
    torn_calls = 1;                     /* the hook now leaves the entry alone */
    sim_pte_read_hook = torn_writer;
    got = pte_read(pte);
    sim_pte_read_hook = NULL;
    CHECK(got == torn_new && torn_calls == 2, "pte_read of a stable entry takes one pass");
    pte_clear(pte);
}

int main(void)
{
    test_pte_helpers();
    test_tables(&machines[0]);      /* 128M: vmalloc starts low, 445 PTE pages */
    test_fixmap();
    test_pte_read_torn();
    test_tables(&machines[1]);      /* 1G: full 896 MiB direct map */
    test_fixmap();
    test_tables(&machines[NR_MACHINES - 1]);
    sim_fini();
    return check_done();
}
