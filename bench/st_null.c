/*
 * st_null.c - NULL is not mapped: once the APs are up, boot's identity map
 * of the first LOW_IDENT_BYTES is gone on every CPU (zap_low_mappings), so
 * a NULL read faults with CR2 = 0, and so does the old identity alias of a
 * kernel word, instead of silently reading the IVT or the image.
 */
#include "bench/selftest.h"
#include "boot/fault.h"
#include "boot/layout.h"
#include "boot/smp.h"
#include "boot/smp_call.h"

static uint32_t alias_word;             /* in .bss: below LOW_IDENT_BYTES physical */

struct null_probe {
    struct fault_record null_rd, top_rd, alias_rd;
    bool null_f, top_f, alias_f, ran;
};
static struct null_probe probes[NR_CPUS];

/* One read probe at each former identity address, on the calling CPU. */
static void probe_low(void *info)
{
    struct null_probe *p = &probes[smp_processor_id()];
    uint32_t v;

    (void)info;
    p->null_f = probe_read32((const volatile void *)0, &v, &p->null_rd);
    p->top_f = probe_read32((const volatile void *)(LOW_IDENT_BYTES - 4), &v, &p->top_rd);
    p->alias_f = probe_read32((const volatile void *)((uint32_t)&alias_word - PAGE_OFFSET), &v,
                              &p->alias_rd);
    p->ran = true;
}

/* A not-present read fault (error code P=0, W=0) at exactly addr. */
static bool np_read_fault(bool faulted, const struct fault_record *r, uint32_t addr)
{
    return faulted && faulted_at(r, (void *)addr) && !(r->error & (PF_ERROR_PRESENT | PF_ERROR_WRITE));
}

SELFTEST(null_unmapped)
{
    uint32_t alias = (uint32_t)&alias_word - PAGE_OFFSET;
    int bad_null = -1, bad_low = -1, cpus = 0;
    const struct null_probe *shown;

    for (int cpu = 0; cpu < NR_CPUS; cpu++)
        probes[cpu].ran = false;
    on_each_cpu(probe_low, 0);
    for (int cpu = 0; cpu < nr_cpu_ids; cpu++) {
        const struct null_probe *p = &probes[cpu];

        if (!cpu_online(cpu))
            continue;
        cpus += p->ran;
        if (bad_null < 0 && !np_read_fault(p->null_f, &p->null_rd, 0))
            bad_null = cpu;
        if (bad_low < 0 && !(np_read_fault(p->top_f, &p->top_rd, LOW_IDENT_BYTES - 4) &&
                             np_read_fault(p->alias_f, &p->alias_rd, alias)))
            bad_low = cpu;
    }
    shown = &probes[bad_null < 0 ? 0 : bad_null];
    report(bad_null < 0 && cpus == num_online_cpus(), "null_read_faults",
           "CPU %d: faulted=%d vector=%d cr2=0x%08x error=0x%x (%d of %d CPUs ran)",
           bad_null < 0 ? 0 : bad_null, shown->null_f, shown->null_rd.vector, shown->null_rd.cr2,
           shown->null_rd.error, cpus, num_online_cpus());
    report(bad_low < 0, "identity_map_gone",
           "CPU %d still reads 0x%08x or the alias 0x%08x of a kernel word",
           bad_low, (uint32_t)(LOW_IDENT_BYTES - 4), alias);
}
