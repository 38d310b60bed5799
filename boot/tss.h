/*
 * tss.h - each CPU's two task-state segments, as Linux i386 has them: the
 * CPU's own task (loaded with ltr, so that a task switch has somewhere to
 * save the state it leaves) and a double-fault task. IDT vector 8 is a
 * task gate to the latter, so #DF switches to a known-good stack, CR3 and
 * segments even when the fault was a push onto a full or unmapped stack;
 * an interrupt gate there would fault again and reset the machine.
 */
#ifndef BOOT_TSS_H
#define BOOT_TSS_H

#include <stdint.h>

/* Fills cpu's TSS descriptors (*tss_desc, *df_desc: its GDT_TSS and
 * GDT_DF_TSS slots) and its double-fault task: EIP doublefault_fn, its own
 * stack, this CPU's CR3 and kernel segments, interrupts off. The caller
 * loads the GDT and then the task register. */
void tss_init_cpu(int cpu, uint64_t *tss_desc, uint64_t *df_desc);

#endif
