/*
 * isarand.c - the driver of the random-program differential test
 * (isarand-run): runs each generated program (isagen.py, linked in as
 * isarand_progs) from a register file and data area filled from the
 * program's number, then prints what it left: r1..r31, HI, LO (r1 and r31,
 * which hold code addresses, as offsets from the program's entry, the
 * same on both sides), whether an overflow trap was taken, and the data
 * area. Linked with sim/tests/isa/linux.c (qemu-mipsel, the reference) and
 * with sim/tests/isa/bare.c (pmaxsim); isarand-run compares the two.
 */
#include "../isa/isa.h"

#define NREGS	34	/* r0..r31, HI (32), LO (33) */
#define DATA	256	/* bytes; r30 points at it */

extern const u32 isarand_nprogs;
extern const u32 isarand_progs[];	/* entry, seed; entry, seed; ... */
void isarand_call(u32 entry);		/* isarand_tramp.S */
u32 isarand_regs[NREGS];
u32 isarand_data[DATA / 4] __attribute__((aligned(8)));

static u32 lcg;
static u32 rnd(void)
{
	lcg = lcg * 1664525u + 1013904223u;	/* Numerical Recipes' LCG */
	return lcg ^ (lcg >> 16);
}

/* Values that take instructions to their edges, and random ones. */
static u32 value(void)
{
	static const u32 edge[] = {
		0, 1, 2, 0x7fffffff, 0x80000000, 0xffffffff, 0xfffffffe, 0x0000ffff,
		0x00008000, 0xffff8000, 0x00007fff, 0x80000001, 31, 32, 0x7ffffffe, 3,
	};
	u32 r = rnd();
	return (r & 3) == 0 ? edge[(r >> 2) & 15] : rnd();
}

static char hex[] = "0123456789abcdef";
static void put_hex(char *p, u32 v)
{
	for (int i = 7; i >= 0; i--, v >>= 4)
		p[i] = hex[v & 15];
}

static void put_line(const char *tag, u32 n, const u32 *w, int count)
{
	char line[16 + 9 * 17];
	int len = 0;
	line[len++] = tag[0];
	char num[12];
	int k = 0;
	do
		num[k++] = (char)('0' + n % 10);
	while ((n /= 10) != 0);
	while (k)
		line[len++] = num[--k];
	for (int i = 0; i < count; i++) {
		line[len++] = ' ';
		put_hex(line + len, w[i]);
		len += 8;
	}
	line[len] = 0;
	plat_puts(line);
}

void isa_main(void)
{
	for (u32 p = 0; p < isarand_nprogs; p++) {
		u32 entry = isarand_progs[2 * p];
		lcg = isarand_progs[2 * p + 1] * 2654435761u + 12345;
		for (int i = 0; i < NREGS; i++)
			isarand_regs[i] = value();
		isarand_regs[0] = 0;
		isarand_regs[1] = isarand_regs[31] = entry;
		isarand_regs[30] = (u32)isarand_data;
		for (int i = 0; i < DATA / 4; i++)
			isarand_data[i] = value();
		trap_arm();
		isarand_call(entry);
		int trapped = trap_disarm();
		isarand_regs[0] = (u32)trapped;		/* r0 is 0: report the trap there */
		isarand_regs[1] -= entry;
		isarand_regs[31] -= entry;
		isarand_regs[30] -= (u32)isarand_data;
		/* k0, k1: bare metal's exception vector (an overflow trap) uses
		   them, Linux's signal delivery does not; programs never read them. */
		isarand_regs[26] = isarand_regs[27] = 0;
		isarand_regs[29] = 0;	/* sp: the caller's, not the program's */
		put_line("r", p, isarand_regs, 17);
		put_line("s", p, isarand_regs + 17, NREGS - 17);
		for (int i = 0; i < DATA / 4; i += 16)
			put_line("d", p, isarand_data + i, 16);
	}
	plat_puts("isarand-done");
}
