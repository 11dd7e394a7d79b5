/*
 * texc.c - user-level exceptions through exc_handler: unaligned load and
 * store, overflow, coprocessor unusable, break; a handler changing a
 * register and the resume pc; a fault nested inside a handler; the
 * trampoline's instruction budget (exc_asm.S).
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
unsigned insns_around_call(const volatile uint32_t *insns, void (*fn)(struct exc_frame *),
			   struct exc_frame *arg);
__asm__(".text\n.set push\n.set noreorder\n"
	".globl insns_around_break\ninsns_around_break:\n"
	"	lw $8, 0($4)\n	break\n	lw $9, 0($4)\n	jr $31\n	subu $2, $9, $8\n"
	".globl insns_around_call\ninsns_around_call:\n"
	"	addiu $29, $29, -32\n	sw $31, 28($29)\n	sw $16, 24($29)\n	move $16, $4\n"
	"	move $4, $6\n	lw $8, 0($16)\n	jalr $5\n	sw $8, 20($29)\n"
	"	lw $9, 0($16)\n	lw $8, 20($29)\n	lw $31, 28($29)\n	lw $16, 24($29)\n"
	"	addiu $29, $29, 32\n	jr $31\n	subu $2, $9, $8\n"
	".set pop\n");
void exc_dispatch(struct exc_frame *f);	/* exc.c, called by exc_asm.S */

/* exc_asm.S's listing: the trampoline's entry (SAVE_FRAME 34, the save
   area's address 2, FINISH_AND_CALL 14) and its return (35); Aegis's
   dispatch to a user handler is 18 (aegis/tests/user/dispatch.c). */
#define EXC_ASM_ENTRY	50
#define EXC_ASM_RETURN	35
#define AEGIS_DISPATCH	18

static void on_skip(struct exc_frame *f)
{
	exc_skip(f);
}

static void check_budget(void)
{
	if (!exos_counter) {
		exos_check(1, "exc: trampoline within its instruction budget # SKIP no counter page");
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
	exc_fn was = exc_handler(XCODE_ADEL, 0);
	exos_check(was == on_exc && exc_handler(XCODE_ADEL, 0) == 0,
		   "exc: handler removed: the old one given back, none left (see tproc)");
	return exos_test_result();
}
