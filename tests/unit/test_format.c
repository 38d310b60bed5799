/*
 * test_format.c - host tests of boot/format.c against the C library's
 * snprintf, plus the CRC-32 of bench/crc32.c against its check value.
 */
#include <stdio.h>
#include <string.h>
#include <stdint.h>
#include "boot/format.h"
#include "bench/crc32.h"

static int failures;

#define CHECK(cond, name, ...) do {                                         \
    if (cond) printf("ok - %s\n", name);                                    \
    else { failures++; printf("not ok - %s: ", name); printf(__VA_ARGS__); printf("\n"); } \
} while (0)

/* SAME: hm_snprintf and snprintf agree on this format and arguments. */
#define SAME(name, fmt, ...) do {                                           \
    char a[128], b[128];                                                    \
    int na = hm_snprintf(a, sizeof(a), fmt, __VA_ARGS__);                   \
    int nb = snprintf(b, sizeof(b), fmt, __VA_ARGS__);                      \
    CHECK(na == nb && !strcmp(a, b), name, "got '%s' (%d), libc '%s' (%d)", a, na, b, nb); \
} while (0)

int main(void)
{
    SAME("decimal", "%d %i %u", -42, 7, 4000000000u);
    SAME("int_min", "%d", (int)0x80000000);
    SAME("u64_max_decimal", "%llu", (unsigned long long)UINT64_MAX);
    SAME("i64_min_decimal", "%lld", (long long)INT64_MIN);
    SAME("u64_hex", "%llx %llX", 0x123456789abcdefULL, 0xfedcba9876543210ULL);
    SAME("hex_padding", "%08x|%8x|%-8x|", 0xbeefu, 0xbeefu, 0xbeefu);
    SAME("wide_zero_pad_negative", "%06d", -42);
    SAME("octal", "%o", 8u);
    SAME("string_width_prec", "[%5s][%-5s][%.2s]", "ab", "ab", "abcdef");
    SAME("char_and_percent", "%c%%%c", 'x', 'y');
    SAME("long_and_size", "%lu %zu %ld", 123456789ul, (size_t)99, -5l);
    SAME("star_width", "[%*d][%-*d]", 5, 42, 4, 7);
    SAME("star_precision", "[%.*s][%5.*s]", 3, "abcdef", 2, "xyz");
    SAME("short_char_len", "%hu %hhu", 70000, 300);
    SAME("zero", "%u %x %llu", 0u, 0u, 0ULL);

    char buf[8];
    int n = hm_snprintf(buf, sizeof(buf), "%s", "0123456789");
    CHECK(n == 10 && !strcmp(buf, "0123456"), "truncation", "n=%d buf='%s'", n, buf);
    n = hm_snprintf(buf, 0, "%d", 12345);
    CHECK(n == 5, "size_zero_counts", "n=%d", n);
    const char *volatile nullstr = NULL;      /* hidden from -Wformat-overflow */
    n = hm_snprintf(buf, sizeof(buf), "%s", nullstr);
    CHECK(!strcmp(buf, "(null)"), "null_string", "'%s'", buf);

    char big[64];
    hm_snprintf(big, sizeof(big), "%p", (void *)0x1234);
    CHECK(strstr(big, "1234") && !strncmp(big, "0x", 2), "pointer", "'%s'", big);

    CHECK(crc32_update(0, "123456789", 9) == 0xCBF43926u, "crc32_check_value", "0x%08x",
          crc32_update(0, "123456789", 9));
    uint32_t c = crc32_update(0, "1234", 4);
    c = crc32_update(c, "56789", 5);
    CHECK(c == 0xCBF43926u, "crc32_incremental", "0x%08x", c);
    CHECK(crc32_update(0, "", 0) == 0, "crc32_empty", "0x%08x", crc32_update(0, "", 0));
    return failures ? 1 : 0;
}
