/*
 * texc.c - user-level exceptions through exc_handler: unaligned load and
 * store, overflow, coprocessor unusable, break; a handler changing a
 * register and the resume pc; a fault nested inside a handler; every
 * register intact after a handler, at too when the first resumed
 * instruction reads it; the trampoline's instruction budget (exc_asm.S).
 */
#include <stdio.h>
#include "exos.h"
#include "exc.h"
#include "vm.h"
#include "asmhelp.h"
#include <aegis/counter.h>

static volatile unsigned seen[EXC_NCAUSES];
static volatile uint32_t bad, epc;

static void on_exc(struct exc_frame *f)
{
	seen[exc_code(f)]++;
	bad = f->badvaddr;
	epc = f->epc;
	exc_skip(f);
}

/* Overflow: make the destination register (v0 in ovf_add) 12345. */
static void on_ov(struct exc_frame *f)
{
	seen[XCODE_OV]++;
	f->regs[2] = 12345;
	exc_skip(f);
}

static uint32_t words[4] __attribute__((aligned(16)));

static uint32_t ovf_add(uint32_t a)
{
	uint32_t r;
	__asm__ volatile(".set push\n.set noreorder\nmove $2, $0\nadd $2, %1, %1\nmove %0, $2\n.set pop"
			 : "=r"(r) : "r"(a) : "$2");
	return r;
}

/* Nested: the handler itself takes a TLB miss on a lazily mapped page. */
#define LAZY 0x21000000u
static void on_bp(struct exc_frame *f)
{
	seen[XCODE_BP]++;
	poke(LAZY, 0xfeed);	/* a miss inside a handler */
	exc_skip(f);
}

/* The instructions exc_asm.S adds to a user-level exception, measured
   with the counter page's instruction count: around a break that
   on_skip handles (Aegis's dispatch, the trampoline, exc_dispatch and
   the handler), and around a call of exc_dispatch itself on a frame
   like the trampoline's. insns_around_break counts its lw and the break
   besides the path; insns_around_call its lw, the jalr and its delay
   slot besides the call. */
unsigned insns_around_break(const volatile uint32_t *insns);
unsigned insns_around_store(const volatile uint32_t *insns, uint32_t va);
unsigned insns_around_call(const volatile uint32_t *insns, void (*fn)(struct exc_frame *),
			   struct exc_frame *arg);
__asm__(".text\n.set push\n.set noreorder\n"
	".globl insns_around_break\ninsns_around_break:\n"
	"	lw $8, 0($4)\n	break\n	lw $9, 0($4)\n	jr $31\n	subu $2, $9, $8\n"
	".globl insns_around_store\ninsns_around_store:\n"
	"	lw $8, 0($4)\n	sw $0, 0($5)\n	lw $9, 0($4)\n	jr $31\n	subu $2, $9, $8\n"
	".globl insns_around_call\ninsns_around_call:\n"
	"	addiu $29, $29, -32\n	sw $31, 28($29)\n	sw $16, 24($29)\n	move $16, $4\n"
	"	move $4, $6\n	lw $8, 0($16)\n	jalr $5\n	sw $8, 20($29)\n"
	"	lw $9, 0($16)\n	lw $8, 20($29)\n	lw $31, 28($29)\n	lw $16, 24($29)\n"
	"	addiu $29, $29, 32\n	jr $31\n	subu $2, $9, $8\n"
	".set pop\n");
void exc_dispatch(struct exc_frame *f);	/* exc.c, called by exc_asm.S */

/* exc_asm.S's listing: the trampoline's entry on its general path
   (the head 8: sp, gp, at, v0, v1 and the cause test; SAVE_REST 17, the
   cause's count 5, SAVE_TAIL 8, the jal and its delay slot 2) and its
   return (32: 26 loads and the jump, 6 to see that the resumed
   instruction does not read at); the caller-saved registers only
   (exc.h). Aegis's dispatch to a user handler is 18
   (aegis/tests/user/dispatch.c). */
#define EXC_ASM_ENTRY	40
#define EXC_ASM_RETURN	32
#define AEGIS_DISPATCH	18
/* XCODE_MOD's path to its handler, a store to a read-only page (the
   paper's trap): the head 8 and exc_mod's 43 (the frame's save spread
   through the hint test, XCODE_MOD's count, the call); back the same 32. */
#define EXC_ASM_MOD	51
#define RO_PAGE	0x21400000u

static void on_skip(struct exc_frame *f)
{
	exc_skip(f);
}

