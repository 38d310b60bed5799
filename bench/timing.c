/* timing.c - sample and batch measurement; see timing.h. */
#include "bench/timing.h"
#include "bench/raw.h"
#include "boot/console.h"
#include "boot/percpu.h"
#include "boot/smp_work.h"
#include "boot/tsc.h"
#include "boot/x86.h"

static uint32_t samples_buf[NR_CPUS][MAX_SAMPLES];

/*
 * The TLB model's row markers (boot/tlbmark.h; empty outside the
 * ACCEL=model image). A measurement is one row: row_begin after the
 * warm-up and the overhead (so neither is counted), a region marker pair
 * around each kept timed region, row_end with the number of regions and
 * operations per region. finish() stores the row's number in the stats,
 * and table.c's table_row passes it on for the row.
 */
#ifdef HM_TLB_MODEL
static uint32_t model_next_seq;
static uint32_t model_seq[NR_CPUS];

static void model_row_begin(void)
{
    uint32_t seq = __atomic_add_fetch(&model_next_seq, 1, __ATOMIC_RELAXED);

    model_seq[smp_processor_id()] = seq;
    tlbmark32(TLBMARK_ROW_BEGIN, seq);
}

static void model_row_end(uint32_t regions, uint32_t per_region)
{
    tlbmark32(TLBMARK_ROW_OPS, regions);
    tlbmark32(TLBMARK_ROW_BATCH, per_region);
    tlbmark(TLBMARK_ROW_END, 0);
}
#else
static inline void model_row_begin(void) {}
static inline void model_row_end(uint32_t regions, uint32_t per_region) { (void)regions; (void)per_region; }
#endif

/* The op of the empty region. Called through a volatile pointer, as every
 * real op is, so the subtracted overhead includes the call, the return and
 * the frame set-up: an op that does nothing measures 0. */
void __attribute__((__noinline__)) timing_empty_op(void *ctx) { (void)ctx; }
static op_fn volatile empty_op_ptr = timing_empty_op;

/* clamp_u32: a tick count as a sample, saturated at the largest u32. */
static inline uint32_t clamp_u32(uint64_t d)
{
    return d > 0xFFFFFFFFull ? 0xFFFFFFFFu : (uint32_t)d;
}

/* one_sample: the timed region of sample mode, with the op behind a call. */
static inline uint32_t one_sample(op_fn op, void *ctx)
{
    uint64_t t0 = tsc_read();
    op(ctx);
    uint64_t t1 = tsc_read();
    return clamp_u32(t1 - t0);
}

/* one_batch: the timed region of batch mode: k ops back to back. */
static uint64_t one_batch(op_fn op, void *ctx, uint32_t k)
{
    uint64_t t0 = tsc_read();
    for (uint32_t i = 0; i < k; i++)
        op(ctx);
    return tsc_read() - t0;
}

static void run_untimed(const struct op *o)
{
    if (o->prep) o->prep(o->ctx);
    o->op(o->ctx);
    if (o->post) o->post(o->ctx);
}

void overhead_measure(uint32_t *min, uint32_t *p50)
{
    uint32_t v[OVERHEAD_SAMPLES];

    for (int i = 0; i < OVERHEAD_SAMPLES; i++)
        v[i] = one_sample(empty_op_ptr, 0);
    sort_u32(v, OVERHEAD_SAMPLES);
    *min = v[0];
    *p50 = v[(OVERHEAD_SAMPLES - 1) / 2];
}

static void check_n(uint32_t n)
{
    if (n < 1 || n > MAX_SAMPLES)
        panic("timing: %u samples asked for, allowed 1..%u", n, MAX_SAMPLES);
}

/* sync_start: concurrent only: wait for every CPU's warm-up, then say
 * this CPU runs its op from now on (begin). */
static void sync_start(struct measure_sync *sync)
{
    if (!sync)
        return;
    smp_barrier_wait(sync->warm);
    sync->begin = tsc_read();
    __atomic_add_fetch(sync->started, 1, __ATOMIC_ACQ_REL);
}

/* sync_keep: whether the next sample counts: alone always; concurrent
 * only once every CPU has begun (a CPU released late from the barrier
 * must not leave the others timing alone). */
static inline int sync_keep(const struct measure_sync *sync)
{
    return !sync || __atomic_load_n(sync->started, __ATOMIC_ACQUIRE) == sync->n;
}

/* sync_finish: concurrent only: say this CPU is done, and keep running
 * the op untimed until every CPU is (timing.h). */
static void sync_finish(struct measure_sync *sync, const struct op *o)
{
    if (!sync)
        return;
    __atomic_add_fetch(sync->done, 1, __ATOMIC_ACQ_REL);
    while (__atomic_load_n(sync->done, __ATOMIC_ACQUIRE) < sync->n) {
        run_untimed(o);
        cpu_relax();
    }
    sync->stop = tsc_read();
}

