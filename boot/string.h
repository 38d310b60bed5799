/*
 * string.h - the few C string functions the image uses (boot/string.c).
 * On the host (HM_HOST) the C library's are used instead.
 */
#ifndef BOOT_STRING_H
#define BOOT_STRING_H

#ifdef HM_HOST
#include <string.h>
#else
#include <stddef.h>
void *memcpy(void *dst, const void *src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);
int strcmp(const char *a, const char *b);
char *strcpy(char *dst, const char *src);
#endif

#endif
