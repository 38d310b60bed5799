/*
 * memblock.h - the boot-time physical region lists (Linux's memblock).
 *
 * Before the buddy allocator exists, physical memory is described by a few
 * sorted, merged lists of [base, base + size) ranges:
 *   memory      usable RAM (Multiboot2 type 1), page-trimmed, capped at the
 *               highest address the CPU can reach;
 *   reserved    parts of RAM already in use: the image, boot information,
 *               boot page tables, page 0, the AP trampoline, and everything
 *               memblock_alloc() handed out (mem_map, PTE pages);
 *   acpi        ACPI tables and NVS (types 3 and 4), for the record;
 *   fw_reserved every other firmware range (type 2, bad RAM, unknown).
 * Holes are the gaps no list covers. Input may be unsorted, overlapping,
 * zero-length or partly beyond 2^64; the lists stay sorted and merged.
 * Firmware ranges win over RAM where they overlap (as Linux's e820).
 */
#ifndef HM_MEMBLOCK_H
#define HM_MEMBLOCK_H

#include "hm/arch.h"

#define MEMBLOCK_MAX_REGIONS 128

/* Multiboot2 memory map entry types. */
#define MB2_MEM_AVAILABLE        1
#define MB2_MEM_RESERVED         2
#define MB2_MEM_ACPI_RECLAIMABLE 3
#define MB2_MEM_NVS              4
#define MB2_MEM_BADRAM           5

struct memblock_region {
    phys_addr_t base;
    phys_addr_t size;
};

struct memblock_type {
    unsigned int cnt;
    const char *name;
    struct memblock_region regions[MEMBLOCK_MAX_REGIONS];
};

struct memblock {
    struct memblock_type memory, reserved, acpi, fw_reserved;
    phys_addr_t ignored_bytes;      /* RAM dropped above the addressable top */
    phys_addr_t phys_limit;         /* 1 << min(MAXPHYADDR, MAX_PHYSMEM_BITS) */
    bool ready;                     /* memblock_setup() has run */
    bool closed;                    /* handed to the buddy: no more allocs */
};

extern struct memblock memblock;

static inline phys_addr_t memblock_region_end(const struct memblock_region *r)
{
    return r->base + r->size;
}

/* Empty every list; the start of each boot (and of each host test). */
void memblock_init(void);

/* Record one Multiboot2 memory map entry of the given type. Zero-length
 * entries are ignored; a range running past 2^64 is cut there. */
void memblock_add_mb2(phys_addr_t base, phys_addr_t len, uint32_t type);

/* Usable RAM [base, base + size). */
void memblock_add(phys_addr_t base, phys_addr_t size);

/* Mark [base, base + size) as in use; it never reaches the buddy. */
void memblock_reserve(phys_addr_t base, phys_addr_t size);

/* After every entry and reservation is in: removes firmware ranges from RAM,
 * trims RAM to whole pages, drops RAM at or above 2^phys_bits (and above
 * the 64 GiB this build addresses) with one log line saying how much, and
 * reserves page 0 and the AP trampoline page. phys_bits is CPUID's
 * MAXPHYADDR (36 on qemu-system-i386); outside 32..52 it panics. */
void memblock_setup(unsigned int phys_bits);

/* Bytes of RAM in memory (after setup: page-granular). */
phys_addr_t memblock_phys_mem_size(void);

/* Highest end of memory (0 when empty). */
phys_addr_t memblock_end_of_DRAM(void);

/* Allocate size bytes (rounded up to whole pages) aligned to align (a power
 * of two) from free RAM below limit, highest address first, and reserve
 * them. Returns the physical address; panics with one line when nothing
 * fits. Only valid between memblock_setup() and memblock_free_all(). */
phys_addr_t memblock_phys_alloc(phys_addr_t size, phys_addr_t align, phys_addr_t limit);

/* memblock_phys_alloc(), then zero the range through the direct map and
 * return its pointer (limit must lie in lowmem). */
void *memblock_alloc_low(phys_addr_t size, phys_addr_t align, phys_addr_t limit);

/* The first free range (RAM minus reserved) that ends above from, clipped
 * to start at from or later: sets *base, *end and returns true; false when
 * none is left. Walk with from = *end. */
bool memblock_next_free_range(phys_addr_t from, phys_addr_t *base, phys_addr_t *end);

/* Fill out with the holes: gaps below the highest listed end that no list
 * (memory, acpi, fw_reserved) covers. */
void memblock_holes(struct memblock_type *out);

/* Print every list and the holes, one range a line. */
void memblock_dump(void);

/* Region-list primitives, also used by the tests. Ranges are [base, end). */
void memblock_type_add(struct memblock_type *t, phys_addr_t base, phys_addr_t end);
phys_addr_t memblock_type_remove(struct memblock_type *t, phys_addr_t base, phys_addr_t end);

#endif
