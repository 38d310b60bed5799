/* stats.c - order statistics, mean and standard deviation of samples. */
#include "bench/timing.h"

/* sift_down: restore the max-heap below root in v[0..n). */
static void sift_down(uint32_t *v, uint32_t root, uint32_t n)
{
    for (;;) {
        uint32_t child = 2 * root + 1, t;
        if (child >= n)
            return;
        if (child + 1 < n && v[child + 1] > v[child])
            child++;
        if (v[root] >= v[child])
            return;
        t = v[root], v[root] = v[child], v[child] = t;
        root = child;
    }
}

/* sort_u32: heap sort, ascending, in place, O(n log n), no extra memory. */
void sort_u32(uint32_t *v, uint32_t n)
{
    for (uint32_t i = n / 2; i-- > 0;)
        sift_down(v, i, n);
    for (uint32_t end = n; end-- > 1;) {
        uint32_t t = v[0];
        v[0] = v[end], v[end] = t;
        sift_down(v, 0, end);
    }
}

/* isqrt: floor(sqrt(x)). */
static uint64_t isqrt(uint64_t x)
{
    uint64_t r = 0, bit = (uint64_t)1 << 62;
    while (bit > x)
        bit >>= 2;
    while (bit) {
        if (x >= r + bit) {
            x -= r + bit;
            r = (r >> 1) + bit;
        } else {
            r >>= 1;
        }
        bit >>= 2;
    }
    return r;
}

void stats_compute(uint32_t *v, uint32_t n, struct stats *st)
{
    uint64_t sum = 0, var = 0, mean_x100;

    sort_u32(v, n);
    st->samples = n;
    st->min = v[0];
    st->max = v[n - 1];
    st->p50 = v[(uint64_t)(n - 1) * 50 / 100];
    st->p90 = v[(uint64_t)(n - 1) * 90 / 100];
    st->p99 = v[(uint64_t)(n - 1) * 99 / 100];
    for (uint32_t i = 0; i < n; i++)
        sum += v[i];
    mean_x100 = sum * 100 / n;
    for (uint32_t i = 0; i < n; i++) {
        uint64_t x = (uint64_t)v[i] * 100;
        uint64_t d = x > mean_x100 ? x - mean_x100 : mean_x100 - x;
        uint64_t sq = d > 0xFFFFFFFFull ? UINT64_MAX : d * d;
        var = var > UINT64_MAX - sq / n ? UINT64_MAX : var + sq / n;
    }
    st->mean_x100 = mean_x100;
    st->stddev_x100 = isqrt(var);
}
