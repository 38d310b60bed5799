/*
 * plugin.c - tlbmodel, a QEMU TCG plugin that runs every guest access
 * through a modelled TLB per vCPU (tlb.h) and writes, for every timed row
 * the guest announces, how many TLB misses, page walks and flushes it took.
 * docs/tlbmodel.md has the whole story; the guest's side is boot/tlbmark.h.
 *
 * Arguments (QEMU's -plugin FILE,ARG=VALUE,...):
 *   out=PATH                  where the records go (required)
 *   dtlb4k= dtlb2m= itlb4k= itlb2m= stlb=ENTRIES:WAYS   the geometry
 *                             (default: tlb_default_config)
 * Output, one record a line:
 *   tlbmodel geometry ...     first, the geometry in use
 *   row seq=S vcpu=V regions=R ops=N batch=K dtlb4k= dtlb2m= itlb= walks=
 *       one= full= dropped= rone= rfull= local= xinvlpg= xcr3= xcr4= xinvpcid=
 *                             one per measurement (ROW_END); the x* are flush
 *                             instructions executed, found by decoding
 *   print seq=S               the next results row is measurement S
 *   end accesses=A markers=M bad_markers=B   at exit
 * Counters of a row cover only the announcing vCPU's timed regions; rone
 * and rfull count flushes that other vCPUs did meanwhile.
 * Runs under icount, where one thread runs every vCPU in turn, so the
 * callbacks never overlap and the figures are deterministic.
 */
#include "tools/tlbmodel/qemu_plugin_api.h"
#include "tools/tlbmodel/tlb.h"
#include "boot/layout.h"
#include "boot/tlbmark.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

TLBMODEL_EXPORT int qemu_plugin_version = TLBMODEL_PLUGIN_API_VERSION;

struct counts {
    uint64_t regions, dtlb4k, dtlb2m, itlb, walks, one, full, dropped, rone, rfull;
    uint64_t local;                     /* the full flushes that were CR3 writes */
    uint64_t xinvlpg, xcr3, xcr4, xinvpcid;     /* flush instructions executed */
};

/* Instructions that flush, found by decoding (the cross-check of the
 * markers: every invlpg and CR3 write must come with its marker). */
enum flush_insn { FI_INVLPG = 1, FI_CR3, FI_CR4, FI_INVPCID };

struct vcpu {
    struct tlb_cpu tlb;
    uint32_t hi, range_start;           /* latched marker values */
    int armed, in_region;
    uint32_t seq, ops, batch;
    struct counts c;
};

/* A range of the layout: [start, end) mapped with large pages or not,
 * global or not. The newest range that holds an address describes it. */
struct range {
    uint64_t start, end;
    int large, global;
};

#define MAX_VCPUS 64
#define MAX_RANGES 256

static struct vcpu *vcpus;
static unsigned n_vcpus;
static struct range ranges[MAX_RANGES];
static unsigned n_ranges;
static FILE *out;
static uint64_t n_accesses, n_markers, n_bad_markers;
static uint32_t ignore_va;              /* TLBMARK_IGNORE: loads of [ignore_va, +4) */
static int have_ignore;                 /* are not modelled (the markers' own flag) */

/* page_kind: how the layout maps va. Default: the kernel half is 4 KiB
 * global pages, the user half 4 KiB non-global ones. */
static void page_kind(uint32_t va, int *large, int *global)
{
    for (unsigned i = n_ranges; i-- > 0;) {
        if (va >= ranges[i].start && va < ranges[i].end) {
            *large = ranges[i].large;
            *global = ranges[i].global;
            return;
        }
    }
    *large = 0;
    *global = va >= PAGE_OFFSET;
}

static void add_range(uint32_t start, uint32_t end, int large, int global)
{
    if (n_ranges == MAX_RANGES) {
        n_bad_markers++;
        return;
    }
    ranges[n_ranges++] = (struct range){ start, end ? end : (uint64_t)1 << 32, large, global };
}

static struct vcpu *vcpu_of(unsigned idx)
{
    return idx < n_vcpus ? &vcpus[idx] : 0;
}

static int counting(const struct vcpu *v)
{
    return v->armed && v->in_region;
}

