/*
 * b_vmalloc.c - bench=vmalloc: one vmalloc + touch + vfree per sample, as
 * Linux's lib/test_vmalloc fix_size_alloc_test does (the touch is one
 * byte of the first page). Variants:
 *   lazy, eager      param pages = 1, 2, 4, 16, 64, 256, 1024; the purge
 *                    mode is set per variant here (vmalloc= only sets the
 *                    default). A lazy row takes enough samples to span two
 *                    purges (up to MAX_SAMPLES), so its mean is the
 *                    amortized cost and its max one purge; eager rows
 *                    flush on every vfree.
 *   long_busy_list   lazy 1-page pairs with live_areas = 10,000 one-page
 *                    areas live below (Linux's long_busy_list_alloc_test).
 *   fragmented       lazy 2-page pairs above free_holes one-page holes,
 *                    free_holes = 10, 100, 1,000, 10,000 and the most the
 *                    space allows (all but 1,024 free pages in holes and
 *                    the ranges between them, as far as the vmap_area
 *                    descriptors last): the free-area tree must stay
 *                    log-time in them (a sorted list walked every hole).
 *                    The holes are cut with the area allocator itself
 *                    (alloc_vmap_area of one page, no guard page, as
 *                    Linux's VM_NO_GUARD): 2 pages per hole, so 1 GiB's
 *                    116 MiB space holds about 14,300 (at most
 *                    MAX_HOLES are cut).
 * lazy and eager run with ncpus = 1 .. every online CPU: CPU 0 measures
 * with only the first ncpus CPUs active and the others parked
 * (set_active_first_n), so a purge or an eager free flushes exactly ncpus
 * CPUs and lazy_max_pages is sized for ncpus, as on a machine with ncpus
 * CPUs online. long_busy_list and fragmented are ncpus = 1 only. Rows are
 * cpu 0; progress lines ("-- bench vmalloc ncpus=N") come before the
 * table.
 * quick: args' samples only, and 1,000 live areas (every hole count).
 */
#include "bench/args.h"
#include "bench/bench.h"
#include "bench/concurrent.h"
#include "boot/console.h"
#include "boot/format.h"
#include "boot/smp.h"
#include "hm/vmalloc.h"
#include "hm/vmap_area.h"

#define MAX_LIVE 20000
#define MAX_HOLES 60000        /* 2 pages each; an 884 MiB space would hold 113,000 */
#define NHOLES 5

static const unsigned long sizes[] = { 1, 2, 4, 16, 64, 256, 1024 };

struct vm_ctx {
    unsigned long size;
};

static void *live[MAX_LIVE];
static int ncpus;                       /* the active CPUs of the rows now measured */

static void op_pair(void *c)
{
    struct vm_ctx *x = c;
    volatile char *p = vmalloc(x->size);

    if (!p)
        panic("bench vmalloc: vmalloc(%lu) returned NULL during a measurement", x->size);
    *p = 1;
    vfree((void *)p);
}

/* Measures one row of variant (param_name = param) timing pairs of pages,
 * in mode, from a clean purge list (cpu 0, ncpus). A size that cannot be
 * had here gets a SKIP line instead. */
static void pair_row(const char *variant, enum vmap_purge_mode mode, unsigned long pages,
                     const char *param_name, unsigned long param)
{
    struct vm_ctx c = { pages * PAGE_SIZE };
    uint32_t n = args.samples;
    unsigned long cycle = lazy_max_pages() / (pages + 1) + 1;  /* pairs per purge */
    void *trial;

    vmalloc_set_mode(mode);
    vm_unmap_aliases();
    trial = vmalloc(c.size);
    if (!trial) {
        table_skip(variant, "vmalloc of this size failed here");
        return;
    }
    vfree(trial);
    if (mode == VMAP_LAZY && !args.quick && n < 2 * cycle)
        n = 2 * cycle < MAX_SAMPLES ? (uint32_t)(2 * cycle) : MAX_SAMPLES;
    bench_variant(&(struct variant){ .variant = variant, .param_name = param_name,
                                     .param = param, .op = op_pair, .ctx = &c,
                                     .samples = n, .ncpus = ncpus });
}

/* Fill live[0..n) with one-page areas; false (all freed again) if the
 * space or the pages run out first. */
static bool take_live(unsigned long n)
{
    for (unsigned long i = 0; i < n; i++) {
        live[i] = vmalloc(PAGE_SIZE);
        if (!live[i]) {
            while (i)
                vfree(live[--i]);
            return false;
        }
    }
    return true;
}

