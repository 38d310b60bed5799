/*
 * page_address.c - page_address(): where a page can be reached in the
 * kernel's address space. A lowmem page's address is computed; struct page
 * has no room for a highmem page's current pkmap address, so, as Linux's
 * HASHED_PAGE_VIRTUAL, it lives in page_address_htable (page_address.h).
 */
#include "hm/highmem.h"
#include "hm/page_address.h"

struct list_head page_address_htable[PA_HASH_SIZE];
spinlock_t page_address_locks[PA_HASH_SIZE];
static struct page_address_map page_address_maps[LAST_PKMAP];
static struct list_head page_address_pool;

void page_address_init(void)
{
    unsigned int i;

    INIT_LIST_HEAD(&page_address_pool);
    for (i = 0; i < LAST_PKMAP; i++)
        list_add_tail(&page_address_maps[i].list, &page_address_pool);
    for (i = 0; i < PA_HASH_SIZE; i++) {
        INIT_LIST_HEAD(&page_address_htable[i]);
        page_address_locks[i] = (spinlock_t)RAW_SPINLOCK_INIT;
    }
}

void *highmem_page_address(const struct page *page)
{
    unsigned int h = page_slot(page);
    struct page_address_map *pam;
    unsigned long virtual = 0;

    spin_lock(&page_address_locks[h]);
    pam = find_pam(h, page);
    if (pam)
        virtual = pam->virtual;
    spin_unlock(&page_address_locks[h]);
    return (void *)virtual;
}

void set_page_address(struct page *page, unsigned long virtual)
{
    unsigned int h = page_slot(page);
    struct page_address_map *pam;

    spin_lock(&page_address_locks[h]);
    pam = find_pam(h, page);
    if (virtual) {
        if (pam) {
            pam->virtual = virtual;
        } else {
            BUG_ON(list_empty(&page_address_pool));
            pam = list_first_entry(&page_address_pool, struct page_address_map, list);
            list_del(&pam->list);
            pam->page = page;
            pam->virtual = virtual;
            list_add_tail(&pam->list, &page_address_htable[h]);
        }
    } else if (pam) {
        list_del(&pam->list);
        list_add_tail(&pam->list, &page_address_pool);
    }
    spin_unlock(&page_address_locks[h]);
}

void *page_address(const struct page *page)
{
    if (!PageHighMem(page))
        return lowmem_page_address(page);
    return highmem_page_address(page);
}
