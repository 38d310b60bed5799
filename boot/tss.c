/* tss.c - per-CPU TSSes and the double-fault task; see tss.h. */
#include "boot/tss.h"
#include "boot/console.h"
#include "boot/percpu.h"
#include "boot/x86.h"

#define DF_STACK_SIZE 4096

/* The 32-bit TSS (Intel SDM vol. 3, "32-bit task-state segment"). */
struct x86_hw_tss {
    uint16_t prev_task, r0;
    uint32_t esp0;
    uint16_t ss0, r1;
    uint32_t esp1;
    uint16_t ss1, r2;
    uint32_t esp2;
    uint16_t ss2, r3;
    uint32_t cr3, eip, eflags, eax, ecx, edx, ebx, esp, ebp, esi, edi;
    uint16_t es, r4, cs, r5, ss, r6, ds, r7, fs, r8, gs, r9, ldt, r10;
    uint16_t trace, io_bitmap_base;
} __attribute__((packed));
_Static_assert(sizeof(struct x86_hw_tss) == 104, "a 32-bit TSS is 104 bytes");

static struct x86_hw_tss cpu_tss[NR_CPUS] __attribute__((aligned(128)));
static struct x86_hw_tss doublefault_tss[NR_CPUS] __attribute__((aligned(128)));
static char doublefault_stack[NR_CPUS][DF_STACK_SIZE] __attribute__((aligned(16)));

/* A present 32-bit available TSS descriptor (type 9, DPL 0, byte limit). */
static uint64_t tss_desc(const struct x86_hw_tss *t)
{
    uint32_t base = (uint32_t)t, limit = sizeof(*t) - 1;

    return (limit & 0xFFFF) | ((uint64_t)(base & 0xFFFFFF) << 16) | ((uint64_t)0x89 << 40) |
           ((uint64_t)((limit >> 16) & 0xF) << 48) | ((uint64_t)(base >> 24) << 56);
}

/* doublefault_fn: the double-fault task's code, entered by the task gate
 * with the error code (always 0) on doublefault_stack. The task that
 * faulted is saved in cpu_tss[cpu]; its ESP beside the CPU's stack
 * bottom (within one guard page below it, or a little above) names a
 * stack overflow. Prints one line and ends the run; never returns (an
 * iret would go back to the fault). */
static void __attribute__((noreturn, used)) doublefault_fn(void)
{
    int cpu = smp_processor_id();
    const struct x86_hw_tss *t = &cpu_tss[cpu];
    uint32_t top = (uint32_t)percpu_area[cpu].stack_top, bottom = top - KSTACK_SIZE;
    int overflow = top && t->esp < bottom + 256 && t->esp + PAGE_SIZE >= bottom;

    if (!oops_begin())
        emergency_exit("double fault while reporting a fault:", 8, t->eip);
    printk("hmbench: fatal: %s on CPU %d: eip=0x%08x esp=0x%08x cr2=0x%08x, stack 0x%08x-0x%08x\n",
           overflow ? "kernel stack overflow (double fault)" : "double fault", cpu, t->eip, t->esp,
           read_cr2(), bottom, top);
    hm_exit(EXIT_FATAL);
}

void tss_init_cpu(int cpu, uint64_t *tss, uint64_t *df)
{
    struct x86_hw_tss *d = &doublefault_tss[cpu];

    cpu_tss[cpu] = (struct x86_hw_tss){ .io_bitmap_base = sizeof(struct x86_hw_tss) };
    *d = (struct x86_hw_tss){
        .cr3 = read_cr3(),
        .eip = (uint32_t)doublefault_fn,
        .eflags = 0x2,                          /* IF off; bit 1 is always 1 */
        .esp = (uint32_t)(doublefault_stack[cpu] + DF_STACK_SIZE - 16),
        .cs = GDT_KCODE, .ss = GDT_KDATA, .ds = GDT_KDATA, .es = GDT_KDATA,
        .fs = GDT_PERCPU, .gs = GDT_KDATA,
        .io_bitmap_base = sizeof(struct x86_hw_tss),
    };
    *tss = tss_desc(&cpu_tss[cpu]);
    *df = tss_desc(d);
}
