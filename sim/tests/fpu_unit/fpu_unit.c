/*
 * fpu_unit.c - host unit test of sim/fpu.c (the R3010 model): rounding in
 * all four modes, the FCR31 flags/causes/enables, trap semantics, the
 * denormal / NaN rules, c.cond predicates, cvt.w, reserved encodings and
 * the latency bookkeeping. Prints TAP lines ("ok - ..." / "not ok - ...").
 *
 * The last group compares random normal-range operations against the
 * host's IEEE arithmetic under fesetround(). That needs an IEEE binary32/
 * binary64 host evaluating float in float (FLT_EVAL_METHOD 0: x86-64 SSE2,
 * aarch64); elsewhere it reports a skip. Build with -frounding-math.
 */
#include <fenv.h>
#include <float.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "../../fpu.h"
#include "../../timing.h"

static int failures, checks;

static void check(int cond, const char *fmt, ...)
{
	va_list ap;

	checks++;
	if (!cond)
		failures++;
	printf("%s - ", cond ? "ok" : "not ok");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
}

/* Latencies of our own, all different, so bookkeeping errors show. */
static const struct timing T = {
	.fp_add = 2, .fp_mul_s = 4, .fp_mul_d = 5, .fp_div_s = 12,
	.fp_div_d = 19, .fp_cvt = 3, .fp_cmp = 6, .fp_mov = 1,
};

enum { S = 16, D = 17, W = 20 };
enum { ADD = 0, SUB = 1, MUL = 2, DIV = 3, SQRT = 4, ABS = 5, MOV = 6, NEG = 7,
       ROUNDW = 12, CVTS = 32, CVTD = 33, CVTW = 36 };
/* c.cond function codes */
enum { C_F = 48, C_UN, C_EQ, C_UEQ, C_OLT, C_ULT, C_OLE, C_ULE,
       C_SF, C_NGLE, C_SEQ, C_NGL, C_LT, C_NGE, C_LE, C_NGT };

#define RN 0
#define RZ 1
#define RP 2
#define RM 3
#define CI (1u << 12)
#define CU (1u << 13)
#define CO (1u << 14)
#define CZ (1u << 15)
#define CV (1u << 16)
#define CE (1u << 17)
#define FI (1u << 2)
#define FU (1u << 3)
#define FO (1u << 4)
#define FZ (1u << 5)
#define FV (1u << 6)
#define EI (1u << 7)
#define EU (1u << 8)
#define EO (1u << 9)
#define EZ (1u << 10)
#define EV (1u << 11)
#define CAUSES 0x3f000u
#define FLAGS 0x7cu

static uint32_t enc(unsigned fmt, unsigned ft, unsigned fs, unsigned fd, unsigned func)
{
	return 0x44000000u | fmt << 21 | ft << 16 | fs << 11 | fd << 6 | func;
}

static struct fpu F;
static uint64_t now = 1000;

static void reset(unsigned rm)
{
	fpu_reset(&F, 0x00000340u);
	fpu_ctc1(&F, 31, rm);
}

static void set_s(unsigned r, uint32_t v) { F.fgr[r] = v; }
static void set_d(unsigned r, uint64_t v) { F.fgr[r] = (uint32_t)v; F.fgr[r + 1] = (uint32_t)(v >> 32); }
static uint64_t get_d(unsigned r) { return (uint64_t)F.fgr[r + 1] << 32 | F.fgr[r]; }

static unsigned run(uint32_t insn)
{
	now += 100;	/* far past every pending result */
	return fpu_compute(&F, &T, insn, now);
}

/* Binary single op f2 = f4 op f6. */
static uint32_t op_s(unsigned rm, unsigned func, uint32_t a, uint32_t b)
{
	reset(rm);
	set_s(4, a);
	set_s(6, b);
	set_s(2, 0xdeadbeef);
	run(enc(S, 6, 4, 2, func));
	return F.fgr[2];
}

static uint64_t op_d(unsigned rm, unsigned func, uint64_t a, uint64_t b)
{
	reset(rm);
	set_d(4, a);
	set_d(6, b);
	set_d(2, 0xdeadbeefdeadbeefull);
	run(enc(D, 6, 4, 2, func));
	return get_d(2);
}

static unsigned cause(void) { return F.fcr31 & CAUSES; }

static uint32_t f2b(float f) { uint32_t u; memcpy(&u, &f, 4); return u; }
static float b2f(uint32_t u) { float f; memcpy(&f, &u, 4); return f; }
static uint64_t d2b(double d) { uint64_t u; memcpy(&u, &d, 8); return u; }
static double b2d(uint64_t u) { double d; memcpy(&d, &u, 8); return d; }