/* model_access: one access by vCPU idx; counted when inside a timed region. */
static void model_access(unsigned idx, int fetch, uint32_t va)
{
    struct vcpu *v = vcpu_of(idx);
    int large, global;
    enum tlb_result r;

    if (!v)
        return;
    n_accesses++;
    page_kind(va, &large, &global);
    r = tlb_cpu_access(&v->tlb, fetch, va, large, global);
    if (r == TLB_L1_HIT || !counting(v))
        return;
    if (fetch)
        v->c.itlb++;
    else if (large)
        v->c.dtlb2m++;
    else
        v->c.dtlb4k++;
    if (r == TLB_WALK)
        v->c.walks++;
}

/* remote: vCPU self flushed; every other vCPU inside a region notes it. */
static void remote(unsigned self, int full)
{
    for (unsigned i = 0; i < n_vcpus; i++) {
        if (i != self && counting(&vcpus[i])) {
            if (full)
                vcpus[i].c.rfull++;
            else
                vcpus[i].c.rone++;
        }
    }
}

static void write_row(unsigned idx, const struct vcpu *v)
{
    const struct counts *c = &v->c;

    fprintf(out, "row seq=%" PRIu32 " vcpu=%u regions=%" PRIu64 " ops=%" PRIu32 " batch=%" PRIu32
            " dtlb4k=%" PRIu64 " dtlb2m=%" PRIu64 " itlb=%" PRIu64 " walks=%" PRIu64 " one=%" PRIu64
            " full=%" PRIu64 " dropped=%" PRIu64 " rone=%" PRIu64 " rfull=%" PRIu64
            " local=%" PRIu64 " xinvlpg=%" PRIu64 " xcr3=%" PRIu64 " xcr4=%" PRIu64
            " xinvpcid=%" PRIu64 "\n",
            v->seq, idx, c->regions, v->ops, v->batch, c->dtlb4k, c->dtlb2m, c->itlb, c->walks,
            c->one, c->full, c->dropped, c->rone, c->rfull, c->local, c->xinvlpg, c->xcr3,
            c->xcr4, c->xinvpcid);
}

/* marker: the load of vCPU idx at offset off of the window. */
static void marker(unsigned idx, uint32_t off)
{
    struct vcpu *v = vcpu_of(idx);
    unsigned op = off >> TLBMARK_OP_SHIFT;
    uint32_t value;
    unsigned dropped;

    if (!v)
        return;
    n_markers++;
    value = (v->hi << 16) | (off & 0xffff);
    if (op != TLBMARK_HI)
        v->hi = 0;                      /* a value's high half serves one op */
    switch (op) {
    case TLBMARK_NOP:
        break;
    case TLBMARK_HI:
        v->hi = off & 0xffff;
        break;
    case TLBMARK_INVLPG:
        tlb_cpu_flush_page(&v->tlb, value);
        if (counting(v))
            v->c.one++;
        remote(idx, 0);
        break;
    case TLBMARK_FLUSH_LOCAL:
    case TLBMARK_FLUSH_ALL:
    case TLBMARK_FLUSH_ALL_END:
        dropped = tlb_cpu_flush(&v->tlb, op == TLBMARK_FLUSH_LOCAL);
        if (counting(v)) {
            v->c.dropped += dropped;
            v->c.full += op != TLBMARK_FLUSH_ALL_END;
            v->c.local += op == TLBMARK_FLUSH_LOCAL;
        }
        if (op != TLBMARK_FLUSH_ALL_END)
            remote(idx, 1);
        break;
    case TLBMARK_RANGE_START:
        v->range_start = value;
        break;
    case TLBMARK_RANGE_4K_NONGLOBAL:
    case TLBMARK_RANGE_4K_GLOBAL:
    case TLBMARK_RANGE_2M_NONGLOBAL:
    case TLBMARK_RANGE_2M_GLOBAL:
        add_range(v->range_start, value, op >= TLBMARK_RANGE_2M_NONGLOBAL,
                  op == TLBMARK_RANGE_4K_GLOBAL || op == TLBMARK_RANGE_2M_GLOBAL);
        break;
    case TLBMARK_ROW_BEGIN:
        memset(&v->c, 0, sizeof(v->c));
        v->armed = 1;
        v->in_region = 0;
        v->seq = value;
        v->ops = 0;
        v->batch = 1;
        break;
    case TLBMARK_ROW_OPS:
        v->ops = value;
        break;
    case TLBMARK_ROW_BATCH:
        v->batch = value;
        break;
    case TLBMARK_ROW_END:
        if (v->armed)
            write_row(idx, v);
        else
            n_bad_markers++;
        v->armed = v->in_region = 0;
        break;
    case TLBMARK_REGION_BEGIN:
        if (v->armed) {
            v->in_region = 1;
            v->c.regions++;
        }
        break;
    case TLBMARK_REGION_END:
        v->in_region = 0;
        break;
    case TLBMARK_ROW_PRINT:
        fprintf(out, "print seq=%" PRIu32 "\n", value);
        break;
    case TLBMARK_IGNORE:
        ignore_va = value;
        have_ignore = 1;
        break;
    default:
        n_bad_markers++;
    }
}

