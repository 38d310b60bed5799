/*
 * test_zones.c - mem_map and zones on the machines of machines.h: zone
 * sizes, spans, the pfn/page/address conversions, where mem_map sits, the
 * reserved/free split of every RAM page, the free lists, the @meta lines.
 */
#include <string.h>
#include "tests/unit/check.h"
#include "tests/unit/machines.h"
#include "hm/gfp.h"
#include "hm/memblock.h"

/* Present pages per zone and max_pfn, worked out by hand from the maps. */
static const struct { unsigned long dma, normal, high, max_pfn; } want[] = {
    { 3999, 28640, 0, 0x7fe0 },                 /* 128M: 159 + 3840 DMA pages */
    { 3999, 225280, 32736, 0x3ffe0 },           /* 1G: highmem 128 MiB - 128 KiB */
    { 3999, 225280, 557056, 0x140000 },         /* 3G: 2 GiB - 896 MiB + 1 GiB */
    { 3999, 225280, 1867776, 0x240000 },        /* 8G: 2176 MiB + 5 GiB */
    { 3999, 225280, 16285696, 0x1000000 },      /* 63G: 2176 MiB + 60 GiB */
};

static int pfn_in_ram(const struct machine *m, unsigned long pfn)
{
    int i;

    for (i = 0; i < m->n; i++)
        if (m->map[i].type == 1 && pfn >= (m->map[i].base + PAGE_SIZE - 1) >> PAGE_SHIFT &&
            pfn < (m->map[i].base + m->map[i].len) >> PAGE_SHIFT)
            return 1;
    return 0;
}

/* Every free list entry is a PG_buddy head of its order, aligned, inside
 * its zone; counts match the lists. Returns the number of bad findings. */
static unsigned long check_free_lists(void)
{
    unsigned long bad = 0;
    int z;
    unsigned int o;

    for (z = 0; z < MAX_NR_ZONES; z++) {
        struct zone *zone = &node_zones[z];
        unsigned long pages = 0;

        for (o = 0; o < MAX_ORDER; o++) {
            struct list_head *pos;
            unsigned long n = 0;

            list_for_each(pos, &zone->free_area[o].free_list) {
                struct page *page = list_entry(pos, struct page, lru);
                unsigned long pfn = page_to_pfn(page);

                n++;
                if (page->flags != PG_buddy || page->private != o || (pfn & ((1UL << o) - 1)) ||
                    pfn < zone->zone_start_pfn || pfn + (1UL << o) > zone->zone_end_pfn)
                    bad++;
            }
            bad += n != zone->free_area[o].nr_free;
            pages += n << o;
        }
        bad += pages != zone->free_pages;
    }
    return bad;
}

