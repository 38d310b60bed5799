/*
 * st_boot.c - self-tests of what boot/ set up: PAE paging with global
 * kernel pages, the fixmap, and the expected-fault mechanism itself
 * (NULL and the gone identity map: st_null.c).
 */
#include "bench/selftest.h"
#include "boot/fault.h"
#include "boot/cpu.h"
#include "boot/fixmap.h"
#include "boot/layout.h"
#include "boot/x86.h"

extern uint64_t boot_pdpt[], boot_pd_kernel[];

SELFTEST(paging_pae_pge)
{
    uint32_t cr0 = read_cr0(), cr4 = read_cr4(), cr3 = read_cr3();
    uint32_t pdpt_phys = (uint32_t)boot_pdpt - (uint32_t)PAGE_OFFSET;
    uint64_t pde = boot_pd_kernel[(KERNEL_PHYS >> PMD_SHIFT)];

    /* A 2 MiB page that holds a stack guard is split (stack_guard.c):
     * then the image's first page must have a global 4 KiB PTE. */
    if ((pde & 0x81) == 0x01)
        pde = ((const uint64_t *)(PAGE_OFFSET + (uint32_t)(pde & 0xFFFFF000u)))
                  [(KERNEL_PHYS >> PAGE_SHIFT) & (PTRS_PER_PTE - 1)] | 0x80;

    report((cr0 & X86_CR0_PG) && (cr4 & X86_CR4_PAE), "paging_pae_on",
           "cr0=0x%08x cr4=0x%08x", cr0, cr4);
    report(cr4 & X86_CR4_PGE, "paging_pge_on", "cr4=0x%08x", cr4);
    report(cr3 == pdpt_phys, "paging_cr3_is_boot_pdpt", "cr3=0x%08x pdpt=0x%08x", cr3, pdpt_phys);
    report((pde & 0x181) == 0x181, "paging_kernel_pde_global", "pde=0x%llx", pde);
}

SELFTEST(expected_fault)
{
    struct fault_record rec;
    uint32_t val = 0, word = 0xFEEDF00D;
    volatile uint32_t *unmapped = (volatile uint32_t *)0x40001238;     /* PDPT[1] absent */
    bool faulted;

    faulted = probe_read32(&word, &val, &rec);
    report(!faulted && val == 0xFEEDF00D && rec.vector == -1, "probe_mapped_no_fault",
           "faulted=%d val=0x%08x vector=%d", faulted, val, rec.vector);
    faulted = probe_read32(unmapped, &val, &rec);
    report(faulted && faulted_at(&rec, unmapped) && !(rec.error & PF_ERROR_PRESENT),
           "probe_read_unmapped_pf", "faulted=%d vector=%d cr2=0x%08x error=0x%x", faulted,
           rec.vector, rec.cr2, rec.error);
    faulted = probe_write32(unmapped + 1, 7, &rec);
    report(faulted && faulted_at(&rec, unmapped + 1) && (rec.error & PF_ERROR_WRITE),
           "probe_write_unmapped_pf", "faulted=%d vector=%d cr2=0x%08x error=0x%x", faulted,
           rec.vector, rec.cr2, rec.error);
}

/* The fixmap: a page mapped at FIX_TEST reads what the direct map wrote,
 * and after clear_fixmap (PTE cleared, invlpg) the address faults. */
static volatile uint32_t fix_page[1024] __attribute__((aligned(4096)));

SELFTEST(fixmap_alias_and_clear)
{
    volatile uint32_t *fx = (volatile uint32_t *)__fix_to_virt(FIX_TEST);
    struct fault_record rec;
    uint32_t val = 0;
    bool faulted;

    fix_page[5] = 0x600DF1C5;
    set_fixmap(FIX_TEST, (uint32_t)fix_page - (uint32_t)PAGE_OFFSET, PAGE_KERNEL);
    faulted = probe_read32(&fx[5], &val, &rec);
    report(!faulted && val == 0x600DF1C5, "fixmap_reads_direct_map", "faulted=%d val=0x%08x", faulted, val);
    fx[6] = 0xABCD0006;
    report(fix_page[6] == 0xABCD0006, "fixmap_write_visible_in_direct_map", "0x%08x", fix_page[6]);
    clear_fixmap(FIX_TEST);
    faulted = probe_read32(&fx[5], &val, &rec);
    report(faulted && faulted_at(&rec, &fx[5]), "fixmap_cleared_faults",
           "faulted=%d vector=%d cr2=0x%08x want 0x%08x", faulted, rec.vector, rec.cr2, (uint32_t)&fx[5]);
}

/* MAXPHYADDR as the MMU sees it: a PTE whose frame uses the top address
 * bit the CPU claims must translate; one bit above must take a
 * reserved-bit page fault (error code bit 3). No RAM need be there: a
 * read of unbacked physical memory does not fault. */
SELFTEST(maxphyaddr)
{
    unsigned bits = boot_cpu.max_phys_bits;
    volatile uint32_t *va = (volatile uint32_t *)__fix_to_virt(FIX_TEST);
    struct fault_record rec;
    uint32_t val;
    bool faulted;

    set_fixmap(FIX_TEST, 1ULL << (bits - 1), PAGE_KERNEL);
    faulted = probe_read32(va, &val, &rec);
    clear_fixmap(FIX_TEST);
    report(!faulted, "maxphyaddr_top_bit_maps", "bit %u: vector %d error 0x%x", bits - 1,
           rec.vector, rec.error);
    if (bits >= 52) {
        report_skip("maxphyaddr_next_bit_reserved", "MAXPHYADDR is 52");
        return;
    }
    set_fixmap(FIX_TEST, 1ULL << bits, PAGE_KERNEL);
    faulted = probe_read32(va, &val, &rec);
    clear_fixmap(FIX_TEST);
    report(faulted && rec.vector == PF_VECTOR && (rec.error & PF_ERROR_RSVD), "maxphyaddr_next_bit_reserved",
           "bit %u: faulted=%d vector %d error 0x%x", bits, faulted, rec.vector, rec.error);
}
