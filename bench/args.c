/* args.c - hmbench's command-line table; see args.h. */
#include "bench/args.h"
#include "bench/bench.h"
#include "bench/report.h"
#include "bench/selftest.h"
#include "boot/cmdline.h"
#include "boot/console.h"
#include "boot/layout.h"

struct args args;

enum { K_MODE, K_BENCH, K_TEST, K_SAMPLES, K_QUICK, K_UNIT, K_CRASH, K_AP_HOLD, K_RSDP, K_X2APIC, K_COUNT };

void args_parse(const char *cmdline)
{
    static struct arg_val v[K_COUNT];
    const struct arg_spec specs[K_COUNT] = {
        [K_MODE] = { "mode", ARG_ENUM, "bench|selftest", 0, 0 },
        [K_BENCH] = { "bench", ARG_LIST, bench_names(), 0, 0 },
        [K_TEST] = { "test", ARG_LIST, selftest_names(), 0, 0 },
        [K_SAMPLES] = { "samples", ARG_UINT, 0, 1, MAX_SAMPLES },
        [K_QUICK] = { "quick", ARG_FLAG, 0, 0, 0 },
        [K_UNIT] = { "unit", ARG_ENUM, "cycles|insns", 0, 0 },
        [K_CRASH] = { "crash", ARG_ENUM, "pf|ud|gp|de", 0, 0 },
        [K_AP_HOLD] = { "ap_hold", ARG_UINT, 0, 1, NR_CPUS - 1 },
        [K_RSDP] = { "rsdp", ARG_ENUM, "loader|scan", 0, 0 },
        [K_X2APIC] = { "x2apic", ARG_ENUM, "auto|off", 0, 0 },
    };
    char err[512];

    if (cmdline_parse(cmdline, specs, K_COUNT, v, err, sizeof(err))) {
        printk("%s\n", err);
        hm_exit(EXIT_CMDLINE);
    }
    args.mode = v[K_MODE].set && v[K_MODE].str[0] == 's' ? MODE_SELFTEST : MODE_BENCH;
    args.bench = v[K_BENCH].set ? v[K_BENCH].str : "all";
    args.test = v[K_TEST].set ? v[K_TEST].str : "all";
    args.quick = v[K_QUICK].set;
    args.samples_given = v[K_SAMPLES].set;
    args.samples = v[K_SAMPLES].set ? (uint32_t)v[K_SAMPLES].num : (args.quick ? 200 : 2000);
    args.crash = v[K_CRASH].set ? v[K_CRASH].str : "";
    args.ap_hold = v[K_AP_HOLD].set ? (int)v[K_AP_HOLD].num : 0;
    args.rsdp_scan = v[K_RSDP].set && v[K_RSDP].str[0] == 's';
    args.x2apic = !v[K_X2APIC].set || v[K_X2APIC].str[0] == 'a';
    tick_unit = v[K_UNIT].set && v[K_UNIT].str[0] == 'i' ? "insns" : "cycles";
    printk("args: mode=%s bench=%s test=%s samples=%u quick=%d unit=%s (defaulted:%s%s%s%s%s)\n",
           args.mode == MODE_SELFTEST ? "selftest" : "bench", args.bench, args.test,
           args.samples, args.quick, tick_unit, v[K_MODE].set ? "" : " mode",
           v[K_BENCH].set ? "" : " bench", v[K_TEST].set ? "" : " test",
           v[K_SAMPLES].set ? "" : " samples", v[K_UNIT].set ? "" : " unit");
}
