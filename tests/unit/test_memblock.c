/*
 * test_memblock.c - the boot region lists against synthetic memory maps:
 * unsorted, overlapping, zero-length, wrapping and out-of-reach entries,
 * firmware ranges over RAM, holes, reservations and the boot allocator.
 */
#include <string.h>
#include "tests/unit/check.h"
#include "tests/sim/sim.h"
#include "hm/memblock.h"

#define MiB (1ULL << 20)
#define GiB (1ULL << 30)

/* True when t holds exactly the n ranges [b0,e0), [b1,e1), ... */
static int type_is(const struct memblock_type *t, unsigned int n, const uint64_t *ranges)
{
    unsigned int i;

    if (t->cnt != n)
        return 0;
    for (i = 0; i < n; i++)
        if (t->regions[i].base != ranges[2 * i] ||
            memblock_region_end(&t->regions[i]) != ranges[2 * i + 1])
            return 0;
    return 1;
}

static void test_unsorted_overlapping(void)
{
    static const uint64_t want[] = { 1 * MiB, 4 * MiB, 5 * MiB, 6 * MiB, 8 * MiB, 9 * MiB };

    memblock_init();
    memblock_add_mb2(5 * MiB, 1 * MiB, MB2_MEM_AVAILABLE);
    memblock_add_mb2(8 * MiB, 1 * MiB, MB2_MEM_AVAILABLE);
    memblock_add_mb2(1 * MiB, 1 * MiB, MB2_MEM_AVAILABLE);
    memblock_add_mb2(10 * MiB, 0, MB2_MEM_AVAILABLE);              /* zero length */
    memblock_add_mb2(3 * MiB, 1 * MiB, MB2_MEM_AVAILABLE);         /* touches the next */
    memblock_add_mb2(1 * MiB + 512 * 1024, 2 * MiB, MB2_MEM_AVAILABLE); /* overlaps two */
    memblock_add_mb2(8 * MiB + 4096, 4096, MB2_MEM_AVAILABLE);     /* inside one */
    CHECK(type_is(&memblock.memory, 3, want), "unsorted, overlapping and zero-length entries merge");
    CHECK_EQ(memblock_phys_mem_size(), 5 * MiB, "merged RAM size");
}

static void test_firmware_wins(void)
{
    static const uint64_t mem[] = { 0, 0x9f000, 1 * MiB, 2 * MiB, 3 * MiB, 8 * MiB };
    static const uint64_t acpi[] = { 2 * MiB, 3 * MiB };
    static const uint64_t holes[] = { 0x9f000, 0x9fc00, 0xa0000, 0xf0000, 8 * MiB, 0xfffc0000 };
    struct memblock_type h;

    memblock_init();
    memblock_add_mb2(0, 0xa0000, MB2_MEM_AVAILABLE);                 /* BIOS claims too much */
    memblock_add_mb2(0x9fc00, 0x400, MB2_MEM_RESERVED);             /* EBDA wins */
    memblock_add_mb2(0xf0000, 0x10000, MB2_MEM_RESERVED);
    memblock_add_mb2(1 * MiB, 7 * MiB, MB2_MEM_AVAILABLE);
    memblock_add_mb2(2 * MiB, 1 * MiB, MB2_MEM_ACPI_RECLAIMABLE);   /* ACPI inside RAM */
    memblock_add_mb2(0xfffc0000, 0x40000, MB2_MEM_RESERVED);
    memblock_setup(36);
    CHECK(type_is(&memblock.memory, 3, mem), "reserved and ACPI ranges cut RAM, partial pages dropped");
    CHECK(type_is(&memblock.acpi, 1, acpi), "ACPI range listed");
    CHECK_EQ(memblock.fw_reserved.cnt, 3, "firmware reserved ranges listed");
    memblock_holes(&h);
    CHECK(type_is(&h, 3, holes), "holes are the gaps no list covers (a trimmed partial page included)");
    CHECK_EQ(memblock.ignored_bytes, 0, "nothing ignored below 64 GiB");
    CHECK(memblock.reserved.cnt >= 2 && memblock.reserved.regions[0].base == 0,
          "setup reserves page 0 and the AP trampoline");
}

