/*
 * selftest.h - the guest self-test framework (mode=selftest).
 *
 * A test is a function registered with SELFTEST(name); it makes one or
 * more reports, each named by the check it makes. Output follows
 * kvm-unit-tests' lib/report.c: every line carries the prefixes pushed
 * so far, and selftest_run pushes the test= name around each test, so a
 * line always says which test= group it belongs to:
 *   PASS: group: name     FAIL: group: name (detail)     SKIP: group: name (why)
 *   SUMMARY: N tests, M failures, K skipped
 * A report named like the innermost prefix (a whole test that skips)
 * prints that name once: "SKIP: tlb_park (needs a second online CPU)".
 * Any failure makes the run end with status 1.
 */
#ifndef BENCH_SELFTEST_H
#define BENCH_SELFTEST_H

#include <stdbool.h>
#include "bench/registry.h"

#define SELFTEST(id) REGISTER(".selftests", selftest_, id)

/* report: PASS when ok, else FAIL with the formatted detail. Returns ok. */
bool report(bool ok, const char *name, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* report_pass: a check that passed by reaching this line. */
void report_pass(const char *name);
/* report_skip: a check that cannot run here; why says what it needs. */
void report_skip(const char *name, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Prefixes nest up to REPORT_PREFIX_MAX deep (deeper panics); each push
 * needs its pop before the test returns (selftest_run checks). */
#define REPORT_PREFIX_MAX 4
void report_prefix_push(const char *prefix);
void report_prefix_pop(void);

/* Prints the SUMMARY line for the reports so far; returns the exit status
 * (EXIT_OK, or EXIT_TESTFAIL after a failure or when nothing ran). */
int report_summary(void);

/* Names of all registered tests, '|'-separated, for the command line. */
const char *selftest_names(void);

/* Runs the tests that filter selects (a LIST value, e.g. "all"), each
 * under its name as prefix, and returns report_summary(). */
int selftest_run(const char *filter);

#endif
