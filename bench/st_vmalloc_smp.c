/*
 * st_vmalloc_smp.c - freed vmalloc addresses fault on every CPU, not only
 * on the one that freed them. Each other online CPU first reads every
 * page (its TLB now caches the translations); CPU 0 vfrees the area and,
 * in lazy mode, purges; then each CPU probes every page and must fault
 * with CR2 at the address. Only the purge's flush_tlb_kernel_range IPIs
 * (or eager vfree's) can make that so: the PTEs alone are not enough
 * while a stale entry sits in a remote TLB (see st_smp_tlb.c).
 */
#include "bench/selftest.h"
#include "boot/fault.h"
#include "boot/smp.h"
#include "boot/smp_work.h"
#include "hm/vmalloc.h"

#define NPAGES 4

struct remote_job {
    volatile uint32_t *va;
    int probe;                  /* 0: read every page; 1: probe, count non-faults */
    unsigned long wrong[NR_CPUS];
};

/* On one CPU: read or probe the NPAGES pages of job->va. */
static void remote_pages(void *p)
{
    struct remote_job *job = p;
    int cpu = smp_processor_id();
    struct fault_record rec;
    uint32_t val;

    for (int i = 0; i < NPAGES; i++) {
        volatile uint32_t *w = job->va + i * 1024 + 3;

        if (!job->probe)
            job->wrong[cpu] += *w != (uint32_t)i;
        else if (!probe_read32(w, &val, &rec) || !faulted_at(&rec, w))
            job->wrong[cpu]++;
    }
}

/* Run remote_pages on every online CPU but 0, one after another. */
static void on_other_cpus(struct remote_job *job)
{
    for (int c = 1; c < nr_cpu_ids; c++) {
        if (!cpu_online(c))
            continue;
        smp_post_work(c, remote_pages, job);
        smp_wait_work(c);
    }
}

static void one_mode(enum vmap_purge_mode mode, const char *read_name, const char *fault_name)
{
    static struct remote_job job;
    unsigned long bad_read = 0, bad_fault = 0;
    uint32_t *a;

    vmalloc_set_mode(mode);
    a = vmalloc(NPAGES * PAGE_SIZE);
    for (int i = 0; i < NPAGES; i++)
        a[i * 1024 + 3] = (uint32_t)i;
    job = (struct remote_job){ .va = a, .probe = 0 };
    on_other_cpus(&job);
    for (int c = 0; c < NR_CPUS; c++)
        bad_read += job.wrong[c];
    vfree(a);
    if (mode == VMAP_LAZY)
        vm_unmap_aliases();
    job = (struct remote_job){ .va = a, .probe = 1 };
    on_other_cpus(&job);
    remote_pages(&job);                                 /* and CPU 0 */
    for (int c = 0; c < NR_CPUS; c++)
        bad_fault += job.wrong[c];
    report(!bad_read, read_name, "%lu pages read wrong on other CPUs", bad_read);
    report(!bad_fault, fault_name, "%lu pages still readable somewhere after %s", bad_fault,
           mode == VMAP_LAZY ? "vfree and purge" : "eager vfree");
}

SELFTEST(vmalloc_faults_every_cpu)
{
    enum vmap_purge_mode mode0 = vmalloc_mode();

    if (num_online_cpus() < 2) {
        report_skip("vmalloc_faults_every_cpu", "needs a second online CPU");
        return;
    }
    one_mode(VMAP_LAZY, "vmalloc_lazy_other_cpus_read", "vmalloc_lazy_faults_every_cpu");
    one_mode(VMAP_EAGER, "vmalloc_eager_other_cpus_read", "vmalloc_eager_faults_every_cpu");
    vmalloc_set_mode(mode0);
}
