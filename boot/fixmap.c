/* fixmap.c - see fixmap.h. */
#include "boot/fixmap.h"
#include "boot/console.h"
#include "boot/x86.h"

static void check_idx(unsigned idx)
{
    if (idx == FIX_HOLE || idx >= __end_of_fixed_addresses)
        panic("fixmap: index %u out of range 1..%u", idx, __end_of_fixed_addresses - 1);
}

void set_fixmap(unsigned idx, uint64_t phys, pteval_t prot)
{
    check_idx(idx);
    set_pte(fixmap_pte(idx), pfn_pte(phys >> PAGE_SHIFT, prot));
}

void clear_fixmap(unsigned idx)
{
    check_idx(idx);
    pte_clear(fixmap_pte(idx));
    invlpg(__fix_to_virt(idx));
}
