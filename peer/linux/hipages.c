// SPDX-License-Identifier: GPL-2.0
/* hipages.c - see hipages.h. */
#include <linux/gfp.h>
#include <linux/mm.h>
#include "hipages.h"

int hipages_get(struct page **v, int n)
{
	for (int i = 0; i < n; i++) {
		struct page *p = alloc_page(GFP_HIGHUSER | __GFP_NOWARN);

		if (p && !PageHighMem(p)) {
			__free_page(p);
			p = NULL;
		}
		if (!p)
			return i;
		v[i] = p;
	}
	return n;
}

void hipages_put(struct page **v, int n)
{
	while (n > 0)
		__free_page(v[--n]);
}