static void test_wrap_and_cap(void)
{
    char log[4096];
    static const uint64_t mem[] = { 0, 64 * GiB };

    memblock_init();
    memblock_add_mb2(0xFFFFFFFFFFFFF000ULL, 0x2000, MB2_MEM_AVAILABLE); /* wraps */
    memblock_add_mb2(4 * GiB, 76 * GiB, MB2_MEM_AVAILABLE);           /* 4..80 GiB */
    memblock_add_mb2(0, 4 * GiB, MB2_MEM_AVAILABLE);
    CHECK_EQ(memblock_region_end(&memblock.memory.regions[memblock.memory.cnt - 1]),
             ~0ULL, "a range past 2^64 is cut at 2^64");
    sim_capture(log, sizeof(log));
    memblock_setup(36);
    sim_capture(NULL, 0);
    CHECK(type_is(&memblock.memory, 1, mem), "RAM at and above 64 GiB dropped with MAXPHYADDR 36");
    /* 64..80 GiB plus the wrapped entry, which ends one byte short of 2^64 */
    CHECK_EQ(memblock.ignored_bytes, 16 * GiB + 0xfff, "phys_ignored_bytes counts what was dropped");
    CHECK(strstr(log, "ignoring 16384 MiB") && !strchr(strchr(log, '\n') + 1, 'i'),
          "one log line says how much was ignored");

    memblock_init();
    memblock_add_mb2(0, 80 * GiB, MB2_MEM_AVAILABLE);
    memblock_setup(40);
    CHECK_EQ(memblock_end_of_DRAM(), 64 * GiB, "MAXPHYADDR 40 still capped at the 64 GiB this build maps");

    memblock_init();
    memblock_add_mb2(0, 6 * GiB, MB2_MEM_AVAILABLE);
    memblock_setup(32);
    CHECK_EQ(memblock_end_of_DRAM(), 4 * GiB, "MAXPHYADDR 32 drops RAM above 4 GiB");
    CHECK_EQ(memblock.ignored_bytes, 2 * GiB, "MAXPHYADDR 32 ignored bytes");

    memblock_init();
    memblock_add_mb2(0, 64 * MiB, MB2_MEM_AVAILABLE);
    if (sim_expect_panic() == 0) {
        memblock_setup(20);
        CHECK(0, "MAXPHYADDR 20 is refused");
    } else {
        CHECK(strstr(sim_panic_msg, "outside 32..52") != NULL, "MAXPHYADDR 20 is refused");
    }
    sim_disarm_panic();
}

static void test_reserve_and_free_ranges(void)
{
    phys_addr_t from = 0, b, e;
    uint64_t got[8];
    unsigned int n = 0;
    static const uint64_t want[] = { 0x1000, 0x8000, 0x9000, 1 * MiB, 2 * MiB, 3 * MiB,
                                     4 * MiB, 6 * MiB };

    memblock_init();
    memblock_add(0, 1 * MiB);
    memblock_add(1 * MiB, 5 * MiB);
    memblock_reserve(3 * MiB, 1 * MiB);
    memblock_reserve(1 * MiB, 512 * 1024);
    memblock_reserve(1 * MiB + 256 * 1024, 768 * 1024);    /* overlaps, extends */
    memblock_reserve(7 * MiB, 1 * MiB);                     /* outside RAM: harmless */
    memblock_setup(36);
    while (n < 8 && memblock_next_free_range(from, &b, &e)) {
        got[n++] = b;
        got[n++] = e;
        from = e;
    }
    CHECK(n == 8 && memcmp(got, want, sizeof(want)) == 0, "free ranges are RAM minus reservations");
}

/* True when [b, e) lies inside one RAM region and touches no reservation. */
static int range_is_free(phys_addr_t b, phys_addr_t e)
{
    unsigned int i, in_ram = 0;

    for (i = 0; i < memblock.memory.cnt; i++)
        in_ram |= memblock.memory.regions[i].base <= b &&
                  e <= memblock_region_end(&memblock.memory.regions[i]);
    for (i = 0; i < memblock.reserved.cnt; i++)
        if (memblock.reserved.regions[i].base < e &&
            b < memblock_region_end(&memblock.reserved.regions[i]))
            return 0;
    return in_ram && b < e;
}

/* A reservation that straddles a RAM hole must still cut the RAM region
 * after the hole: the walk's reserved-list cursor may not skip it. */
