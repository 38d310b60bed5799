/*
 * cpu.h - what CPUID says about the boot CPU, read once at boot.
 * CPUID is never executed inside a timed region (it exits to the
 * hypervisor); everything later reads boot_cpu.
 */
#ifndef BOOT_CPU_H
#define BOOT_CPU_H

#include <stdbool.h>
#include <stdint.h>

struct cpuinfo {
    char vendor[13];
    char brand[49];
    char hypervisor[13];        /* CPUID 0x40000000 signature, "none" if absent */
    uint32_t family, model, stepping;
    uint32_t max_leaf, max_ext_leaf, max_hv_leaf;
    unsigned max_phys_bits;     /* MAXPHYADDR */
    bool pae, pge, pse, pse36, tsc, invariant_tsc, invpcid, apic, x2apic, rdtscp, msr, sse2;
};

extern struct cpuinfo boot_cpu;

/* Fills boot_cpu. Ends the run (status 3) if the CPU lacks PAE, PGE or TSC,
 * which hmbench cannot do without. */
void cpu_identify(void);

/* Prints the @meta lines for the CPU (vendor, model, features, MAXPHYADDR,
 * hypervisor). */
void cpu_print_meta(void);

#endif
