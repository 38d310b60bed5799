/*
 * highmem_local.c - the slow halves of kmap_atomic / kmap_local_page: the
 * per-CPU slot stacks' set-up and the BUG reports. The fast paths (one PTE
 * write to map; PTE clear + local invlpg to unmap) are inline in
 * highmem.h. Nothing is disabled around a slot: hmbench has no preemption
 * and no task migration, which is all Linux's preempt/pagefault disabling
 * protects against.
 */
#include "highmem.h"

struct kmap_ctrl kmap_ctrl[NR_CPUS];
unsigned long kmap_slot_va[NR_CPUS][KM_MAX_IDX + 1];

/* Guest addresses of every CPU's slots: [KMAP_LOCAL_START, KMAP_LOCAL_END). */
#define KMAP_LOCAL_START __fix_to_virt(FIX_KMAP_END)
#define KMAP_LOCAL_END   (__fix_to_virt(FIX_KMAP_BEGIN) + PAGE_SIZE)

void kmap_local_init(void)
{
    int cpu;
    unsigned int i;

    for (i = FIX_KMAP_BEGIN; i <= FIX_KMAP_END; i++) {
        BUG_ON(kmap_slot_pte(__fix_to_virt(i)) != arch_fixmap_pte(i));
        pte_clear(arch_fixmap_pte(i));
    }
    for (cpu = 0; cpu < NR_CPUS; cpu++) {
        unsigned long *v = kmap_slot_va[cpu];

        v[0] = 1;
        for (i = 0; i < KM_MAX_IDX; i++)
            v[i + 1] = __fix_to_virt(FIX_KMAP_BEGIN + KM_MAX_IDX * cpu + i);
        kmap_ctrl[cpu].newest = &v[0];
        kmap_ctrl[cpu].full = &v[KM_MAX_IDX];
    }
}

void kmap_local_overflow(void)
{
    arch_panic("BUG: kmap_atomic: nested deeper than KM_MAX_IDX (%d) on CPU %d",
               KM_MAX_IDX, arch_cpu_id());
}

void KMAP_SLOWCALL kunmap_local_slow(const void *addr)
{
    const struct kmap_ctrl *c = &kmap_ctrl[arch_cpu_id()];
    unsigned long va = (unsigned long)addr & PAGE_MASK;
    int depth = kmap_local_depth();

    if (va - KMAP_LOCAL_START >= KMAP_LOCAL_END - KMAP_LOCAL_START) {
        /* a guest address past the direct map (vmalloc, pkmap, fixmap), or
         * anything __pa does not place in lowmem */
        if ((va >= high_memory && ((uint64_t)va >> 32) == 0) ||
            __pa(addr) >= ((phys_addr_t)max_low_pfn << PAGE_SHIFT))
            arch_panic("BUG: kunmap_atomic(%p): neither a kmap_atomic slot nor a lowmem "
                       "address", addr);
        return;                                 /* lowmem: kmap_atomic mapped nothing */
    }
    if (depth == 0)
        arch_panic("BUG: kunmap_atomic(0x%08lx): no kmap_atomic slot in use on CPU %d",
                   va, arch_cpu_id());
    arch_panic("BUG: kunmap_atomic(0x%08lx) out of order on CPU %d: the newest of %d "
               "slots in use is 0x%08lx", va, arch_cpu_id(), depth, *c->newest);
}
