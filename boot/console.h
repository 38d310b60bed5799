/*
 * console.h - printk over the serial port, and the run's end.
 * Lines are whole: one CPU's printk is never interleaved with another's.
 * "\n" goes out as "\r\n".
 */
#ifndef BOOT_CONSOLE_H
#define BOOT_CONSOLE_H

#include <stdarg.h>

void printk(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void vprintk(const char *fmt, va_list ap);

/* Exit statuses (DESIGN §3). */
enum {
    EXIT_OK = 0,
    EXIT_TESTFAIL = 1,
    EXIT_CMDLINE = 2,
    EXIT_FATAL = 3,
};

/* Ends the run: exit_report() (the table manifest, "@tables ..."), then
 * "@done status=N", status to port 0xf4 (QEMU isa-debug-exit), "Shutdown"
 * to port 0x8900 (Bochs), then cli; hlt forever. */
void hm_exit(int status) __attribute__((noreturn));

/* Called once by hm_exit before "@done"; prints the run's "@tables" line.
 * A weak default here prints the empty manifest; bench/report.c has the
 * real one. */
void exit_report(void);

/* Prints "hmbench: fatal: <message>" and ends with status 3. */
void panic(const char *fmt, ...) __attribute__((noreturn, format(printf, 1, 2)));
void vpanic(const char *fmt, va_list ap) __attribute__((noreturn));

#endif
