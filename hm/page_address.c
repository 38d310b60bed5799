/*
 * page_address.c - page_address(): where a page can be reached in the
 * kernel's address space. The highmem half is the hook the kmap work
 * replaces with its page_address_htable lookup.
 */
#include "mm.h"

void *page_address(const struct page *page)
{
    if (!PageHighMem(page))
        return lowmem_page_address(page);
    return highmem_page_address(page);
}

/* No highmem page is mapped anywhere yet. */
void *highmem_page_address(const struct page *page)
{
    (void)page;
    return NULL;
}
