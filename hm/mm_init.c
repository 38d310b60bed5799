/*
 * mm_init.c - from memblock to a running buddy allocator: size the zones,
 * place mem_map in lowmem, build the kernel page tables, then hand every
 * free page over in the largest aligned blocks.
 */
#include "hm/gfp.h"
#include "hm/highmem.h"
#include "hm/memblock.h"
#include "hm/paging.h"

struct page *mem_map;
unsigned long max_pfn, max_low_pfn;
unsigned long high_memory;
phys_addr_t mem_map_phys, mem_map_bytes;

/* Spelt as the bench rows' zone= keys (b_page_alloc.c). */
static const char *const zone_names[MAX_NR_ZONES] = { "dma", "normal", "highmem" };

#define PFN_UP(x)   ((unsigned long)(((x) + PAGE_SIZE - 1) >> PAGE_SHIFT))
#define PFN_DOWN(x) ((unsigned long)((x) >> PAGE_SHIFT))

static unsigned long min_ul(unsigned long a, unsigned long b) { return a < b ? a : b; }
static unsigned long max_ul(unsigned long a, unsigned long b) { return a > b ? a : b; }

/* Empty free lists and spans from max_pfn / max_low_pfn; count present
 * RAM pages per zone from memblock.memory. */
static void zones_init(void)
{
    unsigned long bound[MAX_NR_ZONES + 1];
    unsigned int z, o, i;

    bound[ZONE_DMA] = 0;
    bound[ZONE_NORMAL] = min_ul(MAX_DMA_PFN, max_low_pfn);
    bound[ZONE_HIGHMEM] = max_low_pfn;
    bound[MAX_NR_ZONES] = max_pfn;
    for (z = 0; z < MAX_NR_ZONES; z++) {
        struct zone *zone = &node_zones[z];

        for (o = 0; o < MAX_ORDER; o++) {
            INIT_LIST_HEAD(&zone->free_area[o].free_list);
            zone->free_area[o].nr_free = 0;
        }
        zone->name = zone_names[z];
        zone->lock = (spinlock_t)RAW_SPINLOCK_INIT;
        zone->zone_start_pfn = bound[z];
        zone->zone_end_pfn = bound[z + 1];
        zone->free_pages = zone->managed_pages = zone->present_pages = 0;
        for (i = 0; i < memblock.memory.cnt; i++) {
            const struct memblock_region *r = &memblock.memory.regions[i];
            unsigned long s = max_ul(PFN_DOWN(r->base), zone->zone_start_pfn);
            unsigned long e = min_ul(PFN_DOWN(memblock_region_end(r)), zone->zone_end_pfn);
            if (s < e)
                zone->present_pages += e - s;
        }
    }
}

/* Mark pfns [start, end) as never-free (holes, reservations). */
static void reserve_pfns(unsigned long start, unsigned long end)
{
    for (; start < end; start++) {
        mem_map[start].flags = PG_reserved;
        mem_map[start]._refcount = 1;
    }
}

/* Hand every free range of memblock to the buddy, split at zone bounds;
 * every other pfn below max_pfn becomes PG_reserved. memblock is closed. */
static void memblock_free_all(void)
{
    phys_addr_t from = 0, base, end;
    unsigned long done = 0;
    unsigned int z;

    while (memblock_next_free_range(from, &base, &end)) {
        unsigned long s = PFN_UP(base), e = min_ul(PFN_DOWN(end), max_pfn);

        from = end;
        if (s >= e)
            continue;
        reserve_pfns(done, s);
        for (z = 0; z < MAX_NR_ZONES; z++) {
            struct zone *zone = &node_zones[z];
            unsigned long zs = max_ul(s, zone->zone_start_pfn);
            unsigned long ze = min_ul(e, zone->zone_end_pfn);
            if (zs < ze)
                free_pfn_range_boot(zone, zs, ze);
        }
        done = e;
    }
    reserve_pfns(done, max_pfn);
    memblock.closed = true;
}

void mm_init(unsigned int phys_bits)
{
    unsigned int z;

    memblock_setup(phys_bits);
    memblock_dump();
    max_pfn = PFN_DOWN(memblock_end_of_DRAM());
    if (max_pfn == 0)
        arch_panic("mm: the memory map has no usable RAM");
    max_low_pfn = min_ul(max_pfn, MAXMEM >> PAGE_SHIFT);
    high_memory = PAGE_OFFSET + (max_low_pfn << PAGE_SHIFT);
    zones_init();

    mem_map_bytes = (phys_addr_t)max_pfn * sizeof(struct page);
    mem_map = memblock_alloc_low(mem_map_bytes, PAGE_SIZE, (phys_addr_t)max_low_pfn << PAGE_SHIFT);
    mem_map_phys = __pa(mem_map);
    arch_printf("mm: mem_map at phys 0x%llx: %llu KiB, %llu pages x %u bytes\n",
                (unsigned long long)mem_map_phys, (unsigned long long)(mem_map_bytes >> 10),
                (unsigned long long)max_pfn, (unsigned int)sizeof(struct page));

    paging_init();
    kmap_init();
    memblock_free_all();
    for (z = 0; z < MAX_NR_ZONES; z++)
        zone_pcp_init(&node_zones[z]);
    for (z = 0; z < MAX_NR_ZONES; z++)
        arch_printf("mm: zone %s pfn 0x%07lx-0x%07lx present %llu free %llu\n",
                    node_zones[z].name, node_zones[z].zone_start_pfn, node_zones[z].zone_end_pfn,
                    (unsigned long long)node_zones[z].present_pages,
                    (unsigned long long)node_zones[z].free_pages);
}

void mem_print_meta(void)
{
    unsigned long long pg = PAGE_SIZE;
    unsigned long long dma = node_zones[ZONE_DMA].present_pages;
    unsigned long long normal = node_zones[ZONE_NORMAL].present_pages;
    unsigned long long high = node_zones[ZONE_HIGHMEM].present_pages;

    arch_printf("@meta ram_bytes=%llu\n", (dma + normal + high) * pg);
    arch_printf("@meta lowmem_bytes=%llu\n", (dma + normal) * pg);
    arch_printf("@meta highmem_bytes=%llu\n", high * pg);
    arch_printf("@meta struct_page_bytes=%u\n", (unsigned int)sizeof(struct page));
    arch_printf("@meta zone_dma_pages=%llu\n", dma);
    arch_printf("@meta zone_normal_pages=%llu\n", normal);
    arch_printf("@meta zone_highmem_pages=%llu\n", high);
    arch_printf("@meta mem_map_bytes=%llu\n", (unsigned long long)mem_map_bytes);
    arch_printf("@meta mem_map_phys=0x%llx\n", (unsigned long long)mem_map_phys);
    arch_printf("@meta max_pfn=%llu\n", (unsigned long long)max_pfn);
    arch_printf("@meta vmalloc_start=0x%08lx\n", (unsigned long)VMALLOC_START);
    arch_printf("@meta vmalloc_end=0x%08lx\n", (unsigned long)VMALLOC_END);
    arch_printf("@meta phys_ignored_bytes=%llu\n", (unsigned long long)memblock.ignored_bytes);
}
