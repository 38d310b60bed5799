// SPDX-License-Identifier: GPL-2.0
/* rows.c - see rows.h. */
#include <linux/kernel.h>
#include "bench/args.h"
#include "boot/console.h"
#include "concurrent.h"
#include "rows.h"

#define MAX_ROWS 128

static struct row_key keys[MAX_ROWS];
static struct stats st[MAX_ROWS];
static u32 overlap[MAX_ROWS];
static int nrows;

/* next_row: the slot of the next kept row. */
static int next_row(const char *bench)
{
	if (nrows == MAX_ROWS)
		panic("peer: more than %d rows in table %s", MAX_ROWS, bench);
	overlap[nrows] = 10000;
	return nrows++;
}

void keep_row(const char *bench, const char *variant, const char *param_name, u64 param,
	      const char *param_str, int ncpus, const struct op *o, int batch, u32 n)
{
	int i = next_row(bench);

	if (!n)
		n = args.samples;
	keys[i] = (struct row_key){ variant, param_name, param, param_str, 0, ncpus };
	if (batch)
		measure_batch(o, n / 10 ? n / 10 : 1, &st[i]);
	else
		measure_samples(o, n, &st[i]);
}

void keep_stats(const char *bench, const struct row_key *k, const struct stats *s, u32 ov)
{
	int i = next_row(bench);

	keys[i] = *k;
	st[i] = *s;
	overlap[i] = ov;
}

/* overlap_note: hmbench's warning for a concurrent row whose timed window
 * ran with every CPU busy less than CONC_OVERLAP_MIN of the time. */
static void overlap_note(const char *bench, const struct row_key *k, u32 ov)
{
	char line[200], pv[32] = "";

	if (k->param_name[0])
		snprintf(pv, sizeof(pv), " %s=%llu", k->param_name, (unsigned long long)k->param);
	snprintf(line, sizeof(line), "WARNING: overlap: %s/%s%s ncpus=%d cpu %d: only %u.%02u%% "
		 "of its timed window ran with every CPU busy (< %u%%)", bench, k->variant, pv,
		 k->ncpus, k->cpu, ov / 100, ov % 100, CONC_OVERLAP_MIN / 100);
	table_note(line);
}

void print_rows(const char *name)
{
	table_begin_now(name);
	for (int i = 0; i < nrows; i++) {
		table_row(&keys[i], &st[i]);
		if (overlap[i] < CONC_OVERLAP_MIN)
			overlap_note(name, &keys[i], overlap[i]);
	}
	table_end();
	nrows = 0;
}

void bench_skip(const char *bench, const char *variant, const char *why)
{
	char line[200];

	snprintf(line, sizeof(line), "SKIP: %s/%s (%s)", bench, variant, why);
	table_note(line);
}
