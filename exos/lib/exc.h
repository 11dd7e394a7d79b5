/*
 * exos/lib/exc.h - user-level exceptions, signal-like. Aegis dispatches
 * an exception straight to ExOS's trampoline (exc_asm.S), which saves
 * what C code may clobber (the caller-saved registers, hi, lo and gp) in
 * a struct exc_frame on the interrupted stack and calls C; the C side
 * services TLB misses and dirty-bit faults from the page table (vm.c)
 * and hands the rest to the handler registered with exc_handler. A
 * handler may change any saved register in the frame, epc included
 * (e.g. exc_skip(f) resumes after the faulting instruction); the
 * trampoline resumes at frame->epc. The callee-saved registers (s0-s8,
 * sp) are not in the frame: C gives them back unchanged, so they still
 * hold the interrupted values while the handler runs; their slots
 * (regs[16..23], [29], [30]) are undefined and writes to them are lost.
 */
#ifndef EXOS_EXC_H
#define EXOS_EXC_H

#include <stdint.h>
#include <aegis/exception.h>

struct exc_frame {
	uint32_t regs[32];	/* regs[1] = at, [31] = ra; [0], [16..23], [26..27],
				   [29..30] not saved (above) */
	uint32_t hi, lo;
	uint32_t epc, badvaddr, cause;
	uint32_t pad;
};

/* Pseudo-cause for an access ExOS's page table cannot satisfy (an
   unmapped address, or a protection violation: VM_READ-only or no-access
   pages). XCODE_MOD handlers are called for stores to read-only pages
   too. Without a handler such faults end the process as Aegis would. */
#define EXC_SEGV	32
#define EXC_NCAUSES	33

typedef void (*exc_fn)(struct exc_frame *);

void exc_init(void);
/* Handle cause (XCODE_*, EXC_SEGV) with fn; NULL restores the default
   (the process ends). Returns the previous handler. */
exc_fn exc_handler(int cause, exc_fn fn);
/* Resume after the faulting instruction (not for a branch delay slot). */
static inline void exc_skip(struct exc_frame *f) { f->epc += 4; }
static inline unsigned exc_code(const struct exc_frame *f) { return (f->cause >> 2) & 31; }

/* Counts, for tests. */
extern unsigned exc_count[EXC_NCAUSES];

/* The trampoline (exc_asm.S) and the save area Aegis fills. */
void exc_entry(void);
extern uint32_t exc_xsave[4];

#endif
