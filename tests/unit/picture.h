/*
 * picture.h - a snapshot of the buddy's free counts (per zone, per order),
 * to compare before and after a test.
 */
#ifndef TESTS_PICTURE_H
#define TESTS_PICTURE_H

#include <string.h>
#include "hm/gfp.h"

struct picture {
    unsigned long nr_free[MAX_NR_ZONES][MAX_ORDER];
    unsigned long free_pages[MAX_NR_ZONES];
};

static inline void picture_take(struct picture *p)
{
    int z, o;

    memset(p, 0, sizeof(*p));
    for (z = 0; z < MAX_NR_ZONES; z++) {
        p->free_pages[z] = node_zones[z].free_pages;
        for (o = 0; o < MAX_ORDER; o++)
            p->nr_free[z][o] = node_zones[z].free_area[o].nr_free;
    }
}

/* The buddy's own tests look at its lists alone: send every order-0
 * alloc and free straight through (zone_pcp_disable on every zone).
 * Run after each sim_boot, which enables the pcp lists again. */
static inline void buddy_only(void)
{
    for (int z = 0; z < MAX_NR_ZONES; z++)
        zone_pcp_disable(&node_zones[z]);
}

static inline int picture_same(const struct picture *a, const struct picture *b)
{
    return memcmp(a, b, sizeof(*a)) == 0;
}

#endif
