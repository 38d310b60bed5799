/*
 * st_kmap_wrap.c - the pkmap wrap on the real MMU: cycling 2 * LAST_PKMAP
 * distinct pages through kmap/kunmap wraps the scan exactly twice, and each
 * wrap is one flush_tlb_kernel_range of the pkmap, i.e. one global flush
 * on every online CPU. The slot used last before a wrap was touched (so it was in the
 * TLB); after the wrap it must fault at its own address.
 */
#include "bench/hipages.h"
#include "bench/selftest.h"
#include "boot/fault.h"
#include "hm/highmem.h"

#define NPAGES (2 * LAST_PKMAP)

static struct page *pages[NPAGES];

SELFTEST(kmap_wrap)
{
    struct tlb_counts before, after, t;
    unsigned long prev = 0, probe_va = 0;
    struct fault_record rec;
    uint32_t val = 0;
    bool faulted = false, probed = false, old_null = false;
    int n = hipages_get(pages, NPAGES), wraps_seen = 0;

    if (n < NPAGES) {
        report_skip("kmap_wrap_one_flush_each", "needs %d free highmem pages, has %d", NPAGES, n);
        hipages_put(pages, n);
        return;
    }
    /* A known start: no count-1 slot, and the scan not at the last slot
     * (there the first kmap would wrap with nothing to flush, and the
     * counts below would depend on where earlier tests left the scan). */
    kmap_flush_unused();
    while (last_pkmap_nr == LAST_PKMAP - 1) {
        kmap(pages[0]);
        kunmap(pages[0]);
        kmap_flush_unused();
    }
    before = tlb_counts_total();
    for (int i = 0; i < NPAGES; i++) {
        unsigned int nr = last_pkmap_nr;
        volatile uint32_t *v = kmap(pages[i]);

        *v = (uint32_t)i;
        kunmap(pages[i]);
        if (last_pkmap_nr < nr) {                   /* the scan wrapped */
            wraps_seen++;
            if (!probed && prev) {                  /* prev's slot was cleared and flushed */
                probed = true;
                probe_va = prev;
                old_null = page_address(pages[i - 1]) == NULL;
                faulted = probe_read32((const volatile void *)prev, &val, &rec);
            }
        }
        prev = (unsigned long)v;
    }
    after = tlb_counts_total();
    t.global = after.global - before.global;
    t.range_calls = after.range_calls - before.range_calls;
    t.one = after.one - before.one;
    report(t.global == 2ul * (unsigned long)arch_num_cpus() && t.range_calls == 2 && t.one == 0 &&
           wraps_seen == 2, "kmap_wrap_one_flush_each", "%d pages, %d CPUs: %d wraps, %lu global "
           "flushes, %lu range flushes, %lu invlpg (want 2, 2 per CPU, 2, 0)", NPAGES,
           arch_num_cpus(), wraps_seen, t.global, t.range_calls, t.one);
    report(probed && old_null, "kmap_wrap_forgets_old_address",
           "probed=%d page_address NULL=%d", probed, old_null);
    report(probed && faulted && faulted_at(&rec, (void *)probe_va),
           "kmap_wrap_old_slot_faults", "va 0x%08lx: faulted=%d vector=%d cr2=0x%08x val=0x%x",
           probe_va, faulted, rec.vector, rec.cr2, val);
    kmap_flush_unused();
    hipages_put(pages, n);
}
