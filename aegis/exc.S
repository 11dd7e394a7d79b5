/*
 * exc.S - the general exception vector and exception dispatch to user
 * handlers (SOSP'95 §5.2: save three scratch registers in the
 * environment's save area through physical addresses, load EPC, BadVAddr
 * and Cause, jump by cause to the handler in user mode). gen_vector is
 * copied to 0x80000080 by trap_init(); every address in it is absolute.
 * The path from the exception to the user handler is 18 instructions,
 * counted beside each one; tests/user/dispatch.c measures it.
 */
#include "mips.h"
#include "exc.h"
#include <aegis/exception.h>

	.set	noreorder
	.set	noat
	.text

	.globl	gen_vector, gen_vector_end
gen_vector:
	mfc0	$k0, CP0_CAUSE			/*  1 */
	lui	$k1, %hi(cur_xc)		/*  2 */
	lw	$k1, %lo(cur_xc)($k1)		/*  3 the routing block */
	andi	$k0, $k0, CAUSE_EXC_MASK	/*  4 ExcCode * 4 */
	addu	$k1, $k1, $k0			/*  5 */
	lw	$k0, XC_ROUTE($k1)		/*  6 where this cause goes */
	nop					/*  7 load delay */
	jr	$k0				/*  8 */
	lw	$k0, XC_SAVE($k1)		/*  9 the save area, for exc_to_user */
gen_vector_end:

/* k0 = the save area (kseg0: no TLB miss), k1 = routing block + cause*4. */
	.globl	exc_to_user
	.ent	exc_to_user
exc_to_user:
	lw	$k1, XC_UHANDLER($k1)		/* 10 */
	sw	$a0, XSAVE_A0($k0)		/* 11 */
	sw	$a1, XSAVE_A1($k0)		/* 12 */
	sw	$a2, XSAVE_A2($k0)		/* 13 */
	mfc0	$a0, CP0_EPC			/* 14 */
	mfc0	$a1, CP0_BADVADDR		/* 15 */
	mfc0	$a2, CP0_CAUSE			/* 16 */
	jr	$k1				/* 17 */
	rfe					/* 18 back to user mode */
	.end	exc_to_user
