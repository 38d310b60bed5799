/*
 * memblock.c - sorted, merged region lists and the boot-time allocator.
 * See memblock.h for the lists and their rules.
 */
#include "hm/memblock.h"

struct memblock memblock;

#define PHYS_MAX (~(phys_addr_t)0)

static void region_set(struct memblock_region *r, phys_addr_t base, phys_addr_t end)
{
    r->base = base;
    r->size = end - base;
}

/* Open a hole of n slots at index i (n = -1 closes one slot at i). */
static void regions_shift(struct memblock_type *t, unsigned int i, int n)
{
    unsigned int k;

    if (n > 0) {
        if (t->cnt + (unsigned int)n > MEMBLOCK_MAX_REGIONS)
            arch_panic("BUG: memblock: more than %u %s regions",
                       MEMBLOCK_MAX_REGIONS, t->name);
        for (k = t->cnt; k > i; k--)
            t->regions[k + n - 1] = t->regions[k - 1];
        t->cnt += n;
    } else {
        for (k = i; k + 1 < t->cnt; k++)
            t->regions[k] = t->regions[k + 1];
        t->cnt--;
    }
}

/* Add [base, end) to t, merging with every region it overlaps or touches. */
void memblock_type_add(struct memblock_type *t, phys_addr_t base, phys_addr_t end)
{
    unsigned int i = 0, j;

    if (base >= end)
        return;
    while (i < t->cnt && memblock_region_end(&t->regions[i]) < base)
        i++;
    for (j = i; j < t->cnt && t->regions[j].base <= end; j++) {
        if (t->regions[j].base < base)
            base = t->regions[j].base;
        if (memblock_region_end(&t->regions[j]) > end)
            end = memblock_region_end(&t->regions[j]);
    }
    if (i == j)
        regions_shift(t, i, 1);
    while (j - i > 1) {
        regions_shift(t, i + 1, -1);
        j--;
    }
    region_set(&t->regions[i], base, end);
}

/* Remove [base, end) from t, splitting a region that straddles it.
 * Returns how many bytes were removed. */
phys_addr_t memblock_type_remove(struct memblock_type *t, phys_addr_t base, phys_addr_t end)
{
    phys_addr_t removed = 0;
    unsigned int i = 0;

    while (base < end && i < t->cnt) {
        struct memblock_region *r = &t->regions[i];
        phys_addr_t rb = r->base, re = memblock_region_end(r);

        if (re <= base) { i++; continue; }
        if (rb >= end)
            break;
        removed += (re < end ? re : end) - (rb > base ? rb : base);
        if (rb < base && re > end) {            /* split in two */
            regions_shift(t, i + 1, 1);
            region_set(&t->regions[i], rb, base);
            region_set(&t->regions[i + 1], end, re);
            break;
        } else if (rb < base) {                 /* keep the low part */
            region_set(r, rb, base);
            i++;
        } else if (re > end) {                  /* keep the high part */
            region_set(r, end, re);
            break;
        } else {                                /* all of it goes */
            regions_shift(t, i, -1);
        }
    }
    return removed;
}

void memblock_init(void)
{
    memblock.memory.cnt = 0;
    memblock.memory.name = "memory";
    memblock.reserved.cnt = 0;
    memblock.reserved.name = "reserved";
    memblock.acpi.cnt = 0;
    memblock.acpi.name = "acpi";
    memblock.fw_reserved.cnt = 0;
    memblock.fw_reserved.name = "fw_reserved";
    memblock.ignored_bytes = 0;
    memblock.phys_limit = MAX_PHYS_ADDR;
    memblock.ready = false;
    memblock.closed = false;
}

/* End of [base, base + len), cut at 2^64 instead of wrapping. */
static phys_addr_t range_end(phys_addr_t base, phys_addr_t len)
{
    return base + len < base ? PHYS_MAX : base + len;
}

