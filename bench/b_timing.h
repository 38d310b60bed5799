/* b_timing.h - the timing benchmark's per-CPU overhead report. */
#ifndef BENCH_B_TIMING_H
#define BENCH_B_TIMING_H

#include <stdint.h>

/* The overhead is stable when its median exceeds its minimum by at most
 * 10% of the minimum plus OVERHEAD_MARGIN_TICKS. */
#define OVERHEAD_MARGIN_TICKS 4
static inline int overhead_stable(uint32_t min, uint32_t p50)
{
    return p50 - min <= min / 10 + OVERHEAD_MARGIN_TICKS;
}

/* Measures the empty timed region on every online CPU (all idle but
 * this one, CPU 0) and prints @meta overhead_min.cpuN / overhead_p50.cpuN,
 * plus a WARNING line for each CPU whose overhead is not stable. */
void timing_meta(void);

#endif
