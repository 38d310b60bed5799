/*
 * st_kmap_atomic.c - kmap_atomic on the real MMU: nesting to KM_MAX_IDX
 * gives distinct slots of this CPU that each reach their own page; after
 * kunmap_atomic a slot faults at its own address (the invlpg happened);
 * a lowmem page comes back as its direct map with no slot taken.
 */
#include "bench/hipages.h"
#include "bench/selftest.h"
#include "boot/fault.h"
#include "hm/highmem.h"

SELFTEST(kmap_atomic_nest)
{
    struct page *p[KM_MAX_IDX];
    volatile uint32_t *v[KM_MAX_IDX];
    struct fault_record rec;
    int n = hipages_get(p, KM_MAX_IDX), bad = -1, faults = 0, depth_max;
    struct page *lo = alloc_page(GFP_KERNEL);
    uint32_t val;

    report(kmap_atomic(lo) == page_address(lo) && kmap_local_depth() == 0,
           "kmap_atomic_lowmem_direct", "%p vs %p, depth %d", kmap_atomic(lo),
           page_address(lo), kmap_local_depth());
    kunmap_atomic(page_address(lo));
    __free_page(lo);
    if (n < KM_MAX_IDX) {
        report_skip("kmap_atomic_nest_to_max", "needs %d highmem pages, has %d", KM_MAX_IDX, n);
        hipages_put(p, n);
        return;
    }
    for (int i = 0; i < KM_MAX_IDX; i++) {
        v[i] = kmap_atomic(p[i]);
        v[i][3] = 0xA70A0000u + (uint32_t)i;
    }
    depth_max = kmap_local_depth();
    for (int i = 0; i < KM_MAX_IDX && bad < 0; i++)
        if (v[i][3] != 0xA70A0000u + (uint32_t)i ||
            (unsigned long)v[i] != __fix_to_virt(FIX_KMAP_BEGIN + KM_MAX_IDX * arch_cpu_id() + i))
            bad = i;
    for (int i = KM_MAX_IDX - 1; i >= 0; i--) {
        kunmap_atomic((void *)&v[i][3]);            /* any address inside the page */
        faults += probe_read32(&v[i][3], &val, &rec) && faulted_at(&rec, &v[i][3]);
    }
    report(bad < 0 && depth_max == KM_MAX_IDX && kmap_local_depth() == 0,
           "kmap_atomic_nest_to_max", "slot %d wrong, depth %d at the top, %d after",
           bad, depth_max, kmap_local_depth());
    report(faults == KM_MAX_IDX, "kmap_atomic_unmapped_slot_faults",
           "%d of %d slots faulted at their address after kunmap_atomic", faults, KM_MAX_IDX);
    for (int i = 0; i < KM_MAX_IDX; i++) {       /* and the data stayed in the pages */
        uint32_t *k = kmap(p[i]);
        if (k[3] != 0xA70A0000u + (uint32_t)i)
            bad = i;
        kunmap(p[i]);
    }
    report(bad < 0, "kmap_atomic_data_reaches_page", "page %d", bad);
    hipages_put(p, n);
}
