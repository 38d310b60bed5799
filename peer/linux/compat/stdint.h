/* compat/stdint.h - <stdint.h> for hmbench's shared files inside Linux. */
#ifndef HMPEER_STDINT_H
#define HMPEER_STDINT_H
#include <linux/types.h>
#include <linux/limits.h>
#ifndef UINT64_MAX
#define UINT64_MAX U64_MAX
#endif
#endif
