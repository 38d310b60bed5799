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

#include "hm/mm.h"
#include "hm/tlbflush.h"

/* One CPU's kmap_atomic stack. Slot i (0 <= i < KM_MAX_IDX) is fixmap
 * index FIX_KMAP_BEGIN + KM_MAX_IDX * cpu + i (fixmap indices grow
 * downwards in address). kmap_slot_vpn[cpu][n] is the virtual page number
 * (va >> PAGE_SHIFT) of slot n - 1, and kmap_slot_vpn[cpu][0] is
 * KMAP_NO_VPN, which no address >> PAGE_SHIFT equals. newest points at
 * entry n when n slots are in use: its value is the only page an unmap may
 * give back (one compare checks both "newest" and "any in use"), and
 * newest[1] is the next slot to map. Each CPU's kmap_ctrl lives in its hm
 * per-CPU bytes (hm/arch.h): in the image, %fs-relative. */
struct kmap_ctrl {
    const unsigned long *newest;
    const unsigned long *full;      /* newest when all KM_MAX_IDX are in use */
};

#define KMAP_NO_VPN (~0UL)
extern unsigned long kmap_slot_vpn[NR_CPUS][KM_MAX_IDX + 1];

static inline struct kmap_ctrl __percpu_hm *this_kmap_ctrl(void) { return arch_this_cpu_hm(); }

/* The PTE of the kmap slot at virtual page vpn: the fixmap is one PTE
 * page, so it is entry vpn - (FIXMAP_PMD_BASE >> PAGE_SHIFT). In the image
 * the page is at a link-time address, so a store to it is one scaled-index
 * instruction: no load, no shift. */
static inline pteval_t *kmap_slot_pte(unsigned long vpn)
{
    return arch_fixmap_pt() + (vpn - (FIXMAP_PMD_BASE >> PAGE_SHIFT));
}

/* set_pte / pte_clear of the slot at virtual page vpn, in their PAE
 * order (set: high half, then the low half that holds Present; clear: low
 * half first). The halves come as 32-bit values: no 64-bit temporary. In
 * the image each is one asm of two stores that address the PTE from the
 * fixmap page's link-time address with vpn as a scaled index (gcc would
 * otherwise spend an instruction and a register on the PTE's address).
 * The host goes through pte.h, so the simulator sees and checks every
 * half. */
#define KMAP_SLOT_PT_SKEW (FIXMAP_PMD_BASE >> (PAGE_SHIFT - 3)) /* bytes */

static inline void kmap_slot_pte_set(unsigned long vpn, uint32_t hi, uint32_t lo)
{
#ifdef HM_HOST
    volatile pte_half_t *half = (volatile pte_half_t *)kmap_slot_pte(vpn);

    pte_write_half(&half[1], hi);
    pte_write_half(&half[0], lo);
#else
    __asm__ volatile("movl %1, %c3-%c4+4(,%0,8)\n\tmovl %2, %c3-%c4(,%0,8)"
                     :: "r"(vpn), "r"(hi), "r"(lo), "i"(arch_fixmap_pt()), "n"(KMAP_SLOT_PT_SKEW)
                     : "memory");
#endif
}

static inline void kmap_slot_pte_clear(unsigned long vpn)
{
#ifdef HM_HOST
    pte_clear(kmap_slot_pte(vpn));
#else
    __asm__ volatile("movl $0, %c1-%c2(,%0,8)\n\tmovl $0, %c1-%c2+4(,%0,8)"
                     :: "r"(vpn), "i"(arch_fixmap_pt()), "n"(KMAP_SLOT_PT_SKEW) : "memory");
#endif
}

/* The slow, reporting halves. In the image kunmap_local_slow takes its
 * argument in a register (regparm), so the inline fast paths need no
 * stack space. Both are out of line; the overflow is cold. */
#ifdef HM_HOST
#define KMAP_SLOWCALL
#else
#define KMAP_SLOWCALL __attribute__((regparm(1)))
#endif
void kmap_local_overflow(void) __attribute__((noreturn, cold, noinline));
/* An unmap of anything but this CPU's newest slot: nothing to do for a
 * lowmem address, a BUG for anything else. */
void KMAP_SLOWCALL kunmap_local_slow(const void *addr) __attribute__((noinline));

/* Map pfn in this CPU's next slot: set the PTE, nothing else. The slot
 * was flushed when it was last unmapped, so no TLB can hold it. The PTE's
 * halves are built from the pfn with 32-bit shifts. */
static inline void *__kmap_local_pfn_prot(unsigned long pfn, pteval_t prot)
{
    struct kmap_ctrl __percpu_hm *c = this_kmap_ctrl();
    const unsigned long *n = c->newest;
    unsigned long vpn;

    if (__builtin_expect(n == c->full, 0))
        kmap_local_overflow();
    vpn = *++n;
    c->newest = n;
    kmap_slot_pte_set(vpn, (uint32_t)(pfn >> (32 - PAGE_SHIFT)) | (uint32_t)(prot >> 32),
                      (uint32_t)(pfn << PAGE_SHIFT) | (uint32_t)prot);
    return (void *)(vpn << PAGE_SHIFT);
}

/* kmap_local_page: a temporary mapping of page, valid on this CPU until the
 * matching kunmap_local. There is no preemption and no migration in
 * hmbench, so unlike Linux nothing has to be disabled to stay on this CPU;
 * an interrupt handler that maps must unmap before it returns (LIFO). */
static inline void *kmap_local_page(struct page *page)
{
    unsigned long pfn = page_to_pfn(page);

    if (__builtin_expect(pfn < max_low_pfn, 0))
        return lowmem_page_address(page);
    return __kmap_local_pfn_prot(pfn, PAGE_KERNEL);
}

/* kunmap_local: give back the newest slot of this CPU (addr may point
 * anywhere inside its page): clear the PTE, invlpg here (invlpg takes any
 * address inside the page). Any other slot is a BUG; a lowmem address is
 * a no-op. */
static inline void kunmap_local(const void *addr)
{
    struct kmap_ctrl __percpu_hm *c = this_kmap_ctrl();
    const unsigned long *n = c->newest;
    unsigned long vpn = (unsigned long)addr >> PAGE_SHIFT;

    if (__builtin_expect(vpn != *n, 0)) {
        kunmap_local_slow(addr);
        return;
    }
    kmap_slot_pte_clear(vpn);
    flush_tlb_one_kernel((unsigned long)addr);
    c->newest = n - 1;
}

/* kmap_atomic / kunmap_atomic: Linux's older names for the same thing
 * (Linux also disables preemption and page faults; hmbench has neither). */
static inline void *kmap_atomic(struct page *page) { return kmap_local_page(page); }
static inline void kunmap_atomic(const void *addr) { kunmap_local(addr); }

/* Slots in use on this CPU. */
static inline int kmap_local_depth(void)
{
    return (int)(this_kmap_ctrl()->newest - kmap_slot_vpn[arch_cpu_id()]);
}

/* Fill kmap_slot_vpn and point each CPU's kmap_ctrl at its slots, all
 * empty (kmap_init). */
void kmap_local_init(void);

#endif
