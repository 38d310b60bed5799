/* bench.c - walks the benchmark registry; see bench.h. */
#include "bench/bench.h"
#include "bench/b_timing.h"
#include "boot/cmdline.h"
#include "boot/console.h"

extern const struct registered __benches_start[], __benches_end[];

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
        b->fn();
        ran++;
    }
    if (!ran)
        printk("bench: no benchmark selected by bench=%s\n", filter);
    return EXIT_OK;
}
