/* lapic.c - local APIC and legacy PIC; see apic.h. */
#include "boot/apic.h"
#include "boot/console.h"
#include "boot/cpu.h"
#include "boot/fixmap.h"
#include "boot/trap.h"
#include "boot/x86.h"

#define MSR_APIC_BASE   0x1B
#define APIC_BASE_EN    (1u << 11)
#define APIC_BASE_EXTD  (1u << 10)      /* x2APIC mode */
#define MSR_X2APIC_ICR  0x830

#define APIC_ID         0x020
#define APIC_VER        0x030
#define APIC_TPR        0x080
#define APIC_EOI        0x0B0
#define APIC_SVR        0x0F0
#define APIC_ESR        0x280
#define APIC_ICR_LO     0x300
#define APIC_ICR_HI     0x310
#define APIC_LVT_TIMER  0x320
#define APIC_LVT_THERM  0x330
#define APIC_LVT_PERF   0x340
#define APIC_LVT_LINT0  0x350
#define APIC_LVT_LINT1  0x360
#define APIC_LVT_ERROR  0x370

#define SVR_ENABLE      (1u << 8)
#define LVT_MASKED      (1u << 16)
#define ICR_BUSY        (1u << 12)      /* delivery status (xAPIC only) */
#define ICR_ASSERT      (1u << 14)
#define ICR_LEVEL       (1u << 15)
#define ICR_DM_INIT     (5u << 8)
#define ICR_DM_STARTUP  (6u << 8)

bool x2apic_mode;

static volatile uint32_t *apic_mmio(uint32_t reg)
{
    return (volatile uint32_t *)(__fix_to_virt(FIX_APIC_BASE) + reg);
}

static uint32_t apic_read(uint32_t reg)
{
    if (x2apic_mode)
        return (uint32_t)rdmsr(0x800 + (reg >> 4));
    return *apic_mmio(reg);
}

/* apic_write: any register but the ICR (icr_write fences that one). Always
 * inlined with a constant reg, so that every x2APIC WRMSR in the image
 * loads ECX with a constant that tests/e2e/wrmsr_fence.sh can read. */
static inline __attribute__((always_inline)) void apic_write(uint32_t reg, uint32_t v)
{
    if (x2apic_mode)
        wrmsr(0x800 + (reg >> 4), v);
    else
        *apic_mmio(reg) = v;
}

uint32_t lapic_id(void)
{
    uint32_t id = apic_read(APIC_ID);
    return x2apic_mode ? id : id >> 24;
}

void lapic_eoi(void) { apic_write(APIC_EOI, 0); }

uint32_t lapic_read_esr(void)
{
    apic_write(APIC_ESR, 0);
    return apic_read(APIC_ESR);
}

/* icr_write: one IPI command. x2APIC: fenced WRMSR to the ICR, so the
 * stores that the IPI announces (a cross-CPU call's fn, info, pending) are
 * visible before the target can take it. xAPIC: wait for the previous one to leave
 * (bounded: a stuck APIC ends the run), then high word, then low word,
 * with interrupts off so that no handler gets between the two writes. */
static void icr_write(uint32_t apic_id, uint32_t lo)
{
    uint32_t flags = read_eflags();

    irq_disable();
    if (x2apic_mode) {
        weak_wrmsr_fence();
        wrmsr(MSR_X2APIC_ICR, ((uint64_t)apic_id << 32) | lo);
    } else {
        for (uint32_t spins = 0; *apic_mmio(APIC_ICR_LO) & ICR_BUSY; spins++) {
            if (spins > 100000000u)
                panic("lapic: ICR delivery status stuck busy (to APIC id %u)", apic_id);
            cpu_relax();
        }
        *apic_mmio(APIC_ICR_HI) = apic_id << 24;
        *apic_mmio(APIC_ICR_LO) = lo;
    }
    if (flags & X86_EFLAGS_IF)
        irq_enable();
}

void lapic_send_ipi(uint32_t apic_id, int vector) { icr_write(apic_id, (uint32_t)vector); }

