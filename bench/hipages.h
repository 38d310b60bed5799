/*
 * hipages.h - sets of highmem pages for the kmap benchmarks and
 * self-tests, taken from the buddy allocator and given back after.
 */
#ifndef BENCH_HIPAGES_H
#define BENCH_HIPAGES_H

#include "hm/gfp.h"

/* Fill v[0..n) with distinct highmem pages from alloc_page(__GFP_HIGHMEM);
 * returns how many it got (fewer when highmem runs out: a lowmem page the
 * allocator falls back to is given back, not kept). */
int hipages_get(struct page **v, int n);

/* Give back v[0..n) (order-0 pages) and zero n's worth of v. */
void hipages_put(struct page **v, int n);

#endif
