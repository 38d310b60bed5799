// SPDX-License-Identifier: GPL-2.0
/*
 * b_shootdown.c - bench=shootdown in Linux, through Linux's own API, for
 * ncpus = 1 .. every CPU (the first ncpus online, the rest offline, CPU 0
 * the sender), the keys of hmbench's bench/b_shootdown.c:
 *   ipi_roundtrip      smp_call_function() of an empty function, waiting
 *                      (ncpus >= 2)
 *   flush_one          flush_tlb_kernel_range() of one touched page
 *   flush_pkmap_range  flush_tlb_kernel_range() of the whole pkmap range
 *                      (LAST_PKMAP pages > tlb_single_page_flush_ceiling:
 *                      a full flush on every CPU, as in kmap's wrap)
 *   flush_one_concurrent  every one of the n CPUs does flush_one at the
 *                      same time (measure_concurrent, rows per CPU, n >= 2):
 *                      shootdowns that collide, as in hmbench
 */
#include <linux/highmem.h>
#include <linux/mm.h>
#include <linux/smp.h>
#include <asm/tlbflush.h>
#include "bench/args.h"
#include "boot/console.h"
#include "concurrent.h"
#include "peer.h"
#include "rows.h"

static volatile u32 sd_page[1024] __aligned(PAGE_SIZE);

static void nothing(void *info) { }
static void touch(void *c) { (void)sd_page[0]; }
static void op_ping(void *c) { smp_call_function(nothing, NULL, 1); }

static void op_one(void *c)
{
	unsigned long va = (unsigned long)sd_page;

	flush_tlb_kernel_range(va, va + PAGE_SIZE);
}

static void op_range(void *c)
{
	flush_tlb_kernel_range(PKMAP_ADDR(0), PKMAP_ADDR(LAST_PKMAP));
}

static struct conc_result conc[NR_CPUS + 1];	/* flush_one_concurrent by ncpus */

void bench_shootdown(void)
{
	static struct op conc_ops[NR_CPUS];
	int present = peer_ncpus();

	for (int i = 0; i < NR_CPUS; i++)
		conc_ops[i] = (struct op){ touch, op_one, NULL, NULL };

	for (int n = 1; n <= present; n++) {
		peer_online_first_n(n);
		printk("-- bench shootdown ncpus=%d\n", n);
		if (n >= 2)
			keep_row("shootdown", "ipi_roundtrip", "", 0, NULL, n,
				 &(struct op){ NULL, op_ping, NULL, NULL }, 0, 0);
		keep_row("shootdown", "flush_one", "", 0, NULL, n,
			 &(struct op){ touch, op_one, NULL, NULL }, 0, 0);
		keep_row("shootdown", "flush_pkmap_range", "pages", LAST_PKMAP, NULL, n,
			 &(struct op){ touch, op_range, NULL, NULL }, 0, 0);
		if (n >= 2)
			measure_concurrent(n, conc_ops, args.samples, &conc[n]);
	}
	for (int n = 2; n <= present; n++)
		keep_conc_rows("shootdown", "flush_one_concurrent", "", 0, &conc[n]);
	if (present < 2) {
		bench_skip("shootdown", "ipi_roundtrip", "needs a second online CPU");
		bench_skip("shootdown", "flush_one_concurrent", "needs a second online CPU");
	}
	print_rows("shootdown");
}