static void test_rounding(void)
{
	static const uint32_t third_s[4] = { 0x3eaaaaab, 0x3eaaaaaa, 0x3eaaaaab, 0x3eaaaaaa };
	static const uint32_t mthird_s[4] = { 0xbeaaaaab, 0xbeaaaaaa, 0xbeaaaaaa, 0xbeaaaaab };
	static const uint64_t third_d[4] = { 0x3fd5555555555555ull, 0x3fd5555555555555ull,
					     0x3fd5555555555556ull, 0x3fd5555555555555ull };
	static const char *mn[4] = { "RN", "RZ", "RP", "RM" };

	for (unsigned m = 0; m < 4; m++) {
		uint32_t r = op_s(m, DIV, 0x3f800000, 0x40400000);
		check(r == third_s[m] && cause() == CI,
		      "div.s 1/3 in %s = %08x (got %08x, cause %05x)", mn[m], third_s[m], r, cause());
		r = op_s(m, DIV, 0xbf800000, 0x40400000);
		check(r == mthird_s[m], "div.s -1/3 in %s = %08x (got %08x)", mn[m], mthird_s[m], r);
		uint64_t rd = op_d(m, DIV, 0x3ff0000000000000ull, 0x4008000000000000ull);
		check(rd == third_d[m], "div.d 1/3 in %s = %016llx (got %016llx)", mn[m],
		      (unsigned long long)third_d[m], (unsigned long long)rd);
	}
	/* Ties: 1 + 2^-24 (single) is halfway between 1 and 1+2^-23. */
	check(op_s(RN, ADD, 0x3f800000, 0x33800000) == 0x3f800000, "add.s tie to even (down) in RN");
	check(op_s(RN, ADD, 0x3f800001, 0x33800000) == 0x3f800002, "add.s tie to even (up) in RN");
	check(op_s(RP, ADD, 0x3f800000, 0x33800000) == 0x3f800001, "add.s 1+2^-24 in RP rounds up");
	/* 0.1 + 0.2 (double) = 0x3fd3333333333334 in RN. */
	check(op_d(RN, ADD, 0x3fb999999999999aull, 0x3fc999999999999aull) == 0x3fd3333333333334ull,
	      "add.d 0.1+0.2 in RN = 0x3fd3333333333334");
	/* x - x is +0, except -0 in RM. */
	check(op_s(RN, SUB, 0x40490fdb, 0x40490fdb) == 0x00000000, "sub.s x-x = +0 in RN");
	check(op_s(RM, SUB, 0x40490fdb, 0x40490fdb) == 0x80000000, "sub.s x-x = -0 in RM");
	check(op_s(RN, ADD, 0x80000000, 0x80000000) == 0x80000000, "add.s -0 + -0 = -0");
	check(op_d(RN, MUL, 0xc000000000000000ull, 0) == 0x8000000000000000ull, "mul.d -2 * +0 = -0");
}

static void test_flags(void)
{
	/* Overflow: FLT_MAX * 2 in each mode and sign. */
	check(op_s(RN, MUL, 0x7f7fffff, 0x40000000) == 0x7f800000 && cause() == (CO | CI) &&
	      (F.fcr31 & FLAGS) == (FO | FI), "mul.s overflow in RN: +inf, cause O|I, flags O|I");
	check(op_s(RZ, MUL, 0x7f7fffff, 0x40000000) == 0x7f7fffff, "mul.s overflow in RZ: FLT_MAX");
	check(op_s(RM, MUL, 0x7f7fffff, 0x40000000) == 0x7f7fffff, "mul.s +overflow in RM: FLT_MAX");
	check(op_s(RM, MUL, 0xff7fffff, 0x40000000) == 0xff800000, "mul.s -overflow in RM: -inf");
	check(op_s(RP, MUL, 0xff7fffff, 0x40000000) == 0xff7fffff, "mul.s -overflow in RP: -FLT_MAX");
	check(op_d(RN, ADD, 0x7fefffffffffffffull, 0x7fefffffffffffffull) == 0x7ff0000000000000ull &&
	      cause() == (CO | CI), "add.d overflow: +inf");
	/* Divide by zero. */
	check(op_s(RN, DIV, 0x3f800000, 0x80000000) == 0xff800000 && cause() == CZ &&
	      (F.fcr31 & FLAGS) == FZ, "div.s 1/-0 = -inf, cause and flag Z only");
	/* Invalid: the default NaN is the legacy one. */
	check(op_s(RN, DIV, 0, 0) == 0x7fbfffff && cause() == CV && (F.fcr31 & FLAGS) == FV,
	      "div.s 0/0 = 0x7fbfffff, V");
	check(op_s(RN, SUB, 0x7f800000, 0x7f800000) == 0x7fbfffff && cause() == CV, "sub.s inf-inf: V, default NaN");
	check(op_d(RN, MUL, 0, 0xfff0000000000000ull) == 0x7ff7ffffffffffffull && cause() == CV,
	      "mul.d 0*-inf = 0x7ff7ffffffffffff, V");
	check(op_d(RN, DIV, 0x7ff0000000000000ull, 0xfff0000000000000ull) == 0x7ff7ffffffffffffull,
	      "div.d inf/inf: default NaN");
	check(op_s(RN, ADD, 0x7f800000, 0x3f800000) == 0x7f800000 && cause() == 0, "add.s inf+1 = inf, no exception");
	/* Exact result: no cause; flags are sticky, causes are not. */
	reset(RN);
	set_s(4, 0x3f800000); set_s(6, 0x40400000);
	run(enc(S, 6, 4, 2, DIV));
	run(enc(S, 4, 4, 8, ADD));	/* 1+1: exact */
	check(F.fgr[8] == 0x40000000 && cause() == 0 && (F.fcr31 & FLAGS) == FI,
	      "exact op clears the cause field, the I flag stays");
	check(!fpu_interrupt(&F), "no interrupt without enables");
}

