/* compat/boot/string.h - memcpy and friends are Linux's. */
#include <linux/string.h>
