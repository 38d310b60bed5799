// SPDX-License-Identifier: GPL-2.0
/*
 * b_kmap.c - bench=kmap in Linux: kmap + kunmap as one op, the rows of
 * hmbench's bench/b_kmap.c with the same keys:
 *   hit, miss, lowmem, cycle W for W = 1 .. 4096 (ncpus = 1: the other
 *   CPUs offline, as hmbench parks them).
 * miss pushes the wrap out of the timed region as hmbench does; Linux's
 * last_pkmap_nr is static in mm/highmem.c, so the slot the last miss
 * took is read back from page_address() of its page (untimed).
 * hit and cycle W=1024 also run on ncpus = 2 .. every CPU at once
 * (measure_concurrent: CPU i in a kthread bound to it; the CPUs past n
 * offline), one row per CPU, as in hmbench: each CPU kmaps its own pages (its own held page for hit,
 * its own 1024 for cycle), so they contend on kmap_lock and the one pkmap,
 * and every wrap (flush_all_zero_pkmaps) flushes all n online CPUs.
 * Everything is measured first and printed in one burst (rows.h).
 */
#include <linux/gfp.h>
#include <linux/highmem.h>
#include <linux/mm.h>
#include "bench/args.h"
#include "bench/table.h"
#include "boot/console.h"
#include "concurrent.h"
#include "hipages.h"
#include "rows.h"
#include "peer.h"

#define MISS_POOL 1024
#define MISS_SPARES 2		/* pool[MISS_POOL], pool[MISS_POOL + 1], in turn */
#define MAX_W 4096
#define SMP_W 1024		/* the cycle working set of the scaling rows, per CPU */

/* One CPU's cycle: pages[0..ws) in turn; kc[0] runs over pool. */
struct kcycle {
	struct page **pages;
	unsigned int cursor, ws;
} ____cacheline_aligned;

enum { S_HIT, S_CYCLE, NSCALE };

static struct page *pool[MAX_W + 1];
static struct page *extra[(NR_CPUS - 1) * SMP_W];	/* CPUs 1..: SMP_W pages each */
static struct page *lo, *last_miss;
static int npool, nextra;
static unsigned int cursor;
static struct kcycle kc[NR_CPUS];
static struct conc_result scale[NSCALE][NR_CPUS + 1];	/* [variant][ncpus], ncpus >= 2 */

static noinline void kmap_kunmap(struct page *p)
{
	kmap(p);
	kunmap(p);
}

static void op_hit(void *c) { kmap_kunmap(c); }
static void op_lowmem(void *c) { kmap_kunmap(lo); }

/* pkmap_slot: the pkmap slot p is mapped at (it keeps it until a flush). */
static unsigned long pkmap_slot(struct page *p)
{
	return ((unsigned long)page_address(p) - PKMAP_BASE) >> PAGE_SHIFT;
}

/* prep_miss: if the next miss would wrap (and flush), wrap now, untimed,
 * on a spare: the one not used at the last wrap, which that wrap's flush
 * unmapped (the other is still mapped, so its kmap would be a hit). */
static void prep_miss(void *c)
{
	static unsigned int spare;

	if (last_miss && pkmap_slot(last_miss) == LAST_PKMAP - 1) {
		kmap_kunmap(pool[MISS_POOL + spare]);
		spare = (spare + 1) % MISS_SPARES;
	}
}

static void op_miss(void *c)
{
	last_miss = pool[cursor];
	kmap_kunmap(pool[cursor]);
	cursor = (cursor + 1) % MISS_POOL;
}

static void op_cycle(void *c)		/* ctx: this CPU's struct kcycle */
{
	struct kcycle *k = c;

	kmap_kunmap(k->pages[k->cursor]);
	if (++k->cursor == k->ws)
		k->cursor = 0;
}

/* cycle_warm: start kc[0..n) over ws pages each from an empty pkmap and
 * take them round-robin (untimed) to the steady state a CPU alone reaches
 * after 2 * ws + LAST_PKMAP ops, as hmbench does. */
static void cycle_warm(int n, unsigned int ws)
{
	kmap_flush_unused();
	for (int i = 0; i < n; i++) {
		kc[i].cursor = 0;
		kc[i].ws = ws;
	}
	for (unsigned int k = 0; k < 2 * ws + LAST_PKMAP; k++)
		for (int i = 0; i < n; i++)
			op_cycle(&kc[i]);
}

