/*
 * test_vmalloc.c - the vmalloc address-space allocator on the simulator:
 * placement (first fit, guard pages), bad sizes, alignment, fragmentation
 * and merging, exhaustion of space, of pages and of descriptors, vmap.
 * Frees here are eager so that ranges come back at once; the lazy purge
 * has its own test (test_vmalloc_lazy.c).
 */
#include <stdlib.h>
#include "tests/unit/vmalloc_util.h"

#define PG(n) ((unsigned long)(n) * PAGE_SIZE)

static void test_basics(void)
{
    unsigned long pool0 = vm_stats().pool_free, free0 = nr_free_pages();
    void *a, *b, *c;

    CHECK(vm_all_free(pool0), "8G: the space starts as one free range of %lu KiB", SPAN >> 10);
    a = vmalloc(PAGE_SIZE);
    b = vmalloc(PAGE_SIZE + 1);
    c = vmalloc(1);
    CHECK_EQ(VA(a), VMALLOC_START, "first fit: the first area is at VMALLOC_START");
    CHECK_EQ(VA(b), VA(a) + PG(2), "the next area starts after the first one's guard page");
    CHECK_EQ(VA(c), VA(b) + PG(3), "PAGE_SIZE + 1 bytes take two pages and a guard");
    CHECK(vm_mapped_with_guard(VA(a), 1) && vm_mapped_with_guard(VA(b), 2) &&
          vm_mapped_with_guard(VA(c), 1), "every page is mapped and every guard page is not");
    CHECK_EQ(vm_pte(VA(a)) & PTE_FLAGS_MASK, PAGE_KERNEL, "vmalloc maps with PAGE_KERNEL");
    CHECK(PageHighMem(vmalloc_to_page(a)) && PageHighMem(vmalloc_to_page(c)),
          "vmalloc takes highmem pages when there are some");
    CHECK(vmalloc_to_page(b) != vmalloc_to_page((char *)b + PAGE_SIZE) &&
          vmalloc_to_page(a) != vmalloc_to_page(c), "each page has its own frame");
    CHECK_EQ(nr_free_pages(), free0 - 4, "four pages taken from the buddy");
    CHECK_EQ(vm_stats().busy_areas, 3, "three busy areas");
    CHECK(vmalloc_to_page((char *)a + PAGE_SIZE) == NULL && vmalloc_to_page((void *)PAGE_OFFSET) == NULL,
          "vmalloc_to_page of a guard page or a direct-map address is NULL");
    vfree(b);
    vfree(a);
    vfree(c);
    CHECK(vm_unmapped(VA(a), 6), "after vfree no page of the three areas translates");
    CHECK_EQ(nr_free_pages(), free0, "every page is back in the buddy");
    CHECK(vm_all_free(pool0), "the free ranges merged back into one, no descriptor lost");
}

static void test_bad_input(void)
{
    struct vmalloc_stats before = vm_stats(), after;
    unsigned long free0 = nr_free_pages();
    struct page *pg = NULL;
    void *whole;

    CHECK(vmalloc(0) == NULL, "vmalloc(0) is NULL");
    CHECK(vmalloc(SPAN) == NULL, "a size as big as the space (no room for the guard) is NULL");
    CHECK(vmalloc(~0UL) == NULL && vmalloc(~0UL - PAGE_SIZE + 2) == NULL,
          "sizes that overflow when rounded are NULL");
    CHECK(vmap(&pg, 0) == NULL, "vmap of no pages is NULL");
    vfree(NULL);
    vunmap(NULL);
    after = vm_stats();
    CHECK(!memcmp(&before, &after, sizeof(before)) && nr_free_pages() == free0,
          "refused sizes and vfree(NULL)/vunmap(NULL) change nothing");
    whole = vmalloc(SPAN - PAGE_SIZE);
    CHECK(VA(whole) == VMALLOC_START && vm_stats().free_areas == 0,
          "the largest size (space minus the guard) takes the whole space");
    CHECK(vmalloc(1) == NULL, "then nothing else fits");
    vfree(whole);
    CHECK(vm_all_free(before.pool_free) && nr_free_pages() == free0, "and it all comes back");
}

static void test_alignment(void)
{
    unsigned long pool0 = vm_stats().pool_free;
    void *a = vmalloc(PAGE_SIZE);
    void *b = __vmalloc_node(PAGE_SIZE, 64 * 1024, GFP_HIGHUSER);
    void *c, *d;

    CHECK(VA(b) % (64 * 1024) == 0 && VA(b) >= VA(a) + PG(2), "64 KiB alignment");
    CHECK_EQ(vm_stats().free_areas, 2, "the skipped gap stays free");
    c = vmalloc(PAGE_SIZE);
    CHECK_EQ(VA(c), VA(a) + PG(2), "first fit fills the gap left by alignment");
    d = __vmalloc_node(3 * PAGE_SIZE, PMD_SIZE, GFP_HIGHUSER);
    CHECK(VA(d) % PMD_SIZE == 0 && vm_mapped_with_guard(VA(d), 3), "2 MiB alignment");
    EXPECT_BUG(__vmalloc_node(PAGE_SIZE, 3 * PAGE_SIZE, GFP_HIGHUSER), "align",
               "an alignment that is not a power of two is a BUG");
    vfree(a);
    vfree(b);
    vfree(c);
    vfree(d);
    CHECK(vm_all_free(pool0), "aligned areas merge back");
}

