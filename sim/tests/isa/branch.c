/*
 * branch.c - jumps and branches: j jal jr jalr (also with a link register
 * other than ra), beq bne blez bgtz bltz bgez bltzal bgezal taken and not
 * taken on boundary operands, the delay slot (always executed), the link
 * register of bltzal/bgezal (written even when not taken), backward loops,
 * branches to the ends of the 16-bit offset range, and a branch whose
 * delay slot is in the next 4 KB page.
 */
#include "isa.h"

static const u32 vals[] = { 0x00000000, 0x00000001, 0xffffffff, 0x7fffffff, 0x80000000 };

static const char *outcome(u32 r)
{
	switch (r) {
	case 2: return "taken ds";
	case 3: return "not-taken ds";
	case 0: return "taken no-ds";
	case 1: return "not-taken no-ds";
	default: return "?";
	}
}

/* r = 2 if taken, 3 if not; the delay slot adds 2. */
#define B1(op)								\
static u32 op##_b(u32 a)						\
{									\
	u32 r;								\
	__asm__ __volatile__(".set push\n.set noreorder\n"		\
		"move %0, $0\n\t"					\
		#op " %1, 1f\n\t"					\
		"addiu %0, %0, 2\n\t"					\
		"ori %0, %0, 1\n"					\
		"1:\n.set pop" : "=&r"(r) : "r"(a));			\
	return r;							\
}
B1(blez) B1(bgtz) B1(bltz) B1(bgez)

#define B2(op)								\
static u32 op##_b(u32 a, u32 b)						\
{									\
	u32 r;								\
	__asm__ __volatile__(".set push\n.set noreorder\n"		\
		"move %0, $0\n\t"					\
		#op " %1, %2, 1f\n\t"					\
		"addiu %0, %0, 2\n\t"					\
		"ori %0, %0, 1\n"					\
		"1:\n.set pop" : "=&r"(r) : "r"(a), "r"(b));		\
	return r;							\
}
B2(beq) B2(bne)

/* Also returns in *link 0 if $31 = the branch's address + 8. */
#define BAL(op)								\
static u32 op##_b(u32 a, u32 *link)					\
{									\
	u32 r, l;							\
	__asm__ __volatile__(".set push\n.set noreorder\n"		\
		"move %0, $0\n\t"					\
		"move $31, $0\n\t"					\
		#op " %2, 1f\n\t"					\
		"addiu %0, %0, 2\n"					\
		"2:\tori %0, %0, 1\n"					\
		"1:\tla %1, 2b\n\t"					\
		"subu %1, $31, %1\n.set pop"				\
		: "=&r"(r), "=&r"(l) : "r"(a) : "$31");		\
	*link = l;							\
	return r;							\
}
BAL(bltzal) BAL(bgezal)

static void conditional(void)
{
	static const struct { const char *name; u32 (*fn)(u32); } one[] = {
		{ "blez", blez_b }, { "bgtz", bgtz_b }, { "bltz", bltz_b }, { "bgez", bgez_b },
	};
	for (unsigned o = 0; o < ARRAY_LEN(one); o++)
		for (unsigned i = 0; i < ARRAY_LEN(vals); i++)
			pr("%s %x = %s", one[o].name, vals[i], outcome(one[o].fn(vals[i])));
	static const u32 p[][2] = {
		{ 0, 0 }, { 1, 1 }, { 0xffffffff, 0xffffffff }, { 0x80000000, 0x80000000 },
		{ 0, 1 }, { 0x80000000, 0x7fffffff }, { 0xffffffff, 0x7fffffff },
		{ 0x00000001, 0x80000001 },
	};
	for (unsigned i = 0; i < ARRAY_LEN(p); i++) {
		pr("beq %x %x = %s", p[i][0], p[i][1], outcome(beq_b(p[i][0], p[i][1])));
		pr("bne %x %x = %s", p[i][0], p[i][1], outcome(bne_b(p[i][0], p[i][1])));
	}
	static const struct { const char *name; u32 (*fn)(u32, u32 *); } al[] = {
		{ "bltzal", bltzal_b }, { "bgezal", bgezal_b },
	};
	for (unsigned o = 0; o < ARRAY_LEN(al); o++)
		for (unsigned i = 0; i < ARRAY_LEN(vals); i++) {
			u32 link;
			u32 r = al[o].fn(vals[i], &link);
			pr("%s %x = %s link %s", al[o].name, vals[i], outcome(r),
			   link == 0 ? "pc+8" : "wrong");
		}
	/* A register compared with itself; $zero operands. */
	u32 r;
	__asm__ __volatile__(".set push\n.set noreorder\n"
		"li %0, 0\n\tbeq $0, $0, 1f\n\tnop\n\tori %0, %0, 1\n1:\t"
		"bne $0, $0, 2f\n\tnop\n\tori %0, %0, 2\n2:\t"
		"bgez $0, 3f\n\tnop\n\tori %0, %0, 4\n3:\t"
		"bltz $0, 4f\n\tnop\n\tori %0, %0, 8\n4:\n.set pop" : "=&r"(r));
	pr("beq/bne/bgez/bltz $0 = %x", r);
}

