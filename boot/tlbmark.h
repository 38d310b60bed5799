/*
 * tlbmark.h - the guest's side of the TLB model's marker protocol
 * (docs/tlbmodel.md, "Protocol").
 *
 * Under ACCEL=model a QEMU plugin (tools/tlbmodel) models the TLBs. It sees
 * every guest memory access with its virtual address, but not register
 * values or memory contents, so the guest tells it what it cannot see
 * (which page an invlpg names, a global flush, where a timed row starts and
 * ends, which mappings are not global) with marker loads: a 1-byte load
 * from TLBMARK_BASE + (op << TLBMARK_OP_SHIFT) + payload (layout.h). The
 * plugin decodes the event from the address and never counts the load as
 * an access. A 32-bit value goes as TLBMARK_HI (its high half) and then the
 * op with its low half.
 *
 * Only the image built with HM_TLB_MODEL (build/hmbench-model.elf) emits
 * markers; in every other build each function here is empty, so the default
 * image is the same code as without this file.
 * Builds for the image, the host (HM_HOST: always empty) and the peer's
 * Linux build (through bench/timing.h: always empty, and without layout.h,
 * whose names Linux has too).
 */
#ifndef BOOT_TLBMARK_H
#define BOOT_TLBMARK_H

#include <stdint.h>
#if defined(HM_TLB_MODEL) && !defined(HM_HOST)
#include "boot/layout.h"        /* only here: the peer's Linux build includes this header too */
#endif

enum tlbmark_op {
    TLBMARK_NOP,
    TLBMARK_HI,                 /* payload: the high 16 bits of the next op's value */
    TLBMARK_INVLPG,             /* value: the address an invlpg named */
    TLBMARK_FLUSH_LOCAL,        /* a CR3 write: non-global entries go */
    TLBMARK_FLUSH_ALL,          /* a global flush begins (CR4.PGE cleared, INVPCID all) */
    TLBMARK_FLUSH_ALL_END,      /* CR4.PGE set again: drops, but is the same flush */
    TLBMARK_RANGE_START,        /* value: start of a range whose mapping kind follows */
    TLBMARK_RANGE_4K_NONGLOBAL, /* value: end of the range (0: 4 GiB) */
    TLBMARK_RANGE_4K_GLOBAL,
    TLBMARK_RANGE_2M_NONGLOBAL,
    TLBMARK_RANGE_2M_GLOBAL,
    TLBMARK_ROW_BEGIN,          /* value: measurement number; counting is armed */
    TLBMARK_ROW_OPS,            /* value: timed regions the row kept (its samples) */
    TLBMARK_ROW_BATCH,          /* value: operations per region (batch mode; else 1) */
    TLBMARK_ROW_END,            /* the row's figures are written */
    TLBMARK_REGION_BEGIN,       /* a timed region starts (counted only when armed) */
    TLBMARK_REGION_END,
    TLBMARK_ROW_PRINT,          /* value: measurement number of the next results row */
    TLBMARK_IGNORE,             /* value: a 4-byte word whose loads are not modelled
                                   (tlbmark_on, which every marker reads first) */
    TLBMARK_NR_OPS
};

#if defined(HM_TLB_MODEL) && !defined(HM_HOST)
extern int tlbmark_on;          /* set once the window is mapped (tlbmark_setup) */

static inline __attribute__((always_inline)) void tlbmark(enum tlbmark_op op, uint32_t payload16)
{
    if (__builtin_expect(tlbmark_on, 1))
        (void)*(volatile uint8_t *)(TLBMARK_BASE + ((uint32_t)op << TLBMARK_OP_SHIFT) + (payload16 & 0xffff));
}
#else
static inline __attribute__((always_inline)) void tlbmark(enum tlbmark_op op, uint32_t payload16)
{
    (void)op;
    (void)payload16;
}
#endif

/* tlbmark32: op with a 32-bit value (two loads), with interrupts off
 * between them in the model image: an IPI handler's own markers (a flush)
 * must not fall between a HI and its op. */
static inline __attribute__((always_inline)) void tlbmark32(enum tlbmark_op op, uint32_t v)
{
#if defined(HM_TLB_MODEL) && !defined(HM_HOST)
    unsigned long flags;

    __asm__ volatile("pushfl; popl %0; cli" : "=r"(flags) : : "memory");
    tlbmark(TLBMARK_HI, v >> 16);
    tlbmark(op, v);
    __asm__ volatile("pushl %0; popfl" : : "r"(flags) : "memory", "cc");
#else
    tlbmark(TLBMARK_HI, v >> 16);
    tlbmark(op, v);
#endif
}

/* tlbmark_range: [start, end) is mapped as kind (TLBMARK_RANGE_*); the
 * newest announcement of an address wins. */
static inline void tlbmark_range(uint32_t start, uint32_t end, enum tlbmark_op kind)
{
    tlbmark32(TLBMARK_RANGE_START, start);
    tlbmark32(kind, end);
}

/* Maps the window and announces the layout (boot/tlbmark.c); empty unless
 * HM_TLB_MODEL. Call on the boot CPU once memory is set up, before any AP
 * starts (they load the same PDPT). */
#if defined(HM_TLB_MODEL) && !defined(HM_HOST)
void tlbmark_setup(void);
#else
static inline void tlbmark_setup(void) {}
#endif

#endif
