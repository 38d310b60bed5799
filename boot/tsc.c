/* tsc.c - TSC frequency discovery; see tsc.h. */
#include "boot/tsc.h"
#include "boot/console.h"
#include "boot/cpu.h"
#include "boot/string.h"
#include "boot/x86.h"

bool tsc_fenced;
uint32_t tsc_khz;
const char *tsc_source = "none";

#define PIT_HZ 1193182u
#define PIT_CAL_TICKS 11932u            /* 10 ms */

/* pit_calibrate: count TSC ticks while PIT channel 2 counts down 10 ms in
 * mode 0, gated by port 0x61. Returns kHz, or 0 if the PIT never fired. */
static uint32_t pit_calibrate(void)
{
    uint64_t t0, t1;
    uint32_t spins = 0;
    uint8_t gate = inb(0x61);

    outb(0x61, (gate & ~0x02) | 0x01);  /* gate on, speaker off */
    outb(0x43, 0xB0);                   /* channel 2, lo/hi, mode 0, binary */
    outb(0x42, PIT_CAL_TICKS & 0xFF);
    outb(0x42, PIT_CAL_TICKS >> 8);
    t0 = rdtsc_raw();
    while (!(inb(0x61) & 0x20)) {       /* OUT2 goes high at terminal count */
        if (++spins > 50000000u) {
            outb(0x61, gate);
            return 0;
        }
    }
    t1 = rdtsc_raw();
    outb(0x61, gate);
    return (uint32_t)((t1 - t0) * PIT_HZ / PIT_CAL_TICKS / 1000);
}

void tsc_calibrate(void)
{
    uint32_t a, b, c, d;

    tsc_fenced = boot_cpu.sse2;
    /* The hypervisor's own word first: under KVM, leaves 0x15/0x16 may be
     * the host's, while 0x40000010 is the guest's TSC (QEMU fills it when
     * the TSC is invariant or its frequency was given). */
    if (boot_cpu.max_hv_leaf >= 0x40000010) {
        cpuid_count(0x40000010, 0, &a, &b, &c, &d);
        if (a) {
            tsc_khz = a;
            tsc_source = "hypervisor";
            return;
        }
    }
    if (boot_cpu.max_leaf >= 0x15) {
        cpuid_count(0x15, 0, &a, &b, &c, &d);
        if (a && b && c) {
            tsc_khz = (uint32_t)((uint64_t)c * b / a / 1000);
            tsc_source = "cpuid15";
            return;
        }
    }
    if (boot_cpu.max_leaf >= 0x16) {
        cpuid_count(0x16, 0, &a, &b, &c, &d);
        if (a & 0xFFFF) {
            tsc_khz = (a & 0xFFFF) * 1000;
            tsc_source = "cpuid16";
            return;
        }
    }
    tsc_khz = pit_calibrate();
    tsc_source = tsc_khz ? "pit" : "none";
    if (!tsc_khz)
        printk("tsc: warning: the PIT never reached its terminal count; tsc_khz unknown\n");
}

void tsc_print_meta(void)
{
    printk("@meta tsc_khz=%u\n", tsc_khz);
    printk("@meta tsc_source=%s\n", tsc_source);
    printk("@meta tsc_read=%s\n", tsc_fenced ? "mfence;lfence;rdtsc;lfence" : "lock-add;rdtsc");
    if (!strcmp(boot_cpu.hypervisor, "TCGTCGTCGTCG"))
        printk("@meta tsc_note=QEMU TCG: the TSC is emulator time (or guest instructions "
               "under icount), not hardware time\n");
    else if (strcmp(boot_cpu.hypervisor, "none") && strcmp(tsc_source, "hypervisor"))
        printk("@meta tsc_note=%sno TSC-frequency leaf 0x40000010 (hypervisor leaves end at "
               "0x%08x): QEMU fills it only with -cpu ...,+invtsc or tsc-frequency=, which "
               "tools/kvmprobe asks for where the host's KVM gives them\n",
               boot_cpu.invariant_tsc ? "" : "no invariant TSC (CPUID 0x80000007 EDX bit 8), ",
               boot_cpu.max_hv_leaf);
    else if (strcmp(boot_cpu.hypervisor, "none") && !boot_cpu.invariant_tsc)
        printk("@meta tsc_note=no invariant TSC (CPUID 0x80000007 EDX bit 8): the host's KVM "
               "refused +invtsc (it gives it only with a constant TSC); tsc_khz is the "
               "hypervisor's tsc-frequency\n");
}
