/*
 * memblock_setup.c - turn the raw Multiboot2 ranges into the lists the
 * allocator trusts (firmware wins, whole pages, addressable only), and
 * describe them: holes and a dump for the boot log.
 */
#include "hm/memblock.h"

/* Drop RAM at or above limit, keeping count of what was dropped. */
static void memblock_cap(phys_addr_t limit)
{
    memblock.ignored_bytes += memblock_type_remove(&memblock.memory, limit, ~(phys_addr_t)0);
}

/* Round every RAM region inward to whole pages; drop what is left empty. */
static void memblock_trim_pages(void)
{
    struct memblock_type *t = &memblock.memory;
    unsigned int i = 0;

    while (i < t->cnt) {
        phys_addr_t base = t->regions[i].base, end = memblock_region_end(&t->regions[i]);
        phys_addr_t b = (base + PAGE_SIZE - 1) & ~(phys_addr_t)(PAGE_SIZE - 1);
        phys_addr_t e = end & ~(phys_addr_t)(PAGE_SIZE - 1);

        if (b >= e || b < base) {
            memblock_type_remove(t, base, end);
            continue;
        }
        if (b != base)
            memblock_type_remove(t, base, b);
        if (e != end)
            memblock_type_remove(t, e, end);
        i++;
    }
}

/* Remove every range of src from RAM. */
static void memblock_remove_type(const struct memblock_type *src)
{
    unsigned int i;

    for (i = 0; i < src->cnt; i++)
        memblock_type_remove(&memblock.memory, src->regions[i].base,
                             memblock_region_end(&src->regions[i]));
}

void memblock_setup(unsigned int phys_bits)
{
    unsigned int bits = phys_bits;

    if (phys_bits < 32 || phys_bits > 52)
        arch_panic("memblock: MAXPHYADDR of %u bits is outside 32..52", phys_bits);
    if (bits > MAX_PHYSMEM_BITS)
        bits = MAX_PHYSMEM_BITS;
    memblock_remove_type(&memblock.acpi);
    memblock_remove_type(&memblock.fw_reserved);
    memblock.phys_limit = (phys_addr_t)1 << bits;
    memblock_cap(memblock.phys_limit);
    memblock_trim_pages();
    if (memblock.ignored_bytes)
        arch_printf("memblock: ignoring %llu MiB of RAM at or above %llu GiB "
                    "(MAXPHYADDR %u bits, this build addresses %u)\n",
                    (unsigned long long)(memblock.ignored_bytes >> 20),
                    (unsigned long long)(memblock.phys_limit >> 30),
                    phys_bits, MAX_PHYSMEM_BITS);
    memblock_reserve(0, PAGE_SIZE);                     /* real-mode IVT, BIOS data */
    memblock_reserve(AP_TRAMPOLINE_PHYS, PAGE_SIZE);    /* SIPI target */
    memblock.ready = true;
}

/* Add every range of src to dst. */
static void memblock_union(struct memblock_type *dst, const struct memblock_type *src)
{
    unsigned int i;

    for (i = 0; i < src->cnt; i++)
        memblock_type_add(dst, src->regions[i].base, memblock_region_end(&src->regions[i]));
}

void memblock_holes(struct memblock_type *out)
{
    static struct memblock_type all;
    phys_addr_t at = 0;
    unsigned int i;

    all.cnt = 0;
    all.name = "all";
    memblock_union(&all, &memblock.memory);
    memblock_union(&all, &memblock.acpi);
    memblock_union(&all, &memblock.fw_reserved);
    out->cnt = 0;
    out->name = "hole";
    for (i = 0; i < all.cnt; i++) {
        memblock_type_add(out, at, all.regions[i].base);
        at = memblock_region_end(&all.regions[i]);
    }
}

/* Print one list, one "[mem base-last] name" line a range. */
static void memblock_dump_type(const struct memblock_type *t)
{
    unsigned int i;

    for (i = 0; i < t->cnt; i++)
        arch_printf("memblock: [mem 0x%09llx-0x%09llx] %s\n",
                    (unsigned long long)t->regions[i].base,
                    (unsigned long long)(memblock_region_end(&t->regions[i]) - 1), t->name);
}

void memblock_dump(void)
{
    static struct memblock_type holes;

    memblock_holes(&holes);
    memblock_dump_type(&memblock.memory);
    memblock_dump_type(&memblock.acpi);
    memblock_dump_type(&memblock.fw_reserved);
    memblock_dump_type(&holes);
    memblock_dump_type(&memblock.reserved);
    arch_printf("memblock: %llu MiB usable RAM\n",
                (unsigned long long)(memblock_phys_mem_size() >> 20));
}
