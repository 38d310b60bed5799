/*
 * x86.h - one-instruction helpers: port I/O, control registers, TSC, TLB,
 * CPUID, MSRs, interrupts. Image only (inline asm).
 */
#ifndef BOOT_X86_H
#define BOOT_X86_H

#include <stdint.h>
#include "boot/tlbmark.h"       /* markers: empty outside the ACCEL=model image */

#define X86_CR0_WP      (1u << 16)
#define X86_CR0_PG      (1u << 31)
#define X86_CR4_PSE     (1u << 4)
#define X86_CR4_PAE     (1u << 5)
#define X86_CR4_PGE     (1u << 7)
#define X86_CR4_PCIDE   (1u << 17)
#define X86_EFLAGS_IF   (1u << 9)

static inline void outb(uint16_t port, uint8_t v) { __asm__ volatile("outb %0, %1" :: "a"(v), "Nd"(port)); }
static inline uint8_t inb(uint16_t port) { uint8_t v; __asm__ volatile("inb %1, %0" : "=a"(v) : "Nd"(port)); return v; }

static inline uint32_t read_cr0(void) { uint32_t v; __asm__ volatile("mov %%cr0, %0" : "=r"(v)); return v; }
static inline uint32_t read_cr2(void) { uint32_t v; __asm__ volatile("mov %%cr2, %0" : "=r"(v)); return v; }
static inline uint32_t read_cr3(void) { uint32_t v; __asm__ volatile("mov %%cr3, %0" : "=r"(v)); return v; }
static inline uint32_t read_cr4(void) { uint32_t v; __asm__ volatile("mov %%cr4, %0" : "=r"(v)); return v; }
static inline void write_cr3(uint32_t v)
{
    __asm__ volatile("mov %0, %%cr3" :: "r"(v) : "memory");
    tlbmark(TLBMARK_FLUSH_LOCAL, 0);
}
/* A write that changes CR4.PGE flushes the whole TLB; the model image says
 * so (clearing PGE begins a global flush, setting it again ends it). */
static inline void write_cr4(uint32_t v)
{
#ifdef HM_TLB_MODEL
    uint32_t old;
    __asm__ volatile("mov %%cr4, %0" : "=r"(old));
#endif
    __asm__ volatile("mov %0, %%cr4" :: "r"(v) : "memory");
#ifdef HM_TLB_MODEL
    if ((old ^ v) & X86_CR4_PGE)
        tlbmark(v & X86_CR4_PGE ? TLBMARK_FLUSH_ALL_END : TLBMARK_FLUSH_ALL, 0);
#endif
}
static inline uint32_t read_eflags(void) { uint32_t v; __asm__ volatile("pushfl; popl %0" : "=r"(v)); return v; }

static inline void invlpg(unsigned long va)
{
    __asm__ volatile("invlpg (%0)" :: "r"(va) : "memory");
    tlbmark32(TLBMARK_INVLPG, va);
}

/* INVPCID type 2 (all contexts, globals included). Only where CPUID says so. */
static inline void invpcid_flush_all(void)
{
    struct { uint64_t pcid, addr; } desc = { 0, 0 };
    __asm__ volatile("invpcid %0, %1" :: "m"(desc), "r"(2u) : "memory");
    tlbmark(TLBMARK_FLUSH_ALL, 0);
}

static inline void cpuid_count(uint32_t leaf, uint32_t sub, uint32_t *a, uint32_t *b, uint32_t *c, uint32_t *d)
{
    __asm__ volatile("cpuid" : "=a"(*a), "=b"(*b), "=c"(*c), "=d"(*d) : "a"(leaf), "c"(sub));
}

static inline uint64_t rdmsr(uint32_t msr)
{
    uint32_t lo, hi;
    __asm__ volatile("rdmsr" : "=a"(lo), "=d"(hi) : "c"(msr));
    return ((uint64_t)hi << 32) | lo;
}
static inline void wrmsr(uint32_t msr, uint64_t v)
{
    __asm__ volatile("wrmsr" :: "c"(msr), "a"((uint32_t)v), "d"((uint32_t)(v >> 32)) : "memory");
}

/* weak_wrmsr_fence: WRMSR to the x2APIC MSRs is not serializing, so an
 * IPI (a write to the ICR, MSR 0x830) could reach its target before this
 * CPU's earlier stores do. MFENCE orders the stores, LFENCE keeps the WRMSR
 * from starting before the MFENCE completes (Linux's weak_wrmsr_fence).
 * tests/e2e/wrmsr_fence.sh checks the disassembly for it. */
static inline __attribute__((always_inline)) void weak_wrmsr_fence(void)
{
    __asm__ volatile("mfence; lfence" ::: "memory");
}

static inline uint64_t rdtsc_raw(void)
{
    uint32_t lo, hi;
    __asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
    return ((uint64_t)hi << 32) | lo;
}

static inline void cpu_relax(void) { __asm__ volatile("pause" ::: "memory"); }
static inline void irq_disable(void) { __asm__ volatile("cli" ::: "memory"); }
static inline void irq_enable(void) { __asm__ volatile("sti" ::: "memory"); }
static inline __attribute__((noreturn)) void halt_forever(void) { for (;;) __asm__ volatile("cli; hlt"); }

#endif
