/* crash.h - the test-only word crash=: take an unexpected CPU exception on
 * purpose, to prove the fatal path (register dump, status 3). */
#ifndef BENCH_CRASH_H
#define BENCH_CRASH_H
/* Takes the exception the word crash=<kind> names; returns when no crash=
 * word was given. */
void crash_if_asked(void);
#endif
