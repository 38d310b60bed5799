/*
 * vmap_area.c - the vmalloc address-space allocator.
 *
 * Free ranges are kept twice, as in Linux: on free_vmap_area_list, sorted
 * by address and never touching (neighbours merge on free), and in
 * free_vmap_area_root, a balanced tree keyed by address whose nodes also
 * know the largest free range in their subtree (vmap_tree.c). Allocation
 * takes the lowest range that is sure to hold the request once aligned
 * (size + align - PAGE_SIZE bytes; for PAGE_SIZE alignment, every vmalloc,
 * that is exactly the first fit) in one walk down the tree; only if none
 * is that large, the list is walked for a range where the aligned request
 * happens to fit. A free finds its lower neighbour in the tree and its
 * upper one next to it on the list. So both cost O(log n) in the number n
 * of free ranges; the rare aligned fallback is O(n). Busy areas are found
 * by start address in a hash (vmap_hash): O(1 + live / VMAP_HASH_SIZE).
 *
 * Descriptors come from a pool made once at init from lowmem buddy pages,
 * sized for the most ranges the space can hold (each busy area needs at
 * least two pages, one for its guard; free ranges <= busy + 1), capped at
 * 1/32 of lowmem. An allocation needs at most two descriptors (its own and
 * a split-off remainder); a free gives them back. So page counts never
 * drift, and running out of descriptors is just one more "no room".
 */
#include "hm/vmap_area.h"
#include "hm/vmap_tree.h"

#define VMAP_HASH_BITS 12
#define VMAP_HASH_SIZE (1u << VMAP_HASH_BITS)

DEFINE_SPINLOCK(vmap_area_lock);

static struct list_head free_vmap_area_list;
struct vmap_area *free_vmap_area_root = FREE_TREE_NIL;
static struct list_head vmap_area_pool;
static struct vmap_area *vmap_hash[VMAP_HASH_SIZE];
static unsigned long nr_busy, nr_free_ranges, pool_free, pool_size;

static inline unsigned int vmap_hash_idx(unsigned long addr)
{
    return (unsigned int)(addr >> PAGE_SHIFT) & (VMAP_HASH_SIZE - 1);
}

static struct vmap_area *pool_get(void)
{
    struct vmap_area *va = list_first_entry(&vmap_area_pool, struct vmap_area, list);

    list_del(&va->list);
    pool_free--;
    return va;
}

static void pool_put(struct vmap_area *va)
{
    list_add(&va->list, &vmap_area_pool);
    pool_free++;
}

/* Fill the pool with up to want descriptors carved from lowmem blocks. */
static void pool_fill(unsigned long want)
{
    unsigned int order = MAX_ORDER - 1;

    while (pool_size < want) {
        unsigned long bytes = (want - pool_size) * sizeof(struct vmap_area);
        struct page *page;
        struct vmap_area *va;
        unsigned long n;

        while (order && (PAGE_SIZE << (order - 1)) >= bytes)
            order--;
        page = alloc_pages(GFP_KERNEL, order);
        if (!page) {
            if (!order)
                break;
            order--;
            continue;
        }
        va = lowmem_page_address(page);
        for (n = (PAGE_SIZE << order) / sizeof(*va); n && pool_size < want; n--, va++) {
            pool_put(va);
            pool_size++;
        }
    }
    if (pool_size < 2)
        arch_panic("vmalloc: no lowmem left for the vmap_area pool");
}

void vmap_area_init(unsigned long start, unsigned long end)
{
    unsigned long lowmem = node_zones[ZONE_DMA].managed_pages + node_zones[ZONE_NORMAL].managed_pages;
    unsigned long want = 2 * ((end - start) / (2 * PAGE_SIZE)) + 2;
    unsigned long cap = (lowmem << PAGE_SHIFT) / 32 / sizeof(struct vmap_area);
    struct vmap_area *va;

    INIT_LIST_HEAD(&free_vmap_area_list);
    INIT_LIST_HEAD(&vmap_area_pool);
    free_vmap_area_root = FREE_TREE_NIL;
    memset(vmap_hash, 0, sizeof(vmap_hash));
    nr_busy = nr_free_ranges = pool_free = pool_size = 0;
    pool_fill(want < cap ? want : cap);
    va = pool_get();
    va->va_start = start;
    va->va_end = end;
    list_add(&va->list, &free_vmap_area_list);
    free_tree_insert(&free_vmap_area_root, va);
    nr_free_ranges = 1;
}

/* Cut [start, start + size) out of free range fa and make it busy; path:
 * fa's ancestors in the tree when known, else NULL. */
