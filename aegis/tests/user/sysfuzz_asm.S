/*
 * sysfuzz_asm.S - the system-call fuzzer's two pieces of assembly
 * (sysfuzz.c): any call number with any arguments, and where a protected
 * control transfer to oneself lands.
 */
#include <aegis/syscall.h>
	.set	noreorder
	.text

/* int fuzz_raw(a0, a1, a2, a3, num, v1): syscall number num with a0..a3
   and v1 (the target of SYS_pct_sync/async) as given. */
	.globl	fuzz_raw
	.ent	fuzz_raw
fuzz_raw:
	lw	$v0, 16($sp)
	lw	$v1, 20($sp)
	syscall
	jr	$ra
	nop
	.end	fuzz_raw

/* The fuzzer's entry points (SYS_set_entry): a PCT to itself arrives
   here with every register as it was at the syscall (they are the
   message), so returning through ra ends fuzz_raw as if the call had
   returned. */
	.globl	pct_land
	.ent	pct_land
pct_land:
	jr	$ra
	nop
	.end	pct_land
