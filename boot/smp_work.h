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

/* How an idle AP waits for work (Linux's idle=poll is IDLE_POLL):
 *   IDLE_HLT   "sti; hlt"; the wake-up IPI ends the halt. Under KVM each
 *              halt is an exit and each wake-up a host reschedule.
 *   IDLE_POLL  a PAUSE loop with interrupts on: IPIs are taken at once,
 *              no exit, so a shootdown row measures the flush, not a wake-up.
 * Chosen before the APs start (setup_smp: pause for mode=bench, hlt for
 * self-tests, the guest word idle=pause|hlt overrides) and never changed. */
enum idle_mode { IDLE_HLT, IDLE_POLL };
extern enum idle_mode idle_mode;

/* An AP's loop: wait with interrupts on (idle_mode) until work is posted,
 * run it. */
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
