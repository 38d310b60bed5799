/* crash.c - see crash.h. Each kind raises a different exception vector,
 * or faults where reporting the fault is hard: inside printk (holding the
 * console lock) or by running off the end of a CPU's stack. */
#include "bench/crash.h"
#include "bench/args.h"
#include "boot/console.h"
#include "boot/percpu.h"
#include "boot/smp.h"
#include "boot/smp_call.h"
#include "boot/string.h"

CMDLINE_KEY(crash_arg, "crash", ARG_ENUM, "pf|ud|gp|de|printk_pf|stack_overflow|stack_overflow_ap|report_overflow", 0, 0);

#define REPORT_ROOM 160

static volatile unsigned long recursion_limit = ~0UL;

/* Recurses with 256-byte frames until the stack's guard page faults. */
static unsigned long __attribute__((noinline)) overflow(unsigned long depth)
{
    volatile char frame[256];

    frame[0] = (char)depth;
    if (depth < recursion_limit)
        return overflow(depth + 1) + frame[0];
    return depth;
}

static void overflow_here(void *info)
{
    (void)info;
    printk("crash: CPU %d recursing until its stack overflows\n", smp_processor_id());
    overflow(0);
}

void crash_if_asked(void)
{
    const char *kind = crash_arg.str;

    if (!crash_arg.set)
        return;
    printk("crash: taking an unexpected exception on purpose (crash=%s)\n", kind);
    if (!strcmp(kind, "pf"))
        *(volatile unsigned *)0x40001234 = 1;           /* PDPT[1] not present */
    else if (!strcmp(kind, "ud"))
        __asm__ volatile("ud2");
    else if (!strcmp(kind, "gp"))
        __asm__ volatile("movw %w0, %%ds" :: "r"(0x1234));  /* beyond the GDT */
    else if (!strcmp(kind, "de"))
        __asm__ volatile("xorl %%ecx, %%ecx; divl %%ecx" ::: "eax", "ecx", "edx");
    else if (!strcmp(kind, "printk_pf"))                 /* faults holding the console lock */
        printk("crash: a string through a bad pointer: %s\n", (const char *)0x40001234);
    else if (!strcmp(kind, "report_overflow")) {
        /* #UD with REPORT_ROOM bytes of stack left: the trap entry fits,
         * the register dump overflows into the guard while printing. */
        uint32_t room = (uint32_t)this_cpu()->stack_top - KSTACK_SIZE + REPORT_ROOM;
        __asm__ volatile("movl %0, %%esp; ud2" :: "r"(room) : "memory");
    } else if (!strcmp(kind, "stack_overflow"))
        overflow_here(0);
    else if (!strcmp(kind, "stack_overflow_ap")) {
        if (num_online_cpus() < 2)
            panic("crash=stack_overflow_ap needs a second online CPU");
        smp_call_function_single(num_online_cpus() - 1, overflow_here, 0);
    }
    panic("crash=%s did not fault", kind);
}
