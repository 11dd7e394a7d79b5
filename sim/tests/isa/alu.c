/*
 * alu.c - ALU instructions: add addu sub subu and or xor nor slt sltu
 * (register forms), addi addiu slti sltiu andi ori xori lui (immediate
 * forms), and writes to $zero. add/addi/sub only on operands that do not
 * overflow here (overflow traps: ovf.c).
 */
#include "isa.h"

static const u32 vals[] = {
	0x00000000, 0x00000001, 0xffffffff, 0x7fffffff, 0x80000000,
	0x12345678, 0xfedcba98, 0x00008000, 0xffff7fff,
};

#define RR(op)								\
static u32 op##_rr(u32 a, u32 b)					\
{									\
	u32 r;								\
	__asm__ __volatile__(#op " %0, %1, %2" : "=r"(r) : "r"(a), "r"(b)); \
	return r;							\
}
RR(addu) RR(subu) RR(and) RR(or) RR(xor) RR(nor) RR(slt) RR(sltu)
RR(add) RR(sub)

struct rrop {
	const char *name;
	u32 (*fn)(u32, u32);
};

static void all_pairs(void)
{
	static const struct rrop ops[] = {
		{ "addu", addu_rr }, { "subu", subu_rr }, { "and", and_rr },
		{ "or", or_rr }, { "xor", xor_rr }, { "nor", nor_rr },
		{ "slt", slt_rr }, { "sltu", sltu_rr },
	};
	for (unsigned o = 0; o < ARRAY_LEN(ops); o++)
		for (unsigned i = 0; i < ARRAY_LEN(vals); i += 1)
			for (unsigned j = (i * 3) % 4; j < ARRAY_LEN(vals); j += 3)
				pr("%s %x %x = %x", ops[o].name, vals[i], vals[j],
				   ops[o].fn(vals[i], vals[j]));
}

/* add, sub and addi must not trap here; if they do, say so instead of
   letting the exception vector panic (the rest of the program still runs). */
static const char *trapped(void)
{
	int k = trap_disarm();
	return k == 0 ? "" : k == 1 ? " (overflow trap)" : " (other trap)";
}

static void add_sub_no_overflow(void)
{
	static const u32 p[][2] = {
		{ 1, 2 }, { 0x7ffffffe, 1 }, { 0x80000001, 0xffffffff },
		{ 0xffffffff, 0xffffffff }, { 0x12345678, 0xedcba988 },
		{ 0x7fffffff, 0x80000000 }, { 0, 0 },
	};
	for (unsigned i = 0; i < ARRAY_LEN(p); i++) {
		trap_arm();
		u32 r = add_rr(p[i][0], p[i][1]);
		pr("add %x %x = %x%s", p[i][0], p[i][1], r, trapped());
	}
	static const u32 q[][2] = {
		{ 5, 3 }, { 3, 5 }, { 0x80000001, 1 }, { 0x7ffffffe, 0xffffffff },
		{ 0xffffffff, 0x7fffffff }, { 0x80000000, 0x80000000 }, { 0, 0x7fffffff },
		{ 0xffffffff, 0x80000000 },
	};
	for (unsigned i = 0; i < ARRAY_LEN(q); i++) {
		trap_arm();
		u32 r = sub_rr(q[i][0], q[i][1]);
		pr("sub %x %x = %x%s", q[i][0], q[i][1], r, trapped());
	}
}

/* Immediate forms: the immediate must be a compile-time constant. */
#define RI(op, a, imm) do {						\
	u32 r_ = 0xdeadbeef, a_ = (a);					\
	trap_arm();							\
	__asm__ __volatile__(#op " %0, %1, %2" : "+r"(r_) : "r"(a_), "i"(imm)); \
	pr(#op " %x %x = %x%s", a_, (u32)(imm), r_, trapped());		\
} while (0)

static void immediates(void)
{
	/* sign-extended immediates */
	RI(addiu, 0x00000000, 0); RI(addiu, 0x00000000, -1);
	RI(addiu, 0x7fffffff, 1); RI(addiu, 0x80000000, -1);
	RI(addiu, 0x12345678, 32767); RI(addiu, 0x12345678, -32768);
	RI(addiu, 0xffffffff, 1); RI(addiu, 0x0000ffff, 0x7fff);
	RI(addi, 0x00000000, -1); RI(addi, 0x7ffffffe, 1);
	RI(addi, 0x80000001, -1); RI(addi, 0x12345678, -32768);
	RI(addi, 0xffff8000, 32767); RI(addi, 0x7fff8000, 32767);
	RI(slti, 0x00000000, 0); RI(slti, 0x00000000, 1);
	RI(slti, 0xffffffff, 0); RI(slti, 0xffffffff, -1);
	RI(slti, 0x80000000, -32768); RI(slti, 0x7fffffff, 32767);
	RI(slti, 0xffff7fff, -32768); RI(slti, 0x00007ffe, 32767);
	RI(sltiu, 0x00000000, 0); RI(sltiu, 0x00000000, 1);
	RI(sltiu, 0xfffffffe, -1); RI(sltiu, 0xffffffff, -1);
	RI(sltiu, 0x7fffffff, -32768); RI(sltiu, 0xffff8000, -32768);
	RI(sltiu, 0xffff7fff, -32768); RI(sltiu, 0x00007ffe, 32767);
	/* zero-extended immediates */
	RI(andi, 0xffffffff, 0xffff); RI(andi, 0xffffffff, 0x8000);
	RI(andi, 0x12345678, 0x0ff0); RI(andi, 0x80008000, 0);
	RI(ori, 0x00000000, 0xffff); RI(ori, 0x80000000, 0x8000);
	RI(ori, 0x12340000, 0x5678); RI(ori, 0xffffffff, 0);
	RI(xori, 0x00000000, 0xffff); RI(xori, 0xffffffff, 0xffff);
	RI(xori, 0x12345678, 0x8001); RI(xori, 0x80000000, 0);
}

#define LUI(imm) do {							\
	u32 r_;								\
	__asm__ __volatile__("lui %0, %1" : "=r"(r_) : "i"(imm));	\
	pr("lui %x = %x", (u32)(imm), r_);				\
} while (0)

static void lui(void)
{
	LUI(0); LUI(1); LUI(0x7fff); LUI(0x8000); LUI(0xffff); LUI(0x1234);
}

/* Writes to $zero are discarded. */
static void zero_reg(void)
{
	u32 r;
	__asm__ __volatile__(".set push\n.set noreorder\n"
		"addiu $0, $0, 1\n\tmove %0, $0\n.set pop" : "=r"(r));
	pr("addiu $0 00000000 1 = %x", r);
	__asm__ __volatile__(".set push\n.set noreorder\n"
		"lui $0, 0x1234\n\tor %0, $0, $0\n.set pop" : "=r"(r));
	pr("lui $0 1234 = %x", r);
	__asm__ __volatile__(".set push\n.set noreorder\n"
		"nor $0, $0, $0\n\taddu %0, $0, $0\n.set pop" : "=r"(r));
	pr("nor $0 = %x", r);
}

void isa_main(void)
{
	all_pairs();
	add_sub_no_overflow();
	immediates();
	lui();
	zero_reg();
}
