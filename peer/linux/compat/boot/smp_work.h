/*
 * compat/boot/smp_work.h - the barrier the shared bench/timing.c uses for
 * concurrent rows, on Linux's atomics (smp_work.c); concurrent.c uses it
 * for its start barrier, timing.c for the warm-up one.
 */
#ifndef HMPEER_BOOT_SMP_WORK_H
#define HMPEER_BOOT_SMP_WORK_H
#include <linux/types.h>

/* A reusable barrier for n CPUs: each smp_barrier_wait returns once all n
 * have arrived (the same contract as hmbench's boot/smp_work.h). */
struct smp_barrier {
	volatile u32 count;
	volatile u32 generation;
	u32 n;
};

void smp_barrier_init(struct smp_barrier *b, u32 n);
void smp_barrier_wait(struct smp_barrier *b);
#endif
