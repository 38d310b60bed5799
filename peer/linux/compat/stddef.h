/* compat/stddef.h - <stddef.h> for hmbench's shared files inside Linux. */
#include <linux/stddef.h>
#include <linux/types.h>
