/* raw.c - raw=1 sample tables; see raw.h. */
#include "bench/raw.h"
#include "bench/args.h"
#include "bench/table.h"
#include "boot/console.h"
#include "boot/format.h"
#include "boot/string.h"

CMDLINE_KEY(raw_arg, "raw", ARG_UINT, 0, 0, 1);

/* A handle is 1 + the index of the kept copy in kept[]. */
struct kept { uint32_t off, n; };

static uint32_t store[RAW_MAX_SAMPLES];
static struct kept kept[RAW_MAX_ROWS];
static uint32_t store_used, kept_used;          /* taken atomically */
static struct { uint32_t row, handle; } noted[RAW_MAX_ROWS];
static uint32_t noted_n;

uint32_t raw_keep(const uint32_t *v, uint32_t n)
{
    uint32_t off, k;

    if (!raw_arg.set || !raw_arg.num)
        return 0;
    off = __atomic_fetch_add(&store_used, n, __ATOMIC_RELAXED);
    k = __atomic_fetch_add(&kept_used, 1, __ATOMIC_RELAXED);
    if (off + n > RAW_MAX_SAMPLES || k >= RAW_MAX_ROWS)
        panic("raw=1: more than %u samples or %u rows before one table ends (use fewer samples=)",
              RAW_MAX_SAMPLES, RAW_MAX_ROWS);
    memcpy(&store[off], v, (size_t)n * sizeof(*v));
    kept[k] = (struct kept){ off, n };
    return k + 1;
}

void raw_note_row(uint32_t row, uint32_t handle)
{
    if (noted_n >= RAW_MAX_ROWS)
        panic("raw=1: more than %u rows in one table", RAW_MAX_ROWS);
    noted[noted_n].row = row;
    noted[noted_n++].handle = handle;
}

void raw_flush(const char *table)
{
    static char name[64];
    uint32_t n = noted_n;

    noted_n = 0;                        /* table_end below calls us again */
    if (n) {
        hm_snprintf(name, sizeof(name), "%s.raw", table);
        table_begin_cols(name, "row,value");
        for (uint32_t i = 0; i < n; i++) {
            const struct kept *kp = &kept[noted[i].handle - 1];
            for (uint32_t j = 0; j < kp->n; j++) {
                char line[24];
                int len = hm_snprintf(line, sizeof(line), "%u,%u", noted[i].row, store[kp->off + j]);
                table_line(line, (size_t)len);
            }
        }
        table_end();
    }
    store_used = 0;
    kept_used = 0;
}
