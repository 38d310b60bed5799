/*
 * test_highmem_wait.c - a full pkmap: on one CPU kmap panics with the
 * exhaustion message, on two it waits until another CPU kunmaps (driven
 * through the simulator's relax hook), then takes the freed slot after one
 * flush; and the kunmap BUG lines.
 */
#include <stdlib.h>
#include "tests/unit/hm_pages.h"

static struct page *pg[LAST_PKMAP + 2];
static int spins;

/* "CPU 1": after a few turns of the waiter's spin, kunmap pg[7]. */
static void cpu1_kunmaps(void)
{
    if (++spins == 5) {
        sim_cpu = 1;
        kunmap(pg[7]);
        sim_cpu = 0;
    }
}

static void test_exhaust_one_cpu(void)
{
    bool ok;

    for (int i = 0; i < LAST_PKMAP; i++)
        kmap(pg[i]);
    ok = PANICS_WITH(kmap(pg[LAST_PKMAP]), "kmap: pkmap pool exhausted: all 512 entries in use on one CPU");
    CHECK(ok, "one CPU, 513th kmap with all 512 in use: the exhaustion panic (%s)", sim_panic_msg);
    CHECK(!spin_is_locked(&kmap_lock), "kmap_lock is released before the panic");
}

static void test_wait_two_cpus(void)
{
    unsigned long old = (unsigned long)page_address(pg[7]), va, g = sim_count.flush_global;

    sim_ncpus = 2;
    sim_relax_hook = cpu1_kunmaps;
    va = (unsigned long)kmap(pg[LAST_PKMAP]);
    sim_relax_hook = NULL;
    CHECK(spins >= 5, "two CPUs: the 513th kmap waited (%d spins) instead of panicking", spins);
    CHECK(va == old && page_address(pg[7]) == NULL && page_address(pg[LAST_PKMAP]) == (void *)va,
          "and then took the slot the other CPU's kunmap freed");
    CHECK_EQ(sim_count.flush_global - g, 2, "after one flush of the pkmap on both CPUs");
    CHECK_EQ(pkmap_waiters, 0, "no waiter left");
    sim_ncpus = 1;
}

static void test_bugs(void)
{
    struct page *p = alloc_page(__GFP_HIGHMEM);

    CHECK(PANICS_WITH(kunmap(p), "BUG: kunmap_high: pfn"), "kunmap of a page never kmapped is a BUG (%s)", sim_panic_msg);
    kmap(p);
    kunmap(p);
    CHECK(PANICS_WITH(kunmap(p), "unmapped more often than mapped"), "one kunmap too many is a BUG (%s)", sim_panic_msg);
    CHECK(!spin_is_locked(&kmap_lock), "kmap_lock is released before the BUG");
}

int main(void)
{
    boot_1g();
    take_high(pg, LAST_PKMAP + 2);
    test_exhaust_one_cpu();
    boot_1g();                       /* a fresh pkmap: everything above is held */
    take_high(pg, LAST_PKMAP + 2);
    for (int i = 0; i < LAST_PKMAP; i++)
        kmap(pg[i]);
    test_wait_two_cpus();
    boot_1g();
    test_bugs();
    sim_fini();
    return check_done();
}
