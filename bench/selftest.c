/* selftest.c - registry walk, prefixes, PASS/FAIL/SKIP lines, SUMMARY. */
#include "bench/selftest.h"
#include "boot/cmdline.h"
#include "boot/console.h"
#include "boot/format.h"
#include "boot/string.h"

extern const struct registered __selftests_start[], __selftests_end[];

static int n_tests, n_fail, n_skip;
static const char *prefixes[REPORT_PREFIX_MAX];
static int depth;

void report_prefix_push(const char *prefix)
{
    if (depth == REPORT_PREFIX_MAX)
        panic("selftest: report_prefix_push('%s') deeper than %d", prefix, REPORT_PREFIX_MAX);
    prefixes[depth++] = prefix;
}

void report_prefix_pop(void)
{
    if (depth == 0)
        panic("selftest: report_prefix_pop with no prefix pushed");
    depth--;
}

/* emit: one "KIND: prefix: ... name[ (text)]" line. */
static void emit(const char *kind, const char *name, const char *text)
{
    char line[320];
    int pos = hm_snprintf(line, sizeof(line), "%s:", kind);

    for (int i = 0; i < depth && (size_t)pos < sizeof(line); i++)
        if (i < depth - 1 || strcmp(prefixes[i], name))
            pos += hm_snprintf(line + pos, sizeof(line) - (size_t)pos, " %s:", prefixes[i]);
    if (text)
        printk("%s %s (%s)\n", line, name, text);
    else
        printk("%s %s\n", line, name);
}

bool report(bool ok, const char *name, const char *fmt, ...)
{
    char detail[200];
    va_list ap;

    n_tests++;
    if (ok) {
        emit("PASS", name, 0);
        return true;
    }
    va_start(ap, fmt);
    hm_vsnprintf(detail, sizeof(detail), fmt, ap);
    va_end(ap);
    n_fail++;
    emit("FAIL", name, detail);
    return false;
}

void report_pass(const char *name)
{
    n_tests++;
    emit("PASS", name, 0);
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
    emit("SKIP", name, why);
}

int report_summary(void)
{
    printk("SUMMARY: %d tests, %d failures, %d skipped\n", n_tests, n_fail, n_skip);
    return n_fail || n_tests == 0 ? EXIT_TESTFAIL : EXIT_OK;
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
        report_prefix_push(t->name);
        t->fn();
        if (depth != 1)
            panic("selftest %s: returned with %d prefixes pushed, want none", t->name, depth - 1);
        report_prefix_pop();
    }
    if (n_tests == 0) {
        report_summary();
        printk("selftest: no test ran (test=%s)\n", filter);
        return EXIT_TESTFAIL;
    }
    return report_summary();
}
