/*
 * tlbmark.c - set-up of the TLB model's marker window (boot/tlbmark.h).
 * Only the HM_TLB_MODEL image has any code here.
 */
#include "boot/tlbmark.h"

#ifdef HM_TLB_MODEL
#include "boot/console.h"
#include "boot/pte.h"
#include "boot/x86.h"
#include "hm/mm.h"

extern uint64_t boot_pdpt[PTRS_PER_PGD];
extern uint64_t boot_pd_kernel[PTRS_PER_PMD];

/* The page directory of PDPT[2] (0x80000000..0xBFFFFFFF): only its last
 * entry, the window, is present. */
int tlbmark_on;

static uint64_t tlbmark_pd[PTRS_PER_PMD] __attribute__((aligned(PAGE_SIZE)));

#define PDPTE_PRESENT 0x001

/* tlbmark_setup: the window becomes one read-only, non-global 2 MiB page
 * of physical 0..2 MiB (loads from it read harmless RAM), the PDPT is
 * reloaded (PAE caches PDPTEs at each CR3 load), and the plugin learns the
 * layout: the boot identity map and the direct map are 2 MiB pages, the
 * first non-global, the second global, except the direct-map 2 MiB pages
 * already split into 4 KiB PTEs (the stack guards: stack_guard.c announces
 * later splits itself); the rest of the kernel half is 4 KiB global pages
 * (the plugin's default), and tlb_target.c announces its one non-global
 * page itself. The plugin is also told to leave tlbmark_on out (every
 * marker reads it) and that the CR3 write here flushed. */
void tlbmark_setup(void)
{
    uint32_t pd_phys = (uint32_t)(unsigned long)tlbmark_pd - PAGE_OFFSET;
    uint32_t dm_end = (uint32_t)((high_memory + PMD_SIZE - 1) & PMD_MASK);

    tlbmark_pd[(TLBMARK_BASE >> PMD_SHIFT) % PTRS_PER_PMD] = _PAGE_PRESENT | _PAGE_PSE | _PAGE_ACCESSED;
    boot_pdpt[TLBMARK_BASE >> PGDIR_SHIFT] = pd_phys | PDPTE_PRESENT;
    write_cr3(read_cr3());
    tlbmark_on = 1;
    tlbmark32(TLBMARK_IGNORE, (uint32_t)(unsigned long)&tlbmark_on);
    tlbmark(TLBMARK_FLUSH_LOCAL, 0);
    tlbmark_range(0, LOW_IDENT_BYTES, TLBMARK_RANGE_2M_NONGLOBAL);
    tlbmark_range(PAGE_OFFSET, dm_end, TLBMARK_RANGE_2M_GLOBAL);
    for (uint32_t va = PAGE_OFFSET; va - PAGE_OFFSET < dm_end - PAGE_OFFSET; va += PMD_SIZE)
        if (!(boot_pd_kernel[(va - PAGE_OFFSET) >> PMD_SHIFT] & _PAGE_PSE))
            tlbmark_range(va, va + PMD_SIZE, TLBMARK_RANGE_4K_GLOBAL);
    printk("@meta tlbmark_base=0x%08lx\n", (unsigned long)TLBMARK_BASE);
}
#endif
