/* acpi.c - RSDP, RSDT/XSDT and MADT; see acpi.h. */
#include "boot/acpi.h"
#include "boot/console.h"
#include "boot/fixmap.h"
#include "boot/kernel.h"
#include "boot/string.h"
#include "boot/x86.h"

struct rsdp {
    char sig[8];                /* "RSD PTR " */
    uint8_t checksum;           /* over the first 20 bytes */
    char oem[6];
    uint8_t revision;           /* 0: ACPI 1.0 (20 bytes), 2+: 36 bytes */
    uint32_t rsdt;
    uint32_t length;
    uint64_t xsdt;
    uint8_t ext_checksum;       /* over length bytes */
    uint8_t reserved[3];
} __attribute__((packed));

struct sdt_header {
    char sig[4];
    uint32_t length;
    uint8_t revision, checksum;
    char oem[6], oem_table[8];
    uint32_t oem_revision, creator, creator_revision;
} __attribute__((packed));

#define SDT_MAX_LEN (16u << 20)         /* sanity bound on a table's length */
#define MADT_ENTRIES 44                 /* header + local APIC address + flags */

/* The window: the page holding phys at FIX_ACPI_END and the next page at
 * FIX_ACPI_BEGIN (one lower index = one page higher). */
static uint64_t window_page = ~0ull;

/* acpi_window: maps phys and returns its virtual address; *avail is how
 * many bytes from there are mapped (more than PAGE_SIZE). Local flush only:
 * ACPI is read on the boot CPU before any other CPU runs. */
static const uint8_t *acpi_window(uint64_t phys, uint32_t *avail)
{
    uint64_t page = phys & ~(uint64_t)(PAGE_SIZE - 1);

    if (phys >= MAX_PHYS_ADDR - 2 * PAGE_SIZE)
        panic("ACPI: table address 0x%llx is beyond the %d-bit physical space",
              (unsigned long long)phys, MAX_PHYSMEM_BITS);
    if (page != window_page) {
        clear_fixmap(FIX_ACPI_END);
        clear_fixmap(FIX_ACPI_BEGIN);
        set_fixmap(FIX_ACPI_END, page, PAGE_KERNEL);
        set_fixmap(FIX_ACPI_BEGIN, page + PAGE_SIZE, PAGE_KERNEL);
        window_page = page;
    }
    *avail = (uint32_t)(2 * PAGE_SIZE - (phys - page));
    return (const uint8_t *)__fix_to_virt(FIX_ACPI_END) + (phys - page);
}

static void window_close(void)
{
    clear_fixmap(FIX_ACPI_END);
    clear_fixmap(FIX_ACPI_BEGIN);
    window_page = ~0ull;
}

/* acpi_copy: len bytes of physical memory at phys into dst. */
static void acpi_copy(void *dst, uint64_t phys, uint32_t len)
{
    uint8_t *d = dst;
    while (len) {
        uint32_t avail, n;
        const uint8_t *src = acpi_window(phys, &avail);
        n = len < avail ? len : avail;
        memcpy(d, src, n);
        d += n, phys += n, len -= n;
    }
}

/* acpi_sum: the byte sum (mod 256) of len bytes at phys; 0 when valid. */
static uint8_t acpi_sum(uint64_t phys, uint32_t len)
{
    uint8_t sum = 0;
    while (len) {
        uint32_t avail, n;
        const uint8_t *src = acpi_window(phys, &avail);
        n = len < avail ? len : avail;
        for (uint32_t i = 0; i < n; i++)
            sum += src[i];
        phys += n, len -= n;
    }
    return sum;
}

static uint8_t mem_sum(const void *p, uint32_t len)
{
    uint8_t sum = 0;
    for (uint32_t i = 0; i < len; i++)
        sum += ((const uint8_t *)p)[i];
    return sum;
}

/* rsdp_check: true when r (len bytes readable) is a valid RSDP; a valid
 * signature with a bad checksum ends the run. */
static bool rsdp_check(const struct rsdp *r, uint32_t len, const char *where)
{
    if (len < 20 || memcmp(r->sig, "RSD PTR ", 8))
        return false;
    if (mem_sum(r, 20))
        panic("ACPI: RSDP (%s) has a bad checksum", where);
    if (r->revision >= 2) {
        if (len < 36 || r->length < 36 || r->length > len)
            panic("ACPI: RSDP (%s) revision %u has length %u, %u bytes available",
                  where, r->revision, r->length, len);
        if (mem_sum(r, r->length))
            panic("ACPI: RSDP (%s) has a bad extended checksum", where);
    }
    return true;
}

/* rsdp_scan: the RSDP in the first KiB of the EBDA or in 0xE0000-0xFFFFF,
 * on 16-byte boundaries, read through the direct map. */
static const struct rsdp *rsdp_scan(void)
{
    uint32_t ebda = (uint32_t)*(volatile uint16_t *)(PAGE_OFFSET + 0x40E) << 4;
    uint32_t ranges[2][2] = { { ebda, ebda + 1024 }, { 0xE0000, 0x100000 } };

    for (unsigned r = 0; r < ARRAY_SIZE(ranges); r++) {
        if (r == 0 && (ebda < 0x80000 || ebda >= 0xA0000))
            continue;                   /* no plausible EBDA */
        for (uint32_t p = ranges[r][0]; p + 36 <= ranges[r][1]; p += 16) {
            const struct rsdp *c = (const struct rsdp *)(PAGE_OFFSET + p);
            if (rsdp_check(c, ranges[r][1] - p, r ? "BIOS area" : "EBDA"))
                return c;
        }
    }
    return 0;
}

