/*
 * fpu.c - the R3010 floating-point accelerator (MIPS I coprocessor 1).
 *
 * Design: integer soft-float. Every operation is computed on the raw bit
 * patterns with 64-bit integer arithmetic (a 64x64->128 multiply built from
 * 32-bit halves, a restoring bit-by-bit divide), one rounding routine for
 * all four modes, and explicit exception bits. Nothing touches the host
 * FPU or <fenv.h>, so results and flags are the same on every host and
 * compiler, whatever the host's rounding mode, flush-to-zero setting, x87
 * vs SSE, or the compiler's contraction / constant folding. (Host doubles
 * with fenv.h would also have to emulate the R3010's own rules - no
 * denormals, legacy NaN encoding, tininess after rounding - so they would
 * buy little.)
 *
 * Hardware facts used, and where they come from:
 *  - FCR31 layout (R2010/R3010): RM 1..0 (0 RN, 1 RZ, 2 RP, 3 RM); flags
 *    I U O Z V at 2..6; enables at 7..11; causes at 12..16 and E
 *    (unimplemented operation) at 17; condition bit 23; bits 18..22 and
 *    24..31 are zero (no FS bit: that is R4000). Sources: NetBSD/4.4BSD
 *    sys/arch/mips/mips/fp.S (written for DECstation R2010/R3010),
 *    MAME src/devices/cpu/mips/mips1.cpp (R2000/R3000 FCR31_* constants),
 *    an R3081 trap handler (historicalsource/guts FEXCP.C: Ex* = 0x1000..
 *    0x20000, Tr* = 0x80..0x800).
 *  - Unimplemented operation (E) has no enable and no flag; it always
 *    interrupts, and the destination is left unchanged. The FPU raises it
 *    for reserved function/format codes and for operands or results it
 *    cannot handle: a denormalized operand or a quiet-NaN operand of a
 *    computational or convert instruction (not of a compare, not of mov),
 *    and a denormalized result / underflow (with no FS bit, always).
 *    Source: MIPS R4000 Microprocessor User's Manual, 7.4 "Unimplemented
 *    Instruction Exception (E)" and "Underflow Exception (U)" (the MIPS
 *    FPU architecture statement; the R2010/R3010 are its first
 *    implementations and have no FS bit). NetBSD's fp.S emulates exactly
 *    these cases in software (NaN propagation, denormal operands, denormal
 *    results) after the E interrupt. So the U cause bit is never set by
 *    this FPU: every tiny result goes to software.
 *  - Tininess is detected after rounding; loss of accuracy as inexact.
 *    Source: MIPSpro Assembly Language Programmer's Guide ch. 6
 *    ("The architecture requires that tininess be detected after
 *    rounding"), R4000 manual 7.4.
 *  - Legacy NaN encoding: a NaN whose top fraction bit is SET is
 *    signalling; the default quiet NaN is 0x7fbfffff / 0x7ff7ffff_ffffffff.
 *    Source: NetBSD fp.S (SSIGNAL_NAN 0x00400000, SQUIET_NAN 0x003fffff,
 *    DQUIET_NAN0/1 0x0007ffff/0xffffffff, "result is a quiet NAN").
 *  - A signalling NaN operand of an arithmetic instruction (abs and neg
 *    included, mov excluded) is an invalid operation. Source: R4000
 *    manual 7.4 "Invalid Operation Exception"; MIPSpro guide ch. 6.
 *  - Invalid operation, overflow, divide by zero and inexact follow
 *    IEEE 754; overflow also signals inexact (R4000 manual 7.4 "Inexact").
 *    Trap enabled: the destination is not modified and only the Cause
 *    field changes; the sticky flags are set only when nothing traps.
 *    Source: R4000 manual 6.3 ("When a floating-point exception is taken,
 *    no results are stored, and the only state affected is the Cause
 *    bit"; flags are not set by the hardware then) and 7.1.
 *  - cvt.w.fmt rounds with the current mode; NaN, infinity or an
 *    out-of-range value is invalid and, untrapped, delivers 2^31-1
 *    (0x7fffffff) for either sign, as the MIPS architecture specifies for
 *    legacy-NaN FPUs (Linux arch/mips/math-emu ieee754si_indef() in legacy
 *    mode; qemu-mipsel 7.2 gives 0x7fffffff with V for 2^31, -inf and
 *    -2^63). NOTE: 4.4BSD/NetBSD fp.S (invalid_w) instead returns INT_MIN
 *    for a negative operand; no R3010 was available to settle it.
 *  - A quiet NaN operand of cvt.w traps E like any other convert.
 *  - Register numbers: in MIPS I, FP operations name only even registers
 *    (checked: gcc 12 -march=r3000 under register pressure uses odd FPRs
 *    only in lwc1/swc1, never in arithmetic); the odd number is
 *    undefined. We ignore bit 0 of fs/ft/fd for every format, as NetBSD's
 *    emulator does ("Even regs only"). A single or word result writes the
 *    even register only.
 *  - Valid fmt/function pairs (MIPS I): S and D: add sub mul div abs mov
 *    neg, c.cond (48..63); cvt.d.s, cvt.w.s, cvt.s.d, cvt.w.d; W: cvt.s.w,
 *    cvt.d.w. All else (sqrt, round/trunc/ceil/floor, cvt.s.s, cvt.d.d,
 *    fmt L, arithmetic on W...) is reserved -> E. Source: NetBSD fp.S
 *    dispatch tables (func_single_tbl etc.), MAME mips1.cpp.
 *  - "The Cause bits are written by each floating-point operation (but
 *    not by load, store, or move operations)" (R4000 manual 6.3): every
 *    COP1 computational instruction here, mov.fmt included (it is listed
 *    with the computational ones; mtc1/ctc1 are the "moves"), rewrites
 *    the Cause field. The FPU interrupt is (Cause & Enables) != 0 or
 *    Cause.E (R4000 manual 7.1; MAME mips1.cpp computes the line so after
 *    ctc1 and after each op).
 *
 * Timing: the issue waits for source operands still in flight (ready[]),
 * the result registers (both halves of a double) become ready after the
 * struct timing latency of the operation class. The R3010's units being
 * busy with an earlier long operation (e.g. a second div while one is in
 * flight) is not modelled: struct fpu has no place for it.
 */
