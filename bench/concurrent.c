/* concurrent.c - measuring on several CPUs at once; see concurrent.h. */
#include "bench/concurrent.h"
#include "boot/console.h"
#include "boot/percpu.h"
#include "boot/smp.h"
#include "boot/smp_work.h"
#include "hm/tlbflush.h"

struct conc_job {
    const struct op *ops;
    int batch;
    uint32_t samples;
    int idx[NR_CPUS];           /* logical CPU -> index into ops */
    struct smp_barrier start;
    struct conc_result *r;
};

/* conc_worker: one CPU's share: wait for all, then measure its own op. */
static void conc_worker(void *p)
{
    struct conc_job *job = p;
    int i = job->idx[smp_processor_id()];

    smp_barrier_wait(&job->start);
    if (job->batch)
        measure_batch(&job->ops[i], job->samples, &job->r->st[i]);
    else
        measure_samples(&job->ops[i], job->samples, &job->r->st[i]);
}

void measure_concurrent(int ncpus, const struct op *ops, int batch, uint32_t samples,
                        struct conc_result *r)
{
    static struct conc_job job;
    cpumask_t mask;
    int n = 0;

    if (smp_processor_id() != 0)
        panic("measure_concurrent: called on CPU %d, only CPU 0 may", smp_processor_id());
    if (ncpus < 1)
        ncpus = 1;
    mask = cpumask_first_n(ncpus);
    job.ops = ops;
    job.batch = batch;
    job.samples = samples;
    job.r = r;
    for (int cpu = 0; cpu < NR_CPUS; cpu++)
        if (mask & (1u << cpu)) {
            job.idx[cpu] = n;
            r->cpu[n++] = cpu;
        }
    r->ncpus = n;
    smp_barrier_init(&job.start, (uint32_t)n);
    for (int i = 1; i < n; i++)
        smp_post_work(r->cpu[i], conc_worker, &job);
    conc_worker(&job);
    for (int i = 1; i < n; i++)
        smp_wait_work(r->cpu[i]);
}

int set_active_first_n(int n)
{
    cpumask_t keep = cpumask_first_n(n < 1 ? 1 : n);

    if (smp_processor_id() != 0)
        panic("set_active_first_n: called on CPU %d, only CPU 0 may", smp_processor_id());
    for (int cpu = 1; cpu < nr_cpu_ids; cpu++)
        if (cpu_online(cpu))
            set_cpu_active(cpu, (keep >> cpu) & 1);
    return num_active_cpus();
}

void conc_rows(const char *bench, const char *variant, const char *param_name,
               uint64_t param, const struct conc_result *r)
{
    for (int i = 0; i < r->ncpus; i++) {
        struct row_key k = { .bench = bench, .variant = variant, .param_name = param_name,
                             .param = param, .cpu = r->cpu[i], .ncpus = r->ncpus };
        table_row(&k, &r->st[i]);
    }
}
