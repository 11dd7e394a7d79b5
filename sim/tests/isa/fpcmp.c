/*
 * fpcmp.c - the sixteen FPU compare predicates c.<cond>.s and c.<cond>.d,
 * read back three ways: bc1t, bc1f (taken or not, with the delay slot)
 * and FCSR bit 23. Operands: ordered pairs less / greater / equal, +0 vs
 * -0, -inf vs +inf, and a quiet NaN (MIPS I encoding: 0x7fbfffff,
 * 0x7ff7ffffffffffff) against 1 for the unordered cases - the only place a
 * NaN is used, and no NaN is ever produced. MIPS I needs one instruction
 * between c.cond and bc1t/bc1f.
 */
#include "isa.h"

#define COND_S(c)							\
static u32 c_##c##_s(u32 a, u32 b, u32 *fcsr)				\
{									\
	u32 r, f;							\
	__asm__ __volatile__(".set push\n.set noreorder\n"		\
		"mtc1 %2, $f2\n\tmtc1 %3, $f4\n\tnop\n\t"		\
		"c." #c ".s $f2, $f4\n\t"				\
		"move %0, $0\n\t"					\
		"bc1t 1f\n\tnop\n\tori %0, %0, 1\n"			\
		"1:\tbc1f 2f\n\taddiu %0, %0, 4\n\tori %0, %0, 2\n"	\
		"2:\tcfc1 %1, $31\n\tnop\n.set pop"			\
		: "=&r"(r), "=&r"(f) : "r"(a), "r"(b) : "$f2", "$f4");	\
	*fcsr = f;							\
	return r;							\
}

#define COND_D(c)							\
static u32 c_##c##_d(u64 a, u64 b, u32 *fcsr)				\
{									\
	u32 r, f;							\
	__asm__ __volatile__(".set push\n.set noreorder\n"		\
		"mtc1 %2, $f2\n\tmtc1 %3, $f3\n\t"			\
		"mtc1 %4, $f4\n\tmtc1 %5, $f5\n\tnop\n\t"		\
		"c." #c ".d $f2, $f4\n\t"				\
		"move %0, $0\n\t"					\
		"bc1t 1f\n\tnop\n\tori %0, %0, 1\n"			\
		"1:\tbc1f 2f\n\taddiu %0, %0, 4\n\tori %0, %0, 2\n"	\
		"2:\tcfc1 %1, $31\n\tnop\n.set pop"			\
		: "=&r"(r), "=&r"(f)					\
		: "r"((u32)a), "r"((u32)(a >> 32)), "r"((u32)b), "r"((u32)(b >> 32)) \
		: "$f2", "$f3", "$f4", "$f5");				\
	*fcsr = f;							\
	return r;							\
}

#define CONDS(X) X(f) X(un) X(eq) X(ueq) X(olt) X(ult) X(ole) X(ule) \
	X(sf) X(ngle) X(seq) X(ngl) X(lt) X(nge) X(le) X(ngt)
CONDS(COND_S)
CONDS(COND_D)

#define ENTRY_S(c) { "c." #c ".s", c_##c##_s },
#define ENTRY_D(c) { "c." #c ".d", c_##c##_d },
static const struct { const char *n; u32 (*f)(u32, u32, u32 *); } sconds[] = { CONDS(ENTRY_S) };
static const struct { const char *n; u32 (*f)(u64, u64, u32 *); } dconds[] = { CONDS(ENTRY_D) };

/* bc1t taken: bit 0 clear; bc1f taken: bit 1 clear; the bc1f delay slot
   adds 4. A true condition gives 4|2 = 6, a false one 4|1 = 5. */
static const char *verdict(u32 r, u32 fcsr)
{
	int c = (fcsr >> 23) & 1;
	if (r == 6)
		return c ? "true" : "true (bc1t) but fcsr.c=0";
	if (r == 5)
		return c ? "false (bc1t) but fcsr.c=1" : "false";
	return "branches disagree";
}

