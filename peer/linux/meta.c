// SPDX-License-Identifier: GPL-2.0
/*
 * meta.c - the peer's @meta lines: which Linux (impl=linux-<release>),
 * the kernel config options that change the measured paths, the CPU and
 * the memory layout, with hmbench's key names where hmbench has the same
 * fact (ram_bytes, last_pkmap, pkmap_base, ...), so meta.csv lines up.
 */
#include <linux/cpumask.h>
#include <linux/highmem.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/utsname.h>
#include <linux/vmalloc.h>
#include <asm/fixmap.h>
#include <asm/processor.h>
#include <asm/setup.h>
#include "bench/args.h"
#include "boot/tsc.h"
#include "peer.h"

/* The kernel config options the peer's rows depend on, as config_<name>=y|n. */
static void print_config(void)
{
	static const struct { const char *name; bool on; } opts[] = {
		{ "highmem64g", IS_ENABLED(CONFIG_HIGHMEM64G) },
		{ "x86_pae", IS_ENABLED(CONFIG_X86_PAE) },
		{ "mpentiumiii", IS_ENABLED(CONFIG_MPENTIUMIII) },
		{ "smp", IS_ENABLED(CONFIG_SMP) },
		{ "zone_dma", IS_ENABLED(CONFIG_ZONE_DMA) },
		{ "preempt_none", IS_ENABLED(CONFIG_PREEMPT_NONE) },
		{ "preempt_count", IS_ENABLED(CONFIG_PREEMPT_COUNT) },
		{ "debug_highmem", IS_ENABLED(CONFIG_DEBUG_HIGHMEM) },
		{ "debug_kmap_local", IS_ENABLED(CONFIG_DEBUG_KMAP_LOCAL) },
		{ "debug_vm", IS_ENABLED(CONFIG_DEBUG_VM) },
		{ "kasan", IS_ENABLED(CONFIG_KASAN) },
		{ "page_poisoning", IS_ENABLED(CONFIG_PAGE_POISONING) },
		{ "slob", IS_ENABLED(CONFIG_SLOB) },
		{ "slub", IS_ENABLED(CONFIG_SLUB) },
		{ "memcg", IS_ENABLED(CONFIG_MEMCG) },
		{ "cc_optimize_for_size", IS_ENABLED(CONFIG_CC_OPTIMIZE_FOR_SIZE) },
	};

	for (size_t i = 0; i < ARRAY_SIZE(opts); i++)
		printk("@meta config_%s=%s\n", opts[i].name, opts[i].on ? "y" : "n");
	printk("@meta config_nr_cpus=%d\n", CONFIG_NR_CPUS);
	printk("@meta config_hz=%d\n", CONFIG_HZ);
}

void peer_print_meta(void)
{
	unsigned long ram = totalram_pages(), high = totalhigh_pages();
	struct cpuinfo_x86 *c = &boot_cpu_data;

	printk("@meta impl=linux-%s\n", init_utsname()->release);
	printk("@meta cmdline=%s\n", saved_command_line);
	print_config();
	printk("@meta cpu_vendor=%s\n", c->x86_vendor_id);
	printk("@meta cpu_model=%s\n", c->x86_model_id[0] ? c->x86_model_id : "unknown");
	printk("@meta cpu_signature=family %d model %d stepping %d\n", c->x86, c->x86_model,
	       c->x86_stepping);
	printk("@meta tsc_read=%s\n", tsc_fenced ? "mfence;lfence;rdtsc;lfence" :
	       "lock addl $0,(%esp);rdtsc");
	printk("@meta ram_bytes=%llu\n", (unsigned long long)ram << PAGE_SHIFT);
	printk("@meta lowmem_bytes=%llu\n", (unsigned long long)(ram - high) << PAGE_SHIFT);
	printk("@meta highmem_bytes=%llu\n", (unsigned long long)high << PAGE_SHIFT);
	printk("@meta struct_page_bytes=%zu\n", sizeof(struct page));
	printk("@meta vmalloc_start=0x%08lx\n", (unsigned long)VMALLOC_START);
	printk("@meta vmalloc_end=0x%08lx\n", (unsigned long)VMALLOC_END);
	printk("@meta last_pkmap=%d\n", LAST_PKMAP);
	printk("@meta km_max_idx=%d\n", KM_MAX_IDX);
	printk("@meta pkmap_base=0x%08lx\n", (unsigned long)PKMAP_BASE);
	printk("@meta fixaddr_start=0x%08lx\n", (unsigned long)FIXADDR_START);
	printk("@meta cpus_online=%d\n", num_online_cpus());
	printk("@meta vmalloc_mode=lazy\n");
	/* mm/vmalloc.c's lazy_max_pages() is static; its formula, for the
	 * online CPUs now: fls(ncpus) * 32 MiB of pages. */
	printk("@meta lazy_max_pages=%lu\n",
	       (unsigned long)fls(num_online_cpus()) * ((32UL << 20) / PAGE_SIZE));
}
