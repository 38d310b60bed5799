/*
 * smp_work.h - long-running work on idle APs, and a start barrier.
 *
 * Unlike a cross-CPU call (smp_call.h), posted work runs in the AP's idle
 * loop with interrupts ON, so it may itself make cross-CPU calls, take
 * locks and run for as long as a benchmark needs. The poster (normally
 * CPU 0) posts to idle CPUs, does its own share, then waits.
 */
#ifndef BOOT_SMP_WORK_H
#define BOOT_SMP_WORK_H

#include <stdint.h>
#include "boot/smp.h"

/* Gives fn(arg) to online, idle CPU cpu (not the caller) and wakes it.
 * Posting to a busy, offline or own CPU ends the run (status 3). */
void smp_post_work(int cpu, void (*fn)(void *), void *arg);

/* Waits until cpu has finished the work posted to it. */
void smp_wait_work(int cpu);

/* An AP's loop: halt with interrupts on until work is posted, run it. */
void cpu_idle_loop(void) __attribute__((noreturn));

/* A reusable barrier for n CPUs: each smp_barrier_wait returns once all n
 * have arrived. Waiters spin with interrupts as they were (on). */
struct smp_barrier {
    volatile uint32_t count;
    volatile uint32_t generation;
    uint32_t n;
};

void smp_barrier_init(struct smp_barrier *b, uint32_t n);
void smp_barrier_wait(struct smp_barrier *b);

#endif
