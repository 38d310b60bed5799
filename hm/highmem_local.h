/*
 * highmem_local.h - temporary kernel mappings: kmap_local_page /
 * kunmap_local and Linux's older names kmap_atomic / kunmap_atomic. Each
 * CPU has KM_MAX_IDX fixmap slots used as a stack: a map takes the next
 * free slot (one PTE write, no flush: the slot was flushed when it was
 * last given back), an unmap gives back the newest (PTE clear + invlpg on
 * this CPU only - no other CPU ever used it). The fast paths are inline
 * here; the slow halves and the set-up are in hm/highmem_local.c. Misuse
 * ends the run with a "BUG: " line. Include hm/highmem.h, not this.
 */
#ifndef HM_HIGHMEM_LOCAL_H
#define HM_HIGHMEM_LOCAL_H

#include "mm.h"
#include "tlbflush.h"

/* One CPU's kmap_atomic stack. Slot i (0 <= i < KM_MAX_IDX) is fixmap
 * index FIX_KMAP_BEGIN + KM_MAX_IDX * cpu + i (fixmap indices grow
 * downwards in address). kmap_slot_va[cpu][n] is the address of slot
 * n - 1, and kmap_slot_va[cpu][0] is 1, which no page-aligned address
 * equals. newest points at entry n when n slots are in use: its value is
 * the only address an unmap may give back (one compare checks both
 * "newest" and "any in use"), and newest[1] is the next slot to map. */
struct kmap_ctrl {
    const unsigned long *newest;
    const unsigned long *full;      /* newest when all KM_MAX_IDX are in use */
} __attribute__((aligned(64)));

extern struct kmap_ctrl kmap_ctrl[NR_CPUS];
extern unsigned long kmap_slot_va[NR_CPUS][KM_MAX_IDX + 1];

/* The PTE of the page-aligned kmap slot address va: the fixmap is one
 * PTE page, so it is entry (va - FIXMAP_PMD_BASE) >> PAGE_SHIFT, i.e. byte
 * (va >> 9) from an origin FIXMAP_PMD_BASE >> 9 bytes below the page. In
 * the image that origin is a constant: one shift, no load. */
static inline pteval_t *kmap_slot_pte(unsigned long va)
{
    return (pteval_t *)((uintptr_t)arch_fixmap_pt() - (FIXMAP_PMD_BASE >> (PAGE_SHIFT - 3)) +
                        (va >> (PAGE_SHIFT - 3)));
}

/* set_pte / pte_clear of a slot, in their PAE order (set: high half, then
 * the low half that holds Present; clear: low half first). In the image
 * each is one asm of two stores: gcc otherwise builds a 64-bit temporary
 * and spends registers (and their saves) on it. The host goes through
 * pte.h, so the simulator sees and checks every half. */
static inline void kmap_slot_pte_set(pteval_t *ptep, unsigned long pfn, uint32_t prot)
{
    uint32_t hi = (uint32_t)(pfn >> (32 - PAGE_SHIFT));
    uint32_t lo = (uint32_t)(pfn << PAGE_SHIFT) | prot;
#ifdef HM_HOST
    set_pte(ptep, ((pteval_t)hi << 32) | lo);
#else
    volatile pte_half_t *half = (volatile pte_half_t *)ptep;

    __asm__ volatile("movl %2, %1\n\tmovl %3, %0"
                     : "=m"(half[0]), "=m"(half[1]) : "r"(hi), "r"(lo));
#endif
}

static inline void kmap_slot_pte_clear(pteval_t *ptep)
{
#ifdef HM_HOST
    pte_clear(ptep);
#else
    volatile pte_half_t *half = (volatile pte_half_t *)ptep;

    __asm__ volatile("movl $0, %0\n\tmovl $0, %1" : "=m"(half[0]), "=m"(half[1]));
#endif
}

/* The slow, reporting halves. In the image they take their argument in
 * a register (regparm), so the inline fast paths need no stack space. */
#ifdef HM_HOST
#define KMAP_SLOWCALL
#else
#define KMAP_SLOWCALL __attribute__((regparm(1)))
#endif
void kmap_local_overflow(void) __attribute__((noreturn));
/* An unmap of anything but this CPU's newest slot: nothing to do for a
 * lowmem address, a BUG for anything else. */
void KMAP_SLOWCALL kunmap_local_slow(const void *addr);

/* Map pfn in this CPU's next slot: set the PTE, nothing else. The slot
 * was flushed when it was last unmapped, so no TLB can hold it. */
static inline void *__kmap_local_pfn_prot(struct kmap_ctrl *c, unsigned long pfn, pteval_t prot)
{
    const unsigned long *n = c->newest;
    unsigned long va;

    if (__builtin_expect(n == c->full, 0))
        kmap_local_overflow();
    va = n[1];
    c->newest = n + 1;
    kmap_slot_pte_set(kmap_slot_pte(va), pfn, (uint32_t)prot);
    return (void *)va;
}

/* kmap_local_page: a temporary mapping of page, valid on this CPU until the
 * matching kunmap_local. There is no preemption and no migration in
 * hmbench, so unlike Linux nothing has to be disabled to stay on this CPU;
 * an interrupt handler that maps must unmap before it returns (LIFO). */
static inline void *kmap_local_page(struct page *page)
{
    unsigned long pfn = page_to_pfn(page);
    struct kmap_ctrl *c = &kmap_ctrl[arch_cpu_id()];

    if (__builtin_expect(pfn < max_low_pfn, 0))
        return lowmem_page_address(page);
    return __kmap_local_pfn_prot(c, pfn, PAGE_KERNEL);
}

/* kunmap_local: give back the newest slot of this CPU (addr may point
 * anywhere inside its page): clear the PTE, invlpg here. Any other slot
 * is a BUG; a lowmem address is a no-op. */
static inline void kunmap_local(const void *addr)
{
    unsigned long va = (unsigned long)addr & PAGE_MASK;
    struct kmap_ctrl *c = &kmap_ctrl[arch_cpu_id()];
    const unsigned long *n = c->newest;

    if (__builtin_expect(va != *n, 0)) {
        kunmap_local_slow(addr);
        return;
    }
    kmap_slot_pte_clear(kmap_slot_pte(va));
    flush_tlb_one_kernel(va);
    c->newest = n - 1;
}

/* kmap_atomic / kunmap_atomic: Linux's older names for the same thing
 * (Linux also disables preemption and page faults; hmbench has neither). */
static inline void *kmap_atomic(struct page *page) { return kmap_local_page(page); }
static inline void kunmap_atomic(const void *addr) { kunmap_local(addr); }

/* Slots in use on this CPU. */
static inline int kmap_local_depth(void)
{
    int cpu = arch_cpu_id();

    return (int)(kmap_ctrl[cpu].newest - kmap_slot_va[cpu]);
}

/* Point each CPU's kmap_ctrl at its slots, all empty (kmap_init). */
void kmap_local_init(void);

#endif
