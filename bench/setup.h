/* setup.h - the guest's bring-up steps after boot/ (called by main). */
#ifndef BENCH_SETUP_H
#define BENCH_SETUP_H

#include "boot/mb2.h"

/* memblock from the Multiboot2 map, the image reserved, then hm/'s
 * mm_init and the memory @meta lines. Too little RAM is a clear panic. */
void setup_memory(const struct boot_info *bi);

/* ACPI, local APICs and the APs (boot/smp.h smp_init), with the SMP
 * command-line words: ap_hold=N (test: AP N parks without reporting, so
 * the boot CPU's timeout path runs), rsdp=loader|scan (test: find the RSDP
 * by BIOS scan), x2apic=auto|off. */
void setup_smp(const struct boot_info *bi);

/* The ap_hold= CPU, 0 when not given (self-tests read it). */
int ap_hold_cpu(void);

/* vmalloc_init, the vmalloc= mode and its @meta lines. After setup_memory and setup_smp
 * (lazy_max_pages scales with the CPUs online). */
void setup_vmalloc(void);

#endif
