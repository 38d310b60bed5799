/*
 * fault.h - the expected-fault mechanism.
 *
 * A test that expects an access to fault (a stale TLB entry must be gone,
 * a cleared PTE must not translate) makes the access through probe_read32
 * or probe_write32. If it faults, the trap handler records vector, error
 * code, CR2 and EIP in *rec and the call returns true; otherwise false
 * and rec->vector is -1. Any fault elsewhere stays fatal.
 */
#ifndef BOOT_FAULT_H
#define BOOT_FAULT_H

#include <stdbool.h>
#include <stdint.h>
#include "boot/percpu.h"
#include "boot/trap.h"

bool probe_read32(const volatile void *p, uint32_t *val, struct fault_record *rec);
bool probe_write32(volatile void *p, uint32_t val, struct fault_record *rec);

/* faulted_at: rec holds a page fault (PF_VECTOR) with CR2 == addr; false
 * for no fault (vector -1), another vector or another address. */
static inline bool faulted_at(const struct fault_record *rec, const volatile void *addr)
{
    return rec->vector == PF_VECTOR && rec->cr2 == (uint32_t)addr;
}

#endif
