/*
 * exos/lib/pt.h - the page-table interface vm.c's policy sits on: an
 * entry (struct pte) per mapped virtual page, and one small set of
 * operations that each kind of table provides (pt_linear.c, the paper's
 * sorted vector; pt_inverted.c, a hash table: Table 13's two rows).
 * Every operation is called with vm.c's vm_busy held, so a revocation
 * upcall never sees a table half changed.
 */
#ifndef EXOS_PT_H
#define EXOS_PT_H

#include <stdint.h>

#define PT_MAXPTE	1024	/* entries per table */
#define PTE_USED	1
#define PTE_OWNED	2	/* allocated by this process: dealloc on unmap */
#define PTE_DIRTY	4
#define PTE_BOUND	8	/* bound (maybe still cached) in TLB/STLB */
#define PTE_PINNED	16	/* not offered on revocation requests */
#define PTE_COW		32	/* shared with a forked process (held, maybe owned):
				   bound read-only, copied at the first write */
#define PTE_WBOUND	64	/* our last binding of it was writable (cleared
				   when we lower or remove it): whether a new
				   protection must lower it */

struct pte {
	uint32_t vpn, ppn, cap;
	uint8_t prot, flags;
	uint16_t next;		/* the table's own link (inverted: its chain) */
};

struct pt_ops {
	void (*reset)(void);			/* empty the table */
	struct pte *(*find)(uint32_t vpn);	/* NULL: not there */
	/* A new entry for vpn (not there yet): zeroed but for vpn and
	   PTE_USED; NULL if the table is full. */
	struct pte *(*insert)(uint32_t vpn);
	/* Entries move (the linear table shifts them), but a slot holds
	   PTE_USED and vpn only while it is that vpn's entry. */
	void (*remove)(uint32_t vpn);
	/* fn(entry, arg) for each entry with vpn in [vpn, evpn); how many. */
	int (*each_in)(uint32_t vpn, uint32_t evpn, void (*fn)(struct pte *, int), int arg);
	/* The entries with vpn in [vpn, evpn) when the table keeps them
	   side by side (the sorted vector): the first, and *n of them.
	   NULL in a table that does not (then each_in). */
	struct pte *(*span)(uint32_t vpn, uint32_t evpn, int *n);
	/* Its slots, for walks: slot(i) for 0 <= i < slots() is an entry
	   or NULL (unused); count() entries in all. */
	struct pte *(*slot)(int i);
	int (*slots)(void);
	int (*count)(void);
};

extern const struct pt_ops pt_linear, pt_inverted;
extern unsigned pt_probes;	/* entries compared in lookups (vm_stats) */

#endif
