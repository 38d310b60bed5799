/*
 * b_page_alloc.c - bench=page_alloc: one alloc_pages + __free_pages pair
 * per sample, order 0 and order 3, in each zone that has free memory
 * (param_name=zone: dma, normal, highmem). A zone without free pages
 * gets a SKIP line, not a row. The gfp asks for exactly that zone's top
 * (GFP_DMA, GFP_KERNEL, GFP_HIGHUSER), so with free pages there the
 * allocator never falls back and the row measures that zone's lists.
 */
#include "bench/bench.h"
#include "hm/gfp.h"

struct pa_ctx {
    gfp_t gfp;
    unsigned order;
    int zone;
};

static void op_alloc_free(void *c)
{
    struct pa_ctx *x = c;
    struct page *p = alloc_pages(x->gfp, x->order);
    if (p)
        __free_pages(p, x->order);
}

/* zone_has_room: the zone has two blocks of this order free. */
static bool zone_has_room(const struct variant *v, const char **why)
{
    const struct pa_ctx *x = v->ctx;

    *why = x->zone == ZONE_HIGHMEM ? "no free highmem" :
           x->zone == ZONE_DMA ? "no free DMA memory" : "no free normal memory";
    return node_zones[x->zone].free_pages >= (2u << x->order);
}

#define PA(var, ord, z, zname, g) { .variant = var, .param_name = "zone", .param_str = zname, \
    .op = op_alloc_free, .ctx = &(struct pa_ctx){ g, ord, z }, .valid = zone_has_room }
static const struct variant variants[] = {
    PA("order0", 0, ZONE_DMA, "dma", GFP_DMA),
    PA("order0", 0, ZONE_NORMAL, "normal", GFP_KERNEL),
    PA("order0", 0, ZONE_HIGHMEM, "highmem", GFP_HIGHUSER),
    PA("order3", 3, ZONE_DMA, "dma", GFP_DMA),
    PA("order3", 3, ZONE_NORMAL, "normal", GFP_KERNEL),
    PA("order3", 3, ZONE_HIGHMEM, "highmem", GFP_HIGHUSER),
};

BENCH(page_alloc)
{
    BENCH_VARIANTS(variants);
}
