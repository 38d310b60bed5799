/* smp.c - CPU numbering and AP bring-up (INIT-SIPI-SIPI); see smp.h. */
#include "boot/smp.h"
#include "boot/acpi.h"
#include "boot/apic.h"
#include "boot/console.h"
#include "boot/delay.h"
#include "boot/percpu.h"
#include "boot/smp_call.h"
#include "boot/smp_work.h"
#include "boot/stack_guard.h"
#include "boot/string.h"
#include "boot/trap.h"
#include "boot/tsc.h"
#include "boot/x86.h"

struct trampoline_params {              /* trampoline.S: trampoline_params */
    uint32_t cr0, cr3, cr4, stack, cpu;
};

extern const char trampoline_start[], trampoline_end[], trampoline_params[];

int nr_cpu_ids = 1;
int cpus_requested = 1;
volatile cpumask_t cpu_online_mask = 1;
static int hold_cpu;                    /* ap_hold=: parks unreported */
/* Each AP's stack above its guard page (unmapped by stack_guard.c). */
static struct {
    char guard[PAGE_SIZE];
    char stack[KSTACK_SIZE];
} ap_stacks[NR_CPUS] __attribute__((aligned(PAGE_SIZE)));

int num_online_cpus(void) { return __builtin_popcount(cpu_online_mask); }

cpumask_t cpumask_first_n(int n)
{
    cpumask_t m = 0;
    for (int cpu = 0; cpu < nr_cpu_ids && n > 0; cpu++)
        if (cpu_online(cpu))
            m |= 1u << cpu, n--;
    return m;
}

void ap_main(int cpu)
{
    struct percpu *me;

    gdt_init_cpu(cpu);
    idt_load();
    me = this_cpu();
    if (cpu == hold_cpu)                /* test: started, but never reports */
        halt_forever();
    lapic_setup_cpu();
    me->apic_id_seen = lapic_id();
    printk("smp: CPU %d (APIC id %u) online\n", cpu, me->apic_id_seen);
    __atomic_or_fetch(&cpu_online_mask, 1u << cpu, __ATOMIC_RELEASE);
    __atomic_store_n(&me->online, 1, __ATOMIC_RELEASE);
    cpu_idle_loop();
}

/* boot_ap: Intel's MP initialisation for one AP: INIT, 10 ms, SIPI, 200 us,
 * SIPI, 200 us, then wait up to AP_START_TIMEOUT_MS for ap_main's flag.
 * An AP that misses it gets INIT again, so that a late start cannot run on
 * the next AP's trampoline parameters. Returns true when it came online. */
static bool boot_ap(int cpu, struct trampoline_params *tp)
{
    struct percpu *pc = &percpu_area[cpu];
    uint32_t esr;

    unmap_stack_guard(ap_stacks[cpu].guard);
    tp->stack = (uint32_t)(ap_stacks[cpu].stack + KSTACK_SIZE);
    tp->cpu = (uint32_t)cpu;
    pc->stack_top = ap_stacks[cpu].stack + KSTACK_SIZE;
    __atomic_thread_fence(__ATOMIC_SEQ_CST);
    lapic_read_esr();
    lapic_send_init(pc->apic_id);
    mdelay(10);
    for (int i = 0; i < 2; i++) {
        lapic_send_sipi(pc->apic_id, AP_TRAMPOLINE_PHYS);
        udelay(200);
    }
    if ((esr = lapic_read_esr()))
        printk("smp: APIC error status 0x%x after starting CPU %d\n", esr, cpu);
    for (uint32_t t = 0; t < AP_START_TIMEOUT_MS * 10; t++) {
        if (__atomic_load_n(&pc->online, __ATOMIC_ACQUIRE))
            return true;
        udelay(100);
    }
    if (__atomic_load_n(&pc->online, __ATOMIC_ACQUIRE))
        return true;
    printk("smp: CPU %d (APIC id %u) did not start within %u ms\n", cpu, pc->apic_id,
           AP_START_TIMEOUT_MS);
    lapic_send_init(pc->apic_id);
    return false;
}

