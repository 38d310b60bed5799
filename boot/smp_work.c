/* smp_work.c - work for idle APs and the start barrier; see smp_work.h. */
#include "boot/smp_work.h"
#include "boot/apic.h"
#include "boot/console.h"
#include "boot/percpu.h"
#include "boot/trap.h"
#include "boot/x86.h"

void smp_post_work(int cpu, void (*fn)(void *), void *arg)
{
    struct percpu *pc = &percpu_area[cpu];

    if (cpu < 0 || cpu >= nr_cpu_ids || cpu == smp_processor_id() || !cpu_online(cpu))
        panic("smp_post_work: CPU %d is not another online CPU", cpu);
    if (pc->work_posted != pc->work_done)
        panic("smp_post_work: CPU %d is still busy", cpu);
    pc->work_fn = fn;
    pc->work_arg = arg;
    __atomic_store_n(&pc->work_posted, pc->work_posted + 1, __ATOMIC_RELEASE);
    lapic_send_ipi(pc->apic_id, IPI_WAKE_VECTOR);
}

void smp_wait_work(int cpu)
{
    struct percpu *pc = &percpu_area[cpu];
    while (__atomic_load_n(&pc->work_done, __ATOMIC_ACQUIRE) != pc->work_posted)
        cpu_relax();
}

enum idle_mode idle_mode = IDLE_HLT;

/* IDLE_HLT: "sti; hlt" is atomic against interrupts (STI's one-instruction
 * shadow), so a wake-up IPI arriving between the check and the halt is not
 * lost. IDLE_POLL: interrupts stay on while the loop spins on PAUSE. */
void cpu_idle_loop(void)
{
    struct percpu *me = this_cpu();

    for (;;) {
        if (idle_mode == IDLE_POLL) {
            irq_enable();
            while (__atomic_load_n(&me->work_posted, __ATOMIC_ACQUIRE) == me->work_done)
                cpu_relax();
        } else {
            irq_disable();
            while (__atomic_load_n(&me->work_posted, __ATOMIC_ACQUIRE) == me->work_done)
                __asm__ volatile("sti; hlt; cli" ::: "memory");
        }
        irq_enable();
        me->work_fn(me->work_arg);
        __atomic_store_n(&me->work_done, me->work_posted, __ATOMIC_RELEASE);
    }
}

void smp_barrier_init(struct smp_barrier *b, uint32_t n)
{
    b->count = 0;
    b->generation = 0;
    b->n = n;
}

void smp_barrier_wait(struct smp_barrier *b)
{
    uint32_t gen = __atomic_load_n(&b->generation, __ATOMIC_ACQUIRE);

    if (__atomic_add_fetch(&b->count, 1, __ATOMIC_ACQ_REL) == b->n) {
        b->count = 0;
        __atomic_store_n(&b->generation, gen + 1, __ATOMIC_RELEASE);
        return;
    }
    while (__atomic_load_n(&b->generation, __ATOMIC_ACQUIRE) == gen)
        cpu_relax();
}
