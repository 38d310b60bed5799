/*
 * console.h - printk over the serial port, and the run's end.
 * Lines are whole: one CPU's printk is never interleaved with another's.
 * "\n" goes out as "\r\n".
 */
#ifndef BOOT_CONSOLE_H
#define BOOT_CONSOLE_H

#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>

void printk(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void vprintk(const char *fmt, va_list ap);

/* Exit statuses (README "Exit statuses"). */
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
 * A weak default here prints the empty manifest; bench/table.c has the
 * real one. */
void exit_report(void);

/* oops_begin: the calling CPU is about to print a fatal report (Linux's
 * name). It takes the console lock for good, waiting for another CPU's
 * line to end; if this CPU already holds it (its printk faulted), the
 * half-printed line is ended and the lock kept. From then on this CPU's
 * printk takes no lock and every other CPU's printk waits forever, so the
 * report comes out whole. Returns false when this CPU is already
 * reporting: the new fault happened while reporting one, and the caller
 * must use emergency_exit instead of printk. */
bool oops_begin(void);

/* The last resort of a fault while reporting a fault: one line
 * "hmbench: fatal: <what> vector=0x.. eip=0x.." and "@done status=3" sent
 * straight to the port (no lock, no format code), then status 3, whatever
 * state hm_exit was left in. */
void emergency_exit(const char *what, uint32_t vector, uint32_t eip) __attribute__((noreturn));

/* Prints "hmbench: fatal: <message>" and ends with status 3. */
void panic(const char *fmt, ...) __attribute__((noreturn, format(printf, 1, 2)));
void vpanic(const char *fmt, va_list ap) __attribute__((noreturn));

#endif
