/*
 * net/ash.h - application-specific safe handlers (Wallach, Engler,
 * Kaashoek, SIGCOMM 1996) inside Aegis: the kernel's side of
 * SYS_ash_download (check a handler, rewrite it into sandboxed kernel
 * code) and of the receive path (run it on a frame in its owner's
 * address space). net.c calls these; the ABI is <aegis/net.h>.
 * ash.c is the verifier and rewriter, ash_run.S the run trampoline and
 * the exception routes a run uses.
 */
#ifndef AEGIS_NET_ASH_H
#define AEGIS_NET_ASH_H

/* The rewritten code's area (kseg0), for every handler. */
#define ASH_CODE_WORDS	16384	/* 64 KB */
/* The wired TLB entry the frame window uses during a run (R3000: Random
   never selects entries 0-7, so tlbwr cannot evict it; R3000 manual
   ch. 6). No other Aegis code uses a wired entry. */
#define ASH_TLB_SLOT	1

#ifndef __ASSEMBLER__
#include <stdint.h>

struct env;

/* Check and rewrite a handler for filter fid (0..DPF_MAX_FILTERS-1); code
   is already in kernel memory. 0, or -AEGIS_EINVAL with why
   (AEGIS_ASH_WHY_LEN bytes, NUL-terminated) filled, or -AEGIS_ELIMIT (no
   room in the code area). Replaces fid's old handler only on success. */
int ash_load(int fid, const uint32_t *code, unsigned nwords, uint32_t arg, char *why);
void ash_unload(int fid);
int ash_bound(int fid);		/* 1 if fid has a handler */
/* Run fid's handler on a received frame: frame = a 4 KB-aligned kernel
   page + 2 (kseg0 or kseg1), len bytes. owner is the filter's owner.
   Returns 0 consumed, 1 deliver to the ring (also: no handler, owner
   gone, a frame that does not fit its page), -1 aborted with *why =
   AEGIS_ASH_FAULT or AEGIS_ASH_TIMEOUT. The handler can read the whole
   page, so it must hold nothing but this frame that the owner may not
   see (no tail of an earlier, longer frame for another environment: the
   caller clears it or uses a clean page). Called with interrupts off; it
   saves and restores everything it changes (Status, EntryHi, Index,
   EntryLo, the frame window's TLB slot, cur_xc, the STLB-miss route,
   the kernel's callee-saved registers). */
int ash_run(int fid, struct env *owner, const uint8_t *frame, unsigned len, unsigned *why);

/* The send call's way out: lance_send, or a test's recorder. */
extern int (*ash_send_fn)(const void *frame, unsigned len);

/* What stopped the last aborted run (for tests and diagnostics): the
   Cause, EPC and BadVAddr of the exception (Cause 0 for a timeout or a
   send that could not read its bytes). */
struct ash_fault_info {
	uint32_t cause, epc, badvaddr;
};
extern struct ash_fault_info ash_last_fault;

extern uint32_t ash_code[ASH_CODE_WORDS];
#endif

#endif
