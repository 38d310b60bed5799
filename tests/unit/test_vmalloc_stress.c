/*
 * test_vmalloc_stress.c - 10^5 seeded random vmalloc/vfree rounds (random
 * sizes, some aligned, some vmap) on 8G and 128M, lazy and eager. Checked
 * every round: a new area overlaps no live one, and neither it nor its
 * frames were lazily freed since the last purge; each page holds the tag
 * written through its mapping until it is freed. At the end the free
 * page count, the free ranges and the descriptor pool show no drift.
 */
#include <stdlib.h>
#include "tests/unit/vmalloc_util.h"

#define ROUNDS 100000
#define SLOTS 256

struct slot {
    unsigned long va, pages, tag;
    int is_vmap;
};

static struct slot slots[SLOTS];
static unsigned char *lazy_pfn, *lazy_va;       /* freed since the last purge */
static struct page *vmap_page;
static uint64_t rng;

static unsigned long rnd(unsigned long n)
{
    rng = rng * 6364136223846793005ULL + 1442695040888963407ULL;
    return (unsigned long)(rng >> 33) % n;
}

/* The simulated RAM behind the word at the start of page i of s. */
static uint64_t *tag_word(const struct slot *s, unsigned long i)
{
    return (uint64_t *)(sim_ram + sim_translate(s->va + i * PAGE_SIZE));
}

static unsigned long va_idx(unsigned long va) { return (va - VMALLOC_START) >> PAGE_SHIFT; }

/* Check a fresh area against live areas and the lazy maps; tag its pages. */
static int fresh_ok(struct slot *s)
{
    for (int j = 0; j < SLOTS; j++) {
        const struct slot *o = &slots[j];
        if (o != s && o->va && s->va < o->va + (o->pages + 1) * PAGE_SIZE &&
            o->va < s->va + (s->pages + 1) * PAGE_SIZE)
            return 0;
    }
    for (unsigned long i = 0; i <= s->pages; i++)
        if (lazy_va[va_idx(s->va) + i])
            return 0;
    for (unsigned long i = 0; i < s->pages; i++) {
        if (!s->is_vmap && lazy_pfn[page_to_pfn(vmalloc_to_page((void *)(s->va + i * PAGE_SIZE)))])
            return 0;
        if (!s->is_vmap)
            *tag_word(s, i) = s->tag + i;
    }
    return sim_translate(s->va + s->pages * PAGE_SIZE) == SIM_NO_PAGE;
}

/* Check the tags of s, mark its frames and range lazy (lazy mode: eager
 * frees them at once), free it. */
static int release(struct slot *s)
{
    int ok = 1, lazy = vmalloc_mode() == VMAP_LAZY;

    for (unsigned long i = 0; i < s->pages; i++) {
        if (s->is_vmap)
            continue;
        ok &= *tag_word(s, i) == s->tag + i;
        lazy_pfn[page_to_pfn(vmalloc_to_page((void *)(s->va + i * PAGE_SIZE)))] = lazy;
    }
    for (unsigned long i = 0; i <= s->pages; i++)
        lazy_va[va_idx(s->va) + i] = lazy;
    if (s->is_vmap)
        vunmap((void *)s->va);
    else
        vfree((void *)s->va);
    s->va = 0;
    return ok;
}

static void run(const char *nm, enum vmap_purge_mode mode, uint64_t seed)
{
    struct vmalloc_stats st0 = vm_stats();
    unsigned long free0 = nr_free_pages(), purges = st0.purges, nulls = 0, bad = 0, r;
    struct page *pages[16];

    rng = seed;
    vmalloc_set_mode(mode);
    lazy_pfn = calloc(max_pfn, 1);
    lazy_va = calloc(SPAN >> PAGE_SHIFT, 1);
    vmap_page = alloc_page(GFP_KERNEL);
    for (int i = 0; i < 16; i++)
        pages[i] = vmap_page;
    free0--;
    for (r = 0; r < ROUNDS; r++) {
        struct slot *s = &slots[rnd(SLOTS)];
        unsigned long kind = rnd(16);

        if (s->va) {
            bad += !release(s);
        } else {
            s->pages = kind == 0 ? 1 + rnd(512) : 1 + rnd(16);
            s->is_vmap = kind == 1;
            s->tag = r << 20;
            if (s->is_vmap)
                s->va = VA(vmap(pages, (unsigned int)(s->pages = 1 + rnd(16))));
            else if (kind == 2)
                s->va = VA(__vmalloc_node(s->pages * PAGE_SIZE, PAGE_SIZE << rnd(6), GFP_HIGHUSER));
            else
                s->va = VA(vmalloc(s->pages * PAGE_SIZE - rnd(PAGE_SIZE)));
            if (vm_stats().purges != purges) {      /* a purge made all lazy memory free */
                purges = vm_stats().purges;
                memset(lazy_pfn, 0, max_pfn);
                memset(lazy_va, 0, SPAN >> PAGE_SHIFT);
            }
            if (!s->va)
                nulls++;
            else
                bad += !fresh_ok(s);
        }
    }
    CHECK(bad == 0, "%s: %d rounds: no overlap, no early reuse of lazy frames or ranges, tags intact (%lu bad)",
          nm, ROUNDS, bad);
    CHECK(mode == VMAP_EAGER ? vm_stats().purges == st0.purges : vm_stats().purges > st0.purges,
          "%s: %s (%lu purges)", nm, mode == VMAP_EAGER ? "eager: never a lazy purge" : "lazy: purges happened",
          vm_stats().purges - st0.purges);
    for (int i = 0; i < SLOTS; i++)
        if (slots[i].va)
            release(&slots[i]);
    vm_unmap_aliases();
    CHECK_EQ(nr_free_pages(), free0, "%s: free pages back to the start (%lu NULLs)", nm, nulls);
    CHECK(vm_all_free(st0.pool_free), "%s: one free range over the space and the whole pool again", nm);
    __free_page(vmap_page);
    free(lazy_pfn);
    free(lazy_va);
    vmalloc_set_mode(VMAP_LAZY);
}

int main(void)
{
    VM_BOOT(map_8g);
    run("8G lazy", VMAP_LAZY, 1);
    run("8G eager", VMAP_EAGER, 2);
    VM_BOOT(map_128m);
    run("128M lazy", VMAP_LAZY, 3);
    run("128M eager", VMAP_EAGER, 4);
    sim_fini();
    return check_done();
}