#include "fpu.h"
#include "timing.h"

#include <stdbool.h>

/* FCR31 fields. */
#define RM_MASK		0x00000003u
#define FLAG_SHIFT	2
#define ENABLE_SHIFT	7
#define CAUSE_SHIFT	12
#define X_I		0x01u	/* inexact */
#define X_U		0x02u	/* underflow */
#define X_O		0x04u	/* overflow */
#define X_Z		0x08u	/* divide by zero */
#define X_V		0x10u	/* invalid */
#define X_E		0x20u	/* unimplemented operation (cause only) */
#define CAUSE_MASK	(0x3fu << CAUSE_SHIFT)
#define FCR31_WRITABLE	0x0083ffffu

enum { RN = 0, RZ = 1, RP = 2, RMI = 3 };
enum { FMT_S = 16, FMT_D = 17, FMT_W = 20 };

/* A floating-point format. */
struct ffmt {
	int fbits;		/* fraction bits: 23 or 52 */
	int ebits;		/* exponent bits: 8 or 11 */
	int bias;		/* 127 or 1023; also the largest exponent */
};
static const struct ffmt F_S = { 23, 8, 127 };
static const struct ffmt F_D = { 52, 11, 1023 };

enum cls { C_ZERO, C_NORM, C_DENORM, C_INF, C_QNAN, C_SNAN };

/* An unpacked operand: for C_NORM, value = sig * 2^exp, sig < 2^(fbits+1). */
struct unp {
	enum cls cls;
	unsigned sign;
	int exp;
	uint64_t sig;
};

static uint64_t fmask(int bits)
{
	return bits >= 64 ? ~0ull : ((uint64_t)1 << bits) - 1;
}

static struct unp unpack(uint64_t bits, const struct ffmt *f)
{
	struct unp u;
	uint64_t frac = bits & fmask(f->fbits);
	unsigned e = (unsigned)((bits >> f->fbits) & fmask(f->ebits));

