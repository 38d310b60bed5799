/*
 * b_page_alloc.c - bench=page_alloc: one alloc_pages + __free_pages pair
 * per sample, order 0 and order 3, in each zone that has free memory
 * (param_name=zone: dma, normal, highmem). A zone without free pages
 * gets a SKIP line, not a row. The gfp asks for exactly that zone's top
 * (GFP_DMA, GFP_KERNEL, GFP_HIGHUSER), so with free pages there the
 * allocator never falls back and the row measures that zone's lists.
 */
#include "bench/bench.h"
#include "bench/report.h"
#include "hm/gfp.h"

struct pa_ctx {
    gfp_t gfp;
    unsigned order;
};

static void op_alloc_free(void *c)
{
    struct pa_ctx *x = c;
    struct page *p = alloc_pages(x->gfp, x->order);
    if (p)
        __free_pages(p, x->order);
}

BENCH(page_alloc)
{
    static const struct { const char *name; gfp_t gfp; } zones[MAX_NR_ZONES] = {
        [ZONE_DMA] = { "dma", GFP_DMA },
        [ZONE_NORMAL] = { "normal", GFP_KERNEL },
        [ZONE_HIGHMEM] = { "highmem", GFP_HIGHUSER },
    };
    static const unsigned orders[] = { 0, 3 };

    table_begin("page_alloc");
    for (unsigned o = 0; o < 2; o++) {
        for (int z = 0; z < MAX_NR_ZONES; z++) {
            struct pa_ctx c = { zones[z].gfp, orders[o] };
            const char *variant = orders[o] ? "order3" : "order0";

            if (node_zones[z].free_pages < (2u << orders[o])) {
                bench_skip("page_alloc", variant, z == ZONE_HIGHMEM ? "no free highmem" :
                           z == ZONE_DMA ? "no free DMA memory" : "no free normal memory");
                continue;
            }
            bench_row_named("page_alloc", variant, "zone", zones[z].name,
                            &(struct op){ 0, op_alloc_free, 0, &c }, 0);
        }
    }
    table_end();
}
