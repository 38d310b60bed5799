/*
 * vmap_area.h - inside hm/'s vmalloc: the address-space allocator
 * (vmap_area.c) and the lazy purge (vmalloc_purge.c), as vmalloc.c and
 * the two of them use each other. Callers outside use hm/vmalloc.h.
 */
#ifndef HM_VMAP_AREA_H
#define HM_VMAP_AREA_H

#include "hm/spinlock.h"
#include "hm/vmalloc.h"

/* Guards the free list and tree, the busy hash, the purge list and the
 * counters. */
extern spinlock_t vmap_area_lock;

/* The free ranges as an augmented tree (vmap_tree.h); read by host tests. */
extern struct vmap_area *free_vmap_area_root;

/* Start afresh over [start, end): one free range, an empty busy hash and a
 * descriptor pool sized for the most areas the range can hold (capped at
 * 1/32 of lowmem). */
void vmap_area_init(unsigned long start, unsigned long end);

/* Lowest fit: a busy area of size bytes (guard included) at an address
 * aligned to align, entered in the busy hash; its other fields zeroed.
 * The range is the lowest free one of at least size + align - PAGE_SIZE
 * bytes (the first fit when align is PAGE_SIZE), else the lowest where
 * the aligned request fits at all.
 * When nothing fits, purges the lazy areas once and tries again; NULL if
 * it still does not fit (or no descriptor is left). */
struct vmap_area *alloc_vmap_area(unsigned long size, unsigned long align);

/* The busy area that starts at addr, or NULL. It is taken out of the busy
 * hash only when its flags include kind (VM_ALLOC, VM_MAP); the caller
 * checks va->flags to see which happened. */
struct vmap_area *find_unlink_vmap_area(unsigned long addr, unsigned int kind);

/* Return a range that is no longer busy to the free list and tree,
 * merging it with free neighbours; free_vmap_area_locked with vmap_area_lock held. */
void free_vmap_area(struct vmap_area *va);
void free_vmap_area_locked(struct vmap_area *va);

/* With vmap_area_lock held: busy/free/pool fields of st. */
void vmap_area_stats_locked(struct vmalloc_stats *st);

/* vmalloc_purge.c: a busy area just unmapped (PTEs cleared, no flush):
 * lazily queue it, or in eager mode flush it and free it now. */
void free_vmap_area_noflush(struct vmap_area *va);

/* Purge every lazy area: one flush over their combined range, then pages
 * to the buddy and ranges to the free list. False if there was none. */
bool purge_vmap_area_lazy(void);

/* True when addr starts an area waiting on the purge list (to tell a
 * double vfree from a wild one). */
bool vmap_area_is_lazy(unsigned long addr);

/* Pages waiting on the purge list (vmap_lazy_nr), read without the lock. */
unsigned long vmap_lazy_pages(void);

/* Empty purge list and counters for a space of span bytes (vmalloc_init). */
void vmap_purge_reset(unsigned long span);

#endif
