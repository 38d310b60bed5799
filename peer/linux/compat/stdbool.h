/* compat/stdbool.h - <stdbool.h>: Linux's types.h already has bool. */
#include <linux/types.h>
