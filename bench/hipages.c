/* hipages.c - see hipages.h. */
#include "bench/hipages.h"

int hipages_get(struct page **v, int n)
{
    int got;

    for (got = 0; got < n; got++) {
        struct page *page = alloc_page(__GFP_HIGHMEM);

        if (!page)
            break;
        if (!PageHighMem(page)) {
            __free_page(page);
            break;
        }
        v[got] = page;
    }
    return got;
}

void hipages_put(struct page **v, int n)
{
    for (int i = 0; i < n; i++) {
        __free_page(v[i]);
        v[i] = 0;
    }
}
