/* delay.c - udelay via the TSC, or the PIT when the TSC is uncalibrated. */
#include "boot/delay.h"
#include "boot/tsc.h"
#include "boot/x86.h"

#define PIT_HZ 1193182u
#define PIT_MAX_US 50000u               /* one PIT countdown: at most 50 ms */

/* pit_wait: PIT channel 2, mode 0, counts us microseconds (<= PIT_MAX_US);
 * returns when OUT2 goes high, or after a spin bound if it never does. */
static void pit_wait(uint32_t us)
{
    uint32_t ticks = (uint32_t)((uint64_t)us * PIT_HZ / 1000000) + 1;
    uint8_t gate = inb(0x61);
    uint32_t spins = 0;

    outb(0x61, (gate & ~0x02) | 0x01);
    outb(0x43, 0xB0);
    outb(0x42, ticks & 0xFF);
    outb(0x42, (ticks >> 8) & 0xFF);
    while (!(inb(0x61) & 0x20) && ++spins < 100000000u)
        cpu_relax();
    outb(0x61, gate);
}

/* tsc_deadline_us: the TSC value us microseconds from now. */
static uint64_t tsc_deadline_us(uint32_t us)
{
    uint64_t khz = tsc_khz ? tsc_khz : 1000000;
    return rdtsc_raw() + (uint64_t)us * khz / 1000;
}

void udelay(uint32_t us)
{
    if (tsc_khz) {
        uint64_t end = tsc_deadline_us(us);
        while (rdtsc_raw() < end)
            cpu_relax();
        return;
    }
    while (us) {
        uint32_t n = us < PIT_MAX_US ? us : PIT_MAX_US;
        pit_wait(n);
        us -= n;
    }
}
