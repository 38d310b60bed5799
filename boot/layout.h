/*
 * layout.h - the one header for hmbench's virtual and physical address layout.
 *
 * Linux 3G/1G split on 32-bit x86 with PAE (64-bit PTEs, 36-bit physical).
 * Every other file uses these names; none repeats a number from here.
 *
 *   0xFFFFFFFF +---------------------------+
 *              | (one unused page)         |
 *   FIXADDR_TOP+---------------------------+ 0xFFFFF000
 *              | fixmap: FIX_HOLE,         |  __fix_to_virt(i) =
 *              |  FIX_APIC_BASE, FIX_TEST, |    FIXADDR_TOP - (i << PAGE_SHIFT)
 *              |  FIX_ACPI, FIX_KMAP_BEGIN |  KM_MAX_IDX slots per CPU
 *              |  FIX_KMAP_END             |
 * FIXADDR_START+---------------------------+ (inside the last 2 MiB PMD)
 *              | (unused)                  |
 *              +---------------------------+ PKMAP_BASE + LAST_PKMAP pages
 *              | pkmap: LAST_PKMAP = 512   |  one PTE page, 2 MiB aligned
 *   PKMAP_BASE +---------------------------+ 0xFFC00000
 *              | 2-page gap                |
 *  VMALLOC_END +---------------------------+ PKMAP_BASE - 2 * PAGE_SIZE
 *              | vmalloc area              |
 *VMALLOC_START +---------------------------+ high_memory + VMALLOC_OFFSET
 *              | 8 MiB hole (catches overruns of the direct map)
 *  high_memory +---------------------------+ PAGE_OFFSET + lowmem bytes
 *              | lowmem direct map,        |  virt = PAGE_OFFSET + phys,
 *              |  at most MAXMEM = 896 MiB |  2 MiB global pages
 *  PAGE_OFFSET +---------------------------+ 0xC0000000
 *              | TLB model marker window   |  TLBMARK_SIZE, mapped only in
 *TLBMARK_BASE  +---------------------------+  the ACCEL=model image
 *              | user half: only the boot  |  identity map of the first
 *              |  identity map (non-global)|  LOW_IDENT_BYTES of RAM, until
 *              |                           |  zap_low_mappings (after AP
 *              |                           |  bring-up): then nothing
 *   0x00000000 +---------------------------+
 *
 * Physical: the image is loaded at KERNEL_PHYS (1 MiB). ZONE_DMA is below
 * 16 MiB, ZONE_NORMAL up to MAXMEM, ZONE_HIGHMEM above, up to 64 GiB.
 *
 * This header has no code and no includes: it builds for the image, for
 * the host unit tests and in assembler.
 */
#ifndef HM_LAYOUT_H
#define HM_LAYOUT_H

#ifdef __ASSEMBLER__
#define _UL(x) x
#define _ULL(x) x
#else
#define _UL(x) x##UL
#define _ULL(x) x##ULL
#endif

#define PAGE_SHIFT      12
#define PAGE_SIZE       (_UL(1) << PAGE_SHIFT)
#define PAGE_MASK       (~(PAGE_SIZE - 1))
#define PMD_SHIFT       21                      /* one PAE PDE maps 2 MiB */
#define PMD_SIZE        (_UL(1) << PMD_SHIFT)
#define PMD_MASK        (~(PMD_SIZE - 1))
#define PTRS_PER_PTE    512
#define PTRS_PER_PMD    512
#define PTRS_PER_PGD    4                       /* PDPT entries */
#define PGDIR_SHIFT     30

#define PAGE_OFFSET     _UL(0xC0000000)
#define KERNEL_PHYS     _UL(0x00100000)         /* load address of the image */
#define MAXMEM          _UL(0x38000000)         /* 896 MiB: the most lowmem */
#define VMALLOC_OFFSET  _UL(0x00800000)         /* 8 MiB gap after high_memory */
#define LOW_IDENT_BYTES _UL(0x00400000)         /* boot identity map: 4 MiB */

#define MAX_PHYSMEM_BITS 36                     /* PAE on qemu-system-i386 */
#define MAX_PHYS_ADDR   (_ULL(1) << MAX_PHYSMEM_BITS)

#define MAX_ORDER       11                      /* buddy orders 0..10 */
#define NR_CPUS         16

/* Zone boundaries (physical). */
#define MAX_DMA_ADDRESS _UL(0x01000000)         /* 16 MiB */