/* vfree live[0], live[step], ... below n. */
static void free_live(unsigned long n, unsigned long step)
{
    for (unsigned long i = 0; i < n; i += step)
        vfree(live[i]);
}

/* The hole cutter's one-page ranges, no guard: live ones at odd indices. */
static unsigned long cuts[2 * MAX_HOLES];

/* Cut h one-page holes from the bottom of an empty space: 2h one-page
 * ranges from the area allocator, every other one given back. False (all
 * given back) if the space runs out first. */
static bool cut_holes(unsigned long h)
{
    for (unsigned long i = 0; i < 2 * h; i++) {
        struct vmap_area *va = alloc_vmap_area(PAGE_SIZE, PAGE_SIZE);

        if (!va) {
            while (i)
                free_vmap_area(find_unlink_vmap_area(cuts[--i], VM_MAP));
            return false;
        }
        va->flags = VM_MAP;             /* so find_unlink takes it back */
        cuts[i] = va->va_start;
    }
    for (unsigned long i = 0; i < 2 * h; i += 2)
        free_vmap_area(find_unlink_vmap_area(cuts[i], VM_MAP));
    return true;
}

static void uncut_holes(unsigned long h)
{
    for (unsigned long i = 1; i < 2 * h; i += 2)
        free_vmap_area(find_unlink_vmap_area(cuts[i], VM_MAP));
}

/* long_busy_list with n live areas, then the fragmented sweep. */
static void busy_rows(unsigned long n)
{
    unsigned long holes[NHOLES] = { 10, 100, 1000, 10000, 0 }, free_pg, hmax;
    struct vmalloc_stats st;
    char why[96];

    vmalloc_set_mode(VMAP_LAZY);
    vm_unmap_aliases();
    if (!take_live(n)) {
        table_skip("long_busy_list", "no room for the live areas");
    } else {
        pair_row("long_busy_list", VMAP_LAZY, 1, "live_areas", n);
        free_live(n, 1);
    }
    /* The most holes: all free space but 1,024 pages, and descriptors
     * for the 2h ranges cut (both run out at about the same count). */
    vm_unmap_aliases();
    vmalloc_get_stats(&st);
    free_pg = st.free_bytes >> PAGE_SHIFT;
    hmax = free_pg > 1024 + 2 ? (free_pg - 1024) / 2 : 0;
    if (st.pool_free < 2 * hmax + 16)
        hmax = st.pool_free > 16 ? (st.pool_free - 16) / 2 : 0;
    holes[NHOLES - 1] = hmax < MAX_HOLES ? hmax : MAX_HOLES;
    for (int k = 0; k < NHOLES; k++) {
        unsigned long h = holes[k];

        if (k < NHOLES - 1 && h >= holes[NHOLES - 1]) {
            hm_snprintf(why, sizeof(why), "free_holes=%lu: the space holds at most %lu", h,
                        holes[NHOLES - 1]);
            table_skip("fragmented", why);
            continue;
        }
        vm_unmap_aliases();
        if (!cut_holes(h)) {
            hm_snprintf(why, sizeof(why), "free_holes=%lu: no room for the holes", h);
            table_skip("fragmented", why);
            continue;
        }
        pair_row("fragmented", VMAP_LAZY, 2, "free_holes", h);
        vm_unmap_aliases();
        uncut_holes(h);
    }
}

BENCH(vmalloc)
{
    enum vmap_purge_mode mode0 = vmalloc_mode();
    unsigned long n = args.quick ? 1000 : 10000;
    int online = num_online_cpus();

    for (ncpus = 1; ncpus <= online; ncpus++) {
        set_active_first_n(ncpus);
        printk("-- bench vmalloc ncpus=%d: lazy_max_pages=%lu\n", ncpus, lazy_max_pages());
        for (size_t i = 0; i < ARRAY_SIZE(sizes); i++)
            pair_row("lazy", VMAP_LAZY, sizes[i], "pages", sizes[i]);
        for (size_t i = 0; i < ARRAY_SIZE(sizes); i++)
            pair_row("eager", VMAP_EAGER, sizes[i], "pages", sizes[i]);
        if (ncpus == 1) {
            printk("-- bench vmalloc ncpus=1: %lu live areas for long_busy_list\n", n);
            busy_rows(n);
        }
        vmalloc_set_mode(mode0);
        vm_unmap_aliases();                     /* nothing left for a parked CPU to miss */
    }
    set_active_first_n(online);
}
