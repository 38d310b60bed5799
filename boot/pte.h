/*
 * pte.h - PAE page-table entries: flag names and the safe-order writes.
 *
 * A PAE PTE is 64 bits but a 32-bit CPU stores it as two halves. A walker
 * (another CPU, or this one speculatively) may read between the stores,
 * so the order matters: when setting, write the high half (upper address
 * bits) first and the low half (with the present bit) last; when clearing,
 * clear the low half first. A half-written entry is then never present.
 * Portable C (used by boot/, by hm/ through hm/arch.h, and on the host).
 */
#ifndef BOOT_PTE_H
#define BOOT_PTE_H

#include <stdint.h>

typedef uint64_t pteval_t;

#define _PAGE_PRESENT   0x001ULL
#define _PAGE_RW        0x002ULL
#define _PAGE_USER      0x004ULL
#define _PAGE_PWT       0x008ULL
#define _PAGE_PCD       0x010ULL
#define _PAGE_ACCESSED  0x020ULL
#define _PAGE_DIRTY     0x040ULL
#define _PAGE_PSE       0x080ULL    /* in a PDE: 2 MiB page */
#define _PAGE_GLOBAL    0x100ULL
#define PTE_PFN_MASK    0x0000000FFFFFF000ULL   /* 36-bit physical */

#define PAGE_KERNEL     (_PAGE_PRESENT | _PAGE_RW | _PAGE_ACCESSED | _PAGE_DIRTY | _PAGE_GLOBAL)
#define PAGE_KERNEL_NOCACHE (PAGE_KERNEL | _PAGE_PCD | _PAGE_PWT)
#define _PAGE_TABLE     (_PAGE_PRESENT | _PAGE_RW | _PAGE_ACCESSED)    /* a PDE to a PTE page */

/* set_pte: *ptep = val, high half first. */
static inline void set_pte(pteval_t *ptep, pteval_t val)
{
    volatile uint32_t *h = (volatile uint32_t *)ptep;
    h[1] = (uint32_t)(val >> 32);
    __asm__ volatile("" ::: "memory");
    h[0] = (uint32_t)val;
}

/* pte_clear: *ptep = 0, low half (present bit) first. */
static inline void pte_clear(pteval_t *ptep)
{
    volatile uint32_t *h = (volatile uint32_t *)ptep;
    h[0] = 0;
    __asm__ volatile("" ::: "memory");
    h[1] = 0;
}

static inline pteval_t pfn_pte(uint64_t pfn, pteval_t prot) { return (pfn << 12) | prot; }
static inline uint64_t pte_pfn(pteval_t pte) { return (pte & PTE_PFN_MASK) >> 12; }
static inline int pte_present(pteval_t pte) { return (pte & _PAGE_PRESENT) != 0; }

#endif
