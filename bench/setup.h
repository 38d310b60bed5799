/* setup.h - the guest's bring-up steps after boot/ (called by main). */
#ifndef BENCH_SETUP_H
#define BENCH_SETUP_H

#include "boot/mb2.h"

/* memblock from the Multiboot2 map, the image reserved, then hm/'s
 * mm_init and the memory @meta lines. Too little RAM is a clear panic. */
void setup_memory(const struct boot_info *bi);

/* vmalloc_init, the vmalloc= mode, its @meta lines, and the test-only
 * vmalloc_bug= word (which ends the run). After setup_memory. */
void setup_vmalloc(void);

#endif
