/* mb2.c - walks the copied Multiboot2 tag list; see mb2.h. */
#include "boot/mb2.h"
#include "boot/console.h"

#define TAG_END      0
#define TAG_CMDLINE  1
#define TAG_LOADER   2
#define TAG_MMAP     6
#define TAG_ACPI_OLD 14
#define TAG_ACPI_NEW 15

struct tag { uint32_t type, size; };

void mb2_parse(struct boot_info *bi)
{
    uint32_t total = *(uint32_t *)mbi_copy;
    uint32_t off = 8;
    const void *rsdp_old = 0;
    uint32_t old_len = 0;

    bi->cmdline = "";
    bi->loader = "unknown";
    bi->mmap_count = 0;
    bi->rsdp = 0;
    bi->mbi_size = total;
    while (off + 8 <= total) {
        const struct tag *t = (const struct tag *)(mbi_copy + off);
        const char *body = (const char *)(t + 1);

        if (t->size < 8 || off + t->size > total)
            panic("multiboot2: malformed tag %u (size %u) at offset %u", t->type, t->size, off);
        if (t->type == TAG_END)
            break;
        switch (t->type) {
        case TAG_CMDLINE: bi->cmdline = body; break;
        case TAG_LOADER: bi->loader = body; break;
        case TAG_MMAP: {
            uint32_t esize = ((const uint32_t *)body)[0];
            const char *e = body + 8, *end = (const char *)t + t->size;
            if (esize < 24)
                panic("multiboot2: memory map entry size %u < 24", esize);
            for (; e + esize <= end; e += esize) {
                struct mb2_mmap_entry *m = &bi->mmap[bi->mmap_count];
                if (bi->mmap_count == MB2_MMAP_MAX)
                    panic("multiboot2: more than %d memory map entries", MB2_MMAP_MAX);
                m->addr = *(const uint64_t *)e;
                m->len = *(const uint64_t *)(e + 8);
                m->type = *(const uint32_t *)(e + 16);
                bi->mmap_count++;
            }
            break;
        }
        case TAG_ACPI_NEW: bi->rsdp = body; bi->rsdp_len = t->size - 8; break;
        case TAG_ACPI_OLD: rsdp_old = body; old_len = t->size - 8; break;
        }
        off += (t->size + 7) & ~7u;
    }
    if (!bi->rsdp && rsdp_old) {
        bi->rsdp = rsdp_old;
        bi->rsdp_len = old_len;
    }
}