static void on_mem(unsigned int idx, qemu_plugin_meminfo_t info, uint64_t vaddr, void *udata)
{
    uint32_t va = (uint32_t)vaddr;

    (void)info;
    (void)udata;
    if (va - TLBMARK_BASE < TLBMARK_SIZE)
        marker(idx, va - TLBMARK_BASE);
    else if (!(have_ignore && va - ignore_va < 4))
        model_access(idx, 0, va);
}

/* on_flush_insn: vCPU idx is about to run a flush instruction. */
static void on_flush_insn(unsigned int idx, void *udata)
{
    struct vcpu *v = vcpu_of(idx);

    if (!v || !counting(v))
        return;
    switch ((enum flush_insn)(uintptr_t)udata) {
    case FI_INVLPG: v->c.xinvlpg++; break;
    case FI_CR3: v->c.xcr3++; break;
    case FI_CR4: v->c.xcr4++; break;
    case FI_INVPCID: v->c.xinvpcid++; break;
    }
}

/* flush_kind: which flush instruction the bytes b[0..n) are, or 0:
 * invlpg (0F 01 /7, memory operand), mov to CR3 / CR4 (0F 22 /3, /4),
 * invpcid (66 0F 38 82), after any legacy prefixes. */
static enum flush_insn flush_kind(const uint8_t *b, size_t n)
{
    size_t i = 0;
    int opsize = 0;

    while (i < n && (b[i] == 0x66 || b[i] == 0x67 || b[i] == 0xF0 || b[i] == 0xF2 ||
                     b[i] == 0xF3 || b[i] == 0x2E || b[i] == 0x36 || b[i] == 0x3E ||
                     b[i] == 0x26 || b[i] == 0x64 || b[i] == 0x65))
        opsize |= b[i++] == 0x66;
    if (i + 3 > n || b[i] != 0x0F)             /* needs 0F, opcode, ModRM */
        return 0;
    if (b[i + 1] == 0x01 && ((b[i + 2] >> 3) & 7) == 7 && (b[i + 2] >> 6) != 3)
        return FI_INVLPG;
    if (b[i + 1] == 0x22 && ((b[i + 2] >> 3) & 7) == 3)
        return FI_CR3;
    if (b[i + 1] == 0x22 && ((b[i + 2] >> 3) & 7) == 4)
        return FI_CR4;
    if (opsize && b[i + 1] == 0x38 && b[i + 2] == 0x82)
        return FI_INVPCID;
    return 0;
}

/* on_fetch: a block (or its part on a second page) starts running. */
static void on_fetch(unsigned int idx, void *udata)
{
    model_access(idx, 1, (uint32_t)(uintptr_t)udata);
}

static void on_tb_trans(qemu_plugin_id_t id, struct qemu_plugin_tb *tb)
{
    size_t n = qemu_plugin_tb_n_insns(tb);
    uint64_t page = ~(uint64_t)0;

    (void)id;
    for (size_t i = 0; i < n; i++) {
        struct qemu_plugin_insn *insn = qemu_plugin_tb_get_insn(tb, i);
        uint64_t va = qemu_plugin_insn_vaddr(insn);

        if ((va >> PAGE_SHIFT) != page) {           /* one fetch lookup per page */
            page = va >> PAGE_SHIFT;
            qemu_plugin_register_vcpu_insn_exec_cb(insn, on_fetch, QEMU_PLUGIN_CB_NO_REGS,
                                                   (void *)(uintptr_t)va);
        }
        qemu_plugin_register_vcpu_mem_cb(insn, on_mem, QEMU_PLUGIN_CB_NO_REGS, QEMU_PLUGIN_MEM_RW, 0);
        enum flush_insn k = flush_kind(qemu_plugin_insn_data(insn), qemu_plugin_insn_size(insn));
        if (k)
            qemu_plugin_register_vcpu_insn_exec_cb(insn, on_flush_insn, QEMU_PLUGIN_CB_NO_REGS,
                                                   (void *)(uintptr_t)k);
    }
}