	u.sign = (unsigned)(bits >> (f->fbits + f->ebits)) & 1;
	u.exp = 0;
	u.sig = 0;
	if (e == 0)
		u.cls = frac ? C_DENORM : C_ZERO;
	else if (e == fmask(f->ebits))
		u.cls = !frac ? C_INF :
			(frac >> (f->fbits - 1)) & 1 ? C_SNAN : C_QNAN;
	else {
		u.cls = C_NORM;
		u.sig = frac | ((uint64_t)1 << f->fbits);
		u.exp = (int)e - f->bias - f->fbits;
	}
	return u;
}

static uint64_t pack_raw(unsigned sign, uint64_t bexp, uint64_t frac, const struct ffmt *f)
{
	return ((uint64_t)sign << (f->fbits + f->ebits)) | (bexp << f->fbits) | frac;
}

static uint64_t zero_of(unsigned sign, const struct ffmt *f)
{
	return pack_raw(sign, 0, 0, f);
}

static uint64_t inf_of(unsigned sign, const struct ffmt *f)
{
	return pack_raw(sign, fmask(f->ebits), 0, f);
}

/* The default quiet NaN of the legacy MIPS encoding: 0x7fbfffff,
 * 0x7ff7ffffffffffff (top fraction bit clear, all other fraction bits set). */
static uint64_t default_nan(const struct ffmt *f)
{
	return pack_raw(0, fmask(f->ebits), fmask(f->fbits - 1), f);
}

static int clz64(uint64_t x)
{
	int n = 0;

	if (!x)
		return 64;
	while (!(x & 0x8000000000000000ull)) {
		x <<= 1;
		n++;
	}
	return n;
}

/*
 * Round sign * (sig + sticky) * 2^exp (sig != 0; sticky means "a little
 * more than sig", below every bit of sig) to format f in rounding mode rm.
 * Returns false if the result is tiny (after rounding): the R3010 hands
 * that case to software (E). Otherwise stores the result and ORs O/I into
 * *x.
 */
static bool round_pack(unsigned sign, int exp, uint64_t sig, bool sticky,
		       unsigned rm, const struct ffmt *f, uint64_t *out, unsigned *x)
{
	int p = f->fbits + 1;
	int drop = 64 - p;
	int sh = clz64(sig);
	uint64_t q, rem, half;
	bool inc = false, inexact;
	int e;

	sig <<= sh;
	exp -= sh;
	e = exp + 63;			/* unbiased exponent of the leading bit */
	if (sticky)
		sig |= 1;		/* below the rounding position: drop >= 11 */
	q = sig >> drop;
	rem = sig & fmask(drop);
	half = (uint64_t)1 << (drop - 1);
	inexact = rem != 0;
	switch (rm) {
	case RN: inc = rem > half || (rem == half && (q & 1)); break;
	case RZ: inc = false; break;
	case RP: inc = !sign && inexact; break;
	case RMI: inc = sign && inexact; break;
	}
	if (inc) {
		q++;
		if (q >> p) {
			q >>= 1;
			e++;
		}
	}
	if (e < 1 - f->bias)
		return false;		/* tiny: denormal or underflow */
	if (e > f->bias) {		/* overflow */
		*x |= X_O | X_I;
		if (rm == RN || (rm == RP && !sign) || (rm == RMI && sign))
			*out = inf_of(sign, f);
		else		/* the largest finite number */
			*out = pack_raw(sign, fmask(f->ebits) - 1, fmask(f->fbits), f);
		return true;
	}
	if (inexact)
		*x |= X_I;
	*out = pack_raw(sign, (uint64_t)(e + f->bias), q & fmask(f->fbits), f);
	return true;
}

/* Outcome of one operation. */
struct res {
	uint64_t val;		/* the result bits (fmt of the destination) */
	unsigned x;		/* X_* exceptions */
};

/* Operand screening shared by arithmetic and conversions: a denormal or
 * quiet-NaN operand goes to software (E). screen2 also turns a signalling
 * NaN into V with the default NaN. True if the operands decide the outcome. */
static bool screen(const struct unp *a, struct res *r)
{
	if (a->cls == C_DENORM || a->cls == C_QNAN) {
		r->x |= X_E;
		return true;
	}
	return false;
}

static bool screen2(const struct unp *a, const struct unp *b, const struct ffmt *f, struct res *r)
{
	if (screen(a, r) || screen(b, r))
		return true;
	if (a->cls == C_SNAN || b->cls == C_SNAN) {
		r->x |= X_V;
		r->val = default_nan(f);
		return true;
	}
	return false;
}