static void check_budget(void)
{
	if (!exos_counter) {
		exos_check(1, "exc: trampoline within its instruction budget # SKIP no counter page");
		exos_check(1, "exc: a protection fault's trampoline within its budget # SKIP no counter page");
		return;
	}
	const volatile uint32_t *insns = exos_counter + COUNTER_INSNS_LO / 4;
	exc_fn was = exc_handler(XCODE_BP, on_skip);
	struct exc_frame fake = { .cause = XCODE_BP << 2 };
	unsigned path = ~0u, c = ~0u;
	/* The best of a few: a clock tick may land inside one. */
	for (int run = 0; run < 5; run++) {
		unsigned p = insns_around_break(insns) - 2;
		unsigned q = insns_around_call(insns, exc_dispatch, &fake) - 3;
		path = p < path ? p : path;
		c = q < c ? q : c;
	}
	exc_handler(XCODE_BP, was);
	unsigned asm_part = path - c;
	printf("# exc: break to handler and back %u instructions, %u of them exc_dispatch and the handler\n",
	       path, c);
	exos_check(asm_part <= AEGIS_DISPATCH + EXC_ASM_ENTRY + EXC_ASM_RETURN,
		   "exc: Aegis's dispatch and the trampoline within their budget (%u <= %u instructions)",
		   asm_part, AEGIS_DISPATCH + EXC_ASM_ENTRY + EXC_ASM_RETURN);

	/* The trap: a store to a read-only page, on_skip as its handler
	   (called straight by exc_mod, so the call measured is on_skip's). */
	int ok = vm_alloc(RO_PAGE, VM_READ | VM_WRITE, 0, 0) == 0 && vm_protect(RO_PAGE, VM_PAGE_SIZE, VM_READ) == 0;
	was = exc_handler(XCODE_MOD, on_skip);
	unsigned mods = exc_count[XCODE_MOD];
	path = c = ~0u;
	for (int run = 0; run < 5 && ok; run++) {
		unsigned p = insns_around_store(insns, RO_PAGE) - 2;
		unsigned q = insns_around_call(insns, on_skip, &fake) - 3;
		path = p < path ? p : path;
		c = q < c ? q : c;
	}
	exc_handler(XCODE_MOD, was);
	ok = ok && exc_count[XCODE_MOD] - mods == 5;
	asm_part = path - c;
	printf("# exc: read-only store to handler and back %u instructions, %u of them the handler\n", path, c);
	exos_check(ok && asm_part <= AEGIS_DISPATCH + EXC_ASM_MOD + EXC_ASM_RETURN,
		   "exc: a protection fault's trampoline within its budget (%u <= %u instructions)", asm_part,
		   AEGIS_DISPATCH + EXC_ASM_MOD + EXC_ASM_RETURN);
}

/* Every register a program may hold across a handled exception: the
   trampoline saves only what C may clobber (exc.h), so a handler that
   clobbers every caller-saved register, hi and lo (calls, a division,
   printf into a buffer) must still leave all of them, and s0-s8, gp,
   sp and ra, as they were. regs_around_break(out) loads a pattern into
   each of r1..r25, r28, r30, r31, hi and lo, breaks, and stores what
   each holds after into out[0..31] (r0, k0, k1 and sp: 0; [26], [27]:
   hi, lo); sp is checked by being the base of the stores. */
