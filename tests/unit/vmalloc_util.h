/*
 * vmalloc_util.h - helpers shared by the host tests of hm/vmalloc: boot a
 * simulated machine with vmalloc ready, look at PTEs and counters.
 */
#ifndef TESTS_VMALLOC_UTIL_H
#define TESTS_VMALLOC_UTIL_H

#include <string.h>
#include "tests/unit/check.h"
#include "tests/unit/machines.h"
#include "hm/paging.h"
#include "hm/tlbflush.h"
#include "hm/vmalloc.h"
#include "hm/vmap_area.h"     /* vmap_area_lock */

#define VA(p) ((unsigned long)(p))
#define SPAN (VMALLOC_END - VMALLOC_START)

/* Boot machine m on the simulator and start vmalloc afresh (lazy). */
static inline void vm_boot(const struct sim_mmap_entry *map, int n)
{
    sim_boot(map, n, 36);
    vmalloc_init();
    memset(tlb_counts, 0, sizeof(tlb_counts));
}
#define VM_BOOT(m) vm_boot(m, (int)ARRAY_SIZE(m))

static inline struct vmalloc_stats vm_stats(void)
{
    struct vmalloc_stats st;
    vmalloc_get_stats(&st);
    return st;
}

/* The PTE of a vmalloc address as it is now. */
static inline pteval_t vm_pte(unsigned long va)
{
    return pte_read(virt_to_kpte(va));
}

/* Every page of [va, va + n pages) maps the frame vmalloc_to_page names,
 * as the simulated MMU walks it; the page after is unmapped (the guard). */
static inline int vm_mapped_with_guard(unsigned long va, unsigned long n)
{
    for (unsigned long i = 0; i < n; i++) {
        struct page *p = vmalloc_to_page((void *)(va + i * PAGE_SIZE));
        if (!p || sim_translate(va + i * PAGE_SIZE) != page_to_phys(p))
            return 0;
    }
    return sim_translate(va + n * PAGE_SIZE) == SIM_NO_PAGE;
}

/* None of [va, va + n pages) translates any more. */
static inline int vm_unmapped(unsigned long va, unsigned long n)
{
    for (unsigned long i = 0; i < n; i++)
        if (sim_translate(va + i * PAGE_SIZE) != SIM_NO_PAGE)
            return 0;
    return 1;
}

/* The whole space is one free range again, and no descriptor is lost. */
static inline int vm_all_free(unsigned long pool_free0)
{
    struct vmalloc_stats st = vm_stats();
    return st.busy_areas == 0 && st.lazy_areas == 0 && st.free_areas == 1 &&
           st.free_bytes == SPAN && st.pool_free == pool_free0;
}

/* Run code and check that it panics with "BUG: ..." containing want,
 * leaving vmap_area_lock free. */
#define EXPECT_BUG(code, want, ...) do { \
        if (sim_expect_panic() == 0) { code; CHECK(0, __VA_ARGS__); } \
        else CHECK(strstr(sim_panic_msg, want) && !strncmp(sim_panic_msg, "BUG: ", 5) && \
                   !spin_is_locked(&vmap_area_lock), __VA_ARGS__); \
        sim_disarm_panic(); \
    } while (0)

#endif
