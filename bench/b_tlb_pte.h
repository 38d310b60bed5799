/* b_tlb_pte.h - the rows of bench=tlb that need 4 KiB PTEs from hm/. */
#ifndef BENCH_B_TLB_PTE_H
#define BENCH_B_TLB_PTE_H
/* Emit the floor and refill rows into the open "tlb" table. */
void tlb_pte_rows(void);
#endif
