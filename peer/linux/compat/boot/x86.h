/* compat/boot/x86.h - cpu_relax() (PAUSE) is Linux's own. */
#ifndef HMPEER_BOOT_X86_H
#define HMPEER_BOOT_X86_H
#include <asm/processor.h>
#endif
