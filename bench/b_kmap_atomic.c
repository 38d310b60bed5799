/*
 * b_kmap_atomic.c - bench=kmap_atomic: temporary per-CPU fixmap mappings.
 *   map_unmap          kmap_atomic + kunmap_atomic of a highmem page
 *   map_touch_unmap    the same with one read through the mapping (the
 *                      TLB miss the unmap's invlpg guarantees)
 *   nested depth=d     d pages mapped on top of each other, then unmapped
 *   copy_4k            4 KiB copied between two highmem pages through two
 *                      slots (map, map, copy, unmap, unmap)
 *   memcpy_lowmem_4k   the same copy between two lowmem pages (kmap_atomic
 *                      returns their direct map: the copy alone)
 * Without highmem the highmem rows are skipped. Progress lines
 * ("-- bench kmap_atomic ncpus=N") come before the table.
 */
#include "bench/args.h"
#include "bench/bench.h"
#include "bench/concurrent.h"
#include "bench/hipages.h"
#include "bench/report.h"
#include "boot/console.h"
#include "boot/smp.h"
#include "hm/highmem.h"

#define NR_HI KM_MAX_IDX

_Static_assert(NR_CPUS <= NR_HI, "one highmem page per CPU for the scaling rows");

enum { V_MAP, V_TOUCH, NSCALE };
static const char *const scale_names[NSCALE] = { "map_unmap", "map_touch_unmap" };

static struct page *hi[NR_HI], *lo[2];
static int depth;
static struct conc_result scale[NSCALE][NR_CPUS + 1];  /* [variant][ncpus] */

/* ctx: the page, CPU i's own hi[i]. */
static void op_map_unmap(void *c)
{
    kunmap_atomic(kmap_atomic(c));
}

static void op_map_touch_unmap(void *c)
{
    volatile uint32_t *v = kmap_atomic(c);

    (void)*v;
    kunmap_atomic((void *)v);
}

static void op_nested(void *c)
{
    void *v[KM_MAX_IDX];
    int i;

    (void)c;
    for (i = 0; i < depth; i++)
        v[i] = kmap_atomic(hi[i]);
    while (i-- > 0)
        kunmap_atomic(v[i]);
}

/* copy_page: 1024 dwords, one rep movsl (the same loop for both rows). */
static inline void copy_page(void *dst, const void *src)
{
    unsigned long n = PAGE_SIZE / 4;

    __asm__ volatile("rep movsl" : "+D"(dst), "+S"(src), "+c"(n) :: "memory");
}

/* copy4k: map both ends, copy, unmap in reverse (LIFO). */
static void copy4k(struct page *from, struct page *to)
{
    const void *s = kmap_atomic(from);
    void *d = kmap_atomic(to);

    copy_page(d, s);
    kunmap_atomic(d);
    kunmap_atomic(s);
}

static void op_copy_4k(void *c) { (void)c; copy4k(hi[0], hi[1]); }
static void op_memcpy_lowmem_4k(void *c) { (void)c; copy4k(lo[0], lo[1]); }

/* map_unmap and map_touch_unmap on the first n CPUs at once, for every n
 * from 1 to the online CPUs, into scale[][n]; CPU 0 alone at the end. */
static void measure_scaling(void)
{
    static const op_fn fns[NSCALE] = { op_map_unmap, op_map_touch_unmap };
    static struct op ops[NR_CPUS];
    int online = num_online_cpus();

    for (int n = 1; n <= online; n++) {
        printk("-- bench kmap_atomic ncpus=%d\n", n);
        set_active_first_n(n);
        for (int v = 0; v < NSCALE; v++) {
            for (int i = 0; i < n; i++)
                ops[i] = (struct op){ 0, fns[v], 0, hi[i] };
            measure_concurrent(n, ops, 0, args.samples, &scale[v][n]);
        }
    }
    set_active_first_n(1);
}

BENCH(kmap_atomic)
{
    int nhi = hipages_get(hi, NR_HI);
    static const int depths[] = { 1, 2, 4, 8, KM_MAX_IDX };
    const char *why = "no highmem at this RAM size: kmap_atomic of lowmem is the direct map";

    lo[0] = alloc_page(GFP_KERNEL);
    lo[1] = alloc_page(GFP_KERNEL);
    if (!lo[0] || !lo[1])
        panic("bench kmap_atomic: no two lowmem pages to copy between");
    if (nhi > 0 && nhi < NR_HI)
        why = "fewer highmem pages free than KM_MAX_IDX";
    printk("kmap_atomic: %d highmem pages, %d slots per CPU\n", nhi, KM_MAX_IDX);
    if (nhi == NR_HI)
        measure_scaling();
    table_begin("kmap_atomic");
    if (nhi == NR_HI) {
        for (int v = 0; v < NSCALE; v++)
            conc_rows("kmap_atomic", scale_names[v], "", 0, &scale[v][1]);
        for (unsigned i = 0; i < sizeof(depths) / sizeof(depths[0]); i++) {
            depth = depths[i];
            bench_row("kmap_atomic", "nested", "depth", (uint64_t)depth,
                      &(struct op){ 0, op_nested, 0, 0 }, 0);
        }
        bench_row("kmap_atomic", "copy_4k", "", 0, &(struct op){ 0, op_copy_4k, 0, 0 }, 0);
    } else {
        bench_skip("kmap_atomic", "map_unmap", why);
        bench_skip("kmap_atomic", "map_touch_unmap", why);
        bench_skip("kmap_atomic", "nested", why);
        bench_skip("kmap_atomic", "copy_4k", why);
    }
    bench_row("kmap_atomic", "memcpy_lowmem_4k", "", 0,
              &(struct op){ 0, op_memcpy_lowmem_4k, 0, 0 }, 0);
    for (int v = 0; v < NSCALE && nhi == NR_HI; v++)
        for (int n = 2; n <= num_online_cpus(); n++)
            conc_rows("kmap_atomic", scale_names[v], "", 0, &scale[v][n]);
    table_end();
    set_active_first_n(num_online_cpus());
    hipages_put(hi, nhi);
    __free_page(lo[0]);
    __free_page(lo[1]);
}
