/*
 * concurrent.h - one measurement on several CPUs at once.
 *
 * measure_concurrent runs ops[i] on the i-th of the first ncpus online CPUs
 * (CPU 0 first): the others get it as idle-AP work (boot/smp_work.h), with
 * interrupts on, so an op may itself shoot down TLBs on other CPUs. All
 * wait at a start barrier, warm up and measure their overhead, wait at a
 * second barrier, then each times its own op with measure_samples or
 * measure_batch (timing.h; the sample buffer is per CPU). No CPU keeps a
 * sample taken before every CPU runs its op, and a CPU that has finished
 * keeps running its op untimed until all have, so every timed sample runs
 * against all the other CPUs (struct measure_sync).
 *
 * Each CPU's windows are recorded with the TSC (shared by all vCPUs in
 * QEMU, under TCG and icount alike; synchronised on hardware with an
 * invariant TSC): timed [t_first, t_last] (struct stats) and busy [begin,
 * stop], while it runs the op. The common window is [latest begin,
 * earliest stop]; a CPU's overlap is the share of its timed window inside
 * the common window, in 1/10000. conc_rows flags a CPU whose overlap is
 * below CONC_OVERLAP_MIN.
 * Only CPU 0 may call it, and only CPU 0 prints: one row per CPU, in CPU
 * order, so the output is deterministic. Benchmarks reach it through
 * bench_concurrent (bench.h), with set_active_first_n(ncpus) first.
 */
#ifndef BENCH_CONCURRENT_H
#define BENCH_CONCURRENT_H

#include "bench/table.h"
#include "boot/layout.h"

struct conc_result {
    int ncpus;                  /* CPUs that measured */
    int cpu[NR_CPUS];           /* cpu[i]: the logical CPU that ran ops[i] */
    struct stats st[NR_CPUS];
    uint64_t begin[NR_CPUS];    /* TSC when ops[i]'s CPU began running it for good */
    uint64_t stop[NR_CPUS];     /* TSC when it stopped running it */
    uint32_t overlap[NR_CPUS];  /* 1/10000 of its timed window run with all CPUs busy */
};

#define CONC_OVERLAP_MIN 9900   /* 99% */

/* Measures ops[0..ncpus) concurrently with samples samples each; ncpus is
 * clamped to the online CPUs (1..). batch: measure_batch, else
 * measure_samples. */
void measure_concurrent(int ncpus, const struct op *ops, int batch, uint32_t samples,
                        struct conc_result *r);

/* Makes the first n online CPUs (n clamped to 1..online) the active ones
 * of hm/tlbflush.h: every other online CPU is parked (it idles and takes
 * no shootdowns) and every parked one among the first n rejoins (with its
 * full TLB flush). A row labelled ncpus=n is measured this way, so that
 * n CPUs really are all the machine has. CPU 0 only, the others idle.
 * Returns num_active_cpus(). */
int set_active_first_n(int n);

/* The least overlap of r's CPUs (1/10000). */
uint32_t conc_overlap_min(const struct conc_result *r);

/* Prints r as rows of the open table: cpu = r->cpu[i], ncpus = r->ncpus;
 * a CPU whose overlap is below CONC_OVERLAP_MIN gets a "WARNING: overlap"
 * line after the table (table_note). */
void conc_rows(const char *variant, const char *param_name, uint64_t param,
               const struct conc_result *r);

#endif
