/*
 * compat/boot/console.h - hmbench's console API inside Linux: printk is
 * Linux's; panic() becomes peer_fatal(), which ends the run with status 3
 * as hmbench's panic does, instead of Linux's panic (which would hang).
 */
#ifndef HMPEER_BOOT_CONSOLE_H
#define HMPEER_BOOT_CONSOLE_H
#include <linux/kernel.h>
#include <linux/printk.h>

void peer_fatal(const char *fmt, ...) __attribute__((noreturn, format(printf, 1, 2)));
#define panic peer_fatal

/* bench/table.c: prints the run's "@tables" manifest; peer_exit calls it
 * just before "@done", as hmbench's hm_exit does. */
void exit_report(void);
#endif
