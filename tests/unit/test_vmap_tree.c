/*
 * test_vmap_tree.c - the free-area tree of the vmalloc space (hm/vmap_tree.c
 * under hm/vmap_area.c) against a plain reference model: a sorted array
 * of free ranges with a linear lowest-fit search. 10^6 seeded random
 * alloc_vmap_area / free_vmap_area operations (sizes 1..8 pages, now and
 * then aligned up to 8 pages) in a 1024-page space; after EVERY operation
 * the returned address must be the model's, and the tree must hold
 * exactly the model's ranges in order, be an AVL tree (heights exact,
 * children within one level) and carry an exact subtree_max_size in every
 * node. Then the deep case: a 32768-page space cut into 8192 one-page
 * holes, checked the same way every 64 operations for 20000 operations.
 * HM_STRESS_SEED and HM_STRESS_OPS set the seed and the first count.
 */
#include <stdlib.h>
#include <time.h>
#include "tests/unit/vmalloc_util.h"
#include "hm/vmap_area.h"
#include "hm/vmap_tree.h"

struct range { unsigned long start, end; };

static struct range *model;     /* free ranges, sorted, never touching */
static unsigned long nmodel;
static unsigned long *live;     /* busy area starts */
static unsigned long nlive;
static uint64_t rng_state;

static uint64_t rng(void)       /* xorshift64* */
{
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return rng_state * 0x2545F4914F6CDD1DULL;
}

static unsigned long align_up(unsigned long x, unsigned long a) { return (x + a - 1) & ~(a - 1); }

/* The model's lowest fit: the first range of >= size + align - PAGE_SIZE
 * bytes, else (aligned only) the first where the aligned request fits. */
static unsigned long model_fit(unsigned long size, unsigned long align, unsigned long *idx)
{
    for (unsigned long i = 0; i < nmodel; i++)
        if (model[i].end - model[i].start >= size + align - PAGE_SIZE) {
            *idx = i;
            return align_up(model[i].start, align);
        }
    for (unsigned long i = 0; align > PAGE_SIZE && i < nmodel; i++) {
        unsigned long s = align_up(model[i].start, align);
        if (s < model[i].end && model[i].end - s >= size) {
            *idx = i;
            return s;
        }
    }
    return 0;
}

static void model_take(unsigned long i, unsigned long start, unsigned long size)
{
    struct range r = model[i];

    if (start == r.start && start + size == r.end) {
        memmove(&model[i], &model[i + 1], (nmodel - i - 1) * sizeof(*model));
        nmodel--;
    } else if (start == r.start) {
        model[i].start += size;
    } else if (start + size == r.end) {
        model[i].end = start;
    } else {
        memmove(&model[i + 2], &model[i + 1], (nmodel - i - 1) * sizeof(*model));
        model[i].end = start;
        model[i + 1] = (struct range){ start + size, r.end };
        nmodel++;
    }
}

static void model_give(unsigned long start, unsigned long end)
{
    unsigned long i = 0;

    while (i < nmodel && model[i].start < start)
        i++;
    if (i > 0 && model[i - 1].end == start) {
        model[i - 1].end = end;
        if (i < nmodel && model[i].start == end) {
            model[i - 1].end = model[i].end;
            memmove(&model[i], &model[i + 1], (nmodel - i - 1) * sizeof(*model));
            nmodel--;
        }
    } else if (i < nmodel && model[i].start == end) {
        model[i].start = start;
    } else {
        memmove(&model[i + 1], &model[i], (nmodel - i) * sizeof(*model));
        model[i] = (struct range){ start, end };
        nmodel++;
    }
}

/* Walk the subtree at n in order against model[*k...]; returns its height
 * or -1 on any fault (order, range, height, balance, subtree_max_size). */
static int walk(const struct vmap_area *n, unsigned long *k, unsigned long *maxp)
{
    unsigned long ml = 0, mr = 0, m;
    int hl, hr;

    if (n == FREE_TREE_NIL) {
        *maxp = 0;
        return n->height == 0 && n->subtree_max_size == 0 ? 0 : -1;
    }
    hl = walk(n->left, k, &ml);
    if (hl < 0 || *k >= nmodel || model[*k].start != n->va_start || model[*k].end != n->va_end)
        return -1;
    (*k)++;
    hr = walk(n->right, k, &mr);
    if (hr < 0 || hl - hr > 1 || hr - hl > 1 || n->height != (hl > hr ? hl : hr) + 1)
        return -1;
    m = n->va_end - n->va_start;
    if (ml > m)
        m = ml;
    if (mr > m)
        m = mr;
    if (n->subtree_max_size != m)
        return -1;
    *maxp = m;
    return n->height;
}