/* Loops: a backward branch taken count-1 times. */
static void backward(void)
{
	u32 n, k;
	__asm__ __volatile__(".set push\n.set noreorder\n"
		"move %0, $0\n\tli %1, 5\n"
		"1:\taddiu %0, %0, 1\n\taddiu %1, %1, -1\n\t"
		"bgtz %1, 1b\n\tnop\n.set pop" : "=&r"(n), "=&r"(k));
	pr("bgtz loop 5 = %d %x", (s32)n, k);
	__asm__ __volatile__(".set push\n.set noreorder\n"
		"move %0, $0\n\tli %1, 4\n"
		"1:\taddiu %1, %1, -1\n\t"
		"bgez %1, 1b\n\taddiu %0, %0, 1\n.set pop" : "=&r"(n), "=&r"(k));
	pr("bgez loop 4 (counting in the delay slot) = %d %x", (s32)n, k);
	__asm__ __volatile__(".set push\n.set noreorder\n"
		"move %0, $0\n\tli %1, -6\n"
		"1:\taddiu %0, %0, 3\n\taddiu %1, %1, 1\n\t"
		"bltz %1, 1b\n\tnop\n.set pop" : "=&r"(n), "=&r"(k));
	pr("bltz loop -6 = %d %x", (s32)n, k);
	__asm__ __volatile__(".set push\n.set noreorder\n"
		"move %0, $0\n\tli %1, -3\n"
		"1:\taddiu %0, %0, 1\n\taddiu %1, %1, 1\n\t"
		"blez %1, 1b\n\tnop\n.set pop" : "=&r"(n), "=&r"(k));
	pr("blez loop -3 = %d %x", (s32)n, k);
	__asm__ __volatile__(".set push\n.set noreorder\n"
		"move %0, $0\n\tli %1, 7\n"
		"1:\taddiu %0, %0, 1\n\taddiu %1, %1, -1\n\t"
		"bne %1, $0, 1b\n\tnop\n.set pop" : "=&r"(n), "=&r"(k));
	pr("bne loop 7 = %d %x", (s32)n, k);
	__asm__ __volatile__(".set push\n.set noreorder\n"
		"move %0, $0\n\tli %1, 0\n"
		"1:\taddiu %0, %0, 1\n\tslti %1, %0, 9\n\t"
		"xori %1, %1, 1\n\t"
		"beq %1, $0, 1b\n\tnop\n.set pop" : "=&r"(n), "=&r"(k));
	pr("beq loop 9 = %d %x", (s32)n, k);
	/* A branch in the delay slot's shadow: a taken branch whose delay
	   slot holds an addiu that the target loop also reads. */
	__asm__ __volatile__(".set push\n.set noreorder\n"
		"li %0, 100\n\tli %1, 3\n"
		"1:\taddiu %1, %1, -1\n\t"
		"bne %1, $0, 1b\n\tsll %0, %0, 1\n.set pop" : "=&r"(n), "=&r"(k));
	pr("bne loop with sll in the delay slot = %d %x", (s32)n, k);
}

