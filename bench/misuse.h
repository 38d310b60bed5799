/*
 * misuse.h - the test-only words that misuse the machine or hm/ on purpose,
 * to prove that each fatal path ends the run with one clear line and
 * status 3 (and that a missing check still ends it, saying so):
 *   crash=pf|ud|gp|de|printk_pf|stack_overflow|stack_overflow_ap|report_overflow
 *                        an unexpected CPU exception (register dump)
 *   kmap_exhaust, kmap_atomic_too_deep, kmap_atomic_out_of_order
 *                        the kmap pool or the kmap_atomic stack misused
 *   vmalloc_bug=wild|inside|double|vmap
 *                        one bad vfree
 * A word whose precondition is missing (CPUs, highmem) ends the run with
 * status 2 and a line naming what it needs.
 */
#ifndef BENCH_MISUSE_H
#define BENCH_MISUSE_H
/* Runs the misuse the words given ask for, after every setup_*() step and
 * before the mode; returns only when no misuse word was given. */
void misuse_if_asked(void);
#endif
