/* cmdline.c - the guest command-line parser; see cmdline.h. */
#include "boot/cmdline.h"
#include "boot/format.h"

static size_t str_len(const char *s)
{
    size_t n = 0;
    while (s[n])
        n++;
    return n;
}

static int str_neq(const char *a, size_t alen, const char *b)
{
    size_t i;
    for (i = 0; i < alen; i++)
        if (b[i] != a[i])
            return 1;
    return b[alen] != '\0';
}

/* seg_eq: the two counted strings are equal. */
static int seg_eq(const char *a, size_t alen, const char *b, size_t blen)
{
    size_t i;
    if (alen != blen)
        return 0;
    for (i = 0; i < alen && a[i] == b[i]; i++)
        ;
    return i == alen;
}

/* in_separated: name is one of the sep-separated items of list. */
static int in_separated(const char *name, size_t len, const char *list, char sep)
{
    while (*list) {
        size_t n = 0;
        while (list[n] && list[n] != sep)
            n++;
        if (seg_eq(name, len, list, n))
            return 1;
        list += n;
        if (*list == sep)
            list++;
    }
    return 0;
}

int arg_is(const struct arg_val *val, const char *word)
{
    return val->set && !str_neq(word, str_len(word), val->str);
}

int name_in_list(const char *name, size_t len, const char *list)
{
    return in_separated(name, len, list, '|');
}

int list_selects(const char *value, const char *name)
{
    return !str_neq("all", 3, value) || in_separated(name, str_len(name), value, ',');
}

/* parse_uint: decimal or 0x-hex digits, the whole string, no overflow. */
static int parse_uint(const char *s, size_t len, uint64_t *out)
{
    uint64_t v = 0;
    unsigned base = 10;
    size_t i = 0;

    if (len > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
        base = 16;
        i = 2;
    }
    if (i == len)
        return -1;
    for (; i < len; i++) {
        unsigned d;
        char c = s[i];
        if (c >= '0' && c <= '9') d = (unsigned)(c - '0');
        else if (base == 16 && c >= 'a' && c <= 'f') d = (unsigned)(c - 'a' + 10);
        else if (base == 16 && c >= 'A' && c <= 'F') d = (unsigned)(c - 'A' + 10);
        else return -1;
        if (v > (UINT64_MAX - d) / base)
            return -1;
        v = v * base + d;
    }
    *out = v;
    return 0;
}

/* An error line quotes the word it refuses; a longer word is shown as its
 * first SHOW_MAX characters and "...", so that the reason always fits. */
#define SHOW_MAX 60
#define WORD_FMT "'%.*s%s'"
#define WORD_ARGS(w, len) (int)((len) > SHOW_MAX ? SHOW_MAX : (len)), (w), (len) > SHOW_MAX ? "..." : ""

/* check_list: every comma-separated item of a LIST value is allowed.
 * -> 0, -1 (the item *bad is not allowed) or -2 ("all" among other items). */
static int check_list(const char *v, size_t len, const char *allowed, const char **bad, size_t *badlen)
{
    size_t i = 0;
    if (len == 3 && !str_neq(v, 3, "all"))
        return 0;
    while (i <= len) {
        size_t n = 0;
        while (i + n < len && v[i + n] != ',')
            n++;
        if (seg_eq(v + i, n, "all", 3))
            return -2;
        if (n == 0 || !name_in_list(v + i, n, allowed)) {
            *bad = v + i;
            *badlen = n;
            return -1;
        }
        i += n + 1;
    }
    return 0;
}

/* one_word: parse the word w[0..len) into vals. */
static int one_word(const char *w, size_t len, const struct arg_spec *specs, int n,
                    struct arg_val *vals, char *err, size_t errlen)
{
    size_t klen = 0;
    const char *v;
    size_t vlen;
    int k;

