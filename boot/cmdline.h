/*
 * cmdline.h - the guest command line: space-separated key=value words.
 *
 * The caller describes every allowed key in a table; anything else is an
 * error, reported as one line that names the word and what is allowed.
 * No default is ever filled in silently: a key not given is left unset
 * (val->set == 0) and the caller decides, visibly, what that means.
 * Portable: builds for the image and for the host unit tests.
 */
#ifndef BOOT_CMDLINE_H
#define BOOT_CMDLINE_H

#include <stdint.h>
#include <stddef.h>

#define ARG_STR_MAX 128

enum arg_kind {
    ARG_FLAG,           /* "quick": no value */
    ARG_ENUM,           /* "mode=bench": one of allowed */
    ARG_UINT,           /* "samples=100": decimal (or 0x hex) in [min, max] */
    ARG_LIST,           /* "bench=tlb,kmap" or "all": names from allowed */
};

struct arg_spec {
    const char *key;
    enum arg_kind kind;
    const char *allowed;        /* ENUM, LIST: names separated by '|' */
    uint64_t min, max;          /* UINT */
};

struct arg_val {
    int set;
    uint64_t num;               /* UINT */
    char str[ARG_STR_MAX];      /* ENUM, LIST: the value as given */
};

/* Parses line against specs[0..n-1] into vals[0..n-1] (same index).
 * Returns 0, or -1 with one line (no newline) in err. */
int cmdline_parse(const char *line, const struct arg_spec *specs, int n,
                  struct arg_val *vals, char *err, size_t errlen);

/* True when val was given and its value is word, the whole word: the way
 * to read an ENUM ("scan" is not "sweep", though both start with 's'). */
int arg_is(const struct arg_val *val, const char *word);

/* True when name is one of the '|'-separated names in list. */
int name_in_list(const char *name, size_t len, const char *list);

/* True when a LIST value (comma-separated, or "all") selects name. */
int list_selects(const char *value, const char *name);

#endif