static void finish(unsigned sign, int exp, uint64_t sig, bool sticky, unsigned rm,
		   const struct ffmt *f, struct res *r)
{
	if (!round_pack(sign, exp, sig, sticky, rm, f, &r->val, &r->x))
		r->x |= X_E;
}

static void op_add(struct unp a, struct unp b, unsigned rm, const struct ffmt *f, struct res *r)
{
	if (screen2(&a, &b, f, r))
		return;
	if (a.cls == C_INF || b.cls == C_INF) {
		if (a.cls == C_INF && b.cls == C_INF && a.sign != b.sign) {
			r->x |= X_V;
			r->val = default_nan(f);
		} else
			r->val = inf_of(a.cls == C_INF ? a.sign : b.sign, f);
		return;
	}
	if (a.cls == C_ZERO && b.cls == C_ZERO) {
		unsigned s = a.sign == b.sign ? a.sign : rm == RMI;
		r->val = zero_of(s, f);
		return;
	}
	if (b.cls == C_ZERO) {
		r->val = pack_raw(a.sign, (uint64_t)(a.exp + f->bias + f->fbits),
				  a.sig & fmask(f->fbits), f);
		return;
	}
	if (a.cls == C_ZERO) {
		r->val = pack_raw(b.sign, (uint64_t)(b.exp + f->bias + f->fbits),
				  b.sig & fmask(f->fbits), f);
		return;
	}
	/* Both normal: leading bit at 61, at least 9 guard bits below. */
	int up = 61 - f->fbits;
	uint64_t ma = a.sig << up, mb = b.sig << up;
	int ea = a.exp - up, eb = b.exp - up;
	if (ea < eb || (ea == eb && ma < mb)) {
		struct unp t = a; a = b; b = t;
		uint64_t tm = ma; ma = mb; mb = tm;
		int te = ea; ea = eb; eb = te;
	}
	int d = ea - eb;
	if (d > 0) {
		if (d >= 64)
			mb = 1;		/* all of it is sticky */
		else
			mb = (mb >> d) | ((mb & fmask(d)) != 0);
	}
	uint64_t m;
	unsigned sign = a.sign;
	if (a.sign == b.sign)
		m = ma + mb;		/* < 2^63: no carry out */
	else
		m = ma - mb;		/* ma >= mb */
	if (m == 0) {
		r->val = zero_of(rm == RMI, f);
		return;
	}
	finish(sign, ea, m, false, rm, f, r);
}

static void mul64(uint64_t a, uint64_t b, uint64_t *hi, uint64_t *lo)
{
	uint64_t al = a & 0xffffffffu, ah = a >> 32;
	uint64_t bl = b & 0xffffffffu, bh = b >> 32;
	uint64_t ll = al * bl, lh = al * bh, hl = ah * bl, hh = ah * bh;
	uint64_t mid = (ll >> 32) + (lh & 0xffffffffu) + (hl & 0xffffffffu);

	*lo = (ll & 0xffffffffu) | (mid << 32);
	*hi = hh + (lh >> 32) + (hl >> 32) + (mid >> 32);
}

static void op_mul(struct unp a, struct unp b, unsigned rm, const struct ffmt *f, struct res *r)
{
	unsigned sign = a.sign ^ b.sign;

	if (screen2(&a, &b, f, r))
		return;
	if (a.cls == C_INF || b.cls == C_INF) {
		if (a.cls == C_ZERO || b.cls == C_ZERO) {
			r->x |= X_V;
			r->val = default_nan(f);
		} else
			r->val = inf_of(sign, f);
		return;
	}
	if (a.cls == C_ZERO || b.cls == C_ZERO) {
		r->val = zero_of(sign, f);
		return;
	}
	uint64_t hi, lo;
	mul64(a.sig, b.sig, &hi, &lo);
	/* a.sig * b.sig < 2^106: value = (hi * 2^64 + lo) * 2^(ea+eb). */
	if (hi == 0)
		finish(sign, a.exp + b.exp, lo, false, rm, f, r);
	else {
		int sh = clz64(hi);	/* bring the top into one word */
		uint64_t m = sh ? (hi << sh) | (lo >> (64 - sh)) : hi;
		bool sticky = (sh ? lo << sh : lo) != 0;
		finish(sign, a.exp + b.exp + 64 - sh, m, sticky, rm, f, r);
	}
}

