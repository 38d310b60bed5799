/* cpu.c - CPU identification; see cpu.h. */
#include "boot/cpu.h"
#include "boot/console.h"
#include "boot/string.h"
#include "boot/x86.h"

struct cpuinfo boot_cpu;

/* regs_to_str: copy n 32-bit registers' bytes into s, NUL-terminated. */
static void regs_to_str(char *s, const uint32_t *r, int n)
{
    for (int i = 0; i < n * 4; i++)
        s[i] = (char)(r[i / 4] >> (8 * (i % 4)));
    s[n * 4] = '\0';
}

/* trim: drop leading spaces of a brand string in place. */
static void trim(char *s)
{
    char *p = s;
    while (*p == ' ')
        p++;
    while ((*s++ = *p++))
        ;
}

void cpu_identify(void)
{
    struct cpuinfo *c = &boot_cpu;
    uint32_t a, b, cx, d, r[12];

    cpuid_count(0, 0, &a, &b, &cx, &d);
    c->max_leaf = a;
    r[0] = b, r[1] = d, r[2] = cx;
    regs_to_str(c->vendor, r, 3);
    cpuid_count(1, 0, &a, &b, &cx, &d);
    c->family = (a >> 8) & 0xF;
    c->model = (a >> 4) & 0xF;
    c->stepping = a & 0xF;
    if (c->family == 0xF)
        c->family += (a >> 20) & 0xFF;
    if (c->family >= 6)
        c->model |= ((a >> 16) & 0xF) << 4;
    c->pse = d & (1u << 3);
    c->tsc = d & (1u << 4);
    c->msr = d & (1u << 5);
    c->pae = d & (1u << 6);
    c->apic = d & (1u << 9);
    c->pge = d & (1u << 13);
    c->pse36 = d & (1u << 17);
    c->sse2 = d & (1u << 26);
    c->x2apic = cx & (1u << 21);
    bool hv = cx & (1u << 31);
    if (c->max_leaf >= 7) {
        cpuid_count(7, 0, &a, &b, &cx, &d);
        c->invpcid = b & (1u << 10);
    }
    cpuid_count(0x80000000, 0, &a, &b, &cx, &d);
    c->max_ext_leaf = a >= 0x80000000 && a < 0x8000FFFF ? a : 0;
    c->brand[0] = '\0';
    if (c->max_ext_leaf >= 0x80000004) {
        for (uint32_t l = 0; l < 3; l++)
            cpuid_count(0x80000002 + l, 0, &r[l * 4], &r[l * 4 + 1], &r[l * 4 + 2], &r[l * 4 + 3]);
        regs_to_str(c->brand, r, 12);
        trim(c->brand);
    }
    if (!c->brand[0])
        strcpy(c->brand, "unknown");
    if (c->max_ext_leaf >= 0x80000001) {
        cpuid_count(0x80000001, 0, &a, &b, &cx, &d);
        c->rdtscp = d & (1u << 27);
    }
    if (c->max_ext_leaf >= 0x80000007) {
        cpuid_count(0x80000007, 0, &a, &b, &cx, &d);
        c->invariant_tsc = d & (1u << 8);
    }
    /* Without leaf 0x80000008 the SDM says "generally 36 with PAE"; QEMU
     * gives 36 only with PSE36 (its qemu32 model has none: 32 bits, and a
     * PTE above 4 GiB takes a reserved-bit fault). Follow the stricter rule;
     * the maxphyaddr self-test checks it against the MMU. */
    c->max_phys_bits = c->pae && c->pse36 ? 36 : 32;
    if (c->max_ext_leaf >= 0x80000008) {
        cpuid_count(0x80000008, 0, &a, &b, &cx, &d);
        c->max_phys_bits = a & 0xFF;
    }
    strcpy(c->hypervisor, "none");
    if (hv) {
        cpuid_count(0x40000000, 0, &a, &b, &cx, &d);
        c->max_hv_leaf = a;
        r[0] = b, r[1] = cx, r[2] = d;
        regs_to_str(c->hypervisor, r, 3);
        for (int i = 0; i < 12; i++)            /* keep the meta line printable */
            if (c->hypervisor[i] && (c->hypervisor[i] < 0x21 || c->hypervisor[i] > 0x7e))
                c->hypervisor[i] = '_';
    }
    if (!c->pae || !c->pge || !c->tsc)
        panic("CPU lacks %s%s%s, which hmbench needs", c->pae ? "" : "PAE ",
              c->pge ? "" : "PGE ", c->tsc ? "" : "TSC");
}

void cpu_print_meta(void)
{
    struct cpuinfo *c = &boot_cpu;
    printk("@meta cpu_vendor=%s\n", c->vendor);
    printk("@meta cpu_model=%s\n", c->brand);
    printk("@meta cpu_signature=family %u model %u stepping %u\n", c->family, c->model, c->stepping);
    printk("@meta cpu_features=%s%s%s%s%s%s%s%s%s%s%s\n", c->pae ? "pae " : "", c->pge ? "pge " : "",
           c->pse ? "pse " : "", c->pse36 ? "pse36 " : "", c->tsc ? "tsc " : "", c->invariant_tsc ? "invariant_tsc " : "",
           c->invpcid ? "invpcid " : "", c->apic ? "apic " : "", c->x2apic ? "x2apic " : "",
           c->rdtscp ? "rdtscp " : "", c->sse2 ? "sse2" : "");
    printk("@meta invariant_tsc=%d\n", c->invariant_tsc);
    printk("@meta max_phys_addr_bits=%u\n", c->max_phys_bits);
    printk("@meta hypervisor=%s\n", c->hypervisor);
}
