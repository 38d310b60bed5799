/*
 * arch_x86.c - hm/arch.h for the image: the real MMU, TLB and console.
 * The one file of hm/ that includes boot/ headers.
 */
#include "hm/arch.h"
#include "boot/console.h"
#include "boot/cpu.h"
#include "boot/fixmap.h"
#include "boot/percpu.h"
#include "boot/smp_call.h"
#include "boot/x86.h"

extern uint64_t boot_pd_kernel[];

pteval_t *arch_kernel_pmd(void) { return boot_pd_kernel; }
pteval_t *arch_fixmap_pte(unsigned idx)
{
    if (idx == FIX_HOLE || idx >= __end_of_fixed_addresses)
        panic("BUG: fixmap index %u outside 1..%u", idx, __end_of_fixed_addresses - 1);
    return fixmap_pte(idx);
}

void arch_flush_tlb_local(void) { write_cr3(read_cr3()); }

void arch_flush_tlb_global(void)
{
    uint32_t cr4;
    if (boot_cpu.invpcid) {
        invpcid_flush_all();
        return;
    }
    cr4 = read_cr4();
    write_cr4(cr4 & ~X86_CR4_PGE);
    write_cr4(cr4);
}

void arch_on_cpus(unsigned long mask, void (*fn)(void *), void *arg)
{
    on_each_cpu_mask((cpumask_t)mask, fn, arg);
}

_Static_assert(offsetof(struct percpu, hm) == ARCH_PERCPU_HM_OFFSET &&
               sizeof(((struct percpu *)0)->hm) == ARCH_PERCPU_HM_BYTES,
               "hm/arch.h's %fs offset and size of hm's per-CPU bytes");

void *arch_per_cpu_hm(int cpu)
{
    if (cpu < 0 || cpu >= NR_CPUS)
        panic("BUG: arch_per_cpu_hm: CPU %d outside 0..%d", cpu, NR_CPUS - 1);
    return percpu_area[cpu].hm;
}

int arch_num_cpus(void) { return num_online_cpus(); }
void arch_cpu_relax(void) { cpu_relax(); }

void arch_printf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vprintk(fmt, ap);
    va_end(ap);
}

void arch_panic(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vpanic(fmt, ap);
}
