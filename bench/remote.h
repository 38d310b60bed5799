/*
 * remote.h - self-test helpers that act on another CPU: a probed read
 * there (to warm, or to test, that CPU's TLB), the CPU to use, and an
 * invlpg on every CPU.
 */
#ifndef BENCH_REMOTE_H
#define BENCH_REMOTE_H

#include <stdbool.h>
#include <stdint.h>
#include "boot/fault.h"

struct remote_read {
    bool faulted;
    uint32_t val;               /* the word read, when it did not fault */
    struct fault_record rec;    /* the fault, when it did */
};

/* One probe_read32 of va on CPU cpu (an IPI; waits), into *r. */
void remote_read32(int cpu, const volatile void *va, struct remote_read *r);

/* The lowest online CPU other than 0, or -1 on one CPU. */
int other_online_cpu(void);

/* invlpg(va) on every online CPU (the bare shootdown, without hm/). */
void invlpg_on_each_cpu(unsigned long va);

/* The start of every stale-TLB test: map the frame at phys in fixmap slot
 * idx, drop any earlier entry for va (inside that slot) on every CPU, then
 * let CPU cpu read va, so its TLB now caches the translation. *r holds
 * that read. */
void remote_warm_fixmap(int cpu, unsigned idx, uint64_t phys, const volatile void *va,
                        struct remote_read *r);

#endif
