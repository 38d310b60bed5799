/*
 * check.h - the test protocol for host unit tests: one "ok - name" or
 * "not ok - name: why" line per check; check_done() gives the exit status.
 */
#ifndef TESTS_CHECK_H
#define TESTS_CHECK_H

#include <stdarg.h>
#include <stdio.h>

static int check_failed, check_passed;

/* Report one check named by fmt; why says what went wrong when !ok. */
static void __attribute__((format(printf, 3, 4)))
check_report(int ok, const char *why, const char *fmt, ...)
{
    va_list ap;

    printf(ok ? "ok - " : "not ok - ");
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
    if (!ok)
        printf(": %s", why);
    printf("\n");
    fflush(stdout);
    if (ok)
        check_passed++;
    else
        check_failed++;
}

/* CHECK(cond, "name %d", ...): passes when cond holds. */
#define CHECK(cond, ...) check_report(!!(cond), "(" #cond ") is false at " \
                                      __FILE__ ":" CHECK_STR(__LINE__), __VA_ARGS__)
#define CHECK_STR(x) CHECK_STR2(x)
#define CHECK_STR2(x) #x

/* CHECK_EQ(got, want, "name"): unsigned comparison that shows both values. */
#define CHECK_EQ(got, want, ...) do { \
        unsigned long long g_ = (unsigned long long)(got), w_ = (unsigned long long)(want); \
        char why_[160]; \
        snprintf(why_, sizeof(why_), "%s = %llu (0x%llx), want %llu (0x%llx)", \
                 #got, g_, g_, w_, w_); \
        check_report(g_ == w_, why_, __VA_ARGS__); \
    } while (0)

/* Exit status for main: 0 when every check passed (and there was one). */
static inline int check_done(void)
{
    printf("# %d passed, %d failed\n", check_passed, check_failed);
    return check_failed || !check_passed;
}

#endif
