/*
 * idlevec.S - idlepoll's exception vector (copied to 0x80000080): every
 * exception is taken as the clock's interrupt; it reads the DS1287's
 * register C (which drops the interrupt line, DS1287 data sheet), counts
 * a tick in idle_ticks and returns. Only k0 and k1 are used.
 */
#include "../../../rt/mips.h"

	.set	noreorder
	.set	noat
	.text

	.globl	idle_vector, idle_vector_end
idle_vector:
	lui	$k0, %hi(idle_tick)
	addiu	$k0, $k0, %lo(idle_tick)
	jr	$k0
	nop
idle_vector_end:

	.ent	idle_tick
idle_tick:
	la	$k1, idle_rtc_c			/* kseg1 address of register C */
	lw	$k1, 0($k1)
	nop
	lw	$k0, 0($k1)			/* read: IRQF and PF clear */
	la	$k1, idle_ticks
	lw	$k0, 0($k1)
	nop
	addiu	$k0, $k0, 1
	sw	$k0, 0($k1)
	mfc0	$k0, CP0_EPC
	nop
	jr	$k0
	rfe
	.end	idle_tick
