/*
 * compat/boot/tsc.h - the TSC read of hmbench's boot/tsc.h, instruction for
 * instruction ("mfence; lfence; rdtsc; lfence", or "lock addl; rdtsc"
 * without SSE2), so that bench/timing.c times Linux exactly as it times
 * hmbench. Linux's rdtsc_ordered() would differ (one lfence, alternatives).
 */
#ifndef HMPEER_BOOT_TSC_H
#define HMPEER_BOOT_TSC_H
#include <linux/types.h>

extern bool tsc_fenced;         /* set by hmpeer's init from X86_FEATURE_XMM2 */

static inline __attribute__((always_inline)) u64 tsc_read(void)
{
	u32 lo, hi;

	if (likely(tsc_fenced))
		asm volatile("mfence; lfence; rdtsc; lfence" : "=a"(lo), "=d"(hi) :: "memory");
	else
		asm volatile("lock addl $0, (%%esp); rdtsc" : "=a"(lo), "=d"(hi) :: "memory");
	return ((u64)hi << 32) | lo;
}
#endif