static void jumps(void)
{
	u32 r, l, m;

	/* j: the delay slot runs, the skipped instruction does not. */
	__asm__ __volatile__(".set push\n.set noreorder\n"
		"move %0, $0\n\tj 1f\n\taddiu %0, %0, 2\n\tori %0, %0, 1\n1:\n.set pop"
		: "=&r"(r));
	pr("j = %s", outcome(r));
	/* jal: ra = address of the jal + 8. */
	__asm__ __volatile__(".set push\n.set noreorder\n"
		"move %0, $0\n\tjal 1f\n\taddiu %0, %0, 2\n"
		"2:\tori %0, %0, 1\n"
		"1:\tla %1, 2b\n\tsubu %1, $31, %1\n.set pop"
		: "=&r"(r), "=&r"(l) : : "$31");
	pr("jal = %s link %s", outcome(r), l == 0 ? "pc+8" : "wrong");
	/* jr */
	__asm__ __volatile__(".set push\n.set noreorder\n"
		"move %0, $0\n\tla %1, 1f\n\tjr %1\n\taddiu %0, %0, 2\n\tori %0, %0, 1\n1:\n.set pop"
		: "=&r"(r), "=&r"(l));
	pr("jr = %s", outcome(r));
	/* jr forward into a subroutine and back through ra (jal then jr). */
	__asm__ __volatile__(".set push\n.set noreorder\n"
		"li %0, 10\n\tjal 3f\n\taddiu %0, %0, 1\n\t"
		"b 4f\n\tsll %0, %0, 4\n"
		"3:\tjr $31\n\taddiu %0, %0, 100\n"
		"4:\n.set pop" : "=&r"(r) : : "$31");
	pr("jal;jr ra round trip = %d", (s32)r);
	/* jalr with the default link register ra. */
	__asm__ __volatile__(".set push\n.set noreorder\n"
		"move %0, $0\n\tla %1, 1f\n\tjalr %1\n\taddiu %0, %0, 2\n"
		"2:\tori %0, %0, 1\n"
		"1:\tla %1, 2b\n\tsubu %1, $31, %1\n.set pop"
		: "=&r"(r), "=&r"(l) : : "$31");
	pr("jalr ra = %s link %s", outcome(r), l == 0 ? "pc+8" : "wrong");
	/* jalr rd, rs with rd != ra: ra untouched. */
	__asm__ __volatile__(".set push\n.set noreorder\n"
		"move %0, $0\n\tli $31, 0x1234\n\tla %1, 1f\n\tjalr %2, %1\n\taddiu %0, %0, 2\n"
		"2:\tori %0, %0, 1\n"
		"1:\tla %1, 2b\n\tsubu %1, %2, %1\n\tmove %2, $31\n.set pop"
		: "=&r"(r), "=&r"(l), "=&r"(m) : : "$31");
	pr("jalr rd!=ra = %s link %s ra %x", outcome(r), l == 0 ? "pc+8" : "wrong", m);
	/* jalr linking into t9 ($25), target in t8 ($24). (rd == rs is
	   UNPREDICTABLE in MIPS32 and not tested.) */
	__asm__ __volatile__(".set push\n.set noreorder\n"
		"move %0, $0\n\tla $24, 1f\n\tjalr $25, $24\n\taddiu %0, %0, 2\n"
		"2:\tori %0, %0, 1\n"
		"1:\tla %1, 2b\n\tsubu %1, $25, %1\n.set pop"
		: "=&r"(r), "=&r"(l) : : "$24", "$25");
	pr("jalr t9, t8 = %s link %s", outcome(r), l == 0 ? "pc+8" : "wrong");
}

/* Offsets at both ends of the 16-bit range: +32767 and -32768 words.
 * Each asm block sits alone in a function with no branches of its own
 * (gcc cannot know the block is 128 KB long). */
static __attribute__((noinline)) u32 far_forward(void)
{
	u32 r;
	__asm__ __volatile__(".set push\n.set noreorder\n"
		"move %0, $0\n\t"
		"beq $0, $0, 1f\n\t"		/* offset +32767 */
		"addiu %0, %0, 2\n\t"
		".rept 32766\n\tori %0, %0, 1\n\t.endr\n"
		"1:\n.set pop" : "=&r"(r));
	return r;
}

static __attribute__((noinline)) u32 far_backward(void)
{
	u32 r;
	__asm__ __volatile__(".set push\n.set noreorder\n"
		"move %0, $0\n\t"
		"b 2f\n\t"
		"nop\n"
		"1:\tb 3f\n\t"			/* target of the backward branch */
		"addiu %0, %0, 8\n\t"
		".rept 32765\n\tori %0, %0, 1\n\t.endr\n"
		"2:\tbgez $0, 1b\n\t"		/* offset -32768 */
		"addiu %0, %0, 2\n\t"
		"ori %0, %0, 1\n"
		"3:\n.set pop" : "=&r"(r));
	return r;
}

/* A not-taken and a taken branch in the last word of a 4 KB page: the
 * delay slot is the first word of the next page. */
static __attribute__((noinline)) u32 page_boundary(void)
{
	u32 r;
	__asm__ __volatile__(".set push\n.set noreorder\n"
		"move %0, $0\n\t"
		"b 2f\n\tnop\n"
		"\t.balign 4096\n"
		"\t.fill 1022, 4, 0\n"		/* nops up to the last two words */
		"2:\taddiu %0, %0, 16\n\t"	/* page end - 8 */
		"bne $0, $0, 1f\n\t"		/* page end - 4: not taken */
		"addiu %0, %0, 2\n\t"		/* next page: delay slot */
		"ori %0, %0, 1\n\t"
		".balign 4096\n"
		"\t.fill 1023, 4, 0\n"
		"\tbeq $0, $0, 1f\n\t"		/* page end - 4: taken */
		"addiu %0, %0, 32\n\t"		/* delay slot in the next page */
		"ori %0, %0, 64\n"
		"1:\n.set pop" : "=&r"(r));
	return r;
}

void isa_main(void)
{
	conditional();
	backward();
	jumps();
	pr("beq offset +32767 = %s", outcome(far_forward()));
	pr("bgez offset -32768 = %x", far_backward());
	pr("branches in the last word of a page = %x", page_boundary());
}
