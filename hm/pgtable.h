/*
 * pgtable.h - hm/'s page-table vocabulary. The entries themselves (flags,
 * set_pte/pte_clear in the safe PAE order) are boot/pte.h, reached through
 * the arch seam, so boot/ and hm/ write PTEs the same way.
 */
#ifndef HM_PGTABLE_H
#define HM_PGTABLE_H

#include "hm/arch.h"

#endif
