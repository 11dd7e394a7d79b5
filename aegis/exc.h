/*
 * exc.h - exception routing (exc.S). Every exception through the general
 * vector is routed by cause through the current routing block: for the
 * environment running in user mode, its own block (causes it handles go
 * to exc_to_user, the rest to the kernel's trap path); while the kernel
 * runs, the kernel's block (everything to the trap path).
 * Invariant: cur_xc points at kernel_xc whenever the CPU is in kernel
 * mode outside the vector code, and every route is kernel code.
 */
#ifndef AEGIS_EXC_H
#define AEGIS_EXC_H

#define XC_ROUTE	0	/* kernel code to run for each cause */
#define XC_SAVE		128	/* the save area (kseg0), replicated per cause */
#define XC_UHANDLER	256	/* the user handler for each cause */
#define XC_SIZE		384

#ifndef __ASSEMBLER__
#include <stdint.h>

struct xc {
	uint32_t route[32];
	uint32_t save[32];
	uint32_t uhandler[32];
};
_Static_assert(sizeof(struct xc) == XC_SIZE, "exc.h offsets out of step");

extern struct xc kernel_xc;
extern struct xc *volatile cur_xc;
extern char gen_vector[], gen_vector_end[];
void exc_to_user(void);		/* exc.S; a route, never called */
void trap_entry(void);		/* entry.S; a route, never called */
void intr_entry(void);		/* entry.S: environments' route for interrupts */

/* A routing block with every cause going to the kernel's trap path. */
void xc_init(struct xc *x);
#endif

#endif
