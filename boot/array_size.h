/* array_size.h - ARRAY_SIZE(a): the number of elements of array a (Linux's
 * include/linux/array_size.h). Shared by boot/, hm/ and bench/; a build
 * that has Linux's own (the peer) keeps that one. */
#ifndef BOOT_ARRAY_SIZE_H
#define BOOT_ARRAY_SIZE_H

#ifndef ARRAY_SIZE
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#endif

#endif
