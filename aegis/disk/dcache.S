/*
 * disk/dcache.S - invalidating the R3000's data cache over a range that a
 * device has just written by DMA (the IOASIC's SCSI DMA writes memory
 * behind the cache's back; the cache is write-through, so data going
 * out needs nothing). With the data cache isolated (IsC), a partial-word
 * store invalidates the line it hits (R3000 manual ch. 5; NetBSD
 * mips1_FlushDCache works the same way). Interrupts are off meanwhile:
 * an isolated cache answers no loads from memory.
 */
#include "mips.h"

	.set	noreorder
	.set	noat
	.text

/* void dcache_inval(uint32_t kseg0_addr, uint32_t len): 4-byte steps
   cover any line size. */
	.globl	dcache_inval
	.ent	dcache_inval
dcache_inval:
	mfc0	$t0, CP0_STATUS
	lui	$t1, 0x0001		/* SR_ISC */
	or	$t1, $t0, $t1
	addiu	$t2, $zero, -2		/* ~SR_IEC */
	and	$t1, $t1, $t2
	mtc0	$t1, CP0_STATUS
	nop
	nop
	blez	$a1, 3f
	nop
2:	sb	$zero, 0($a0)
	addiu	$a1, $a1, -4
	bgtz	$a1, 2b
	addiu	$a0, $a0, 4
3:	nop
	mtc0	$t0, CP0_STATUS
	nop
	nop
	jr	$ra
	nop
	.end	dcache_inval
