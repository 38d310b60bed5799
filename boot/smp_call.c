/* smp_call.c - cross-CPU function calls and pings; see smp_call.h. */
#include "boot/smp_call.h"
#include "boot/apic.h"
#include "boot/console.h"
#include "boot/percpu.h"
#include "boot/trap.h"
#include "boot/x86.h"

struct call_slot {
    smp_call_func_t fn;
    void *info;
    volatile int pending;       /* set by the caller, cleared by the target */
} __attribute__((aligned(64)));

static struct call_slot call_slots[NR_CPUS][NR_CPUS];       /* [caller][target] */

/* call_interrupt: runs every call pending for this CPU, then EOI. A call
 * posted after its slot was scanned raises the vector again (IRR), so it
 * is run after the EOI by the next pass. */
static void call_interrupt(struct trapframe *tf)
{
    int me = smp_processor_id();
    (void)tf;
    for (int src = 0; src < nr_cpu_ids; src++) {
        struct call_slot *s = &call_slots[src][me];
        if (__atomic_load_n(&s->pending, __ATOMIC_ACQUIRE)) {
            s->fn(s->info);
            this_cpu()->calls_run++;
            __atomic_store_n(&s->pending, 0, __ATOMIC_RELEASE);
        }
    }
    lapic_eoi();
}

static void ping_interrupt(struct trapframe *tf)
{
    (void)tf;
    this_cpu()->pings++;
    lapic_eoi();
}

/* The wake-up IPI only ends a halt; cpu_idle_loop looks for work. */
static void wake_interrupt(struct trapframe *tf)
{
    (void)tf;
    lapic_eoi();
}

void smp_call_init(void)
{
    irq_register(IPI_CALL_VECTOR, call_interrupt);
    irq_register(IPI_PING_VECTOR, ping_interrupt);
    irq_register(IPI_WAKE_VECTOR, wake_interrupt);
}

/* must_have_irqs_on: a waiter with interrupts off could deadlock. */
static void must_have_irqs_on(const char *who)
{
    if (!(read_eflags() & X86_EFLAGS_IF))
        panic("%s: called with interrupts off on CPU %d (could deadlock)", who,
              smp_processor_id());
}

void smp_call_function_many(cpumask_t mask, smp_call_func_t fn, void *info)
{
    int me = smp_processor_id();

    mask &= cpu_online_mask & ~(1u << me);
    if (!mask)
        return;
    must_have_irqs_on("smp_call_function_many");
    for (int cpu = 0; cpu < nr_cpu_ids; cpu++) {
        struct call_slot *s = &call_slots[me][cpu];
        if (!(mask & (1u << cpu)))
            continue;
        s->fn = fn;
        s->info = info;
        __atomic_store_n(&s->pending, 1, __ATOMIC_RELEASE);
        lapic_send_ipi(percpu_area[cpu].apic_id, IPI_CALL_VECTOR);
    }
    for (int cpu = 0; cpu < nr_cpu_ids; cpu++)
        if (mask & (1u << cpu))
            while (__atomic_load_n(&call_slots[me][cpu].pending, __ATOMIC_ACQUIRE))
                cpu_relax();
}

int smp_call_function_single(int cpu, smp_call_func_t fn, void *info)
{
    if (cpu < 0 || cpu >= nr_cpu_ids || cpu == smp_processor_id() || !cpu_online(cpu))
        return -1;
    smp_call_function_many(1u << cpu, fn, info);
    return 0;
}

void on_each_cpu_mask(cpumask_t mask, smp_call_func_t fn, void *info)
{
    int me = smp_processor_id();

    smp_call_function_many(mask, fn, info);
    if (mask & (1u << me)) {
        uint32_t flags = read_eflags();
        irq_disable();
        fn(info);
        if (flags & X86_EFLAGS_IF)
            irq_enable();
    }
}

void smp_ping_many(cpumask_t mask)
{
    uint32_t before[NR_CPUS];
    int me = smp_processor_id();

    mask &= cpu_online_mask & ~(1u << me);
    if (!mask)
        return;
    must_have_irqs_on("smp_ping_many");
    for (int cpu = 0; cpu < nr_cpu_ids; cpu++) {
        if (!(mask & (1u << cpu)))
            continue;
        before[cpu] = percpu_area[cpu].pings;
        lapic_send_ipi(percpu_area[cpu].apic_id, IPI_PING_VECTOR);
    }
    for (int cpu = 0; cpu < nr_cpu_ids; cpu++)
        if (mask & (1u << cpu))
            while (percpu_area[cpu].pings == before[cpu])
                cpu_relax();
}
