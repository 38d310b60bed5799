/*
 * highmem.h - reaching highmem pages: permanent (pkmap) and temporary
 * (per-CPU fixmap slot) kernel mappings, with Linux's names. Design notes
 * are in docs/kmap.md.
 *
 * Permanent, hm/highmem.c: kmap(page) may be held for as long as the
 * caller likes, from any CPU, and nests freely; kunmap(page) gives it back.
 * A highmem page gets one of LAST_PKMAP slots at PKMAP_BASE, found again
 * through page_address_htable (hm/page_address.c). pkmap_count[nr]:
 *   0     free, and no TLB can hold a translation of PKMAP_ADDR(nr);
 *   1     no user, but still mapped (and maybe in some TLB);
 *   n > 1 n - 1 users.
 * Count-1 entries are only torn down when the allocation scan wraps, all
 * at once, with ONE flush of the whole pkmap range on every CPU.
 *
 * Temporary (hm/highmem_local.h): kmap_atomic(page) / kmap_local_page(page)
 * take the next of KM_MAX_IDX fixmap slots of this CPU (a LIFO stack);
 * kunmap_atomic(addr) / kunmap_local(addr) must give back the newest one
 * first. Map = one PTE write, no flush; unmap = PTE clear + local invlpg.
 *
 * A lowmem page needs neither: both return its direct-map address.
 * Virtual addresses of highmem mappings are guest addresses also on the
 * host, where tests reach them through the simulated MMU (tests/sim).
 */
#ifndef HM_HIGHMEM_H
#define HM_HIGHMEM_H

#include "hm/mm.h"
#include "hm/page_address.h"
#include "hm/spinlock.h"
#include "hm/tlbflush.h"
#include "hm/highmem_local.h"

/* ---- permanent mappings (hm/highmem.c) ---- */

extern int pkmap_count[LAST_PKMAP];
extern unsigned int last_pkmap_nr;     /* the slot the scan handed out last */
extern spinlock_t kmap_lock;           /* pkmap_count, last_pkmap_nr, the htable's writers */

/* Reset every pkmap, htable and kmap_atomic structure to empty (the PTEs
 * too). mm_init() calls it after paging_init(). */
void kmap_init(void);

/* Tear down every unused (count 1) pkmap entry now, with one flush. */
void kmap_flush_unused(void);

/* page_address() for highmem: the page's pkmap address, or NULL. Takes the
 * htable bucket's lock (hm/page_address.c). */
void *highmem_page_address(const struct page *page);

/* Record (virtual != 0) or forget (virtual == 0) the pkmap address of a
 * highmem page. Caller holds kmap_lock. */
void set_page_address(struct page *page, unsigned long virtual);

/* Empty the htable and refill its page_address_map pool. */
void page_address_init(void);

/* &mem_map[max_low_pfn]: PageHighMem(page) in one compare (kmap_init). */
extern struct page *highmem_start_page;

/* Waiting for a free slot (SMP only): a waiter counts itself in
 * pkmap_waiters and spins until pkmap_wake_seq moves; kunmap_high moves it
 * when a slot's count falls to 1 while someone waits. */
extern unsigned int pkmap_waiters;
extern unsigned long pkmap_waits;       /* waits so far (a statistic) */
extern volatile unsigned int pkmap_wake_seq;

/* The slow halves of kmap_high / kunmap_high (hm/highmem.c), entered with
 * kmap_lock held. kmap_high_slow maps the page and drops the lock; the
 * BUG reports drop it and stop. */
void *kmap_high_slow(struct page *page);
void bad_kmap(struct page *page, int *cnt) __attribute__((noreturn));
void bad_kunmap(struct page *page, int *cnt) __attribute__((noreturn));

/* kmap_high: map a highmem page in the pkmap, or find its mapping, and
 * count one more user. Never fails: with every slot in use it waits for a
 * kunmap on SMP and panics on one CPU. The hit - the page is mapped - is
 * inline: lock, one bucket walk, one increment, unlock. */
static inline void *kmap_high(struct page *page)
{
    struct page_address_map *pam;
    int *cnt;

    spin_lock(&kmap_lock);
    pam = find_pam(page_slot(page), page);
    if (__builtin_expect(!pam, 0))
        return kmap_high_slow(page);
    cnt = &pkmap_count[PKMAP_NR(pam->virtual)];
    if (__builtin_expect(++*cnt < 2, 0))
        bad_kmap(page, cnt);
    spin_unlock(&kmap_lock);
    return (void *)pam->virtual;
}

/* kunmap_high: drop one user of a kmap_high() mapping. The slot stays
 * mapped (count 1) until the next wrap. A page that is not kmapped, or
 * one more kunmap than kmaps, is a BUG; the last user of a slot wakes a
 * waiter. */
static inline void kunmap_high(struct page *page)
{
    struct page_address_map *pam;
    int *cnt;

    spin_lock(&kmap_lock);
    pam = find_pam(page_slot(page), page);
    if (__builtin_expect(!pam, 0))
        bad_kunmap(page, NULL);
    cnt = &pkmap_count[PKMAP_NR(pam->virtual)];
    if (__builtin_expect(*cnt < 2, 0))
        bad_kunmap(page, cnt);
    if (--*cnt == 1 && pkmap_waiters)
        pkmap_wake_seq++;
    spin_unlock(&kmap_lock);
}

/* kmap: the direct map for lowmem, a pkmap slot for highmem. */
static inline void *kmap(struct page *page)
{
    if (page < highmem_start_page)
        return lowmem_page_address(page);
    return kmap_high(page);
}

/* kunmap: undo one kmap(page); nothing to do for lowmem. */
static inline void kunmap(struct page *page)
{
    if (page >= highmem_start_page)
        kunmap_high(page);
}

#endif
