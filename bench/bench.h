/*
 * bench.h - the benchmark registry (mode=bench).
 * A benchmark is a function registered with BENCH(name); it emits one
 * CSV table named after itself (see report.h).
 */
#ifndef BENCH_BENCH_H
#define BENCH_BENCH_H

#include "bench/registry.h"

#define BENCH(id) REGISTER(".benches", bench_, id)

/* Names of all registered benchmarks, '|'-separated. */
const char *bench_names(void);

/* Runs the benchmarks the LIST value selects, in registry order. */
int bench_run(const char *filter);

#endif
