/*
 * acpi.h - just enough ACPI to find the processors: the RSDP (from the
 * Multiboot2 ACPI tags, else the BIOS areas), the RSDT or XSDT, and the
 * MADT's enabled local APICs (xAPIC and x2APIC entries).
 *
 * Tables are read through a two-page fixmap window (FIX_ACPI_*), never the
 * direct map, because firmware puts them near the top of low RAM, which
 * can lie above the 896 MiB direct map. Every checksum on the way is
 * checked; a bad one ends the run (status 3) with a line naming the table.
 */
#ifndef BOOT_ACPI_H
#define BOOT_ACPI_H

#include <stdbool.h>
#include <stdint.h>
#include "boot/layout.h"

struct madt_info {
    bool found;                 /* a MADT was found */
    uint64_t lapic_phys;        /* local APIC base (address override applied) */
    bool pcat_compat;           /* MADT says dual 8259s are present */
    int ncpus;                  /* enabled local APICs listed */
    int nstored;                /* min(ncpus, NR_CPUS): ids below */
    uint32_t apic_ids[NR_CPUS]; /* in MADT order */
};

/* Finds the MADT and fills *mi. rsdp/rsdp_len: the loader's copy of the
 * RSDP (boot_info.rsdp), or 0; without it, or with force_scan (a test word),
 * the BIOS areas are scanned. No RSDP at all, or no MADT, gives
 * found=false and a line saying so; malformed tables end the run. */
void acpi_init(struct madt_info *mi, const void *rsdp, uint32_t rsdp_len, bool force_scan);

#endif
