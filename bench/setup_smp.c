/* setup_smp.c - the SMP command-line words and smp_init; see setup.h. */
#include "bench/args.h"
#include "bench/setup.h"
#include "boot/layout.h"
#include "boot/console.h"
#include "boot/smp.h"
#include "boot/smp_work.h"

CMDLINE_KEY(ap_hold_arg, "ap_hold", ARG_UINT, 0, 1, NR_CPUS - 1);
CMDLINE_KEY(rsdp_arg, "rsdp", ARG_ENUM, "loader|scan", 0, 0);
CMDLINE_KEY(x2apic_arg, "x2apic", ARG_ENUM, "auto|off", 0, 0);
CMDLINE_KEY(idle_arg, "idle", ARG_ENUM, "pause|hlt", 0, 0);

int ap_hold_cpu(void) { return ap_hold_arg.set ? (int)ap_hold_arg.num : 0; }

void setup_smp(const struct boot_info *bi)
{
    struct smp_options o = {
        .hold_cpu = ap_hold_cpu(),
        .acpi_scan = arg_is(&rsdp_arg, "scan"),
        .allow_x2apic = !arg_is(&x2apic_arg, "off"),
        .rsdp = bi->rsdp,
        .rsdp_len = bi->rsdp_len,
    };
    /* Benchmarks poll (no halt exits in shootdown rows under KVM); the
     * self-tests keep halting, which also exercises the wake-up IPI. */
    if (idle_arg.set)
        idle_mode = arg_is(&idle_arg, "pause") ? IDLE_POLL : IDLE_HLT;
    else
        idle_mode = args.mode == MODE_BENCH ? IDLE_POLL : IDLE_HLT;
    smp_init(&o);
    printk("@meta idle=%s\n", idle_mode == IDLE_POLL ? "pause" : "hlt");
}