void regs_around_break(uint32_t *out);
__asm__(".text\n.set push\n.set noreorder\n.set noat\n"
	".globl regs_around_break\nregs_around_break:\n"
	"	addiu $29, $29, -192\n"		/* 16..63 saved, 64..191 after the break */
	"	sw $16, 16($29)\n sw $17, 20($29)\n sw $18, 24($29)\n sw $19, 28($29)\n"
	"	sw $20, 32($29)\n sw $21, 36($29)\n sw $22, 40($29)\n sw $23, 44($29)\n"
	"	sw $28, 48($29)\n sw $30, 52($29)\n sw $31, 56($29)\n sw $4, 60($29)\n"
	"	li $1, 0x5e000001\n li $2, 0x5e000002\n li $3, 0x5e000003\n li $4, 0x5e000004\n"
	"	li $5, 0x5e000005\n li $6, 0x5e000006\n li $7, 0x5e000007\n li $8, 0x5e000008\n"
	"	li $9, 0x5e000009\n li $10, 0x5e00000a\n li $11, 0x5e00000b\n li $12, 0x5e00000c\n"
	"	li $13, 0x5e00000d\n li $14, 0x5e00000e\n li $15, 0x5e00000f\n li $16, 0x5e000010\n"
	"	li $17, 0x5e000011\n li $18, 0x5e000012\n li $19, 0x5e000013\n li $20, 0x5e000014\n"
	"	li $21, 0x5e000015\n li $22, 0x5e000016\n li $23, 0x5e000017\n li $24, 0x5e000018\n"
	"	li $25, 0x5e000019\n li $28, 0x5e00001c\n li $30, 0x5e00001e\n li $31, 0x5e00001f\n"
	"	mthi $25\n mtlo $24\n"
	"	break 9\n"				/* resumed at the next, which reads at */
	"	sw $1, 68($29)\n sw $2, 72($29)\n sw $3, 76($29)\n sw $4, 80($29)\n"
	"	sw $5, 84($29)\n sw $6, 88($29)\n sw $7, 92($29)\n sw $8, 96($29)\n"
	"	sw $9, 100($29)\n sw $10, 104($29)\n sw $11, 108($29)\n sw $12, 112($29)\n"
	"	sw $13, 116($29)\n sw $14, 120($29)\n sw $15, 124($29)\n sw $16, 128($29)\n"
	"	sw $17, 132($29)\n sw $18, 136($29)\n sw $19, 140($29)\n sw $20, 144($29)\n"
	"	sw $21, 148($29)\n sw $22, 152($29)\n sw $23, 156($29)\n sw $24, 160($29)\n"
	"	sw $25, 164($29)\n sw $28, 176($29)\n sw $30, 184($29)\n sw $31, 188($29)\n"
	"	mfhi $1\n mflo $2\n sw $1, 168($29)\n sw $2, 172($29)\n"
	"	lw $1, 60($29)\n"			/* out: copy the 32 words there */
	"	addiu $2, $29, 64\n"
	"	addiu $3, $29, 192\n"
	"1:	lw $4, 0($2)\n addiu $2, $2, 4\n sw $4, 0($1)\n bne $2, $3, 1b\n addiu $1, $1, 4\n"
	"	lw $16, 16($29)\n lw $17, 20($29)\n lw $18, 24($29)\n lw $19, 28($29)\n"
	"	lw $20, 32($29)\n lw $21, 36($29)\n lw $22, 40($29)\n lw $23, 44($29)\n"
	"	lw $31, 56($29)\n lw $28, 48($29)\n lw $30, 52($29)\n"	/* ra's load delay */
	"	jr $31\n addiu $29, $29, 192\n"
	".set pop\n");

static volatile unsigned long long clobber_sink;
static char clobber_buf[64];
static void __attribute__((noinline)) clobber_all(unsigned x)
{
	/* A division and a multiplication (hi, lo) and a library call (any
	   caller-saved register). */
	clobber_sink = (unsigned long long)x * 0x9e3779b9u + x / 7u;
	snprintf(clobber_buf, sizeof clobber_buf, "%u %u %u", x, x * 3, x / 3);
}

static volatile unsigned clobber_seen;
static void on_clobber(struct exc_frame *f)
{
	clobber_seen++;
	clobber_all(f->epc);
	exc_skip(f);
}

static void check_regs_survive(void)
{
	uint32_t out[32] = { 0 };
	exc_fn was = exc_handler(XCODE_BP, on_clobber);
	regs_around_break(out);
	exc_handler(XCODE_BP, was);
	unsigned bad = 0;
	for (unsigned n = 1; n < 32; n++) {
		uint32_t want = 0x5e000000u | n;
		if (n == 26)
			want = 0x5e000019u;	/* hi */
		else if (n == 27)
			want = 0x5e000018u;	/* lo */
		else if (n == 29)
			continue;		/* sp: the base of the stores */
		if (out[n] != want) {
			printf("#   register %u: %08x, want %08x\n", n, (unsigned)out[n], (unsigned)want);
			bad++;
		}
	}
	exos_check(clobber_seen == 1 && bad == 0,
		   "exc: every register, hi and lo survive a handler that clobbers the caller-saved ones");
}

/* The first instruction resumed reads at, and t9 too: exc_asm.S's
   return jumps through at with at's load in the delay slot, which that
   instruction would not see (no load interlock), so it must return
   through a register that instruction does not name (t9 here would be
   wrong as well: the slow way takes v1). at_t9_after_break(out) sets
   at, t9 and v1, breaks (on_skip resumes after it), and stores at + t9
   as the first resumed instruction computed it, then at, t9, v1. */
void at_t9_after_break(uint32_t *out);
__asm__(".text\n.set push\n.set noreorder\n.set noat\n"
	".globl at_t9_after_break\nat_t9_after_break:\n"
	"	li $1, 0x0a000001\n li $25, 0x0a001900\n li $3, 0x0a030000\n"
	"	break 10\n"
	"	addu $2, $1, $25\n"
	"	sw $2, 0($4)\n sw $1, 4($4)\n sw $25, 8($4)\n sw $3, 12($4)\n"
	"	jr $31\n nop\n"
	".set pop\n");

