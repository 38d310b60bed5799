/*
 * bench.h - the benchmark registry (mode=bench) and the one way a
 * benchmark measures (README "Adding a benchmark").
 *
 * A benchmark is a function registered with BENCH(name). bench_run opens
 * the results table `name` before it and prints the table after it
 * (table.h), so the function only measures, and may print progress lines
 * at any time. It describes its variants as data, a struct variant each
 * (designated initialisers), and hands them to bench_variant(s): each one
 * becomes a row of the table, or, when its valid() says it cannot run
 * here, a "SKIP: <bench>/<variant> (why)" line after the table. Rows come
 * out in the order they were measured.
 */
#ifndef BENCH_BENCH_H
#define BENCH_BENCH_H

#include <stdbool.h>
#include "bench/registry.h"
#include "bench/table.h"
#include "boot/kernel.h"

#define BENCH(id) REGISTER(".benches", bench_, id)

enum bench_mode {
    SAMPLE_MODE,                /* every op timed alone (timing.h) */
    BATCH_MODE,                 /* K ops per timed region, samples / 10 regions */
};

/* One variant of a benchmark: what its row is called and what it times. */
struct variant {
    const char *variant;        /* the variant column */
    const char *param_name;     /* 0 or "": no parameter */
    uint64_t param;             /* the parameter's value ... */
    const char *param_str;      /* ... or, when set, this word instead */
    op_fn prep, op, post;       /* op is timed; prep and post (may be 0) are not */
    void *ctx;                  /* handed to all three */
    /* 0: always runs; else true when it can run here, or false with *why
     * set to the reason (the SKIP line's). */
    bool (*valid)(const struct variant *v, const char **why);
    enum bench_mode mode;
    uint32_t samples;           /* 0: args.samples */
    int ncpus;                  /* the row's ncpus column, 0: 1 (cpu is 0) */
};

/* Measures v on this CPU (CPU 0) and keeps its row in the open table, or
 * notes a SKIP line when v->valid refuses. */
void bench_variant(const struct variant *v);

/* bench_variant of v[0..n), in order. */
void bench_variants(const struct variant *v, size_t n);
#define BENCH_VARIANTS(tab) bench_variants(tab, ARRAY_SIZE(tab))

/* v on the first ncpus online CPUs at once (measure_concurrent,
 * concurrent.h): CPU i runs v's ops with ctx[i] (v->ctx for all when ctx
 * is 0); one row per CPU, ncpus = the CPUs that measured. v->valid,
 * v->ncpus and v->param_str are not used. */
void bench_concurrent(const struct variant *v, int ncpus, void *const *ctx);

/* Names of all registered benchmarks, '|'-separated. */
const char *bench_names(void);

/* Runs the benchmarks the LIST value selects, in registry order, each
 * inside its own table. */
int bench_run(const char *filter);

#endif
