/*
 * arch_sim.c - hm/arch.h on the host: simulated RAM, page-table walks,
 * flush counters, console and a catchable panic. See sim.h. The TLB, the
 * flushes and the simulated CPUs are in sim_tlb.c.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include "tests/sim/sim.h"

uint8_t *sim_ram;
uint64_t sim_ram_bytes;
struct sim_counters sim_count;
struct sim_pte_write sim_pte_log[SIM_PTE_LOG];
unsigned long sim_pte_writes;
char sim_panic_msg[512];
unsigned long sim_panics;

static jmp_buf panic_jmp;
static int panic_armed;
static int at_line_start = 1;
static char *capture_buf;
static size_t capture_size, capture_len;

void sim_capture(char *buf, size_t size)
{
    capture_buf = buf;
    capture_size = size;
    capture_len = 0;
    if (buf && size)
        buf[0] = 0;
}

void sim_fini(void)
{
    if (sim_ram)
        munmap(sim_ram, sim_ram_bytes);
    sim_ram = NULL;
    sim_ram_bytes = 0;
}

void sim_init(uint64_t phys_bytes)
{
    pteval_t *pmd;
    unsigned long i;

    sim_fini();
    phys_bytes = (phys_bytes + PMD_SIZE - 1) & ~(uint64_t)(PMD_SIZE - 1);
    if (phys_bytes < SIM_BOOTINFO_PHYS + SIM_BOOTINFO_BYTES)
        phys_bytes = PMD_SIZE * 2;
    sim_ram = mmap(NULL, phys_bytes, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (sim_ram == MAP_FAILED) {
        printf("not ok - sim_init: cannot map %llu MiB of simulated RAM\n",
               (unsigned long long)(phys_bytes >> 20));
        exit(1);
    }
    sim_ram_bytes = phys_bytes;
    memset(&sim_count, 0, sizeof(sim_count));
    sim_tlb_reset();
    sim_cpu = 0;
    sim_ncpus = 1;
    sim_relax_hook = NULL;
    sim_relax_count = 0;
    sim_pte_read_hook = NULL;
    sim_pte_writes = 0;
    pmd = (pteval_t *)(sim_ram + SIM_BOOT_PMD_PHYS);
    for (i = 0; i < MAXMEM / PMD_SIZE; i++)
        pmd[i] = ((pteval_t)i << PMD_SHIFT) | _PAGE_PRESENT | _PAGE_RW | _PAGE_PSE | _PAGE_GLOBAL;
    pmd[(FIXADDR_TOP >> PMD_SHIFT) & (PTRS_PER_PMD - 1)] = SIM_FIXMAP_PT_PHYS | _KERNPG_TABLE;
}

void *arch_va(phys_addr_t phys)
{
    if (phys >= MAXMEM || phys >= sim_ram_bytes)
        arch_panic("BUG: __va(0x%llx) outside the direct map", (unsigned long long)phys);
    return sim_ram + phys;
}

phys_addr_t arch_pa(const void *virt)
{
    const uint8_t *p = virt;

    if (!sim_ram || p < sim_ram || p >= sim_ram + sim_ram_bytes)
        arch_panic("BUG: __pa(%p) is not a simulated direct-map address", virt);
    return (phys_addr_t)(p - sim_ram);
}

pteval_t *arch_kernel_pmd(void)
{
    return (pteval_t *)(sim_ram + SIM_BOOT_PMD_PHYS);
}

pteval_t *arch_fixmap_pte(unsigned idx)
{
    if (idx == FIX_HOLE || idx >= __end_of_fixed_addresses)
        arch_panic("BUG: fixmap index %u outside 1..%u", idx, __end_of_fixed_addresses - 1);
    return (pteval_t *)(sim_ram + SIM_FIXMAP_PT_PHYS) +
           ((__fix_to_virt(idx) >> PAGE_SHIFT) & (PTRS_PER_PTE - 1));
}

pteval_t *arch_fixmap_pt(void)
{
    return (pteval_t *)(sim_ram + SIM_FIXMAP_PT_PHYS);
}

/* Read a page-table entry at a simulated physical address. */
static pteval_t sim_read_entry(uint64_t phys)
{
    if (phys + sizeof(pteval_t) > sim_ram_bytes)
        return 0;
    return *(pteval_t *)(sim_ram + phys);
}

