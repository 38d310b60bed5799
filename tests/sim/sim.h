/*
 * sim.h - the host's stand-in for the machine behind hm/arch.h.
 *
 * Physical memory is one sparse anonymous mapping (MAP_NORESERVE): a
 * 64 GiB machine costs only the pages hm/ touches. The simulated boot
 * state matches what boot/ leaves behind: the image at KERNEL_PHYS, a
 * kernel PMD page right after it with 2 MiB global PDEs for 0..MAXMEM at
 * PAGE_OFFSET and its last PDE on the fixmap's PTE page (the image's last
 * page), then a page of "saved boot information".
 */
#ifndef TESTS_SIM_H
#define TESTS_SIM_H

#include <setjmp.h>
#include "hm/arch.h"
#include "hm/pgtable.h"

#define SIM_IMAGE_END       0x00300000ULL    /* image: KERNEL_PHYS..here */
#define SIM_FIXMAP_PT_PHYS  (SIM_IMAGE_END - PAGE_SIZE)  /* boot_pt_fixmap, in the image */
#define SIM_BOOT_PMD_PHYS   SIM_IMAGE_END    /* boot page directory (1 page) */
#define SIM_BOOTINFO_PHYS   (SIM_BOOT_PMD_PHYS + PAGE_SIZE)
#define SIM_BOOTINFO_BYTES  PAGE_SIZE
#define SIM_NO_PAGE         (~0ULL)          /* sim_translate: not mapped */

/* One Multiboot2 memory-map entry. */
struct sim_mmap_entry {
    uint64_t base, len;
    uint32_t type;
};

struct sim_counters {
    unsigned long invlpg, flush_local, flush_global;
};
extern struct sim_counters sim_count;

/* Record of PTE half writes (pgtable.h routes them here on the host). */
#define SIM_PTE_LOG 8
struct sim_pte_write {
    volatile pte_half_t *half;
    uint32_t val;
};
extern struct sim_pte_write sim_pte_log[SIM_PTE_LOG];
extern unsigned long sim_pte_writes;   /* total; the log holds the last 8 */

extern uint8_t *sim_ram;
extern uint64_t sim_ram_bytes;

/* Map phys_bytes of zeroed simulated RAM (replacing any earlier one), zero
 * the counters and lay out the boot state described above. */
void sim_init(uint64_t phys_bytes);

/* Unmap the simulated RAM. */
void sim_fini(void);

/* A whole boot as the guest's main does it: sim_init() big enough for the
 * map (capped at MAX_PHYS_ADDR), memblock_init(), every entry, the image /
 * boot PMD / boot info reservations, then mm_init(phys_bits). */
void sim_boot(const struct sim_mmap_entry *map, int n, unsigned int phys_bits);

/* Walk the simulated kernel page tables: the physical address va maps to,
 * or SIM_NO_PAGE. Only the kernel quarter (PDPT[3]) exists. No TLB. */
uint64_t sim_translate(unsigned long va);

/* The simulated TLB (sim_tlb.c), one per simulated CPU, in front of
 * sim_translate: sim_tlb_translate caches what it walks and keeps it until
 * arch_invlpg / arch_flush_tlb_* on that CPU drop it, whatever the PTEs
 * say meanwhile. sim_read32/sim_write32 access guest address va through
 * it; false when it does not translate (a page fault). */
uint64_t sim_tlb_translate(unsigned long va);
bool sim_tlb_cached(unsigned long va);   /* this CPU's TLB holds va */
bool sim_read32(unsigned long va, uint32_t *val);
bool sim_write32(unsigned long va, uint32_t val);
void sim_tlb_reset(void);                /* empty every TLB (sim_init) */
extern unsigned long sim_tlb_hits, sim_tlb_misses;
/* Make every flush a no-op (the counters still count): for tests that
 * prove a missing flush would be seen. sim_init clears it. */
extern bool sim_tlb_ignore_flushes;

/* Simulated CPUs: arch_cpu_id() is sim_cpu, arch_num_cpus() sim_ncpus
 * (sim_init: 0 and 1). arch_on_cpus runs the function on each CPU of its
 * mask in turn, sim_cpu switched, before it returns. */
extern int sim_cpu, sim_ncpus;

/* Called by arch_cpu_relax (inside spin loops), so a test can act as
 * another CPU while hm/ waits; sim_init clears it. Without one, a spin of
 * a million turns panics. */
extern void (*sim_relax_hook)(void);
/* Called by pte_read between its low and high half loads (NULL: none):
 * a test rewrites the entry there, as another CPU could. */
extern void (*sim_pte_read_hook)(const volatile pte_half_t *half);
extern unsigned long sim_relax_count;

/* Also append what arch_printf prints (without the "# ") to buf, kept
 * NUL-terminated; sim_capture(NULL, 0) stops. */
void sim_capture(char *buf, size_t size);

/* Panic hook. Use as
 *   if (sim_expect_panic() == 0) { code that should panic; } else { ... }
 *   sim_disarm_panic();
 * A panic while armed longjmps back (setjmp returns 1) and leaves its
 * message in sim_panic_msg; unarmed, it prints and aborts. */
#define sim_expect_panic() setjmp(*sim_arm_panic())
jmp_buf *sim_arm_panic(void);
void sim_disarm_panic(void);
extern char sim_panic_msg[512];
extern unsigned long sim_panics;

#endif
