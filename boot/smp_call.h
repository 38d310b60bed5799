/*
 * smp_call.h - running a function on other CPUs, and bare IPI round trips.
 *
 * The function runs in the target's IPI handler: interrupts off, so it
 * must be short and must never wait for another CPU (a TLB flush, a
 * counter). The caller waits for every target with interrupts ON, so it
 * still runs the calls others send it: two CPUs calling each other, or a
 * caller spinning on a lock held by a CPU that waits for the caller's ack,
 * cannot deadlock. Calling with interrupts off is refused (status 3).
 *
 * Each (caller, target) pair has its own slot, so calls from different
 * CPUs run concurrently, with no global lock.
 */
#ifndef BOOT_SMP_CALL_H
#define BOOT_SMP_CALL_H

#include "boot/smp.h"

typedef void (*smp_call_func_t)(void *info);

/* Registers the IPI handlers (boot CPU, before any AP starts). */
void smp_call_init(void);

/* fn(info) on every online CPU in mask except the caller; waits for all. */
void smp_call_function_many(cpumask_t mask, smp_call_func_t fn, void *info);

/* fn(info) on one other online CPU; waits. Returns -1 if cpu is the
 * caller or not online, else 0. */
int smp_call_function_single(int cpu, smp_call_func_t fn, void *info);

/* fn(info) on every online CPU in mask, the caller included when in mask
 * (locally with interrupts off, like the remote runs); waits for all. */
void on_each_cpu_mask(cpumask_t mask, smp_call_func_t fn, void *info);

static inline void on_each_cpu(smp_call_func_t fn, void *info)
{
    on_each_cpu_mask(cpu_online_mask, fn, info);
}

/* Sends IPI_PING_VECTOR to every online CPU in mask but the caller and
 * waits until each has taken one more ping. Exact with one sender at a
 * time; concurrent senders to one target may share its acks. */
void smp_ping_many(cpumask_t mask);

#endif
