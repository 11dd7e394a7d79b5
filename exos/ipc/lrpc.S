/*
 * lrpc.S - LRPC on Aegis's synchronous protected control transfer
 * (SOSP'95 §6.2, Tables 8 and 12). The registers are the message: a0 the
 * argument (the reply comes back in a0), a1 the caller's id, where the
 * server transfers back to. Nothing of the caller is saved by Aegis, and
 * the reply arrives at the caller's synchronous entry point. The stubs
 * take the server last (arg, self, server), so that the argument and
 * the caller's id are already where the transfer carries them:
 *   lrpc  (untrusted server) the stub saves s0-s8, gp, sp and ra before
 *         the call and lrpc_reply restores them;
 *   tlrpc (trusted server) the server keeps them, so tlrpc_reply only
 *         returns. Single procedure, no dispatch, no permission check,
 *         single-threaded, as in the paper.
 * Instructions per round trip (tests/lrpctest.c checks them): lrpc 93 =
 * lrpc_call 16 + the syscall and Aegis's 27 + the server's 5 + 28 back +
 * lrpc_reply 16; tlrpc 65 = tlrpc_call 2 + 28 + 5 + 28 + tlrpc_reply 2.
 */
#include <aegis/syscall.h>
	.set	noreorder
	.set	noat

	.data
	.balign	4
lrpc_save:	.space	48		/* s0..s7, s8, sp, ra, gp */
	.globl	lrpc_counter, lrpc_server_home
lrpc_counter:	.word	0
lrpc_server_home: .word	0

	.text
/* unsigned lrpc_call(unsigned arg, int self, int server) */
	.globl	lrpc_call, lrpc_reply
	.ent	lrpc_call
lrpc_call:				/* 16 to the syscall */
	lui	$t0, %hi(lrpc_save)
	addiu	$t0, $t0, %lo(lrpc_save)
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
	move	$v1, $a2
	li	$v0, SYS_pct_sync
	syscall
	/* Only a refused transfer comes back here (v0 < 0). */
	jr	$ra
	nop
lrpc_reply:				/* 16 */
	lui	$t0, %hi(lrpc_save)
	addiu	$t0, $t0, %lo(lrpc_save)
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
	.end	lrpc_call

/* unsigned tlrpc_call(unsigned arg, int self, int server) */
	.globl	tlrpc_call, tlrpc_reply
	.ent	tlrpc_call
tlrpc_call:				/* 2 to the syscall */
	move	$v1, $a2
	li	$v0, SYS_pct_sync
	syscall
	/* Only a refused transfer comes back here (v0 < 0). */
	jr	$ra
	nop
tlrpc_reply:				/* 2 */
	jr	$ra				/* the server kept ra, sp, s0-s8, gp */
	move	$v0, $a0
	.end	tlrpc_call

/* The server: add the argument to the counter, return the new value in
   a0, transfer back to the caller (a1). It touches only t0, t1, a0 and
   v1, and so keeps every callee-saved register: a trusted server. Only
   a synchronous transfer enters here, and Aegis's transfer leaves v0
   alone, so v0 still holds SYS_pct_sync for the reply. */
	.globl	lrpc_server_entry
	.ent	lrpc_server_entry
lrpc_server_entry:			/* 5 to the syscall */
	lui	$t0, %hi(lrpc_counter)
	lw	$t1, %lo(lrpc_counter)($t0)
	move	$v1, $a1
	addu	$a0, $a0, $t1
	sw	$a0, %lo(lrpc_counter)($t0)	/* v0 = SYS_pct_sync, as it came */
	syscall
	/* The caller is gone: idle. */
	b	lrpc_server_idle
	nop
	.end	lrpc_server_entry

/* An untrusted server: the same reply with every other register it may
   touch overwritten, sp, ra, gp and s0-s8 included. */
	.globl	lrpc_server_hostile
	.ent	lrpc_server_hostile
lrpc_server_hostile:
	li	$s0, 0xdead0000
	li	$s1, 0xdead0001
	li	$s2, 0xdead0002
	li	$s3, 0xdead0003
	li	$s4, 0xdead0004
	li	$s5, 0xdead0005
	li	$s6, 0xdead0006
	li	$s7, 0xdead0007
	li	$s8, 0xdead0008
	li	$gp, 0xdead0009
	li	$sp, 0xdead000a
	li	$ra, 0xdead000b
	li	$a2, 0xdead000c
	li	$a3, 0xdead000d
	li	$t1, 0xdead000e
	li	$t9, 0xdead000f
	b	lrpc_server_entry
	nop
	.end	lrpc_server_hostile

/* The client's asynchronous entry: where Aegis puts a client that left
   by a transfer when one of its own slices comes round, which happens
   while the server it called has not replied yet (the server was
   preempted in another slice). Nothing of the client was saved, so this
   is no reply: it gives the slice away (yield to the next runner) until
   the server's reply arrives at the synchronous entry. (It used to be the
   reply stub itself, which "returned" whatever a0 held: a stale value,
   with the server's call still pending; seen under GXemul.) */
	.globl	lrpc_client_wait
	.ent	lrpc_client_wait
lrpc_client_wait:
	move	$a0, $zero
	li	$v0, SYS_yield
	syscall
	b	lrpc_client_wait
	nop
	.end	lrpc_client_wait

/* The asynchronous entry: where the server's own slices find it after
   it left by a transfer (nothing of it saved). Give them to its home. */
	.globl	lrpc_server_idle
	.ent	lrpc_server_idle
lrpc_server_idle:
	lui	$a0, %hi(lrpc_server_home)
	lw	$a0, %lo(lrpc_server_home)($a0)
	li	$v0, SYS_yield
	syscall
	b	lrpc_server_idle
	nop
	.end	lrpc_server_idle
