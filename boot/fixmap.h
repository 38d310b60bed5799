/*
 * fixmap.h - compile-time virtual addresses (layout.h: FIX_*), backed by
 * one PTE page that entry.S installs in the boot page tables, so the
 * fixmap works before any allocator exists (the local APIC needs it).
 */
#ifndef BOOT_FIXMAP_H
#define BOOT_FIXMAP_H

#include <stdint.h>
#include "boot/layout.h"
#include "boot/pte.h"

extern pteval_t boot_pt_fixmap[PTRS_PER_PTE];

/* The PTE behind fixmap index idx (0 < idx < __end_of_fixed_addresses). */
static inline pteval_t *fixmap_pte(unsigned idx)
{
    return &boot_pt_fixmap[(__fix_to_virt(idx) >> PAGE_SHIFT) & (PTRS_PER_PTE - 1)];
}

/* Maps phys at __fix_to_virt(idx) with prot (set_pte order); no flush is
 * needed when the slot was empty. Ends the run on a bad index. */
void set_fixmap(unsigned idx, uint64_t phys, pteval_t prot);

/* Clears the slot and invalidates it in this CPU's TLB (invlpg). */
void clear_fixmap(unsigned idx);

#endif
