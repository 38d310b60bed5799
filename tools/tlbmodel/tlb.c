/* tlb.c - the set-associative LRU TLB model; see tlb.h. */
#include "tools/tlbmodel/tlb.h"

#include <stdlib.h>

/*
 * Golden Cove (12th-generation Core P-core), from Intel's optimization
 * reference manual's table of its TLB parameters (Hennessy and Patterson,
 * CAQA 7th ed., give the same for the Core i9-12900): DTLB (loads) 4 KiB
 * 96 entries 6-way, 2M/4M 32 entries 4-way; ITLB 4 KiB 256 entries 8-way,
 * 2M/4M 32 entries 8-way; STLB 4K/2M/4M 2048 entries 16-way.
 */
const struct tlb_config tlb_default_config = {
    .dtlb4k = { 96, 6 },
    .dtlb2m = { 32, 4 },
    .itlb4k = { 256, 8 },
    .itlb2m = { 32, 8 },
    .stlb   = { 2048, 16 },
};

int tlb_array_init(struct tlb_array *a, struct tlb_geom g)
{
    a->e = 0;
    if (g.entries == 0 || g.ways == 0 || g.entries % g.ways)
        return -1;
    a->sets = g.entries / g.ways;
    a->ways = g.ways;
    a->clock = 0;
    a->e = calloc(g.entries, sizeof(*a->e));
    return a->e ? 0 : -1;
}

void tlb_array_free(struct tlb_array *a)
{
    free(a->e);
    a->e = 0;
}

static uint32_t vpn_of(uint32_t va, bool large)
{
    return large ? va >> 21 : va >> 12;
}

/* set_of: the first way of the set the page of vpn lives in. */
static struct tlb_entry *set_of(struct tlb_array *a, uint32_t vpn)
{
    return &a->e[(vpn % a->sets) * a->ways];
}

bool tlb_array_lookup(struct tlb_array *a, uint32_t va, bool large)
{
    uint32_t vpn = vpn_of(va, large);
    struct tlb_entry *s = set_of(a, vpn);

    for (unsigned w = 0; w < a->ways; w++) {
        if (s[w].valid && s[w].large == large && s[w].vpn == vpn) {
            s[w].stamp = ++a->clock;
            return true;
        }
    }
    return false;
}

void tlb_array_insert(struct tlb_array *a, uint32_t va, bool large, bool global)
{
    uint32_t vpn = vpn_of(va, large);
    struct tlb_entry *s = set_of(a, vpn), *victim = &s[0];

    for (unsigned w = 0; w < a->ways; w++) {
        if (!s[w].valid) {
            victim = &s[w];
            break;
        }
        if (s[w].stamp < victim->stamp)
            victim = &s[w];
    }
    victim->vpn = vpn;
    victim->valid = 1;
    victim->large = large;
    victim->global = global;
    victim->stamp = ++a->clock;
}

unsigned tlb_array_flush_page(struct tlb_array *a, uint32_t va)
{
    unsigned dropped = 0;

    for (int large = 0; large <= 1; large++) {
        uint32_t vpn = vpn_of(va, large);
        struct tlb_entry *s = set_of(a, vpn);

        for (unsigned w = 0; w < a->ways; w++) {
            if (s[w].valid && s[w].large == large && s[w].vpn == vpn) {
                s[w].valid = 0;
                dropped++;
            }
        }
    }
    return dropped;
}

unsigned tlb_array_flush(struct tlb_array *a, bool keep_global)
{
    unsigned dropped = 0;

    for (unsigned i = 0; i < a->sets * a->ways; i++) {
        if (a->e[i].valid && !(keep_global && a->e[i].global)) {
            a->e[i].valid = 0;
            dropped++;
        }
    }
    return dropped;
}

unsigned tlb_array_count(const struct tlb_array *a)
{
    unsigned n = 0;

    for (unsigned i = 0; i < a->sets * a->ways; i++)
        n += a->e[i].valid;
    return n;
}

int tlb_cpu_init(struct tlb_cpu *c, const struct tlb_config *cfg)
{
    int bad = tlb_array_init(&c->d4k, cfg->dtlb4k);
    bad |= tlb_array_init(&c->d2m, cfg->dtlb2m);
    bad |= tlb_array_init(&c->i4k, cfg->itlb4k);
    bad |= tlb_array_init(&c->i2m, cfg->itlb2m);
    bad |= tlb_array_init(&c->stlb, cfg->stlb);
    if (bad)
        tlb_cpu_free(c);
    return bad ? -1 : 0;
}

void tlb_cpu_free(struct tlb_cpu *c)
{
    tlb_array_free(&c->d4k);
    tlb_array_free(&c->d2m);
    tlb_array_free(&c->i4k);
    tlb_array_free(&c->i2m);
    tlb_array_free(&c->stlb);
}

enum tlb_result tlb_cpu_access(struct tlb_cpu *c, bool fetch, uint32_t va, bool large, bool global)
{
    struct tlb_array *l1 = fetch ? (large ? &c->i2m : &c->i4k) : (large ? &c->d2m : &c->d4k);

    if (tlb_array_lookup(l1, va, large))
        return TLB_L1_HIT;
    if (tlb_array_lookup(&c->stlb, va, large)) {
        tlb_array_insert(l1, va, large, global);
        return TLB_STLB_HIT;
    }
    tlb_array_insert(&c->stlb, va, large, global);
    tlb_array_insert(l1, va, large, global);
    return TLB_WALK;
}

unsigned tlb_cpu_flush_page(struct tlb_cpu *c, uint32_t va)
{
    return tlb_array_flush_page(&c->d4k, va) + tlb_array_flush_page(&c->d2m, va) +
           tlb_array_flush_page(&c->i4k, va) + tlb_array_flush_page(&c->i2m, va) +
           tlb_array_flush_page(&c->stlb, va);
}

unsigned tlb_cpu_flush(struct tlb_cpu *c, bool keep_global)
{
    return tlb_array_flush(&c->d4k, keep_global) + tlb_array_flush(&c->d2m, keep_global) +
           tlb_array_flush(&c->i4k, keep_global) + tlb_array_flush(&c->i2m, keep_global) +
           tlb_array_flush(&c->stlb, keep_global);
}

/* parse_uint: a positive decimal number ending at *end (':' or NUL). */
static int parse_uint(const char **p, char stop, unsigned *out)
{
    unsigned long v = 0;
    const char *s = *p;

    if (*s < '0' || *s > '9')
        return -1;
    while (*s >= '0' && *s <= '9') {
        v = v * 10 + (unsigned long)(*s++ - '0');
        if (v > 1000000)
            return -1;
    }
    if (*s != stop || v == 0)
        return -1;
    *out = (unsigned)v;
    *p = s + (stop != 0);
    return 0;
}

int tlb_geom_parse(const char *s, struct tlb_geom *g)
{
    struct tlb_geom t;

    if (parse_uint(&s, ':', &t.entries) || parse_uint(&s, 0, &t.ways) || t.entries % t.ways)
        return -1;
    *g = t;
    return 0;
}
