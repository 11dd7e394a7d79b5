/*
 * exc.c - user-level exception dispatch (see exc.h): TLB misses and
 * dirty-bit faults go to the page table (vm.c); the rest to handlers
 * registered with exc_handler. An exception nobody handles is given
 * back to Aegis (its handler unregistered) and retried, so Aegis ends
 * the process exactly as if ExOS had never seen it.
 */
#include <stdio.h>
#include "exos.h"
#include "exc.h"
#include "vm.h"

extern uint32_t *exos_upcall_ptr;
void exc_revoke_entry(void);

/* Not static: exc_asm.S calls the XCODE_MOD handler itself. */
/* Small data (.sbss): exc_asm.S reaches them gp-relative. */
exc_fn exc_handlers[EXC_NCAUSES] __attribute__((section(".sbss")));
unsigned exc_count[EXC_NCAUSES] __attribute__((section(".sbss")));
/* exc_handlers[XCODE_MOD] or, when it is NULL, mod_unhandled (below). */
extern exc_fn exc_mod_fn;
static void mod_unhandled(struct exc_frame *f);

_Static_assert(VM_FAULT_PROT == 2, "exc_asm.S's EXC_VM_FAULT_PROT");

void exc_init(void)
{
	sys_set_xsave(exc_xsave);
	sys_set_handler(XCODE_TLBL, exc_entry);
	sys_set_handler(XCODE_TLBS, exc_entry);
	sys_set_handler(XCODE_MOD, exc_entry);
	/* The revocation context: a0..a2 are saved at +16 of the upcall
	   area; slices stay Aegis's to save and resume (no start/end pc). */
	sys_set_upcalls(0, 0, exos_upcall_ptr);
	sys_set_revoke(exc_revoke_entry, vm_revoke_vector,
		       sizeof vm_revoke_vector / sizeof vm_revoke_vector[0]);
}

static int always_ours(int cause)
{
	return cause == XCODE_TLBL || cause == XCODE_TLBS || cause == XCODE_MOD;
}

exc_fn exc_handler(int cause, exc_fn fn)
{
	if (cause < 0 || cause >= EXC_NCAUSES)
		return 0;
	exc_fn old = exc_handlers[cause];
	exc_handlers[cause] = fn;
	if (cause == XCODE_MOD)
		exc_mod_fn = fn ? fn : mod_unhandled;
	if (cause < 32 && !always_ours(cause))
		sys_set_handler(cause, fn ? exc_entry : 0);
	return old;
}

/* Nobody wants it: let Aegis see it (it ends the process). */
static void give_up(struct exc_frame *f, unsigned code)
{
	(void)f;
	sys_set_handler(code, 0);
}

static void segv(struct exc_frame *f, unsigned code, int why)
{
	if (code == XCODE_MOD || (code == XCODE_TLBS && why == VM_FAULT_PROT)) {
		if (exc_handlers[XCODE_MOD]) {
			exc_handlers[XCODE_MOD](f);
			return;
		}
	}
	exc_count[EXC_SEGV]++;
	if (exc_handlers[EXC_SEGV]) {
		exc_handlers[EXC_SEGV](f);
		return;
	}
	give_up(f, code);
}

/* exc_asm.S's XCODE_MOD handler: the registered one, or with none what
   exc_mod_result does for VM_FAULT_PROT then, so that the trampoline
   calls it without a NULL test (one instruction less on the trap). */
static void mod_unhandled(struct exc_frame *f)
{
	segv(f, XCODE_MOD, VM_FAULT_PROT);
}
exc_fn exc_mod_fn __attribute__((section(".sdata"))) = mod_unhandled;

/* What vm_mod_fault answered (r) for a store to a read-only binding:
   a read-only page (the paper's trap) goes straight to its handler; the
   rest through segv. exc_asm.S calls the handler itself and comes here
   for the other answers. */
void exc_mod_result(struct exc_frame *f, int r);
void exc_mod_result(struct exc_frame *f, int r)
{
	if (r == VM_FAULT_PROT && exc_handlers[XCODE_MOD])
		exc_handlers[XCODE_MOD](f);
	else if (r)
		segv(f, XCODE_MOD, r);
}

/* Every cause but XCODE_MOD, which exc_asm.S dispatches itself (and
   sends here only from tests). */
void exc_dispatch(struct exc_frame *f);
void exc_dispatch(struct exc_frame *f)
{
	unsigned code = exc_code(f);
	int r;
	switch (code) {
	case XCODE_TLBL:
	case XCODE_TLBS:
		r = vm_fault(f->badvaddr, code == XCODE_TLBS);
		if (r)
			segv(f, code, r);
		return;
	case XCODE_MOD:
		exc_mod_result(f, vm_mod_fault(f->badvaddr));
		return;
	default:
		if (exc_handlers[code])
			exc_handlers[code](f);
		else
			give_up(f, code);
	}
}
