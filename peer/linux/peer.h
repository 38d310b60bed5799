/*
 * peer.h - the peer benchmark inside Linux (docs/peer.md). Each bench_*
 * function prints one table in hmbench's protocol (bench/table.h), with
 * the same row keys as hmbench's bench/b_<name>.c, timed by hmbench's own
 * bench/timing.c. Everything runs in the late initcall, on CPU 0, except
 * the other CPUs' shares of the concurrent rows (concurrent.h).
 */
#ifndef HMPEER_PEER_H
#define HMPEER_PEER_H
#include <linux/types.h>
#include "bench/table.h"
#include "bench/timing.h"

struct peer_bench {
	const char *name;
	void (*run)(void);
};

/* The benchmarks in hmbench's registry order (main.c). */
extern const struct peer_bench peer_benches[];

void bench_kmap(void);
void bench_kmap_atomic(void);
void bench_page_alloc(void);
void bench_shootdown(void);
void bench_tlb(void);
void bench_vmalloc(void);

/* Makes the first n CPUs the online ones (n clamped to 1..present), with
 * Linux's CPU hotplug: a row labelled ncpus=n is measured with exactly n
 * CPUs online, as hmbench parks the others. A CPU comes up with CPU 0
 * pausing beside the wait (main.c: peer_add_cpu), which QEMU's icount
 * needs. Returns num_online_cpus(). */
int peer_online_first_n(int n);

/* The CPUs present at boot (the most peer_online_first_n can bring up). */
int peer_ncpus(void);

/* Prints the @meta lines: impl, kernel config, CPU, memory, layout. */
void peer_print_meta(void);

/* Ends the run: "@done status=N", then N to QEMU's isa-debug-exit port
 * 0xf4, "Shutdown" to Bochs' port 0x8900, then halts. Never returns. */
void peer_exit(int status) __attribute__((noreturn));

/* Prints "hmbench: fatal: <message>" and ends with status 3; the shared
 * bench/ files call it as panic() (compat/boot/console.h). */
void peer_fatal(const char *fmt, ...) __attribute__((noreturn, format(printf, 1, 2)));
#endif
