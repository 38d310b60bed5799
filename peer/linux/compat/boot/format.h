/* compat/boot/format.h - hm_snprintf is Linux's snprintf. */
#ifndef HMPEER_BOOT_FORMAT_H
#define HMPEER_BOOT_FORMAT_H
#include <linux/kernel.h>
#define hm_snprintf snprintf
#endif
