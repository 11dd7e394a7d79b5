/*
 * ovf.c - integer overflow traps of add, addi and sub (and their absence
 * for addu, addiu, subu on the same operands). Observed by different
 * mechanisms on the two sides (Linux: SIGFPE with FPE_INTOVF; bare
 * metal: the runtime's exception probe, Cause.ExcCode = Ov); both step over the
 * faulting instruction, so the destination must keep its old value.
 */
#include "isa.h"

static const char *kind(int k)
{
	return k == 0 ? "no-trap" : k == 1 ? "overflow-trap" : "other-trap";
}

#define OV_RR(op)							\
static void op##_ov(u32 a, u32 b)					\
{									\
	u32 r = 0xdeadbeef;						\
	trap_arm();							\
	__asm__ __volatile__(".set push\n.set noreorder\n"		\
		"nop\n\t" #op " %0, %1, %2\n\tnop\n.set pop"		\
		: "+r"(r) : "r"(a), "r"(b));				\
	int k = trap_disarm();						\
	pr(#op " %x %x = %s %x", a, b, kind(k), r);			\
}
OV_RR(add) OV_RR(addu) OV_RR(sub) OV_RR(subu)

#define OV_RI(op, a, imm) do {						\
	u32 r_ = 0xdeadbeef, a_ = (a);					\
	trap_arm();							\
	__asm__ __volatile__(".set push\n.set noreorder\n"		\
		"nop\n\t" #op " %0, %1, %2\n\tnop\n.set pop"		\
		: "+r"(r_) : "r"(a_), "i"(imm));			\
	int k_ = trap_disarm();						\
	pr(#op " %x %x = %s %x", a_, (u32)(imm), kind(k_), r_);	\
} while (0)

void isa_main(void)
{
	static const u32 addp[][2] = {
		{ 0x7fffffff, 0x00000001 }, { 0x80000000, 0xffffffff },
		{ 0x80000000, 0x80000000 }, { 0x7fffffff, 0x7fffffff },
		{ 0x40000000, 0x40000000 }, { 0x7fffffff, 0x80000000 },
		{ 0xffffffff, 0x00000001 }, { 0x3fffffff, 0x40000000 },
	};
	for (unsigned i = 0; i < ARRAY_LEN(addp); i++) {
		add_ov(addp[i][0], addp[i][1]);
		addu_ov(addp[i][0], addp[i][1]);
	}
	static const u32 subp[][2] = {
		{ 0x80000000, 0x00000001 }, { 0x7fffffff, 0xffffffff },
		{ 0x00000000, 0x80000000 }, { 0xffffffff, 0x80000000 },
		{ 0x80000000, 0x7fffffff }, { 0x7ffffffe, 0xffffffff },
		{ 0xc0000000, 0x40000001 }, { 0x80000000, 0x80000000 },
	};
	for (unsigned i = 0; i < ARRAY_LEN(subp); i++) {
		sub_ov(subp[i][0], subp[i][1]);
		subu_ov(subp[i][0], subp[i][1]);
	}
	OV_RI(addi, 0x7fffffff, 1); OV_RI(addiu, 0x7fffffff, 1);
	OV_RI(addi, 0x80000000, -1); OV_RI(addiu, 0x80000000, -1);
	OV_RI(addi, 0x7fff8000, 32767); OV_RI(addi, 0x7fff8001, 32767);
	OV_RI(addi, 0x80007fff, -32768); OV_RI(addi, 0x80008000, -32768);
	OV_RI(addi, 0xffffffff, 1); OV_RI(addi, 0x00000000, -32768);
	/* A trap in the middle: the instructions before and after run. */
	u32 a = 0, b = 0, r = 0x5555;
	trap_arm();
	__asm__ __volatile__(".set push\n.set noreorder\n"
		"li %0, 1\n\tadd %2, %3, %3\n\tli %1, 2\n.set pop"
		: "+r"(a), "+r"(b), "+r"(r) : "r"(0x40000000u));
	int k = trap_disarm();
	pr("li;add-overflow;li = %s %x %x %x", kind(k), a, b, r);
}
