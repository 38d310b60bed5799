// SPDX-License-Identifier: GPL-2.0
/*
 * main.c - the peer's late initcall: parse hmbench's words, print the
 * @meta lines, run the chosen benchmarks in hmbench's order on CPU 0 and
 * end the run with a status, as bench/main.c does in hmbench. It never
 * returns: the machine stops before init would run.
 */
#include <linux/cpu.h>
#include <linux/err.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/kthread.h>
#include <linux/sched.h>
#include <linux/utsname.h>
#include <linux/string.h>
#include <asm/cpufeature.h>
#include <asm/io.h>
#include <asm/processor.h>
#include "bench/args.h"
#include "boot/console.h"
#include "peer.h"

bool tsc_fenced;

const struct peer_bench peer_benches[] = {
	{ "kmap", bench_kmap },
	{ "kmap_atomic", bench_kmap_atomic },
	{ "page_alloc", bench_page_alloc },
	{ "shootdown", bench_shootdown },
	{ "tlb", bench_tlb },
	{ "vmalloc", bench_vmalloc },
	{ NULL, NULL },
};

static int present_cpus;

int peer_ncpus(void)
{
	return present_cpus;
}

/* pause_loop: CPU 0's companion while a CPU comes up: a pause, then the
 * CPU back to the waiting thread, until stopped. */
static int pause_loop(void *unused)
{
	while (!kthread_should_stop()) {
		cpu_relax();
		yield();
	}
	return 0;
}

/*
 * peer_add_cpu: add_cpu(cpu), with pause_loop running beside the caller on
 * CPU 0. do_boot_cpu() waits for the new CPU by calling schedule() in a
 * loop that never executes a pause or a hlt; under QEMU 7.2's icount the
 * round-robin then hands CPU 0 every instruction up to the next timer
 * deadline and the new CPU none, so it never comes up (docs/peer.md).
 * Each pause of pause_loop ends CPU 0's turn and lets the new CPU run.
 * Elsewhere it costs a few context switches during the bring-up.
 */
static int peer_add_cpu(int cpu)
{
	struct task_struct *t = kthread_create_on_cpu(pause_loop, NULL, 0, "hmpeer-pause/%u");
	int err;

	if (IS_ERR(t))
		peer_fatal("peer: no kthread to bring CPU %d up (%ld)", cpu, PTR_ERR(t));
	wake_up_process(t);
	err = add_cpu(cpu);
	kthread_stop(t);
	return err;
}

int peer_online_first_n(int n)
{
	if (n < 1)
		n = 1;
	if (n > present_cpus)
		n = present_cpus;
	for (int cpu = present_cpus - 1; cpu >= n; cpu--)
		if (cpu_online(cpu) && remove_cpu(cpu))
			peer_fatal("peer: cannot take CPU %d offline", cpu);
	for (int cpu = 1; cpu < n; cpu++)
		if (!cpu_online(cpu) && peer_add_cpu(cpu))
			peer_fatal("peer: cannot bring CPU %d online", cpu);
	return num_online_cpus();
}

void peer_exit(int status)
{
	static const char bochs[] = "Shutdown";

	exit_report();		/* the @tables manifest (bench/table.c) */
	printk("@done status=%d\n", status);
	outb((u8)status, 0xf4);
	for (const char *p = bochs; *p; p++)
		outb(*p, 0x8900);
	local_irq_disable();
	for (;;)
		native_halt();
}

void peer_fatal(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	printk("hmbench: fatal: %pV\n", &(struct va_format){ fmt, &ap });
	va_end(ap);
	peer_exit(3);
}

/* selected: is name in the LIST value s ("all" or names joined by ',')? */
static bool selected(const char *s, const char *name)
{
	size_t n = strlen(name);

	if (!strcmp(s, "all"))
		return true;
	for (;;) {
		const char *c = strchrnul(s, ',');

		if ((size_t)(c - s) == n && !strncmp(s, name, n))
			return true;
		if (!*c)
			return false;
		s = c + 1;
	}
}

static int __init hmpeer_init(void)
{
	printk("\nhmpeer: the hmbench peer inside Linux %s\n", init_utsname()->release);
	/* Measure on CPU 0 only, as hmbench does; the initcall thread may
	 * otherwise move between CPUs. */
	set_cpus_allowed_ptr(current, cpumask_of(0));
	present_cpus = num_present_cpus();
	tsc_fenced = boot_cpu_has(X86_FEATURE_XMM2);
	if (args_parse())
		peer_exit(2);
	peer_print_meta();
	for (const struct peer_bench *b = peer_benches; b->name; b++) {
		if (!selected(args.bench, b->name))
			continue;
		printk("-- bench %s\n", b->name);
		b->run();
		peer_online_first_n(present_cpus);
	}
	peer_exit(0);
}
late_initcall(hmpeer_init);
