/*
 * misuse.c - see misuse.h. Each word must end the run through its own
 * fatal line; if the misuse is not caught, the run says so and stops with
 * status 3 anyway, so a missing check still fails the expectation on the
 * message. crash= faults where reporting is hard too: inside printk
 * (holding the console lock) or by running off the end of a CPU's stack.
 */
#include "bench/args.h"
#include "bench/hipages.h"
#include "bench/misuse.h"
#include "boot/console.h"
#include "boot/percpu.h"
#include "boot/smp.h"
#include "boot/smp_call.h"
#include "boot/string.h"
#include "hm/highmem.h"
#include "hm/vmalloc.h"

CMDLINE_KEY(crash_arg, "crash", ARG_ENUM, "pf|ud|gp|de|printk_pf|stack_overflow|stack_overflow_ap|report_overflow", 0, 0);

#define REPORT_ROOM 160

static volatile unsigned long recursion_limit = ~0UL;

/* Recurses with 256-byte frames until the stack's guard page faults. */
static unsigned long __attribute__((noinline)) overflow(unsigned long depth)
{
    volatile char frame[256];

    frame[0] = (char)depth;
    if (depth < recursion_limit)
        return overflow(depth + 1) + frame[0];
    return depth;
}

static void overflow_here(void *info)
{
    (void)info;
    printk("crash: CPU %d recursing until its stack overflows\n", smp_processor_id());
    overflow(0);
}

/* The exception crash=<kind> names; returns when crash= was not given. */
static void crash_if_asked(void)
{
    const char *kind = crash_arg.str;

    if (!crash_arg.set)
        return;
    printk("crash: taking an unexpected exception on purpose (crash=%s)\n", kind);
    if (!strcmp(kind, "pf"))
        *(volatile unsigned *)0x40001234 = 1;           /* PDPT[1] not present */
    else if (!strcmp(kind, "ud"))
        __asm__ volatile("ud2");
    else if (!strcmp(kind, "gp"))
        __asm__ volatile("movw %w0, %%ds" :: "r"(0x1234));  /* beyond the GDT */
    else if (!strcmp(kind, "de"))
        __asm__ volatile("xorl %%ecx, %%ecx; divl %%ecx" ::: "eax", "ecx", "edx");
    else if (!strcmp(kind, "printk_pf"))                 /* faults holding the console lock */
        printk("crash: a string through a bad pointer: %s\n", (const char *)0x40001234);
    else if (!strcmp(kind, "report_overflow")) {
        /* #UD with REPORT_ROOM bytes of stack left: the trap entry fits,
         * the register dump overflows into the guard while printing. */
        uint32_t room = (uint32_t)this_cpu()->stack_top - KSTACK_SIZE + REPORT_ROOM;
        __asm__ volatile("movl %0, %%esp; ud2" :: "r"(room) : "memory");
    } else if (!strcmp(kind, "stack_overflow"))
        overflow_here(0);
    else if (!strcmp(kind, "stack_overflow_ap")) {
        if (num_online_cpus() < 2)
            panic("crash=stack_overflow_ap needs a second online CPU");
        smp_call_function_single(num_online_cpus() - 1, overflow_here, 0);
    }
    panic("crash=%s did not fault", kind);
}

CMDLINE_KEY(kmap_exhaust_arg, "kmap_exhaust", ARG_FLAG, 0, 0, 0);
CMDLINE_KEY(kmap_deep_arg, "kmap_atomic_too_deep", ARG_FLAG, 0, 0, 0);
CMDLINE_KEY(kmap_order_arg, "kmap_atomic_out_of_order", ARG_FLAG, 0, 0, 0);

static struct page *pages[LAST_PKMAP + 1];

/* Hold LAST_PKMAP kmaps and ask for one more. */
static void exhaust(void)
{
    int n;

    if (arch_num_cpus() > 1) {
        printk("kmap_exhaust: needs one CPU (%d online): on SMP a full pool waits for a "
               "kunmap\n", arch_num_cpus());
        hm_exit(EXIT_CMDLINE);
    }
    n = hipages_get(pages, LAST_PKMAP + 1);
    if (n < LAST_PKMAP + 1) {
        printk("kmap_exhaust: needs %d free highmem pages, this machine has %d "
               "(give it at least 1G of RAM)\n", LAST_PKMAP + 1, n);
        hm_exit(EXIT_CMDLINE);
    }
    printk("kmap_exhaust: holding %d kmaps, then one more\n", LAST_PKMAP);
    for (int i = 0; i <= LAST_PKMAP; i++)
        kmap(pages[i]);
    panic("kmap_exhaust: kmap number %d returned: the exhausted pool went unnoticed",
          LAST_PKMAP + 1);
}

/* KM_MAX_IDX nested kmap_atomic, plus one; or unmap the older of two. */
static void atomic_misuse(bool deep)
{
    int n = hipages_get(pages, KM_MAX_IDX + 1);
    void *a, *b;

    if (n < KM_MAX_IDX + 1) {
        printk("kmap_atomic_%s: needs %d free highmem pages, this machine has %d\n",
               deep ? "too_deep" : "out_of_order", KM_MAX_IDX + 1, n);
        hm_exit(EXIT_CMDLINE);
    }
    if (deep) {
        printk("kmap_atomic_too_deep: %d nested kmap_atomic, then one more\n", KM_MAX_IDX);
        for (int i = 0; i <= KM_MAX_IDX; i++)
            kmap_atomic(pages[i]);
        panic("kmap_atomic_too_deep: slot %d was handed out", KM_MAX_IDX + 1);
    }
    a = kmap_atomic(pages[0]);
    b = kmap_atomic(pages[1]);
    printk("kmap_atomic_out_of_order: unmapping %p before the newer %p\n", a, b);
    kunmap_atomic(a);
    panic("kmap_atomic_out_of_order: kunmap_atomic(%p) out of order was accepted", a);
}

/* The kmap misuse the words ask for; returns when none was given. */
static void kmap_misuse_if_asked(void)
{
    if (kmap_exhaust_arg.set)
        exhaust();
    if (kmap_deep_arg.set || kmap_order_arg.set)
        atomic_misuse(kmap_deep_arg.set);
}

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

void misuse_if_asked(void)
{
    vmalloc_bug_if_asked();
    crash_if_asked();
    kmap_misuse_if_asked();
}
