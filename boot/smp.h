/*
 * smp.h - the processors: numbering, bring-up, the online mask.
 *
 * Logical CPU 0 is the boot CPU; the other enabled local APICs of the MADT
 * get 1, 2, ... in MADT order (at most NR_CPUS). smp_init starts them one
 * at a time with INIT-SIPI-SIPI (boot/trampoline.S, then ap_main), and
 * each lands in cpu_idle_loop (smp_work.h) with interrupts on.
 */
#ifndef BOOT_SMP_H
#define BOOT_SMP_H

#include <stdbool.h>
#include <stdint.h>
#include "boot/layout.h"

typedef uint32_t cpumask_t;             /* bit n: logical CPU n */
_Static_assert(NR_CPUS <= 32, "cpumask_t holds NR_CPUS bits");

#define AP_START_TIMEOUT_MS 1000        /* per AP, after the second SIPI */

extern int nr_cpu_ids;                  /* CPUs numbered: 0..nr_cpu_ids-1 */
extern int cpus_requested;              /* enabled local APICs in the MADT */
extern volatile cpumask_t cpu_online_mask;

struct smp_options {
    int hold_cpu;                       /* test: this AP parks unreported; 0 = none */
    bool acpi_scan;                     /* test: find the RSDP by BIOS scan */
    bool allow_x2apic;                  /* use x2APIC where CPUID offers it */
    const void *rsdp;                   /* boot_info.rsdp (the loader's copy) */
    uint32_t rsdp_len;
};

/* Boot CPU, after tsc_calibrate: ACPI, local APIC, starts the APs, turns
 * interrupts on, prints the "smp:" lines and @meta cpus_requested,
 * cpus_online, apic_mode. A hold_cpu that names no AP ends the run with
 * status 2 (a bad command line). Ends with zap_low_mappings(). */
void smp_init(const struct smp_options *opt);

int num_online_cpus(void);
static inline bool cpu_online(int cpu) { return (cpu_online_mask >> cpu) & 1; }

/* The first n online CPUs as a mask (CPU 0 first); n is clamped. */
cpumask_t cpumask_first_n(int n);

/* Clears boot's identity map of virtual 0..LOW_IDENT_BYTES (PDPT[0]) and
 * reloads CR3 on every online CPU, so NULL and the rest of that range
 * fault from here on. smp_init calls it once the APs are up (the
 * trampoline needs the identity map); interrupts must be on. */
void zap_low_mappings(void);

/* Entry of an AP from the trampoline (paging on, its own stack). */
void ap_main(int cpu) __attribute__((noreturn));

#endif
