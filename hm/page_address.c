/*
 * page_address.c - page_address(): where a page can be reached in the
 * kernel's address space. A lowmem page's address is computed; struct page
 * has no room for a highmem page's current pkmap address, so, as Linux's
 * HASHED_PAGE_VIRTUAL, it lives in page_address_htable: PA_HASH_SIZE
 * buckets, each a list of page_address_map records from a fixed pool of
 * LAST_PKMAP (one per pkmap slot is all that can ever be in use).
 *
 * Writers (set_page_address) hold kmap_lock and the bucket's lock;
 * readers hold either: page_address() takes the bucket lock,
 * page_address_locked() relies on the caller's kmap_lock.
 */
#include "highmem.h"

#define PA_HASH_ORDER 7
#define PA_HASH_SIZE  (1u << PA_HASH_ORDER)

struct page_address_map {
    struct page *page;
    unsigned long virtual;
    struct list_head list;      /* in a bucket, or on the free pool */
};

static struct page_address_slot {
    struct list_head lh;        /* page_address_maps of this bucket */
    spinlock_t lock;
} page_address_htable[PA_HASH_SIZE];

static struct page_address_map page_address_maps[LAST_PKMAP];
static struct list_head page_address_pool;

/* Bucket of page: a multiplicative hash of its struct page's address
 * (Linux's hash_ptr; the low 32 bits are enough on the host too). */
static inline struct page_address_slot *page_slot(const struct page *page)
{
    uint32_t h = (uint32_t)(uintptr_t)page * 0x9E370001u;

    return &page_address_htable[h >> (32 - PA_HASH_ORDER)];
}

void page_address_init(void)
{
    unsigned int i;

    INIT_LIST_HEAD(&page_address_pool);
    for (i = 0; i < LAST_PKMAP; i++)
        list_add_tail(&page_address_maps[i].list, &page_address_pool);
    for (i = 0; i < PA_HASH_SIZE; i++) {
        INIT_LIST_HEAD(&page_address_htable[i].lh);
        page_address_htable[i].lock = (spinlock_t)RAW_SPINLOCK_INIT;
    }
}

/* The record of page in its bucket, or NULL. */
static inline struct page_address_map *find_pam(const struct page_address_slot *pas,
                                                const struct page *page)
{
    struct list_head *pos;

    for (pos = pas->lh.next; pos != &pas->lh; pos = pos->next) {
        struct page_address_map *pam = list_entry(pos, struct page_address_map, list);
        if (pam->page == page)
            return pam;
    }
    return NULL;
}

unsigned long page_address_locked(const struct page *page)
{
    struct page_address_map *pam = find_pam(page_slot(page), page);

    return pam ? pam->virtual : 0;
}

void *highmem_page_address(const struct page *page)
{
    struct page_address_slot *pas = page_slot(page);
    struct page_address_map *pam;
    unsigned long virtual = 0;

    spin_lock(&pas->lock);
    pam = find_pam(pas, page);
    if (pam)
        virtual = pam->virtual;
    spin_unlock(&pas->lock);
    return (void *)virtual;
}

void set_page_address(struct page *page, unsigned long virtual)
{
    struct page_address_slot *pas = page_slot(page);
    struct page_address_map *pam;

    spin_lock(&pas->lock);
    pam = find_pam(pas, page);
    if (virtual) {
        if (pam) {
            pam->virtual = virtual;
        } else {
            BUG_ON(list_empty(&page_address_pool));
            pam = list_first_entry(&page_address_pool, struct page_address_map, list);
            list_del(&pam->list);
            pam->page = page;
            pam->virtual = virtual;
            list_add_tail(&pam->list, &pas->lh);
        }
    } else if (pam) {
        list_del(&pam->list);
        list_add_tail(&pam->list, &page_address_pool);
    }
    spin_unlock(&pas->lock);
}

void *page_address(const struct page *page)
{
    if (!PageHighMem(page))
        return lowmem_page_address(page);
    return highmem_page_address(page);
}