uint64_t sim_translate(unsigned long va)
{
    pteval_t pde, pte;

    if (va < PAGE_OFFSET || va > 0xFFFFFFFFUL)
        return SIM_NO_PAGE;
    pde = sim_read_entry(SIM_BOOT_PMD_PHYS + ((va >> PMD_SHIFT) & (PTRS_PER_PMD - 1)) * 8);
    if (!(pde & _PAGE_PRESENT))
        return SIM_NO_PAGE;
    if (pde & _PAGE_PSE)
        return (pde & PTE_PFN_MASK & ~(uint64_t)(PMD_SIZE - 1)) + (va & (PMD_SIZE - 1));
    pte = sim_read_entry((pde & PTE_PFN_MASK) + ((va >> PAGE_SHIFT) & (PTRS_PER_PTE - 1)) * 8);
    if (!(pte & _PAGE_PRESENT))
        return SIM_NO_PAGE;
    return (pte & PTE_PFN_MASK) + (va & (PAGE_SIZE - 1));
}

void sim_pte_write_half(volatile pte_half_t *half, uint32_t val)
{
    sim_pte_log[sim_pte_writes % SIM_PTE_LOG].half = half;
    sim_pte_log[sim_pte_writes % SIM_PTE_LOG].val = val;
    sim_pte_writes++;
    *half = val;
}

/* pte_read's test hook: between its two half loads, the other CPU acts. */
void (*sim_pte_read_hook)(const volatile pte_half_t *half);

void sim_pte_read_between(const volatile pte_half_t *half)
{
    if (sim_pte_read_hook)
        sim_pte_read_hook(half);
}

/* A spin loop's pause: lets a test act as "another CPU" (sim_relax_hook);
 * without a hook, a spin that goes on for a million turns is a panic, so a
 * host test never hangs. */
void (*sim_relax_hook)(void);
unsigned long sim_relax_count;

void arch_cpu_relax(void)
{
    sim_relax_count++;
    if (sim_relax_hook) {
        sim_relax_hook();
        return;
    }
    if (sim_relax_count % 1000000 == 0)
        arch_panic("sim: spinning for %lu turns with no sim_relax_hook", sim_relax_count);
}

/* stdout, each line prefixed with "# " so the test protocol ignores it. */
void arch_printf(const char *fmt, ...)
{
    char buf[1024];
    va_list ap;
    const char *p;

    va_start(ap, fmt);
    vsnprintf(buf, sizeof(buf), fmt, ap);
    va_end(ap);
    if (capture_buf && capture_len + 1 < capture_size) {
        capture_len += (size_t)snprintf(capture_buf + capture_len,
                                        capture_size - capture_len, "%s", buf);
        if (capture_len >= capture_size)
            capture_len = capture_size - 1;
    }
    for (p = buf; *p; p++) {
        if (at_line_start)
            fputs("# ", stdout);
        putchar(*p);
        at_line_start = (*p == '\n');
    }
}

jmp_buf *sim_arm_panic(void)
{
    panic_armed = 1;
    sim_panic_msg[0] = 0;
    return &panic_jmp;
}

void sim_disarm_panic(void)
{
    panic_armed = 0;
}

void arch_panic(const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(sim_panic_msg, sizeof(sim_panic_msg), fmt, ap);
    va_end(ap);
    sim_panics++;
    if (panic_armed) {
        panic_armed = 0;
        longjmp(panic_jmp, 1);
    }
    printf("# panic: %s\nnot ok - unexpected panic: %s\n", sim_panic_msg, sim_panic_msg);
    fflush(stdout);
    abort();
}
