/*
 * st_pcp.c - the per-CPU page lists (hm/page_pcp.c) lose no page across
 * CPUs. CPU B takes NPAGES order-0 pages from each zone; CPU 0 frees them
 * onto its own lists; CPU B then frees pages CPU 0 took. After each step
 * the free total (buddy + every list, nr_free_pages) is exact and every
 * list holds only PG_pcp pages of its zone, as many as its count says.
 * Then B, whose lists now hold pages, is parked: its lists must be empty
 * at once, with the total unchanged, and B rejoins.
 */
#include "bench/selftest.h"
#include "boot/smp.h"
#include "boot/smp_work.h"
#include "hm/gfp.h"
#include "hm/tlbflush.h"

#define NPAGES 100

static const gfp_t zone_gfp[MAX_NR_ZONES] = { GFP_DMA, GFP_KERNEL, GFP_HIGHUSER };
static struct page *taken[2][MAX_NR_ZONES][NPAGES];     /* [0]: by CPU 0, [1]: by B */

struct pcp_job {
    int take;                   /* 1: fill taken[1]; 0: free taken[0] */
    unsigned long got;
};

static void take_pages(struct page *(*set)[NPAGES], unsigned long *got)
{
    for (int z = 0; z < MAX_NR_ZONES; z++)
        for (int i = 0; i < NPAGES; i++)
            *got += (set[z][i] = alloc_page(zone_gfp[z])) != NULL;
}

static void free_set(struct page *(*set)[NPAGES])
{
    for (int z = 0; z < MAX_NR_ZONES; z++)
        for (int i = 0; i < NPAGES; i++)
            if (set[z][i])
                __free_page(set[z][i]);
}

static void on_b(void *p)
{
    struct pcp_job *job = p;

    if (job->take)
        take_pages(taken[1], &job->got);
    else
        free_set(taken[0]);
}

/* Faults in every list: pages not PG_pcp or in another zone, a count
 * that is not the length, a count at or past high. */
static unsigned long list_faults(void)
{
    unsigned long bad = 0;

    for (int z = 0; z < MAX_NR_ZONES; z++) {
        for (int c = 0; c < NR_CPUS; c++) {
            struct per_cpu_pages *pcp = &node_zones[z].pcp[c];
            struct list_head *pos;
            int n = 0;

            list_for_each(pos, &pcp->list) {
                struct page *page = list_entry(pos, struct page, lru);
                bad += page->flags != PG_pcp || page_zone(page) != &node_zones[z];
                n++;
            }
            bad += n != pcp->count || n >= pcp->high;
        }
    }
    return bad;
}

static int b_count(int b)
{
    int n = 0;

    for (int z = 0; z < MAX_NR_ZONES; z++)
        n += node_zones[z].pcp[b].count;
    return n;
}

SELFTEST(pcp_cross_cpu)
{
    static struct pcp_job job;
    unsigned long free0 = nr_free_pages(), got0 = 0;
    int b = -1;

    for (int c = nr_cpu_ids - 1; c > 0 && b < 0; c--)   /* the last online AP */
        if (cpu_online(c))
            b = c;
    if (b < 0) {
        report_skip("pcp_cross_cpu", "needs a second online CPU");
        return;
    }
    job = (struct pcp_job){ .take = 1 };
    smp_post_work(b, on_b, &job);
    smp_wait_work(b);
    take_pages(taken[0], &got0);
    report(nr_free_pages() == free0 - job.got - got0 && !list_faults(), "pcp_alloc_both_cpus",
           "CPU 0 took %lu, CPU %d %lu: free %lu, want %lu; %lu list faults", got0, b, job.got,
           nr_free_pages(), free0 - job.got - got0, list_faults());
    free_set(taken[1]);                                 /* CPU 0 frees B's pages */
    job = (struct pcp_job){ .take = 0 };
    smp_post_work(b, on_b, &job);                       /* B frees CPU 0's */
    smp_wait_work(b);
    if (!got0)          /* small RAM: B took every page, so B had none of CPU 0's to free */
        report_skip("pcp_free_other_cpu_no_loss", "CPU 0 got no page: too little free RAM");
    else
        report(nr_free_pages() == free0 && !list_faults() && b_count(b) > 0,
               "pcp_free_other_cpu_no_loss", "free %lu, want %lu; %lu list faults; CPU %d lists %d pages",
               nr_free_pages(), free0, list_faults(), b, b_count(b));
    set_cpu_active(b, false);
    report(b_count(b) == 0 && nr_free_pages() == free0 && !list_faults(), "pcp_park_drains",
           "CPU %d still lists %d pages when parked; free %lu, want %lu", b, b_count(b),
           nr_free_pages(), free0);
    set_cpu_active(b, true);
}
