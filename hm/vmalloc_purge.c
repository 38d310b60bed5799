/*
 * vmalloc_purge.c - what happens to an area after vfree/vunmap cleared its
 * PTEs: lazy purging as Linux does it, or an eager flush per free.
 *
 * Lazy: the area goes on purge_vmap_area_list and its pages (guard
 * included) onto vmap_lazy_nr. Its PTEs are gone, but other CPUs' TLBs
 * (and ours) may still hold the old translations, so neither its page
 * frames nor its range may be reused yet. When vmap_lazy_nr passes
 * lazy_max_pages(), or an allocation finds no room, or a vmalloc finds no
 * page, purge_vmap_area_lazy() takes the whole list, flushes the range
 * from the lowest start to the highest end once on every CPU
 * (flush_tlb_kernel_range: a global flush beyond 33 pages), and only then
 * frees the frames and returns the ranges. Linux does the purge from a
 * worker; here the CPU that crosses the threshold does it.
 */
#include "hm/tlbflush.h"
#include "hm/vmap_area.h"

DEFINE_SPINLOCK(vmap_purge_lock);       /* one purge at a time */

static struct list_head purge_vmap_area_list = LIST_HEAD_INIT(purge_vmap_area_list);
static unsigned long vmap_lazy_nr, nr_lazy_areas, nr_purges, span_pages;
static enum vmap_purge_mode purge_mode = VMAP_LAZY;

void vmap_purge_reset(unsigned long span)
{
    INIT_LIST_HEAD(&purge_vmap_area_list);
    vmap_lazy_nr = nr_lazy_areas = nr_purges = 0;
    span_pages = span >> PAGE_SHIFT;
    purge_mode = VMAP_LAZY;
}

static unsigned int fls(unsigned int x)
{
    return x ? 32 - (unsigned int)__builtin_clz(x) : 0;
}

unsigned long lazy_max_pages(void)
{
    unsigned long n = fls((unsigned int)num_active_cpus()) * ((32UL << 20) >> PAGE_SHIFT);

    return n < span_pages / 4 ? n : span_pages / 4;
}

unsigned long vmap_lazy_pages(void)
{
    return __atomic_load_n(&vmap_lazy_nr, __ATOMIC_RELAXED);
}

/* Give a VM_ALLOC area's pages back to the buddy (after the flush). */
static void free_area_pages(struct vmap_area *va)
{
    while (!list_empty(&va->pages)) {
        struct page *page = list_first_entry(&va->pages, struct page, lru);

        list_del(&page->lru);
        __free_page(page);
    }
    va->nr_pages = 0;
}

bool purge_vmap_area_lazy(void)
{
    struct list_head local;
    struct list_head *pos;
    unsigned long start = ~0UL, end = 0;

    spin_lock(&vmap_purge_lock);
    spin_lock(&vmap_area_lock);
    if (list_empty(&purge_vmap_area_list)) {
        spin_unlock(&vmap_area_lock);
        spin_unlock(&vmap_purge_lock);
        return false;
    }
    local = purge_vmap_area_list;               /* take the whole list */
    local.next->prev = &local;
    local.prev->next = &local;
    INIT_LIST_HEAD(&purge_vmap_area_list);
    vmap_lazy_nr = 0;
    nr_lazy_areas = 0;
    spin_unlock(&vmap_area_lock);

    list_for_each(pos, &local) {
        struct vmap_area *va = list_entry(pos, struct vmap_area, list);

        if (va->va_start < start)
            start = va->va_start;
        if (va->va_end > end)
            end = va->va_end;
    }
    flush_tlb_kernel_range(start, end);         /* the one flush, every CPU */
    list_for_each(pos, &local)
        free_area_pages(list_entry(pos, struct vmap_area, list));

    spin_lock(&vmap_area_lock);
    while (!list_empty(&local)) {
        struct vmap_area *va = list_first_entry(&local, struct vmap_area, list);

        list_del(&va->list);
        free_vmap_area_locked(va);
    }
    nr_purges++;
    spin_unlock(&vmap_area_lock);
    spin_unlock(&vmap_purge_lock);
    return true;
}

void free_vmap_area_noflush(struct vmap_area *va)
{
    unsigned long nr = (va->va_end - va->va_start) >> PAGE_SHIFT;
    bool over;

    if (purge_mode == VMAP_EAGER) {
        flush_tlb_kernel_range(va->va_start, va->va_start + (va->nr_pages << PAGE_SHIFT));
        free_area_pages(va);
        free_vmap_area(va);
        return;
    }
    spin_lock(&vmap_area_lock);
    list_add_tail(&va->list, &purge_vmap_area_list);
    vmap_lazy_nr += nr;
    nr_lazy_areas++;
    over = vmap_lazy_nr > lazy_max_pages();
    spin_unlock(&vmap_area_lock);
    if (over)
        purge_vmap_area_lazy();
}

bool vmap_area_is_lazy(unsigned long addr)
{
    struct list_head *pos;
    bool found = false;

    spin_lock(&vmap_area_lock);
    list_for_each(pos, &purge_vmap_area_list)
        if (list_entry(pos, struct vmap_area, list)->va_start == addr)
            found = true;
    spin_unlock(&vmap_area_lock);
    return found;
}

void vm_unmap_aliases(void)
{
    purge_vmap_area_lazy();
}

void vmalloc_set_mode(enum vmap_purge_mode mode)
{
    if (mode == VMAP_EAGER)
        purge_vmap_area_lazy();
    purge_mode = mode;
}

enum vmap_purge_mode vmalloc_mode(void)
{
    return purge_mode;
}

void vmalloc_get_stats(struct vmalloc_stats *st)
{
    spin_lock(&vmap_area_lock);
    vmap_area_stats_locked(st);
    st->lazy_areas = nr_lazy_areas;
    st->lazy_pages = vmap_lazy_nr;
    st->purges = nr_purges;
    spin_unlock(&vmap_area_lock);
}
