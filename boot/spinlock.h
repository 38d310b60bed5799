/*
 * spinlock.h - boot/'s test-and-test-and-set lock (console, cross-CPU
 * calls). Spinning does not touch EFLAGS.IF: a waiter with interrupts on
 * still takes IPIs, which is what keeps TLB shootdowns deadlock-free.
 */
#ifndef BOOT_SPINLOCK_H
#define BOOT_SPINLOCK_H

#include <stdint.h>

typedef struct { volatile int locked; } raw_spinlock_t;
#define RAW_SPINLOCK_INIT { 0 }

static inline void raw_spin_lock(raw_spinlock_t *l)
{
    while (__atomic_exchange_n(&l->locked, 1, __ATOMIC_ACQUIRE))
        while (__atomic_load_n(&l->locked, __ATOMIC_RELAXED))
            __asm__ volatile("pause" ::: "memory");
}

static inline int raw_spin_trylock(raw_spinlock_t *l)
{
    return !__atomic_exchange_n(&l->locked, 1, __ATOMIC_ACQUIRE);
}

static inline void raw_spin_unlock(raw_spinlock_t *l)
{
    __atomic_store_n(&l->locked, 0, __ATOMIC_RELEASE);
}

/* raw_spin_lock_irqsave: takes l with interrupts off and returns the old
 * EFLAGS. While the lock is busy it waits with interrupts as they were,
 * so a waiter keeps taking IPIs; only the holder runs with them off (an
 * IPI handler on the holder's CPU could want the same lock). */
static inline uint32_t raw_spin_lock_irqsave(raw_spinlock_t *l)
{
    uint32_t flags;
    for (;;) {
        __asm__ volatile("pushfl; popl %0; cli" : "=r"(flags) :: "memory");
        if (raw_spin_trylock(l))
            return flags;
        __asm__ volatile("pushl %0; popfl" :: "r"(flags) : "memory", "cc");
        while (__atomic_load_n(&l->locked, __ATOMIC_RELAXED))
            __asm__ volatile("pause" ::: "memory");
    }
}

static inline void raw_spin_unlock_irqrestore(raw_spinlock_t *l, uint32_t flags)
{
    raw_spin_unlock(l);
    __asm__ volatile("pushl %0; popfl" :: "r"(flags) : "memory", "cc");
}

#endif