static void test_traps(void)
{
	reset(RN);
	fpu_ctc1(&F, 31, EV);
	set_s(4, 0); set_s(6, 0); set_s(2, 0x12345678);
	run(enc(S, 6, 4, 2, DIV));
	check(F.fgr[2] == 0x12345678 && cause() == CV && !(F.fcr31 & FV) && fpu_interrupt(&F),
	      "enabled V trap: fd unchanged, cause V, flag V clear, interrupt");
	reset(RN);
	fpu_ctc1(&F, 31, EI);
	set_s(4, 0x3f800000); set_s(6, 0x40400000); set_s(2, 0x12345678);
	run(enc(S, 6, 4, 2, DIV));
	check(F.fgr[2] == 0x12345678 && cause() == CI && fpu_interrupt(&F), "enabled I trap on 1/3: fd unchanged");
	reset(RN);
	fpu_ctc1(&F, 31, EZ);
	set_d(4, 0x3ff0000000000000ull); set_d(6, 0); set_d(2, 0x1111111122222222ull);
	run(enc(D, 6, 4, 2, DIV));
	check(get_d(2) == 0x1111111122222222ull && cause() == CZ && fpu_interrupt(&F),
	      "enabled Z trap on div.d: both halves unchanged");
	reset(RN);
	fpu_ctc1(&F, 31, EO);
	set_s(4, 0x7f7fffff); set_s(6, 0x40000000); set_s(2, 0x12345678);
	run(enc(S, 6, 4, 2, MUL));
	check(F.fgr[2] == 0x12345678 && cause() == (CO | CI) && (F.fcr31 & FLAGS) == 0 && fpu_interrupt(&F),
	      "enabled O trap: cause O|I, no flags, fd unchanged");
	/* A trapping op does not touch ready[]. */
	check(F.ready[2] == 0, "trapped op leaves ready[fd] alone");
	/* ctc1 */
	reset(RN);
	fpu_ctc1(&F, 31, CI | EI);
	check(fpu_interrupt(&F), "ctc1 of cause I with enable I raises the interrupt");
	fpu_ctc1(&F, 31, CI);
	check(!fpu_interrupt(&F), "ctc1 of cause I alone does not");
	fpu_ctc1(&F, 31, CE);
	check(fpu_interrupt(&F), "ctc1 of cause E raises the interrupt");
	fpu_ctc1(&F, 31, 0xffffffffu);
	check(fpu_cfc1(&F, 31) == 0x0083ffffu, "FCR31 writable bits 0x0083ffff (got %08x)", fpu_cfc1(&F, 31));
	fpu_ctc1(&F, 0, 0);
	check(fpu_cfc1(&F, 0) == 0x00000340u, "FCR0 is read-only");
}

