/*
 * fpu.c - R3010 (MIPS I coprocessor 1) arithmetic and moves, built with
 * -mhard-float -mfp32: add sub mul div abs neg mov (.s and .d), the
 * conversions cvt.s.d cvt.d.s cvt.w.s cvt.w.d cvt.s.w cvt.d.w, mtc1 mfc1
 * lwc1 swc1, and ctc1/cfc1 of FCSR with all four rounding modes on
 * operations that round differently. Operands are bit patterns moved in
 * with mtc1; no operand or result is a denormal or a NaN (the R3010 traps
 * those to the kernel for emulation), and no conversion overflows.
 * Hazards: a nop after every mtc1/ctc1 (MIPS I coprocessor move delay) and
 * after every mfc1/cfc1/lwc1 (load delay).
 */
#include "isa.h"

#define SOP2(name, insn)						\
static u32 name(u32 a, u32 b)						\
{									\
	u32 r;								\
	__asm__ __volatile__(".set push\n.set noreorder\n"		\
		"mtc1 %1, $f2\n\tmtc1 %2, $f4\n\tnop\n\t"		\
		insn " $f0, $f2, $f4\n\t"				\
		"mfc1 %0, $f0\n\tnop\n.set pop"			\
		: "=r"(r) : "r"(a), "r"(b) : "$f0", "$f2", "$f4");	\
	return r;							\
}
SOP2(add_s, "add.s") SOP2(sub_s, "sub.s") SOP2(mul_s, "mul.s") SOP2(div_s, "div.s")

#define DOP2(name, insn)						\
static u64 name(u64 a, u64 b)						\
{									\
	u32 lo, hi;							\
	__asm__ __volatile__(".set push\n.set noreorder\n"		\
		"mtc1 %2, $f2\n\tmtc1 %3, $f3\n\t"			\
		"mtc1 %4, $f4\n\tmtc1 %5, $f5\n\tnop\n\t"		\
		insn " $f0, $f2, $f4\n\t"				\
		"mfc1 %0, $f0\n\tmfc1 %1, $f1\n\tnop\n.set pop"	\
		: "=&r"(lo), "=&r"(hi)					\
		: "r"((u32)a), "r"((u32)(a >> 32)), "r"((u32)b), "r"((u32)(b >> 32)) \
		: "$f0", "$f1", "$f2", "$f3", "$f4", "$f5");		\
	return (u64)hi << 32 | lo;					\
}
DOP2(add_d, "add.d") DOP2(sub_d, "sub.d") DOP2(mul_d, "mul.d") DOP2(div_d, "div.d")

/* One-operand, single/word source to single/word result. */
#define S1(name, insn)							\
static u32 name(u32 a)							\
{									\
	u32 r;								\
	__asm__ __volatile__(".set push\n.set noreorder\n"		\
		"mtc1 %1, $f6\n\tnop\n\t"				\
		insn " $f8, $f6\n\t"					\
		"mfc1 %0, $f8\n\tnop\n.set pop"			\
		: "=r"(r) : "r"(a) : "$f6", "$f8");			\
	return r;							\
}
S1(abs_s, "abs.s") S1(neg_s, "neg.s") S1(mov_s, "mov.s")
S1(cvt_w_s, "cvt.w.s") S1(cvt_s_w, "cvt.s.w")

/* Double source, single/word result. */
#define DS1(name, insn)							\
static u32 name(u64 a)							\
{									\
	u32 r;								\
	__asm__ __volatile__(".set push\n.set noreorder\n"		\
		"mtc1 %1, $f6\n\tmtc1 %2, $f7\n\tnop\n\t"		\
		insn " $f8, $f6\n\t"					\
		"mfc1 %0, $f8\n\tnop\n.set pop"			\
		: "=r"(r) : "r"((u32)a), "r"((u32)(a >> 32)) : "$f6", "$f7", "$f8"); \
	return r;							\
}
DS1(cvt_s_d, "cvt.s.d") DS1(cvt_w_d, "cvt.w.d")

/* Single/word source, double result. */
#define SD1(name, insn)							\
static u64 name(u32 a)							\
{									\
	u32 lo, hi;							\
	__asm__ __volatile__(".set push\n.set noreorder\n"		\
		"mtc1 %2, $f6\n\tnop\n\t"				\
		insn " $f8, $f6\n\t"					\
		"mfc1 %0, $f8\n\tmfc1 %1, $f9\n\tnop\n.set pop"	\
		: "=&r"(lo), "=&r"(hi) : "r"(a) : "$f6", "$f8", "$f9");	\
	return (u64)hi << 32 | lo;					\
}
SD1(cvt_d_s, "cvt.d.s") SD1(cvt_d_w, "cvt.d.w")