/* sdt_read_header: the header of the table at phys, with its signature,
 * length and whole-table checksum checked. want: required signature or 0. */
static void sdt_read_header(uint64_t phys, struct sdt_header *h, const char *want)
{
    char name[5];

    acpi_copy(h, phys, sizeof(*h));
    memcpy(name, h->sig, 4);
    name[4] = '\0';
    for (int i = 0; i < 4; i++)
        if (name[i] < 0x20 || name[i] > 0x7e)
            name[i] = '?';
    if (want && memcmp(h->sig, want, 4))
        panic("ACPI: table at 0x%llx has signature '%s', want '%s'",
              (unsigned long long)phys, name, want);
    if (h->length < sizeof(*h) || h->length > SDT_MAX_LEN)
        panic("ACPI: table %s at 0x%llx has length %u", name, (unsigned long long)phys, h->length);
    if (acpi_sum(phys, h->length))
        panic("ACPI: table %s at 0x%llx has a bad checksum", name, (unsigned long long)phys);
}

static void madt_add_cpu(struct madt_info *mi, uint32_t apic_id)
{
    for (int i = 0; i < mi->nstored; i++)
        if (mi->apic_ids[i] == apic_id)
            return;                     /* listed as both xAPIC and x2APIC */
    if (mi->nstored < NR_CPUS)
        mi->apic_ids[mi->nstored++] = apic_id;
    mi->ncpus++;
}

/* madt_parse: local APIC address, flags and the enabled processors. */
static void madt_parse(struct madt_info *mi, uint64_t phys, uint32_t len)
{
    uint32_t hdr[2];
    uint8_t e[256];

    acpi_copy(hdr, phys + sizeof(struct sdt_header), 8);
    mi->lapic_phys = hdr[0];
    mi->pcat_compat = hdr[1] & 1;
    for (uint32_t off = MADT_ENTRIES; off + 2 <= len; off += e[1]) {
        acpi_copy(e, phys + off, 2);
        if (e[1] < 2 || off + e[1] > len)
            panic("ACPI: table APIC (MADT) has an entry of type %u with length %u at offset %u",
                  e[0], e[1], off);
        acpi_copy(e, phys + off, e[1]);
        if (e[0] == 0 && e[1] >= 8 && (e[4] & 1))              /* processor local APIC */
            madt_add_cpu(mi, e[3]);
        else if (e[0] == 9 && e[1] >= 16 && (e[8] & 1))       /* processor local x2APIC */
            madt_add_cpu(mi, e[4] | e[5] << 8 | e[6] << 16 | (uint32_t)e[7] << 24);
        else if (e[0] == 5 && e[1] >= 12)                      /* local APIC address override */
            memcpy(&mi->lapic_phys, e + 4, 8);
    }
    mi->found = true;
}

void acpi_init(struct madt_info *mi, const void *rsdp_copy, uint32_t rsdp_len, bool force_scan)
{
    const struct rsdp *r = 0;
    const char *src = "multiboot2";
    struct sdt_header root, h;
    uint64_t root_phys;
    uint32_t width, n;
    bool xsdt;

    memset(mi, 0, sizeof(*mi));
    if (rsdp_copy && !force_scan) {
        r = rsdp_copy;
        if (!rsdp_check(r, rsdp_len, "multiboot2 tag"))
            panic("ACPI: RSDP (multiboot2 tag) has no 'RSD PTR ' signature");
    } else {
        src = force_scan ? "BIOS scan, forced" : "BIOS scan";
        r = rsdp_scan();
    }
    if (!r) {
        printk("acpi: no RSDP found (%s): running on the boot CPU only\n", src);
        return;
    }
    xsdt = r->revision >= 2 && r->xsdt;
    root_phys = xsdt ? r->xsdt : r->rsdt;
    width = xsdt ? 8 : 4;
    sdt_read_header(root_phys, &root, xsdt ? "XSDT" : "RSDT");
    n = (root.length - sizeof(root)) / width;
    printk("acpi: RSDP revision %u (%s), %s at 0x%llx with %u tables\n", r->revision, src,
           xsdt ? "XSDT" : "RSDT", (unsigned long long)root_phys, n);
    for (uint32_t i = 0; i < n; i++) {
        uint64_t t = 0;
        acpi_copy(&t, root_phys + sizeof(root) + i * width, width);
        sdt_read_header(t, &h, 0);
        if (!memcmp(h.sig, "APIC", 4) && !mi->found) {
            madt_parse(mi, t, h.length);
            printk("acpi: MADT at 0x%llx, local APIC at 0x%llx, %d enabled CPUs\n",
                   (unsigned long long)t, (unsigned long long)mi->lapic_phys, mi->ncpus);
        }
    }
    window_close();
    if (!mi->found)
        printk("acpi: no MADT among the %u tables: running on the boot CPU only\n", n);
}