static void test_unimpl(void)
{
	/* Denormal operand. */
	reset(RN);
	fpu_ctc1(&F, 31, FI);	/* a sticky flag that must survive */
	set_s(4, 0x00000001); set_s(6, 0x3f800000); set_s(2, 0x12345678);
	run(enc(S, 6, 4, 2, ADD));
	check(F.fgr[2] == 0x12345678 && cause() == CE && (F.fcr31 & FLAGS) == FI && fpu_interrupt(&F),
	      "denormal operand of add.s: E, fd unchanged, flags unchanged, interrupt");
	/* Denormal results, tininess after rounding (via cvt.s.d). */
	check(op_s(RN, MUL, 0x00800000, 0x3f000000) == 0xdeadbeef && cause() == CE,
	      "mul.s FLT_MIN*0.5 (denormal result): E");
	check(op_s(RN, MUL, 0x0da24260, 0x0da24260) == 0xdeadbeef && cause() == CE,
	      "mul.s 1e-30*1e-30 (underflow to 0): E");
	check(op_d(RN, SUB, 0x0010000000000001ull, 0x0010000000000000ull) == 0xdeadbeefdeadbeefull &&
	      cause() == CE, "sub.d exact denormal result: E");
	/* Underflow with its enable on: still E, never U (no FS bit). */
	reset(RN);
	fpu_ctc1(&F, 31, EU);
	set_s(4, 0x0da24260); set_s(6, 0x0da24260); set_s(2, 0x12345678);
	run(enc(S, 6, 4, 2, MUL));
	check(F.fgr[2] == 0x12345678 && cause() == CE && !(F.fcr31 & CU) && fpu_interrupt(&F),
	      "mul.s 1e-30*1e-30 with U enabled: E (not U), fd unchanged, interrupt");
	reset(RN);
	set_d(4, 0x380ffffff8000000ull);	/* (1-2^-26) * 2^-126 */
	run(enc(D, 0, 4, 2, CVTS));
	check(F.fgr[2] == 0x00800000 && cause() == CI, "cvt.s.d (1-2^-26)*2^-126 in RN rounds to FLT_MIN: not tiny");
	reset(RZ);
	set_d(4, 0x380ffffff8000000ull);
	set_s(2, 0x12345678);
	run(enc(D, 0, 4, 2, CVTS));
	check(F.fgr[2] == 0x12345678 && cause() == CE, "same in RZ stays below FLT_MIN: E");
	/* NaN operands. */
	check(op_s(RN, ADD, 0x7fbfffff, 0x3f800000) == 0xdeadbeef && cause() == CE, "quiet NaN operand of add.s: E");
	check(op_s(RN, MUL, 0x3f800000, 0x7fc00000) == 0x7fbfffff && cause() == CV,
	      "signalling NaN (0x7fc00000) operand of mul.s: V, default NaN");
	check(op_d(RN, ADD, 0x7ff0000000000001ull, 0) == 0xdeadbeefdeadbeefull && cause() == CE,
	      "quiet NaN operand of add.d: E");
	/* abs / neg / mov. */
	reset(RN);
	set_s(4, 0x7fbfffff); set_s(2, 0);
	run(enc(S, 0, 4, 2, MOV));
	check(F.fgr[2] == 0x7fbfffff && cause() == 0, "mov.s of a quiet NaN copies it, no E");
	run(enc(S, 0, 4, 2, NEG));
	check(cause() == CE, "neg.s of a quiet NaN: E");
	set_s(4, 0x7fc00000);
	run(enc(S, 0, 4, 2, ABS));
	check(F.fgr[2] == 0x7fbfffff && cause() == CV, "abs.s of a signalling NaN: V, default NaN");
	set_s(4, 0x80000000);
	run(enc(S, 0, 4, 2, ABS));
	check(F.fgr[2] == 0 && cause() == 0, "abs.s -0 = +0");
	set_d(4, 0x3ff0000000000000ull);
	run(enc(D, 0, 4, 2, NEG));
	check(get_d(2) == 0xbff0000000000000ull, "neg.d 1 = -1");
	set_d(4, 0x000fffffffffffffull);
	set_d(8, 0);
	run(enc(D, 0, 4, 8, MOV));
	check(get_d(8) == 0x000fffffffffffffull && cause() == 0, "mov.d of a denormal copies both halves");
	/* Reserved encodings. */
	static const struct { unsigned fmt, func; const char *name; } res[] = {
		{ S, CVTS, "cvt.s.s" }, { D, CVTD, "cvt.d.d" }, { W, ADD, "add.w" },
		{ W, CVTW, "cvt.w.w" }, { S, SQRT, "sqrt.s (MIPS II)" }, { D, ROUNDW, "round.w.d (MIPS II)" },
		{ 21, CVTS, "fmt L (cvt.s.l)" }, { 18, ADD, "fmt 18" }, { S, 40, "func 40" },
	};
	for (unsigned i = 0; i < sizeof res / sizeof res[0]; i++) {
		reset(RN);
		set_s(4, 0x3f800000); set_s(6, 0x3f800000); set_s(2, 0x12345678); set_s(3, 0x9abcdef0);
		run(enc(res[i].fmt, 6, 4, 2, res[i].func));
		check(F.fgr[2] == 0x12345678 && F.fgr[3] == 0x9abcdef0 && cause() == CE && fpu_interrupt(&F),
		      "reserved %s: E, interrupt, destination unchanged", res[i].name);
	}
	/* Odd register numbers: bit 0 ignored. */
	reset(RN);
	set_s(4, 0x3f800000); set_s(5, 0x7fbfffff); set_s(6, 0x40000000);
	run(enc(S, 6, 5, 3, ADD));
	check(F.fgr[2] == 0x40400000 && F.fgr[3] == 0, "add.s $f3,$f5,$f6 acts on $f2,$f4,$f6");
}

