/*
 * args.h - the guest command line of hmbench (README "Guest command line"), parsed once.
 *
 *   mode=bench|selftest      what to run
 *   bench=<name,...>|all     which benchmarks (mode=bench)
 *   test=<name,...>|all      which self-tests (mode=selftest)
 *   samples=N                timed samples per row (1..MAX_SAMPLES)
 *   quick                    shrink every benchmark (for tests)
 *   unit=cycles|insns        what a TSC tick is: the runner says insns
 *                            under icount (the guest cannot tell)
 * Modules add their own keys next to the code that reads them with
 * CMDLINE_KEY (below); e.g. crash=pf|ud|gp|de in crash.c, and the SMP
 * test words ap_hold=N, rsdp=loader|scan, x2apic=auto|off and idle=pause|hlt
 * in setup_smp.c.
 * Every key, core or module, is parsed in one pass, so an unknown word is
 * still refused.
 *
 * A key not given takes the documented value, and the run prints which
 * keys were defaulted on its "args:" line. Bad words end the run with
 * status 2 (args_parse).
 */
#ifndef BENCH_ARGS_H
#define BENCH_ARGS_H

#include <stdbool.h>
#include <stdint.h>
#include "boot/cmdline.h"

enum run_mode { MODE_BENCH, MODE_SELFTEST };

struct args {
    enum run_mode mode;
    const char *bench;          /* LIST value */
    const char *test;           /* LIST value */
    uint32_t samples;
    bool samples_given;
    bool quick;
};

extern struct args args;

struct cmdline_key {
    struct arg_spec spec;
    struct arg_val *val;        /* filled by args_parse; val->set if given */
};

/* Declares struct arg_val var and registers key for it. kind, allowed,
 * min, max as in boot/cmdline.h. Use in the file that reads var. */
#define CMDLINE_KEY(var, key, kind, allowed, min, max)                      \
    struct arg_val var;                                                     \
    static const struct cmdline_key __cmdline_key_##var                     \
        __attribute__((section(".cmdline_keys"), used, aligned(8))) =       \
        { { key, kind, allowed, min, max }, &var }

/* Parses the command line into args, or prints one "cmdline: ..." line
 * and ends the run with status 2. */
void args_parse(const char *cmdline);

#endif
