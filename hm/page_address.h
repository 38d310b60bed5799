/*
 * page_address.h - page_address_htable, shared by hm/page_address.c (which
 * owns it) and hm/highmem.c (whose kmap hit path looks pages up inline).
 *
 * A highmem page's current pkmap address lives in one of PA_HASH_SIZE
 * buckets, each a list of page_address_map records taken from a pool of
 * LAST_PKMAP (one per pkmap slot is all that can ever be in use). Writers
 * (set_page_address) hold kmap_lock and the bucket's lock; readers hold
 * either: page_address() the bucket lock, page_address_locked() kmap_lock.
 */
#ifndef HM_PAGE_ADDRESS_H
#define HM_PAGE_ADDRESS_H

#include "hm/mm.h"
#include "hm/spinlock.h"

#define PA_HASH_ORDER 10
#define PA_HASH_SIZE  (1u << PA_HASH_ORDER)

struct page_address_map {
    struct page *page;
    unsigned long virtual;
    struct list_head list;      /* in a bucket, or on the free pool */
};

/* Bucket heads and their locks apart, so a bucket index is a plain scale. */
extern struct list_head page_address_htable[PA_HASH_SIZE];
extern spinlock_t page_address_locks[PA_HASH_SIZE];

/* Bucket of page: a multiplicative hash of its struct page's address
 * (Linux's hash_ptr; the low 32 bits are enough on the host too). */
static inline unsigned int page_slot(const struct page *page)
{
    return ((uint32_t)(uintptr_t)page * 0x9E370001u) >> (32 - PA_HASH_ORDER);
}

/* The record of page in bucket h, or NULL. */
static inline struct page_address_map *find_pam(unsigned int h, const struct page *page)
{
    const struct list_head *head = &page_address_htable[h];
    struct list_head *pos;

    for (pos = head->next; pos != head; pos = pos->next) {
        struct page_address_map *pam = list_entry(pos, struct page_address_map, list);
        if (pam->page == page)
            return pam;
    }
    return NULL;
}

/* page_address() of a highmem page for a caller that holds kmap_lock
 * (every writer of the htable holds it too): 0 when not mapped. */
static inline unsigned long page_address_locked(const struct page *page)
{
    struct page_address_map *pam = find_pam(page_slot(page), page);

    return pam ? pam->virtual : 0;
}

#endif
