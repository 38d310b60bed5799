/*
 * kernel.h - small helpers every part uses, as Linux's linux/kernel.h.
 * Portable: the image, hm/ on the host and the host unit tests.
 */
#ifndef BOOT_KERNEL_H
#define BOOT_KERNEL_H

/* The number of elements of array a (an array, not a pointer). Linux has
 * its own, which the peer's build sees first. */
#ifndef ARRAY_SIZE
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#endif

#endif
