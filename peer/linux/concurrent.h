/*
 * concurrent.h - one measurement on several CPUs at once, in Linux: the
 * peer's counterpart of hmbench's bench/concurrent.c, with the same timing
 * method, so its ncpus >= 2 rows line up with hmbench's key for key.
 *
 * measure_concurrent runs ops[i] on CPU i, i = 0 .. n-1, the first n
 * online CPUs (peer_online_first_n(n) first, so they are all the machine
 * has): CPU 0 in the calling initcall thread, each other CPU in a kthread
 * bound to it (kthread_create_on_cpu), interrupts on, so an op may itself
 * send IPIs (flush_tlb_kernel_range) to the others. All wait at a start
 * barrier, warm up and measure their empty-region overhead, wait at a
 * second barrier, then each times its own op with hmbench's
 * measure_samples_sync (bench/timing.c, shared): no CPU keeps a sample
 * taken before every CPU runs its op, and a CPU that has finished keeps
 * running its op untimed until all have (struct measure_sync).
 *
 * Each CPU's windows are TSC stamps (one TSC for all vCPUs in QEMU, under
 * TCG and icount alike): timed [t_first, t_last] and busy [begin, stop].
 * The common window is [latest begin, earliest stop]; a CPU's overlap is
 * the share of its timed window inside it, in 1/10000, and a row whose
 * overlap is below CONC_OVERLAP_MIN gets hmbench's "WARNING: overlap"
 * line after its table.
 */
#ifndef HMPEER_CONCURRENT_H
#define HMPEER_CONCURRENT_H
#include <linux/threads.h>
#include "bench/timing.h"

struct conc_result {
	int ncpus;			/* CPUs that measured: ops[i] ran on CPU i */
	struct stats st[NR_CPUS];
	u64 begin[NR_CPUS];		/* TSC when CPU i began running its op for good */
	u64 stop[NR_CPUS];		/* TSC when it stopped running it */
	u32 overlap[NR_CPUS];		/* 1/10000 of its timed window with all CPUs busy */
};

#define CONC_OVERLAP_MIN 9900		/* 99%, as hmbench's */

/* Measures ops[0..n) on CPUs 0..n-1 at once with samples samples each
 * (sample mode). Only the initcall thread (on CPU 0) may call it, with
 * CPUs 0..n-1 online; a CPU that is not, or a kthread that cannot be
 * made, ends the run with status 3. */
void measure_concurrent(int n, const struct op *ops, u32 samples, struct conc_result *r);

/* Keeps r's rows for the table being measured (rows.h): one per CPU,
 * cpu = i, ncpus = r->ncpus, in CPU order, with the overlap warning. */
void keep_conc_rows(const char *bench, const char *variant, const char *param_name,
		    u64 param, const struct conc_result *r);
#endif
