/*
 * sim_tlb.c - a simulated TLB per simulated CPU, in front of the page
 * walk (sim_translate). An access through sim_read32/sim_write32 first
 * looks in the current CPU's TLB; on a miss it walks the tables and, if
 * the page is present, caches the translation. Entries go away only on
 * arch_invlpg (that page), arch_flush_tlb_local (non-global entries) and
 * arch_flush_tlb_global (all), on the CPU that runs them - never because
 * a PTE changed. So a missing flush shows up as a stale read.
 * Direct-mapped by virtual page number, SIM_TLB_SETS sets: every pkmap
 * and fixmap page has a set of its own, so nothing there is evicted by a
 * conflict.
 */
#include <string.h>
#include "tests/sim/sim.h"

#define SIM_TLB_SETS 4096

struct sim_tlb_entry {
    unsigned long vpn;          /* virtual page + 1; 0 = empty */
    uint64_t phys;              /* physical page */
    bool global;
};

static struct sim_tlb_entry sim_tlb[NR_CPUS][SIM_TLB_SETS];
int sim_cpu;
int sim_ncpus = 1;
bool sim_tlb_ignore_flushes;
unsigned long sim_tlb_hits, sim_tlb_misses;

void sim_tlb_reset(void)
{
    memset(sim_tlb, 0, sizeof(sim_tlb));
    sim_tlb_hits = sim_tlb_misses = 0;
    sim_tlb_ignore_flushes = false;
}

/* The PTE flags of va's leaf entry (PDE for a 2 MiB page). */
static bool leaf_is_global(unsigned long va)
{
    pteval_t pde = arch_kernel_pmd()[(va >> PMD_SHIFT) & (PTRS_PER_PMD - 1)];

    if (pde & _PAGE_PSE)
        return pde & _PAGE_GLOBAL;
    return pte_read((pteval_t *)(sim_ram + pte_phys(pde)) +
                    ((va >> PAGE_SHIFT) & (PTRS_PER_PTE - 1))) & _PAGE_GLOBAL;
}

uint64_t sim_tlb_translate(unsigned long va)
{
    unsigned long vpn = va >> PAGE_SHIFT;
    struct sim_tlb_entry *e = &sim_tlb[sim_cpu][vpn % SIM_TLB_SETS];
    uint64_t pa;

    if (e->vpn == vpn + 1) {
        sim_tlb_hits++;
        return e->phys + (va & (PAGE_SIZE - 1));
    }
    sim_tlb_misses++;
    pa = sim_translate(va);
    if (pa == SIM_NO_PAGE)
        return pa;
    e->vpn = vpn + 1;
    e->phys = pa & ~(uint64_t)(PAGE_SIZE - 1);
    e->global = leaf_is_global(va);
    return pa;
}

bool sim_tlb_cached(unsigned long va)
{
    unsigned long vpn = va >> PAGE_SHIFT;

    return sim_tlb[sim_cpu][vpn % SIM_TLB_SETS].vpn == vpn + 1;
}

bool sim_read32(unsigned long va, uint32_t *val)
{
    uint64_t pa = sim_tlb_translate(va);

    if (pa == SIM_NO_PAGE || pa + 4 > sim_ram_bytes)
        return false;
    memcpy(val, sim_ram + pa, 4);
    return true;
}

bool sim_write32(unsigned long va, uint32_t val)
{
    uint64_t pa = sim_tlb_translate(va);

    if (pa == SIM_NO_PAGE || pa + 4 > sim_ram_bytes)
        return false;
    memcpy(sim_ram + pa, &val, 4);
    return true;
}

void arch_invlpg(unsigned long va)
{
    unsigned long vpn = va >> PAGE_SHIFT;
    struct sim_tlb_entry *e = &sim_tlb[sim_cpu][vpn % SIM_TLB_SETS];

    sim_count.invlpg++;
    if (!sim_tlb_ignore_flushes && e->vpn == vpn + 1)
        e->vpn = 0;
}

void arch_flush_tlb_local(void)
{
    sim_count.flush_local++;
    if (sim_tlb_ignore_flushes)
        return;
    for (int i = 0; i < SIM_TLB_SETS; i++)
        if (!sim_tlb[sim_cpu][i].global)
            sim_tlb[sim_cpu][i].vpn = 0;
}

void arch_flush_tlb_global(void)
{
    sim_count.flush_global++;
    if (!sim_tlb_ignore_flushes)
        memset(sim_tlb[sim_cpu], 0, sizeof(sim_tlb[sim_cpu]));
}

int arch_cpu_id(void) { return sim_cpu; }

/* hm's per-CPU bytes (hm/arch.h): one block per simulated CPU. sim_init
 * leaves them alone; hm's set-up (kmap_init) fills them. */
static uint64_t sim_percpu_hm[NR_CPUS][ARCH_PERCPU_HM_BYTES / 8];

void *arch_this_cpu_hm(void) { return arch_per_cpu_hm(sim_cpu); }

void *arch_per_cpu_hm(int cpu)
{
    if (cpu < 0 || cpu >= NR_CPUS)
        arch_panic("BUG: arch_per_cpu_hm: CPU %d outside 0..%d", cpu, NR_CPUS - 1);
    return sim_percpu_hm[cpu];
}
int arch_num_cpus(void) { return sim_ncpus; }

/* arch_on_cpus: fn on each simulated CPU whose bit is set, the caller's
 * included, in CPU order, sim_cpu switched. */
void arch_on_cpus(unsigned long mask, void (*fn)(void *), void *arg)
{
    int self = sim_cpu;

    for (int c = 0; c < sim_ncpus; c++) {
        if (!(mask & (1UL << c)))
            continue;
        sim_cpu = c;
        fn(arg);
    }
    sim_cpu = self;
}
