/*
 * registry.h - link-time lists of named functions (self-tests, benchmarks).
 * REGISTER(section, id) places { "id", fn } in a linker section that
 * boot/linker.ld collects between __<section>_start and __<section>_end.
 */
#ifndef BENCH_REGISTRY_H
#define BENCH_REGISTRY_H

#include <stddef.h>

struct registered {
    const char *name;
    void (*fn)(void);
};

#define REGISTER(sect, prefix, id)                                       \
    static void prefix##id(void);                                           \
    static const struct registered __reg_##prefix##id                       \
        __attribute__((section(sect), used, aligned(8))) = { #id, prefix##id }; \
    static void prefix##id(void)

/* Joins the names of [start, end) with '|' into buf (static storage of the
 * caller); ends the run if they do not fit. */
const char *registry_names(const struct registered *start, const struct registered *end,
                           char *buf, size_t size);

#endif
