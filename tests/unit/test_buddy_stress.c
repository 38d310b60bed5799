/*
 * test_buddy_stress.c - 10^6 random allocations and frees on a 1 GiB
 * machine (all zones), checking after every operation that no page is
 * handed out twice (an ownership bitmap), that blocks are aligned and in
 * an allowed zone, that NULL only comes when no allowed zone has a big
 * enough block, and that free counts are exact; the free lists are walked
 * in full every 100000 operations. HM_STRESS_SEED and HM_STRESS_OPS set
 * the seed and the operation count.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "tests/unit/check.h"
#include "tests/unit/machines.h"
#include "tests/unit/picture.h"

struct block { struct page *page; unsigned int order; };

static uint64_t rng_state;
static uint64_t rng(void)          /* xorshift64* */
{
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return rng_state * 0x2545F4914F6CDD1DULL;
}

static uint8_t *owned;             /* one bit per pfn: handed out */
static int bit(unsigned long pfn) { return owned[pfn >> 3] >> (pfn & 7) & 1; }
static void flip(unsigned long pfn) { owned[pfn >> 3] ^= (uint8_t)(1 << (pfn & 7)); }

/* Walk every free list: blocks are well-formed, not owned, not overlapping
 * (marked in a scratch bitmap), and add up to the zone counts. */
static unsigned long full_walk(uint8_t *seen)
{
    unsigned long bad = 0, p;
    int z;
    unsigned int o;

    memset(seen, 0, max_pfn / 8 + 1);
    for (z = 0; z < MAX_NR_ZONES; z++) {
        unsigned long pages = 0;
        for (o = 0; o < MAX_ORDER; o++) {
            struct list_head *pos;
            unsigned long n = 0;
            list_for_each(pos, &node_zones[z].free_area[o].free_list) {
                unsigned long pfn = page_to_pfn(list_entry(pos, struct page, lru));
                n++;
                bad += pfn & ((1UL << o) - 1) || (int)pfn_zone_idx(pfn) != z;
                for (p = pfn; p < pfn + (1UL << o); p++) {
                    bad += bit(p) || (seen[p >> 3] >> (p & 7) & 1) || PageReserved(pfn_to_page(p));
                    seen[p >> 3] |= (uint8_t)(1 << (p & 7));
                }
            }
            bad += n != node_zones[z].free_area[o].nr_free;
            pages += n << o;
        }
        bad += pages != node_zones[z].free_pages;
    }
    return bad;
}

int main(void)
{
    static const gfp_t gfps[] = { GFP_KERNEL, GFP_DMA, GFP_HIGHUSER, GFP_ATOMIC };
    const char *s_seed = getenv("HM_STRESS_SEED"), *s_ops = getenv("HM_STRESS_OPS");
    unsigned long ops = s_ops ? strtoul(s_ops, NULL, 0) : 1000000, i, nheld = 0, cap = 1UL << 16;
    unsigned long held_pages[MAX_NR_ZONES] = { 0 }, free0[MAX_NR_ZONES];
    unsigned long nalloc = 0, nfree = 0, nnull = 0, bad = 0, walks = 0, p;
    struct block *held = malloc(cap * sizeof(*held));
    struct picture before, after;
    struct timespec t0, t1;
    uint8_t *seen;
    int z;

    rng_state = s_seed ? strtoull(s_seed, NULL, 0) : (uint64_t)time(NULL) * 2654435761u;
    if (!rng_state)
        rng_state = 1;
    printf("# seed %llu (set HM_STRESS_SEED to repeat), %lu operations\n",
           (unsigned long long)rng_state, ops);
    sim_boot(map_1g, ARRAY_SIZE(map_1g), 36);
    buddy_only();                   /* test_pcp.c stresses the pcp lists */
    owned = calloc(max_pfn / 8 + 1, 1);
    seen = malloc(max_pfn / 8 + 1);
    picture_take(&before);
    for (z = 0; z < MAX_NR_ZONES; z++)
        free0[z] = node_zones[z].free_pages;

    clock_gettime(CLOCK_MONOTONIC, &t0);
    for (i = 0; i < ops && bad == 0; i++) {
        uint64_t r = rng();
        if (nheld && (nheld == cap || (r & 255) < 120)) {           /* free a random block */
            unsigned long k = (r >> 8) % nheld;
            struct block b = held[k];
            unsigned long pfn = page_to_pfn(b.page);
            held[k] = held[--nheld];
            for (p = pfn; p < pfn + (1UL << b.order); p++) {
                bad += !bit(p);
                flip(p);
            }
            held_pages[pfn_zone_idx(pfn)] -= 1UL << b.order;
            __free_pages(b.page, b.order);
            nfree++;
        } else {                                                    /* allocate */
            unsigned int order = (unsigned int)__builtin_ctzll((r >> 8) | (1ULL << 40)) % MAX_ORDER;
            gfp_t gfp = gfps[(r >> 50) & 3];
            struct page *page = alloc_pages(gfp, order);
            int top = gfp_zone(gfp);
            if (!page) {
                for (z = 0; z <= top; z++)
                    for (unsigned int o = order; o < MAX_ORDER; o++)
                        bad += node_zones[z].free_area[o].nr_free != 0;
                nnull++;
            } else {
                unsigned long pfn = page_to_pfn(page);
                bad += (pfn & ((1UL << order) - 1)) != 0 || (int)pfn_zone_idx(pfn) > top;
                for (p = pfn; p < pfn + (1UL << order); p++) {
                    bad += bit(p) || PageReserved(pfn_to_page(p));
                    flip(p);
                }
                held[nheld].page = page;
                held[nheld++].order = order;
                held_pages[pfn_zone_idx(pfn)] += 1UL << order;
                nalloc++;
            }
        }
        for (z = 0; z < MAX_NR_ZONES; z++)
            bad += node_zones[z].free_pages + held_pages[z] != free0[z];
        if (i % 100000 == 99999) {
            bad += full_walk(seen);
            walks++;
        }
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    CHECK_EQ(bad, 0, "stress: invariants held for %lu operations (stopped at %lu)", ops, i);
    CHECK(nnull > 0 && nalloc > ops / 3 && nfree > ops / 3,
          "stress: allocations, frees and NULLs all happened (%lu, %lu, %lu)", nalloc, nfree, nnull);
    while (nheld) {
        unsigned long pfn = page_to_pfn(held[--nheld].page);
        for (p = pfn; p < pfn + (1UL << held[nheld].order); p++)
            flip(p);
        __free_pages(held[nheld].page, held[nheld].order);
    }
    picture_take(&after);
    CHECK(picture_same(&before, &after), "stress: freeing everything restores the initial per-order picture");
    CHECK_EQ(full_walk(seen), 0, "stress: free lists consistent at the end");
    printf("# stress: %lu ops in %.3f s (%lu allocs, %lu frees, %lu NULL, %lu full walks)\n", i,
           (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9,
           nalloc, nfree, nnull, walks);
    free(held);
    free(owned);
    free(seen);
    sim_fini();
    return check_done();
}
