// SPDX-License-Identifier: GPL-2.0
/*
 * b_page_alloc.c - bench=page_alloc in Linux: one alloc_pages +
 * __free_pages pair per sample, order 0 and order 3, per zone (dma,
 * normal, highmem), with the gfp masks of hmbench's bench/b_page_alloc.c
 * (GFP_DMA, GFP_KERNEL, GFP_HIGHUSER). A zone without free pages is a
 * SKIP. Order 0 goes through Linux's per-CPU page lists, order 3 too
 * (6.1 keeps pcp lists up to PAGE_ALLOC_COSTLY_ORDER).
 */
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/mmzone.h>
#include <linux/vmstat.h>
#include "peer.h"
#include "rows.h"

struct pa_ctx {
	gfp_t gfp;
	unsigned int order;
};

static void op_alloc_free(void *c)
{
	struct pa_ctx *x = c;
	struct page *p = alloc_pages(x->gfp, x->order);

	if (p)
		__free_pages(p, x->order);
}

void bench_page_alloc(void)
{
	static const struct { const char *name; int zone; gfp_t gfp; } zones[] = {
		{ "dma", ZONE_DMA, GFP_DMA },
		{ "normal", ZONE_NORMAL, GFP_KERNEL },
		{ "highmem", ZONE_HIGHMEM, GFP_HIGHUSER },
	};
	static const unsigned int orders[] = { 0, 3 };
	static struct pa_ctx ctx[2][ARRAY_SIZE(zones)];
	struct pglist_data *pgdat = first_online_pgdat();

	peer_online_first_n(1);
	for (unsigned int o = 0; o < 2; o++) {
		for (unsigned int z = 0; z < ARRAY_SIZE(zones); z++) {
			struct zone *zone = &pgdat->node_zones[zones[z].zone];
			const char *variant = orders[o] ? "order3" : "order0";

			if (zone_page_state(zone, NR_FREE_PAGES) < (2UL << orders[o])) {
				bench_skip("page_alloc", variant,
					   z == 2 ? "no free highmem" : z == 0 ? "no free DMA memory" :
					   "no free normal memory");
				continue;
			}
			ctx[o][z] = (struct pa_ctx){ zones[z].gfp, orders[o] };
			keep_row("page_alloc", variant, "zone", 0, zones[z].name, 1,
				 &(struct op){ NULL, op_alloc_free, NULL, &ctx[o][z] }, 0, 0);
		}
	}
	print_rows("page_alloc");
}
