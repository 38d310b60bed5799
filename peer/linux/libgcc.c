// SPDX-License-Identifier: GPL-2.0
/*
 * libgcc.c - the 64-bit division helpers gcc calls on i386 for the shared
 * bench/ files (stats.c, table.c, timing.c divide u64s in plain C).
 * hmbench links libgcc; Linux does not, so the peer gives gcc these, on
 * top of Linux's div64_u64_rem. Only the peer's own code calls them.
 */
#include <linux/math64.h>
#include <linux/types.h>

u64 __udivdi3(u64 a, u64 b);
u64 __umoddi3(u64 a, u64 b);
u64 __udivmoddi4(u64 a, u64 b, u64 *rem);

u64 __udivmoddi4(u64 a, u64 b, u64 *rem)
{
	u64 r, q = div64_u64_rem(a, b, &r);

	if (rem)
		*rem = r;
	return q;
}

u64 __udivdi3(u64 a, u64 b)
{
	return div64_u64(a, b);
}

u64 __umoddi3(u64 a, u64 b)
{
	u64 r;

	div64_u64_rem(a, b, &r);
	return r;
}
