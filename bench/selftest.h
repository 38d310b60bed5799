/*
 * selftest.h - the guest self-test framework (mode=selftest).
 *
 * A test is a function registered with SELFTEST(name); it makes one or
 * more reports. Output follows kvm-unit-tests:
 *   PASS: name            FAIL: name (detail)       SKIP: name (why)
 *   SUMMARY: N tests, M failures, K skipped
 * Any failure makes the run end with status 1.
 */
#ifndef BENCH_SELFTEST_H
#define BENCH_SELFTEST_H

#include <stdbool.h>
#include "bench/registry.h"

#define SELFTEST(id) REGISTER(".selftests", selftest_, id)

/* report: PASS when ok, else FAIL with the formatted detail. Returns ok. */
bool report(bool ok, const char *name, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
void report_skip(const char *name, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Names of all registered tests, '|'-separated, for the command line. */
const char *selftest_names(void);

/* Runs the tests that filter selects (a LIST value, e.g. "all"), prints
 * SUMMARY and returns the exit status (0 or 1). */
int selftest_run(const char *filter);

#endif
