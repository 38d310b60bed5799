/*
 * setup_mem.c - hands the firmware's memory map to hm/ and brings up
 * memblock, mem_map, the zones, the final page tables and the buddy
 * allocator, in that order (hm/mm.h mm_init).
 */
#include "bench/setup.h"
#include "bench/args.h"
#include "boot/console.h"
#include "boot/cpu.h"
#include "boot/mb2.h"
#include "hm/memblock.h"
#include "hm/mm.h"

extern char __image_start[], __image_end[];

/* Like Linux's mem=: use only the RAM below N MiB. For emulating a smaller
 * machine, and the only way to show "too little RAM" past GRUB, which itself
 * needs about 6 MiB. */
CMDLINE_KEY(mem_mib_arg, "mem_mib", ARG_UINT, 0, 1, 65536);

/* ram_covers: some usable-RAM region of the (limited) map holds [s, e). */
static bool ram_covers(phys_addr_t s, phys_addr_t e)
{
    for (unsigned i = 0; i < memblock.memory.cnt; i++) {
        const struct memblock_region *r = &memblock.memory.regions[i];
        if (r->base <= s && memblock_region_end(r) >= e)
            return true;
    }
    return false;
}

void setup_memory(const struct boot_info *bi)
{
    phys_addr_t img_start = (phys_addr_t)(uint32_t)__image_start - PAGE_OFFSET;
    phys_addr_t img_end = (phys_addr_t)(uint32_t)__image_end - PAGE_OFFSET;

    memblock_init();
    for (int i = 0; i < bi->mmap_count; i++)
        memblock_add_mb2(bi->mmap[i].addr, bi->mmap[i].len, bi->mmap[i].type);
    if (mem_mib_arg.set) {
        phys_addr_t limit = (phys_addr_t)mem_mib_arg.num << 20;
        phys_addr_t cut = memblock_type_remove(&memblock.memory, limit, MAX_PHYS_ADDR << 1);
        printk("mem: mem_mib=%llu: ignoring %llu MiB of RAM at and above 0x%llx\n",
               mem_mib_arg.num, cut >> 20, limit);
    }
    if (!ram_covers(img_start, img_end))
        panic("too little RAM: no usable RAM region holds the image (0x%llx-0x%llx); "
              "give the guest more memory", img_start, img_end);
    /* The image holds the boot page tables, the fixmap PTE page, the copy
     * of the boot information and the boot stack (all in .bss). */
    memblock_reserve(img_start, img_end - img_start);
    mm_init(boot_cpu.max_phys_bits);
    mem_print_meta();
    printk("@meta last_pkmap=%u\n", LAST_PKMAP);
    printk("@meta km_max_idx=%u\n", KM_MAX_IDX);
    printk("@meta pkmap_base=0x%08lx\n", PKMAP_BASE);
    printk("@meta fixaddr_start=0x%08lx\n", FIXADDR_START);
}
