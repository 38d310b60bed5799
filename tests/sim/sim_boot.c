/*
 * sim_boot.c - the guest's memory bring-up, replayed on the simulator.
 */
#include "tests/sim/sim.h"
#include "hm/memblock.h"
#include "hm/mm.h"

void sim_boot(const struct sim_mmap_entry *map, int n, unsigned int phys_bits)
{
    uint64_t top = 0;
    int i;

    for (i = 0; i < n; i++)
        if (map[i].type == MB2_MEM_AVAILABLE && map[i].base + map[i].len > top)
            top = map[i].base + map[i].len;
    if (top > MAX_PHYS_ADDR)
        top = MAX_PHYS_ADDR;
    sim_init(top);
    memblock_init();
    for (i = 0; i < n; i++)
        memblock_add_mb2(map[i].base, map[i].len, map[i].type);
    memblock_reserve(KERNEL_PHYS, SIM_IMAGE_END - KERNEL_PHYS);
    memblock_reserve(SIM_BOOT_PMD_PHYS, PAGE_SIZE);
    memblock_reserve(SIM_BOOTINFO_PHYS, SIM_BOOTINFO_BYTES);
    mm_init(phys_bits);
}
