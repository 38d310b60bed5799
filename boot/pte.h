/*
 * pte.h - PAE page-table entries: 64 bits, physical address in bits
 * 12..51, flags below. On a 32-bit CPU a 64-bit entry is written as two
 * 32-bit stores, so the order matters to a concurrent page walk:
 *   set_pte:   high half first, then the low half (which holds Present);
 *   pte_clear: low half first (Present goes away), then the high half.
 * A walker never sees a present entry with a stale high half.
 * Portable: boot/ uses it directly, hm/ through hm/arch.h, and the host
 * unit tests route every half write through the simulator (HM_HOST).
 */
#ifndef BOOT_PTE_H
#define BOOT_PTE_H

#include <stdbool.h>
#include <stdint.h>

typedef uint64_t pteval_t;

#define _PAGE_PRESENT   ((pteval_t)1 << 0)
#define _PAGE_RW        ((pteval_t)1 << 1)
#define _PAGE_USER      ((pteval_t)1 << 2)
#define _PAGE_PWT       ((pteval_t)1 << 3)
#define _PAGE_PCD       ((pteval_t)1 << 4)
#define _PAGE_ACCESSED  ((pteval_t)1 << 5)
#define _PAGE_DIRTY     ((pteval_t)1 << 6)
#define _PAGE_PSE       ((pteval_t)1 << 7)     /* in a PDE: 2 MiB page */
#define _PAGE_GLOBAL    ((pteval_t)1 << 8)
#define _PAGE_NX        ((pteval_t)1 << 63)

#define PTE_PFN_MASK    ((pteval_t)0x000FFFFFFFFFF000ULL)
#define PTE_FLAGS_MASK  (~PTE_PFN_MASK)

#define PAGE_KERNEL         (_PAGE_PRESENT | _PAGE_RW | _PAGE_ACCESSED | _PAGE_DIRTY | _PAGE_GLOBAL)
#define PAGE_KERNEL_NOCACHE (PAGE_KERNEL | _PAGE_PCD | _PAGE_PWT)
#define _KERNPG_TABLE       (_PAGE_PRESENT | _PAGE_RW | _PAGE_ACCESSED | _PAGE_DIRTY)

/* One 32-bit half of an entry; may alias the 64-bit entry it is part of. */
typedef uint32_t __attribute__((may_alias)) pte_half_t;

#ifdef HM_HOST
/* tests/sim records every half written, so tests can check the order. */
void sim_pte_write_half(volatile pte_half_t *half, uint32_t val);
#define pte_write_half(p, v) sim_pte_write_half(p, v)
#else
#define pte_write_half(p, v) (*(p) = (v))
#endif

static inline pteval_t pfn_pte(unsigned long pfn, pteval_t prot)
{
    return ((pteval_t)pfn << PAGE_SHIFT) | (prot & PTE_FLAGS_MASK);
}
static inline unsigned long pte_pfn(pteval_t pte)
{
    return (unsigned long)((pte & PTE_PFN_MASK) >> PAGE_SHIFT);
}
static inline bool pte_present(pteval_t pte) { return pte & _PAGE_PRESENT; }
static inline uint64_t pte_phys(pteval_t pte) { return pte & PTE_PFN_MASK; }

/* Install pte at ptep: high half, compiler barrier, low half. */
static inline void set_pte(pteval_t *ptep, pteval_t pte)
{
    volatile pte_half_t *half = (volatile pte_half_t *)ptep;

    pte_write_half(&half[1], (uint32_t)(pte >> 32));
    __asm__ volatile("" ::: "memory");
    pte_write_half(&half[0], (uint32_t)pte);
}

/* Empty the entry at ptep: low half (Present) first, then high half. */
static inline void pte_clear(pteval_t *ptep)
{
    volatile pte_half_t *half = (volatile pte_half_t *)ptep;

    pte_write_half(&half[0], 0);
    __asm__ volatile("" ::: "memory");
    pte_write_half(&half[1], 0);
}

/* A PDE is written the same way. */
#define set_pmd(pmdp, val)  set_pte(pmdp, val)
#define pmd_clear(pmdp)     pte_clear(pmdp)

/* Whether the entry at ptep is present: Present lives in the low half, so
 * one 32-bit load answers, torn or not (vmalloc's "slot is empty" check). */
static inline bool pte_present_at(const pteval_t *ptep)
{
    return *(const volatile pte_half_t *)ptep & _PAGE_PRESENT;
}

#ifdef HM_HOST
/* tests/sim: runs between the two half loads of pte_read, so a test can
 * play the other CPU that rewrites the entry meanwhile. */
void sim_pte_read_between(const volatile pte_half_t *half);
#define pte_read_between(p) sim_pte_read_between(p)
#else
#define pte_read_between(p) __asm__ volatile("" ::: "memory")
#endif

/*
 * Read an entry that another CPU may be rewriting (vmalloc_to_page while
 * a vfree clears it). A 64-bit load on a 32-bit CPU is two 32-bit loads
 * and can return one half of the old entry and one of the new. Linux's
 * PAE answer (ptep_get_lockless): low half, high half, low half again,
 * until the low half did not change. x86 keeps loads in order, so with
 * the writers' order above (the low half, holding Present, written last
 * on set and first on clear) an unchanged low half means the high half
 * read between them belongs to it. A compiler barrier suffices here.
 */
static inline pteval_t pte_read(const pteval_t *ptep)
{
    const volatile pte_half_t *half = (const volatile pte_half_t *)ptep;
    uint32_t lo, hi;

    do {
        lo = half[0];
        pte_read_between(half);
        hi = half[1];
        __asm__ volatile("" ::: "memory");
    } while (lo != half[0]);
    return ((pteval_t)hi << 32) | lo;
}

#endif