/* Double to double. */
#define D1(name, insn)							\
static u64 name(u64 a)							\
{									\
	u32 lo, hi;							\
	__asm__ __volatile__(".set push\n.set noreorder\n"		\
		"mtc1 %2, $f10\n\tmtc1 %3, $f11\n\tnop\n\t"		\
		insn " $f16, $f10\n\t"					\
		"mfc1 %0, $f16\n\tmfc1 %1, $f17\n\tnop\n.set pop"	\
		: "=&r"(lo), "=&r"(hi) : "r"((u32)a), "r"((u32)(a >> 32)) \
		: "$f10", "$f11", "$f16", "$f17");			\
	return (u64)hi << 32 | lo;					\
}
D1(abs_d, "abs.d") D1(neg_d, "neg.d") D1(mov_d, "mov.d")

static void set_fcsr(u32 v)
{
	__asm__ __volatile__(".set push\n.set noreorder\n"
		"ctc1 %0, $31\n\tnop\n\tnop\n.set pop" : : "r"(v) : "memory");
}

static u32 get_fcsr(void)
{
	u32 v;
	__asm__ __volatile__(".set push\n.set noreorder\n"
		"cfc1 %0, $31\n\tnop\n.set pop" : "=r"(v) : : "memory");
	return v;
}

/* single: 1 2 3 0.1 -1.5 1e10 1e-10 -0 0 +inf -inf 7 */
#define S_1	0x3f800000u
#define S_2	0x40000000u
#define S_3	0x40400000u
#define S_01	0x3dcccccdu
#define S_M15	0xbfc00000u
#define S_1E10	0x501502f9u
#define S_1EM10	0x2edbe6ffu
#define S_MZ	0x80000000u
#define S_Z	0x00000000u
#define S_INF	0x7f800000u
#define S_MINF	0xff800000u
#define S_7	0x40e00000u
#define S_BIG	0x7effffffu	/* 1.7e38 */
/* double: 1 2 3 0.1 -1.5 1e100 1e-100 -0 0 +inf 7 1/3 */
#define D_1	0x3ff0000000000000ull
#define D_2	0x4000000000000000ull
#define D_3	0x4008000000000000ull
#define D_01	0x3fb999999999999aull
#define D_M15	0xbff8000000000000ull
#define D_1E100	0x54b249ad2594c37dull
#define D_1EM100 0x2b2bff2ee48e0530ull
#define D_MZ	0x8000000000000000ull
#define D_Z	0x0000000000000000ull
#define D_INF	0x7ff0000000000000ull
#define D_MINF	0xfff0000000000000ull
#define D_7	0x401c000000000000ull
#define D_THIRD	0x3fd5555555555555ull

static void arith(void)
{
	/* Pairs safe for all four operations (no NaN, denormal, overflow). */
	static const u32 sp[][2] = {
		{ S_1, S_2 }, { S_3, S_01 }, { S_M15, S_1E10 }, { S_1EM10, S_3 },
		{ S_01, S_M15 }, { S_1E10, S_1EM10 }, { S_INF, S_1 }, { S_1, S_MINF },
		{ S_Z, S_3 }, { S_MZ, S_2 }, { S_7, S_7 }, { S_1, S_3 }, { S_BIG, S_M15 },
	};
	static const struct { const char *n; u32 (*f)(u32, u32); } sops[] = {
		{ "add.s", add_s }, { "sub.s", sub_s }, { "mul.s", mul_s }, { "div.s", div_s },
	};
	for (unsigned o = 0; o < ARRAY_LEN(sops); o++)
		for (unsigned i = 0; i < ARRAY_LEN(sp); i++)
			pr("%s %x %x = %x", sops[o].n, sp[i][0], sp[i][1],
			   sops[o].f(sp[i][0], sp[i][1]));
	static const u64 dp[][2] = {
		{ D_1, D_2 }, { D_3, D_01 }, { D_M15, D_1E100 }, { D_1EM100, D_3 },
		{ D_01, D_M15 }, { D_1E100, D_1EM100 }, { D_INF, D_1 }, { D_1, D_MINF },
		{ D_Z, D_3 }, { D_MZ, D_2 }, { D_7, D_7 }, { D_1, D_3 }, { D_THIRD, D_01 },
	};
	static const struct { const char *n; u64 (*f)(u64, u64); } dops[] = {
		{ "add.d", add_d }, { "sub.d", sub_d }, { "mul.d", mul_d }, { "div.d", div_d },
	};
	for (unsigned o = 0; o < ARRAY_LEN(dops); o++)
		for (unsigned i = 0; i < ARRAY_LEN(dp); i++)
			pr("%s %X %X = %X", dops[o].n, dp[i][0], dp[i][1],
			   dops[o].f(dp[i][0], dp[i][1]));
	/* Zero results: x - x and x + (-x) are +0 in round-to-nearest. */
	pr("sub.s %x %x = %x", S_3, S_3, sub_s(S_3, S_3));
	pr("add.s %x %x = %x", S_M15, S_M15 ^ 0x80000000u, add_s(S_M15, S_M15 ^ 0x80000000u));
	pr("add.s %x %x = %x", S_MZ, S_MZ, add_s(S_MZ, S_MZ));
	pr("sub.d %X %X = %X", D_01, D_01, sub_d(D_01, D_01));
	pr("add.d %X %X = %X", D_MZ, D_MZ, add_d(D_MZ, D_MZ));
	pr("mul.d %X %X = %X", D_MZ, D_M15, mul_d(D_MZ, D_M15));
}

