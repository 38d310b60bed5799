/*
 * args.h - the guest command line of hmbench (DESIGN §3), parsed once.
 *
 *   mode=bench|selftest      what to run
 *   bench=<name,...>|all     which benchmarks (mode=bench)
 *   test=<name,...>|all      which self-tests (mode=selftest)
 *   samples=N                timed samples per row (1..MAX_SAMPLES)
 *   quick                    shrink every benchmark (for tests)
 *   unit=cycles|insns        what a TSC tick is: the runner says insns
 *                            under icount (the guest cannot tell)
 *   crash=pf|ud|gp|de        test-only: take an unexpected exception
 *   ap_hold=N                test-only: AP N gets its SIPIs but parks without
 *                            reporting, so the boot CPU's timeout path runs
 *   rsdp=loader|scan         where the ACPI RSDP comes from: the Multiboot2
 *                            tags (default; BIOS scan if absent) or the scan
 *   x2apic=auto|off          x2APIC where CPUID offers it (auto), or xAPIC
 *
 * A key not given takes the documented value, and the run prints which
 * keys were defaulted on its "args:" line. Bad words end the run with
 * status 2 (args_parse).
 */
#ifndef BENCH_ARGS_H
#define BENCH_ARGS_H

#include <stdbool.h>
#include <stdint.h>

enum run_mode { MODE_BENCH, MODE_SELFTEST };

struct args {
    enum run_mode mode;
    const char *bench;          /* LIST value */
    const char *test;           /* LIST value */
    uint32_t samples;
    bool samples_given;
    bool quick;
    const char *crash;          /* "" when not given */
    int ap_hold;                /* 0 when not given */
    bool rsdp_scan;
    bool x2apic;
};

extern struct args args;

/* Parses the command line into args, or prints one "cmdline: ..." line
 * and ends the run with status 2. */
void args_parse(const char *cmdline);

#endif