static void op_div(struct unp a, struct unp b, unsigned rm, const struct ffmt *f, struct res *r)
{
	unsigned sign = a.sign ^ b.sign;

	if (screen2(&a, &b, f, r))
		return;
	if (a.cls == C_INF) {
		if (b.cls == C_INF) {
			r->x |= X_V;
			r->val = default_nan(f);
		} else
			r->val = inf_of(sign, f);
		return;
	}
	if (b.cls == C_INF) {
		r->val = zero_of(sign, f);
		return;
	}
	if (b.cls == C_ZERO) {
		if (a.cls == C_ZERO) {
			r->x |= X_V;
			r->val = default_nan(f);
		} else {
			r->x |= X_Z;
			r->val = inf_of(sign, f);
		}
		return;
	}
	if (a.cls == C_ZERO) {
		r->val = zero_of(sign, f);
		return;
	}
	/* Restoring division: 63 quotient bits of a.sig / b.sig * 2^62. */
	uint64_t rem = a.sig, d = b.sig, q = 0;
	for (int i = 0; i < 63; i++) {
		q <<= 1;
		if (rem >= d) {
			rem -= d;
			q |= 1;
		}
		rem <<= 1;
	}
	finish(sign, a.exp - b.exp - 62, q, rem != 0, rm, f, r);
}

/* abs (neg = 0) or neg (neg = 1). */
static void op_absneg(struct unp a, uint64_t bits, bool neg, const struct ffmt *f, struct res *r)
{
	uint64_t sbit = (uint64_t)1 << (f->fbits + f->ebits);

	if (screen(&a, r))
		return;
	if (a.cls == C_SNAN) {
		r->x |= X_V;
		r->val = default_nan(f);
		return;
	}
	r->val = neg ? bits ^ sbit : bits & ~sbit;
}

/* Float (format sf) to float (format df). */
static void op_cvt_ff(struct unp a, unsigned rm, const struct ffmt *df, struct res *r)
{
	if (screen(&a, r))
		return;
	switch (a.cls) {
	case C_SNAN:
		r->x |= X_V;
		r->val = default_nan(df);
		return;
	case C_INF:
		r->val = inf_of(a.sign, df);
		return;
	case C_ZERO:
		r->val = zero_of(a.sign, df);
		return;
	default:
		finish(a.sign, a.exp, a.sig, false, rm, df, r);
	}
}

/* Word to float. */
static void op_cvt_fw(uint32_t w, unsigned rm, const struct ffmt *df, struct res *r)
{
	unsigned sign = w >> 31;
	uint64_t mag = sign ? (uint64_t)(uint32_t)(0u - w) : w;

	if (w == 0) {
		r->val = zero_of(0, df);
		return;
	}
	if (sign && mag == 0)
		mag = 0x80000000u;
	finish(sign, 0, mag, false, rm, df, r);
}

/* Float to word, rounding with rm. */
static void op_cvt_wf(struct unp a, unsigned rm, const struct ffmt *sf, struct res *r)
{
	if (screen(&a, r))
		return;
	if (a.cls == C_SNAN || a.cls == C_INF) {
		r->x |= X_V;
		r->val = 0x7fffffffu;
		return;
	}
	if (a.cls == C_ZERO) {
		r->val = 0;
		return;
	}
	uint64_t ip;
	bool rbit, sticky;
	if (a.exp >= 0) {
		if (a.exp + sf->fbits + 1 > 40) {	/* >= 2^40: far out of range */
			r->x |= X_V;
			r->val = 0x7fffffffu;
			return;
		}
		ip = a.sig << a.exp;
		rbit = sticky = false;
	} else {
		int sh = -a.exp;
		if (sh > 60) {			/* value < 2^-7 */
			ip = 0;
			rbit = false;
			sticky = true;
		} else {
			ip = a.sig >> sh;
			rbit = (a.sig >> (sh - 1)) & 1;
			sticky = (a.sig & fmask(sh - 1)) != 0;
		}
	}
	bool inexact = rbit || sticky, inc = false;
	switch (rm) {
	case RN: inc = rbit && (sticky || (ip & 1)); break;
	case RZ: inc = false; break;
	case RP: inc = !a.sign && inexact; break;
	case RMI: inc = a.sign && inexact; break;
	}
	ip += inc;
	if (ip > (a.sign ? 0x80000000ull : 0x7fffffffull)) {
		r->x |= X_V;
		r->val = 0x7fffffffu;
		return;
	}
	if (inexact)
		r->x |= X_I;
	r->val = a.sign ? (uint32_t)(0u - (uint32_t)ip) : (uint32_t)ip;
}

