/*
 * pct_asm.S - both sides of the protected-control-transfer test. The
 * registers are the message (SOSP'95 §5.5): a0 the argument or result,
 * a1 the sender's environment id; the server adds its own data word to
 * a0 (so the reply proves it ran in its own address space) and transfers
 * back. The client saves what it needs before a call and restores it in
 * its entry point, as a library OS's IPC code would.
 */
#include <aegis/syscall.h>
	.set	noreorder
	.set	noat

/* ---- server ---- */
	.data
	.globl	server_word
server_word:	.word	0x1000		/* the client has its own, different word */
	.text
	.globl	server_entry
	.ent	server_entry
server_entry:
	lui	$t0, %hi(server_word)
	lw	$t0, %lo(server_word)($t0)
	move	$v1, $a1			/* back to the sender */
	addu	$a0, $a0, $t0			/* the reply */
	li	$v0, SYS_pct_sync
	syscall
	.end	server_entry

/* ---- client ---- */
	.data
	.balign	4
call_save:	.space	48		/* s0..s7, s8, sp, ra, gp */
	.text
/* unsigned pct_call(unsigned target, unsigned arg, unsigned self) */
	.globl	pct_call, client_reply
	.ent	pct_call
pct_call:
	la	$t0, call_save
	sw	$s0, 0($t0)
	sw	$s1, 4($t0)
	sw	$s2, 8($t0)
	sw	$s3, 12($t0)
	sw	$s4, 16($t0)
	sw	$s5, 20($t0)
	sw	$s6, 24($t0)
	sw	$s7, 28($t0)
	sw	$s8, 32($t0)
	sw	$sp, 36($t0)
	sw	$ra, 40($t0)
	sw	$gp, 44($t0)
	move	$v1, $a0
	move	$a0, $a1
	move	$a1, $a2
	li	$v0, SYS_pct_sync
	syscall
	/* Not reached on success; an error returns here with v0 < 0. */
	jr	$ra
	nop
client_reply:
	la	$t0, call_save
	lw	$s0, 0($t0)
	lw	$s1, 4($t0)
	lw	$s2, 8($t0)
	lw	$s3, 12($t0)
	lw	$s4, 16($t0)
	lw	$s5, 20($t0)
	lw	$s6, 24($t0)
	lw	$s7, 28($t0)
	lw	$s8, 32($t0)
	lw	$sp, 36($t0)
	lw	$ra, 40($t0)
	lw	$gp, 44($t0)
	jr	$ra
	move	$v0, $a0			/* the result */
	.end	pct_call

/* unsigned pct_bench(unsigned target, unsigned self, unsigned n,
   volatile unsigned *counter): n round trips with nothing saved (the
   server touches only a0, v0, v1, t0, k0, k1); returns the counter's
   advance. The entry point must be bench_reply. */
	.globl	pct_bench, bench_reply
	.ent	pct_bench
pct_bench:
	move	$t8, $a3			/* the counter */
	move	$t9, $a2			/* rounds left */
	move	$t7, $a0			/* the target */
	lw	$t6, 0($t8)			/* start; a1 = self, where the server replies */
round:
	move	$v1, $t7
	li	$v0, SYS_pct_sync
	syscall
bench_reply:
	addiu	$t9, $t9, -1			/* the paper's counter decrement */
	bnez	$t9, round			/* and branch */
	nop
	lw	$v0, 0($t8)
	nop
	jr	$ra
	subu	$v0, $v0, $t6
	.end	pct_bench
