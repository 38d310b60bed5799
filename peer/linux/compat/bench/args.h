/*
 * compat/bench/args.h - the part of hmbench's struct args that the shared
 * table.c reads, filled from the kernel command line by args.c.
 */
#ifndef HMPEER_BENCH_ARGS_H
#define HMPEER_BENCH_ARGS_H
#include <linux/types.h>

struct args {
	const char *bench;      /* LIST value: "all" or names joined by ',' */
	u32 samples;
	bool samples_given;
	bool quick;
};

extern struct args args;

/* Parses hmbench's words from the kernel command line into args; on a bad
 * word prints one "cmdline: ..." line and returns -EINVAL. */
int args_parse(void);
#endif
