/* b_timing.h - the timing benchmark's per-CPU overhead report. */
#ifndef BENCH_B_TIMING_H
#define BENCH_B_TIMING_H

#include "bench/timing.h"

/* Measures the empty timed region on every online CPU (all idle but
 * this one, CPU 0) and prints @meta overhead_min.cpuN / overhead_p50.cpuN,
 * plus a WARNING line for each CPU whose overhead is not stable. */
void timing_meta(void);

#endif
