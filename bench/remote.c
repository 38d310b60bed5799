/* remote.c - see remote.h. */
#include "bench/remote.h"
#include "boot/fixmap.h"
#include "boot/smp.h"
#include "boot/smp_call.h"
#include "boot/x86.h"

struct remote_job {
    const volatile void *va;
    struct remote_read *r;
};

/* read_job: runs on the target CPU (IPI context). */
static void read_job(void *info)
{
    struct remote_job *j = info;
    j->r->val = 0;
    j->r->faulted = probe_read32(j->va, &j->r->val, &j->r->rec);
}

void remote_read32(int cpu, const volatile void *va, struct remote_read *r)
{
    struct remote_job j = { va, r };
    smp_call_function_single(cpu, read_job, &j);
}

int other_online_cpu(void)
{
    for (int c = 1; c < nr_cpu_ids; c++)
        if (cpu_online(c))
            return c;
    return -1;
}

static void invlpg_fn(void *info) { invlpg((unsigned long)info); }

void invlpg_on_each_cpu(unsigned long va)
{
    on_each_cpu(invlpg_fn, (void *)va);
}

void remote_warm_fixmap(int cpu, unsigned idx, uint64_t phys, const volatile void *va,
                        struct remote_read *r)
{
    set_fixmap(idx, phys, PAGE_KERNEL);
    invlpg_on_each_cpu((unsigned long)va);
    remote_read32(cpu, va, r);
}
