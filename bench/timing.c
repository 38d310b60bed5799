/* timing.c - sample and batch measurement; see timing.h. */
#include "bench/timing.h"
#include "boot/console.h"
#include "boot/percpu.h"
#include "boot/tsc.h"

static uint32_t samples_buf[NR_CPUS][MAX_SAMPLES];

/* The op of the empty region. Called through a volatile pointer, as every
 * real op is, so the subtracted overhead includes the call, the return and
 * the frame set-up: an op that does nothing measures 0. */
static void __attribute__((__noinline__)) empty_op(void *ctx) { (void)ctx; }
static op_fn volatile empty_op_ptr = empty_op;

/* one_sample: the timed region of sample mode, with the op behind a call. */
static inline uint32_t one_sample(op_fn op, void *ctx)
{
    uint64_t t0 = tsc_read();
    op(ctx);
    uint64_t t1 = tsc_read();
    uint64_t d = t1 - t0;
    return d > 0xFFFFFFFFull ? 0xFFFFFFFFu : (uint32_t)d;
}

/* one_batch: the timed region of batch mode: k ops back to back. */
static uint64_t one_batch(op_fn op, void *ctx, uint32_t k)
{
    uint64_t t0 = tsc_read();
    for (uint32_t i = 0; i < k; i++)
        op(ctx);
    return tsc_read() - t0;
}

/* overhead_sample: the least cost of an empty sample region (min of 256):
 * under icount this is exact, on hardware the least disturbed. */
static uint32_t overhead_sample(void)
{
    uint32_t best = 0xFFFFFFFFu;
    for (int i = 0; i < 256; i++) {
        uint32_t d = one_sample(empty_op_ptr, 0);
        if (d < best)
            best = d;
    }
    return best;
}

static void check_n(uint32_t n)
{
    if (n < 1 || n > MAX_SAMPLES)
        panic("timing: %u samples asked for, allowed 1..%u", n, MAX_SAMPLES);
}

void measure_samples(const struct op *o, uint32_t n, struct stats *st)
{
    uint32_t *v = samples_buf[smp_processor_id()];
    uint32_t ovh, warm = n / 10 < 16 ? 16 : n / 10;

    check_n(n);
    for (uint32_t i = 0; i < warm; i++) {
        if (o->prep) o->prep(o->ctx);
        one_sample(o->op, o->ctx);
        if (o->post) o->post(o->ctx);
    }
    ovh = overhead_sample();
    for (uint32_t i = 0; i < n; i++) {
        if (o->prep) o->prep(o->ctx);
        uint32_t d = one_sample(o->op, o->ctx);
        if (o->post) o->post(o->ctx);
        v[i] = d > ovh ? d - ovh : 0;
    }
    stats_compute(v, n, st);
    st->overhead = ovh;
}

void measure_batch(const struct op *o, uint32_t n, struct stats *st)
{
    uint32_t *v = samples_buf[smp_processor_id()];
    uint32_t k = 1;
    uint64_t ovh = UINT64_MAX;

    check_n(n);
    for (;;) {                          /* warm-up while growing K */
        if (o->prep) o->prep(o->ctx);
        uint64_t d = one_batch(o->op, o->ctx, k);
        if (o->post) o->post(o->ctx);
        if (d >= BATCH_MIN_TICKS || k >= (1u << 20))
            break;
        k *= 2;
    }
    for (int i = 0; i < 64; i++) {
        uint64_t d = one_batch(empty_op_ptr, 0, k);
        if (d < ovh)
            ovh = d;
    }
    for (uint32_t i = 0; i < n; i++) {
        if (o->prep) o->prep(o->ctx);
        uint64_t d = one_batch(o->op, o->ctx, k);
        if (o->post) o->post(o->ctx);
        d = d > ovh ? (d - ovh) / k : 0;
        v[i] = d > 0xFFFFFFFFull ? 0xFFFFFFFFu : (uint32_t)d;
    }
    stats_compute(v, n, st);
    st->overhead = ovh / k;
}
