/*
 * timing.h - the measuring core.
 *
 * An operation is op(ctx), optionally with prep(ctx) before and post(ctx)
 * after it, both untimed. Two modes:
 *   sample mode: every op is timed alone (tsc_read before and after); the
 *                distribution of n samples gives min, p50, p90, p99, max,
 *                mean and stddev;
 *   batch mode:  K ops per timed region, K doubled until one region lasts
 *                at least BATCH_MIN_TICKS; each region gives one sample of
 *                region/K. For ops too cheap to time alone. prep/post run
 *                once per region, not per op.
 * Both run a warm-up first, and subtract the cost of the same timed region
 * around an empty op, measured on the calling CPU (the overhead column).
 * Results land in a struct stats; report.h prints them as a CSV row.
 */
#ifndef BENCH_TIMING_H
#define BENCH_TIMING_H

#include <stdint.h>

#define MAX_SAMPLES 20000
#define BATCH_MIN_TICKS 20000

typedef void (*op_fn)(void *ctx);

struct op {
    op_fn prep;         /* may be 0 */
    op_fn op;
    op_fn post;         /* may be 0 */
    void *ctx;
};

struct stats {
    uint32_t samples;
    uint64_t min, p50, p90, p99, max;
    uint64_t mean_x100, stddev_x100;    /* hundredths of a tick */
    uint64_t overhead;                  /* per op, already subtracted */
};

/* Sample mode: n timed samples (1..MAX_SAMPLES) of o on this CPU. */
void measure_samples(const struct op *o, uint32_t n, struct stats *st);

/* Batch mode: n regions (1..MAX_SAMPLES) of K ops each. */
void measure_batch(const struct op *o, uint32_t n, struct stats *st);

/* Computes the statistics of v[0..n) (sorts v in place). Portable. */
void stats_compute(uint32_t *v, uint32_t n, struct stats *st);

#endif
