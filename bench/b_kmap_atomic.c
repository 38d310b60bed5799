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
 * map_unmap and map_touch_unmap also run on ncpus = 1 .. every online CPU
 * at once, one row per CPU (their ncpus = 1 rows come first). Without
 * highmem the highmem rows are skipped. Progress lines
 * ("-- bench kmap_atomic ncpus=N: <variant>") come before the table.
 */
#include "bench/bench.h"
#include "bench/concurrent.h"
#include "bench/hipages.h"
#include "boot/console.h"
#include "boot/smp.h"
#include "hm/highmem.h"

#define NR_HI KM_MAX_IDX

_Static_assert(NR_CPUS <= NR_HI, "one highmem page per CPU for the scaling rows");

static struct page *hi[NR_HI], *lo[2];
static void *cpu_page[NR_HI];           /* CPU i's ctx in the scaling rows: hi[i] */

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

static void op_nested(void *c)          /* ctx: the depth */
{
    int depth = (int)(uintptr_t)c;
    void *v[KM_MAX_IDX];
    int i;

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

/* Measured on the first n CPUs at once, n = 1 .. online (bench_concurrent). */
static const struct variant scaled[] = {
    { .variant = "map_unmap", .op = op_map_unmap },
    { .variant = "map_touch_unmap", .op = op_map_touch_unmap },
};

#define NESTED(d) { .variant = "nested", .param_name = "depth", .param = d, \
                    .op = op_nested, .ctx = (void *)(d) }
static const struct variant highmem_rows[] = {
    NESTED(1), NESTED(2), NESTED(4), NESTED(8), NESTED(KM_MAX_IDX),
    { .variant = "copy_4k", .op = op_copy_4k },
};

static const struct variant lowmem_row = {
    .variant = "memcpy_lowmem_4k", .op = op_memcpy_lowmem_4k,
};

/* scaled_at: the scaled variants on the first n CPUs, CPU 0 measuring. */
static void scaled_at(const struct variant *v, int n)
{
    printk("-- bench kmap_atomic ncpus=%d: %s\n", n, v->variant);
    set_active_first_n(n);
    bench_concurrent(v, n, cpu_page);
}

BENCH(kmap_atomic)
{
    int nhi = hipages_get(hi, NR_HI);
    const char *why = "no highmem at this RAM size: kmap_atomic of lowmem is the direct map";

    lo[0] = alloc_page(GFP_KERNEL);
    lo[1] = alloc_page(GFP_KERNEL);
    if (!lo[0] || !lo[1])
        panic("bench kmap_atomic: no two lowmem pages to copy between");
    if (nhi > 0 && nhi < NR_HI)
        why = "fewer highmem pages free than KM_MAX_IDX";
    printk("kmap_atomic: %d highmem pages, %d slots per CPU\n", nhi, KM_MAX_IDX);
    for (int i = 0; i < nhi; i++)
        cpu_page[i] = hi[i];
    if (nhi == NR_HI) {
        for (size_t v = 0; v < ARRAY_SIZE(scaled); v++)
            scaled_at(&scaled[v], 1);
        BENCH_VARIANTS(highmem_rows);
    } else {
        table_skip("map_unmap", why);
        table_skip("map_touch_unmap", why);
        table_skip("nested", why);
        table_skip("copy_4k", why);
    }
    bench_variant(&lowmem_row);
    for (size_t v = 0; v < ARRAY_SIZE(scaled) && nhi == NR_HI; v++)
        for (int n = 2; n <= num_online_cpus(); n++)
            scaled_at(&scaled[v], n);
    set_active_first_n(num_online_cpus());
    hipages_put(hi, nhi);
    __free_page(lo[0]);
    __free_page(lo[1]);
}
