/*
 * lrpctest.c - LRPC over protected control transfer (SOSP'95 Tables 8
 * and 12): a server process adds the argument to its counter and
 * returns the sum in a register. lrpc (the caller saves its
 * callee-saved registers: the server may be hostile) and tlrpc (the
 * server is trusted to keep them); round-trip times, and instruction
 * budgets from lrpc.S's listing.
 */
#include "ipc/ipc.h"
#include "tap.h"
#include <aegis/counter.h>

#define CALLS	1000

/* lrpc.S's listing, one round trip: each way is the stub's or server's
   own instructions, the syscall and Aegis's 27 (aegis/sysentry.S). */
#define PCT_WAY		(1 + 27)
#define LRPC_BUDGET	(16 + PCT_WAY + 5 + PCT_WAY + 16)	/* lrpc_call .. lrpc_reply */
#define TLRPC_BUDGET	(2 + PCT_WAY + 5 + PCT_WAY + 2)	/* tlrpc_call .. tlrpc_reply */

/* unsigned insns_around_rpc(call, server, self, insns): the counter
   page's instruction count across one call(1, self, server), less the
   3 instructions of its own in between (a lw, the jalr, its delay slot). */
unsigned insns_around_rpc(unsigned (*call)(unsigned, int, int), int server, int self,
			  const volatile uint32_t *insns);
__asm__(".set push\n.set noreorder\n.text\n"
	".globl insns_around_rpc\ninsns_around_rpc:\n"
	"	addiu $sp, $sp, -32\n	sw $ra, 28($sp)\n	sw $s0, 24($sp)\n	sw $s1, 20($sp)\n"
	"	move $s0, $a3\n	move $s1, $a0\n	move $t0, $a1\n	move $a1, $a2\n"
	"	move $a2, $t0\n	li $a0, 1\n"
	"	lw $t0, 0($s0)\n	jalr $s1\n	sw $t0, 16($sp)\n"
	"	lw $t1, 0($s0)\n	lw $t0, 16($sp)\n	lw $ra, 28($sp)\n	lw $s0, 24($sp)\n"
	"	lw $s1, 20($sp)\n	addiu $sp, $sp, 32\n	subu $v0, $t1, $t0\n	jr $ra\n"
	"	addiu $v0, $v0, -3\n"
	".set pop\n");

/* The best of a few round trips (a clock tick may land in one). */
static unsigned best_insns(unsigned (*call)(unsigned, int, int), int server, int self)
{
	const volatile uint32_t *insns = exos_counter + COUNTER_INSNS_LO / 4;
	unsigned best = ~0u;
	for (int i = 0; i < 5; i++) {
		unsigned n = insns_around_rpc(call, server, self, insns);
		best = n < best ? n : best;
	}
	return best;
}

struct ctl {
	volatile uint32_t hostile;	/* the server clobbers every register */
	volatile uint32_t ready;	/* the server named its entry points */
};

/* unsigned regcheck(call, server, self): load patterns into s0-s8 and gp,
   make one call through call(5, self, server), and return a bit for each
   of s0-s8, gp and sp that did not come back (0: all kept). */
