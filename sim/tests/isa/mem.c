/*
 * mem.c - loads and stores: lb lbu lh lhu lw (sign and zero extension,
 * positive and negative offsets), sb sh sw, and the unaligned pairs lwl
 * lwr swl swr at every byte alignment 0..3 (little-endian), alone and as
 * the unaligned word sequences. Every load is followed by a nop.
 */
#include "isa.h"

static u32 src[4] __attribute__((aligned(16))) = {
	0x54e37281, 0x188705f6, 0xc3b2a190, 0x7f80ff01,
};
static u32 dst[4] __attribute__((aligned(16)));
static const unsigned char *srcb = (const unsigned char *)src;

#define LOAD(op, off) do {						\
	u32 r_;								\
	__asm__ __volatile__(".set push\n.set noreorder\n"		\
		#op " %0, %2(%1)\n\tnop\n.set pop"			\
		: "=r"(r_) : "r"(src), "i"(off), "m"(src));		\
	pr(#op " +%d = %x", (s32)(off), r_);				\
} while (0)

/* Same, through a base pointing past the data and a negative offset. */
#define LOADNEG(op, off) do {						\
	u32 r_;								\
	__asm__ __volatile__(".set push\n.set noreorder\n"		\
		#op " %0, %2(%1)\n\tnop\n.set pop"			\
		: "=r"(r_) : "r"((const char *)src + 16), "i"((off) - 16), "m"(src)); \
	pr(#op " end%d = %x", (s32)((off) - 16), r_);			\
} while (0)

static void loads(void)
{
	LOAD(lb, 0); LOAD(lb, 1); LOAD(lb, 2); LOAD(lb, 3); LOAD(lb, 7);
	LOAD(lb, 12); LOAD(lb, 13); LOAD(lb, 14); LOAD(lb, 15);
	LOAD(lbu, 0); LOAD(lbu, 1); LOAD(lbu, 2); LOAD(lbu, 3); LOAD(lbu, 7);
	LOAD(lbu, 12); LOAD(lbu, 13); LOAD(lbu, 14); LOAD(lbu, 15);
	LOAD(lh, 0); LOAD(lh, 2); LOAD(lh, 4); LOAD(lh, 6); LOAD(lh, 12); LOAD(lh, 14);
	LOAD(lhu, 0); LOAD(lhu, 2); LOAD(lhu, 4); LOAD(lhu, 6); LOAD(lhu, 12); LOAD(lhu, 14);
	LOAD(lw, 0); LOAD(lw, 4); LOAD(lw, 8); LOAD(lw, 12);
	LOADNEG(lb, 15); LOADNEG(lbu, 1); LOADNEG(lh, 6); LOADNEG(lhu, 10);
	LOADNEG(lw, 4); LOADNEG(lw, 0);
}

static void clear_dst(u32 fill)
{
	for (unsigned i = 0; i < 4; i++)
		dst[i] = fill;
}

#define STORE(op, off, val) do {					\
	clear_dst(0x11111111);						\
	__asm__ __volatile__(#op " %0, %1(%2)"				\
		: : "r"((u32)(val)), "i"(off), "r"(dst) : "memory");	\
	pr(#op " %x +%d = %x %x", (u32)(val), (s32)(off), dst[0], dst[1]); \
} while (0)

static void stores(void)
{
	STORE(sb, 0, 0xaabbccdd); STORE(sb, 1, 0xaabbccdd); STORE(sb, 2, 0xaabbcc80);
	STORE(sb, 3, 0xaabbccdd); STORE(sb, 5, 0x0000007f);
	STORE(sh, 0, 0xaabbccdd); STORE(sh, 2, 0xaabb8001); STORE(sh, 6, 0x12345678);
	STORE(sw, 0, 0xaabbccdd); STORE(sw, 4, 0x80000001);
	/* a store of $zero */
	clear_dst(0xffffffff);
	__asm__ __volatile__("sw $0, 4(%0)\n\tsh $0, 0(%0)\n\tsb $0, 3(%0)"
		: : "r"(dst) : "memory");
	pr("sw/sh/sb $0 = %x %x", dst[0], dst[1]);
	/* a byte store seen by a word load, and a word store by byte loads */
	u32 w, b0, b3;
	clear_dst(0);
	__asm__ __volatile__(".set push\n.set noreorder\n"
		"sb %3, 2(%4)\n\tlw %0, 0(%4)\n\tnop\n\t"
		"sw %3, 4(%4)\n\tlbu %1, 4(%4)\n\tnop\n\tlb %2, 7(%4)\n\tnop\n"
		".set pop"
		: "=&r"(w), "=&r"(b0), "=&r"(b3) : "r"(0x89abcdefu), "r"(dst) : "memory");
	pr("sb;lw sw;lbu;lb %x = %x %x %x", 0x89abcdefu, w, b0, b3);
}