static void unary(void)
{
	static const u32 sv[] = { S_1, S_M15, S_Z, S_MZ, S_INF, S_MINF, S_1EM10 };
	for (unsigned i = 0; i < ARRAY_LEN(sv); i++) {
		pr("abs.s %x = %x", sv[i], abs_s(sv[i]));
		pr("neg.s %x = %x", sv[i], neg_s(sv[i]));
		pr("mov.s %x = %x", sv[i], mov_s(sv[i]));
	}
	static const u64 dv[] = { D_1, D_M15, D_Z, D_MZ, D_INF, D_MINF, D_1EM100 };
	for (unsigned i = 0; i < ARRAY_LEN(dv); i++) {
		pr("abs.d %X = %X", dv[i], abs_d(dv[i]));
		pr("neg.d %X = %X", dv[i], neg_d(dv[i]));
		pr("mov.d %X = %X", dv[i], mov_d(dv[i]));
	}
}

static void conversions(void)
{
	/* exact and rounded single <-> double */
	static const u64 d2s[] = {
		D_1, D_01, D_THIRD, D_M15, D_MZ, D_INF,
		0x4170000010000000ull,	/* 16777217: a tie in single */
		0x4170000030000000ull,	/* 16777219: a tie, rounds up to even */
		0x46293e5939a08ceaull,	/* 1e30 */
	};
	for (unsigned i = 0; i < ARRAY_LEN(d2s); i++)
		pr("cvt.s.d %X = %x", d2s[i], cvt_s_d(d2s[i]));
	static const u32 s2d[] = { S_1, S_01, S_M15, S_MZ, S_INF, S_1E10, S_1EM10 };
	for (unsigned i = 0; i < ARRAY_LEN(s2d); i++)
		pr("cvt.d.s %x = %X", s2d[i], cvt_d_s(s2d[i]));
	static const u32 w[] = {
		0, 1, 0xffffffff, 0x7fffffff, 0x80000000, 16777217, 0x00ffffff, 0xfeffffff,
	};
	for (unsigned i = 0; i < ARRAY_LEN(w); i++) {
		pr("cvt.s.w %x = %x", w[i], cvt_s_w(w[i]));
		pr("cvt.d.w %x = %X", w[i], cvt_d_w(w[i]));
	}
	/* to word (round to nearest: ties to even) */
	static const u32 s2w[] = {
		S_1, S_M15, 0x3fc00000 /* 1.5 */, 0x40200000 /* 2.5 */, 0xc0200000 /* -2.5 */,
		0x3efae148 /* 0.49 */, 0x4e6e6b28 /* 1e9 */, 0xcf000000 /* -2^31 */,
		0x4effffff /* 2147483520 */, S_MZ, 0x3f000000 /* 0.5 */,
	};
	for (unsigned i = 0; i < ARRAY_LEN(s2w); i++)
		pr("cvt.w.s %x = %x", s2w[i], cvt_w_s(s2w[i]));
	static const u64 d2w[] = {
		D_1, D_M15, 0x3ff8000000000000ull /* 1.5 */, 0x4004000000000000ull /* 2.5 */,
		0xc004000000000000ull /* -2.5 */, 0x41dfffffffc00000ull /* 2^31-1 */,
		0xc1e0000000000000ull /* -2^31 */, 0x41dfffffff600000ull /* 2147483645.5 */,
		D_MZ, 0x3fe0000000000000ull /* 0.5 */, 0xbfe8000000000000ull /* -0.75 */,
	};
	for (unsigned i = 0; i < ARRAY_LEN(d2w); i++)
		pr("cvt.w.d %X = %x", d2w[i], cvt_w_d(d2w[i]));
}

