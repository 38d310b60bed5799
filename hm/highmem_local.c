/*
 * highmem_local.c - the slow halves of kmap_atomic / kmap_local_page: the
 * per-CPU slot stacks' set-up and the BUG reports. The fast paths (one PTE
 * write to map; PTE clear + local invlpg to unmap) are inline in
 * highmem.h. Nothing is disabled around a slot: hmbench has no preemption
 * and no task migration, which is all Linux's preempt/pagefault disabling
 * protects against.
 */
#include "hm/highmem.h"

unsigned long kmap_slot_vpn[NR_CPUS][KM_MAX_IDX + 1];

_Static_assert(sizeof(struct kmap_ctrl) <= ARCH_PERCPU_HM_BYTES,
               "kmap_ctrl must fit in hm's per-CPU bytes");

/* Guest addresses of every CPU's slots: [KMAP_LOCAL_START, KMAP_LOCAL_END). */
#define KMAP_LOCAL_START __fix_to_virt(FIX_KMAP_END)
#define KMAP_LOCAL_END   (__fix_to_virt(FIX_KMAP_BEGIN) + PAGE_SIZE)

void kmap_local_init(void)
{
    int cpu;
    unsigned int i;

    for (i = FIX_KMAP_BEGIN; i <= FIX_KMAP_END; i++) {
        BUG_ON(kmap_slot_pte(__fix_to_virt(i) >> PAGE_SHIFT) != arch_fixmap_pte(i));
        pte_clear(arch_fixmap_pte(i));
    }
    for (cpu = 0; cpu < NR_CPUS; cpu++) {
        unsigned long *v = kmap_slot_vpn[cpu];
        struct kmap_ctrl *c = arch_per_cpu_hm(cpu);

        v[0] = KMAP_NO_VPN;
        for (i = 0; i < KM_MAX_IDX; i++)
            v[i + 1] = __fix_to_virt(FIX_KMAP_BEGIN + KM_MAX_IDX * cpu + i) >> PAGE_SHIFT;
        c->newest = &v[0];
        c->full = &v[KM_MAX_IDX];
    }
}

void kmap_local_overflow(void)
{
    arch_panic("BUG: kmap_atomic: nested deeper than KM_MAX_IDX (%d) on CPU %d",
               KM_MAX_IDX, arch_cpu_id());
}

/* kunmap_local_bug: the report for an unmap of a slot that is not this
 * CPU's newest (or of a slot with none in use). Out of line and cold, so
 * the lowmem no-op above it stays short. */
static void __attribute__((noreturn, cold, noinline)) kunmap_local_bug(unsigned long va)
{
    const struct kmap_ctrl __percpu_hm *c = this_kmap_ctrl();
    int depth = kmap_local_depth();

    if (depth == 0)
        arch_panic("BUG: kunmap_atomic(0x%08lx): no kmap_atomic slot in use on CPU %d",
                   va, arch_cpu_id());
    arch_panic("BUG: kunmap_atomic(0x%08lx) out of order on CPU %d: the newest of %d "
               "slots in use is 0x%08lx", va, arch_cpu_id(), depth, *c->newest << PAGE_SHIFT);
}

void KMAP_SLOWCALL kunmap_local_slow(const void *addr)
{
    unsigned long va = (unsigned long)addr & PAGE_MASK;

    if (va - KMAP_LOCAL_START < KMAP_LOCAL_END - KMAP_LOCAL_START)
        kunmap_local_bug(va);
    /* a guest address past the direct map (vmalloc, pkmap, fixmap), or
     * anything __pa does not place in lowmem */
    if ((va >= high_memory && ((uint64_t)va >> 32) == 0) ||
        __pa(addr) >= ((phys_addr_t)max_low_pfn << PAGE_SHIFT))
        arch_panic("BUG: kunmap_atomic(%p): neither a kmap_atomic slot nor a lowmem "
                   "address", addr);
    /* lowmem: kmap_atomic mapped nothing */
}
