/* b_tlb_pte.h - the rows of bench=tlb that need 4 KiB PTEs from hm/. */
#ifndef BENCH_B_TLB_PTE_H
#define BENCH_B_TLB_PTE_H
#include "boot/layout.h"

/* The tlb rows' target page, mapped by tlb_target_map with 4 KiB PTEs:
 * global and non-global (compile-time addresses: a timed touch is one
 * instruction). */
#define TLB_TARGET_GLOBAL (FIX_TEST + 1)
#define TLB_TARGET_NONGLOBAL (FIX_TEST + 2)
#define TLB_TARGET_GLOBAL_VA __fix_to_virt(TLB_TARGET_GLOBAL)
#define TLB_TARGET_NONGLOBAL_VA __fix_to_virt(TLB_TARGET_NONGLOBAL)

/* Maps one fresh page at both target addresses. */
void tlb_target_map(void);
/* Unmaps both and frees the page. */
void tlb_target_unmap(void);

/* Emit the floor and refill rows into the open "tlb" table. */
void tlb_pte_rows(void);
#endif
