/* hipages.h - highmem pages for the peer's rows, as bench/hipages.h. */
#ifndef HMPEER_HIPAGES_H
#define HMPEER_HIPAGES_H
#include <linux/mm_types.h>

/* Allocates up to n highmem pages (GFP_HIGHUSER) into v; returns how many
 * it got (fewer when highmem runs out; a lowmem page is given back). */
int hipages_get(struct page **v, int n);

/* Frees v[0..n). */
void hipages_put(struct page **v, int n);
#endif