static int tree_ok(void)
{
    unsigned long k = 0, m;
    struct vmalloc_stats st;

    if (walk(free_vmap_area_root, &k, &m) < 0 || k != nmodel)
        return 0;
    spin_lock(&vmap_area_lock);
    vmap_area_stats_locked(&st);                 /* the list beside the tree */
    spin_unlock(&vmap_area_lock);
    return st.free_areas == nmodel && st.busy_areas == nlive;
}

/* One random operation; false on a mismatch with the model. */
static int one_op(unsigned long max_pages, unsigned long *nnull)
{
    uint64_t r = rng();

    if (nlive && ((r & 255) < 120 || (r & 255) >= 250)) {
        unsigned long j = (r >> 8) % nlive, start = live[j];
        struct vmap_area *va = find_unlink_vmap_area(start, VM_ALLOC);
        unsigned long end;

        if (!va || va->va_start != start)
            return 0;
        end = va->va_end;
        live[j] = live[--nlive];
        free_vmap_area(va);
        model_give(start, end);
        return 1;
    } else {
        unsigned long size = (1 + (r >> 8) % max_pages) * PAGE_SIZE, idx = 0;
        unsigned long align = (r >> 16) % 8 == 0 ? PAGE_SIZE << ((r >> 20) % 4) : PAGE_SIZE;
        unsigned long want = model_fit(size, align, &idx);
        struct vmap_area *va = alloc_vmap_area(size, align);

        if (!va) {
            (*nnull)++;
            return want == 0;
        }
        if (va->va_start != want || va->va_end != want + size)
            return 0;
        va->flags = VM_ALLOC;
        live[nlive++] = want;
        model_take(idx, want, size);
        return 1;
    }
}

static void phase(const char *name, unsigned long base, unsigned long pages, unsigned long ops,
                  unsigned long every, unsigned long max_pages, unsigned long holes)
{
    unsigned long i, bad = 0, nnull = 0, checks = 0;
    struct timespec t0, t1;

    vmap_area_init(base, base + pages * PAGE_SIZE);
    nmodel = 1;
    model[0] = (struct range){ base, base + pages * PAGE_SIZE };
    nlive = 0;
    for (i = 0; i < 2 * holes; i++) {                       /* 2h one-page areas ... */
        struct vmap_area *va = alloc_vmap_area(PAGE_SIZE, PAGE_SIZE);
        unsigned long idx = 0;

        bad += !va || va->va_start != model_fit(PAGE_SIZE, PAGE_SIZE, &idx);
        if (!va)
            break;
        va->flags = VM_ALLOC;
        model_take(idx, va->va_start, PAGE_SIZE);
    }
    for (i = 0; i < holes; i++) {                           /* ... every other one freed */
        unsigned long start = base + 2 * i * PAGE_SIZE;

        free_vmap_area(find_unlink_vmap_area(start, VM_ALLOC));
        model_give(start, start + PAGE_SIZE);
        live[nlive++] = start + PAGE_SIZE;
    }
    CHECK(!bad && tree_ok() && nmodel == holes + 1, "%s: start state (%lu free ranges)", name, nmodel);
    clock_gettime(CLOCK_MONOTONIC, &t0);
    for (i = 0; i < ops && !bad; i++) {
        bad += !one_op(max_pages, &nnull);
        if (i % every == every - 1) {
            bad += !tree_ok();
            checks++;
        }
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    CHECK_EQ(bad, 0, "%s: %lu operations match the model, tree checked %lu times (stopped at %lu)",
             name, ops, checks, i);
    if (!holes)                                 /* the small space must fill up now and then */
        CHECK(nnull > 0, "%s: some allocations found no room (%lu)", name, nnull);
    printf("# %s: %lu ops in %.3f s, %lu free ranges at the end\n", name, i,
           (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9, nmodel);
}

int main(void)
{
    const char *s_seed = getenv("HM_STRESS_SEED"), *s_ops = getenv("HM_STRESS_OPS");
    unsigned long ops = s_ops ? strtoul(s_ops, NULL, 0) : 1000000;

    rng_state = s_seed ? strtoull(s_seed, NULL, 0) : (uint64_t)time(NULL) * 2654435761u;
    if (!rng_state)
        rng_state = 1;
    printf("# seed %llu (set HM_STRESS_SEED to repeat)\n", (unsigned long long)rng_state);
    sim_boot(map_1g, ARRAY_SIZE(map_1g), 36);
    model = malloc(40000 * sizeof(*model));
    live = malloc(40000 * sizeof(*live));
    phase("stress 1024 pages", VMALLOC_START, 1024, ops, 1, 8, 0);
    phase("deep 32768 pages, 8192 holes", 0x40000000, 32768, 20000, 64, 3, 8192);
    free(model);
    free(live);
    sim_fini();
    return check_done();
}
