/* crash.c - see crash.h. Each kind raises a different exception vector. */
#include "bench/crash.h"
#include "bench/args.h"
#include "boot/console.h"
#include "boot/string.h"

CMDLINE_KEY(crash_arg, "crash", ARG_ENUM, "pf|ud|gp|de", 0, 0);

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
    panic("crash=%s did not fault", kind);
}
