/*
 * vmalloc.h - virtually contiguous kernel memory from VMALLOC_START to
 * VMALLOC_END (boot/layout.h, hm/mm.h), as Linux's mm/vmalloc.c does it.
 *
 *   vmalloc(size)        gathers order-0 pages (highmem first), maps them
 *   vfree(addr)          unmaps, frees the pages after the TLB flush
 *   vmap(pages, count)   maps pages the caller holds; vunmap undoes it
 *
 * Every area is followed by an unmapped guard page. The address space is
 * handed out lowest fit from a tree of free ranges augmented with the
 * largest range below each node, in O(log n) (see vmap_area.c,
 * vmap_tree.h and docs/vmalloc.md for the cost). Freeing is lazy by
 * default: PTEs are cleared at once without a flush, and the area waits
 * on a purge list; when the lazy pages pass lazy_max_pages(), or an
 * allocation finds no room, every waiting area is purged with one
 * flush_tlb_kernel_range over their combined range, and only then do the
 * page frames go back to the buddy and the range to the free list.
 * VMAP_EAGER flushes on every vfree/vunmap instead, for comparison.
 *
 * One spinlock (vmap_area_lock) guards the lists; a second one
 * (vmap_purge_lock) makes purges one at a time. Addresses are guest
 * addresses, also on the host (where they are not dereferenceable).
 */
#ifndef HM_VMALLOC_H
#define HM_VMALLOC_H

#include "hm/gfp.h"

/* vmap_area.flags */
#define VM_ALLOC        0x1u    /* vmalloc: the area owns its pages */
#define VM_MAP          0x2u    /* vmap: the caller owns the pages */

/* One range of the vmalloc space: free, busy (mapped, with its guard page
 * at va_end - PAGE_SIZE) or lazily freed (unmapped, waiting for a purge).
 * Linux splits this into vmap_area and vm_struct; one struct is enough. */
struct vmap_area {
    unsigned long va_start, va_end;     /* [va_start, va_end), guard included */
    struct list_head list;              /* free list, purge list or the pool */
    union {
        struct {                        /* busy or lazy */
            struct vmap_area *hash_next;        /* busy hash chain */
            struct list_head pages;             /* VM_ALLOC: its pages, by page->lru */
        };
        struct {                        /* free: a node of free_vmap_area_root */
            struct vmap_area *left, *right;
            unsigned long subtree_max_size;     /* largest free range in this subtree */
            int height;                         /* of this subtree; a leaf is 1 */
        };
    };
    unsigned int nr_pages;              /* mapped pages (guard excluded) */
    unsigned int flags;                 /* VM_* */
};

enum vmap_purge_mode { VMAP_LAZY, VMAP_EAGER };

/* Counters for tests and @meta lines (a consistent snapshot). */
struct vmalloc_stats {
    unsigned long busy_areas;           /* mapped areas */
    unsigned long free_areas;           /* ranges on the free list */
    unsigned long free_bytes;           /* their total size */
    unsigned long lazy_areas;           /* on the purge list */
    unsigned long lazy_pages;           /* vmap_lazy_nr: their pages, guards included */
    unsigned long purges;               /* purges that flushed something */
    unsigned long pool_free, pool_size; /* vmap_area descriptors */
};

/* Set up the free list over the whole space and the descriptor pool
 * (lowmem pages from the buddy, kept for good). Run after mm_init();
 * running it again (host tests, after a new sim_boot) starts afresh. */
void vmalloc_init(void);

/* size bytes (rounded up to pages) of virtually contiguous memory whose
 * pages come from alloc_page(gfp), at an address aligned to align (a power
 * of two, at least PAGE_SIZE). NULL for size 0, a size that cannot fit the
 * space, or when no room or no page is left; nothing leaks then. */
void *__vmalloc_node(unsigned long size, unsigned long align, gfp_t gfp);

/* __vmalloc_node(size, PAGE_SIZE, GFP_HIGHUSER): highmem preferred. */
void *vmalloc(unsigned long size);

/* Free what vmalloc returned. NULL does nothing. Any other address that is
 * not the start of a live vmalloc area (never allocated, freed twice, a
 * vmap area) panics with one "BUG: vfree..." line. */
void vfree(const void *addr);

/* Map count pages (held by the caller, which keeps them) contiguously;
 * NULL when count is 0 or there is no room. */
void *vmap(struct page **pages, unsigned int count);

/* Unmap what vmap returned; the pages stay the caller's. NULL does
 * nothing; a bad address panics as vfree does. */
void vunmap(const void *addr);

/* The page mapped at addr inside a live area, or NULL (reads the PTE). */
struct page *vmalloc_to_page(const void *addr);

/* Purge every lazily freed area now (one flush). Linux's name for the
 * exported way to get rid of lazy aliases. */
void vm_unmap_aliases(void);

/* Lazy (the default) or eager. Switching to eager purges what waits. */
void vmalloc_set_mode(enum vmap_purge_mode mode);
enum vmap_purge_mode vmalloc_mode(void);

/* The lazy threshold in pages: fls(active CPUs) * 32 MiB of pages, as
 * Linux, but at most a quarter of the vmalloc space (ours is small). */
unsigned long lazy_max_pages(void);

void vmalloc_get_stats(struct vmalloc_stats *st);

#endif