static void on_atexit(qemu_plugin_id_t id, void *udata)
{
    (void)id;
    (void)udata;
    fprintf(out, "end accesses=%" PRIu64 " markers=%" PRIu64 " bad_markers=%" PRIu64 "\n",
            n_accesses, n_markers, n_bad_markers);
    fclose(out);
    for (unsigned i = 0; i < n_vcpus; i++)
        tlb_cpu_free(&vcpus[i].tlb);
    free(vcpus);
}

/* fail: the one error line for a bad argument; QEMU then refuses to start. */
static int fail(const char *arg, const char *why)
{
    fprintf(stderr, "tlbmodel: bad argument '%s': %s\n", arg, why);
    return -1;
}

TLBMODEL_EXPORT int qemu_plugin_install(qemu_plugin_id_t id, const qemu_info_t *info,
                                        int argc, char **argv)
{
    static const char *const names[] = { "dtlb4k", "dtlb2m", "itlb4k", "itlb2m", "stlb" };
    struct tlb_config cfg = tlb_default_config;
    struct tlb_geom *geoms[] = { &cfg.dtlb4k, &cfg.dtlb2m, &cfg.itlb4k, &cfg.itlb2m, &cfg.stlb };
    const char *path = 0;

    if (!info->system_emulation)
        return fail("(none)", "tlbmodel models a whole machine: load it into qemu-system-*");
    for (int i = 0; i < argc; i++) {
        const char *eq = strchr(argv[i], '=');
        size_t klen = eq ? (size_t)(eq - argv[i]) : 0;
        int known = 0;

        if (!eq)
            return fail(argv[i], "want KEY=VALUE");
        if (klen == 3 && !strncmp(argv[i], "out", 3)) {
            path = eq + 1;
            continue;
        }
        for (unsigned g = 0; g < sizeof(names) / sizeof(names[0]); g++) {
            if (klen == strlen(names[g]) && !strncmp(argv[i], names[g], klen)) {
                if (tlb_geom_parse(eq + 1, geoms[g]))
                    return fail(argv[i], "want ENTRIES:WAYS, ENTRIES a multiple of WAYS");
                known = 1;
            }
        }
        if (!known)
            return fail(argv[i], "keys are out, dtlb4k, dtlb2m, itlb4k, itlb2m, stlb");
    }
    if (!path || !*path)
        return fail("out", "out=PATH is required");
    n_vcpus = (unsigned)info->system.max_vcpus;
    if (n_vcpus < 1 || n_vcpus > MAX_VCPUS)
        return fail("(vcpus)", "1 to 64 vCPUs");
    vcpus = calloc(n_vcpus, sizeof(*vcpus));
    if (!vcpus)
        return fail("(memory)", "out of memory");
    for (unsigned i = 0; i < n_vcpus; i++)
        if (tlb_cpu_init(&vcpus[i].tlb, &cfg))
            return fail("(memory)", "out of memory for the TLB arrays");
    out = fopen(path, "w");
    if (!out) {
        fprintf(stderr, "tlbmodel: cannot create the output file '%s'\n", path);
        return -1;
    }
    fprintf(out, "tlbmodel geometry dtlb4k=%u:%u dtlb2m=%u:%u itlb4k=%u:%u itlb2m=%u:%u stlb=%u:%u vcpus=%u\n",
            cfg.dtlb4k.entries, cfg.dtlb4k.ways, cfg.dtlb2m.entries, cfg.dtlb2m.ways,
            cfg.itlb4k.entries, cfg.itlb4k.ways, cfg.itlb2m.entries, cfg.itlb2m.ways,
            cfg.stlb.entries, cfg.stlb.ways, n_vcpus);
    qemu_plugin_register_vcpu_tb_trans_cb(id, on_tb_trans);
    qemu_plugin_register_atexit_cb(id, on_atexit, 0);
    return 0;
}
