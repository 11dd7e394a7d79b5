/*
 * libgcc_cases.c - edge cases for the libgcc routines guest code relies on
 * (64-bit divide, modulo, multiply, shifts; bit counting; soft-float single
 * and double arithmetic, comparisons and conversions). Built twice: for the
 * host (the reference) and for MIPS I Linux against our libgcc, run under
 * qemu-mipsel; libgcc-check compares the two outputs line by line.
 * Each output line is "<op> <operands in hex> = <result in hex>".
 */
#include <stdint.h>
#include "libgcc_cases.h"

static emit_fn out;

static void hex(char **p, uint64_t v, int digits)
{
	for (int i = digits - 1; i >= 0; i--)
		*(*p)++ = "0123456789abcdef"[(v >> (4 * i)) & 0xf];
}

static void put(char **p, const char *s)
{
	while (*s)
		*(*p)++ = *s++;
}

/* One result line: op, n operands of `digits` hex digits, result. */
static void line(const char *op, int digits, int n, uint64_t a, uint64_t b,
		 const char *res, uint64_t r, int rdigits)
{
	char buf[128], *p = buf;
	put(&p, op);
	*p++ = ' ';
	hex(&p, a, digits);
	if (n > 1) {
		*p++ = ' ';
		hex(&p, b, digits);
	}
	put(&p, " = ");
	if (res)
		put(&p, res);
	else
		hex(&p, r, rdigits);
	*p = 0;
	out(buf);
}

static const uint64_t ints[] = {
	0, 1, 2, 3, 5, 7, 10, 16, 255, 0x7fffffff, 0x80000000, 0xffffffff,
	0x100000000ull, 0x100000001ull, 0x123456789ull, 1000000000000ull,
	1000000000000000000ull, 0x7fffffffffffffffull, 0x8000000000000000ull,
	0x8000000000000001ull, 0xfedcba9876543210ull, 0xfffffffeffffffffull,
	0xfffffffffffffffeull, 0xffffffffffffffffull, /* -1 */
	0xfffffffffffffff9ull /* -7 */, 0xffffffff00000000ull,
	1ull << 32, 1ull << 33, 1ull << 47, 1ull << 62, 1ull << 63,
	0x00000000deadbeefull, 0xdeadbeef00000000ull,
};
#define NINTS (sizeof(ints) / sizeof(ints[0]))

/* The host has no 64-bit divide overflow rule to borrow (x86 traps on
   INT64_MIN / -1); the expected result is the two's-complement wrap, which
   is what libgcc and the MIPS div instruction both produce. */
static int64_t sdiv(int64_t a, int64_t b)
{
#ifdef __mips__
	extern int64_t __divdi3(int64_t, int64_t);
	return __divdi3(a, b);
#else
	return (a == INT64_MIN && b == -1) ? INT64_MIN : a / b;
#endif
}

static int64_t smod(int64_t a, int64_t b)
{
#ifdef __mips__
	extern int64_t __moddi3(int64_t, int64_t);
	return __moddi3(a, b);
#else
	return (a == INT64_MIN && b == -1) ? 0 : a % b;
#endif
}

static void integer_cases(void)
{
	for (unsigned i = 0; i < NINTS; i++) {
		volatile uint64_t a = ints[i];
		for (unsigned j = 0; j < NINTS; j++) {
			volatile uint64_t b = ints[j];
			line("mul", 16, 2, a, b, 0, a * b, 16);
			if (b == 0)
				continue;
			line("udiv", 16, 2, a, b, 0, a / b, 16);
			line("umod", 16, 2, a, b, 0, a % b, 16);
			line("sdiv", 16, 2, a, b, 0, (uint64_t)sdiv((int64_t)a, (int64_t)b), 16);
			line("smod", 16, 2, a, b, 0, (uint64_t)smod((int64_t)a, (int64_t)b), 16);
		}
		for (volatile int s = 0; s < 64; s += (s < 4 || s > 59) ? 1 : 7) {
			line("shl", 16, 2, a, (uint64_t)s, 0, a << s, 16);
			line("lshr", 16, 2, a, (uint64_t)s, 0, a >> s, 16);
			line("ashr", 16, 2, a, (uint64_t)s, 0, (uint64_t)((int64_t)a >> s), 16);
		}
		volatile uint32_t w = (uint32_t)a;
		if (w)
			line("clz32", 8, 1, w, 0, 0, (uint64_t)__builtin_clz(w), 2);
		if (w)
			line("ctz32", 8, 1, w, 0, 0, (uint64_t)__builtin_ctz(w), 2);
		if (a)
			line("clz64", 16, 1, a, 0, 0, (uint64_t)__builtin_clzll(a), 2);
		if (a)
			line("ctz64", 16, 1, a, 0, 0, (uint64_t)__builtin_ctzll(a), 2);
		line("ffs64", 16, 1, a, 0, 0, (uint64_t)__builtin_ffsll((long long)a), 2);
		line("popcount64", 16, 1, a, 0, 0, (uint64_t)__builtin_popcountll(a), 2);
		line("parity64", 16, 1, a, 0, 0, (uint64_t)__builtin_parityll(a), 2);
		line("bswap64", 16, 1, a, 0, 0, __builtin_bswap64(a), 16);
		line("bswap32", 8, 1, w, 0, 0, __builtin_bswap32(w), 8);
	}
}

/* Doubles as bit patterns: signed zeros, denormals (smallest, largest, in
   between), the normal range's edges, values that round, infinities, NaN. */
