/* crash.h - the test-only word crash=: take an unexpected CPU exception on
 * purpose, to prove the fatal path (register dump, status 3). */
#ifndef BENCH_CRASH_H
#define BENCH_CRASH_H
void crash(const char *kind) __attribute__((noreturn));
#endif
