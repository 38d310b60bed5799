/*
 * spinlock.h - boot/'s test-and-test-and-set lock (console, cross-CPU
 * calls). Spinning does not touch EFLAGS.IF: a waiter with interrupts on
 * still takes IPIs, which is what keeps TLB shootdowns deadlock-free.
 */
#ifndef BOOT_SPINLOCK_H
#define BOOT_SPINLOCK_H

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

#endif
