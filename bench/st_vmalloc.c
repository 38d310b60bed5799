/*
 * st_vmalloc.c - guest self-tests of vmalloc on the real MMU: data written
 * through a vmalloc mapping reads back through kmap_atomic of each backing
 * page (a second, independent mapping of the frame), freed addresses
 * fault after the purge (lazy) or at once (eager), lazily freed frames and
 * ranges are not reused before the purge, and bad sizes are refused.
 * Faults are probed here on CPU 0; st_vmalloc_smp.c probes every CPU.
 */
#include "bench/selftest.h"
#include "boot/console.h"
#include "boot/fault.h"
#include "hm/highmem_local.h"
#include "hm/tlbflush.h"
#include "hm/vmalloc.h"

#define SPAN (VMALLOC_END - VMALLOC_START)

/* 600 pages: the area crosses at least one 2 MiB PTE-page boundary. */
#define RB_PAGES 600

SELFTEST(vmalloc_readback)
{
    uint32_t *a;
    unsigned long i, bad_rd = 0, bad_wr = 0, low = 0;
    bool want_high = node_zones[ZONE_HIGHMEM].free_pages > 2 * RB_PAGES;

    vm_unmap_aliases();                 /* lazily freed frames count as free */
    if (nr_free_pages() < RB_PAGES) {   /* vmalloc takes one frame a page */
        report_skip("vmalloc_600_pages", "needs %u free pages, has %lu", RB_PAGES, nr_free_pages());
        return;
    }
    a = vmalloc(RB_PAGES * PAGE_SIZE);
    if (!report(a != NULL, "vmalloc_600_pages", "vmalloc(%u pages) returned NULL", RB_PAGES))
        return;
    for (i = 0; i < RB_PAGES * 1024; i++)
        a[i] = 0x5EED0000u ^ (uint32_t)i * 2654435761u;
    for (i = 0; i < RB_PAGES; i++) {
        volatile uint32_t *b = kmap_atomic(vmalloc_to_page((char *)a + i * PAGE_SIZE));

        for (int w = 0; w < 1024; w++)
            bad_rd += b[w] != (0x5EED0000u ^ (uint32_t)(i * 1024 + w) * 2654435761u);
        b[7] = 0xC0DE0000u + (uint32_t)i;               /* and the other way */
        kunmap_atomic((void *)b);
        bad_wr += a[i * 1024 + 7] != 0xC0DE0000u + (uint32_t)i;
        low += !PageHighMem(vmalloc_to_page((char *)a + i * PAGE_SIZE));
    }
    report(!bad_rd, "vmalloc_readback_kmap_atomic", "%lu words differ", bad_rd);
    report(!bad_wr, "vmalloc_sees_writes_via_kmap_atomic", "%lu pages differ", bad_wr);
    if (want_high)
        report(!low, "vmalloc_prefers_highmem", "%lu of %u pages are lowmem", low, RB_PAGES);
    else
        report_skip("vmalloc_prefers_highmem", "%lu free highmem pages",
                    node_zones[ZONE_HIGHMEM].free_pages);
    vfree(a);
}

/* Touch n pages of a, free it, maybe purge; then every page must fault
 * with CR2 on the probed address. Returns the pages that did not. */
static unsigned long freed_pages_fault(uint32_t *a, unsigned n)
{
    struct fault_record rec;
    unsigned long wrong = 0;
    uint32_t val;

    for (unsigned i = 0; i < n; i++) {
        volatile uint32_t *p = (volatile uint32_t *)((char *)a + i * PAGE_SIZE + 8);
        if (!probe_read32(p, &val, &rec) || !faulted_at(&rec, p) || (rec.error & PF_ERROR_PRESENT))
            wrong++;
    }
    return wrong;
}