/* number_cpus: CPU 0 is the boot CPU, then the MADT's other entries. */
static void number_cpus(const struct madt_info *mi, uint32_t bsp_id)
{
    bool bsp_listed = false;

    percpu_area[0].apic_id = percpu_area[0].apic_id_seen = bsp_id;
    for (int i = 0; i < mi->nstored; i++) {
        uint32_t id = mi->apic_ids[i];
        if (id == bsp_id) {
            bsp_listed = true;
            continue;
        }
        if (!x2apic_mode && id > 0xFE) {
            printk("smp: APIC id %u needs x2APIC mode: not started\n", id);
            continue;
        }
        if (nr_cpu_ids == NR_CPUS)
            continue;
        percpu_area[nr_cpu_ids++].apic_id = id;
    }
    if (!bsp_listed)
        printk("smp: warning: the boot CPU's APIC id %u is not in the MADT\n", bsp_id);
    if (mi->ncpus > NR_CPUS)
        printk("smp: the MADT lists %d CPUs; hmbench uses at most %d\n", mi->ncpus, NR_CPUS);
}

void smp_init(const struct smp_options *opt)
{
    struct madt_info mi;
    struct trampoline_params *tp;
    uint64_t t0;
    bool have_apic;

    acpi_init(&mi, opt->rsdp, opt->rsdp_len, opt->acpi_scan);
    smp_call_init();
    have_apic = lapic_init_bsp(mi.found ? mi.lapic_phys : 0, opt->allow_x2apic);
    cpus_requested = mi.found ? mi.ncpus : 1;
    if (have_apic && mi.found)
        number_cpus(&mi, lapic_id());
    percpu_area[0].online = 1;
    if (opt->hold_cpu && opt->hold_cpu >= nr_cpu_ids) {
        printk("cmdline: ap_hold=%d names no AP: this machine has CPUs 0..%d\n",
               opt->hold_cpu, nr_cpu_ids - 1);
        hm_exit(EXIT_CMDLINE);
    }
    hold_cpu = opt->hold_cpu;
    printk("smp: CPU 0 (APIC id %u) is the boot CPU; %d CPUs to start\n",
           percpu_area[0].apic_id, nr_cpu_ids - 1);
    irq_enable();
    t0 = rdtsc_raw();
    if (nr_cpu_ids > 1) {
        if (trampoline_end - trampoline_start > (long)PAGE_SIZE)   /* memblock keeps one page */
            panic("smp: the AP trampoline is %ld bytes, more than a page",
                  (long)(trampoline_end - trampoline_start));
        memcpy((void *)(PAGE_OFFSET + AP_TRAMPOLINE_PHYS), trampoline_start,
               (size_t)(trampoline_end - trampoline_start));
        tp = (struct trampoline_params *)(PAGE_OFFSET + AP_TRAMPOLINE_PHYS +
                                          (trampoline_params - trampoline_start));
        tp->cr0 = read_cr0();
        tp->cr3 = read_cr3();
        tp->cr4 = read_cr4();
        for (int cpu = 1; cpu < nr_cpu_ids; cpu++)
            boot_ap(cpu, tp);
    }
    zap_low_mappings();                 /* no AP runs the trampoline again */
    printk("smp: %d of %d CPUs online (bring-up %llu ms)\n", num_online_cpus(), cpus_requested,
           tsc_khz ? (unsigned long long)((rdtsc_raw() - t0) / tsc_khz) : 0ull);
    printk("@meta cpus_requested=%d\n", cpus_requested);
    printk("@meta cpus_online=%d\n", num_online_cpus());
    printk("@meta apic_mode=%s\n", have_apic ? (x2apic_mode ? "x2apic" : "xapic") : "none");
}