void lapic_send_init(uint32_t apic_id)
{
    icr_write(apic_id, ICR_DM_INIT | ICR_LEVEL | ICR_ASSERT);
    icr_write(apic_id, ICR_DM_INIT | ICR_LEVEL);
}

void lapic_send_sipi(uint32_t apic_id, uint32_t start_phys)
{
    icr_write(apic_id, ICR_DM_STARTUP | (start_phys >> 12));
}

void lapic_setup_cpu(void)
{
    uint64_t base = rdmsr(MSR_APIC_BASE);
    uint32_t maxlvt;

    /* Disabled -> xAPIC -> x2APIC: the SDM's only legal path. */
    if (!(base & APIC_BASE_EN))
        wrmsr(MSR_APIC_BASE, base |= APIC_BASE_EN);
    if (x2apic_mode && !(base & APIC_BASE_EXTD))
        wrmsr(MSR_APIC_BASE, base | APIC_BASE_EXTD);
    maxlvt = (apic_read(APIC_VER) >> 16) & 0xFF;

    apic_write(APIC_SVR, SVR_ENABLE | SPURIOUS_VECTOR);
    apic_write(APIC_TPR, 0);
    apic_write(APIC_LVT_TIMER, LVT_MASKED);
    apic_write(APIC_LVT_LINT0, LVT_MASKED);
    apic_write(APIC_LVT_LINT1, LVT_MASKED);
    apic_write(APIC_LVT_ERROR, LVT_MASKED);
    if (maxlvt >= 4)
        apic_write(APIC_LVT_PERF, LVT_MASKED);
    if (maxlvt >= 5)
        apic_write(APIC_LVT_THERM, LVT_MASKED);
    lapic_read_esr();
    lapic_eoi();                        /* drop anything left in service */
}

/* pic_disable: remap the 8259 pair to PIC_VECTOR_BASE (away from the
 * exception vectors) and mask every line. */
static void pic_disable(void)
{
    outb(0x20, 0x11); outb(0xA0, 0x11);                 /* ICW1: init, ICW4 follows */
    outb(0x21, PIC_VECTOR_BASE); outb(0xA1, PIC_VECTOR_BASE + 8);
    outb(0x21, 0x04); outb(0xA1, 0x02);                 /* cascade on IRQ2 */
    outb(0x21, 0x01); outb(0xA1, 0x01);                 /* 8086 mode */
    outb(0x21, 0xFF); outb(0xA1, 0xFF);
}

/* Spurious interrupts (APIC, or the 8259's IRQ 7/15) take no EOI. */
static void spurious_irq(struct trapframe *tf) { (void)tf; }

bool lapic_init_bsp(uint64_t madt_phys, bool allow_x2apic)
{
    uint64_t base_msr, phys = madt_phys ? madt_phys : 0xFEE00000u;

    pic_disable();
    irq_register(SPURIOUS_VECTOR, spurious_irq);
    irq_register(PIC_VECTOR_BASE + 7, spurious_irq);
    irq_register(PIC_VECTOR_BASE + 15, spurious_irq);
    if (!boot_cpu.apic || !boot_cpu.msr) {
        printk("lapic: CPUID reports no %s: running on the boot CPU only\n",
               boot_cpu.apic ? "MSRs" : "local APIC");
        return false;
    }
    base_msr = rdmsr(MSR_APIC_BASE);
    if ((base_msr & ~0xFFFull) != phys) {
        printk("lapic: MADT says 0x%llx, IA32_APIC_BASE says 0x%llx: using the MSR's\n",
               (unsigned long long)phys, (unsigned long long)(base_msr & ~0xFFFull));
        phys = base_msr & 0xFFFFFF000ull;
    }
    x2apic_mode = (base_msr & APIC_BASE_EXTD) || (allow_x2apic && boot_cpu.x2apic);
    if (!x2apic_mode)
        set_fixmap(FIX_APIC_BASE, phys, PAGE_KERNEL_NOCACHE);
    lapic_setup_cpu();
    printk("lapic: %s at 0x%llx, boot CPU APIC id %u, version 0x%x\n",
           x2apic_mode ? "x2APIC" : "xAPIC", (unsigned long long)phys, lapic_id(),
           apic_read(APIC_VER) & 0xFF);
    return true;
}
