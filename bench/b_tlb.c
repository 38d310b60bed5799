/*
 * b_tlb.c - bench=tlb: what the TLB primitives cost on their own, the
 * yardstick for every mapping mechanism. Variants (see README):
 * Every row times pages mapped with 4 KiB PTEs (see the target below).
 *   invlpg        invlpg of a hot, mapped kernel page
 *   invlpg_touch  invlpg, then the first access (miss and page walk)
 *   cr3_reload    a CR3 write
 *   cr3_touch     after an (untimed) CR3 write, touch a page: page=nonglobal
 *                 (a non-global PTE: must miss), page=global (a global PTE:
 *                 the entry survives the CR3 write and hits)
 *   pge_toggle    the global flush: CR4.PGE off and on
 *   invpcid_all   INVPCID type 2, where the CPU has it
 *   floor          PTE set, touch, PTE clear, invlpg on one fixmap slot
 *   refill         touching K 4 KiB-mapped pages after a global flush
 *                  (both in b_tlb_pte.c: they need PTEs from hm/)
 */
#include "bench/b_tlb_pte.h"
#include "bench/bench.h"
#include "bench/report.h"
#include "boot/cpu.h"
#include "boot/x86.h"

/* The target page: a page of its own, mapped twice with 4 KiB PTEs in
 * the fixmap for the run, global and non-global (tlb_target_map,
 * b_tlb_pte.h). Not the direct map: that maps lowmem with 2 MiB pages,
 * and the first of them overlaps the fixed-range MTRRs, so real CPUs
 * split it into 4 KiB TLB entries and a target there would time neither
 * page size honestly. */
static uint32_t saved_cr3, saved_cr4;

static volatile uint32_t *global_va(void) { return (volatile uint32_t *)TLB_TARGET_GLOBAL_VA; }
static volatile uint32_t *nonglobal_va(void) { return (volatile uint32_t *)TLB_TARGET_NONGLOBAL_VA; }

static void touch_global(void *c) { (void)c; (void)*global_va(); }
static void touch_nonglobal(void *c) { (void)c; (void)*nonglobal_va(); }
static void op_invlpg(void *c) { (void)c; invlpg((unsigned long)global_va()); }
static void op_invlpg_touch(void *c) { (void)c; invlpg((unsigned long)global_va()); (void)*global_va(); }
static void op_cr3(void *c) { (void)c; write_cr3(saved_cr3); }
static void op_pge(void *c) { (void)c; write_cr4(saved_cr4 & ~X86_CR4_PGE); write_cr4(saved_cr4); }
static void op_invpcid(void *c) { (void)c; invpcid_flush_all(); }



BENCH(tlb)
{
    saved_cr3 = read_cr3();
    saved_cr4 = read_cr4();
    tlb_target_map();
    table_begin("tlb");
    bench_row("tlb", "invlpg", "", 0, &(struct op){ touch_global, op_invlpg, 0, 0 }, 0);
    bench_row("tlb", "invlpg_touch", "", 0, &(struct op){ touch_global, op_invlpg_touch, 0, 0 }, 0);
    bench_row("tlb", "cr3_reload", "", 0, &(struct op){ 0, op_cr3, 0, 0 }, 0);
    bench_row_named("tlb", "cr3_touch", "page", "nonglobal", &(struct op){ op_cr3, touch_nonglobal, 0, 0 }, 0);
    bench_row_named("tlb", "cr3_touch", "page", "global", &(struct op){ op_cr3, touch_global, 0, 0 }, 0);
    bench_row("tlb", "pge_toggle", "", 0, &(struct op){ 0, op_pge, 0, 0 }, 0);
    if (boot_cpu.invpcid)
        bench_row("tlb", "invpcid_all", "", 0, &(struct op){ 0, op_invpcid, 0, 0 }, 0);
    else
        bench_skip("tlb", "invpcid_all", "CPU has no INVPCID");
    tlb_pte_rows();                     /* floor, refill: b_tlb_pte.c */
    table_end();
    tlb_target_unmap();
}