SELFTEST(vmalloc_vfree_faults)
{
    enum vmap_purge_mode mode0 = vmalloc_mode();
    struct tlb_counts t0;
    struct fault_record rec;
    uint32_t *a, val;
    bool stale;

    vmalloc_set_mode(VMAP_LAZY);
    a = vmalloc(4 * PAGE_SIZE);
    for (int i = 0; i < 4; i++)
        a[i * 1024 + 2] = (uint32_t)i;                  /* TLB entries now cached */
    t0 = tlb_counts_total();
    vfree(a);
    stale = !probe_read32(&a[2], &val, &rec);
    printk("vmalloc: after a lazy vfree the old address %s (stale TLB entry)\n",
           stale ? "still reads" : "faults already");
    report(tlb_counts_total().range_calls == t0.range_calls, "vmalloc_lazy_vfree_no_flush",
           "%lu range flushes", tlb_counts_total().range_calls - t0.range_calls);
    vm_unmap_aliases();
    report(tlb_counts_total().range_calls == t0.range_calls + 1, "vmalloc_purge_one_flush",
           "%lu range flushes", tlb_counts_total().range_calls - t0.range_calls);
    report(!freed_pages_fault(a, 4), "vmalloc_lazy_faults_after_purge", "%lu of 4 pages still read",
           freed_pages_fault(a, 4));

    vmalloc_set_mode(VMAP_EAGER);
    a = vmalloc(4 * PAGE_SIZE);
    for (int i = 0; i < 4; i++)
        a[i * 1024 + 2] = (uint32_t)i;
    vfree(a);
    report(!freed_pages_fault(a, 4), "vmalloc_eager_faults_at_once", "%lu of 4 pages still read",
           freed_pages_fault(a, 4));
    vmalloc_set_mode(mode0);
}

SELFTEST(vmalloc_lazy_no_reuse)
{
    enum vmap_purge_mode mode0 = vmalloc_mode();
    unsigned long free0, reused = 0, held = 0;
    struct page *pg[8];
    char *a, *b, *c;

    vmalloc_set_mode(VMAP_LAZY);
    vm_unmap_aliases();
    free0 = nr_free_pages();
    a = vmalloc(8 * PAGE_SIZE);
    for (unsigned i = 0; i < ARRAY_SIZE(pg); i++)
        pg[i] = vmalloc_to_page(a + i * PAGE_SIZE);
    vfree(a);
    for (unsigned i = 0; i < ARRAY_SIZE(pg); i++)
        held += pg[i]->_refcount == 1;
    report(held == 8 && nr_free_pages() == free0 - 8, "vmalloc_lazy_frames_not_free",
           "%lu of 8 frames held, free %lu want %lu", held, nr_free_pages(), free0 - 8);
    b = vmalloc(8 * PAGE_SIZE);
    for (int i = 0; i < 8; i++)
        for (unsigned j = 0; j < ARRAY_SIZE(pg); j++)
            reused += vmalloc_to_page(b + i * PAGE_SIZE) == pg[j];
    report(b >= a + 9 * PAGE_SIZE && !reused, "vmalloc_lazy_range_and_frames_not_reused",
           "a=%p b=%p, %lu frames reused", a, b, reused);
    vm_unmap_aliases();
    c = vmalloc(8 * PAGE_SIZE);
    report(c == a && nr_free_pages() == free0 - 16, "vmalloc_reused_after_purge",
           "a=%p c=%p free %lu want %lu", a, c, nr_free_pages(), free0 - 16);
    vfree(b);
    vfree(c);
    vm_unmap_aliases();
    report(nr_free_pages() == free0, "vmalloc_lazy_counts_restored", "free %lu want %lu",
           nr_free_pages(), free0);
    vmalloc_set_mode(mode0);
}

SELFTEST(vmalloc_bad_input)
{
    struct vmalloc_stats s0, s1;
    unsigned long free0 = nr_free_pages();
    struct page *none = 0;

    vmalloc_get_stats(&s0);
    report(vmalloc(0) == NULL, "vmalloc_zero_is_null", "not NULL");
    report(vmalloc(SPAN) == NULL && vmalloc(~0UL) == NULL, "vmalloc_too_big_is_null", "not NULL");
    report(vmap(&none, 0) == NULL, "vmap_zero_is_null", "not NULL");
    vfree(NULL);
    vunmap(NULL);
    vmalloc_get_stats(&s1);
    report(s1.busy_areas == s0.busy_areas && s1.free_bytes == s0.free_bytes &&
           s1.lazy_pages == s0.lazy_pages && nr_free_pages() == free0,
           "vfree_null_changes_nothing", "busy %lu->%lu free pages %lu->%lu", s0.busy_areas,
           s1.busy_areas, free0, nr_free_pages());
}
