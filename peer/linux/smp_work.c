// SPDX-License-Identifier: GPL-2.0
/* smp_work.c - the peer's smp_barrier (compat/boot/smp_work.h). */
#include <linux/atomic.h>
#include <asm/processor.h>
#include "boot/smp_work.h"

void smp_barrier_init(struct smp_barrier *b, u32 n)
{
	b->count = 0;
	b->generation = 0;
	b->n = n;
}

/* The last CPU to arrive resets the count and opens the next generation;
 * the others spin until the generation they arrived in has passed. */
void smp_barrier_wait(struct smp_barrier *b)
{
	u32 gen = READ_ONCE(b->generation);

	if (__atomic_add_fetch(&b->count, 1, __ATOMIC_ACQ_REL) == b->n) {
		WRITE_ONCE(b->count, 0);
		__atomic_add_fetch(&b->generation, 1, __ATOMIC_RELEASE);
		return;
	}
	while (__atomic_load_n(&b->generation, __ATOMIC_ACQUIRE) == gen)
		cpu_relax();
}