/* Permanent kernel mappings (pkmap): one PTE page, just below the fixmap. */
#define LAST_PKMAP      512
#define LAST_PKMAP_MASK (LAST_PKMAP - 1)
#define PKMAP_BASE      _UL(0xFFC00000)
#define PKMAP_NR(virt)  (((virt) - PKMAP_BASE) >> PAGE_SHIFT)
#define PKMAP_ADDR(nr)  (PKMAP_BASE + ((unsigned long)(nr) << PAGE_SHIFT))

#define VMALLOC_END     (PKMAP_BASE - 2 * PAGE_SIZE)
/* VMALLOC_START depends on RAM: high_memory + VMALLOC_OFFSET (hm/). */

/* Fixmap: fixed virtual addresses counted down from FIXADDR_TOP. */
#define KM_MAX_IDX      16                      /* kmap_atomic slots per CPU */
#define FIXADDR_TOP     _UL(0xFFFFF000)
#define FIX_HOLE        0
#define FIX_APIC_BASE   1                       /* local APIC registers */
/* Four slots for tests and benchmarks, one at a time (a test leaves its
 * slots cleared). Each is named for what it holds; share a name only
 * between users that never run at once. */
#define FIX_TEST        2                       /* a scratch mapping of one page */
#define FIX_TEST_ALIAS  3                       /* a second mapping beside FIX_TEST;
                                                   a global PTE in b_tlb; the page
                                                   another CPU caches (st_smp_tlb) */
#define FIX_TEST_NONGLOBAL 4                    /* b_tlb's non-global PTE; the page
                                                   b_shootdown shoots down */
#define FIX_TEST_PARK   5                       /* the page a parked CPU caches */
#define FIX_TEST_END    FIX_TEST_PARK
#define FIX_ACPI_BEGIN  6                       /* ACPI table window: 2 pages, */
#define FIX_ACPI_END    7                       /*  END is the lower address */
#define FIX_KMAP_BEGIN  8                       /* keep the kmap slots last */
#define FIX_KMAP_END    (FIX_KMAP_BEGIN + KM_MAX_IDX * NR_CPUS - 1)
#define __end_of_fixed_addresses (FIX_KMAP_END + 1)
#define FIXADDR_SIZE    (__end_of_fixed_addresses * PAGE_SIZE)
#define FIXADDR_START   (FIXADDR_TOP - FIXADDR_SIZE)
#define __fix_to_virt(x) (FIXADDR_TOP - ((unsigned long)(x) << PAGE_SHIFT))
#define __virt_to_fix(v) ((FIXADDR_TOP - ((v) & PAGE_MASK)) >> PAGE_SHIFT)

/* The whole fixmap sits in the last PMD; pkmap in the one before it. */
#define FIXMAP_PMD_BASE (PKMAP_BASE + PMD_SIZE)

/* The TLB model's marker window (docs/tlbmodel.md): the last 2 MiB of
 * the user half, mapped (one read-only 2 MiB page) only in the image built
 * with HM_TLB_MODEL. A 1-byte load at TLBMARK_BASE + (op << TLBMARK_OP_SHIFT)
 * + payload tells the plugin an event it cannot see; boot/tlbmark.h. */
#define TLBMARK_BASE     (PAGE_OFFSET - PMD_SIZE)
#define TLBMARK_SIZE     PMD_SIZE
#define TLBMARK_OP_SHIFT 16                     /* 16 payload bits, 5 op bits */

/* Each CPU's kernel stack: KSTACK_SIZE bytes, page aligned, right above
 * one unmapped guard page (boot/stack_guard.c), so an overflow faults. */
#define KSTACK_SIZE     _UL(16384)

/* Low physical memory used before the allocator exists. */
#define AP_TRAMPOLINE_PHYS _UL(0x00008000)      /* SIPI vector 0x08 */

/* Build-time checks of the layout (C only). */
#ifndef __ASSEMBLER__
_Static_assert(PKMAP_BASE % PMD_SIZE == 0, "PKMAP_BASE must be 2 MiB aligned");
_Static_assert(LAST_PKMAP == PTRS_PER_PTE, "pkmap is exactly one PTE page");
_Static_assert(FIXADDR_START >= FIXMAP_PMD_BASE, "fixmap must fit in the last PMD");
_Static_assert(TLBMARK_BASE >= LOW_IDENT_BYTES, "the marker window is above the identity map");
_Static_assert(PAGE_OFFSET + MAXMEM + VMALLOC_OFFSET < VMALLOC_END, "no room for vmalloc");
#endif

#endif