/* c.cond: returns the condition; sets V as the predicate demands. */
static bool op_cmp(struct unp a, struct unp b, uint64_t ab, uint64_t bb, unsigned cond,
		   const struct ffmt *f, struct res *r)
{
	bool un = a.cls == C_QNAN || a.cls == C_SNAN || b.cls == C_QNAN || b.cls == C_SNAN;
	bool eq = false, lt = false;

	if (un) {
		if ((cond & 8) || a.cls == C_SNAN || b.cls == C_SNAN)
			r->x |= X_V;
		return cond & 1;
	}
	/* Sign-magnitude compare on the bits; works for denormals and
	 * infinities; +0 == -0. */
	uint64_t sbit = (uint64_t)1 << (f->fbits + f->ebits);
	uint64_t ma = ab & (sbit - 1), mb = bb & (sbit - 1);
	if (ma == 0 && mb == 0)
		eq = true;
	else if (a.sign != b.sign) {
		lt = a.sign;
	} else if (ma == mb)
		eq = true;
	else
		lt = a.sign ? ma > mb : ma < mb;
	return ((cond & 4) && lt) || ((cond & 2) && eq);
}

/* Register pair helpers (low word in the even register). */
static uint64_t get_d(const struct fpu *f, unsigned reg)
{
	return ((uint64_t)f->fgr[reg + 1] << 32) | f->fgr[reg];
}

static unsigned wait_for(const struct fpu *f, unsigned reg, uint64_t now)
{
	return f->ready[reg] > now ? (unsigned)(f->ready[reg] - now) : 0;
}

void fpu_reset(struct fpu *f, uint32_t fcr0)
{
	for (unsigned i = 0; i < 32; i++) {
		f->fgr[i] = 0;
		f->ready[i] = 0;
	}
	f->fcr0 = fcr0;
	f->fcr31 = 0;
	f->cond_ready = 0;
}

unsigned fpu_stall_for(const struct fpu *f, unsigned reg, uint64_t now)
{
	return wait_for(f, reg & 31, now);
}

uint32_t fpu_cfc1(const struct fpu *f, unsigned reg)
{
	if (reg == 0)
		return f->fcr0;
	if (reg == 31)
		return f->fcr31;
	return 0;	/* no other control register on the R3010 */
}

void fpu_ctc1(struct fpu *f, unsigned reg, uint32_t val)
{
	if (reg == 31)
		f->fcr31 = val & FCR31_WRITABLE;
	/* FCR0 is read-only; others do not exist. */
}

int fpu_interrupt(const struct fpu *f)
{
	uint32_t cause = (f->fcr31 >> CAUSE_SHIFT) & 0x3f;
	uint32_t en = (f->fcr31 >> ENABLE_SHIFT) & 0x1f;

	return (cause & X_E) || (cause & en);
}

/* Which operation class an instruction is. */
enum kind { K_RESERVED, K_ARITH2, K_ABSNEG, K_MOV, K_CVT, K_CMP };

static enum kind classify(unsigned fmt, unsigned func)
{
	if (fmt == FMT_S || fmt == FMT_D) {
		if (func <= 3)
			return K_ARITH2;
		if (func == 5 || func == 7)
			return K_ABSNEG;
		if (func == 6)
			return K_MOV;
		if (func >= 48)
			return K_CMP;
		if ((fmt == FMT_S && func == 33) || (fmt == FMT_D && func == 32) || func == 36)
			return K_CVT;
		return K_RESERVED;
	}
	if (fmt == FMT_W && (func == 32 || func == 33))
		return K_CVT;
	return K_RESERVED;
}

