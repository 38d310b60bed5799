/*
 * test_tlbmodel.c - the TLB model of tools/tlbmodel (tlb.h) on its own:
 * the geometry argument, set-associative placement, LRU replacement,
 * separate 4 KiB and 2 MiB entries, invlpg and the two full flushes, and
 * the L1 / STLB / walk path of one CPU.
 */
#include "check.h"
#include "tools/tlbmodel/tlb.h"

#define PG(n) ((uint32_t)(n) << 12)             /* the n-th 4 KiB page */

static void test_geom_parse(void)
{
    struct tlb_geom g = { 0, 0 };

    CHECK(tlb_geom_parse("96:6", &g) == 0 && g.entries == 96 && g.ways == 6, "geometry 96:6 parses");
    CHECK(tlb_geom_parse("1:1", &g) == 0 && g.entries == 1 && g.ways == 1, "geometry 1:1 parses");
    CHECK(tlb_geom_parse("96:5", &g) == -1, "geometry 96:5 refused (not a multiple)");
    CHECK(tlb_geom_parse("0:1", &g) == -1, "geometry 0:1 refused");
    CHECK(tlb_geom_parse("96:", &g) == -1, "geometry 96: refused");
    CHECK(tlb_geom_parse("96:6x", &g) == -1, "geometry 96:6x refused");
    CHECK(tlb_geom_parse("", &g) == -1, "empty geometry refused");
    CHECK(tlb_geom_parse("99999999:1", &g) == -1, "huge geometry refused");
    CHECK(g.entries == 1 && g.ways == 1, "a refused geometry leaves the old one");
}

/* 8 entries, 2 ways: 4 sets; pages 0, 4, 8 share set 0. */
static void test_lru(void)
{
    struct tlb_array a;

    CHECK(tlb_array_init(&a, (struct tlb_geom){ 8, 2 }) == 0, "8:2 array");
    tlb_array_insert(&a, PG(0), false, true);
    tlb_array_insert(&a, PG(4), false, true);
    tlb_array_insert(&a, PG(1), false, true);
    CHECK(tlb_array_lookup(&a, PG(0), false), "page 0 hits");      /* now 4 is the LRU way */
    tlb_array_insert(&a, PG(8), false, true);
    CHECK(!tlb_array_lookup(&a, PG(4), false), "LRU: page 4 was the one evicted");
    CHECK(tlb_array_lookup(&a, PG(0), false) && tlb_array_lookup(&a, PG(8), false),
          "LRU: pages 0 and 8 stay");
    CHECK(tlb_array_lookup(&a, PG(1), false), "another set is untouched");
    CHECK_EQ(tlb_array_count(&a), 3, "three valid entries");
    tlb_array_free(&a);

    /* A cycle of ways + 1 pages through one set misses every time. */
    CHECK(tlb_array_init(&a, (struct tlb_geom){ 4, 4 }) == 0, "4:4 array");
    unsigned misses = 0;
    for (int round = 0; round < 3; round++)
        for (uint32_t p = 0; p < 5; p++)
            if (!tlb_array_lookup(&a, PG(p), false)) {
                misses++;
                tlb_array_insert(&a, PG(p), false, true);
            }
    CHECK_EQ(misses, 15, "LRU: 5 pages cycled through 4 ways miss every time");
    tlb_array_free(&a);
}

static void test_sizes(void)
{
    struct tlb_array a;
    uint32_t va = 0xC0123000;

    CHECK(tlb_array_init(&a, (struct tlb_geom){ 16, 4 }) == 0, "16:4 array");
    tlb_array_insert(&a, va, true, true);
    CHECK(tlb_array_lookup(&a, va, true), "2 MiB entry hits");
    CHECK(tlb_array_lookup(&a, 0xC01FF000, true), "the same 2 MiB entry covers another 4 KiB page in it");
    CHECK(!tlb_array_lookup(&a, va, false), "a 2 MiB entry is no 4 KiB entry");
    tlb_array_insert(&a, PG(5), false, false);
    CHECK(!tlb_array_lookup(&a, PG(5), true), "a 4 KiB entry is no 2 MiB entry");
    tlb_array_free(&a);
}