static void test_compare(void)
{
	const uint32_t one = 0x3f800000, two = 0x40000000, qnan = 0x7fbfffff, snan = 0x7fc00000;
	struct { unsigned func; uint32_t a, b; int cond; unsigned cause; const char *what; } c[] = {
		{ C_EQ, one, one, 1, 0, "c.eq 1,1" },
		{ C_EQ, one, two, 0, 0, "c.eq 1,2" },
		{ C_EQ, 0x80000000, 0, 1, 0, "c.eq -0,+0" },
		{ C_OLT, one, two, 1, 0, "c.olt 1,2" },
		{ C_OLT, two, one, 0, 0, "c.olt 2,1" },
		{ C_OLE, two, two, 1, 0, "c.ole 2,2" },
		{ C_OLT, 0xbf800000, 0x3f800000, 1, 0, "c.olt -1,1" },
		{ C_OLT, 0xc0000000, 0xbf800000, 1, 0, "c.olt -2,-1" },
		{ C_OLT, 0x00000001, 0x00000002, 1, 0, "c.olt on denormals (no E)" },
		{ C_F, one, one, 0, 0, "c.f" },
		{ C_UN, qnan, one, 1, 0, "c.un qNaN" },
		{ C_UN, one, two, 0, 0, "c.un ordered" },
		{ C_UEQ, qnan, one, 1, 0, "c.ueq qNaN" },
		{ C_OLT, qnan, one, 0, 0, "c.olt qNaN: false, no V" },
		{ C_ULT, qnan, one, 1, 0, "c.ult qNaN: true, no V" },
		{ C_ULE, one, qnan, 1, 0, "c.ule qNaN" },
		{ C_EQ, snan, snan, 0, CV, "c.eq sNaN: false, V" },
		{ C_SF, qnan, one, 0, CV, "c.sf qNaN: false, V" },
		{ C_NGLE, qnan, one, 1, CV, "c.ngle qNaN: true, V" },
		{ C_SEQ, qnan, qnan, 0, CV, "c.seq qNaN: V" },
		{ C_NGL, qnan, one, 1, CV, "c.ngl qNaN: true, V" },
		{ C_LT, qnan, one, 0, CV, "c.lt qNaN: false, V" },
		{ C_NGE, one, qnan, 1, CV, "c.nge qNaN: true, V" },
		{ C_LE, one, two, 1, 0, "c.le 1,2 ordered: no V" },
		{ C_NGT, two, one, 0, 0, "c.ngt 2,1" },
		{ C_NGT, qnan, one, 1, CV, "c.ngt qNaN: true, V" },
		{ C_SEQ, one, one, 1, 0, "c.seq 1,1" },
	};
	for (unsigned i = 0; i < sizeof c / sizeof c[0]; i++) {
		reset(RN);
		fpu_ctc1(&F, 31, c[i].cond ? 0 : FCSR_COND);	/* start from the opposite */
		set_s(4, c[i].a); set_s(6, c[i].b);
		run(enc(S, 6, 4, 0, c[i].func));
		int got = !!(F.fcr31 & FCSR_COND);
		check(got == c[i].cond && cause() == c[i].cause, "%s (cond %d cause %05x)", c[i].what, got, cause());
	}
	/* Double compare, and a trapping signalling compare leaves the bit. */
	reset(RN);
	set_d(4, 0x3ff0000000000000ull); set_d(6, 0x3ff0000000000001ull);
	run(enc(D, 6, 4, 0, C_OLT));
	check(F.fcr31 & FCSR_COND, "c.olt.d 1 < 1+ulp");
	fpu_ctc1(&F, 31, EV | FCSR_COND);
	set_d(6, 0x7ff0000000000001ull);
	run(enc(D, 6, 4, 0, C_SEQ));
	check((F.fcr31 & FCSR_COND) && cause() == CV && fpu_interrupt(&F),
	      "c.seq.d with V enabled on NaN: trap, condition bit unchanged");
}

