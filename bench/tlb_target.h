/* tlb_target.h - the page the tlb rows (b_tlb.c) time, mapped twice in
 * the fixmap with 4 KiB PTEs: global and non-global. st_tlb_target.c
 * checks it. */
#ifndef BENCH_TLB_TARGET_H
#define BENCH_TLB_TARGET_H
#include "boot/layout.h"

/* The target's two fixmap slots, named in boot/layout.h (compile-time
 * addresses: a timed touch is one instruction). */
#define TLB_TARGET_GLOBAL FIX_TEST_ALIAS
#define TLB_TARGET_NONGLOBAL FIX_TEST_NONGLOBAL
#define TLB_TARGET_GLOBAL_VA __fix_to_virt(TLB_TARGET_GLOBAL)
#define TLB_TARGET_NONGLOBAL_VA __fix_to_virt(TLB_TARGET_NONGLOBAL)

/* Maps one fresh page above 2 MiB at both target addresses; ends the run
 * when there is none. */
void tlb_target_map(void);
/* Unmaps both and frees the page. */
void tlb_target_unmap(void);
#endif
