/*
 * arch.h - the one seam between hm/ and the machine.
 *
 * hm/ (the high-memory manager under test) reaches the hardware only
 * through the functions declared here. Two implementations exist:
 *   hm/arch_x86.c      - the image: real page tables, invlpg, CR3/CR4, IPIs.
 *   tests/sim/arch_sim.c - the host: simulated physical memory (a sparse
 *                        mmap), a simulated TLB that caches translations
 *                        until flushed, counters for every flush.
 * hm/ code never includes anything from boot/ or bench/ except through
 * this file (layout.h, which is pure macros).
 */
#ifndef HM_ARCH_H
#define HM_ARCH_H

#include <stdint.h>
#include <stddef.h>
#include <stdbool.h>
#include "boot/kernel.h"        /* ARRAY_SIZE */
#include "boot/layout.h"
#include "boot/string.h"        /* memset, memcpy: libc on the host */
#include "boot/pte.h"           /* pteval_t, _PAGE_*, set_pte, pte_clear */
#include "boot/tlbmark.h"       /* ACCEL=model markers; empty elsewhere */

typedef uint64_t phys_addr_t;

/* Direct map. In the image __va(p) = PAGE_OFFSET + p for p < lowmem end
 * (inline: kmap_atomic of a lowmem page is just this); on the host it
 * points into the simulated RAM. Only valid for lowmem. */
#ifdef HM_HOST
void *arch_va(phys_addr_t phys);
phys_addr_t arch_pa(const void *virt);
#else
static inline void *arch_va(phys_addr_t phys) { return (void *)(unsigned long)(phys + PAGE_OFFSET); }
static inline phys_addr_t arch_pa(const void *virt) { return (unsigned long)virt - PAGE_OFFSET; }
#endif
#define __va(p) arch_va(p)
#define __pa(v) arch_pa(v)

/* The kernel's page directory for the 3 GiB..4 GiB quarter (PDPT[3]):
 * PTRS_PER_PMD entries, index (va >> PMD_SHIFT) & 511. */
pteval_t *arch_kernel_pmd(void);

/* The PTE of fixmap slot idx (layout.h FIX_*). The fixmap's PTE page is
 * boot's (installed by entry.S before anything else), not hm's. */
pteval_t *arch_fixmap_pte(unsigned idx);

/* The fixmap's PTE page itself: entry i maps FIXMAP_PMD_BASE + i *
 * PAGE_SIZE. In the image a link-time constant (boot's boot_pt_fixmap),
 * so the kmap_atomic fast path indexes it without a load. */
#ifdef HM_HOST
pteval_t *arch_fixmap_pt(void);
#else
extern pteval_t boot_pt_fixmap[PTRS_PER_PTE];
static inline pteval_t *arch_fixmap_pt(void) { return boot_pt_fixmap; }
#endif

/* TLB. Each is local to the calling CPU. arch_invlpg is one instruction
 * inline in the image (it sits on the kunmap_atomic fast path). */
#ifdef HM_HOST
void arch_invlpg(unsigned long va);     /* one page, global or not */
#else
static inline void arch_invlpg(unsigned long va)
{
    __asm__ volatile("invlpg (%0)" :: "r"(va) : "memory");
    tlbmark32(TLBMARK_INVLPG, va);
}
#endif
void arch_flush_tlb_local(void);        /* CR3 reload: non-global only */
void arch_flush_tlb_global(void);       /* everything, global included */

/* Run fn(arg) on the online CPUs whose bits are set in mask (bit n: CPU
 * n) and wait until all have run it; the caller is included when its bit
 * is set (run locally with interrupts off). The TLB shootdown layer uses
 * it. fn runs in an IPI handler (interrupts off): short, never waiting for
 * another CPU. Call with interrupts on (the image refuses otherwise). */
void arch_on_cpus(unsigned long mask, void (*fn)(void *), void *arg);

/* smp_processor_id(). In the image one load through %fs (boot/percpu.h
 * keeps the CPU number at %fs:4): it sits on the kmap_atomic fast path.
 * Not volatile: code never changes CPU under it (no preemption, no
 * migration), so the compiler may reuse one load for a whole function. */
#ifdef HM_HOST
int arch_cpu_id(void);
#else
static inline int arch_cpu_id(void)
{
    int cpu;
    __asm__("movl %%fs:4, %0" : "=r"(cpu));
    return cpu;
}
#endif
/* hm/'s own per-CPU bytes: ARCH_PERCPU_HM_BYTES of them, 8-aligned, zero
 * at boot (the kmap_atomic stack lives there). arch_this_cpu_hm() gives
 * this CPU's as a __percpu_hm pointer: in the image that is gcc's %fs
 * address space (boot/percpu.h keeps them at %fs:ARCH_PERCPU_HM_OFFSET),
 * so reading or writing a field is one instruction and needs no CPU
 * number; on the host it is a plain pointer. arch_per_cpu_hm(cpu) gives
 * CPU cpu's as a plain pointer, for set-up and reports. */
#define ARCH_PERCPU_HM_BYTES 16
#ifdef HM_HOST
#define __percpu_hm
void *arch_this_cpu_hm(void);
#else
#define __percpu_hm __seg_fs
#define ARCH_PERCPU_HM_OFFSET 8
static inline void __seg_fs *arch_this_cpu_hm(void)
{
    return (void __seg_fs *)ARCH_PERCPU_HM_OFFSET;
}
#endif
void *arch_per_cpu_hm(int cpu);

int arch_num_cpus(void);                /* online CPUs */
void arch_cpu_relax(void);              /* pause inside spin loops */

/* Console and death. arch_printf supports %d %u %x %lx %llx %llu %s %c %p
 * and width/zero-padding. BUG()/panic end the run with status 3 in the
 * image; on the host they call the test's hook (see tests/sim). */
void arch_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void arch_panic(const char *fmt, ...) __attribute__((noreturn, format(printf, 1, 2)));

#define BUG_ON(c) do { if (__builtin_expect(!!(c), 0)) \
        arch_panic("BUG: %s at %s:%d", #c, __FILE__, __LINE__); } while (0)

#endif
