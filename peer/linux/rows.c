// SPDX-License-Identifier: GPL-2.0
/* rows.c - see rows.h. */
#include <linux/kernel.h>
#include "bench/args.h"
#include "boot/console.h"
#include "rows.h"

#define MAX_ROWS 128

static struct row_key keys[MAX_ROWS];
static struct stats st[MAX_ROWS];
static int nrows;

void keep_row(const char *bench, const char *variant, const char *param_name, u64 param,
	      const char *param_str, int ncpus, const struct op *o, int batch, u32 n)
{
	if (nrows == MAX_ROWS)
		panic("peer: more than %d rows in table %s", MAX_ROWS, bench);
	if (!n)
		n = args.samples;
	keys[nrows] = (struct row_key){ variant, param_name, param, param_str, 0, ncpus };
	if (batch)
		measure_batch(o, n / 10 ? n / 10 : 1, &st[nrows]);
	else
		measure_samples(o, n, &st[nrows]);
	nrows++;
}

void print_rows(const char *name)
{
	table_begin_now(name);
	for (int i = 0; i < nrows; i++)
		table_row(&keys[i], &st[i]);
	table_end();
	nrows = 0;
}

void bench_skip(const char *bench, const char *variant, const char *why)
{
	char line[200];

	snprintf(line, sizeof(line), "SKIP: %s/%s (%s)", bench, variant, why);
	table_note(line);
}