static const uint64_t doubles[] = {
	0x0000000000000000ull, 0x8000000000000000ull,	/* +0, -0 */
	0x0000000000000001ull, 0x000fffffffffffffull,	/* denormals */
	0x0000000000000003ull, 0x8000000000000001ull,
	0x0010000000000000ull, 0x0010000000000001ull,	/* DBL_MIN */
	0x3ff0000000000000ull, 0xbff0000000000000ull,	/* 1, -1 */
	0x3ff8000000000000ull, 0x4008000000000000ull,	/* 1.5, 3 */
	0x3fb999999999999aull, 0x3fd5555555555555ull,	/* 0.1, 1/3 */
	0x4340000000000000ull, 0x4330000000000001ull,	/* 2^53, 2^52+1 */
	0x41dfffffffc00000ull, 0xc1e0000000000000ull,	/* INT_MAX, INT_MIN */
	0x43dfffffffffffffull, 0x7fefffffffffffffull,	/* < 2^63, DBL_MAX */
	0xffefffffffffffffull, 0x7ff0000000000000ull,	/* -DBL_MAX, +inf */
	0xfff0000000000000ull, 0x7ff8000000000000ull,	/* -inf, NaN */
	0x3cb0000000000000ull, 0x3fefffffffffffffull,	/* 2^-52, 1-ulp */
};
#define NDOUBLES (sizeof(doubles) / sizeof(doubles[0]))

union dbits { double d; uint64_t u; };
union fbits { float f; uint32_t u; };

static int is_nan64(uint64_t u) { return (u & 0x7fffffffffffffffull) > 0x7ff0000000000000ull; }
static int is_nan32(uint32_t u) { return (u & 0x7fffffff) > 0x7f800000; }

/* NaN payloads and signs differ between x86 and MIPS (whose legacy quiet
   NaN is 0x7ff7ffff...): every NaN prints as "nan". */
static void dline(const char *op, int n, uint64_t a, uint64_t b, double r)
{
	union dbits x = { .d = r };
	line(op, 16, n, a, b, is_nan64(x.u) ? "nan" : 0, x.u, 16);
}

static void fline(const char *op, int n, uint64_t a, uint64_t b, float r)
{
	union fbits x = { .f = r };
	line(op, 8, n, a, b, is_nan32(x.u) ? "nan" : 0, x.u, 8);
}

static void float_cases(void)
{
	for (unsigned i = 0; i < NDOUBLES; i++) {
		union dbits a = { .u = doubles[i] };
		volatile double x = a.d;
		for (unsigned j = 0; j < NDOUBLES; j++) {
			union dbits b = { .u = doubles[j] };
			volatile double y = b.d;
			dline("dadd", 2, a.u, b.u, x + y);
			dline("dsub", 2, a.u, b.u, x - y);
			dline("dmul", 2, a.u, b.u, x * y);
			dline("ddiv", 2, a.u, b.u, x / y);
			line("dcmp", 16, 2, a.u, b.u, 0,
			     (uint64_t)((x == y) | (x < y) << 1 | (x <= y) << 2 |
					(x > y) << 3 | (x >= y) << 4 | (x != y) << 5 |
					__builtin_isunordered(x, y) << 6), 2);

			volatile float fx = (float)x, fy = (float)y;
			union fbits fa = { .f = fx }, fb = { .f = fy };
			/* Operands too: a NaN narrowed to float keeps its
			   platform's payload. */
			if (is_nan32(fa.u))
				fa.u = 0x7fc00000;
			if (is_nan32(fb.u))
				fb.u = 0x7fc00000;
			fline("fadd", 2, fa.u, fb.u, fx + fy);
			fline("fsub", 2, fa.u, fb.u, fx - fy);
			fline("fmul", 2, fa.u, fb.u, fx * fy);
			fline("fdiv", 2, fa.u, fb.u, fx / fy);
		}
		fline("d2f", 1, a.u, 0, (float)x);
		volatile float f = (float)x;
		dline("f2d", 1, a.u, 0, (double)f);
		dline("dneg", 1, a.u, 0, -x);
		/* Float-to-integer conversions only where C defines them. */
		if (x > -2147483649.0 && x < 2147483648.0)
			line("d2i", 16, 1, a.u, 0, 0, (uint32_t)(int32_t)x, 8);
		if (x > -1.0 && x < 4294967296.0)
			line("d2u", 16, 1, a.u, 0, 0, (uint32_t)x, 8);
		if (x > -9223372036854775809.0 && x < 9223372036854775808.0)
			line("d2ll", 16, 1, a.u, 0, 0, (uint64_t)(int64_t)x, 16);
		if (x > -1.0 && x < 18446744073709551616.0)
			line("d2ull", 16, 1, a.u, 0, 0, (uint64_t)x, 16);
	}
	for (unsigned i = 0; i < NINTS; i++) {
		volatile uint64_t v = ints[i];
		volatile uint32_t w = (uint32_t)v;
		dline("ll2d", 1, v, 0, (double)(int64_t)v);
		dline("ull2d", 1, v, 0, (double)v);
		dline("i2d", 1, w, 0, (double)(int32_t)w);
		dline("u2d", 1, w, 0, (double)w);
		fline("ll2f", 1, v, 0, (float)(int64_t)v);
		fline("ull2f", 1, v, 0, (float)v);
		fline("i2f", 1, w, 0, (float)(int32_t)w);
	}
}

void libgcc_cases(emit_fn emit)
{
	out = emit;
	integer_cases();
	float_cases();
}
