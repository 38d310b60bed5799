/*
 * stack_guard.h - an unmapped page below each CPU's stack, so that an
 * overflow faults (and, since pushing the fault's frame faults again,
 * ends in the double-fault task, boot/tss.h) instead of silently writing
 * over whatever lies below.
 */
#ifndef BOOT_STACK_GUARD_H
#define BOOT_STACK_GUARD_H

/* Boot CPU, before the APs start: unmaps the page-aligned page at guard
 * in the direct map. The 2 MiB page holding it is first split into 4 KiB
 * PTEs with the same frames and attributes (from a small static pool;
 * running out is a BUG, status 3); the TLB is flushed on this CPU. */
void unmap_stack_guard(void *guard);

/* The boot CPU's stack (entry.S): unmaps its guard and records its top in
 * percpu_area[0].stack_top. */
void boot_stack_guard_init(void);

#endif
