/*
 * st_tlb_park.c - a parked CPU (hm/tlbflush.h set_cpu_active) misses
 * shootdowns, and rejoining leaves it no stale translation.
 *
 * CPU B reads a page through a fixmap test slot, so its TLB caches the
 * translation, and is then parked. CPU A clears the PTE and calls
 * flush_tlb_kernel_range, which must leave B alone (B's counters stay
 * still). B may still read through its stale entry: that is the control
 * (TCG keeps it, as real CPUs may), showing the last check can fail. Then
 * B rejoins, which must flush its whole TLB: its next read faults with
 * CR2 at the address. The test reads on B from an IPI even while B is
 * parked; a real parked CPU runs nothing.
 */
#include "bench/remote.h"
#include "bench/selftest.h"
#include "boot/fault.h"
#include "boot/fixmap.h"
#include "boot/smp.h"
#include "boot/smp_call.h"
#include "boot/x86.h"
#include "hm/tlbflush.h"

#define SLOT FIX_TEST_PARK
#define MAGIC 0xBA4CED01u

static volatile uint32_t park_page[1024] __attribute__((aligned(4096)));

SELFTEST(tlb_park)
{
    uint32_t *va = (uint32_t *)(__fix_to_virt(SLOT) + 16);
    unsigned long page = __fix_to_virt(SLOT);
    struct remote_read r;
    struct tlb_counts before;
    int b = -1, active0 = num_active_cpus();

    for (int c = nr_cpu_ids - 1; c > 0 && b < 0; c--)   /* the last online AP */
        if (cpu_online(c))
            b = c;
    if (b < 0) {
        report_skip("tlb_park", "needs a second online CPU");
        return;
    }
    park_page[4] = MAGIC;
    remote_warm_fixmap(b, SLOT, (uint32_t)park_page - (uint32_t)PAGE_OFFSET, va, &r);
    report(!r.faulted && r.val == MAGIC, "tlb_park_b_reads_mapping",
           "CPU %d: faulted=%d val=0x%08x", b, r.faulted, r.val);

    set_cpu_active(b, false);
    report(!cpu_active(b) && num_active_cpus() == active0 - 1, "tlb_park_counts",
           "CPU %d: active=%d, %d active CPUs, want %d", b, cpu_active(b), num_active_cpus(),
           active0 - 1);
    before = tlb_counts[b];
    clear_fixmap(SLOT);                                 /* PTE cleared, local invlpg */
    flush_tlb_kernel_range(page, page + PAGE_SIZE);     /* the shootdown B is parked for */
    report(tlb_counts[b].one == before.one && tlb_counts[b].global == before.global,
           "tlb_park_no_shootdown", "CPU %d took %lu invlpg, %lu global flushes while parked",
           b, tlb_counts[b].one - before.one, tlb_counts[b].global - before.global);
    remote_read32(b, va, &r);
    if (!r.faulted && r.val == MAGIC)
        report_pass("tlb_park_stale_while_parked");
    else
        report_skip("tlb_park_stale_while_parked",
                    "CPU %d faulted (vector %d): this CPU or emulator dropped its entry", b,
                    r.rec.vector);

    set_cpu_active(b, true);
    report(tlb_counts[b].global == before.global + 1 && num_active_cpus() == active0,
           "tlb_park_rejoin_flushes", "CPU %d: %lu global flushes on rejoining, want 1; "
           "%d active CPUs, want %d", b, tlb_counts[b].global - before.global,
           num_active_cpus(), active0);
    remote_read32(b, va, &r);
    report(r.faulted && faulted_at(&r.rec, va),
           "tlb_park_rejoin_no_stale", "CPU %d: faulted=%d vector=%d cr2=0x%08x want 0x%08x "
           "val=0x%08x", b, r.faulted, r.rec.vector, r.rec.cr2, (uint32_t)va, r.val);
}
