/*
 * spinlock.h - hm/'s spinlock_t (kmap_lock, zone locks, vmap_area_lock).
 * It is boot's test-and-test-and-set lock (boot/spinlock.h via the arch
 * seam). Spinning leaves EFLAGS.IF alone: a CPU waiting here with
 * interrupts on still takes shootdown IPIs, so a lock holder that waits
 * for acknowledgements from the spinners cannot deadlock with them.
 */
#ifndef HM_SPINLOCK_H
#define HM_SPINLOCK_H

#include "hm/arch.h"
#include "boot/spinlock.h"

typedef raw_spinlock_t spinlock_t;
#define DEFINE_SPINLOCK(x) spinlock_t x = RAW_SPINLOCK_INIT

static inline void spin_lock(spinlock_t *l) { raw_spin_lock(l); }
static inline void spin_unlock(spinlock_t *l) { raw_spin_unlock(l); }
static inline bool spin_is_locked(spinlock_t *l) { return __atomic_load_n(&l->locked, __ATOMIC_RELAXED); }

#endif