static void measure_cycle(void)
{
	static const unsigned int sets[] = { 1, 16, 64, 256, 511, 512, 513, 1024, MAX_W };
	char why[96];

	for (unsigned int i = 0; i < ARRAY_SIZE(sets); i++) {
		unsigned int ws = sets[i];

		if (ws > (unsigned int)npool) {
			snprintf(why, sizeof(why), "working_set=%u: only %d highmem pages free",
				 ws, npool);
			bench_skip("kmap", "cycle", why);
			continue;
		}
		cycle_warm(1, ws);
		keep_row("kmap", "cycle", "working_set", ws, NULL, 1,
			 &(struct op){ NULL, op_cycle, NULL, &kc[0] }, 0, 0);
	}
}

/* hit and cycle (W = SMP_W) on the first n CPUs at once, n = 2 .. every
 * CPU, kept as rows as they are measured, as far as the highmem pages go. */
static void measure_scaling(void)
{
	static struct op ops[NR_CPUS];
	int present = peer_ncpus(), n;
	char why[96];

	nextra = hipages_get(extra, (present - 1) * SMP_W);
	for (int i = 1; i < NR_CPUS; i++)
		kc[i].pages = extra + (i - 1) * SMP_W;
	for (n = 2; n <= present && nextra >= (n - 1) * SMP_W; n++) {
		peer_online_first_n(n);
		printk("-- bench kmap ncpus=%d\n", n);
		kmap_flush_unused();
		for (int i = 0; i < n; i++) {
			kmap(kc[i].pages[0]);
			ops[i] = (struct op){ NULL, op_hit, NULL, kc[i].pages[0] };
		}
		measure_concurrent(n, ops, args.samples, &scale[S_HIT][n]);
		for (int i = 0; i < n; i++) {
			kunmap(kc[i].pages[0]);
			ops[i] = (struct op){ NULL, op_cycle, NULL, &kc[i] };
		}
		cycle_warm(n, SMP_W);
		measure_concurrent(n, ops, args.samples, &scale[S_CYCLE][n]);
	}
	for (int v = 0; v < NSCALE; v++)		/* in hmbench's order */
		for (int m = 2; m < n; m++)
			keep_conc_rows("kmap", v == S_HIT ? "hit" : "cycle",
				       v == S_HIT ? "" : "working_set", v == S_HIT ? 0 : SMP_W,
				       &scale[v][m]);
	if (n <= present) {
		snprintf(why, sizeof(why), "ncpus=%d and up: %d highmem pages for CPUs 1.., %d free",
			 n, (n - 1) * SMP_W, nextra);
		bench_skip("kmap", "hit/cycle", why);
	}
}

void bench_kmap(void)
{
	lo = alloc_page(GFP_KERNEL);
	if (!lo)
		panic("bench kmap: no lowmem page");
	npool = hipages_get(pool, MAX_W + 1);
	kc[0].pages = pool;
	nextra = 0;
	printk("kmap: %d highmem pages, LAST_PKMAP %d\n", npool, LAST_PKMAP);
	peer_online_first_n(1);
	kmap_flush_unused();
	if (npool > 0) {
		kmap(pool[0]);
		keep_row("kmap", "hit", "", 0, NULL, 1, &(struct op){ NULL, op_hit, NULL, pool[0] }, 0, 0);
		kunmap(pool[0]);
	} else {
		bench_skip("kmap", "hit", "no highmem at this RAM size");
	}
	if (npool >= MISS_POOL + MISS_SPARES) {
		kmap_flush_unused();
		cursor = 0;
		last_miss = NULL;
		keep_row("kmap", "miss", "", 0, NULL, 1,
			 &(struct op){ prep_miss, op_miss, NULL, NULL }, 0, 0);
	} else {
		bench_skip("kmap", "miss", "fewer than 1026 highmem pages free");
	}
	keep_row("kmap", "lowmem", "", 0, NULL, 1, &(struct op){ NULL, op_lowmem, NULL, NULL }, 0, 0);
	if (npool > 0)
		measure_cycle();
	else
		bench_skip("kmap", "cycle", "no highmem at this RAM size");
	if (npool >= SMP_W)
		measure_scaling();
	print_rows("kmap");
	kmap_flush_unused();
	hipages_put(extra, nextra);
	hipages_put(pool, npool);
	__free_page(lo);
}
