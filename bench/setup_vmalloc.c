/*
 * setup_vmalloc.c - brings up hm/'s vmalloc after the buddy allocator, and
 * owns its command-line word vmalloc=lazy|eager: how vfree flushes
 * (default lazy, as Linux). The test-only vmalloc_bug= is in misuse.c.
 */
#include "bench/args.h"
#include "bench/setup.h"
#include "boot/console.h"
#include "hm/vmalloc.h"

CMDLINE_KEY(vmalloc_arg, "vmalloc", ARG_ENUM, "lazy|eager", 0, 0);

void setup_vmalloc(void)
{
    vmalloc_init();
    vmalloc_set_mode(arg_is(&vmalloc_arg, "eager") ? VMAP_EAGER : VMAP_LAZY);
    printk("vmalloc: %s purging%s, lazy_max_pages=%lu\n",
           vmalloc_mode() == VMAP_EAGER ? "eager" : "lazy",
           vmalloc_arg.set ? "" : " (default)", lazy_max_pages());
    printk("@meta vmalloc_mode=%s\n", vmalloc_mode() == VMAP_EAGER ? "eager" : "lazy");
    printk("@meta lazy_max_pages=%lu\n", lazy_max_pages());
}
