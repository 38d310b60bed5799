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
 *   fragmented       lazy 2-page pairs above free_holes one-page holes:
 *                    first fit walks every hole (the free list's worst
 *                    case), and so does each free in the purge.
 * lazy and eager run with ncpus = 1 .. every online CPU: CPU 0 measures
 * with only the first ncpus CPUs active and the others parked
 * (set_active_first_n), so a purge or an eager free flushes exactly ncpus
 * CPUs and lazy_max_pages is sized for ncpus, as on a machine with ncpus
 * CPUs online. long_busy_list and fragmented are ncpus = 1 only. Rows are
 * cpu 0; everything is measured first, with progress lines ("-- bench
 * vmalloc ncpus=N"), then printed.
 * quick: args' samples only, and 1,000 live areas / holes at most.
 */
#include "bench/args.h"
#include "bench/bench.h"
#include "bench/concurrent.h"
#include "bench/report.h"
#include "boot/console.h"
#include "boot/smp.h"
#include "hm/vmalloc.h"

#define MAX_LIVE 20000
#define NSIZES 7
#define MAX_ROWS (2 * NSIZES * NR_CPUS + 2)

static const unsigned long sizes[NSIZES] = { 1, 2, 4, 16, 64, 256, 1024 };

struct vm_ctx {
    unsigned long size;
};

static void *live[MAX_LIVE];
static struct row_key keys[MAX_ROWS];
static struct stats st[MAX_ROWS];
static int nrows, ncpus;                /* ncpus: the active CPUs of the rows now measured */

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
 * in mode, from a clean purge list, for printing later (cpu 0, ncpus). A
 * size that cannot be had here gets a SKIP line instead. */
static void pair_row(const char *variant, enum vmap_purge_mode mode, unsigned long pages,
                     const char *param_name, unsigned long param)
{
    struct op o = { 0, op_pair, 0, 0 };
    struct vm_ctx c = { pages * PAGE_SIZE };
    uint32_t n = args.samples;
    unsigned long cycle = lazy_max_pages() / (pages + 1) + 1;  /* pairs per purge */
    void *trial;

    vmalloc_set_mode(mode);
    vm_unmap_aliases();
    trial = vmalloc(c.size);
    if (!trial) {
        bench_skip("vmalloc", variant, "vmalloc of this size failed here");
        return;
    }
    vfree(trial);
    if (mode == VMAP_LAZY && !args.quick && n < 2 * cycle)
        n = 2 * cycle < MAX_SAMPLES ? (uint32_t)(2 * cycle) : MAX_SAMPLES;
    o.ctx = &c;
    if (nrows == MAX_ROWS)
        panic("bench vmalloc: more than %d rows", MAX_ROWS);
    keys[nrows] = (struct row_key){ "vmalloc", variant, param_name, param, 0, 0, ncpus };
    measure_samples(&o, n, &st[nrows++]);
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

/* long_busy_list with n live areas; fragmented with h holes, h at most an
 * eighth of the space in pages (the 2h areas take half of it). */
static void busy_rows(unsigned long n)
{
    unsigned long h = ((VMALLOC_END - VMALLOC_START) >> PAGE_SHIFT) / 8;

    if (h > n)
        h = n;
    vmalloc_set_mode(VMAP_LAZY);
    vm_unmap_aliases();
    if (!take_live(n)) {
        bench_skip("vmalloc", "long_busy_list", "no room for the live areas");
    } else {
        pair_row("long_busy_list", VMAP_LAZY, 1, "live_areas", n);
        free_live(n, 1);
    }
    /* 2h areas, every other one freed: h holes of one page + guard. */
    vm_unmap_aliases();
    if (!take_live(2 * h)) {
        bench_skip("vmalloc", "fragmented", "no room for the holes");
        return;
    }
    free_live(2 * h, 2);
    pair_row("fragmented", VMAP_LAZY, 2, "free_holes", h);
    for (unsigned long i = 1; i < 2 * h; i += 2)
        vfree(live[i]);
}

BENCH(vmalloc)
{
    enum vmap_purge_mode mode0 = vmalloc_mode();
    unsigned long n = args.quick ? 1000 : 10000;
    int online = num_online_cpus();

    nrows = 0;
    for (ncpus = 1; ncpus <= online; ncpus++) {
        set_active_first_n(ncpus);
        printk("-- bench vmalloc ncpus=%d: lazy_max_pages=%lu\n", ncpus, lazy_max_pages());
        for (unsigned i = 0; i < NSIZES; i++)
            pair_row("lazy", VMAP_LAZY, sizes[i], "pages", sizes[i]);
        for (unsigned i = 0; i < NSIZES; i++)
            pair_row("eager", VMAP_EAGER, sizes[i], "pages", sizes[i]);
        if (ncpus == 1) {
            printk("-- bench vmalloc ncpus=1: %lu live areas for long_busy_list\n", n);
            busy_rows(n);
        }
        vmalloc_set_mode(mode0);
        vm_unmap_aliases();                     /* nothing left for a parked CPU to miss */
    }
    set_active_first_n(online);
    table_begin("vmalloc");
    for (int i = 0; i < nrows; i++)
        table_row(&keys[i], &st[i]);
    table_end();
}
