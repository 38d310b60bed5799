// SPDX-License-Identifier: GPL-2.0
/*
 * b_kmap_atomic.c - bench=kmap_atomic in Linux, the rows of hmbench's
 * bench/b_kmap_atomic.c with the same keys (ncpus = 1, the other CPUs
 * offline):
 *   map_unmap, map_touch_unmap   kmap_atomic + kunmap_atomic, without and
 *                                with one read through the mapping
 *   nested depth=d, copy_4k, memcpy_lowmem_4k   as in hmbench, but depth
 *                  16 is a SKIP: Linux nests only KM_MAX_IDX - 1 = 15
 * and two rows hmbench has no separate API for (its kmap_atomic is
 * already Linux's kmap_local underneath):
 *   local_map_unmap, local_map_touch_unmap   kmap_local_page + kunmap_local
 * map_unmap and map_touch_unmap also run on ncpus = 2 .. every CPU at once
 * (measure_concurrent), one row per CPU, each CPU on its own page hi[i],
 * as in hmbench.
 */
#include <linux/gfp.h>
#include <linux/highmem.h>
#include <linux/mm.h>
#include "bench/args.h"
#include "boot/console.h"
#include "concurrent.h"
#include "hipages.h"
#include "peer.h"
#include "rows.h"

#define NR_HI KM_MAX_IDX

static_assert(NR_CPUS <= NR_HI, "one highmem page per CPU for the scaling rows");

enum { V_MAP, V_TOUCH, NSCALE };
static const char *const scale_names[NSCALE] = { "map_unmap", "map_touch_unmap" };

static struct page *hi[NR_HI], *lo[2];
static int depth;
static struct conc_result scale[NSCALE][NR_CPUS + 1];	/* [variant][ncpus], ncpus >= 2 */

static void op_map_unmap(void *c)
{
	kunmap_atomic(kmap_atomic(c));
}

static void op_map_touch_unmap(void *c)
{
	volatile u32 *v = kmap_atomic(c);

	(void)*v;
	kunmap_atomic((void *)v);
}

static void op_local_map_unmap(void *c)
{
	void *v = kmap_local_page(c);

	kunmap_local(v);
}

static void op_local_map_touch_unmap(void *c)
{
	volatile u32 *v = kmap_local_page(c);

	(void)*v;
	kunmap_local((void *)v);
}

static void op_nested(void *c)
{
	void *v[KM_MAX_IDX];
	int i;

	for (i = 0; i < depth; i++)
		v[i] = kmap_atomic(hi[i]);
	while (i-- > 0)
		kunmap_atomic(v[i]);
}

/* copy_page_movs: 1024 dwords, one rep movsl, the same loop as hmbench's. */
static inline void copy_page_movs(void *dst, const void *src)
{
	unsigned long n = PAGE_SIZE / 4;

	asm volatile("rep movsl" : "+D"(dst), "+S"(src), "+c"(n) :: "memory");
}

static void copy4k(struct page *from, struct page *to)
{
	const void *s = kmap_atomic(from);
	void *d = kmap_atomic(to);

	copy_page_movs(d, s);
	kunmap_atomic(d);
	kunmap_atomic(s);
}

static void op_copy_4k(void *c) { copy4k(hi[0], hi[1]); }
static void op_memcpy_lowmem_4k(void *c) { copy4k(lo[0], lo[1]); }

/* map_unmap and map_touch_unmap on the first n CPUs at once, for every n
 * from 2 to every CPU, kept as rows in hmbench's order. */
static void measure_scaling(void)
{
	static const op_fn fns[NSCALE] = { op_map_unmap, op_map_touch_unmap };
	static struct op ops[NR_CPUS];
	int present = peer_ncpus();

	for (int n = 2; n <= present; n++) {
		peer_online_first_n(n);
		printk("-- bench kmap_atomic ncpus=%d\n", n);
		for (int v = 0; v < NSCALE; v++) {
			for (int i = 0; i < n; i++)
				ops[i] = (struct op){ NULL, fns[v], NULL, hi[i] };
			measure_concurrent(n, ops, args.samples, &scale[v][n]);
		}
	}
	for (int v = 0; v < NSCALE; v++)
		for (int n = 2; n <= present; n++)
			keep_conc_rows("kmap_atomic", scale_names[v], "", 0, &scale[v][n]);
}

void bench_kmap_atomic(void)
{
	static const int depths[] = { 1, 2, 4, 8 };
	int nhi = hipages_get(hi, NR_HI);
	const char *why = "no highmem at this RAM size: kmap_atomic of lowmem is the direct map";

	lo[0] = alloc_page(GFP_KERNEL);
	lo[1] = alloc_page(GFP_KERNEL);
	if (!lo[0] || !lo[1])
		panic("bench kmap_atomic: no two lowmem pages to copy between");
	if (nhi > 0 && nhi < NR_HI)
		why = "fewer highmem pages free than KM_MAX_IDX";
	printk("kmap_atomic: %d highmem pages, %d slots per CPU\n", nhi, KM_MAX_IDX);
	peer_online_first_n(1);
	if (nhi == NR_HI) {
		keep_row("kmap_atomic", "map_unmap", "", 0, NULL, 1,
			 &(struct op){ NULL, op_map_unmap, NULL, hi[0] }, 0, 0);
		keep_row("kmap_atomic", "map_touch_unmap", "", 0, NULL, 1,
			 &(struct op){ NULL, op_map_touch_unmap, NULL, hi[0] }, 0, 0);
		for (unsigned int i = 0; i < ARRAY_SIZE(depths); i++) {
			depth = depths[i];
			keep_row("kmap_atomic", "nested", "depth", depth, NULL, 1,
				 &(struct op){ NULL, op_nested, NULL, NULL }, 0, 0);
		}
		/* kmap_local_idx_push() BUGs once its index reaches KM_MAX_IDX,
		 * and it counts from 1: Linux nests KM_MAX_IDX - 1 deep. */
		bench_skip("kmap_atomic", "nested depth=16",
			   "Linux nests at most KM_MAX_IDX - 1 = 15 kmap_local mappings");
		keep_row("kmap_atomic", "copy_4k", "", 0, NULL, 1,
			 &(struct op){ NULL, op_copy_4k, NULL, NULL }, 0, 0);
	} else {
		bench_skip("kmap_atomic", "map_unmap", why);
		bench_skip("kmap_atomic", "map_touch_unmap", why);
		bench_skip("kmap_atomic", "nested", why);
		bench_skip("kmap_atomic", "copy_4k", why);
	}
	keep_row("kmap_atomic", "memcpy_lowmem_4k", "", 0, NULL, 1,
		 &(struct op){ NULL, op_memcpy_lowmem_4k, NULL, NULL }, 0, 0);
	if (nhi == NR_HI) {
		keep_row("kmap_atomic", "local_map_unmap", "", 0, NULL, 1,
			 &(struct op){ NULL, op_local_map_unmap, NULL, hi[0] }, 0, 0);
		keep_row("kmap_atomic", "local_map_touch_unmap", "", 0, NULL, 1,
			 &(struct op){ NULL, op_local_map_touch_unmap, NULL, hi[0] }, 0, 0);
	}
	if (nhi == NR_HI)
		measure_scaling();
	print_rows("kmap_atomic");
	hipages_put(hi, nhi);
	__free_page(lo[0]);
	__free_page(lo[1]);
}