static void test_fragmentation_merge(void)
{
    unsigned long pool0 = vm_stats().pool_free;
    void *p[10], *x, *y;
    int i;

    for (i = 0; i < 10; i++)
        p[i] = vmalloc(PAGE_SIZE);
    for (i = 0; i < 10; i += 2)
        vfree(p[i]);
    CHECK_EQ(vm_stats().free_areas, 6, "freeing every other area leaves five holes and the top");
    CHECK_EQ(vm_stats().free_bytes, SPAN - PG(10), "five 2-page areas stay busy");
    x = vmalloc(PG(2));
    CHECK_EQ(VA(x), VMALLOC_START + PG(20), "a 2-page area (3 with its guard) skips the 2-page holes");
    y = vmalloc(PAGE_SIZE);
    CHECK_EQ(VA(y), VMALLOC_START, "a 1-page area takes the lowest hole");
    for (i = 1; i < 8; i += 2)
        vfree(p[i]);
    CHECK_EQ(vm_stats().free_areas, 2, "freeing p1..p7 merges them with the holes between into one range");
    CHECK_EQ(vm_stats().free_bytes, SPAN - PG(2) - PG(2) - PG(3), "holes merged: only y, p9 and x are busy");
    vfree(p[9]);
    CHECK_EQ(vm_stats().free_areas, 2, "freeing p9 extends that range up to x");
    vfree(x);
    CHECK_EQ(vm_stats().free_areas, 1, "freeing x joins it with the top range");
    vfree(y);
    CHECK(vm_all_free(pool0), "freeing y leaves one range over the whole space");
}

static void test_exhaust_space(void)
{
    unsigned long pool0 = vm_stats().pool_free, free0 = nr_free_pages(), n = 0, before;
    static void *areas[64];
    struct vmalloc_stats st;

    while (n < 64 && (areas[n] = vmalloc(PG(1024))) != NULL)
        n++;
    CHECK_EQ(n, SPAN / PG(1025), "8G: the space holds exactly SPAN / (1024 + 1 guard) pages of 1024-page areas");
    before = nr_free_pages();
    st = vm_stats();
    CHECK(vmalloc(PG(1024)) == NULL && nr_free_pages() == before && vm_stats().busy_areas == st.busy_areas,
          "out of space: NULL, and no page or area leaks");
    while (n)
        vfree(areas[--n]);
    CHECK(vm_all_free(pool0) && nr_free_pages() == free0, "all back after freeing");
}

static void test_exhaust_pages(void)
{
    unsigned long pool0 = vm_stats().pool_free, free0 = nr_free_pages(), n = 0, before;
    static void *areas[128];

    while (n < 128 && (areas[n] = vmalloc(PG(1024))) != NULL)
        n++;
    before = nr_free_pages();
    CHECK(n > 0 && n < 128 && before < 1024 && vm_stats().free_bytes > PG(1025),
          "128M: vmalloc runs out of pages (%lu areas) before it runs out of space", n);
    CHECK(vmalloc(PG(1024)) == NULL && nr_free_pages() == before && vm_stats().busy_areas == n,
          "out of pages: NULL, the pages it gathered go back, the area too");
    while (n)
        vfree(areas[--n]);
    CHECK(vm_all_free(pool0) && nr_free_pages() == free0, "all back after freeing");
}

static void test_vmap(void)
{
    unsigned long pool0 = vm_stats().pool_free, i;
    struct page *page = alloc_page(GFP_HIGHUSER), *pages[8];
    void *v, *m;
    int same = 1;

    for (i = 0; i < 8; i++)
        pages[i] = page;
    v = vmap(pages, 8);
    for (i = 0; i < 8; i++)
        same &= sim_translate(VA(v) + PG(i)) == page_to_phys(page);
    CHECK(v && same && sim_translate(VA(v) + PG(8)) == SIM_NO_PAGE,
          "vmap maps the caller's pages (one page 8 times) and leaves a guard");
    CHECK(vmalloc_to_page((char *)v + PG(3)) == page, "vmalloc_to_page inside a vmap area");
    EXPECT_BUG(vfree(v), "made by vmap", "vfree of a vmap area is a BUG");
    vunmap(v);
    CHECK(vm_unmapped(VA(v), 8) && page->_refcount == 1 && page->flags == PG_head,
          "vunmap unmaps but leaves the page to its owner");
    __free_page(page);
    m = vmalloc(PAGE_SIZE);
    EXPECT_BUG(vunmap(m), "made by vmalloc", "vunmap of a vmalloc area is a BUG");
    vfree(m);
    CHECK(vm_all_free(pool0), "vmap areas come back like vmalloc ones");
}

static void test_exhaust_descriptors(void)
{
    struct vmalloc_stats st0 = vm_stats();
    struct page *page = alloc_page(GFP_KERNEL);
    unsigned long n = 0, max = st0.pool_size;
    void **v = malloc(max * sizeof(*v));

    while (n < max && (v[n] = vmap(&page, 1)) != NULL)
        n++;
    CHECK(n == st0.pool_size - 2 && n < SPAN / PG(2),
          "128M: descriptors run out (%lu of %lu used) before the space does", n, st0.pool_size);
    CHECK(vmalloc(1) == NULL, "then vmalloc is NULL too");
    while (n)
        vunmap(v[--n]);
    CHECK(vm_all_free(st0.pool_free), "every descriptor comes back");
    __free_page(page);
    free(v);
}

int main(void)
{
    VM_BOOT(map_8g);
    vmalloc_set_mode(VMAP_EAGER);
    test_basics();
    test_bad_input();
    test_alignment();
    test_fragmentation_merge();
    test_exhaust_space();
    test_vmap();
    VM_BOOT(map_128m);
    vmalloc_set_mode(VMAP_EAGER);
    test_exhaust_pages();
    test_exhaust_descriptors();
    sim_fini();
    return check_done();
}
