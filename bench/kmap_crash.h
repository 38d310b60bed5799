/* kmap_crash.h - test-only words that misuse kmap on purpose, to prove the
 * clear stops (status 3 and one line): kmap_exhaust, kmap_atomic_too_deep,
 * kmap_atomic_out_of_order. */
#ifndef BENCH_KMAP_CRASH_H
#define BENCH_KMAP_CRASH_H
/* Misuses kmap as the words given ask; returns when none was given. */
void kmap_crash_if_asked(void);
#endif