static void test_cvt(void)
{
	struct { unsigned rm; uint32_t in; uint32_t out; unsigned cause; const char *what; } w[] = {
		{ RN, 0x40200000, 2, CI, "cvt.w.s 2.5 RN -> 2" },
		{ RN, 0x40600000, 4, CI, "cvt.w.s 3.5 RN -> 4" },
		{ RN, 0xc0200000, (uint32_t)-2, CI, "cvt.w.s -2.5 RN -> -2" },
		{ RZ, 0x402ccccd, 2, CI, "cvt.w.s 2.7 RZ -> 2" },
		{ RP, 0x40200000, 3, CI, "cvt.w.s 2.5 RP -> 3" },
		{ RM, 0x40200000, 2, CI, "cvt.w.s 2.5 RM -> 2" },
		{ RM, 0xc0200000, (uint32_t)-3, CI, "cvt.w.s -2.5 RM -> -3" },
		{ RP, 0xc0200000, (uint32_t)-2, CI, "cvt.w.s -2.5 RP -> -2" },
		{ RN, 0x3e800000, 0, CI, "cvt.w.s 0.25 RN -> 0" },
		{ RP, 0x00800000, 1, CI, "cvt.w.s FLT_MIN RP -> 1" },
		{ RN, 0x4b000001, 8388609, 0, "cvt.w.s 8388609 exact" },
		{ RN, 0xcf000000, 0x80000000, 0, "cvt.w.s -2^31 exact" },
		{ RN, 0x4f000000, 0x7fffffff, CV, "cvt.w.s 2^31: V, 0x7fffffff" },
		{ RN, 0xff800000, 0x7fffffff, CV, "cvt.w.s -inf: V, 0x7fffffff" },
		{ RN, 0xdf000000, 0x7fffffff, CV, "cvt.w.s -2^63: V, 0x7fffffff" },
	};
	for (unsigned i = 0; i < sizeof w / sizeof w[0]; i++) {
		reset(w[i].rm);
		set_s(4, w[i].in);
		run(enc(S, 0, 4, 2, CVTW));
		check(F.fgr[2] == w[i].out && cause() == w[i].cause, "%s (got %08x cause %05x)",
		      w[i].what, F.fgr[2], cause());
	}
	reset(RN);
	set_d(4, 0xc1e0000000200000ull);	/* -2^31 - 1 */
	run(enc(D, 0, 4, 2, CVTW));
	check(F.fgr[2] == 0x7fffffff && cause() == CV, "cvt.w.d -2^31-1: V");
	reset(RP);
	set_d(4, 0xc1e0000000100000ull);	/* -2^31 - 0.5 */
	run(enc(D, 0, 4, 2, CVTW));
	check(F.fgr[2] == 0x80000000 && cause() == CI, "cvt.w.d -2^31-0.5 RP -> -2^31");
	reset(RN);
	set_d(4, 0x4202a05f20000000ull);	/* 1e10 */
	set_s(2, 0x12345678);
	fpu_ctc1(&F, 31, EV);
	run(enc(D, 0, 4, 2, CVTW));
	check(F.fgr[2] == 0x12345678 && cause() == CV && fpu_interrupt(&F), "cvt.w.d 1e10 with V enabled: trap");
	reset(RN);
	set_s(4, 0x7fbfffff);
	run(enc(S, 0, 4, 2, CVTW));
	check(cause() == CE, "cvt.w.s of a quiet NaN: E");
	/* Word to float. */
	reset(RN);
	set_s(4, 16777217);
	run(enc(W, 0, 4, 2, CVTS));
	check(F.fgr[2] == 0x4b800000 && cause() == CI, "cvt.s.w 16777217 RN -> 2^24, I");
	reset(RP);
	set_s(4, 16777217);
	run(enc(W, 0, 4, 2, CVTS));
	check(F.fgr[2] == 0x4b800001, "cvt.s.w 16777217 RP -> 16777218");
	reset(RN);
	set_s(4, 0x80000000);
	run(enc(W, 0, 4, 2, CVTD));
	check(get_d(2) == 0xc1e0000000000000ull && cause() == 0, "cvt.d.w INT_MIN exact");
	set_s(4, 0);
	run(enc(W, 0, 4, 2, CVTS));
	check(F.fgr[2] == 0, "cvt.s.w 0 = +0");
	/* Float to float. */
	reset(RN);
	set_s(4, 0x3dcccccd);	/* 0.1f */
	run(enc(S, 0, 4, 2, CVTD));
	check(get_d(2) == 0x3fb99999a0000000ull && cause() == 0, "cvt.d.s 0.1f exact");
	set_d(4, 0x3fb999999999999aull);
	run(enc(D, 0, 4, 2, CVTS));
	check(F.fgr[2] == 0x3dcccccd && cause() == CI, "cvt.s.d 0.1 RN");
	reset(RZ);
	set_d(4, 0x3fb999999999999aull);
	run(enc(D, 0, 4, 2, CVTS));
	check(F.fgr[2] == 0x3dcccccc, "cvt.s.d 0.1 RZ");
	reset(RN);
	set_d(4, 0x7e37e43c8800759cull);	/* 1e300 */
	run(enc(D, 0, 4, 2, CVTS));
	check(F.fgr[2] == 0x7f800000 && cause() == (CO | CI), "cvt.s.d 1e300: +inf, O|I");
	set_s(4, 0x7fc00000);
	run(enc(S, 0, 4, 2, CVTD));
	check(get_d(2) == 0x7ff7ffffffffffffull && cause() == CV, "cvt.d.s sNaN: V, double default NaN");
}

