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

/* The TSC value us microseconds from now (for deadlines in poll loops);
 * without a calibrated TSC, a deadline of about 1 GHz ticks per second. */
uint64_t tsc_deadline_us(uint32_t us);

#endif
