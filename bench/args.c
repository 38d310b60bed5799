/* args.c - hmbench's command-line table; see args.h. */
#include "bench/args.h"
#include "bench/bench.h"
#include "bench/table.h"
#include "bench/selftest.h"
#include "boot/cmdline.h"
#include "boot/console.h"

struct args args;

enum { K_MODE, K_BENCH, K_TEST, K_SAMPLES, K_QUICK, K_UNIT, K_CORE, K_MAX = 64 };

extern const struct cmdline_key __cmdline_keys_start[], __cmdline_keys_end[];

void args_parse(const char *cmdline)
{
    static struct arg_val v[K_MAX];
    static struct arg_spec specs[K_MAX] = {
        [K_MODE] = { "mode", ARG_ENUM, "bench|selftest", 0, 0 },
        [K_BENCH] = { "bench", ARG_LIST, "", 0, 0 },
        [K_TEST] = { "test", ARG_LIST, "", 0, 0 },
        [K_SAMPLES] = { "samples", ARG_UINT, 0, 1, MAX_SAMPLES },
        [K_QUICK] = { "quick", ARG_FLAG, 0, 0, 0 },
        [K_UNIT] = { "unit", ARG_ENUM, "cycles|insns", 0, 0 },
    };
    const struct cmdline_key *mk;
    int n = K_CORE;
    char err[1024];

    specs[K_BENCH].allowed = bench_names();
    specs[K_TEST].allowed = selftest_names();
    for (mk = __cmdline_keys_start; mk < __cmdline_keys_end; mk++) {
        if (n == K_MAX)
            panic("args: more than %d command-line keys", K_MAX);
        specs[n++] = mk->spec;
    }
    if (cmdline_parse(cmdline, specs, n, v, err, sizeof(err))) {
        printk("%s\n", err);
        hm_exit(EXIT_CMDLINE);
    }
    for (mk = __cmdline_keys_start, n = K_CORE; mk < __cmdline_keys_end; mk++, n++)
        *mk->val = v[n];
    args.mode = arg_is(&v[K_MODE], "selftest") ? MODE_SELFTEST : MODE_BENCH;
    args.bench = v[K_BENCH].set ? v[K_BENCH].str : "all";
    args.test = v[K_TEST].set ? v[K_TEST].str : "all";
    args.quick = v[K_QUICK].set;
    args.samples_given = v[K_SAMPLES].set;
    args.samples = v[K_SAMPLES].set ? (uint32_t)v[K_SAMPLES].num : (args.quick ? 200 : 2000);
    tick_unit = arg_is(&v[K_UNIT], "insns") ? "insns" : "cycles";
    printk("args: mode=%s bench=%s test=%s samples=%u quick=%d unit=%s (defaulted:%s%s%s%s%s)\n",
           args.mode == MODE_SELFTEST ? "selftest" : "bench", args.bench, args.test,
           args.samples, args.quick, tick_unit, v[K_MODE].set ? "" : " mode",
           v[K_BENCH].set ? "" : " bench", v[K_TEST].set ? "" : " test",
           v[K_SAMPLES].set ? "" : " samples", v[K_UNIT].set ? "" : " unit");
}