static void test_timing(void)
{
	reset(RN);
	set_s(4, 0x3f800000); set_s(6, 0x40000000);
	unsigned st = fpu_compute(&F, &T, enc(S, 6, 4, 8, ADD), 100);
	check(st == 0 && F.ready[8] == 100 + T.fp_add, "add.s at 100: no stall, ready at %u", 100 + T.fp_add);
	check(fpu_stall_for(&F, 8, 101) == T.fp_add - 1 && fpu_stall_for(&F, 8, 200) == 0,
	      "fpu_stall_for a reader of the result");
	st = fpu_compute(&F, &T, enc(S, 8, 4, 10, MUL), 101);
	check(st == T.fp_add - 1 && F.ready[10] == 100 + T.fp_add + T.fp_mul_s,
	      "dependent mul.s stalls %u and lands fp_mul_s after its issue", T.fp_add - 1);
	set_d(12, 0x3ff0000000000000ull); set_d(14, 0x4000000000000000ull);
	st = fpu_compute(&F, &T, enc(D, 14, 12, 16, DIV), 300);
	check(st == 0 && F.ready[16] == 300 + T.fp_div_d && F.ready[17] == 300 + T.fp_div_d,
	      "div.d marks both registers of the pair");
	F.ready[15] = 310;	/* high half of $f14 still loading */
	st = fpu_compute(&F, &T, enc(D, 14, 12, 18, MUL), 305);
	check(st == 5 && F.ready[18] == 310 + T.fp_mul_d, "mul.d waits for the odd half of an operand");
	st = fpu_compute(&F, &T, enc(D, 0, 16, 20, CVTS), 310);
	check(st == 300 + T.fp_div_d - 310 && F.ready[20] == 300 + T.fp_div_d + T.fp_cvt && F.ready[21] == 0,
	      "cvt.s.d waits for div.d; a single result marks one register");
	st = fpu_compute(&F, &T, enc(S, 6, 4, 0, C_EQ), 400);
	check(st == 0 && F.cond_ready == 400 + T.fp_cmp, "c.eq.s sets cond_ready");
	set_s(22, 0x3f800000);
	F.ready[22] = 500;
	st = fpu_compute(&F, &T, enc(S, 0, 22, 24, MOV), 498);
	check(st == 2 && F.ready[24] == 500 + T.fp_mov, "mov.s waits for its source, fp_mov latency");
	st = fpu_compute(&F, &T, enc(S, 6, 4, 26, DIV), 600);
	check(F.ready[26] == 600 + T.fp_div_s, "div.s latency fp_div_s");
	st = fpu_compute(&F, &T, enc(D, 14, 12, 26, MUL), 700);
	check(F.ready[26] == 700 + T.fp_mul_d && F.ready[27] == 700 + T.fp_mul_d, "mul.d latency fp_mul_d");
	st = fpu_compute(&F, &T, enc(S, 6, 4, 26, SQRT), 800);
	check(st == 0 && F.ready[26] == 700 + T.fp_mul_d, "reserved op: no stall, no ready change");
}

