/*
 * st_smp_tlb.c - a stale TLB entry on another CPU, with raw PTEs.
 *
 * CPU B reads a page through a fixmap test slot, so its TLB caches the
 * translation. CPU A clears the PTE and invalidates only its own TLB:
 * B may still read through the stale entry (real CPUs and QEMU's TCG,
 * whose per-CPU software TLB keeps entries until that CPU flushes, both
 * can). That is the control: it shows the final check can fail. Then A
 * shoots the page down on every CPU by IPI, and B's next read must fault
 * with CR2 at the address.
 */
#include "bench/remote.h"
#include "bench/selftest.h"
#include "boot/fault.h"
#include "boot/fixmap.h"
#include "boot/smp.h"
#include "boot/smp_call.h"
#include "boot/x86.h"

#define SLOT FIX_TEST_ALIAS
#define MAGIC 0x5EA1AB1Eu

static volatile uint32_t tlb_page[1024] __attribute__((aligned(4096)));

SELFTEST(smp_stale_tlb_shootdown)
{
    uint32_t *va = (uint32_t *)(__fix_to_virt(SLOT) + 8);
    struct remote_read r;
    int b = other_online_cpu();

    if (b < 0) {
        report_skip("smp_stale_tlb_shootdown", "needs a second online CPU");
        return;
    }
    tlb_page[2] = MAGIC;
    remote_warm_fixmap(b, SLOT, (uint32_t)tlb_page - (uint32_t)PAGE_OFFSET, va, &r);
    report(!r.faulted && r.val == MAGIC, "smp_stale_tlb_b_reads_mapping",
           "CPU %d: faulted=%d val=0x%08x", b, r.faulted, r.val);

    clear_fixmap(SLOT);                                 /* PTE cleared, local invlpg only */
    remote_read32(b, va, &r);
    if (!r.faulted && r.val == MAGIC)
        report_pass("smp_stale_tlb_visible_without_shootdown");
    else
        report_skip("smp_stale_tlb_visible_without_shootdown",
                    "CPU %d faulted (vector %d): this CPU or emulator dropped its entry", b,
                    r.rec.vector);

    invlpg_on_each_cpu((unsigned long)va);                         /* the shootdown */
    remote_read32(b, va, &r);
    report(r.faulted && faulted_at(&r.rec, va),
           "smp_stale_tlb_gone_after_shootdown", "CPU %d: faulted=%d vector=%d cr2=0x%08x "
           "want 0x%08x val=0x%08x", b, r.faulted, r.rec.vector, r.rec.cr2, (uint32_t)va, r.val);
}
