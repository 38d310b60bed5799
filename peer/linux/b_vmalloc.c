// SPDX-License-Identifier: GPL-2.0
/*
 * b_vmalloc.c - bench=vmalloc in Linux: one vmalloc + touch (one byte of
 * the first page) + vfree per sample, the keys of hmbench's
 * bench/b_vmalloc.c:
 *   lazy pages=1..1024   for ncpus = 1 .. every CPU (the others offline,
 *                        so lazy_max_pages and each purge's flush see
 *                        exactly ncpus CPUs); without quick a row takes
 *                        enough samples to span two purges
 *   long_busy_list, fragmented   at ncpus = 1, as in hmbench
 * eager is a SKIP: Linux 6.1's vfree always defers the unmap and flush to
 * a lazy purge; there is no eager mode to choose.
 * quick: args' samples only, and 1,000 live areas / holes at most.
 */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/vmalloc.h>
#include "bench/args.h"
#include "boot/console.h"
#include "peer.h"
#include "rows.h"

#define MAX_LIVE 20000
#define NSIZES 7

static const unsigned long sizes[NSIZES] = { 1, 2, 4, 16, 64, 256, 1024 };
static unsigned long cur_size;
static void *live[MAX_LIVE];

static void op_pair(void *c)
{
	volatile char *p = vmalloc(cur_size);

	if (!p)
		panic("bench vmalloc: vmalloc(%lu) returned NULL during a measurement", cur_size);
	*p = 1;
	vfree((void *)p);
}

/* lazy_max_pages: mm/vmalloc.c's (static) formula for the online CPUs. */
static unsigned long lazy_max_pages(void)
{
	return (unsigned long)fls(num_online_cpus()) * ((32UL << 20) / PAGE_SIZE);
}

/* One row of pairs of pages pages, from a clean purge list; the row's
 * ncpus is the online CPUs. A size that cannot be had is a SKIP. */
static void pair_row(const char *variant, unsigned long pages, const char *param_name,
		     unsigned long param)
{
	unsigned long cycle = lazy_max_pages() / (pages + 1) + 1;  /* pairs per purge */
	u32 n = args.samples;
	void *trial;

	cur_size = pages * PAGE_SIZE;
	vm_unmap_aliases();
	trial = vmalloc(cur_size);
	if (!trial) {
		bench_skip("vmalloc", variant, "vmalloc of this size failed here");
		return;
	}
	vfree(trial);
	if (!args.quick && n < 2 * cycle)
		n = 2 * cycle < MAX_SAMPLES ? (u32)(2 * cycle) : MAX_SAMPLES;
	keep_row("vmalloc", variant, param_name, param, NULL, num_online_cpus(),
		 &(struct op){ NULL, op_pair, NULL, NULL }, 0, n);
}

static bool take_live(unsigned long n)
{
	for (unsigned long i = 0; i < n; i++) {
		live[i] = vmalloc(PAGE_SIZE);
		if (!live[i]) {
			while (i)
				vfree(live[--i]);
			return false;
		}
	}
	return true;
}

static void free_live(unsigned long n, unsigned long step)
{
	for (unsigned long i = 0; i < n; i += step)
		vfree(live[i]);
}

static void busy_rows(unsigned long n)
{
	unsigned long h = ((VMALLOC_END - VMALLOC_START) >> PAGE_SHIFT) / 8;

	if (h > n)
		h = n;
	vm_unmap_aliases();
	if (!take_live(n)) {
		bench_skip("vmalloc", "long_busy_list", "no room for the live areas");
	} else {
		pair_row("long_busy_list", 1, "live_areas", n);
		free_live(n, 1);
	}
	vm_unmap_aliases();
	if (!take_live(2 * h)) {
		bench_skip("vmalloc", "fragmented", "no room for the holes");
		return;
	}
	free_live(2 * h, 2);
	pair_row("fragmented", 2, "free_holes", h);
	for (unsigned long i = 1; i < 2 * h; i += 2)
		vfree(live[i]);
}

void bench_vmalloc(void)
{
	unsigned long n = args.quick ? 1000 : 10000;

	for (int ncpus = 1; ncpus <= peer_ncpus(); ncpus++) {
		peer_online_first_n(ncpus);
		printk("-- bench vmalloc ncpus=%d: lazy_max_pages=%lu\n", ncpus, lazy_max_pages());
		for (unsigned int i = 0; i < NSIZES; i++)
			pair_row("lazy", sizes[i], "pages", sizes[i]);
		if (ncpus == 1) {
			printk("-- bench vmalloc ncpus=1: %lu live areas for long_busy_list\n", n);
			busy_rows(n);
		}
		vm_unmap_aliases();
	}
	bench_skip("vmalloc", "eager", "Linux 6.1's vfree is always lazy: no eager mode");
	print_rows("vmalloc");
}