static u32 mem_s[4] __attribute__((aligned(8))) = { 0x3f800000, 0x40490fdb, 0, 0 };
static u32 mem_d[6] __attribute__((aligned(8))) = {
	0x54442d18, 0x400921fb, 0x00000000, 0x3ff00000, 0, 0
};

static void moves(void)
{
	u32 a, b, c;
	/* mtc1/mfc1 through every even and odd register kind */
	__asm__ __volatile__(".set push\n.set noreorder\n"
		"mtc1 %3, $f31\n\tmtc1 %4, $f0\n\tmtc1 %5, $f17\n\tnop\n\t"
		"mfc1 %0, $f31\n\tmfc1 %1, $f0\n\tmfc1 %2, $f17\n\tnop\n.set pop"
		: "=&r"(a), "=&r"(b), "=&r"(c)
		: "r"(0x80000001u), "r"(0x7fbfffffu), "r"(0x12345678u)
		: "$f0", "$f17", "$f31");
	pr("mtc1;mfc1 f31 f0 f17 = %x %x %x", a, b, c);
	/* lwc1, add.s, swc1 */
	__asm__ __volatile__(".set push\n.set noreorder\n"
		"lwc1 $f2, 0(%0)\n\tlwc1 $f4, 4(%0)\n\tnop\n\t"
		"add.s $f6, $f2, $f4\n\t"
		"swc1 $f6, 8(%0)\n\tswc1 $f4, 12(%0)\n.set pop"
		: : "r"(mem_s) : "$f2", "$f4", "$f6", "memory");
	pr("lwc1;add.s;swc1 = %x %x", mem_s[2], mem_s[3]);
	/* a double through two lwc1 and two swc1 */
	__asm__ __volatile__(".set push\n.set noreorder\n"
		"lwc1 $f2, 0(%0)\n\tlwc1 $f3, 4(%0)\n\t"
		"lwc1 $f4, 8(%0)\n\tlwc1 $f5, 12(%0)\n\tnop\n\t"
		"mul.d $f6, $f2, $f4\n\tadd.d $f6, $f6, $f4\n\t"
		"swc1 $f6, 16(%0)\n\tswc1 $f7, 20(%0)\n.set pop"
		: : "r"(mem_d) : "$f2", "$f3", "$f4", "$f5", "$f6", "$f7", "memory");
	pr("lwc1 x4;mul.d;add.d;swc1 x2 = %x %x", mem_d[4], mem_d[5]);
	/* lwc1 then mfc1 */
	__asm__ __volatile__(".set push\n.set noreorder\n"
		"lwc1 $f9, 4(%1)\n\tnop\n\tmfc1 %0, $f9\n\tnop\n.set pop"
		: "=r"(a) : "r"(mem_s) : "$f9");
	pr("lwc1;mfc1 = %x", a);
	/* a result chained into the next operation without leaving the FPU */
	__asm__ __volatile__(".set push\n.set noreorder\n"
		"mtc1 %1, $f2\n\tmtc1 %2, $f4\n\tnop\n\t"
		"mul.s $f6, $f2, $f4\n\tsub.s $f6, $f6, $f2\n\tdiv.s $f6, $f6, $f4\n\t"
		"abs.s $f6, $f6\n\tneg.s $f6, $f6\n\tcvt.d.s $f8, $f6\n\t"
		"add.d $f8, $f8, $f8\n\tcvt.s.d $f6, $f8\n\t"
		"mfc1 %0, $f6\n\tnop\n.set pop"
		: "=r"(a) : "r"(S_3), "r"(S_7) : "$f2", "$f4", "$f6", "$f8", "$f9");
	pr("chain mul.s;sub.s;div.s;abs.s;neg.s;cvt.d.s;add.d;cvt.s.d %x %x = %x", S_3, S_7, a);
}

static const char *const rm_names[4] = { "rn", "rz", "rp", "rm" };

