/*
 * labs/pagetable/pagetable.h - lab "pagetable" (docs/tour/labs.md): a
 * third page-table structure for ExOS behind exos/lib/pt.h, beside the
 * paper's sorted vector (pt_linear.c) and inverted table (pt_inverted.c)
 * (SOSP'95 §7.2, Table 13): a two-level table, the kind an x86 or a VAX
 * walks in hardware. The virtual page number's high 10 bits index a
 * directory; each directory slot names a second-level table whose 1024
 * slots, indexed by the low 10 bits, name entries of one pool of
 * PT_MAXPTE struct pte. Second-level tables come from a fixed pool of
 * PTLAB_L2 (a table whose last entry goes is given back), so a sparse
 * address space may fill the table before PT_MAXPTE entries: insert then
 * returns NULL, as pt.h allows. Everything is static: the page table may
 * not allocate memory (it serves the heap's own faults).
 *
 * You write pt_lab's operations in pagetable.c. The lab's images link
 * with --defsym=pt_inverted=pt_lab (labs/labs.mk), so vm_init(VM_INVERTED)
 * runs ExOS's virtual memory on your table.
 */
#ifndef LABS_PAGETABLE_H
#define LABS_PAGETABLE_H
#include "pt.h"

#define PTLAB_DIR	1024	/* directory slots: vpn >> 10 */
#define PTLAB_L2	16	/* second-level tables, 4 MB of addresses each */
#define PTLAB_L2SLOTS	1024	/* vpn & 1023 */

extern const struct pt_ops pt_lab;

#endif
