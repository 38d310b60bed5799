// SPDX-License-Identifier: GPL-2.0
/*
 * b_tlb.c - bench=tlb in Linux: the TLB primitives as Linux's API offers
 * them, the keys of hmbench's bench/b_tlb.c (ncpus = 1):
 *   invlpg         flush_tlb_one_kernel() of a touched page
 *   invlpg_touch   the same, then the first read (miss and page walk)
 *   cr3_reload     flush_tlb_local(): a CR3 write
 *   pge_toggle     __flush_tlb_all(): with PGE, CR4.PGE off and on
 * cr3_touch, floor, refill and invpcid_all are a SKIP: they need a
 * non-global mapping, a bare PTE or INVPCID that Linux's API does not
 * hand out (hmbench times them on its own page tables).
 */
#include <linux/mm.h>
#include <asm/tlbflush.h>
#include "peer.h"
#include "rows.h"

static volatile u32 target[1024] __aligned(PAGE_SIZE);

static void touch(void *c) { (void)target[0]; }
static void op_invlpg(void *c) { flush_tlb_one_kernel((unsigned long)target); }

static void op_invlpg_touch(void *c)
{
	flush_tlb_one_kernel((unsigned long)target);
	(void)target[0];
}

static void op_cr3(void *c) { flush_tlb_local(); }
static void op_pge(void *c) { __flush_tlb_all(); }

void bench_tlb(void)
{
	static const char why[] = "Linux's API has no call for it";

	peer_online_first_n(1);
	keep_row("tlb", "invlpg", "", 0, NULL, 1, &(struct op){ touch, op_invlpg, NULL, NULL }, 0, 0);
	keep_row("tlb", "invlpg_touch", "", 0, NULL, 1,
		 &(struct op){ touch, op_invlpg_touch, NULL, NULL }, 0, 0);
	keep_row("tlb", "cr3_reload", "", 0, NULL, 1, &(struct op){ NULL, op_cr3, NULL, NULL }, 0, 0);
	keep_row("tlb", "pge_toggle", "", 0, NULL, 1, &(struct op){ NULL, op_pge, NULL, NULL }, 0, 0);
	bench_skip("tlb", "cr3_touch", "needs a non-global mapping of a kernel page");
	bench_skip("tlb", "invpcid_all", why);
	bench_skip("tlb", "floor", "needs a bare fixmap PTE outside kmap_local");
	bench_skip("tlb", "refill", why);
	print_rows("tlb");
}