static struct vmap_area *carve(struct vmap_area *fa, unsigned long start, unsigned long size,
                               const struct vmap_tree_path *path)
{
    unsigned long end = start + size;
    struct vmap_area *va;

    if (start == fa->va_start && end == fa->va_end) {
        list_del(&fa->list);
        free_tree_remove(&free_vmap_area_root, fa);
        nr_free_ranges--;
        va = fa;
    } else {
        struct vmap_area *rest = NULL;

        va = pool_get();
        if (start == fa->va_start) {
            fa->va_start = end;
        } else if (end == fa->va_end) {
            fa->va_end = start;
        } else {
            rest = pool_get();
            rest->va_start = end;
            rest->va_end = fa->va_end;
            fa->va_end = start;
        }
        if (path)
            free_tree_resized_path(fa, path);
        else
            free_tree_resized(free_vmap_area_root, fa);
        if (rest) {
            list_add(&rest->list, &fa->list);
            free_tree_insert(&free_vmap_area_root, rest);
            nr_free_ranges++;
        }
    }
    va->va_start = start;                       /* every field of a busy area */
    va->va_end = end;
    INIT_LIST_HEAD(&va->list);
    INIT_LIST_HEAD(&va->pages);
    va->nr_pages = 0;
    va->flags = 0;
    va->hash_next = vmap_hash[vmap_hash_idx(start)];
    vmap_hash[vmap_hash_idx(start)] = va;
    nr_busy++;
    return va;
}

/* Where size bytes aligned to align start inside free range fa, or 0. */
static inline unsigned long fit_in(const struct vmap_area *fa, unsigned long size, unsigned long align)
{
    unsigned long start = (fa->va_start + align - 1) & ~(align - 1);

    if (start < fa->va_start || start >= fa->va_end || fa->va_end - start < size)
        return 0;
    return start;
}

/* Lowest fit under the lock (see the top of the file); NULL when nothing
 * fits. */
static struct vmap_area *__alloc_vmap_area(unsigned long size, unsigned long align)
{
    unsigned long length = size + align - PAGE_SIZE, start;
    struct vmap_tree_path path;
    struct vmap_area *fa;
    struct list_head *pos;

    if (pool_free < 2)
        return NULL;
    if (length >= size) {                       /* no overflow */
        fa = find_vmap_lowest_match(free_vmap_area_root, length, &path);
        if (fa)
            return carve(fa, fit_in(fa, size, align), size, &path);
        if (align == PAGE_SIZE)
            return NULL;
    }
    list_for_each(pos, &free_vmap_area_list) {  /* aligned: a lucky fit in a smaller range */
        fa = list_entry(pos, struct vmap_area, list);
        start = fit_in(fa, size, align);
        if (start)
            return carve(fa, start, size, NULL);
    }
    return NULL;
}

struct vmap_area *alloc_vmap_area(unsigned long size, unsigned long align)
{
    struct vmap_area *va;

    BUG_ON(!size || (size & ~PAGE_MASK) || align < PAGE_SIZE || (align & (align - 1)));
    spin_lock(&vmap_area_lock);
    va = __alloc_vmap_area(size, align);
    spin_unlock(&vmap_area_lock);
    if (va)
        return va;
    /* No room: what waits for a purge may be in the way. Retry even if
     * this purge found nothing, as another CPU's purge has just ended. */
    purge_vmap_area_lazy();
    spin_lock(&vmap_area_lock);
    va = __alloc_vmap_area(size, align);
    spin_unlock(&vmap_area_lock);
    return va;
}

struct vmap_area *find_unlink_vmap_area(unsigned long addr, unsigned int kind)
{
    struct vmap_area **link, *va;

    spin_lock(&vmap_area_lock);
    for (link = &vmap_hash[vmap_hash_idx(addr)]; (va = *link); link = &va->hash_next) {
        if (va->va_start == addr) {
            if (!(va->flags & kind))
                break;
            *link = va->hash_next;
            va->hash_next = NULL;
            nr_busy--;
            break;
        }
    }
    spin_unlock(&vmap_area_lock);
    return va;
}

void free_vmap_area_locked(struct vmap_area *va)
{
    struct vmap_area *prev = free_tree_prev(free_vmap_area_root, va->va_start), *next = NULL;
    struct list_head *after = prev ? &prev->list : &free_vmap_area_list;

    if (after->next != &free_vmap_area_list)
        next = list_entry(after->next, struct vmap_area, list);
    BUG_ON(prev && prev->va_end > va->va_start);        /* overlaps a free range */
    BUG_ON(next && next->va_start < va->va_end);
    if (prev && prev->va_end == va->va_start) {
        if (next && va->va_end == next->va_start) {     /* fills the gap: one range */
            prev->va_end = next->va_end;
            list_del(&next->list);
            free_tree_remove(&free_vmap_area_root, next);
            pool_put(next);
            nr_free_ranges--;
        } else {
            prev->va_end = va->va_end;
        }
        free_tree_resized(free_vmap_area_root, prev);
        pool_put(va);
    } else if (next && va->va_end == next->va_start) {
        next->va_start = va->va_start;
        free_tree_resized(free_vmap_area_root, next);
        pool_put(va);
    } else {
        list_add(&va->list, after);
        free_tree_insert(&free_vmap_area_root, va);
        nr_free_ranges++;
    }
}

void free_vmap_area(struct vmap_area *va)
{
    spin_lock(&vmap_area_lock);
    free_vmap_area_locked(va);
    spin_unlock(&vmap_area_lock);
}

void vmap_area_stats_locked(struct vmalloc_stats *st)
{
    struct list_head *pos;

    st->busy_areas = nr_busy;
    st->free_areas = nr_free_ranges;
    st->free_bytes = 0;
    list_for_each(pos, &free_vmap_area_list) {
        struct vmap_area *fa = list_entry(pos, struct vmap_area, list);
        st->free_bytes += fa->va_end - fa->va_start;
    }
    st->pool_free = pool_free;
    st->pool_size = pool_size;
}
