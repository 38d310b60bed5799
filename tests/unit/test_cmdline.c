/*
 * test_cmdline.c - host tests of boot/cmdline.c: good words, unknown keys,
 * bad numbers, overflow, empty values, duplicates, lists.
 */
#include <stdio.h>
#include <string.h>
#include "boot/cmdline.h"

static int failures;

#define CHECK(cond, name, ...) do {                                         \
    if (cond) printf("ok - %s\n", name);                                    \
    else { failures++; printf("not ok - %s: ", name); printf(__VA_ARGS__); printf("\n"); } \
} while (0)

enum { MODE, BENCH, SAMPLES, QUICK, RSDP, N };
static const struct arg_spec specs[N] = {
    [MODE] = { "mode", ARG_ENUM, "bench|selftest", 0, 0 },
    [BENCH] = { "bench", ARG_LIST, "tlb|kmap|kmap_atomic", 0, 0 },
    [SAMPLES] = { "samples", ARG_UINT, 0, 1, 20000 },
    [QUICK] = { "quick", ARG_FLAG, 0, 0, 0 },
    [RSDP] = { "rsdp", ARG_ENUM, "loader|scan|sweep", 0, 0 },  /* two values start with 's' */
};

static struct arg_val v[N];
static char err[512];

static int parse(const char *line) { return cmdline_parse(line, specs, N, v, err, sizeof(err)); }

/* expect_error: line is refused and err contains every needle. */
static void expect_error(const char *name, const char *line, const char *n1, const char *n2)
{
    int rc = parse(line);
    CHECK(rc == -1 && strstr(err, n1) && (!n2 || strstr(err, n2)) && !strchr(err, '\n'),
          name, "rc=%d err='%s' (want '%s'%s%s)", rc, err, n1, n2 ? " and " : "", n2 ? n2 : "");
}

int main(void)
{
    int rc = parse("  mode=selftest   bench=tlb,kmap samples=0x10 quick ");
    CHECK(rc == 0 && v[MODE].set && !strcmp(v[MODE].str, "selftest"), "good_enum", "rc=%d err=%s", rc, err);
    CHECK(v[BENCH].set && !strcmp(v[BENCH].str, "tlb,kmap"), "good_list", "'%s'", v[BENCH].str);
    CHECK(v[SAMPLES].set && v[SAMPLES].num == 16, "good_hex_uint", "%llu", (unsigned long long)v[SAMPLES].num);
    CHECK(v[QUICK].set, "good_flag", "quick not set");

    rc = parse("");
    CHECK(rc == 0 && !v[MODE].set && !v[BENCH].set && !v[SAMPLES].set && !v[QUICK].set,
          "empty_line_sets_nothing", "rc=%d", rc);
    rc = parse("samples=20000");
    CHECK(rc == 0 && v[SAMPLES].num == 20000, "uint_at_max", "rc=%d err=%s", rc, err);
    rc = parse("bench=all");
    CHECK(rc == 0 && list_selects(v[BENCH].str, "kmap") && list_selects(v[BENCH].str, "tlb"),
          "list_all_selects_everything", "rc=%d", rc);
    rc = parse("bench=kmap_atomic");
    CHECK(rc == 0 && list_selects(v[BENCH].str, "kmap_atomic") && !list_selects(v[BENCH].str, "kmap"),
          "list_exact_names_only", "kmap must not match kmap_atomic");

    expect_error("unknown_key", "mode=bench frobnicate=1", "unknown key in 'frobnicate=1'", "allowed keys: mode");
    expect_error("unknown_bare_word", "verbose", "unknown key in 'verbose'", 0);
    expect_error("bad_enum", "mode=nonsense", "'mode=nonsense'", "bench|selftest");
    expect_error("prefix_of_enum_refused", "mode=sel", "'mode=sel'", 0);
    expect_error("enum_first_letter_refused", "mode=s", "'mode=s'", "bench|selftest");
    expect_error("enum_same_first_letter_refused", "mode=stest", "'mode=stest'", 0);
    expect_error("enum_longer_word_refused", "rsdp=scanner", "rsdp must be one of loader|scan|sweep", 0);
    rc = parse("rsdp=sweep");
    CHECK(rc == 0 && arg_is(&v[RSDP], "sweep") && !arg_is(&v[RSDP], "scan") && !arg_is(&v[RSDP], "s"),
          "enum_whole_word_sweep_not_scan", "rc=%d value '%s'", rc, v[RSDP].str);
    rc = parse("rsdp=scan");
    CHECK(rc == 0 && arg_is(&v[RSDP], "scan") && !arg_is(&v[RSDP], "sweep") && !arg_is(&v[MODE], "scan"),
          "enum_whole_word_scan_not_sweep", "rc=%d value '%s'", rc, v[RSDP].str);
    expect_error("bad_number", "samples=abc", "samples must be a number from 1 to 20000", 0);
    expect_error("number_below_min", "samples=0", "samples must be a number", 0);
    expect_error("number_above_max", "samples=20001", "'samples=20001'", 0);
    expect_error("number_overflow", "samples=99999999999999999999999", "samples must be a number", 0);
    expect_error("hex_without_digits", "samples=0x", "samples must be a number", 0);
    expect_error("negative_number", "samples=-5", "samples must be a number", 0);
    expect_error("empty_value", "mode=", "mode needs a value", "bench|selftest");
    expect_error("missing_value", "mode", "mode needs a value", 0);
    expect_error("flag_with_value", "quick=1", "quick takes no value", 0);
    expect_error("duplicate_key", "mode=bench mode=selftest", "'mode' given twice", 0);
    expect_error("bad_list_item", "bench=tlb,nope", "'nope' is not one of", "tlb|kmap");
    expect_error("empty_list_item", "bench=tlb,,kmap", "is not one of", 0);
    expect_error("trailing_comma", "bench=tlb,", "is not one of", 0);

    char longv[300];
    memset(longv, 'a', sizeof(longv));
    memcpy(longv, "bench=", 6);
    longv[sizeof(longv) - 1] = '\0';
    expect_error("value_too_long", longv, "longer than", 0);

    /* Issue 12: "all" inside a list is named as such, not as "not one of all|..." */
    expect_error("all_in_list", "bench=all,kmap", "'all' cannot be combined", 0);
    CHECK(!strstr(err, "is not one of all|"), "all_in_list_not_misreported", "err='%s'", err);

    /* Issue 12: a 2000-character word is shown shortened, so the reason
     * still fits in the error buffer (512 here, 1024 in the guest). */
    static char huge[2001];
    memset(huge, 'x', sizeof(huge) - 1);
    memcpy(huge, "mode=", 5);
    expect_error("huge_value_keeps_reason", huge, "longer than 127 characters", "...'");
    memcpy(huge, "zzzzz", 5);
    expect_error("huge_unknown_key_keeps_reason", huge, "allowed keys: mode", 0);
    memcpy(huge, "bench", 5);
    huge[5] = '=';
    expect_error("huge_list_keeps_reason", huge, "longer than", 0);

    /* A tiny error buffer truncates but stays NUL-terminated. */
    char small[16];
    rc = cmdline_parse("zzz=1", specs, N, v, small, sizeof(small));
    CHECK(rc == -1 && strlen(small) == sizeof(small) - 1, "error_truncated_safely", "'%s'", small);
    return failures ? 1 : 0;
}
