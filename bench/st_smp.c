/*
 * st_smp.c - self-tests of SMP bring-up and cross-CPU calls: every AP
 * online (or exactly the ap_hold one missing), per-CPU identity through
 * %fs and the local APIC, calls that reach exactly the CPUs asked for,
 * and the concurrent-measurement helper.
 */
#include "bench/setup.h"
#include "bench/concurrent.h"
#include "bench/selftest.h"
#include "boot/apic.h"
#include "boot/percpu.h"
#include "boot/smp.h"
#include "boot/smp_call.h"

SELFTEST(smp_online)
{
    int online = num_online_cpus(), hold = ap_hold_cpu();
    cpumask_t want = (nr_cpu_ids == 32 ? ~0u : (1u << nr_cpu_ids) - 1) & ~(hold ? 1u << hold : 0);

    report(cpus_requested >= 1 && nr_cpu_ids <= cpus_requested, "smp_cpus_numbered",
           "nr_cpu_ids=%d cpus_requested=%d", nr_cpu_ids, cpus_requested);
    if (!hold) {
        report(online == cpus_requested && cpu_online_mask == want, "smp_all_aps_online",
               "cpus_online=%d cpus_requested=%d mask=0x%x", online, cpus_requested,
               cpu_online_mask);
        return;
    }
    report(!cpu_online(hold) && !percpu_area[hold].online && cpu_online_mask == want &&
           online == cpus_requested - 1, "smp_ap_hold_only_that_cpu_missing",
           "ap_hold=%d cpus_online=%d cpus_requested=%d mask=0x%x want 0x%x", hold, online,
           cpus_requested, cpu_online_mask, want);
}

struct id_rec {
    int cpu;
    uint32_t apic_id;
    struct percpu *self;
};
static struct id_rec id_recs[NR_CPUS];
static int id_count;

/* record_identity: runs on each CPU; appends what that CPU says it is. */
static void record_identity(void *info)
{
    int i = __atomic_fetch_add(&id_count, 1, __ATOMIC_RELAXED);
    (void)info;
    if (i < NR_CPUS)
        id_recs[i] = (struct id_rec){ smp_processor_id(), lapic_id(), this_cpu() };
}

SELFTEST(smp_percpu_identity)
{
    int seen[NR_CPUS] = { 0 }, bad = 0, n;

    id_count = 0;
    on_each_cpu(record_identity, 0);
    n = id_count;
    for (int i = 0; i < n && i < NR_CPUS; i++) {
        struct id_rec *r = &id_recs[i];
        if (r->cpu < 0 || r->cpu >= nr_cpu_ids || !cpu_online(r->cpu) ||
            r->apic_id != percpu_area[r->cpu].apic_id || r->self != &percpu_area[r->cpu]) {
            report(false, "smp_percpu_identity", "record %d: cpu=%d apic_id=%u self=%p, "
                   "boot CPU recorded apic_id=%u", i, r->cpu, r->apic_id, (void *)r->self,
                   r->cpu >= 0 && r->cpu < NR_CPUS ? percpu_area[r->cpu].apic_id : 0);
            bad++;
        } else {
            seen[r->cpu]++;
        }
    }
    for (int c = 0; c < nr_cpu_ids; c++)
        if (seen[c] != (cpu_online(c) ? 1 : 0))
            bad++;
    report(!bad && n == num_online_cpus(), "smp_percpu_identity",
           "%d records from %d online CPUs, %d bad", n, num_online_cpus(), bad);
}

static int hits[NR_CPUS];

static void count_hit(void *info)
{
    (void)info;
    __atomic_add_fetch(&hits[smp_processor_id()], 1, __ATOMIC_RELAXED);
}

/* check_hits: every CPU in want was hit exactly once, every other never. */
static void check_hits(const char *name, cpumask_t want)
{
    int bad = -1;
    for (int c = 0; c < NR_CPUS && bad < 0; c++)
        if (hits[c] != (int)((want >> c) & 1))
            bad = c;
    report(bad < 0, name, "CPU %d ran the call %d times, want %u (mask 0x%x)", bad,
           bad < 0 ? 0 : hits[bad], bad < 0 ? 0 : (want >> bad) & 1, want);
    for (int c = 0; c < NR_CPUS; c++)
        hits[c] = 0;
}

SELFTEST(smp_call)
{
    cpumask_t odd = 0;

    on_each_cpu(count_hit, 0);
    check_hits("smp_call_all_once", cpu_online_mask);
    smp_call_function_many(cpu_online_mask, count_hit, 0);
    check_hits("smp_call_others_once", cpu_online_mask & ~1u);
    for (int c = 1; c < nr_cpu_ids; c += 2)
        odd |= 1u << c;
    on_each_cpu_mask(odd | 1u, count_hit, 0);
    check_hits("smp_call_subset_only", (odd | 1u) & cpu_online_mask);
    for (int c = 1; c < nr_cpu_ids; c++)
        if (cpu_online(c) && smp_call_function_single(c, count_hit, 0))
            hits[0] += 100;             /* makes check_hits fail on CPU 0 */
    check_hits("smp_call_single_each", cpu_online_mask & ~1u);
    report(smp_call_function_single(0, count_hit, 0) == -1 && hits[0] == 0,
           "smp_call_single_refuses_self", "hits[0]=%d", hits[0]);
}

/* The concurrent helper: op i must run on the i-th online CPU, and every
 * CPU must take part. */
struct where { int cpu_seen; int wrong; };

static void note_cpu(void *ctx)
{
    struct where *w = ctx;
    int me = smp_processor_id();
    if (w->cpu_seen < 0)
        w->cpu_seen = me;
    else if (w->cpu_seen != me)
        w->wrong++;
}

SELFTEST(smp_measure_concurrent)
{
    static struct where w[NR_CPUS];
    static struct op ops[NR_CPUS];
    static struct conc_result r;
    int n = num_online_cpus(), bad = 0;

    for (int i = 0; i < NR_CPUS; i++) {
        w[i] = (struct where){ -1, 0 };
        ops[i] = (struct op){ 0, note_cpu, 0, &w[i] };
    }
    measure_concurrent(n, ops, 0, 64, &r);
    for (int i = 0; i < r.ncpus; i++)
        if (w[i].cpu_seen != r.cpu[i] || w[i].wrong || r.st[i].samples != 64 ||
            (i && r.cpu[i] <= r.cpu[i - 1]))
            bad++;
    report(r.ncpus == n && r.cpu[0] == 0 && !bad, "smp_measure_concurrent_per_cpu",
           "ncpus=%d of %d, %d CPUs measured the wrong op or samples", r.ncpus, n, bad);
}
