/*
 * tsc.h - TSC reads for timed regions, and the TSC's frequency.
 *
 * tsc_read() is serialised without CPUID (which always exits to the
 * hypervisor): "mfence; lfence; rdtsc; lfence". MFENCE makes earlier
 * stores complete (AMD's RDTSC ignores LFENCE alone), the first LFENCE
 * keeps RDTSC from starting before earlier instructions finish, the last
 * keeps later instructions from starting before RDTSC. CPUs without SSE2
 * (some emulated models) get "lock addl $0,(%esp); rdtsc" instead; the
 * choice is made once at boot and reported as @meta tsc_read.
 */
#ifndef BOOT_TSC_H
#define BOOT_TSC_H

#include <stdbool.h>
#include <stdint.h>

extern bool tsc_fenced;         /* SSE2 fences available */
extern uint32_t tsc_khz;        /* 0 when unknown */
extern const char *tsc_source;  /* cpuid15, cpuid16, hypervisor, pit, none */

static inline __attribute__((always_inline)) uint64_t tsc_read(void)
{
    uint32_t lo, hi;
    if (__builtin_expect(tsc_fenced, 1))
        __asm__ volatile("mfence; lfence; rdtsc; lfence" : "=a"(lo), "=d"(hi) :: "memory");
    else
        __asm__ volatile("lock addl $0, (%%esp); rdtsc" : "=a"(lo), "=d"(hi) :: "memory");
    return ((uint64_t)hi << 32) | lo;
}

/* Finds tsc_khz: the hypervisor leaf 0x40000010, CPUID 0x15/0x16, or the
 * PIT (channel 2). Needs cpu_identify() first. Never hangs: a PIT that does
 * not count leaves tsc_khz 0 and tsc_source "none". */
void tsc_calibrate(void);

/* Prints @meta tsc_khz, tsc_source, tsc_read, and tsc_note: under TCG what
 * its TSC is; under another hypervisor without leaf 0x40000010, why not. */
void tsc_print_meta(void);

#endif