/* finish: statistics, the raw copy (raw=1) and the window of v[0..n). */
static void finish(uint32_t *v, uint32_t n, struct stats *st, uint64_t ovh,
                   uint64_t t_first, uint64_t t_last)
{
    stats_compute(v, n, st);
#ifdef HM_TLB_MODEL
    st->model_seq = model_seq[smp_processor_id()];
#endif
    st->raw = raw_keep(v, n);
    st->overhead = ovh;
    st->t_first = t_first;
    st->t_last = t_last;
}

void measure_samples_sync(const struct op *o, uint32_t n, struct stats *st,
                          struct measure_sync *sync)
{
    uint32_t *v = samples_buf[smp_processor_id()];
    uint32_t ovh, ovh_min, warm = n / 10 < 16 ? 16 : n / 10;
    uint64_t t_first, t_last;

    check_n(n);
    for (uint32_t i = 0; i < warm; i++) {
        if (o->prep) o->prep(o->ctx);
        one_sample(o->op, o->ctx);
        if (o->post) o->post(o->ctx);
    }
    overhead_measure(&ovh_min, &ovh);
    if (!overhead_stable(ovh_min, ovh))
        ovh = ovh_min;
    sync_start(sync);
    model_row_begin();
    t_first = 0;
    for (uint32_t i = 0; i < n;) {
        int keep = sync_keep(sync);

        if (keep && i == 0)
            t_first = tsc_read();
        if (o->prep) o->prep(o->ctx);
        if (keep)
            tlbmark(TLBMARK_REGION_BEGIN, 0);
        uint32_t d = one_sample(o->op, o->ctx);
        tlbmark(TLBMARK_REGION_END, 0);
        if (o->post) o->post(o->ctx);
        if (sync)
            cpu_relax();
        if (keep)
            v[i++] = d > ovh ? d - ovh : 0;
    }
    t_last = tsc_read();
    model_row_end(n, 1);
    sync_finish(sync, o);
    finish(v, n, st, ovh, t_first, t_last);
}

void measure_batch_sync(const struct op *o, uint32_t n, struct stats *st,
                        struct measure_sync *sync)
{
    uint32_t *v = samples_buf[smp_processor_id()];
    uint32_t k = 1, ov[64];
    uint64_t ovh, t_first, t_last;

    check_n(n);
    for (;;) {                          /* warm-up while growing K */
        if (o->prep) o->prep(o->ctx);
        uint64_t d = one_batch(o->op, o->ctx, k);
        if (o->post) o->post(o->ctx);
        if (d >= BATCH_MIN_TICKS || k >= (1u << 20))
            break;
        k *= 2;
    }
    for (int i = 0; i < 64; i++) {      /* the empty region of K calls */
        ov[i] = clamp_u32(one_batch(empty_op_ptr, 0, k));
    }
    sort_u32(ov, 64);
    ovh = overhead_stable(ov[0], ov[31]) ? ov[31] : ov[0];
    sync_start(sync);
    model_row_begin();
    t_first = 0;
    for (uint32_t i = 0; i < n;) {
        int keep = sync_keep(sync);

        if (keep && i == 0)
            t_first = tsc_read();
        if (o->prep) o->prep(o->ctx);
        if (keep)
            tlbmark(TLBMARK_REGION_BEGIN, 0);
        uint64_t d = one_batch(o->op, o->ctx, k);
        tlbmark(TLBMARK_REGION_END, 0);
        if (o->post) o->post(o->ctx);
        if (sync)
            cpu_relax();
        if (!keep)
            continue;
        v[i++] = clamp_u32(d > ovh ? (d - ovh + k / 2) / k : 0);     /* to the nearest tick */
    }
    t_last = tsc_read();
    model_row_end(n, k);
    sync_finish(sync, o);
    finish(v, n, st, (ovh + k / 2) / k, t_first, t_last);
}

void measure_tsc_read(uint32_t n, struct stats *st)
{
    uint32_t *v = samples_buf[smp_processor_id()];
    uint64_t t_first, t_last;

    check_n(n);
    model_row_begin();
    t_first = tsc_read();
    for (uint32_t i = 0; i < n; i++) {
        uint64_t t0 = tsc_read();
        uint64_t t1 = tsc_read();
        v[i] = clamp_u32(t1 - t0);
    }
    t_last = tsc_read();
    model_row_end(n, 1);
    finish(v, n, st, 0, t_first, t_last);
}

void measure_overhead(uint32_t n, struct stats *st)
{
    uint32_t *v = samples_buf[smp_processor_id()];
    uint64_t t_first, t_last;

    check_n(n);
    model_row_begin();
    t_first = tsc_read();
    for (uint32_t i = 0; i < n; i++) {
        tlbmark(TLBMARK_REGION_BEGIN, 0);
        v[i] = one_sample(empty_op_ptr, 0);
        tlbmark(TLBMARK_REGION_END, 0);
    }
    t_last = tsc_read();
    model_row_end(n, 1);
    finish(v, n, st, 0, t_first, t_last);
}
