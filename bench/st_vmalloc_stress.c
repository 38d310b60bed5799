/*
 * st_vmalloc_stress.c - guest self-tests of vmalloc under load: running
 * out of space (vmap of one page, 1024 times over) and out of pages or
 * space (vmalloc of 1024 pages) without a leak, and 10^5 random
 * vmalloc/vfree rounds (10^4 with `quick`) whose tags survive and whose
 * counts do not drift.
 */
#include "bench/args.h"
#include "bench/selftest.h"
#include "boot/console.h"
#include "hm/vmalloc.h"

#define SPAN (VMALLOC_END - VMALLOC_START)
#define MAX_AREAS 256

static void *areas[MAX_AREAS];
static struct page *same_page[1024];

/* The space is one free range and the buddy has free0 pages again. */
static bool all_back(unsigned long free0, unsigned long pool0)
{
    struct vmalloc_stats st;

    vm_unmap_aliases();
    vmalloc_get_stats(&st);
    return st.busy_areas == 0 && st.free_areas == 1 && st.free_bytes == SPAN &&
           st.pool_free == pool0 && nr_free_pages() == free0;
}

SELFTEST(vmalloc_exhaustion)
{
    struct vmalloc_stats st;
    unsigned long free0, pool0, before, n = 0;
    struct page *page = alloc_page(GFP_HIGHUSER);

    vm_unmap_aliases();
    vmalloc_get_stats(&st);
    free0 = nr_free_pages();
    pool0 = st.pool_free;
    for (int i = 0; i < 1024; i++)
        same_page[i] = page;
    while (n < MAX_AREAS && (areas[n] = vmap(same_page, 1024)) != NULL)
        n++;
    vmalloc_get_stats(&st);
    report(n == SPAN / (1025 * PAGE_SIZE) && st.free_bytes < 1025 * PAGE_SIZE, "vmap_fills_the_space",
           "%lu areas of 1024 pages, %lu bytes left", n, st.free_bytes);
    while (n)
        vunmap(areas[--n]);
    report(all_back(free0, pool0), "vmap_exhaustion_no_leak", "counts differ after vunmap");

    if (nr_free_pages() < 1024) {       /* not even one area's frames */
        report_skip("vmalloc_exhaustion_null_no_leak", "needs 1024 free pages for one 4 MiB area, has %lu",
                    nr_free_pages());
        __free_page(page);
        return;
    }
    while (n < MAX_AREAS && (areas[n] = vmalloc(1024 * PAGE_SIZE)) != NULL)
        n++;
    before = nr_free_pages();
    vmalloc_get_stats(&st);
    report(n && n < MAX_AREAS && vmalloc(1024 * PAGE_SIZE) == NULL && nr_free_pages() == before,
           "vmalloc_exhaustion_null_no_leak", "%lu areas, free %lu -> %lu", n, before, nr_free_pages());
    printk("vmalloc: %lu areas of 4 MiB before NULL (out of %s)\n", n,
           st.free_bytes >= 1025 * PAGE_SIZE ? "pages" : "space");
    while (n)
        vfree(areas[--n]);
    report(all_back(free0, pool0), "vmalloc_exhaustion_counts_restored", "counts differ after vfree");
    __free_page(page);
}

#define ROUNDS 100000
#define SLOTS 64

static uint32_t rng_state;

static uint32_t rnd(uint32_t n)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 17;
    rng_state ^= rng_state << 5;
    return rng_state % n;
}

static struct { uint32_t *va; uint32_t pages, tag; } slot[SLOTS];

/* Write tag + i into the first word of each page (through the mapping). */
static void tag_area(int s)
{
    for (uint32_t i = 0; i < slot[s].pages; i++)
        slot[s].va[i * 1024] = slot[s].tag + i;
}

/* Pages of slot s whose tag changed, then free it. */
static unsigned long untag_free(int s)
{
    unsigned long bad = 0;

    for (uint32_t i = 0; i < slot[s].pages; i++)
        bad += slot[s].va[i * 1024] != slot[s].tag + i;
    vfree(slot[s].va);
    slot[s].va = 0;
    return bad;
}

SELFTEST(vmalloc_stress)
{
    struct vmalloc_stats st;
    unsigned long free0, pool0, bad = 0, nulls = 0, purges0;

    vm_unmap_aliases();
    vmalloc_get_stats(&st);
    free0 = nr_free_pages();
    pool0 = st.pool_free;
    purges0 = st.purges;
    rng_state = 0x2545F491u;
    uint32_t rounds = args.quick ? ROUNDS / 10 : ROUNDS;
    for (uint32_t r = 0; r < rounds; r++) {
        int s = (int)rnd(SLOTS);

        if (slot[s].va) {
            bad += untag_free(s);
            continue;
        }
        slot[s].pages = rnd(32) ? 1 + rnd(16) : 1 + rnd(256);
        slot[s].tag = r << 12;
        slot[s].va = vmalloc(slot[s].pages * PAGE_SIZE - rnd(PAGE_SIZE));
        if (slot[s].va)
            tag_area(s);
        else
            nulls++;
    }
    for (int s = 0; s < SLOTS; s++)
        if (slot[s].va)
            bad += untag_free(s);
    vmalloc_get_stats(&st);
    printk("vmalloc: %u rounds, %lu NULLs, %lu purges (%s)\n", rounds, nulls, st.purges - purges0,
           vmalloc_mode() == VMAP_EAGER ? "eager" : "lazy");
    report(!bad, "vmalloc_stress_tags_intact", "%lu pages lost their tag", bad);
    report(all_back(free0, pool0), "vmalloc_stress_no_drift", "free pages %lu want %lu", nr_free_pages(), free0);
}