unsigned fpu_compute(struct fpu *f, const struct timing *t, uint32_t insn, uint64_t now)
{
	unsigned fmt = (insn >> 21) & 31;
	unsigned ft = (insn >> 16) & 30;	/* bit 0 ignored: see the head */
	unsigned fs = (insn >> 11) & 30;
	unsigned fd = (insn >> 6) & 30;
	unsigned func = insn & 63;
	unsigned rm = f->fcr31 & RM_MASK;
	enum kind k = classify(fmt, func);
	bool dbl = fmt == FMT_D;
	const struct ffmt *sf = dbl ? &F_D : &F_S;	/* source format */
	unsigned stall = 0, w;

	/* Interlock on the source operands. */
	if (k != K_RESERVED) {
		w = wait_for(f, fs, now);
		if (dbl && wait_for(f, fs + 1, now) > w)
			w = wait_for(f, fs + 1, now);
		stall = w;
		if (k == K_ARITH2 || k == K_CMP) {
			w = wait_for(f, ft, now);
			if (dbl && wait_for(f, ft + 1, now) > w)
				w = wait_for(f, ft + 1, now);
			if (w > stall)
				stall = w;
		}
	}
	uint64_t issue = now + stall;

	f->fcr31 &= ~CAUSE_MASK;
	if (k == K_RESERVED) {
		f->fcr31 |= X_E << CAUSE_SHIFT;
		return stall;
	}

	uint64_t sbits = dbl ? get_d(f, fs) : f->fgr[fs];
	uint64_t tbits = dbl ? get_d(f, ft) : f->fgr[ft];
	struct unp a = unpack(sbits, sf), b = unpack(tbits, sf);
	struct res r = { 0, 0 };
	bool dres = dbl;	/* the result is a double */
	bool cond = false;
	unsigned lat = t->fp_mov;

	switch (k) {
	case K_ARITH2:
		switch (func) {
		case 0: op_add(a, b, rm, sf, &r); lat = t->fp_add; break;
		case 1: b.sign ^= 1; op_add(a, b, rm, sf, &r); lat = t->fp_add; break;
		case 2: op_mul(a, b, rm, sf, &r); lat = dbl ? t->fp_mul_d : t->fp_mul_s; break;
		default: op_div(a, b, rm, sf, &r); lat = dbl ? t->fp_div_d : t->fp_div_s; break;
		}
		break;
	case K_ABSNEG:
		op_absneg(a, sbits, func == 7, sf, &r);
		lat = t->fp_mov;
		break;
	case K_MOV:
		r.val = sbits;
		lat = t->fp_mov;
		break;
	case K_CVT:
		lat = t->fp_cvt;
		if (fmt == FMT_W) {
			dres = func == 33;
			op_cvt_fw(f->fgr[fs], rm, dres ? &F_D : &F_S, &r);
		} else if (func == 36) {
			dres = false;
			op_cvt_wf(a, rm, sf, &r);
		} else {
			dres = func == 33;
			op_cvt_ff(a, rm, dres ? &F_D : &F_S, &r);
		}
		break;
	case K_CMP:
		cond = op_cmp(a, b, sbits, tbits, func & 15, sf, &r);
		lat = t->fp_cmp;
		break;
	case K_RESERVED:
		break;
	}

	if (r.x & X_E) {	/* handed to software; nothing else changes */
		f->fcr31 |= X_E << CAUSE_SHIFT;
		return stall;
	}
	f->fcr31 |= r.x << CAUSE_SHIFT;
	if (r.x & (f->fcr31 >> ENABLE_SHIFT) & 0x1f)
		return stall;	/* trap: destination and flags untouched */
	f->fcr31 |= r.x << FLAG_SHIFT;

	if (k == K_CMP) {
		if (cond)
			f->fcr31 |= FCSR_COND;
		else
			f->fcr31 &= ~FCSR_COND;
		f->cond_ready = issue + lat;
		return stall;
	}
	f->fgr[fd] = (uint32_t)r.val;
	f->ready[fd] = issue + lat;
	if (dres) {
		f->fgr[fd + 1] = (uint32_t)(r.val >> 32);
		f->ready[fd + 1] = issue + lat;
	}
	return stall;
}
