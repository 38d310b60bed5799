/*
 * setup_vmalloc.c - brings up hm/'s vmalloc after the buddy allocator, and
 * owns its two command-line words:
 *   vmalloc=lazy|eager        how vfree flushes (default lazy, as Linux)
 *   vmalloc_bug=wild|inside|double|vmap
 *                             test-only: make one bad vfree on purpose, to
 *                             prove it ends the run with a "BUG: ..." line
 *                             and status 3 (tests/e2e/vmalloc.sh)
 */
#include "bench/args.h"
#include "bench/setup.h"
#include "boot/console.h"
#include "boot/string.h"
#include "hm/vmalloc.h"

CMDLINE_KEY(vmalloc_arg, "vmalloc", ARG_ENUM, "lazy|eager", 0, 0);
CMDLINE_KEY(vmalloc_bug_arg, "vmalloc_bug", ARG_ENUM, "wild|inside|double|vmap", 0, 0);

/* The bad call vmalloc_bug= names; it must not return. */
static void vmalloc_bug_if_asked(void)
{
    const char *kind = vmalloc_bug_arg.str;
    struct page *page;
    void *a;

    if (!vmalloc_bug_arg.set)
        return;
    printk("vmalloc: making a bad vfree on purpose (vmalloc_bug=%s)\n", kind);
    a = vmalloc(2 * PAGE_SIZE);
    if (!strcmp(kind, "wild")) {
        vfree((void *)(PAGE_OFFSET + KERNEL_PHYS));
    } else if (!strcmp(kind, "inside")) {
        vfree((char *)a + PAGE_SIZE);
    } else if (!strcmp(kind, "double")) {
        vfree(a);
        vfree(a);
    } else {
        page = alloc_page(GFP_HIGHUSER);
        vfree(vmap(&page, 1));
    }
    panic("vmalloc_bug=%s: the bad vfree returned", kind);
}

void setup_vmalloc(void)
{
    vmalloc_init();
    vmalloc_set_mode(vmalloc_arg.set && !strcmp(vmalloc_arg.str, "eager") ? VMAP_EAGER : VMAP_LAZY);
    printk("vmalloc: %s purging%s, lazy_max_pages=%lu\n",
           vmalloc_mode() == VMAP_EAGER ? "eager" : "lazy",
           vmalloc_arg.set ? "" : " (default)", lazy_max_pages());
    printk("@meta vmalloc_mode=%s\n", vmalloc_mode() == VMAP_EAGER ? "eager" : "lazy");
    printk("@meta lazy_max_pages=%lu\n", lazy_max_pages());
    vmalloc_bug_if_asked();
}