unsigned regcheck(unsigned (*call)(unsigned, int, int), int server, int self);
__asm__(
"	.set	push\n"
"	.set	noreorder\n"
"	.text\n"
"	.globl	regcheck\n"
"	.ent	regcheck\n"
"regcheck:\n"
"	addiu	$sp, $sp, -64\n"
"	sw	$ra, 60($sp)\n"
"	sw	$s0, 16($sp)\n	sw	$s1, 20($sp)\n	sw	$s2, 24($sp)\n"
"	sw	$s3, 28($sp)\n	sw	$s4, 32($sp)\n	sw	$s5, 36($sp)\n"
"	sw	$s6, 40($sp)\n	sw	$s7, 44($sp)\n	sw	$s8, 48($sp)\n"
"	sw	$gp, 52($sp)\n"
"	sw	$sp, 56($sp)\n"
"	move	$t9, $a0\n"
"	move	$t0, $a1\n"
"	move	$a1, $a2\n"
"	move	$a2, $t0\n"
"	li	$a0, 5\n"
"	li	$s0, 0x51000000\n	li	$s1, 0x51000001\n	li	$s2, 0x51000002\n"
"	li	$s3, 0x51000003\n	li	$s4, 0x51000004\n	li	$s5, 0x51000005\n"
"	li	$s6, 0x51000006\n	li	$s7, 0x51000007\n	li	$s8, 0x51000008\n"
"	li	$gp, 0x51000009\n"
"	jalr	$t9\n"
"	nop\n"
"	move	$v0, $zero\n"
"	li	$t0, 0x51000000\n	beq	$s0, $t0, 1f\n	nop\n	ori	$v0, $v0, 1\n"
"1:	li	$t0, 0x51000001\n	beq	$s1, $t0, 1f\n	nop\n	ori	$v0, $v0, 2\n"
"1:	li	$t0, 0x51000002\n	beq	$s2, $t0, 1f\n	nop\n	ori	$v0, $v0, 4\n"
"1:	li	$t0, 0x51000003\n	beq	$s3, $t0, 1f\n	nop\n	ori	$v0, $v0, 8\n"
"1:	li	$t0, 0x51000004\n	beq	$s4, $t0, 1f\n	nop\n	ori	$v0, $v0, 16\n"
"1:	li	$t0, 0x51000005\n	beq	$s5, $t0, 1f\n	nop\n	ori	$v0, $v0, 32\n"
"1:	li	$t0, 0x51000006\n	beq	$s6, $t0, 1f\n	nop\n	ori	$v0, $v0, 64\n"
"1:	li	$t0, 0x51000007\n	beq	$s7, $t0, 1f\n	nop\n	ori	$v0, $v0, 128\n"
"1:	li	$t0, 0x51000008\n	beq	$s8, $t0, 1f\n	nop\n	ori	$v0, $v0, 256\n"
"1:	li	$t0, 0x51000009\n	beq	$gp, $t0, 1f\n	nop\n	ori	$v0, $v0, 512\n"
"1:	lw	$t0, 56($sp)\n	nop\n	beq	$sp, $t0, 1f\n	nop\n	ori	$v0, $v0, 1024\n"
"1:	lw	$s0, 16($sp)\n	lw	$s1, 20($sp)\n	lw	$s2, 24($sp)\n"
"	lw	$s3, 28($sp)\n	lw	$s4, 32($sp)\n	lw	$s5, 36($sp)\n"
"	lw	$s6, 40($sp)\n	lw	$s7, 44($sp)\n	lw	$s8, 48($sp)\n"
"	lw	$gp, 52($sp)\n"
"	lw	$ra, 60($sp)\n"
"	nop\n"				/* the load delay: jr must see the loaded ra */
"	jr	$ra\n"
"	addiu	$sp, $sp, 64\n"
"	.end	regcheck\n"
"	.set	pop\n");

static int server(uint32_t ppn, uint32_t cap)
{
	struct ctl *c = (struct ctl *)ipc_map(ppn, cap, 1);
	if (!c)
		return 10;
	lrpc_serve(c->hostile ? lrpc_server_hostile : lrpc_server_entry, ipc_parent(), &c->ready);
}

static int start_server(struct ctl **cp, int hostile)
{
	struct ipc_page pg;
	if (ipc_share(&pg) < 0)
		return -1;
	struct ctl *c = (struct ctl *)pg.va;
	c->hostile = (uint32_t)hostile;
	int kid = ipc_spawn_self(pg.ppn, pg.wcap);
	for (int i = 0; kid > 0 && !c->ready && i < 1000; i++)
		ipc_yield(kid);
	*cp = c;
	return kid > 0 && c->ready ? kid : -1;
}

static void stop_server(int kid)
{
	ipc_sys1(SYS_destroy, kid);
	ipc_wait(kid);
}

