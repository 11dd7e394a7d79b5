/*
 * exos/lib/vm.h - ExOS virtual memory (SOSP'95 §6): a per-process page
 * table (a sorted linear vector searched by binary search, or an
 * inverted/hashed table), TLB-miss upcalls, protection, dirty bits,
 * sharing and revocation, all in the library on top of Aegis's
 * SYS_alloc / SYS_tlbwr / SYS_tlbvadelete.
 */
#ifndef EXOS_VM_H
#define EXOS_VM_H

#include <stdint.h>

/* Protection bits. */
#define VM_READ		1
#define VM_WRITE	2
#define VM_UNCACHED	4
#define VM_LAZY		8	/* vm_alloc: bind at the first access (a TLB-miss
				   upcall), not at once */
#define VM_PINNED	16	/* vm_alloc: never given back on a revocation
				   request (the heap's pages) */

/* Page-table kinds for vm_init. */
#define VM_LINEAR	1	/* sorted vector, binary search (the original) */
#define VM_INVERTED	2	/* hash table keyed by vpn */

#define VM_PAGE_SIZE	4096u

/* Choose the page-table kind (done by exos_init with VM_LINEAR; calling it
   again switches kinds, the entries moving over). 0, or -AEGIS_EINVAL
   for an unknown kind. Like every ExOS call, errors are negative
   AEGIS_E* codes; only the POSIX glue (sys.c) sets errno and returns -1. */
int vm_init(int kind);
int vm_kind(void);

/* Map someone's page ppn, usable with capability cap, at va. */
int vm_map(uint32_t va, uint32_t ppn, uint32_t cap, int prot);
/* A new zeroed page at va; its ppn and capability (for sharing) out. */
int vm_alloc(uint32_t va, int prot, uint32_t *ppn, uint32_t *cap);
/* Change protection of every mapped page in [va, va+len). */
int vm_protect(uint32_t va, uint32_t len, int prot);
/* vm_protect of va1's page to prot1, then of va2's to prot2 (one page
   each): Appel and Li's fault handler, which protects one page and opens
   another. When va1 only loses write and va2 (written before) only gains
   it, one Aegis call (SYS_tlbwrprot) changes both bindings. 0, or
   -AEGIS_EINVAL (nothing changed) if either page is not mapped. */
int vm_protect2(uint32_t va1, int prot1, uint32_t va2, int prot2);
/* Remove the mapping at va (frees the page if this process allocated it). */
int vm_unmap(uint32_t va);

/* Queries. */
int vm_lookup(uint32_t va, uint32_t *ppn, uint32_t *cap, int *prot);
int vm_is_dirty(uint32_t va);		/* 1 once written since the last clean */
int vm_clean(uint32_t va);		/* clear dirty, map read-only again */
int vm_count(void);			/* mapped pages */
int vm_owned(void);			/* pages this process allocated */

struct vm_stats {
	unsigned misses;	/* TLB-miss upcalls serviced */
	unsigned segv;		/* unresolvable faults */
	unsigned dirty_faults;	/* first-write faults recorded */
	unsigned revoked;	/* pages given back on request */
	unsigned probes;	/* table probes (comparisons) */
	unsigned cow_copies;	/* pages copied at a write after fork */
};
void vm_get_stats(struct vm_stats *s);

/* For exc.c: service a miss (write: a store) or a store to a page bound
   read-only. 0: bound, retry; else why not. */
#define VM_FAULT_UNMAPPED	1	/* no page there */
#define VM_FAULT_PROT		2	/* the page's protection forbids it */
#define VM_FAULT_CAP		3	/* Aegis refused the capability */
int vm_fault(uint32_t va, int write);
/* fork (fork.c): every page this process owns or holds becomes
   copy-on-write (read-only until written, then copied), one SHARE entry
   each in pages[] for the child; how many, or -AEGIS_ENOMEM past max.
   vm_fork_child, in the child: the same pages are held, not owned, and
   every readable page is bound again. */
struct aegis_env_page;
int vm_fork_share(struct aegis_env_page *pages, int max);
void vm_fork_child(void);
/* The page at va made this process's own (copied if a fork shares it),
   its number and a capability that allows writing it: for DMA, which
   writes around the TLB and must never land in a shared page. */
int vm_private(uint32_t va, uint32_t *ppn, uint32_t *cap);
int vm_mod_fault(uint32_t va);
extern uint32_t vm_revoke_vector[64];

#endif
