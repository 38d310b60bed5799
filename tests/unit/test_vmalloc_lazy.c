/*
 * test_vmalloc_lazy.c - lazy purging and eager mode on the simulator:
 * what a lazy vfree leaves in place (frames, range, no flush), the
 * lazy_max_pages threshold, purges on no room and on no page, the flush
 * counts (tlb_counts) of each purge and each eager free, and the BUG lines
 * of bad frees through the sim panic hook.
 */
#include <stdlib.h>
#include "tests/unit/vmalloc_util.h"

#define PG(n) ((unsigned long)(n) * PAGE_SIZE)

static struct tlb_counts t0;

static void counts_mark(void) { t0 = tlb_counts_total(); }
#define DELTA(field) (tlb_counts_total().field - t0.field)

static void test_lazy_free_keeps_everything(void)
{
    unsigned long pool0 = vm_stats().pool_free, free0 = nr_free_pages(), i;
    struct page *pg[4];
    void *a = vmalloc(PG(4)), *b, *c;
    int held = 1, fresh = 1;

    for (i = 0; i < 4; i++)
        pg[i] = vmalloc_to_page((char *)a + PG(i));
    counts_mark();
    vfree(a);
    CHECK(vm_unmapped(VA(a), 4), "lazy vfree clears the PTEs at once");
    CHECK(DELTA(range_calls) == 0 && DELTA(one) == 0 && DELTA(global) == 0,
          "lazy vfree does not flush");
    CHECK(vm_stats().lazy_areas == 1 && vm_stats().lazy_pages == 5,
          "the area waits on the purge list: 4 pages and its guard counted");
    for (i = 0; i < 4; i++)
        held &= pg[i]->_refcount == 1 && pg[i]->flags == PG_head;
    CHECK(held && nr_free_pages() == free0 - 4, "its frames are not free in the buddy before the purge");
    b = vmalloc(PG(4));
    for (i = 0; i < 4; i++)
        fresh &= vmalloc_to_page((char *)b + PG(i)) != pg[0] && vmalloc_to_page((char *)b + PG(i)) != pg[1] &&
                 vmalloc_to_page((char *)b + PG(i)) != pg[2] && vmalloc_to_page((char *)b + PG(i)) != pg[3];
    CHECK(VA(b) >= VA(a) + PG(5), "a new area does not reuse the lazily freed range");
    CHECK(fresh, "nor its frames");
    counts_mark();
    vm_unmap_aliases();
    CHECK(DELTA(range_calls) == 1 && DELTA(one) == 5 && DELTA(global) == 0,
          "the purge is one flush_tlb_kernel_range over the area (5 invlpg, guard included)");
    held = 0;
    for (i = 0; i < 4; i++)
        held |= pg[i]->_refcount != 0;
    CHECK(!held && nr_free_pages() == free0 - 4 && vm_stats().lazy_pages == 0 && vm_stats().purges == 1,
          "after the purge its frames are free and nothing is lazy");
    c = vmalloc(PG(4));
    CHECK_EQ(VA(c), VA(a), "and its range is handed out again");
    vfree(b);
    vfree(c);
    vm_unmap_aliases();
    CHECK(vm_all_free(pool0) && nr_free_pages() == free0, "all back");
}

static void test_lazy_threshold(void)
{
    unsigned long pool0 = vm_stats().pool_free, free0 = nr_free_pages(), L = lazy_max_pages();
    unsigned long want = (SPAN >> PAGE_SHIFT) / 4 < 8192 ? (SPAN >> PAGE_SHIFT) / 4 : 8192;
    unsigned long k = 0, free_before = 0;

    CHECK_EQ(L, want, "lazy_max_pages on 1 CPU: fls(1) * 32 MiB of pages, at most a quarter of the space");
    counts_mark();
    while (DELTA(range_calls) == 0 && k < 100000) {
        free_before = nr_free_pages();
        vfree(vmalloc(PAGE_SIZE));
        k++;
    }
    CHECK_EQ(k, L / 2 + 1, "1-page pairs (2 lazy pages each) purge when the count first passes lazy_max_pages");
    CHECK_EQ(free_before, free0 - (k - 1), "until then no frame went back");
    CHECK(DELTA(range_calls) == 1 && DELTA(global) == 1 && DELTA(one) == 0,
          "the purge is one range flush, global as it spans > 33 pages");
    CHECK(vm_all_free(pool0) && nr_free_pages() == free0, "after it everything is free again");
}