static void rounding(void)
{
	for (u32 m = 0; m < 4; m++) {
		set_fcsr(m);
		const char *n = rm_names[m];
		pr("ctc1 %x; cfc1 & 3 = %x", m, get_fcsr() & 3);
		pr("div.s %s %x %x = %x", n, S_1, S_3, div_s(S_1, S_3));
		pr("div.s %s %x %x = %x", n, S_M15 ^ 0x80000000u, S_7, div_s(0x3fc00000, S_7));
		pr("div.s %s %x %x = %x", n, S_2 | 0x80000000u, S_3, div_s(S_2 | 0x80000000u, S_3));
		pr("div.s %s %x %x = %x", n, S_1, S_01, div_s(S_1, S_01));
		pr("div.d %s %X %X = %X", n, D_1, D_3, div_d(D_1, D_3));
		pr("div.d %s %X %X = %X", n, D_2 | (1ull << 63), D_3, div_d(D_2 | (1ull << 63), D_3));
		pr("div.d %s %X %X = %X", n, D_1, D_7, div_d(D_1, D_7));
		pr("div.d %s %X %X = %X", n, D_M15, D_7, div_d(D_M15, D_7));
		pr("add.s %s %x %x = %x", n, 0x4b800000u, S_1, add_s(0x4b800000u, S_1));
		pr("add.s %s %x %x = %x", n, S_M15, 0x3fc00000u, add_s(S_M15, 0x3fc00000u));
		pr("sub.d %s %X %X = %X", n, D_3, D_3, sub_d(D_3, D_3));
		pr("mul.d %s %X %X = %X", n, D_01, D_3, mul_d(D_01, D_3));
		pr("mul.s %s %x %x = %x", n, S_01, S_M15, mul_s(S_01, S_M15));
		pr("cvt.s.d %s %X = %x", n, D_THIRD, cvt_s_d(D_THIRD));
		pr("cvt.s.d %s %X = %x", n, D_01 | (1ull << 63), cvt_s_d(D_01 | (1ull << 63)));
		pr("cvt.s.w %s %x = %x", n, 0x7fffffffu, cvt_s_w(0x7fffffffu));
		pr("cvt.s.w %s %x = %x", n, 0xfefffffdu, cvt_s_w(0xfefffffdu));
		static const u32 s2w[] = { 0x3fc00000, 0x40200000, 0xc0200000, 0xbfd9999a, 0x3fd9999a };
		for (unsigned i = 0; i < ARRAY_LEN(s2w); i++)
			pr("cvt.w.s %s %x = %x", n, s2w[i], cvt_w_s(s2w[i]));
		static const u64 d2w[] = { 0x4004000000000000ull, 0xc00c000000000000ull,
			0xbff3333333333333ull, 0x41dfffffff600000ull };
		for (unsigned i = 0; i < ARRAY_LEN(d2w); i++)
			pr("cvt.w.d %s %X = %x", n, d2w[i], cvt_w_d(d2w[i]));
	}
	set_fcsr(0);
	pr("ctc1 0; cfc1 & 3 = %x", get_fcsr() & 3);
}

/* IEEE flags: the cause (bits 12..17) and sticky flag (bits 2..6) fields
 * of FCSR after one operation from a cleared FCSR. */
static void flags(void)
{
	static const struct { const char *n; u32 (*f)(u32, u32); u32 a, b; } ops[] = {
		{ "add.s", add_s, S_1, S_2 },		/* exact */
		{ "div.s", div_s, S_1, S_3 },		/* inexact */
		{ "div.s", div_s, S_1, S_Z },		/* divide by zero: inf */
		{ "div.s", div_s, S_MINF, S_2 },	/* exact, infinite */
		{ "mul.s", mul_s, S_1E10, S_1E10 },	/* inexact */
	};
	for (unsigned i = 0; i < ARRAY_LEN(ops); i++) {
		set_fcsr(0);
		u32 r = ops[i].f(ops[i].a, ops[i].b);
		u32 f = get_fcsr() & 0x0003f07cu;
		pr("fcsr after %s %x %x = %x result %x", ops[i].n, ops[i].a, ops[i].b, f, r);
	}
	set_fcsr(0);
	u32 r = cvt_s_w(16777217);
	pr("fcsr after cvt.s.w %x = %x result %x", 16777217u, get_fcsr() & 0x0003f07cu, r);
	set_fcsr(0);
	u64 d = div_d(D_1, D_MZ);
	pr("fcsr after div.d %X %X = %x result %X", D_1, D_MZ, get_fcsr() & 0x0003f07cu, d);
	/* sticky flags accumulate over two operations; cause is the last */
	set_fcsr(0);
	(void)div_s(S_1, S_3);
	(void)add_s(S_1, S_2);
	pr("fcsr after div.s 1/3 then add.s 1+2 = %x", get_fcsr() & 0x0003f07cu);
	set_fcsr(0);
}

void isa_main(void)
{
	set_fcsr(0);
	arith();
	unary();
	conversions();
	moves();
	rounding();
	flags();
}
