/* bench.c - walks the benchmark registry and measures variants; see bench.h. */
#include "bench/bench.h"
#include "bench/args.h"
#include "bench/b_timing.h"
#include "bench/concurrent.h"
#include "boot/cmdline.h"
#include "boot/console.h"

extern const struct registered __benches_start[], __benches_end[];

/* op_of: the struct op of v, with ctx. */
static struct op op_of(const struct variant *v, void *ctx)
{
    return (struct op){ .prep = v->prep, .op = v->op, .post = v->post, .ctx = ctx };
}

/* key_of: the row key of v, measured on CPU 0. */
static struct row_key key_of(const struct variant *v)
{
    return (struct row_key){ .variant = v->variant, .param_name = v->param_name,
                             .param = v->param, .param_str = v->param_str,
                             .cpu = 0, .ncpus = v->ncpus ? v->ncpus : 1 };
}

void bench_variant(const struct variant *v)
{
    const char *why = "not valid here";
    struct op o = op_of(v, v->ctx);
    struct row_key k = key_of(v);
    uint32_t n = v->samples ? v->samples : args.samples;
    struct stats st;

    if (v->valid && !v->valid(v, &why)) {
        table_skip(v->variant, why);
        return;
    }
    if (v->mode == BATCH_MODE)
        measure_batch(&o, n / 10 ? n / 10 : 1, &st);
    else
        measure_samples(&o, n, &st);
    table_row(&k, &st);
}

void bench_variants(const struct variant *v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        bench_variant(&v[i]);
}

void bench_concurrent(const struct variant *v, int ncpus, void *const *ctx)
{
    static struct op ops[NR_CPUS];
    static struct conc_result r;
    uint32_t n = v->samples ? v->samples : args.samples;

    for (int i = 0; i < ncpus && i < NR_CPUS; i++)
        ops[i] = op_of(v, ctx ? ctx[i] : v->ctx);
    measure_concurrent(ncpus, ops, v->mode == BATCH_MODE, n, &r);
    conc_rows(v->variant, v->param_name ? v->param_name : "", v->param, &r);
}

const char *bench_names(void)
{
    static char buf[1024];
    return registry_names(__benches_start, __benches_end, buf, sizeof(buf));
}

int bench_run(const char *filter)
{
    int ran = 0;

    timing_meta();
    for (const struct registered *b = __benches_start; b < __benches_end; b++) {
        if (!list_selects(filter, b->name))
            continue;
        printk("-- bench %s\n", b->name);
        table_begin(b->name);
        b->fn();
        table_end();
        ran++;
    }
    if (!ran)
        printk("bench: no benchmark selected by bench=%s\n", filter);
    return EXIT_OK;
}