/* lwl/lwr merge into the register's old value. */
#define LWX(op, off) do {						\
	u32 r_ = 0xa1b2c3d4;						\
	__asm__ __volatile__(".set push\n.set noreorder\n"		\
		#op " %0, %2(%1)\n\tnop\n.set pop"			\
		: "+r"(r_) : "r"(src), "i"(off), "m"(src));		\
	pr(#op " a1b2c3d4 +%d = %x", (s32)(off), r_);			\
} while (0)

#define SWX(op, off) do {						\
	dst[0] = 0xaaaaaaaa; dst[1] = 0xbbbbbbbb; dst[2] = 0xcccccccc;	\
	__asm__ __volatile__(#op " %0, %1(%2)"				\
		: : "r"(0x11223344u), "i"(off), "r"(dst) : "memory");	\
	pr(#op " 11223344 +%d = %x %x %x", (s32)(off), dst[0], dst[1], dst[2]); \
} while (0)

/* The unaligned word at byte offset off: lwr at off, lwl at off+3. */
#define ULW(off) do {							\
	u32 r_ = 0xdeadbeef;						\
	__asm__ __volatile__(".set push\n.set noreorder\n"		\
		"lwr %0, %2(%1)\n\tnop\n\tlwl %0, %2+3(%1)\n\tnop\n.set pop" \
		: "+r"(r_) : "r"(src), "i"(off), "m"(src));		\
	pr("lwr;lwl +%d = %x", (s32)(off), r_);				\
} while (0)

#define USW(off) do {							\
	dst[0] = 0xaaaaaaaa; dst[1] = 0xbbbbbbbb; dst[2] = 0xcccccccc;	\
	__asm__ __volatile__("swr %0, %1(%2)\n\tswl %0, %1+3(%2)"	\
		: : "r"(0x8899aabbu), "i"(off), "r"(dst) : "memory");	\
	pr("swr;swl 8899aabb +%d = %x %x %x", (s32)(off), dst[0], dst[1], dst[2]); \
} while (0)

static void unaligned(void)
{
	LWX(lwl, 0); LWX(lwl, 1); LWX(lwl, 2); LWX(lwl, 3); LWX(lwl, 6);
	LWX(lwr, 0); LWX(lwr, 1); LWX(lwr, 2); LWX(lwr, 3); LWX(lwr, 5);
	SWX(swl, 0); SWX(swl, 1); SWX(swl, 2); SWX(swl, 3); SWX(swl, 7);
	SWX(swr, 0); SWX(swr, 1); SWX(swr, 2); SWX(swr, 3); SWX(swr, 4);
	ULW(0); ULW(1); ULW(2); ULW(3); ULW(5);
	USW(0); USW(1); USW(2); USW(3); USW(6);
	/* The R3000 forwards lwl/lwr to each other: the sequence gas's ulw
	   macro emits (lwl then lwr into the same register, no nop between)
	   is architecturally defined and kernels use it. */
	u32 r = 0;
	__asm__ __volatile__(".set push\n.set noreorder\n"
		"lwl %0, 4(%1)\n\tlwr %0, 1(%1)\n\tnop\n.set pop"
		: "+r"(r) : "r"(src), "m"(src));
	pr("lwl;lwr back-to-back +1 = %x", r);
	(void)srcb;
}

void isa_main(void)
{
	loads();
	stores();
	unaligned();
}
