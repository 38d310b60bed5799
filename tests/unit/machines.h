/*
 * machines.h - Multiboot2 memory maps of the machines the tests boot, as
 * QEMU's firmware reports them (low RAM to 0x9fc00, BIOS ROM hole,
 * RAM from 1 MiB, the PCI hole below 4 GiB, RAM above 4 GiB).
 */
#ifndef TESTS_MACHINES_H
#define TESTS_MACHINES_H

#include "boot/kernel.h"
#include "tests/sim/sim.h"

#define MiB (1ULL << 20)
#define GiB (1ULL << 30)

struct machine {
    const char *name;
    const struct sim_mmap_entry *map;
    int n;
};

#define LOW_BIOS \
    { 0, 0x9fc00, 1 }, { 0x9fc00, 0x400, 2 }, { 0xf0000, 0x10000, 2 }, \
    { 0xfffc0000, 0x40000, 2 }

/* -m 128M (i440fx): RAM 1 MiB .. 128 MiB - 128 KiB. No highmem. */
static const struct sim_mmap_entry map_128m[] = {
    LOW_BIOS, { 1 * MiB, 128 * MiB - 128 * 1024 - 1 * MiB, 1 }, { 128 * MiB - 128 * 1024, 128 * 1024, 2 },
};
/* -m 1G: 128 MiB - 128 KiB of highmem. */
static const struct sim_mmap_entry map_1g[] = {
    LOW_BIOS, { 1 * MiB, 1 * GiB - 128 * 1024 - 1 * MiB, 1 }, { 1 * GiB - 128 * 1024, 128 * 1024, 2 },
};
/* -m 3G on q35: 2 GiB below the PCI hole, 1 GiB at 4 GiB. */
static const struct sim_mmap_entry map_3g[] = {
    LOW_BIOS, { 1 * MiB, 2 * GiB - 1 * MiB, 1 }, { 0xb0000000, 0x10000000, 2 },
    { 4 * GiB, 1 * GiB, 1 },
};
/* -m 8G (i440fx): 3 GiB below the hole, 5 GiB at 4 GiB. */
static const struct sim_mmap_entry map_8g[] = {
    LOW_BIOS, { 1 * MiB, 3 * GiB - 1 * MiB, 1 }, { 4 * GiB, 5 * GiB, 1 },
};
/* -m 63G (i440fx): 3 GiB below, 60 GiB at 4..64 GiB: the 36-bit limit. */
static const struct sim_mmap_entry map_63g[] = {
    LOW_BIOS, { 1 * MiB, 3 * GiB - 1 * MiB, 1 }, { 4 * GiB, 60 * GiB, 1 },
};

#define MACHINE(m) { #m, m, (int)ARRAY_SIZE(m) }
static const struct machine machines[] = {
    MACHINE(map_128m), MACHINE(map_1g), MACHINE(map_3g), MACHINE(map_8g), MACHINE(map_63g),
};
#define NR_MACHINES ((int)ARRAY_SIZE(machines))

#endif