int main(void)
{
	if (ipc_is_child()) {
		unsigned a0, a1;
		ipc_startup_args(&a0, &a1);
		return server(a0, a1);
	}
	int self = ipc_getenvid();
	struct ctl *c;
	int srv = start_server(&c, 0);
	tap_ok(srv > 0, "lrpc: server spawned and named its entry point");
	if (srv <= 0)
		return exos_test_result();

	/* Untrusted LRPC: right data both ways, many times. */
	tap_ok(lrpc_client_init() == 0, "lrpc: the client's entry point is the reply stub");
	int good = 1;
	unsigned sum = 0;
	for (unsigned i = 1; i <= CALLS; i++) {
		sum += i;
		unsigned got = lrpc_call(i, self, srv);
		if (got != sum && good) {
			printf("#   call %u returned %u, want %u\n", i, got, sum);
			good = 0;
		}
	}
	tap_ok(good, "lrpc: 1000 calls, each returns the server's running sum of the arguments");
	tap_ok(regcheck(lrpc_call, srv, self) == 0, "lrpc: s0-s8, gp and sp survive a call");
	sum += 5;		/* regcheck's call added 5 to the server's count */

	/* Trusted LRPC: the same, the server keeping the registers. */
	tap_ok(tlrpc_client_init() == 0, "tlrpc: the client's entry point is the trusted reply stub");
	good = 1;
	for (unsigned i = 1; i <= CALLS; i++) {
		sum += 3;
		unsigned got = tlrpc_call(3, self, srv);
		if (got != sum && good) {
			printf("#   call %u returned %u, want %u\n", i, got, sum);
			good = 0;
		}
	}
	tap_ok(good, "tlrpc: 1000 calls, each returns the running sum");
	tap_ok(regcheck(tlrpc_call, srv, self) == 0, "tlrpc: the trusted server kept s0-s8, gp and sp");

	/* Round trips, timed. */
	uint64_t tl = 0, tt = 0;
	if (ipc_counter_init()) {
		lrpc_client_init();
		uint64_t t0 = ipc_cycles();
		for (unsigned i = 0; i < CALLS; i++)
			lrpc_call(1, self, srv);
		uint64_t t1 = ipc_cycles();
		tlrpc_client_init();
		uint64_t t2 = ipc_cycles();
		for (unsigned i = 0; i < CALLS; i++)
			tlrpc_call(1, self, srv);
		uint64_t t3 = ipc_cycles();
		tl = t1 - t0;
		tt = t3 - t2;
		lrpc_client_init();
		unsigned il = best_insns(lrpc_call, srv, self);
		tlrpc_client_init();
		unsigned it = best_insns(tlrpc_call, srv, self);
		fflush(stdout);
		exos_check(il <= LRPC_BUDGET, "lrpc: a round trip within its instruction budget (%u <= %u)",
		       il, LRPC_BUDGET);
		exos_check(it <= TLRPC_BUDGET, "tlrpc: a round trip within its instruction budget (%u <= %u)",
		       it, TLRPC_BUDGET);
	} else {
		tap_ok(1, "lrpc: a round trip within its instruction budget # SKIP no counter page");
		tap_ok(1, "tlrpc: a round trip within its instruction budget # SKIP no counter page");
	}
	stop_server(srv);

	/* A hostile server that overwrites every register, sp and ra
	   included: the untrusted stub still gets the caller's back. */
	int bad = start_server(&c, 1);
	tap_ok(bad > 0, "lrpc: a hostile server spawned");
	lrpc_client_init();
	tap_ok(bad > 0 && regcheck(lrpc_call, bad, self) == 0,
	       "lrpc: against a server that clobbers every register, s0-s8, gp and sp survive");
	{
		/* C code with live callee-saved values across a hostile call. */
		volatile unsigned keep[4] = { 11, 22, 33, 44 };
		unsigned a = keep[0], b = keep[1], d = keep[2], e = keep[3];
		unsigned r = bad > 0 ? lrpc_call(7, self, bad) : 0;
		/* Its counter had regcheck's 5 already. */
		tap_ok(r == 5 + 7 && a + b + d + e == 110 && a * b + 1210 == d * e,
		       "lrpc: a server clobbering every register returns its reply and the caller's live values survive");
	}
	if (bad > 0)
		stop_server(bad);
	ipc_sys2(SYS_set_entry, 0, 0);

	if (ipc_counter_init()) {
		unsigned mhz = ipc_mhz();
		bench_line("table8", "ipc_lrpc", tl, mhz, CALLS, CALLS, "6.3");
		bench_line("table12", "ipc_lrpc", tl, mhz, CALLS, CALLS, "6.3");
		bench_line("table12", "ipc_tlrpc", tt, mhz, CALLS, CALLS, "2.9");
	} else {
		printf("# no cycle counter (not pmaxsim): lrpc timing skipped\n");
	}
	return exos_test_result();
}
