/*
 * revoke.h - visible revocation and the abort protocol (SOSP'95 §5.7):
 * Aegis asks an environment to give pages back before a deadline (50 µs
 * of simulated time by default); if it misses it, Aegis takes them by
 * force, breaking their bindings, writes their numbers in the
 * environment's repossession vector and raises a repossession upcall.
 * The environment keeps running; its guaranteed pages are never taken.
 */
#ifndef AEGIS_REVOKE_H
#define AEGIS_REVOKE_H

#include "env.h"

#define REVOKE_DEADLINE_US 50

/* Ask e for npages pages; returns 0, or -1 if e has none it could give. */
int revoke_request(struct env *e, unsigned npages);
/* e gave a page back (SYS_dealloc). */
void revoke_returned(struct env *e);
/* Repossess from every environment whose deadline has passed; run at
   each kernel entry from user mode (the clock's tick at the latest). */
void revoke_scan(void);
extern int revoke_maybe_asked;	/* 0: nothing asked of anyone (revoke.c) */
static inline void revoke_check(void)
{
	if (revoke_maybe_asked)
		revoke_scan();
}
/* Deliver e's due revocation upcall into tf (its registers). */
void revoke_deliver(struct env *e, struct trapframe *tf);
void revoke_forget(struct env *e);

#endif