static void set_fcsr(u32 v)
{
	__asm__ __volatile__(".set push\n.set noreorder\n"
		"ctc1 %0, $31\n\tnop\n\tnop\n.set pop" : : "r"(v) : "memory");
}

void isa_main(void)
{
	static const u32 sp[][2] = {
		{ 0x3f800000, 0x40000000 }, { 0x40000000, 0x3f800000 },
		{ 0xbfc00000, 0xbfc00000 }, { 0x80000000, 0x00000000 },
		{ 0xff800000, 0x7f800000 }, { 0x7fbfffff, 0x3f800000 },
	};
	for (unsigned c = 0; c < ARRAY_LEN(sconds); c++)
		for (unsigned i = 0; i < ARRAY_LEN(sp); i++) {
			u32 f;
			set_fcsr(0);
			u32 r = sconds[c].f(sp[i][0], sp[i][1], &f);
			pr("%s %x %x = %s", sconds[c].n, sp[i][0], sp[i][1], verdict(r, f));
		}
	static const u64 dp[][2] = {
		{ 0x3ff0000000000000ull, 0x4000000000000000ull },
		{ 0x4000000000000000ull, 0x3ff0000000000000ull },
		{ 0xbff8000000000000ull, 0xbff8000000000000ull },
		{ 0x8000000000000000ull, 0x0000000000000000ull },
		{ 0xfff0000000000000ull, 0x7ff0000000000000ull },
		{ 0x7ff7ffffffffffffull, 0x3ff0000000000000ull },
	};
	for (unsigned c = 0; c < ARRAY_LEN(dconds); c++)
		for (unsigned i = 0; i < ARRAY_LEN(dp); i++) {
			u32 f;
			set_fcsr(0);
			u32 r = dconds[c].f(dp[i][0], dp[i][1], &f);
			pr("%s %X %X = %s", dconds[c].n, dp[i][0], dp[i][1], verdict(r, f));
		}
	/* A compare against a NaN: invalid (V) only for the signaling
	   predicates (c.sf .. c.ngt); FCSR flags and cause, and bit 23. */
	static const unsigned pick[] = { 1, 2, 8, 12, 14 };	/* un eq sf lt le */
	for (unsigned k = 0; k < ARRAY_LEN(pick); k++) {
		u32 f;
		set_fcsr(0);
		(void)sconds[pick[k]].f(0x7fbfffff, 0x3f800000, &f);
		pr("fcsr after %s 7fbfffff 3f800000 = %x", sconds[pick[k]].n, f & 0x0083f07cu);
		set_fcsr(0);
		(void)dconds[pick[k]].f(0x3ff0000000000000ull, 0x7ff7ffffffffffffull, &f);
		pr("fcsr after %s 3ff0000000000000 7ff7ffffffffffff = %x", dconds[pick[k]].n,
		   f & 0x0083f07cu);
	}
	/* The condition bit survives unrelated FPU and integer work, and a
	   ctc1 can set it directly. */
	u32 f;
	set_fcsr(0);
	(void)sconds[10].f(0x3f800000, 0x3f800000, &f);	/* c.seq true */
	pr("c.seq.s then fcsr = %x", f & 0x00800003u);
	set_fcsr(0x00800000);
	u32 r;
	__asm__ __volatile__(".set push\n.set noreorder\n"
		"move %0, $0\n\tbc1t 1f\n\tnop\n\tori %0, %0, 1\n1:\n.set pop" : "=&r"(r));
	pr("ctc1 c=1; bc1t = %s", r == 0 ? "taken" : "not-taken");
	set_fcsr(0);
	__asm__ __volatile__(".set push\n.set noreorder\n"
		"move %0, $0\n\tbc1f 1f\n\tnop\n\tori %0, %0, 1\n1:\n.set pop" : "=&r"(r));
	pr("ctc1 c=0; bc1f = %s", r == 0 ? "taken" : "not-taken");
}
