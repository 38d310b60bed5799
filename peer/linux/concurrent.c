// SPDX-License-Identifier: GPL-2.0
/* concurrent.c - measuring on several CPUs at once in Linux; see concurrent.h. */
#include <linux/completion.h>
#include <linux/err.h>
#include <linux/kthread.h>
#include <linux/sched.h>
#include <linux/smp.h>
#include "boot/console.h"
#include "boot/smp_work.h"
#include "concurrent.h"
#include "rows.h"

struct conc_job {
	const struct op *ops;
	u32 samples;
	struct smp_barrier start, warm;
	volatile u32 started, done;
	struct conc_result *r;
};

/* What CPU i's kthread needs: the job, its index, and a completion that
 * says its share is measured. */
struct conc_share {
	struct conc_job *job;
	int i;
	struct completion finished;
};

/* conc_worker: CPU i's share: wait for all, then measure its own op. */
static void conc_worker(struct conc_job *job, int i)
{
	struct measure_sync sync = { &job->warm, &job->started, &job->done,
				     (u32)job->r->ncpus, 0, 0 };

	smp_barrier_wait(&job->start);
	measure_samples_sync(&job->ops[i], job->samples, &job->r->st[i], &sync);
	job->r->begin[i] = sync.begin;
	job->r->stop[i] = sync.stop;
}

static int conc_thread(void *p)
{
	struct conc_share *s = p;

	conc_worker(s->job, s->i);
	complete(&s->finished);
	return 0;
}

/* conc_overlaps: each CPU's share of its timed window inside the common
 * busy window [latest begin, earliest stop] (concurrent.h). */
static void conc_overlaps(struct conc_result *r)
{
	u64 lo = 0, hi = U64_MAX;

	for (int i = 0; i < r->ncpus; i++) {
		lo = max(lo, r->begin[i]);
		hi = min(hi, r->stop[i]);
	}
	for (int i = 0; i < r->ncpus; i++) {
		u64 a = r->st[i].t_first, b = r->st[i].t_last;
		u64 in_lo = max(a, lo), in_hi = min(b, hi);
		u64 in = in_hi > in_lo ? in_hi - in_lo : 0;

		r->overlap[i] = b > a ? (u32)div64_u64(in * 10000, b - a) : 10000;
	}
}

void measure_concurrent(int n, const struct op *ops, u32 samples, struct conc_result *r)
{
	static struct conc_job job;
	static struct conc_share share[NR_CPUS];

	if (raw_smp_processor_id() != 0)
		peer_fatal("measure_concurrent: called on CPU %d, only CPU 0 may",
			   raw_smp_processor_id());
	n = clamp(n, 1, NR_CPUS);
	job = (struct conc_job){ .ops = ops, .samples = samples, .r = r };
	r->ncpus = n;
	smp_barrier_init(&job.start, n);
	smp_barrier_init(&job.warm, n);
	for (int i = 1; i < n; i++) {
		struct task_struct *t;

		if (!cpu_online(i))
			peer_fatal("measure_concurrent: CPU %d is not online", i);
		share[i] = (struct conc_share){ .job = &job, .i = i };
		init_completion(&share[i].finished);
		t = kthread_create_on_cpu(conc_thread, &share[i], i, "hmpeer/%u");
		if (IS_ERR(t))
			peer_fatal("measure_concurrent: no kthread for CPU %d (%ld)", i, PTR_ERR(t));
		wake_up_process(t);
	}
	conc_worker(&job, 0);
	for (int i = 1; i < n; i++)
		wait_for_completion(&share[i].finished);
	conc_overlaps(r);
}

void keep_conc_rows(const char *bench, const char *variant, const char *param_name,
		    u64 param, const struct conc_result *r)
{
	for (int i = 0; i < r->ncpus; i++) {
		struct row_key k = { .variant = variant, .param_name = param_name,
				     .param = param, .cpu = i, .ncpus = r->ncpus };

		keep_stats(bench, &k, &r->st[i], r->overlap[i]);
	}
}
