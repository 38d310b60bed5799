/*
 * highmem.c - permanent kernel mappings of highmem pages (the pkmap):
 * kmap_high, kunmap_high, map_new_virtual, flush_all_zero_pkmaps. See
 * highmem.h for the pkmap_count states and docs/kmap.md for the design.
 *
 * Everything here runs under kmap_lock. The lock spins with interrupts
 * enabled, so a CPU waiting for it still answers the shootdown IPI of the
 * holder's wrap flush.
 */
#include "hm/highmem.h"
#include "hm/paging.h"

int pkmap_count[LAST_PKMAP];
unsigned int last_pkmap_nr;
DEFINE_SPINLOCK(kmap_lock);
struct page *highmem_start_page;

unsigned int pkmap_waiters;             /* see highmem.h */
unsigned long pkmap_waits;
volatile unsigned int pkmap_wake_seq;

/* The pkmap's PTE page (paging_init made it; no PDE ever changes). */
static pteval_t *pkmap_page_table;

void kmap_init(void)
{
    unsigned int i;

    pkmap_page_table = virt_to_kpte(PKMAP_BASE);
    highmem_start_page = mem_map + max_low_pfn;
    for (i = 0; i < LAST_PKMAP; i++) {
        pkmap_count[i] = 0;
        pte_clear(&pkmap_page_table[i]);
    }
    last_pkmap_nr = 0;
    pkmap_waiters = 0;
    pkmap_wake_seq = 0;
    kmap_lock = (spinlock_t)RAW_SPINLOCK_INIT;
    page_address_init();
    kmap_local_init();
}

/* Clear every unused (count 1) entry: its PTE, its htable record, count
 * 0. Then, if anything was cleared, one flush of the whole pkmap range on
 * every CPU: 512 pages is above tlb_single_page_flush_ceiling, so that is
 * one global flush per CPU. Nothing may translate a count-0 slot after. */
static void flush_all_zero_pkmaps(void)
{
    bool need_flush = false;
    unsigned int i;

    for (i = 0; i < LAST_PKMAP; i++) {
        pteval_t pte;

        if (pkmap_count[i] != 1)
            continue;
        pkmap_count[i] = 0;
        pte = pte_read(&pkmap_page_table[i]);
        BUG_ON(!pte_present(pte));
        pte_clear(&pkmap_page_table[i]);
        set_page_address(pfn_to_page(pte_pfn(pte)), 0);
        need_flush = true;
    }
    if (need_flush)
        flush_tlb_kernel_range(PKMAP_ADDR(0), PKMAP_ADDR(LAST_PKMAP));
}

void kmap_flush_unused(void)
{
    spin_lock(&kmap_lock);
    flush_all_zero_pkmaps();
    spin_unlock(&kmap_lock);
}

/* Every slot is in use. On one active CPU (the others, if any, parked:
 * they run nothing) no kunmap can ever come: say so and stop. On SMP drop kmap_lock, spin until some kunmap frees a slot, and
 * take the lock again. */
static void pkmap_wait(struct page *page)
{
    unsigned int seq;

    if (num_active_cpus() <= 1) {
        spin_unlock(&kmap_lock);
        arch_panic("kmap: pkmap pool exhausted: all %d entries in use on one CPU, "
                   "and no other CPU can kunmap one (kmap of pfn 0x%lx)",
                   LAST_PKMAP, page_to_pfn(page));
    }
    seq = pkmap_wake_seq;
    pkmap_waiters++;
    pkmap_waits++;
    spin_unlock(&kmap_lock);
    while (pkmap_wake_seq == seq)
        arch_cpu_relax();
    spin_lock(&kmap_lock);
    pkmap_waiters--;
}

/* Find page a free slot (count 0), scanning on from last_pkmap_nr and
 * flushing at each wrap; map it there with count 1 and record it in the
 * htable. Returns the address. Caller holds kmap_lock; it may be dropped
 * and retaken while waiting, so the page may turn out mapped meanwhile. */
static unsigned long map_new_virtual(struct page *page)
{
    unsigned int count, nr;
    unsigned long vaddr;

start:
    count = LAST_PKMAP;
    for (;;) {
        last_pkmap_nr = (last_pkmap_nr + 1) & LAST_PKMAP_MASK;
        if (!last_pkmap_nr) {
            flush_all_zero_pkmaps();
            count = LAST_PKMAP;
        }
        if (!pkmap_count[last_pkmap_nr])
            break;
        if (--count)
            continue;
        pkmap_wait(page);
        vaddr = page_address_locked(page);      /* mapped by someone else? */
        if (vaddr)
            return vaddr;
        goto start;
    }
    nr = last_pkmap_nr;
    vaddr = PKMAP_ADDR(nr);
    set_pte(&pkmap_page_table[nr], pfn_pte(page_to_pfn(page), PAGE_KERNEL));
    pkmap_count[nr] = 1;
    set_page_address(page, vaddr);
    return vaddr;
}

/* kmap_high for a page that is not mapped yet: map it (or find it mapped
 * after a wait), count the user, drop kmap_lock. */
void *kmap_high_slow(struct page *page)
{
    unsigned long vaddr = map_new_virtual(page);

    pkmap_count[PKMAP_NR(vaddr)]++;
    spin_unlock(&kmap_lock);
    return (void *)vaddr;
}

void bad_kmap(struct page *page, int *cnt)
{
    spin_unlock(&kmap_lock);
    arch_panic("BUG: kmap_high: pfn 0x%lx at 0x%08lx: count %d after kmap (overflow)",
               page_to_pfn(page), PKMAP_ADDR(cnt - pkmap_count), *cnt);
}

void bad_kunmap(struct page *page, int *cnt)
{
    spin_unlock(&kmap_lock);
    if (!cnt)
        arch_panic("BUG: kunmap_high: pfn 0x%lx is not kmapped", page_to_pfn(page));
    arch_panic("BUG: kunmap_high: pfn 0x%lx at 0x%08lx unmapped more often than mapped",
               page_to_pfn(page), PKMAP_ADDR(cnt - pkmap_count));
}
