/* serial.h - COM1 console, polled (see serial.c). */
#ifndef BOOT_SERIAL_H
#define BOOT_SERIAL_H
void serial_init(void);
void serial_putc(char c);       /* waits for LSR.THRE, then sends c */
#endif
