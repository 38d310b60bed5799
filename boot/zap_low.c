/*
 * zap_low.c - drop boot's identity map once nothing needs it (Linux i386's
 * zap_low_mappings). entry.S maps virtual 0..LOW_IDENT_BYTES onto the same
 * physical range through PDPT[0], so that the code turning paging on keeps
 * running; the AP trampoline relies on it in the same way. After AP
 * bring-up nothing does, and leaving it would let a NULL dereference read
 * the real-mode IVT instead of faulting.
 */
#include "boot/smp.h"
#include "boot/smp_call.h"
#include "boot/x86.h"

extern uint64_t boot_pdpt[PTRS_PER_PGD];

/* Runs on each CPU: a CR3 load re-reads the four PDPTEs (PAE caches them
 * in the CPU at each load) and drops every non-global TLB entry. */
static void reload_cr3(void *info)
{
    (void)info;
    write_cr3(read_cr3());
}

void zap_low_mappings(void)
{
    ((volatile uint32_t *)&boot_pdpt[0])[0] = 0;    /* P is in the low word */
    ((volatile uint32_t *)&boot_pdpt[0])[1] = 0;
    on_each_cpu(reload_cr3, 0);
}
