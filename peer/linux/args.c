// SPDX-License-Identifier: GPL-2.0
/*
 * args.c - hmbench's guest words on the kernel command line: bench=LIST,
 * samples=N, quick, unit=cycles|insns and mode=bench. __setup takes them
 * out of Linux's way (so they do not reach init); args_parse checks them
 * once the benchmark starts, as bench/args.c does in hmbench. A bad value
 * is one "cmdline: ..." line and status 2 (main.c).
 */
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/string.h>
#include "bench/args.h"
#include "bench/table.h"
#include "bench/timing.h"
#include "peer.h"

struct args args;

static char *w_bench, *w_samples, *w_unit, *w_mode, *w_quick;

static int __init set_bench(char *s) { w_bench = s; return 1; }
static int __init set_samples(char *s) { w_samples = s; return 1; }
static int __init set_unit(char *s) { w_unit = s; return 1; }
static int __init set_mode(char *s) { w_mode = s; return 1; }
/* __setup matches prefixes: "quick" also sees "quickly"; s is the rest. */
static int __init set_quick(char *s) { w_quick = s; return 1; }
__setup("bench=", set_bench);
__setup("samples=", set_samples);
__setup("unit=", set_unit);
__setup("mode=", set_mode);
__setup("quick", set_quick);

/* known_bench: is name (length n) one of peer_benches? */
static bool known_bench(const char *name, size_t n)
{
	for (const struct peer_bench *b = peer_benches; b->name; b++)
		if (strlen(b->name) == n && !strncmp(b->name, name, n))
			return true;
	return false;
}

/* check_list: "all" or comma-separated known names, none empty. */
static bool check_list(const char *s)
{
	if (!strcmp(s, "all"))
		return true;
	for (;;) {
		const char *c = strchrnul(s, ',');

		if (c == s || !known_bench(s, c - s)) {
			printk("cmdline: bench=: unknown benchmark '%.*s' (known: kmap, kmap_atomic, "
			       "page_alloc, shootdown, tlb, vmalloc, all)\n", (int)(c - s), s);
			return false;
		}
		if (!*c)
			return true;
		s = c + 1;
	}
}

int args_parse(void)
{
	unsigned int n;

	args.bench = w_bench ? w_bench : "all";
	args.quick = w_quick != NULL;
	if (w_quick && *w_quick) {
		printk("cmdline: unknown word 'quick%s' (quick takes no value)\n", w_quick);
		return -EINVAL;
	}
	if (w_mode && strcmp(w_mode, "bench")) {
		printk("cmdline: mode=%s: the peer has mode=bench only (no self-tests)\n", w_mode);
		return -EINVAL;
	}
	if (w_unit && strcmp(w_unit, "cycles") && strcmp(w_unit, "insns")) {
		printk("cmdline: unit=%s: want cycles or insns\n", w_unit);
		return -EINVAL;
	}
	if (w_unit)
		tick_unit = !strcmp(w_unit, "insns") ? "insns" : "cycles";
	if (!check_list(args.bench))
		return -EINVAL;
	args.samples_given = w_samples != NULL;
	args.samples = args.quick ? 200 : 2000;
	if (w_samples) {
		if (kstrtouint(w_samples, 10, &n) || n < 1 || n > MAX_SAMPLES) {
			printk("cmdline: samples=%s: want a number 1..%u\n", w_samples, MAX_SAMPLES);
			return -EINVAL;
		}
		args.samples = n;
	}
	printk("args: mode=bench bench=%s samples=%u quick=%d unit=%s\n",
	       args.bench, args.samples, args.quick, tick_unit);
	return 0;
}
