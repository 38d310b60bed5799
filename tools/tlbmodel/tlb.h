/*
 * tlb.h - the modelled TLB of one CPU (tools/tlbmodel, docs/tlbmodel.md).
 *
 * Plain C, no QEMU: the plugin (plugin.c) drives it, and the host unit
 * test (tests/unit/test_tlbmodel.c) checks it under ASan/UBSan.
 *
 * One CPU has an L1 DTLB and an L1 ITLB, each as two set-associative
 * arrays (4 KiB entries, 2 MiB entries), and a unified second-level TLB
 * (STLB) that holds both sizes in one array. Every array replaces the
 * least recently used way of a set. An access looks up its L1 array; a miss
 * there looks up the STLB; a miss there is a page walk, which fills the STLB
 * and the L1 array. Entries remember whether their page was global, so a
 * CR3 reload can keep those and drop the rest.
 */
#ifndef TLBMODEL_TLB_H
#define TLBMODEL_TLB_H

#include <stdbool.h>
#include <stdint.h>

struct tlb_entry {
    uint32_t vpn;               /* va >> 12 (4 KiB) or va >> 21 (2 MiB) */
    uint8_t valid, large, global;
    uint64_t stamp;             /* last use; the smallest in a set goes first */
};

struct tlb_array {
    unsigned sets, ways;
    uint64_t clock;             /* stamps uses, so LRU is exact and deterministic */
    struct tlb_entry *e;        /* sets * ways, set s at e[s * ways] */
};

/* entries and ways of each array; entries is a multiple of ways. */
struct tlb_geom {
    unsigned entries, ways;
};

struct tlb_config {
    struct tlb_geom dtlb4k, dtlb2m, itlb4k, itlb2m, stlb;
};

/* The default: Intel's Golden Cove core (docs/tlbmodel.md, "Geometry"). */
extern const struct tlb_config tlb_default_config;

struct tlb_cpu {
    struct tlb_array d4k, d2m, i4k, i2m, stlb;
};

enum tlb_result {
    TLB_L1_HIT,                 /* the L1 array had it */
    TLB_STLB_HIT,               /* L1 missed, the STLB had it (L1 refilled) */
    TLB_WALK,                   /* both missed: a page walk filled both */
};

/* tlb_array_init: sets = entries / ways arrays of ways entries, all
 * invalid. Returns 0, or -1 for a geometry that cannot be (zero, or
 * entries not a multiple of ways), or when memory runs out. */
int tlb_array_init(struct tlb_array *a, struct tlb_geom g);
void tlb_array_free(struct tlb_array *a);

/* Whether a holds the page of va of that size; a hit becomes the set's
 * most recently used way. */
bool tlb_array_lookup(struct tlb_array *a, uint32_t va, bool large);

/* Puts the page of va in a (the set's invalid way, else its LRU way). */
void tlb_array_insert(struct tlb_array *a, uint32_t va, bool large, bool global);

/* invlpg: drops every entry that translates va (its 4 KiB page and the
 * 2 MiB page around it). Returns how many it dropped. */
unsigned tlb_array_flush_page(struct tlb_array *a, uint32_t va);

/* Drops every entry, or (keep_global) every non-global one. Returns how
 * many it dropped. */
unsigned tlb_array_flush(struct tlb_array *a, bool keep_global);

/* Valid entries in a. */
unsigned tlb_array_count(const struct tlb_array *a);

int tlb_cpu_init(struct tlb_cpu *c, const struct tlb_config *cfg);
void tlb_cpu_free(struct tlb_cpu *c);

/* One access of the page of va: fetch picks the ITLB, else the DTLB; large
 * and global describe the mapping (the caller knows the layout). */
enum tlb_result tlb_cpu_access(struct tlb_cpu *c, bool fetch, uint32_t va, bool large, bool global);

/* invlpg of va in every array of c; returns the entries dropped. */
unsigned tlb_cpu_flush_page(struct tlb_cpu *c, uint32_t va);

/* CR3 reload (keep_global) or a global flush (PGE toggle, INVPCID all):
 * returns the entries dropped from all arrays of c. */
unsigned tlb_cpu_flush(struct tlb_cpu *c, bool keep_global);

/* Parses "ENTRIES:WAYS" (decimal) into g. Returns 0, or -1 when s is not
 * two positive numbers with ENTRIES a multiple of WAYS. */
int tlb_geom_parse(const char *s, struct tlb_geom *g);

#endif