/* Random normal-range operations against the host under fesetround(). */
static uint64_t rng = 0x9e3779b97f4a7c15ull;
static uint64_t rnd(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

static void test_host(void)
{
#if FLT_EVAL_METHOD == 0 && defined(FE_TONEAREST) && defined(FE_TOWARDZERO) && \
    defined(FE_UPWARD) && defined(FE_DOWNWARD) && defined(FE_INEXACT)
	static const int hm[4] = { FE_TONEAREST, FE_TOWARDZERO, FE_UPWARD, FE_DOWNWARD };
	static const char *mn[4] = { "RN", "RZ", "RP", "RM" };
	static const char *on[4] = { "add", "sub", "mul", "div" };
	const int n = 20000;

	for (unsigned op = 0; op < 4; op++)
		for (unsigned m = 0; m < 4; m++) {
			int bad_s = 0, bad_d = 0;
			for (int i = 0; i < n; i++) {
				/* Exponents in [-57, 57] (S) / [-500, 500] (D): no
				 * overflow or underflow possible. */
				uint32_t a = (uint32_t)((rnd() & 0x807fffffu) | ((70 + rnd() % 115) << 23));
				uint32_t b = (uint32_t)((rnd() & 0x807fffffu) | ((70 + rnd() % 115) << 23));
				if (i % 4 == 0)		/* close exponents: cancellation */
					b = (b & 0x807fffffu) | (a & 0x7f800000u);
				volatile float fa = b2f(a), fb = b2f(b), fr;
				fesetround(hm[m]);
				feclearexcept(FE_ALL_EXCEPT);
				switch (op) {
				case 0: fr = fa + fb; break;
				case 1: fr = fa - fb; break;
				case 2: fr = fa * fb; break;
				default: fr = fa / fb; break;
				}
				int hinex = fetestexcept(FE_INEXACT) != 0;
				fesetround(FE_TONEAREST);
				uint32_t got = op_s(m, op, a, b);
				if (got != f2b(fr) || (cause() == CI) != hinex || (cause() & ~CI)) {
					if (bad_s++ < 3)
						printf("# %s.s %s %08x %08x: host %08x%s, got %08x cause %05x\n",
						       on[op], mn[m], a, b, f2b(fr), hinex ? " I" : "", got, cause());
				}
				uint64_t da = (rnd() & 0x800fffffffffffffull) | ((uint64_t)(523 + rnd() % 1001) << 52);
				uint64_t db = (rnd() & 0x800fffffffffffffull) | ((uint64_t)(523 + rnd() % 1001) << 52);
				if (i % 4 == 0)
					db = (db & 0x800fffffffffffffull) | (da & 0x7ff0000000000000ull);
				volatile double xa = b2d(da), xb = b2d(db), xr;
				fesetround(hm[m]);
				feclearexcept(FE_ALL_EXCEPT);
				switch (op) {
				case 0: xr = xa + xb; break;
				case 1: xr = xa - xb; break;
				case 2: xr = xa * xb; break;
				default: xr = xa / xb; break;
				}
				hinex = fetestexcept(FE_INEXACT) != 0;
				fesetround(FE_TONEAREST);
				uint64_t gd = op_d(m, op, da, db);
				if (gd != d2b(xr) || (cause() == CI) != hinex || (cause() & ~CI)) {
					if (bad_d++ < 3)
						printf("# %s.d %s %016llx %016llx: host %016llx, got %016llx cause %05x\n",
						       on[op], mn[m], (unsigned long long)da, (unsigned long long)db,
						       (unsigned long long)d2b(xr), (unsigned long long)gd, cause());
				}
			}
			check(bad_s == 0 && bad_d == 0, "%s.s/%s.d in %s: %d random cases each match the host (%d, %d bad)",
			      on[op], on[op], mn[m], n, bad_s, bad_d);
		}
	/* Conversions. */
	for (unsigned m = 0; m < 4; m++) {
		int bad = 0;
		for (int i = 0; i < n; i++) {
			uint64_t da = (rnd() & 0x800fffffffffffffull) | ((uint64_t)(1023 - 40 + rnd() % 80) << 52);
			volatile double x = b2d(da);
			volatile float fr;
			fesetround(hm[m]);
			feclearexcept(FE_ALL_EXCEPT);
			fr = (float)x;
			int hinex = fetestexcept(FE_INEXACT) != 0;
			fesetround(FE_TONEAREST);
			reset(m);
			set_d(4, da);
			run(enc(D, 0, 4, 2, CVTS));
			if (F.fgr[2] != f2b(fr) || (cause() == CI) != hinex || (cause() & ~CI))
				bad++;
			/* cvt.s.w */
			int32_t iv = (int32_t)(uint32_t)rnd();
			fesetround(hm[m]);
			feclearexcept(FE_ALL_EXCEPT);
			volatile int32_t vi = iv;
			fr = (float)vi;
			hinex = fetestexcept(FE_INEXACT) != 0;
			fesetround(FE_TONEAREST);
			reset(m);
			set_s(4, (uint32_t)iv);
			run(enc(W, 0, 4, 2, CVTS));
			if (F.fgr[2] != f2b(fr) || (cause() == CI) != hinex)
				bad++;
			/* cvt.w.d, in range: |x| < 2^30 */
			uint64_t dw = (rnd() & 0x800fffffffffffffull) | ((uint64_t)(1023 - 3 + rnd() % 33) << 52);
			volatile double y = b2d(dw), yr;
			fesetround(hm[m]);
			yr = nearbyint(y);
			fesetround(FE_TONEAREST);
			reset(m);
			set_d(4, dw);
			run(enc(D, 0, 4, 2, CVTW));
			if ((int32_t)F.fgr[2] != (int32_t)yr || (cause() == CI) != (yr != y))
				bad++;
		}
		check(bad == 0, "cvt.s.d, cvt.s.w, cvt.w.d in %s: %d random cases each match the host (%d bad)",
		      mn[m], n, bad);
	}
#else
	printf("ok - # SKIP host comparison: float is not evaluated in float here\n");
#endif
}

int main(void)
{
	test_rounding();
	test_flags();
	test_traps();
	test_unimpl();
	test_compare();
	test_cvt();
	test_timing();
	test_host();
	printf("# %d checks, %d failed\n", checks, failures);
	return failures != 0;
}
