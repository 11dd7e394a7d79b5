/*
 * shift.c - sll srl sra (shift by an immediate 0..31) and sllv srlv srav
 * (by a register: only its low 5 bits count, so 32, 33, 63, -1 and
 * 0x80000021 are shifts by 0, 1, 31, 31 and 1).
 */
#include "isa.h"

static const u32 vals[] = { 0x80000001, 0x7fffffff, 0x12345678, 0xffffffff, 0x00000001 };

#define SI(op, a, sa) do {						\
	u32 r_, a_ = (a);						\
	__asm__ __volatile__(#op " %0, %1, %2" : "=r"(r_) : "r"(a_), "i"(sa)); \
	pr(#op " %x %d = %x", a_, (s32)(sa), r_);			\
} while (0)

#define SV(op)								\
static u32 op##_v(u32 a, u32 s)						\
{									\
	u32 r;								\
	__asm__ __volatile__(#op " %0, %1, %2" : "=r"(r) : "r"(a), "r"(s)); \
	return r;							\
}
SV(sllv) SV(srlv) SV(srav)

static void immediate_shifts(void)
{
	for (unsigned i = 0; i < ARRAY_LEN(vals); i++) {
		u32 a = vals[i];
		SI(sll, a, 0); SI(sll, a, 1); SI(sll, a, 4); SI(sll, a, 16); SI(sll, a, 31);
		SI(srl, a, 0); SI(srl, a, 1); SI(srl, a, 4); SI(srl, a, 16); SI(srl, a, 31);
		SI(sra, a, 0); SI(sra, a, 1); SI(sra, a, 4); SI(sra, a, 16); SI(sra, a, 31);
	}
}

static void variable_shifts(void)
{
	static const u32 amounts[] = { 0, 1, 7, 31, 32, 33, 63, 0xffffffff, 0x80000021 };
	static const struct { const char *name; u32 (*fn)(u32, u32); } ops[] = {
		{ "sllv", sllv_v }, { "srlv", srlv_v }, { "srav", srav_v },
	};
	static const u32 v2[] = { 0x80000001, 0x7fffffff, 0xfedcba98 };
	for (unsigned o = 0; o < ARRAY_LEN(ops); o++)
		for (unsigned i = 0; i < ARRAY_LEN(v2); i++)
			for (unsigned j = 0; j < ARRAY_LEN(amounts); j++)
				pr("%s %x %x = %x", ops[o].name, v2[i], amounts[j],
				   ops[o].fn(v2[i], amounts[j]));
}

/* The shifted register and the amount register the same. */
static void same_register(void)
{
	u32 r, a = 0x00000021;
	__asm__ __volatile__("sllv %0, %1, %1" : "=r"(r) : "r"(a));
	pr("sllv-same %x = %x", a, r);
	a = 0x8000001f;
	__asm__ __volatile__("srav %0, %1, %1" : "=r"(r) : "r"(a));
	pr("srav-same %x = %x", a, r);
	__asm__ __volatile__("srlv %0, %1, %1" : "=r"(r) : "r"(a));
	pr("srlv-same %x = %x", a, r);
}

void isa_main(void)
{
	immediate_shifts();
	variable_shifts();
	same_register();
}
