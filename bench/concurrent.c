/* concurrent.c - measuring on several CPUs at once; see concurrent.h. */
#include "bench/concurrent.h"
#include "boot/console.h"
#include "boot/format.h"
#include "boot/percpu.h"
#include "boot/smp.h"
#include "boot/smp_work.h"
#include "hm/tlbflush.h"

struct conc_job {
    const struct op *ops;
    int batch;
    uint32_t samples;
    int idx[NR_CPUS];           /* logical CPU -> index into ops */
    struct smp_barrier start, warm;
    volatile uint32_t started, done;
    struct conc_result *r;
};

/* Concurrent rows keep every CPU busy to the end (concurrent.h). */
static const int conc_sync = 1;

/* conc_worker: one CPU's share: wait for all, then measure its own op. */
static void conc_worker(void *p)
{
    struct conc_job *job = p;
    int i = job->idx[smp_processor_id()];
    struct measure_sync sync = { &job->warm, &job->started, &job->done, (uint32_t)job->r->ncpus, 0, 0 };
    struct measure_sync *s = conc_sync ? &sync : 0;
    struct stats *st = &job->r->st[i];

    smp_barrier_wait(&job->start);
    if (job->batch)
        measure_batch_sync(&job->ops[i], job->samples, st, s);
    else
        measure_samples_sync(&job->ops[i], job->samples, st, s);
    job->r->begin[i] = s ? s->begin : st->t_first;
    job->r->stop[i] = s ? s->stop : st->t_last;
}

/* conc_overlaps: each CPU's share of its timed window inside the common
 * busy window (concurrent.h). */
static void conc_overlaps(struct conc_result *r)
{
    uint64_t lo = 0, hi = UINT64_MAX;

    for (int i = 0; i < r->ncpus; i++) {
        if (r->begin[i] > lo)
            lo = r->begin[i];
        if (r->stop[i] < hi)
            hi = r->stop[i];
    }
    for (int i = 0; i < r->ncpus; i++) {
        uint64_t a = r->st[i].t_first, b = r->st[i].t_last;
        uint64_t in_lo = a > lo ? a : lo, in_hi = b < hi ? b : hi;
        uint64_t in = in_hi > in_lo ? in_hi - in_lo : 0;

        r->overlap[i] = b > a ? (uint32_t)(in * 10000 / (b - a)) : 10000;
    }
}

uint32_t conc_overlap_min(const struct conc_result *r)
{
    uint32_t m = 10000;

    for (int i = 0; i < r->ncpus; i++)
        if (r->overlap[i] < m)
            m = r->overlap[i];
    return m;
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
    smp_barrier_init(&job.warm, (uint32_t)n);
    job.started = 0;
    job.done = 0;
    for (int i = 1; i < n; i++)
        smp_post_work(r->cpu[i], conc_worker, &job);
    conc_worker(&job);
    for (int i = 1; i < n; i++)
        smp_wait_work(r->cpu[i]);
    conc_overlaps(r);
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

void conc_rows(const char *variant, const char *param_name, uint64_t param,
               const struct conc_result *r)
{
    for (int i = 0; i < r->ncpus; i++) {
        struct row_key k = { .variant = variant, .param_name = param_name,
                             .param = param, .cpu = r->cpu[i], .ncpus = r->ncpus };
        table_row(&k, &r->st[i]);
        if (r->overlap[i] < CONC_OVERLAP_MIN) {
            char line[200], pv[32] = "";

            if (param_name[0])
                hm_snprintf(pv, sizeof(pv), " %s=%llu", param_name, (unsigned long long)param);
            hm_snprintf(line, sizeof(line), "WARNING: overlap: %s/%s%s ncpus=%d cpu %d: "
                        "only %u.%02u%% of its timed window ran with every CPU busy (< %u%%)",
                        table_name(), variant, pv, r->ncpus, r->cpu[i], r->overlap[i] / 100, r->overlap[i] % 100,
                        CONC_OVERLAP_MIN / 100);
            table_note(line);
        }
    }
}
