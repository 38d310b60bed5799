/*
 * mm_types.h - struct page: one per physical page frame, in mem_map[].
 *
 * 24 bytes in the 32-bit image (at most 32 is the budget: 64 GiB of RAM
 * then costs 384 MiB of lowmem), 32 on the 64-bit host. No virtual-address
 * field: a lowmem page's address is computed, a highmem page's address
 * lives in the kmap code's page_address_htable (Linux's HASHED_PAGE_VIRTUAL).
 */
#ifndef HM_MM_TYPES_H
#define HM_MM_TYPES_H

#include "hm/arch.h"
#include "hm/list.h"

/* page->flags bits. A page is in exactly one of these states:
 *   PG_reserved        never given to the buddy (hole, image, mem_map, ...)
 *   PG_buddy           first page of a free block; private = its order
 *   PG_head            first page of an allocated block; private = its order
 *   PG_pcp             a free order-0 page on a per-CPU list (page_pcp.c)
 *   none of them       inside a free or allocated block, not its first page */
#define PG_reserved (1u << 0)
#define PG_buddy    (1u << 1)
#define PG_head     (1u << 2)
#define PG_pcp      (1u << 3)

struct page {
    struct list_head lru;       /* free_area or per-CPU list while free; the owner's otherwise */
    uint32_t flags;             /* PG_* above */
    uint32_t private;           /* block order while PG_buddy or PG_head */
    int32_t _refcount;          /* 1 while allocated, 0 while free */
    int32_t _mapcount;          /* kmap users may count mappings here */
};

#if __SIZEOF_POINTER__ == 4
_Static_assert(sizeof(struct page) <= 32, "struct page must stay within 32 bytes in the image");
#endif

static inline bool PageReserved(const struct page *page) { return page->flags & PG_reserved; }
static inline bool PageBuddy(const struct page *page) { return page->flags & PG_buddy; }

#endif
