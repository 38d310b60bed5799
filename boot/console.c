/* console.c - printk, panic and hm_exit; see console.h. */
#include "boot/console.h"
#include "boot/format.h"
#include "boot/percpu.h"
#include "boot/serial.h"
#include "boot/spinlock.h"
#include "boot/x86.h"

static raw_spinlock_t console_lock = RAW_SPINLOCK_INIT;
static volatile int console_owner = -1; /* the CPU inside printk, or -1 */
static volatile int oops_cpu = -1;      /* the CPU printing a fatal report */
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
    int cpu = smp_processor_id();
    uint32_t flags;

    if (__atomic_load_n(&oops_cpu, __ATOMIC_ACQUIRE) == cpu) {
        hm_vformat(console_emit, 0, fmt, ap);   /* it holds the lock for good */
        return;
    }
    flags = raw_spin_lock_irqsave(&console_lock);
    console_owner = cpu;
    hm_vformat(console_emit, 0, fmt, ap);
    console_owner = -1;
    raw_spin_unlock_irqrestore(&console_lock, flags);
}

bool oops_begin(void)
{
    int cpu = smp_processor_id(), none = -1;

    if (__atomic_load_n(&oops_cpu, __ATOMIC_ACQUIRE) == cpu)
        return false;                   /* a fault while reporting a fault */
    if (console_owner == cpu)
        console_emit(0, '\n');          /* its printk faulted mid-line: keep its lock */
    else
        raw_spin_lock(&console_lock);   /* another CPU's line ends first */
    if (!__atomic_compare_exchange_n(&oops_cpu, &none, cpu, false, __ATOMIC_SEQ_CST,
                                     __ATOMIC_SEQ_CST))
        halt_forever();                 /* unreachable: the lock is ours */
    return true;
}

/* emergency_puts: s straight to the port, no lock, no formatting. */
static void emergency_puts(const char *s)
{
    while (*s)
        console_emit(0, *s++);
}

void emergency_exit(const char *what, uint32_t a, uint32_t b)
{
    static const char hex[] = "0123456789abcdef";
    char num[11] = "0x";

    emergency_puts("\nhmbench: fatal: ");
    emergency_puts(what);
    for (int k = 0; k < 2; k++) {
        uint32_t v = k ? b : a;
        for (int i = 0; i < 8; i++)
            num[2 + i] = hex[(v >> (28 - 4 * i)) & 0xF];
        num[10] = 0;
        emergency_puts(k ? " eip=" : " vector=");
        emergency_puts(num);
    }
    emergency_puts("\n@done status=3\n");
    outb(0xf4, EXIT_FATAL);
    for (const char *p = "Shutdown"; *p; p++)
        outb(0x8900, (uint8_t)*p);
    halt_forever();
}

void printk(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vprintk(fmt, ap);
    va_end(ap);
}

/* Without bench/table.c no table was printed: the empty manifest. */
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
