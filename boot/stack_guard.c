/* stack_guard.c - guard pages below the CPU stacks; see stack_guard.h. */
#include "boot/stack_guard.h"
#include "boot/console.h"
#include "boot/percpu.h"
#include "boot/pte.h"
#include "boot/x86.h"

#define SPLIT_TABLES 4                  /* 2 MiB pages split, at most */

extern uint64_t boot_pd_kernel[PTRS_PER_PMD];
extern char boot_stack_guard[], boot_stack_top[];

static pteval_t split_pt[SPLIT_TABLES][PTRS_PER_PTE] __attribute__((aligned(PAGE_SIZE)));
static unsigned int split_used;

/* The PTE page behind the direct-map PDE *pde, made from its 2 MiB page
 * the first time: 512 PTEs over the same frames, with the same flags
 * (bit 7 means PAT in a PTE: dropped with PS). */
static pteval_t *split_pmd(volatile pteval_t *pde)
{
    pteval_t v = *pde, *pt;

    if (!(v & _PAGE_PSE))
        return (pteval_t *)(PAGE_OFFSET + (uint32_t)(v & 0xFFFFF000u));
    if (split_used == SPLIT_TABLES)
        panic("BUG: stack_guard: more than %d 2 MiB pages to split", SPLIT_TABLES);
    pt = split_pt[split_used++];
    for (unsigned int i = 0; i < PTRS_PER_PTE; i++)
        pt[i] = (v & ~(pteval_t)(PMD_SIZE - 1)) + ((pteval_t)i << PAGE_SHIFT) +
                (v & 0xFFF & ~_PAGE_PSE);
    /* One 32-bit store turns the 2 MiB page into a table: the high word
     * is 0 in both (the image lies below 4 GiB). */
    ((volatile uint32_t *)pde)[0] = ((uint32_t)pt - PAGE_OFFSET) | (uint32_t)_KERNPG_TABLE;
    tlbmark_range(PAGE_OFFSET + (uint32_t)(pde - boot_pd_kernel) * PMD_SIZE,
                  PAGE_OFFSET + (uint32_t)(pde - boot_pd_kernel + 1) * PMD_SIZE,
                  TLBMARK_RANGE_4K_GLOBAL);     /* ACCEL=model image only */
    return pt;
}

void unmap_stack_guard(void *guard)
{
    uint32_t va = (uint32_t)guard;
    pteval_t *pt;

    if (va & (PAGE_SIZE - 1) || va < PAGE_OFFSET || va - PAGE_OFFSET >= MAXMEM)
        panic("BUG: stack_guard: %p is not a page of the direct map", guard);
    pt = split_pmd(&boot_pd_kernel[(va - PAGE_OFFSET) >> PMD_SHIFT]);
    ((volatile uint32_t *)&pt[(va >> PAGE_SHIFT) & (PTRS_PER_PTE - 1)])[0] = 0;
    /* The old 2 MiB entry is global: a CR4.PGE toggle drops it and any
     * 4 KiB entry of the guard. */
    write_cr4(read_cr4() & ~X86_CR4_PGE);
    write_cr4(read_cr4() | X86_CR4_PGE);
}

void boot_stack_guard_init(void)
{
    unmap_stack_guard(boot_stack_guard);
    percpu_area[0].stack_top = boot_stack_top;
}
