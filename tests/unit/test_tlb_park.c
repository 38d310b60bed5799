/*
 * test_tlb_park.c - parked CPUs (set_cpu_active) on the simulator: a
 * parked CPU takes no shootdowns (its counters stay still and a stale
 * translation survives a pkmap wrap on it, which proves the next check can
 * fail), rejoining gives it exactly one global flush and the stale entry
 * is gone; num_active_cpus follows; a full pkmap with every other CPU
 * parked is the one-CPU exhaustion panic, not an endless wait; misuse is
 * a BUG.
 */
#include <stdlib.h>
#include "tests/unit/hm_pages.h"

#define NCPU 4
#define PARKED 2

static struct page *pg[LAST_PKMAP + 2];

/* read32 as simulated CPU cpu: true when va translates (no fault). */
static bool read_as(int cpu, unsigned long va, uint32_t *v)
{
    int self = sim_cpu;
    bool ok;

    sim_cpu = cpu;
    ok = sim_read32(va, v);
    sim_cpu = self;
    return ok;
}

static void test_counts_and_mask(void)
{
    struct tlb_counts c[NCPU];
    bool others = true;

    CHECK_EQ(num_active_cpus(), NCPU, "every online CPU is active at the start");
    set_cpu_active(PARKED, false);
    CHECK(!cpu_active(PARKED) && cpu_active(1) && cpu_active(0), "cpu_active tells the parked CPU");
    CHECK_EQ(num_active_cpus(), NCPU - 1, "num_active_cpus leaves the parked CPU out");
    memcpy(c, tlb_counts, sizeof(c));
    flush_tlb_all();
    flush_tlb_kernel_range(PKMAP_BASE, PKMAP_BASE + 2 * PAGE_SIZE);
    for (int i = 0; i < NCPU; i++)
        if (i != PARKED)
            others &= tlb_counts[i].global == c[i].global + 1 && tlb_counts[i].one == c[i].one + 2;
    CHECK(others, "the active CPUs take flush_tlb_all and a 2-page range flush");
    CHECK(tlb_counts[PARKED].global == c[PARKED].global && tlb_counts[PARKED].one == c[PARKED].one,
          "the parked CPU takes neither");
    set_cpu_active(PARKED, false);
    CHECK_EQ(num_active_cpus(), NCPU - 1, "parking twice counts once");
    set_cpu_active(PARKED, true);
    CHECK_EQ(tlb_counts[PARKED].global, c[PARKED].global + 1, "rejoining is one global flush on it");
    CHECK_EQ(num_active_cpus(), NCPU, "and it counts again");
    set_cpu_active(PARKED, true);
    CHECK_EQ(tlb_counts[PARKED].global, c[PARKED].global + 1, "rejoining an active CPU flushes nothing");
}

/* A pkmap slot the parked CPU cached is cleared by a wrap it does not
 * take: the stale translation is still there; after the rejoin it is not. */
static void test_stale_survives_until_rejoin(void)
{
    unsigned long va;
    uint32_t v = 0;
    int i;

    kmap_flush_unused();
    va = (unsigned long)kmap(pg[0]);
    *phys_word(pg[0]) = 0x9A7CED00;
    CHECK(read_as(PARKED, va, &v) && v == 0x9A7CED00, "the CPU to be parked caches a kmap slot");
    kunmap(pg[0]);
    set_cpu_active(PARKED, false);
    for (i = 1; i <= LAST_PKMAP; i++) {         /* misses until the scan wraps */
        unsigned int nr = last_pkmap_nr;

        kmap(pg[i]);
        kunmap(pg[i]);
        if (last_pkmap_nr < nr)
            break;
    }
    CHECK(page_address(pg[0]) == NULL && !pte_present(*virt_to_kpte(va)),
          "a wrap cleared that slot (0x%lx) while the CPU was parked", va);
    CHECK(read_as(PARKED, va, &v) && v == 0x9A7CED00,
          "the parked CPU still reads through its stale entry (the control)");
    set_cpu_active(PARKED, true);
    CHECK(!read_as(PARKED, va, &v), "after rejoining, the stale translation is gone: a read faults");
}

static void test_exhaust_with_others_parked(void)
{
    bool ok;

    for (int c = 1; c < NCPU; c++)
        set_cpu_active(c, false);
    kmap_flush_unused();
    for (int i = 0; i < LAST_PKMAP; i++)
        kmap(pg[i]);
    ok = PANICS_WITH(kmap(pg[LAST_PKMAP]), "kmap: pkmap pool exhausted");
    CHECK(ok, "a full pkmap with every other CPU parked panics, not waits (%s)", sim_panic_msg);
    for (int c = 1; c < NCPU; c++)
        set_cpu_active(c, true);
}

static void test_bugs(void)
{
    CHECK(PANICS_WITH(set_cpu_active(0, false), "BUG: "), "parking the calling CPU is a BUG (%s)",
          sim_panic_msg);
    CHECK(PANICS_WITH(set_cpu_active(NR_CPUS, false), "BUG: "), "a CPU number past NR_CPUS is a BUG");
    CHECK(!cpu_active(-1) && !cpu_active(NR_CPUS), "cpu_active of no CPU is false");
}

int main(void)
{
    boot_1g();
    take_high(pg, LAST_PKMAP + 2);
    sim_ncpus = NCPU;
    test_counts_and_mask();
    test_stale_survives_until_rejoin();
    test_exhaust_with_others_parked();
    test_bugs();
    sim_fini();
    return check_done();
}