static void test_purge_on_no_room(void)
{
    unsigned long pool0 = vm_stats().pool_free, S = SPAN >> PAGE_SHIFT, X = lazy_max_pages() - 10;
    void *a = vmalloc(PG(X)), *b = vmalloc(PG(S - (X + 1) - 1)), *c;

    CHECK(a && b && vm_stats().free_bytes == 0, "two areas fill the space exactly");
    counts_mark();
    vfree(a);
    CHECK(DELTA(range_calls) == 0 && vm_stats().lazy_pages == X + 1, "freeing one stays below the lazy threshold");
    c = vmalloc(PAGE_SIZE);
    CHECK(VA(c) == VA(a) && DELTA(range_calls) == 1 && vm_stats().lazy_pages == 0,
          "no room: the allocation purges once and takes the freed range");
    vfree(b);
    vfree(c);
    vm_unmap_aliases();
    CHECK(vm_all_free(pool0), "all back");
}

static void test_purge_on_no_page(void)
{
    unsigned long pool0 = vm_stats().pool_free, free0 = nr_free_pages(), n = 0, before;
    struct page **held = malloc(sizeof(*held) * (free0 + 1));
    void *a = vmalloc(PG(4000)), *c, *d;

    vfree(a);
    while (n <= free0 && (held[n] = alloc_page(GFP_HIGHUSER)) != NULL)
        n++;
    counts_mark();
    c = vmalloc(PAGE_SIZE);
    CHECK(c && DELTA(range_calls) == 1 && vm_stats().lazy_pages == 0,
          "128M: no free page but 4000 lazy ones: vmalloc purges once and succeeds");
    before = nr_free_pages();
    d = vmalloc(PG(before + 1));
    CHECK(!d && nr_free_pages() == before && DELTA(range_calls) == 1 && vm_stats().busy_areas == 1,
          "one page more than is free: NULL, no second purge, nothing leaks");
    while (n)
        __free_page(held[--n]);
    vfree(c);
    vm_unmap_aliases();
    CHECK(vm_all_free(pool0) && nr_free_pages() == free0, "all back");
    free(held);
}

static void test_eager(void)
{
    unsigned long pool0 = vm_stats().pool_free, free0 = nr_free_pages();
    struct page *page = alloc_page(GFP_HIGHUSER), *pages[3] = { page, page, page };
    void *a, *b, *v;

    vfree(vmalloc(PAGE_SIZE));
    counts_mark();
    vmalloc_set_mode(VMAP_EAGER);
    CHECK(DELTA(range_calls) == 1 && vm_stats().lazy_areas == 0 && vmalloc_mode() == VMAP_EAGER,
          "switching to eager purges what was lazy");
    a = vmalloc(PG(4));
    counts_mark();
    vfree(a);
    CHECK(DELTA(range_calls) == 1 && DELTA(one) == 4 && DELTA(global) == 0,
          "eager vfree of 4 pages: one range flush, 4 invlpg");
    CHECK(vm_all_free(pool0) && nr_free_pages() == free0 - 1, "and frees frames and range at once");
    b = vmalloc(PG(40));
    counts_mark();
    vfree(b);
    CHECK(DELTA(range_calls) == 1 && DELTA(one) == 0 && DELTA(global) == 1,
          "eager vfree of 40 pages: one global flush (past the 33-page ceiling)");
    v = vmap(pages, 3);
    counts_mark();
    vunmap(v);
    CHECK(DELTA(range_calls) == 1 && DELTA(one) == 3 && vm_all_free(pool0), "eager vunmap flushes too");
    vmalloc_set_mode(VMAP_LAZY);
    __free_page(page);
}

static void test_bad_frees(void)
{
    unsigned long pool0 = vm_stats().pool_free;
    void *a = vmalloc(PG(2)), *b;

    EXPECT_BUG(vfree((void *)(PAGE_OFFSET + 0x100000)), "BUG: vfree(0xc0100000): not a vmalloc address",
               "vfree of a direct-map address is a BUG naming it");
    EXPECT_BUG(vfree((char *)a + PAGE_SIZE), "no live area starts here",
               "vfree of an address inside an area is a BUG");
    EXPECT_BUG(vfree((void *)(VMALLOC_END - PAGE_SIZE)), "no live area starts here",
               "vfree of an address vmalloc never returned is a BUG");
    CHECK(vm_stats().busy_areas == 1 && vm_mapped_with_guard(VA(a), 2), "a caught bad vfree changes nothing");
    vfree(a);
    EXPECT_BUG(vfree(a), "double free (the area is already freed and waits for the lazy purge)",
               "lazy: a double vfree is a BUG");
    vmalloc_set_mode(VMAP_EAGER);
    b = vmalloc(PAGE_SIZE);
    vfree(b);
    EXPECT_BUG(vfree(b), "no live area starts here", "eager: a double vfree is a BUG");
    vmalloc_set_mode(VMAP_LAZY);
    CHECK(vm_all_free(pool0), "all back after the bad frees");
}

int main(void)
{
    VM_BOOT(map_8g);
    test_lazy_free_keeps_everything();
    test_lazy_threshold();
    test_purge_on_no_room();
    test_eager();
    test_bad_frees();
    VM_BOOT(map_128m);
    test_purge_on_no_page();
    sim_fini();
    return check_done();
}
