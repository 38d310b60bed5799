/*
 * kmap_crash.c - see kmap_crash.h. Each word must end the run through its
 * BUG/panic line; if the misuse is not caught, the run says so and stops
 * with status 3 anyway, so a missing check still fails the expectation on
 * the message.
 */
#include "bench/args.h"
#include "bench/hipages.h"
#include "bench/kmap_crash.h"
#include "boot/console.h"
#include "hm/highmem.h"

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

void kmap_crash_if_asked(void)
{
    if (kmap_exhaust_arg.set)
        exhaust();
    if (kmap_deep_arg.set || kmap_order_arg.set)
        atomic_misuse(kmap_deep_arg.set);
}