static void test_flushes(void)
{
    struct tlb_array a;

    CHECK(tlb_array_init(&a, (struct tlb_geom){ 16, 4 }) == 0, "16:4 array");
    tlb_array_insert(&a, PG(1), false, true);           /* global 4 KiB */
    tlb_array_insert(&a, PG(2), false, false);          /* non-global 4 KiB */
    tlb_array_insert(&a, 0xC0000000, true, true);       /* global 2 MiB */
    tlb_array_insert(&a, 0x00200000, true, false);      /* non-global 2 MiB */
    CHECK_EQ(tlb_array_flush_page(&a, PG(1)), 1, "invlpg drops the 4 KiB page's entry");
    CHECK(!tlb_array_lookup(&a, PG(1), false) && tlb_array_lookup(&a, PG(2), false),
          "invlpg leaves the other pages");
    CHECK_EQ(tlb_array_flush_page(&a, 0xC0100000), 1, "invlpg inside a 2 MiB page drops it");
    CHECK_EQ(tlb_array_flush_page(&a, PG(9)), 0, "invlpg of an absent page drops nothing");
    tlb_array_insert(&a, PG(1), false, true);
    tlb_array_insert(&a, 0xC0000000, true, true);
    CHECK_EQ(tlb_array_flush(&a, true), 2, "CR3 reload drops the two non-global entries");
    CHECK(tlb_array_lookup(&a, PG(1), false) && tlb_array_lookup(&a, 0xC0000000, true),
          "CR3 reload keeps the global ones");
    CHECK_EQ(tlb_array_flush(&a, false), 2, "global flush drops the rest");
    CHECK_EQ(tlb_array_count(&a), 0, "global flush leaves nothing");
    tlb_array_free(&a);
}

static void test_cpu(void)
{
    struct tlb_config cfg = { { 4, 4 }, { 2, 2 }, { 4, 4 }, { 2, 2 }, { 16, 4 } };
    struct tlb_cpu c;

    CHECK(tlb_cpu_init(&c, &tlb_default_config) == 0, "the default geometry builds");
    tlb_cpu_free(&c);
    cfg.stlb.ways = 3;
    CHECK(tlb_cpu_init(&c, &cfg) == -1, "a bad STLB geometry is refused");
    cfg.stlb.ways = 4;
    CHECK(tlb_cpu_init(&c, &cfg) == 0, "small geometry builds");
    CHECK(tlb_cpu_access(&c, false, PG(1), false, true) == TLB_WALK, "first access walks");
    CHECK(tlb_cpu_access(&c, false, PG(1), false, true) == TLB_L1_HIT, "second access hits L1");
    CHECK(tlb_cpu_access(&c, true, PG(1), false, true) == TLB_STLB_HIT,
          "a fetch of a page the data side loaded hits the shared STLB");
    for (uint32_t p = 2; p < 6; p++)                     /* 4 more pages: L1D (4 entries) drops page 1 */
        tlb_cpu_access(&c, false, PG(p), false, true);
    CHECK(tlb_cpu_access(&c, false, PG(1), false, true) == TLB_STLB_HIT,
          "past the L1's capacity the STLB still has the page");
    tlb_cpu_access(&c, false, PG(7), false, false);
    CHECK_EQ(tlb_cpu_flush(&c, true), 2, "CR3 reload drops the non-global page from L1D and STLB");
    CHECK(tlb_cpu_access(&c, false, PG(7), false, false) == TLB_WALK, "the non-global page walks again");
    CHECK_EQ(tlb_cpu_flush_page(&c, PG(1)), 3, "invlpg drops the page from L1D, L1I and STLB");
    CHECK(tlb_cpu_access(&c, false, PG(1), false, true) == TLB_WALK, "after invlpg the page walks");
    tlb_cpu_flush(&c, false);
    CHECK(tlb_cpu_access(&c, false, PG(2), false, true) == TLB_WALK, "after a global flush a global page walks");
    tlb_cpu_free(&c);
}

int main(void)
{
    test_geom_parse();
    test_lru();
    test_sizes();
    test_flushes();
    test_cpu();
    return check_done();
}
