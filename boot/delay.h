/*
 * delay.h - busy-wait delays for hardware protocols (AP start-up).
 * With a calibrated TSC (tsc_calibrate first) they count TSC ticks;
 * with tsc_khz == 0 they count PIT channel 2 periods instead.
 */
#ifndef BOOT_DELAY_H
#define BOOT_DELAY_H

#include <stdint.h>

/* Waits at least us microseconds. */
void udelay(uint32_t us);

static inline void mdelay(uint32_t ms) { udelay(ms * 1000); }

#endif
