/*
 * format.h - printf-style formatting without libc, for the image and the
 * host unit tests. Conversions: %d %i %u %x %X %o %c %s %p %%, flags '-'
 * '0', a field width (number or '*'), a precision for %s (number or '*'),
 * and the length modifiers h, hh, l, ll, z. 64-bit values print in full.
 */
#ifndef BOOT_FORMAT_H
#define BOOT_FORMAT_H

#include <stdarg.h>
#include <stddef.h>

typedef void (*emit_fn)(void *ctx, char c);

/* Formats fmt with ap, handing each output character to emit. Returns the
 * number of characters produced. An unknown conversion is printed as-is. */
int hm_vformat(emit_fn emit, void *ctx, const char *fmt, va_list ap);

/* Like C's vsnprintf/snprintf: writes at most size-1 characters and a NUL
 * (when size > 0); returns the length the full output would have had. */
int hm_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int hm_snprintf(char *buf, size_t size, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#endif