    while (klen < len && w[klen] != '=')
        klen++;
    v = w + klen + 1;
    vlen = klen < len ? len - klen - 1 : 0;
    for (k = 0; k < n; k++)
        if (!str_neq(w, klen, specs[k].key))
            break;
    if (k == n) {
        int pos = hm_snprintf(err, errlen, "cmdline: unknown key in " WORD_FMT "; allowed keys:", WORD_ARGS(w, len));
        for (k = 0; k < n && pos >= 0 && (size_t)pos < errlen; k++)
            pos += hm_snprintf(err + pos, errlen - (size_t)pos, "%s %s", k ? "," : "", specs[k].key);
        return -1;
    }
    const struct arg_spec *s = &specs[k];
    struct arg_val *val = &vals[k];
    if (val->set)
        return hm_snprintf(err, errlen, "cmdline: '%s' given twice (second: " WORD_FMT ")", s->key, WORD_ARGS(w, len)), -1;
    if (s->kind == ARG_FLAG) {
        if (klen < len)
            return hm_snprintf(err, errlen, "cmdline: bad word " WORD_FMT ": %s takes no value", WORD_ARGS(w, len), s->key), -1;
        val->set = 1;
        return 0;
    }
    if (klen == len || vlen == 0) {
        if (s->kind == ARG_UINT)
            hm_snprintf(err, errlen, "cmdline: bad word " WORD_FMT ": %s needs a value, a number from %llu to %llu",
                        WORD_ARGS(w, len), s->key, (unsigned long long)s->min, (unsigned long long)s->max);
        else
            hm_snprintf(err, errlen, "cmdline: bad word " WORD_FMT ": %s needs a value, %s%s", WORD_ARGS(w, len),
                        s->key, s->kind == ARG_LIST ? "'all' or a comma list of " : "one of ", s->allowed);
        return -1;
    }
    if (vlen >= ARG_STR_MAX)
        return hm_snprintf(err, errlen, "cmdline: bad value in " WORD_FMT ": longer than %d characters",
                           WORD_ARGS(w, len), ARG_STR_MAX - 1), -1;
    switch (s->kind) {
    case ARG_UINT:
        if (parse_uint(v, vlen, &val->num) || val->num < s->min || val->num > s->max)
            return hm_snprintf(err, errlen, "cmdline: bad value in " WORD_FMT ": %s must be a number from %llu to %llu",
                               WORD_ARGS(w, len), s->key, (unsigned long long)s->min,
                               (unsigned long long)s->max), -1;
        break;
    case ARG_ENUM:
        if (!name_in_list(v, vlen, s->allowed))
            return hm_snprintf(err, errlen, "cmdline: bad value in " WORD_FMT ": %s must be one of %s",
                               WORD_ARGS(w, len), s->key, s->allowed), -1;
        break;
    case ARG_LIST: {
        const char *bad;
        size_t badlen;
        if (check_list(v, vlen, s->allowed, &bad, &badlen) == -2)
            return hm_snprintf(err, errlen, "cmdline: bad value in " WORD_FMT ": 'all' cannot be "
                               "combined with other names", WORD_ARGS(w, len)), -1;
        if (check_list(v, vlen, s->allowed, &bad, &badlen))
            return hm_snprintf(err, errlen, "cmdline: bad value in " WORD_FMT ": " WORD_FMT
                               " is not one of all|%s", WORD_ARGS(w, len), WORD_ARGS(bad, badlen),
                               s->allowed), -1;
        break;
    }
    default:
        break;
    }
    for (size_t i = 0; i < vlen; i++)
        val->str[i] = v[i];
    val->str[vlen] = '\0';
    val->set = 1;
    return 0;
}

int cmdline_parse(const char *line, const struct arg_spec *specs, int n,
                  struct arg_val *vals, char *err, size_t errlen)
{
    int k;
    for (k = 0; k < n; k++)
        vals[k].set = 0, vals[k].num = 0, vals[k].str[0] = '\0';
    err[0] = '\0';
    while (*line) {
        size_t len = 0;
        while (*line == ' ' || *line == '\t')
            line++;
        while (line[len] && line[len] != ' ' && line[len] != '\t')
            len++;
        if (len && one_word(line, len, specs, n, vals, err, errlen))
            return -1;
        line += len;
    }
    return 0;
}
