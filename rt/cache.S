/*
 * cache.S - invalidating the R3000's instruction cache. The caches are
 * physically indexed and the I-cache does not watch stores, so a page
 * that held one program's code and is loaded with another's would still
 * run the old instructions from the I-cache. With the caches swapped
 * (SwC) and the data side isolated (IsC), a partial-word store to a
 * kseg0 address invalidates that I-cache line (R3000 manual ch. 5; NetBSD
 * mips1_FlushICache). The sequence must run uncached, as the I-cache is
 * out of use while swapped.
 */
#include "mips.h"

	.set	noreorder
	.set	noat
	.text

/* void icache_inval(uint32_t kseg0_addr, uint32_t len): 4-byte steps
   cover any line size. */
	.globl	icache_inval
	.ent	icache_inval
icache_inval:
	la	$t0, 1f
	lui	$t1, 0x2000		/* kseg0 -> kseg1 */
	or	$t0, $t0, $t1
	jr	$t0
	nop
1:	mfc0	$t0, CP0_STATUS
	lui	$t1, 0x0003		/* SR_ISC | SR_SWC */
	or	$t1, $t0, $t1
	addiu	$t2, $zero, -2		/* ~SR_IEC */
	and	$t1, $t1, $t2
	mtc0	$t1, CP0_STATUS
	nop
	nop
2:	sb	$zero, 0($a0)
	addiu	$a1, $a1, -4
	bgtz	$a1, 2b
	addiu	$a0, $a0, 4
	nop
	mtc0	$t0, CP0_STATUS
	nop
	nop
	jr	$ra			/* back to cached kseg0 */
	nop
	.end	icache_inval