static void test_reservation_across_hole(void)
{
    phys_addr_t from = 0, b, e;
    uint64_t got[8];
    unsigned int n = 0, bad = 0;
    static const uint64_t want[] = { 0x1000, 0x8000, 0x9000, 0x9e000, 0x101000, 64 * MiB };

    memblock_init();
    memblock_add(0, 0x9f000);
    memblock_add(1 * MiB, 63 * MiB);
    memblock_reserve(0x9e000, 0x101000 - 0x9e000);
    memblock_setup(36);
    while (n < 8 && memblock_next_free_range(from, &b, &e)) {
        bad += !range_is_free(b, e);
        got[n++] = b;
        got[n++] = e;
        from = e;
    }
    CHECK_EQ(bad, 0, "free ranges across a RAM hole miss a reservation that spans the hole");
    CHECK(n == 6 && memcmp(got, want, sizeof(want)) == 0,
          "free ranges across a RAM hole: [0x1000,0x8000) [0x9000,0x9e000) [0x101000,64M)");

    /* One reservation over a whole small region and into the next two. */
    memblock_init();
    memblock_add(0, 0x9f000);
    memblock_add(1 * MiB, 1 * MiB);
    memblock_add(3 * MiB, 1 * MiB);
    memblock_add(5 * MiB, 1 * MiB);
    memblock_reserve(0x9000, 3 * MiB + 0x1000 - 0x9000);    /* to 3 MiB + 4 KiB */
    memblock_setup(36);
    n = bad = 0;
    from = 0;
    while (n < 8 && memblock_next_free_range(from, &b, &e)) {
        bad += !range_is_free(b, e);
        got[n++] = b;
        got[n++] = e;
        from = e;
    }
    CHECK(bad == 0 && n == 6 && got[2] == 3 * MiB + 0x1000 && got[4] == 5 * MiB,
          "a reservation over several holes cuts every region it reaches");
}

static void test_alloc(void)
{
    phys_addr_t a, c;
    uint8_t *p;

    sim_init(64 * MiB);
    memblock_init();
    memblock_add(0, 64 * MiB);
    memblock_reserve(60 * MiB, 4 * MiB);
    memblock_setup(36);
    a = memblock_phys_alloc(3 * PAGE_SIZE, PAGE_SIZE, 64 * MiB);
    CHECK_EQ(a, 60 * MiB - 3 * PAGE_SIZE, "allocation comes from the top of free RAM");
    c = memblock_phys_alloc(PAGE_SIZE, 2 * MiB, 64 * MiB);
    CHECK_EQ(c, 58 * MiB, "allocation honours alignment");
    a = memblock_phys_alloc(PAGE_SIZE, PAGE_SIZE, 16 * MiB);
    CHECK_EQ(a, 16 * MiB - PAGE_SIZE, "allocation honours the limit");
    p = sim_ram + 8 * MiB;
    memset(p, 0xab, 2 * PAGE_SIZE);
    memblock_reserve(8 * MiB + 2 * PAGE_SIZE, 8 * MiB);
    CHECK(memblock_alloc_low(100, PAGE_SIZE, 16 * MiB) == p + PAGE_SIZE &&
          p[PAGE_SIZE] == 0 && p[2 * PAGE_SIZE - 1] == 0, "memblock_alloc_low zeroes whole pages");
    if (sim_expect_panic() == 0) {
        memblock_phys_alloc(128 * MiB, PAGE_SIZE, 64 * MiB);
        CHECK(0, "an allocation that cannot fit panics");
    } else {
        CHECK(strstr(sim_panic_msg, "cannot allocate") != NULL, "an allocation that cannot fit panics");
    }
    sim_disarm_panic();
    sim_fini();
}

static void test_too_many_regions(void)
{
    unsigned int i;

    memblock_init();
    if (sim_expect_panic() == 0) {
        for (i = 0; i <= MEMBLOCK_MAX_REGIONS; i++)
            memblock_add(i * 2 * MiB, MiB);
        CHECK(0, "more regions than fit panic");
    } else {
        CHECK(strstr(sim_panic_msg, "more than 128 memory regions") != NULL,
              "more regions than fit panic");
    }
    sim_disarm_panic();
}

int main(void)
{
    test_unsorted_overlapping();
    test_firmware_wins();
    test_wrap_and_cap();
    test_reserve_and_free_ranges();
    test_reservation_across_hole();
    test_alloc();
    test_too_many_regions();
    return check_done();
}
