/*
 * vmalloc.c - vmalloc/vfree and vmap/vunmap over the area allocator
 * (vmap_area.c) and the purge (vmalloc_purge.c); see vmalloc.h.
 *
 * Every PMD of the vmalloc space has had its PTE page since paging_init,
 * so mapping is set_pte through virt_to_kpte and never touches a PDE.
 * A new mapping needs no flush: its PTEs were empty and every translation
 * through them was flushed before the range came back to the free list.
 * A vmalloc area keeps its pages on va->pages, linked through page->lru
 * (free for the owner of an allocated page), so no page array is needed.
 */
#include "hm/paging.h"
#include "hm/vmap_area.h"

void vmalloc_init(void)
{
    vmap_area_init(VMALLOC_START, VMALLOC_END);
    vmap_purge_reset(VMALLOC_END - VMALLOC_START);
}

/* PTE of va, stepping within one PTE page: the caller passes the previous
 * result for the page before va (NULL to start). */
static inline pteval_t *next_kpte(pteval_t *prev, unsigned long va)
{
    if (!prev || !(va & (PMD_SIZE - 1)))
        return virt_to_kpte(va);
    return prev + 1;
}

/* Map page at va (an empty PTE) with PAGE_KERNEL; returns its PTE. */
static inline pteval_t *map_one(pteval_t *prev, unsigned long va, struct page *page)
{
    pteval_t *ptep = next_kpte(prev, va);

    BUG_ON(pte_present_at(ptep));
    set_pte(ptep, pfn_pte(page_to_pfn(page), PAGE_KERNEL));
    return ptep;
}

/* Clear the PTEs of nr pages from start; no flush (vunmap_range_noflush). */
static void vunmap_range_noflush(unsigned long start, unsigned int nr)
{
    pteval_t *ptep = NULL;

    for (unsigned long va = start; nr--; va += PAGE_SIZE) {
        ptep = next_kpte(ptep, va);
        pte_clear(ptep);
    }
}

/* Give back a busy area nothing was mapped into: no flush needed. */
static void *abandon_area(struct vmap_area *va)
{
    struct vmap_area *same = find_unlink_vmap_area(va->va_start, va->flags);

    BUG_ON(same != va);
    while (!list_empty(&va->pages)) {
        struct page *page = list_first_entry(&va->pages, struct page, lru);

        list_del(&page->lru);
        __free_page(page);
    }
    free_vmap_area(va);
    return NULL;
}

void *__vmalloc_node(unsigned long size, unsigned long align, gfp_t gfp)
{
    unsigned long nr, va_addr;
    struct vmap_area *va;
    struct list_head *pos;
    pteval_t *ptep = NULL;
    bool purged = false;

    if (!size || size > VMALLOC_END - VMALLOC_START - PAGE_SIZE)
        return NULL;
    size = (size + PAGE_SIZE - 1) & PAGE_MASK;
    nr = size >> PAGE_SHIFT;
    va = alloc_vmap_area(size + PAGE_SIZE, align < PAGE_SIZE ? PAGE_SIZE : align);
    if (!va)
        return NULL;
    va->flags = VM_ALLOC;
    while (va->nr_pages < nr) {
        va->nr_pages += alloc_pages_bulk_list(gfp, nr - va->nr_pages, &va->pages);
        if (va->nr_pages == nr)
            break;
        /* Lazily freed frames come back with a purge: try that once. */
        if (purged || !vmap_lazy_pages())
            return abandon_area(va);
        purged = true;
        purge_vmap_area_lazy();
    }
    va_addr = va->va_start;
    list_for_each(pos, &va->pages) {
        ptep = map_one(ptep, va_addr, list_entry(pos, struct page, lru));
        va_addr += PAGE_SIZE;
    }
    return (void *)va->va_start;
}

void *vmalloc(unsigned long size)
{
    return __vmalloc_node(size, PAGE_SIZE, GFP_HIGHUSER);
}

/* Why addr cannot be freed by fn; ends the run (the host: the test hook). */
static void __attribute__((noreturn, noinline))
bad_free(const char *fn, unsigned long addr, struct vmap_area *va)
{
    if (va)
        arch_panic("BUG: %s(0x%lx): the area was made by %s()", fn, addr,
                   (va->flags & VM_MAP) ? "vmap" : "vmalloc");
    if (addr < VMALLOC_START || addr >= VMALLOC_END)
        arch_panic("BUG: %s(0x%lx): not a vmalloc address (the space is 0x%lx-0x%lx)",
                   fn, addr, (unsigned long)VMALLOC_START, (unsigned long)VMALLOC_END);
    if (vmap_area_is_lazy(addr))
        arch_panic("BUG: %s(0x%lx): double free (the area is already freed and waits "
                   "for the lazy purge)", fn, addr);
    arch_panic("BUG: %s(0x%lx): no live area starts here (never allocated, already "
               "freed, or not its first byte)", fn, addr);
}

/* vfree and vunmap: unlink the area of the right kind, clear its PTEs and
 * hand it to the purge logic. */
static void free_area(const char *fn, const void *addr, unsigned int kind)
{
    struct vmap_area *va;

    if (!addr)
        return;
    va = find_unlink_vmap_area((unsigned long)addr, kind);
    if (!va || !(va->flags & kind))
        bad_free(fn, (unsigned long)addr, va);
    vunmap_range_noflush(va->va_start, va->nr_pages);
    free_vmap_area_noflush(va);
}

void vfree(const void *addr)
{
    free_area("vfree", addr, VM_ALLOC);
}

void vunmap(const void *addr)
{
    free_area("vunmap", addr, VM_MAP);
}

void *vmap(struct page **pages, unsigned int count)
{
    struct vmap_area *va;
    pteval_t *ptep = NULL;

    if (!count || count >= (VMALLOC_END - VMALLOC_START) >> PAGE_SHIFT)
        return NULL;
    va = alloc_vmap_area(((unsigned long)count + 1) << PAGE_SHIFT, PAGE_SIZE);
    if (!va)
        return NULL;
    va->flags = VM_MAP;
    va->nr_pages = count;
    for (unsigned int i = 0; i < count; i++)
        ptep = map_one(ptep, va->va_start + ((unsigned long)i << PAGE_SHIFT), pages[i]);
    return (void *)va->va_start;
}

struct page *vmalloc_to_page(const void *addr)
{
    unsigned long va = (unsigned long)addr;
    pteval_t pte;

    if (va < VMALLOC_START || va >= VMALLOC_END)
        return NULL;
    pte = pte_read(virt_to_kpte(va));
    return pte_present(pte) ? pfn_to_page(pte_pfn(pte)) : NULL;
}
