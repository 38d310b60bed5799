/* trap.c - IDT, the fatal exception report, probe recovery, IRQ dispatch. */
#include "boot/trap.h"
#include "boot/console.h"
#include "boot/fault.h"
#include "boot/kernel.h"
#include "boot/percpu.h"
#include "boot/x86.h"

extern const uint32_t vector_stubs[256];
extern char probe_read32_insn[], probe_write32_insn[], probe_fixup[];
uint32_t __probe_read32(const volatile void *p, uint32_t *val);
uint32_t __probe_write32(volatile void *p, uint32_t val);

static uint64_t idt[256] __attribute__((aligned(8)));
static irq_handler_t handlers[256];

static const char *const exc_names[32] = {
    "#DE divide error", "#DB debug", "NMI", "#BP breakpoint", "#OF overflow",
    "#BR bound range", "#UD invalid opcode", "#NM device not available",
    "#DF double fault", "coprocessor segment overrun", "#TS invalid TSS",
    "#NP segment not present", "#SS stack fault", "#GP general protection",
    "#PF page fault", "reserved 15", "#MF x87 error", "#AC alignment check",
    "#MC machine check", "#XM SIMD error", "#VE virtualization", "#CP control protection",
    "reserved 22", "reserved 23", "reserved 24", "reserved 25", "reserved 26",
    "reserved 27", "#HV hypervisor injection", "#VC VMM communication",
    "#SX security", "reserved 31",
};

void idt_init(void)
{
    for (unsigned v = 0; v < ARRAY_SIZE(idt); v++) {
        uint32_t off = vector_stubs[v];
        /* 32-bit interrupt gate, DPL 0, present: IF is cleared on entry */
        idt[v] = (off & 0xFFFF) | ((uint64_t)GDT_KCODE << 16) |
                 ((uint64_t)0x8E00 << 32) | ((uint64_t)(off >> 16) << 48);
    }
    /* #DF: a task gate (present, DPL 0, type 5) to this CPU's double-fault
     * TSS, so the handler runs on its own stack even when the fault came
     * from a full one (boot/tss.c). The selector means each CPU's own. */
    idt[DF_VECTOR] = ((uint64_t)GDT_DF_TSS << 16) | ((uint64_t)0x8500 << 32);
}

void idt_load(void)
{
    struct { uint16_t limit; uint32_t base; } __attribute__((packed)) idtr = {
        sizeof(idt) - 1, (uint32_t)idt
    };
    __asm__ volatile("lidt %0" :: "m"(idtr));
}

void irq_register(int vector, irq_handler_t handler)
{
    if (vector < FIRST_IRQ_VECTOR || vector > 255)
        panic("irq_register: vector %d is not an interrupt vector", vector);
    handlers[vector] = handler;
}

/* fatal_exception: the register dump of README "Exit statuses" (status 3). */
static void fatal_exception(struct trapframe *tf)
{
    int cpu = smp_processor_id();

    if (!oops_begin())
        emergency_exit("CPU exception while reporting a fault:", tf->vector, tf->eip);
    printk("hmbench: fatal: CPU exception %u (%s) on CPU %d\n", tf->vector,
           tf->vector < FIRST_IRQ_VECTOR ? exc_names[tf->vector] : "unexpected interrupt", cpu);
    printk("  vector=%u error=0x%08x eip=0x%08x cs=0x%04x eflags=0x%08x\n",
           tf->vector, tf->error, tf->eip, tf->cs, tf->eflags);
    printk("  cr0=0x%08x cr2=0x%08x cr3=0x%08x cr4=0x%08x cpu=%d\n",
           read_cr0(), read_cr2(), read_cr3(), read_cr4(), cpu);
    printk("  eax=0x%08x ebx=0x%08x ecx=0x%08x edx=0x%08x\n", tf->eax, tf->ebx, tf->ecx, tf->edx);
    printk("  esi=0x%08x edi=0x%08x ebp=0x%08x esp=0x%08x\n", tf->esi, tf->edi, tf->ebp,
           tf->esp_at_pushal + 20);
    hm_exit(EXIT_FATAL);
}

void trap_dispatch(struct trapframe *tf)
{
    if (tf->vector >= FIRST_IRQ_VECTOR && handlers[tf->vector]) {
        handlers[tf->vector](tf);
        return;
    }
    if (tf->eip == (uint32_t)probe_read32_insn || tf->eip == (uint32_t)probe_write32_insn) {
        struct fault_record *r = &this_cpu()->probe;
        r->vector = (int)tf->vector;
        r->error = tf->error;
        r->cr2 = read_cr2();
        r->eip = tf->eip;
        tf->eip = (uint32_t)probe_fixup;
        return;
    }
    fatal_exception(tf);
}

bool probe_read32(const volatile void *p, uint32_t *val, struct fault_record *rec)
{
    struct fault_record *r = &this_cpu()->probe;
    bool faulted;
    r->vector = -1;
    faulted = __probe_read32(p, val) != 0;
    *rec = *r;
    return faulted;
}

bool probe_write32(volatile void *p, uint32_t val, struct fault_record *rec)
{
    struct fault_record *r = &this_cpu()->probe;
    bool faulted;
    r->vector = -1;
    faulted = __probe_write32(p, val) != 0;
    *rec = *r;
    return faulted;
}
