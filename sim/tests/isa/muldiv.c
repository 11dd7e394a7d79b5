/*
 * muldiv.c - mult multu div divu mfhi mflo mthi mtlo. Division by zero
 * leaves HI/LO unpredictable on MIPS: only "no trap" is checked for it.
 * Each asm block starts and ends with two nops so no mfhi/mflo (ours or
 * the compiler's) is within two instructions of a mult/div/mthi/mtlo.
 */
#include "isa.h"

#define MD(op, zero)								\
static void op##_md(u32 a, u32 b, u32 *hi, u32 *lo)			\
{									\
	u32 h, l;							\
	__asm__ __volatile__(".set push\n.set noreorder\n"		\
		"nop\n\tnop\n\t"					\
		#op " " zero "%2, %3\n\t"					\
		"mflo %1\n\tmfhi %0\n\tnop\n\tnop\n"			\
		".set pop"						\
		: "=&r"(h), "=&r"(l) : "r"(a), "r"(b) : "hi", "lo");	\
	*hi = h;							\
	*lo = l;							\
}
/* "div $0, rs, rt" is the machine instruction; gas expands two-operand
   div into a checked sequence. */
MD(mult, "") MD(multu, "") MD(div, "$0, ") MD(divu, "$0, ")

static const u32 mvals[] = {
	0x00000000, 0x00000001, 0xffffffff, 0x7fffffff, 0x80000000,
	0x12345678, 0x9abcdef0, 0x0000ffff, 0x00010000, 0xfffffffe,
};

static void multiply(void)
{
	u32 hi, lo;
	for (unsigned i = 0; i < ARRAY_LEN(mvals); i++)
		for (unsigned j = i; j < ARRAY_LEN(mvals); j += 2) {
			mult_md(mvals[i], mvals[j], &hi, &lo);
			pr("mult %x %x = %x %x", mvals[i], mvals[j], hi, lo);
			multu_md(mvals[i], mvals[j], &hi, &lo);
			pr("multu %x %x = %x %x", mvals[i], mvals[j], hi, lo);
		}
}

static void divide(void)
{
	static const u32 p[][2] = {
		{ 7, 2 }, { (u32)-7, 2 }, { 7, (u32)-2 }, { (u32)-7, (u32)-2 },
		{ 0x80000000, 0xffffffff }, { 0x80000000, 1 }, { 0x80000000, 2 },
		{ 0x7fffffff, 0x80000000 }, { 0xffffffff, 1 }, { 0xffffffff, 0xffffffff },
		{ 0x12345678, 0x00001234 }, { 0x9abcdef0, 0x00000007 }, { 0, 5 },
		{ 5, 0x7fffffff }, { 0xfffffff9, 0x00000003 },
	};
	u32 hi, lo;
	for (unsigned i = 0; i < ARRAY_LEN(p); i++) {
		div_md(p[i][0], p[i][1], &hi, &lo);
		pr("div %x %x = %x %x", p[i][0], p[i][1], hi, lo);
		divu_md(p[i][0], p[i][1], &hi, &lo);
		pr("divu %x %x = %x %x", p[i][0], p[i][1], hi, lo);
	}
	/* By zero: no trap; HI and LO are unpredictable and not printed. */
	static const u32 z[] = { 0, 1, 0x80000000, 0xffffffff };
	for (unsigned i = 0; i < ARRAY_LEN(z); i++) {
		trap_arm();
		div_md(z[i], 0, &hi, &lo);
		pr("div %x 00000000 = trap %d", z[i], trap_disarm());
		trap_arm();
		divu_md(z[i], 0, &hi, &lo);
		pr("divu %x 00000000 = trap %d", z[i], trap_disarm());
	}
}

static void move_hilo(void)
{
	static const u32 p[][2] = {
		{ 0x12345678, 0x9abcdef0 }, { 0, 0xffffffff }, { 0x80000000, 1 },
	};
	for (unsigned i = 0; i < ARRAY_LEN(p); i++) {
		u32 h, l;
		__asm__ __volatile__(".set push\n.set noreorder\n"
			"nop\n\tnop\n\t"
			"mthi %2\n\tmtlo %3\n\t"
			"mfhi %0\n\tmflo %1\n\tnop\n\tnop\n"
			".set pop"
			: "=&r"(h), "=&r"(l) : "r"(p[i][0]), "r"(p[i][1]) : "hi", "lo");
		pr("mthi/mtlo %x %x = %x %x", p[i][0], p[i][1], h, l);
	}
	/* mtlo after a multiply whose result was read keeps HI; mthi then
	   keeps LO. */
	u32 h1, l1, h2, l2;
	__asm__ __volatile__(".set push\n.set noreorder\n"
		"nop\n\tnop\n\t"
		"mult %4, %5\n\t"
		"mfhi %0\n\tmflo %1\n\tnop\n\tnop\n\t"
		"mtlo %6\n\tmfhi %2\n\tnop\n\tnop\n\t"
		"mthi %6\n\tmflo %3\n\tnop\n\tnop\n"
		".set pop"
		: "=&r"(h1), "=&r"(l1), "=&r"(h2), "=&r"(l2)
		: "r"(0x12345678u), "r"(0x87654321u), "r"(0x55aa55aau) : "hi", "lo");
	pr("mult/mtlo/mthi %x %x %x = %x %x %x %x", 0x12345678u, 0x87654321u,
	   0x55aa55aau, h1, l1, h2, l2);
	/* a second mult overwrites both */
	__asm__ __volatile__(".set push\n.set noreorder\n"
		"nop\n\tnop\n\t"
		"mthi %2\n\tmtlo %2\n\t"
		"multu %3, %3\n\t"
		"mfhi %0\n\tmflo %1\n\tnop\n\tnop\n"
		".set pop"
		: "=&r"(h1), "=&r"(l1) : "r"(0xdeadbeefu), "r"(0xffffffffu) : "hi", "lo");
	pr("mthi/mtlo/multu %x %x = %x %x", 0xdeadbeefu, 0xffffffffu, h1, l1);
}

void isa_main(void)
{
	multiply();
	divide();
	move_hilo();
}
