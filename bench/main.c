/*
 * main.c - the guest's main, entered from boot/entry.S on the boot CPU with
 * paging on. Brings the platform up in order, runs the chosen mode and
 * ends the run with its status; it never returns.
 */
#include "bench/args.h"
#include "bench/bench.h"
#include "bench/misuse.h"
#include "bench/selftest.h"
#include "bench/setup.h"
#include "boot/console.h"
#include "boot/cpu.h"
#include "boot/mb2.h"
#include "boot/percpu.h"
#include "boot/serial.h"
#include "boot/stack_guard.h"
#include "boot/tlbmark.h"
#include "boot/trap.h"
#include "boot/tsc.h"

#include "gitrev.h"              /* build/gitrev.h, made by the Makefile */

struct boot_info bootinfo;

void main(void);
void main(void)
{
    int status;

    serial_init();
    gdt_init_cpu(0);
    idt_init();
    idt_load();
    boot_stack_guard_init();
    printk("\nhmbench %s: booting\n", GIT_REV);
    mb2_parse(&bootinfo);
    printk("boot: loader '%s', boot information %u bytes copied from 0x%08x\n",
           bootinfo.loader, bootinfo.mbi_size, mbi_orig_phys);
    printk("boot: command line '%s'\n", bootinfo.cmdline);
    args_parse(bootinfo.cmdline);

    printk("@meta impl=hmbench\n");
    printk("@meta git_rev=%s\n", GIT_REV);
    printk("@meta cmdline=%s\n", bootinfo.cmdline);
    cpu_identify();
    cpu_print_meta();
    tsc_calibrate();
    tsc_print_meta();
    setup_memory(&bootinfo);
    tlbmark_setup();                    /* ACCEL=model image only */
    setup_smp(&bootinfo);
    setup_vmalloc();

    misuse_if_asked();
    if (args.mode == MODE_SELFTEST)
        status = selftest_run(args.test);
    else
        status = bench_run(args.bench);
    hm_exit(status);
}
