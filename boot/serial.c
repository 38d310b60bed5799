/*
 * serial.c - 16550 UART on COM1, 115200 8N1, polled. Every byte waits for
 * LSR.THRE first: Bochs models the UART's timing and drops bytes written
 * into a full holding register. Each byte is mirrored to port 0xE9 (Bochs's
 * and QEMU's debug console), which costs nothing where nobody listens.
 */
#include "boot/serial.h"
#include "boot/x86.h"

#define COM1 0x3F8
#define LSR_THRE 0x20

void serial_init(void)
{
    outb(COM1 + 1, 0x00);       /* no interrupts */
    outb(COM1 + 3, 0x80);       /* DLAB on */
    outb(COM1 + 0, 0x01);       /* divisor 1: 115200 baud */
    outb(COM1 + 1, 0x00);
    outb(COM1 + 3, 0x03);       /* 8N1, DLAB off */
    outb(COM1 + 2, 0xC7);       /* FIFO on, cleared, 14-byte threshold */
    outb(COM1 + 4, 0x03);       /* DTR, RTS */
}

void serial_putc(char c)
{
    while (!(inb(COM1 + 5) & LSR_THRE))
        cpu_relax();
    outb(COM1, (uint8_t)c);
    outb(0xE9, (uint8_t)c);
}
