/* registry.c - see registry.h. */
#include "bench/registry.h"
#include "boot/console.h"
#include "boot/string.h"

const char *registry_names(const struct registered *start, const struct registered *end,
                           char *buf, size_t size)
{
    size_t pos = 0;

    for (const struct registered *r = start; r < end; r++) {
        size_t n = strlen(r->name);
        if (pos + n + 2 > size)
            panic("registry_names: names do not fit in %u bytes", (unsigned)size);
        if (pos)
            buf[pos++] = '|';
        memcpy(buf + pos, r->name, n);
        pos += n;
    }
    buf[pos] = '\0';
    return buf;
}
