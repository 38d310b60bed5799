/*
 * hm_pages.h - helpers shared by the kmap host tests: boot a machine with
 * highmem, take distinct highmem pages, and write/read a page's first word
 * through the simulated RAM (the physical truth, no MMU).
 */
#ifndef TESTS_HM_PAGES_H
#define TESTS_HM_PAGES_H

#include <stdlib.h>
#include <string.h>
#include "tests/unit/check.h"
#include "tests/unit/machines.h"
#include "hm/gfp.h"
#include "hm/highmem.h"
#include "hm/paging.h"

/* Boot the 1 GiB machine (128 MiB of highmem: 32k pages) afresh. */
static inline void boot_1g(void)
{
    sim_boot(machines[1].map, machines[1].n, 36);
}

/* n distinct highmem pages into v; fails the test run if there are not. */
static inline void take_high(struct page **v, int n)
{
    for (int i = 0; i < n; i++) {
        v[i] = alloc_page(__GFP_HIGHMEM);
        if (!v[i] || !PageHighMem(v[i])) {
            printf("not ok - take_high: highmem page %d of %d not available\n", i, n);
            exit(1);
        }
    }
}

/* The first word of page p in simulated physical RAM. */
static inline uint32_t *phys_word(struct page *p)
{
    return (uint32_t *)(sim_ram + page_to_phys(p));
}

/* Run expr, which must panic; true when the message contains want. */
#define PANICS_WITH(expr, want) ({                                  \
        volatile bool hit_ = false;                                        \
        if (sim_expect_panic() == 0) { expr; }                      \
        else hit_ = strstr(sim_panic_msg, want) != NULL;            \
        sim_disarm_panic();                                         \
        hit_; })

#endif
