// SPDX-License-Identifier: GPL-2.0
/*
 * b_kmap.c - bench=kmap in Linux: kmap + kunmap as one op, the rows of
 * hmbench's bench/b_kmap.c with the same keys:
 *   hit, miss, lowmem, cycle W for W = 1 .. 4096 (ncpus = 1: the other
 *   CPUs offline, as hmbench parks them).
 * miss pushes the wrap out of the timed region as hmbench does; Linux's
 * last_pkmap_nr is static in mm/highmem.c, so the slot the last miss
 * took is read back from page_address() of its page (untimed).
 * The concurrent rows (hit and cycle W=1024 on 2.. CPUs at once) are a
 * SKIP: the peer measures on one CPU only.
 */
#include <linux/gfp.h>
#include <linux/highmem.h>
#include <linux/mm.h>
#include "bench/args.h"
#include "bench/table.h"
#include "boot/console.h"
#include "hipages.h"
#include "rows.h"
#include "peer.h"

#define MISS_POOL 1024
#define MAX_W 4096

static struct page *pool[MAX_W + 1];
static struct page *lo, *last_miss;
static int npool;
static unsigned int cursor, cyc, ws;

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

/* prep_miss: if the next miss would wrap (and flush), wrap now, untimed. */
static void prep_miss(void *c)
{
	if (last_miss && pkmap_slot(last_miss) == LAST_PKMAP - 1)
		kmap_kunmap(pool[MISS_POOL]);
}

static void op_miss(void *c)
{
	last_miss = pool[cursor];
	kmap_kunmap(pool[cursor]);
	cursor = (cursor + 1) % MISS_POOL;
}

static void op_cycle(void *c)
{
	kmap_kunmap(pool[cyc]);
	if (++cyc == ws)
		cyc = 0;
}

static void measure_cycle(void)
{
	static const unsigned int sets[] = { 1, 16, 64, 256, 511, 512, 513, 1024, MAX_W };
	char why[96];

	for (unsigned int i = 0; i < ARRAY_SIZE(sets); i++) {
		ws = sets[i];
		if (ws > (unsigned int)npool) {
			snprintf(why, sizeof(why), "working_set=%u: only %d highmem pages free",
				 ws, npool);
			bench_skip("kmap", "cycle", why);
			continue;
		}
		kmap_flush_unused();
		cyc = 0;
		for (unsigned int k = 0; k < 2 * ws + LAST_PKMAP; k++)
			op_cycle(NULL);
		keep_row("kmap", "cycle", "working_set", ws, NULL, 1,
			 &(struct op){ NULL, op_cycle, NULL, NULL }, 0, 0);
	}
}

void bench_kmap(void)
{
	lo = alloc_page(GFP_KERNEL);
	if (!lo)
		panic("bench kmap: no lowmem page");
	npool = hipages_get(pool, MAX_W + 1);
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
	if (npool > MISS_POOL) {
		kmap_flush_unused();
		cursor = 0;
		last_miss = NULL;
		keep_row("kmap", "miss", "", 0, NULL, 1,
			 &(struct op){ prep_miss, op_miss, NULL, NULL }, 0, 0);
	} else {
		bench_skip("kmap", "miss", "fewer than 1025 highmem pages free");
	}
	keep_row("kmap", "lowmem", "", 0, NULL, 1, &(struct op){ NULL, op_lowmem, NULL, NULL }, 0, 0);
	if (npool > 0)
		measure_cycle();
	else
		bench_skip("kmap", "cycle", "no highmem at this RAM size");
	if (peer_ncpus() > 1)
		bench_skip("kmap", "hit/cycle ncpus>=2",
			   "the peer does not run ops on several CPUs at once");
	print_rows("kmap");
	kmap_flush_unused();
	hipages_put(pool, npool);
	__free_page(lo);
}