static void check_at_resumed(void)
{
	uint32_t out[4] = { 0 };
	exc_fn was = exc_handler(XCODE_BP, on_skip);
	at_t9_after_break(out);
	exc_handler(XCODE_BP, was);
	exos_check(out[0] == 0x14001901 && out[1] == 0x0a000001 && out[2] == 0x0a001900 && out[3] == 0x0a030000,
		   "exc: the first resumed instruction sees at and t9 (at+t9 %08x, at %08x, t9 %08x, v1 %08x)",
		   (unsigned)out[0], (unsigned)out[1], (unsigned)out[2], (unsigned)out[3]);
}

static void resume_here(void);
static volatile int resumed;
static void on_ri_jump(struct exc_frame *f)
{
	seen[exc_code(f)]++;
	f->epc = (uint32_t)resume_here;	/* a different resume pc */
	f->regs[31] = f->regs[31];	/* return from resume_here to the caller */
}
static void resume_here(void)
{
	resumed = 1;
}

int main(void)
{
	exc_handler(XCODE_ADEL, on_exc);
	uint32_t a = (uint32_t)words + 1;
	uint32_t v = 0;
	__asm__ volatile(".set push\n.set noreorder\nlw %0, 0(%1)\nnop\n.set pop" : "=r"(v) : "r"(a));
	exos_check(seen[XCODE_ADEL] == 1 && bad == a, "exc: unaligned load reaches the ADEL handler");
	exc_handler(XCODE_ADES, on_exc);
	__asm__ volatile(".set push\n.set noreorder\nsw %0, 0(%1)\nnop\n.set pop" : : "r"(v), "r"(a + 1));
	exos_check(seen[XCODE_ADES] == 1 && bad == a + 1, "exc: unaligned store reaches the ADES handler");
	uint32_t h = (uint32_t)words + 2;
	__asm__ volatile(".set push\n.set noreorder\nlw %0, 0(%1)\nnop\n.set pop" : "=r"(v) : "r"(h));
	exos_check(seen[XCODE_ADEL] == 2, "exc: a second unaligned load, handler still installed");

	exc_handler(XCODE_OV, on_ov);
	uint32_t r = ovf_add(0x7fffffff);
	exos_check(seen[XCODE_OV] == 1 && r == 12345, "exc: overflow handler ran and changed a register");
	r = ovf_add(5);
	exos_check(seen[XCODE_OV] == 1 && r == 10, "exc: no overflow, no exception");

	exc_handler(XCODE_CPU, on_exc);
	__asm__ volatile(".set push\n.set noreorder\n.word 0x44080000\nnop\n.set pop" ::: "$8");
	exos_check(seen[XCODE_CPU] == 1, "exc: coprocessor unusable reaches its handler");

	exos_check(vm_alloc(LAZY, VM_READ | VM_WRITE | VM_LAZY, 0, 0) == 0, "exc: a lazy page for the nested fault");
	exc_handler(XCODE_BP, on_bp);
	__asm__ volatile(".set push\n.set noreorder\nbreak 7\nnop\n.set pop");
	exos_check(seen[XCODE_BP] == 1 && peek(LAZY) == 0xfeed, "exc: break handler took a TLB miss inside and returned");

	/* Resume somewhere else: the handler sends the pc to resume_here,
	   which returns to the caller of the faulting code. */
	exc_handler(XCODE_CPU, on_ri_jump);
	__asm__ volatile(".set push\n.set noreorder\njal 1f\nnop\nb 2f\nnop\n1: .word 0x44080000\nnop\njr $31\nnop\n2:\n.set pop"
			 ::: "$31", "$8", "$2", "$3", "$4", "$5", "$6", "$7", "$9", "$10", "$11", "$12", "$13",
			 "$14", "$15", "$24", "$25", "memory");
	exos_check(resumed == 1 && seen[XCODE_CPU] == 2, "exc: a handler can change the resume pc");

	exos_check(exc_count[XCODE_ADEL] == 2 && exc_count[XCODE_OV] == 1 && exc_count[XCODE_BP] == 1,
		   "exc: the library counted each cause");
	check_budget();
	check_regs_survive();
	check_at_resumed();
	exc_fn was = exc_handler(XCODE_ADEL, 0);
	exos_check(was == on_exc && exc_handler(XCODE_ADEL, 0) == 0,
		   "exc: handler removed: the old one given back, none left (see tproc)");
	return exos_test_result();
}