static void test_machine(int mi)
{
    const struct machine *m = &machines[mi];
    const char *nm = m->name;
    unsigned long max_low = want[mi].max_pfn < 0x38000 ? want[mi].max_pfn : 0x38000;
    unsigned long pfn, step, reserved_in_ram = 0, ram = 0, bad = 0;
    unsigned long samples[] = { 0, 1, 0x9f, 0xa0, 0x100, 4095, 4096, max_low - 1, max_low,
                                want[mi].max_pfn - 1 };
    static char log[4096];
    char line[128];
    unsigned int i;

    sim_boot(m->map, m->n, 36);
    CHECK_EQ(max_pfn, want[mi].max_pfn, "%s: max_pfn", nm);
    CHECK_EQ(max_low_pfn, max_low, "%s: max_low_pfn", nm);
    CHECK_EQ(node_zones[ZONE_DMA].present_pages, want[mi].dma, "%s: DMA zone pages", nm);
    CHECK_EQ(node_zones[ZONE_NORMAL].present_pages, want[mi].normal, "%s: NORMAL zone pages", nm);
    CHECK_EQ(node_zones[ZONE_HIGHMEM].present_pages, want[mi].high, "%s: HIGHMEM zone pages", nm);
    CHECK(node_zones[ZONE_DMA].zone_end_pfn == 4096 && node_zones[ZONE_NORMAL].zone_start_pfn == 4096 &&
          node_zones[ZONE_NORMAL].zone_end_pfn == max_low &&
          node_zones[ZONE_HIGHMEM].zone_start_pfn == max_low &&
          node_zones[ZONE_HIGHMEM].zone_end_pfn == want[mi].max_pfn, "%s: zone spans", nm);
    CHECK_EQ(high_memory, PAGE_OFFSET + (max_low << PAGE_SHIFT), "%s: high_memory", nm);

    CHECK_EQ(mem_map_bytes, want[mi].max_pfn * sizeof(struct page), "%s: mem_map size", nm);
    CHECK(mem_map_phys % PAGE_SIZE == 0 && mem_map_phys >= 16 * MiB &&
          mem_map_phys + mem_map_bytes <= (phys_addr_t)max_low << PAGE_SHIFT,
          "%s: mem_map in lowmem above ZONE_DMA (phys 0x%llx, %llu MiB)", nm,
          (unsigned long long)mem_map_phys, (unsigned long long)(mem_map_bytes >> 20));
    CHECK(PageReserved(phys_to_page(mem_map_phys)) &&
          PageReserved(phys_to_page(mem_map_phys + mem_map_bytes - 1)), "%s: mem_map pages reserved", nm);

    step = want[mi].max_pfn / 4099 + 1;
    for (pfn = 0; pfn < want[mi].max_pfn + ARRAY_SIZE(samples); pfn += step) {
        unsigned long p = pfn < want[mi].max_pfn ? pfn : samples[pfn - want[mi].max_pfn];
        struct page *page = pfn_to_page(p);
        int high = p >= max_low;

        bad += page_to_pfn(page) != p || PageHighMem(page) != high;
        bad += page_zone(page) != &node_zones[high ? ZONE_HIGHMEM : p >= 4096 ? ZONE_NORMAL : ZONE_DMA];
        if (!high)
            bad += page_address(page) != __va((phys_addr_t)p << PAGE_SHIFT) ||
                   virt_to_page(page_address(page)) != page;
        else
            bad += page_address(page) != NULL;
        if (pfn >= want[mi].max_pfn)
            pfn = pfn - step + 1;
    }
    CHECK_EQ(bad, 0, "%s: pfn_to_page/page_to_pfn/PageHighMem/page_address/virt_to_page agree", nm);

    bad = 0;
    for (pfn = 0; pfn < want[mi].max_pfn; pfn++) {
        if (pfn_in_ram(m, pfn)) {
            ram++;
            reserved_in_ram += PageReserved(pfn_to_page(pfn));
        } else {
            bad += !PageReserved(pfn_to_page(pfn));
        }
    }
    CHECK_EQ(bad, 0, "%s: every hole page is PG_reserved", nm);
    CHECK_EQ(ram, want[mi].dma + want[mi].normal + want[mi].high, "%s: RAM pages", nm);
    CHECK_EQ(nr_free_pages() + reserved_in_ram, ram, "%s: free + reserved = RAM", nm);
    CHECK(reserved_in_ram * sizeof(struct page) < mem_map_bytes + 8 * MiB,
          "%s: only mem_map, PTE pages and boot ranges reserved (%lu pages)", nm, reserved_in_ram);
    CHECK_EQ(check_free_lists(), 0, "%s: free lists consistent", nm);

    sim_capture(log, sizeof(log));
    mem_print_meta();
    sim_capture(NULL, 0);
    snprintf(line, sizeof(line), "@meta ram_bytes=%llu\n", (unsigned long long)ram * PAGE_SIZE);
    CHECK(strstr(log, line) != NULL, "%s: meta ram_bytes", nm);
    snprintf(line, sizeof(line), "@meta highmem_bytes=%llu\n", (unsigned long long)want[mi].high * PAGE_SIZE);
    CHECK(strstr(log, line) != NULL, "%s: meta highmem_bytes", nm);
    snprintf(line, sizeof(line), "@meta vmalloc_start=0x%08lx\n", (unsigned long)(high_memory + 8 * MiB));
    CHECK(strstr(log, line) != NULL, "%s: meta vmalloc_start", nm);
    for (i = 0; i < 13; i++) {
        static const char *const keys[] = { "ram_bytes", "lowmem_bytes", "highmem_bytes",
            "struct_page_bytes", "zone_dma_pages", "zone_normal_pages", "zone_highmem_pages",
            "mem_map_bytes", "mem_map_phys", "max_pfn", "vmalloc_start", "vmalloc_end",
            "phys_ignored_bytes" };
        snprintf(line, sizeof(line), "@meta %s=", keys[i]);
        bad += strstr(log, line) == NULL;
    }
    CHECK_EQ(bad, 0, "%s: every meta key printed", nm);
}

/* The 63G machine plus 16 GiB more RAM above 64 GiB: ignored, and said so. */
static void test_above_64g(void)
{
    struct sim_mmap_entry map[16];
    static char log[4096];
    int n = machines[NR_MACHINES - 1].n;

    memcpy(map, machines[NR_MACHINES - 1].map, n * sizeof(map[0]));
    map[n].base = 64 * GiB;
    map[n].len = 16 * GiB;
    map[n++].type = 1;
    sim_boot(map, n, 36);
    CHECK_EQ(max_pfn, 0x1000000, "80G: max_pfn stays at 64 GiB");
    sim_capture(log, sizeof(log));
    mem_print_meta();
    sim_capture(NULL, 0);
    CHECK(strstr(log, "@meta phys_ignored_bytes=17179869184\n") != NULL, "80G: meta phys_ignored_bytes");
}

int main(void)
{
    int i;

    for (i = 0; i < NR_MACHINES; i++)
        test_machine(i);
    test_above_64g();
    sim_fini();
    return check_done();
}
