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
 *                region/K, rounded to the nearest tick. For ops too cheap
 *                to time alone. prep/post run once per region, not per op.
 * Both run a warm-up first, then measure the same timed region around an
 * empty op OVERHEAD_SAMPLES times on the calling CPU and subtract the
 * MEDIAN of that distribution from every sample (clipped at 0): a sample
 * carries its own draw of the overhead, so subtracting the minimum would
 * bias p50 and mean upward by p50 - min of the overhead. When that
 * distribution is not stable (overhead_stable: an emulator or a busy host
 * stalled the empty region itself) its median is not the instrument's
 * cost and the MINIMUM is subtracted instead, so that no op loses more
 * than the instrument can cost. The overhead column is what was
 * subtracted. Results land in a struct stats;
 * table.h prints them as a CSV row.
 */
#ifndef BENCH_TIMING_H
#define BENCH_TIMING_H

#include <stdint.h>
#include "boot/tlbmark.h"

#define MAX_SAMPLES 20000
#define BATCH_MIN_TICKS 20000
#define OVERHEAD_SAMPLES 256

/* The overhead is stable when its median exceeds its minimum by at most
 * 10% of the minimum plus OVERHEAD_MARGIN_TICKS. */
#define OVERHEAD_MARGIN_TICKS 4
static inline int overhead_stable(uint32_t min, uint32_t p50)
{
    return p50 - min <= min / 10 + OVERHEAD_MARGIN_TICKS;
}

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
    uint64_t t_first, t_last;           /* TSC before the first timed region, after the last */
    uint32_t raw;                       /* raw.h handle of the samples, 0: not kept */
#ifdef HM_TLB_MODEL
    uint32_t model_seq;                 /* the TLB model's number of this measurement */
#endif
};

/* tlbmodel_row_print: tells the TLB model (ACCEL=model image only) that
 * the next results row printed is measurement st->model_seq, so that
 * tools/extract can put the modelled figures beside it. */
static inline void tlbmodel_row_print(const struct stats *st)
{
#ifdef HM_TLB_MODEL
    tlbmark32(TLBMARK_ROW_PRINT, st->model_seq);
#else
    (void)st;
#endif
}

/*
 * Concurrent measurement (concurrent.h): after its warm-up and overhead a
 * CPU waits at warm (a barrier), notes begin and adds 1 to *started, and
 * from then on runs its op without a break: samples taken before
 * *started == n are thrown away, so no CPU times a sample before every
 * CPU runs the op. A pause between samples lets an emulator that runs
 * vCPUs in turn (QEMU's icount) interleave them sample by sample. After
 * its n samples a CPU adds 1 to *done and keeps running the op untimed
 * until *done == n, so the last samples of the slowest CPU still run
 * against all the others. stop is the TSC when it stopped running the op.
 */
struct smp_barrier;
struct measure_sync {
    struct smp_barrier *warm;
    volatile uint32_t *started, *done;
    uint32_t n;
    uint64_t begin, stop;               /* out */
};

/* Sample mode: n timed samples (1..MAX_SAMPLES) of o on this CPU; sync
 * may be 0 (alone). */
void measure_samples_sync(const struct op *o, uint32_t n, struct stats *st,
                          struct measure_sync *sync);
/* Batch mode: n regions (1..MAX_SAMPLES) of K ops each; sync may be 0. */
void measure_batch_sync(const struct op *o, uint32_t n, struct stats *st,
                        struct measure_sync *sync);

static inline void measure_samples(const struct op *o, uint32_t n, struct stats *st)
{
    measure_samples_sync(o, n, st, 0);
}
static inline void measure_batch(const struct op *o, uint32_t n, struct stats *st)
{
    measure_batch_sync(o, n, st, 0);
}

/* The empty sample region's cost on this CPU: OVERHEAD_SAMPLES tries,
 * their minimum and median. */
void overhead_measure(uint32_t *min, uint32_t *p50);

/* The op of the empty region, for bench=timing's "empty" row. */
void timing_empty_op(void *ctx);

/* n (1..MAX_SAMPLES) samples of back-to-back tsc_read pairs, nothing
 * subtracted (overhead 0). */
void measure_tsc_read(uint32_t n, struct stats *st);

/* n (1..MAX_SAMPLES) raw empty sample regions, nothing subtracted. */
void measure_overhead(uint32_t n, struct stats *st);

/* Computes the statistics of v[0..n) (sorts v in place). Portable. */
void stats_compute(uint32_t *v, uint32_t n, struct stats *st);

/* Sorts v[0..n) ascending, in place. Portable. */
void sort_u32(uint32_t *v, uint32_t n);

#endif
