/* selftest.c - registry walk, PASS/FAIL/SKIP lines and the SUMMARY. */
#include "bench/selftest.h"
#include "boot/cmdline.h"
#include "boot/console.h"
#include "boot/format.h"

extern const struct registered __selftests_start[], __selftests_end[];

static int n_tests, n_fail, n_skip;

bool report(bool ok, const char *name, const char *fmt, ...)
{
    char detail[200];
    va_list ap;

    n_tests++;
    if (ok) {
        printk("PASS: %s\n", name);
        return true;
    }
    va_start(ap, fmt);
    hm_vsnprintf(detail, sizeof(detail), fmt, ap);
    va_end(ap);
    n_fail++;
    printk("FAIL: %s (%s)\n", name, detail);
    return false;
}

void report_skip(const char *name, const char *fmt, ...)
{
    char why[200];
    va_list ap;

    va_start(ap, fmt);
    hm_vsnprintf(why, sizeof(why), fmt, ap);
    va_end(ap);
    n_tests++;
    n_skip++;
    printk("SKIP: %s (%s)\n", name, why);
}

const char *selftest_names(void)
{
    static char buf[2048];
    return registry_names(__selftests_start, __selftests_end, buf, sizeof(buf));
}

int selftest_run(const char *filter)
{
    for (const struct registered *t = __selftests_start; t < __selftests_end; t++) {
        if (!list_selects(filter, t->name))
            continue;
        printk("-- selftest %s\n", t->name);
        t->fn();
    }
    printk("SUMMARY: %d tests, %d failures, %d skipped\n", n_tests, n_fail, n_skip);
    if (n_tests == 0) {
        printk("selftest: no test ran (test=%s)\n", filter);
        return EXIT_TESTFAIL;
    }
    return n_fail ? EXIT_TESTFAIL : EXIT_OK;
}
