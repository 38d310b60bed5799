/* format.c - the printf engine; see format.h for what it supports. */
#include "boot/format.h"
#include <stdint.h>
#include <stdbool.h>

struct spec {
    bool left, zero;
    int width, prec;
    int len;            /* 0 int, 1 long, 2 long long, -1 short, -2 char, 3 size_t */
};

/* pad: emit n copies of c. Returns n (or 0 when n <= 0). */
static int pad(emit_fn emit, void *ctx, char c, int n)
{
    int i;
    for (i = 0; i < n; i++)
        emit(ctx, c);
    return n > 0 ? n : 0;
}

/* emit_num: v in base (8, 10 or 16), with sign and the spec's padding. */
static int emit_num(emit_fn emit, void *ctx, uint64_t v, bool neg, unsigned base,
                    bool upper, const struct spec *s)
{
    const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
    char tmp[24];
    int n = 0, len, out = 0;

    do {
        tmp[n++] = digits[v % base];
        v /= base;
    } while (v);
    len = n + (neg ? 1 : 0);
    if (!s->left && !s->zero)
        out += pad(emit, ctx, ' ', s->width - len);
    if (neg) {
        emit(ctx, '-');
        out++;
    }
    if (!s->left && s->zero)
        out += pad(emit, ctx, '0', s->width - len);
    while (n)
        emit(ctx, tmp[--n]), out++;
    if (s->left)
        out += pad(emit, ctx, ' ', s->width - len);
    return out;
}

/* arg_signed/arg_unsigned: fetch an integer argument of the spec's length. */
static int64_t arg_signed(va_list *ap, int len)
{
    switch (len) {
    case 2: return va_arg(*ap, long long);
    case 1: return va_arg(*ap, long);
    case 3: return (int64_t)va_arg(*ap, size_t);
    case -1: return (short)va_arg(*ap, int);
    case -2: return (signed char)va_arg(*ap, int);
    default: return va_arg(*ap, int);
    }
}

static uint64_t arg_unsigned(va_list *ap, int len)
{
    switch (len) {
    case 2: return va_arg(*ap, unsigned long long);
    case 1: return va_arg(*ap, unsigned long);
    case 3: return va_arg(*ap, size_t);
    case -1: return (unsigned short)va_arg(*ap, unsigned);
    case -2: return (unsigned char)va_arg(*ap, unsigned);
    default: return va_arg(*ap, unsigned);
    }
}

int hm_vformat(emit_fn emit, void *ctx, const char *fmt, va_list ap0)
{
    va_list ap;
    int out = 0;

    va_copy(ap, ap0);
    for (; *fmt; fmt++) {
        struct spec s = { false, false, 0, -1, 0 };
        const char *start = fmt;

        if (*fmt != '%') {
            emit(ctx, *fmt);
            out++;
            continue;
        }
        for (fmt++; *fmt == '-' || *fmt == '0'; fmt++)
            *fmt == '-' ? (s.left = true) : (s.zero = true);
        if (*fmt == '*') {
            s.width = va_arg(ap, int);
            if (s.width < 0) {
                s.left = true;
                s.width = -s.width;
            }
            fmt++;
        }
        for (; *fmt >= '0' && *fmt <= '9'; fmt++)
            s.width = s.width * 10 + (*fmt - '0');
        if (*fmt == '.') {
            s.prec = 0;
            if (fmt[1] == '*') {            /* "%.*s": precision from the args */
                s.prec = va_arg(ap, int);
                fmt++;
            }
            for (fmt++; *fmt >= '0' && *fmt <= '9'; fmt++)
                s.prec = s.prec * 10 + (*fmt - '0');
        }
        for (;; fmt++) {
            if (*fmt == 'l') s.len = s.len == 1 ? 2 : 1;
            else if (*fmt == 'h') s.len = s.len == -1 ? -2 : -1;
            else if (*fmt == 'z') s.len = 3;
            else break;
        }
        switch (*fmt) {
        case 'd': case 'i': {
            int64_t v = arg_signed(&ap, s.len);
            out += emit_num(emit, ctx, v < 0 ? -(uint64_t)v : (uint64_t)v, v < 0, 10, false, &s);
            break;
        }
        case 'u': out += emit_num(emit, ctx, arg_unsigned(&ap, s.len), false, 10, false, &s); break;
        case 'x': out += emit_num(emit, ctx, arg_unsigned(&ap, s.len), false, 16, false, &s); break;
        case 'X': out += emit_num(emit, ctx, arg_unsigned(&ap, s.len), false, 16, true, &s); break;
        case 'o': out += emit_num(emit, ctx, arg_unsigned(&ap, s.len), false, 8, false, &s); break;
        case 'p': {
            struct spec ps = { false, true, (int)sizeof(void *) * 2, -1, 0 };
            emit(ctx, '0'), emit(ctx, 'x');
            out += 2 + emit_num(emit, ctx, (uintptr_t)va_arg(ap, void *), false, 16, false, &ps);
            break;
        }
        case 'c': {
            char c = (char)va_arg(ap, int);
            out += s.left ? 0 : pad(emit, ctx, ' ', s.width - 1);
            emit(ctx, c), out++;
            out += s.left ? pad(emit, ctx, ' ', s.width - 1) : 0;
            break;
        }
        case 's': {
            const char *str = va_arg(ap, const char *);
            int n = 0;
            if (!str)
                str = "(null)";
            while (str[n] && (s.prec < 0 || n < s.prec))
                n++;
            out += s.left ? 0 : pad(emit, ctx, ' ', s.width - n);
            for (int i = 0; i < n; i++)
                emit(ctx, str[i]);
            out += n;
            out += s.left ? pad(emit, ctx, ' ', s.width - n) : 0;
            break;
        }
        case '%': emit(ctx, '%'); out++; break;
        default:        /* unknown or truncated: print the spec as written */
            for (; start <= fmt && *start; start++)
                emit(ctx, *start), out++;
            if (!*fmt)
                fmt--;
            break;
        }
    }
    va_end(ap);
    return out;
}

struct bufctx {
    char *buf;
    size_t size, pos;
};

static void buf_emit(void *p, char c)
{
    struct bufctx *b = p;
    if (b->pos + 1 < b->size)
        b->buf[b->pos] = c;
    b->pos++;
}

int hm_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
    struct bufctx b = { buf, size, 0 };
    int n = hm_vformat(buf_emit, &b, fmt, ap);
    if (size)
        buf[b.pos < size ? b.pos : size - 1] = '\0';
    return n;
}

int hm_snprintf(char *buf, size_t size, const char *fmt, ...)
{
    va_list ap;
    int n;
    va_start(ap, fmt);
    n = hm_vsnprintf(buf, size, fmt, ap);
    va_end(ap);
    return n;
}