void memblock_add_mb2(phys_addr_t base, phys_addr_t len, uint32_t type)
{
    phys_addr_t end = range_end(base, len);

    switch (type) {
    case MB2_MEM_AVAILABLE:
        memblock_type_add(&memblock.memory, base, end);
        break;
    case MB2_MEM_ACPI_RECLAIMABLE:
    case MB2_MEM_NVS:
        memblock_type_add(&memblock.acpi, base, end);
        break;
    default:
        memblock_type_add(&memblock.fw_reserved, base, end);
        break;
    }
}

void memblock_add(phys_addr_t base, phys_addr_t size)
{
    memblock_add_mb2(base, size, MB2_MEM_AVAILABLE);
}

void memblock_reserve(phys_addr_t base, phys_addr_t size)
{
    memblock_type_add(&memblock.reserved, base, range_end(base, size));
}

phys_addr_t memblock_phys_mem_size(void)
{
    phys_addr_t sum = 0;
    unsigned int i;

    for (i = 0; i < memblock.memory.cnt; i++)
        sum += memblock.memory.regions[i].size;
    return sum;
}

phys_addr_t memblock_end_of_DRAM(void)
{
    unsigned int n = memblock.memory.cnt;

    return n ? memblock_region_end(&memblock.memory.regions[n - 1]) : 0;
}

bool memblock_next_free_range(phys_addr_t from, phys_addr_t *base, phys_addr_t *end)
{
    const struct memblock_type *mem = &memblock.memory, *res = &memblock.reserved;
    unsigned int i, k = 0;

    for (i = 0; i < mem->cnt; i++) {
        phys_addr_t s = mem->regions[i].base, e = memblock_region_end(&mem->regions[i]);

        if (e <= from)
            continue;
        if (s < from)
            s = from;
        /* Step s past every reserved region that covers it. k only
         * passes reservations that end at or below s; one that reaches
         * past this RAM region (across a hole) stays under the cursor,
         * because it may cover the start of the next region too. */
        for (; k < res->cnt; k++) {
            const struct memblock_region *r = &res->regions[k];
            if (memblock_region_end(r) <= s)
                continue;
            if (r->base > s)
                break;
            s = memblock_region_end(r);
            if (s >= e)
                break;
        }
        if (s >= e)
            continue;
        if (k < res->cnt && res->regions[k].base < e)
            e = res->regions[k].base;
        *base = s;
        *end = e;
        return true;
    }
    return false;
}

/* Zero n bytes at p without a libc memset (the image has none). */
static void zero_bytes(void *p, phys_addr_t n)
{
#ifdef HM_HOST
    __builtin_memset(p, 0, n);
#else
    unsigned long words = (unsigned long)(n >> 2);
    __asm__ volatile("rep stosl" : "+D"(p), "+c"(words) : "a"(0) : "memory");
#endif
}

phys_addr_t memblock_phys_alloc(phys_addr_t size, phys_addr_t align, phys_addr_t limit)
{
    phys_addr_t from = 0, base, end, best = PHYS_MAX;

    BUG_ON(!memblock.ready || memblock.closed);
    BUG_ON(align == 0 || (align & (align - 1)) != 0);
    size = (size + PAGE_SIZE - 1) & ~(phys_addr_t)(PAGE_SIZE - 1);
    while (memblock_next_free_range(from, &base, &end)) {
        from = end;
        if (end > limit)
            end = limit;
        if (end < size || base >= end)
            continue;
        phys_addr_t cand = (end - size) & ~(align - 1);
        if (cand >= base && (best == PHYS_MAX || cand > best))
            best = cand;
    }
    if (best == PHYS_MAX)
        arch_panic("memblock: too little RAM: cannot allocate %llu KiB below 0x%llx",
                   (unsigned long long)(size >> 10), (unsigned long long)limit);
    memblock_reserve(best, size);
    return best;
}

void *memblock_alloc_low(phys_addr_t size, phys_addr_t align, phys_addr_t limit)
{
    phys_addr_t phys = memblock_phys_alloc(size, align, limit);
    void *p = __va(phys);

    zero_bytes(p, (size + PAGE_SIZE - 1) & ~(phys_addr_t)(PAGE_SIZE - 1));
    return p;
}
