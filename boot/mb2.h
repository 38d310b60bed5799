/*
 * mb2.h - the parts of the Multiboot2 boot information hmbench uses.
 * entry.S copies the information into mbi_copy before anything else runs;
 * mb2_parse reads only that copy.
 */
#ifndef BOOT_MB2_H
#define BOOT_MB2_H

#include <stdint.h>
#include <stddef.h>

#define MB2_MMAP_MAX 128

/* Multiboot2 memory types. */
enum { MB2_RAM = 1, MB2_RESERVED = 2, MB2_ACPI = 3, MB2_NVS = 4, MB2_BAD = 5 };

struct mb2_mmap_entry {
    uint64_t addr;
    uint64_t len;
    uint32_t type;
};

struct boot_info {
    const char *cmdline;                /* "" when the loader gave none */
    const char *loader;
    struct mb2_mmap_entry mmap[MB2_MMAP_MAX];
    int mmap_count;
    const void *rsdp;                   /* ACPI RSDP copy (new tag first), or 0 */
    uint32_t rsdp_len;
    uint32_t mbi_size;
};

extern char mbi_copy[];                 /* entry.S */
extern uint32_t mbi_orig_phys;          /* where GRUB put it */

/* Fills *bi from mbi_copy. Ends the run (status 3) on a malformed tag
 * list or more than MB2_MMAP_MAX memory-map entries. */
void mb2_parse(struct boot_info *bi);

#endif
