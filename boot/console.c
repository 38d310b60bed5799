/* console.c - printk, panic and hm_exit; see console.h. */
#include "boot/console.h"
#include "boot/format.h"
#include "boot/serial.h"
#include "boot/spinlock.h"
#include "boot/x86.h"

static raw_spinlock_t console_lock = RAW_SPINLOCK_INIT;
static volatile int exiting;

/* console_emit: one character, with LF expanded to CR LF. */
static void console_emit(void *ctx, char c)
{
    (void)ctx;
    if (c == '\n')
        serial_putc('\r');
    serial_putc(c);
}

void vprintk(const char *fmt, va_list ap)
{
    uint32_t flags = raw_spin_lock_irqsave(&console_lock);
    hm_vformat(console_emit, 0, fmt, ap);
    raw_spin_unlock_irqrestore(&console_lock, flags);
}

void printk(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vprintk(fmt, ap);
    va_end(ap);
}

/* Without bench/report.c no table was printed: the empty manifest. */
__attribute__((weak)) void exit_report(void)
{
    printk("@tables - crc32=8126a10e\n");
}

void hm_exit(int status)
{
    static const char bochs[] = "Shutdown";

    /* Only the first CPU to get here speaks; the others stop. */
    if (__atomic_exchange_n(&exiting, 1, __ATOMIC_SEQ_CST))
        halt_forever();
    exit_report();
    printk("@done status=%d\n", status);
    outb(0xf4, (uint8_t)status);
    for (const char *p = bochs; *p; p++)
        outb(0x8900, (uint8_t)*p);
    halt_forever();
}

void vpanic(const char *fmt, va_list ap)
{
    printk("hmbench: fatal: ");
    vprintk(fmt, ap);
    printk("\n");
    hm_exit(EXIT_FATAL);
}

void panic(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vpanic(fmt, ap);
}
