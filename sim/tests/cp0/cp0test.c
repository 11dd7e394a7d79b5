/*
 * cp0test.c - in-guest checks of what only an R3000 does: load and branch
 * delay slots, the KU/IE stack and rfe, the R3000 TLB (64 entries, Random
 * 63..8, UTLB vector, Context), user mode, the isolated and swapped caches,
 * and the Reserved Instruction / Coprocessor Unusable exceptions for
 * everything after MIPS I. Output is TAP (tools/run-guest judges it).
 *
 * Every check names the rule it applies:
 *   [R3K x]  MIPS R3000 RISC Processor User's Manual (IDT/LSI), chapter x;
 *   [K&H x]  Kane & Heinrich, "MIPS RISC Architecture" (1992), chapter x
 *            (A = appendix A, the instruction descriptions).
 *
 * Emulator deviations. The checks are written to the R3000's rules. When
 * the PROM argument "emu=gxemul" is present (cp0.mk passes it to the
 * GXemul suite only, with -o), the checks given a GX_* reason below (the
 * ones GXemul 0.7.0 was seen to get wrong; list in README.md) are reported
 * as "ok N - ... # SKIP GXemul deviation: ...". Nothing else is skipped,
 * and nothing is ever skipped on pmaxsim.
 */
#include "../../../rt/rt.h"
#include "../../../rt/mips.h"
#include "../../../rt/prom.h"
#include "../../../rt/tap.h"

/* Cache sizes the probe must report, per PROM system type: the only place
   these numbers live. 64 KB I + 64 KB D on the 5000/200 (KN02, GXemul),
   the 5000/125 (KN02-BA) and the 5000/240 (KN03) (HARDWARE.md: "widely
   cited", UNCONFIRMED; pmaxsim models 64 + 64). */
static const struct {
	uint32_t systype;
	uint32_t icache, dcache;
} cache_sizes[] = {
	{ SYSTYPE_KN02, 64 * 1024, 64 * 1024 },
	{ SYSTYPE_KN02BA, 64 * 1024, 64 * 1024 },
	{ SYSTYPE_KN03, 64 * 1024, 64 * 1024 },
};

/* GXemul deviations (research/emulators.md 1.7, 1.9, and this suite's own
   runs under GXemul 0.7.0 -e 3max). */
#define GX_LOADDELAY	"no load delay slot (the slot sees the new value)"
#define GX_RANDOM	"Random steps only on tlbwr, not every cycle"
#define GX_NOCACHE	"no cache model (isolated stores go to a scratch array)"
#define GX_EXECUTES	"executes this post-MIPS-I instruction instead of RI"
#define GX_REGMASK	"mtc0 does not clear this register's unimplemented bits"
#define GX_RFE		"rfe clears KUo/IEo instead of leaving them unchanged"
#define GX_SWINT	"software interrupts (Cause.IP1..0) are never delivered"
#define GX_USERCU0	"user-mode mfc0 runs although CU0 is clear"
#define GX_TRAP		"implements teq (Trap, ExcCode 13) instead of RI"
#define GX_USERK0	"user-mode loads/fetches from kseg0 are not stopped"

/* ---- cp0asm.S ---- */
extern uint32_t cp0_utlb_stub[], cp0_gen_stub[], cp0_stub_end[];
extern volatile uint32_t exc_vec, exc_cause, exc_epc, exc_badvaddr, exc_status,
	exc_context, exc_entryhi, exc_utlb_count, exc_gen_count, exc_count,
	exc_armed, exc_resume, utlb_fill_lo;
extern char stack_syscall_at[], usr_code[], usr_code_end[];
void tlb_write(uint32_t index, uint32_t hi, uint32_t lo);
void tlb_write_random(uint32_t hi, uint32_t lo);
void tlb_read(uint32_t index, uint32_t out[2]);
uint32_t tlb_probe(uint32_t hi);
void ld_delay(volatile uint32_t *p, uint32_t old, uint32_t out[2]);
void mfc0_delay(uint32_t old, uint32_t out[2]);
void ld_overwrite(volatile uint32_t *p, uint32_t out[2]);
void ld_delay_rt(volatile uint32_t *p, uint32_t old, uint32_t out[2]);
void ld_delay_br(volatile uint32_t *p, uint32_t old, uint32_t out[2]);
uint32_t lwr_lwl(const void *p, uint32_t junk);
uint32_t lw_lwl(const uint32_t *p, const void *q, uint32_t junk);
uint32_t br_taken(void), br_nottaken(void);
void link_test(uint32_t out[6]);
uint32_t bd_exc(const void *odd, int nottaken);
uint32_t stack_syscall(uint32_t low6);
uint32_t rfe_test(uint32_t low6);
void swint_test(void);
void random_pair(uint32_t out[2]);
void iso_sw_lw(volatile uint32_t *p, uint32_t val, uint32_t out[2]);
void iso_sb_lw(volatile uint32_t *p, uint32_t out[2]);
uint32_t cache_probe(uint32_t flags);
uint32_t user_run(uint32_t va, uint32_t a0);
void cp0_bail(void) NORETURN;

/* EntryHi / EntryLo fields [R3K 4 "TLB entry format"]. */
#define EHI_ASID(a)	((uint32_t)(a) << 6)
#define ELO_N		0x800u
#define ELO_D		0x400u
#define ELO_V		0x200u
#define ELO_G		0x100u
#define INDEX_P		0x80000000u
#define SR_CM_BIT	0x00080000u
#define EXC_CODE(c)	(((c) & CAUSE_EXC_MASK) >> CAUSE_EXC_SHIFT)
#define CAUSE_CE(c)	(((c) >> CAUSE_CE_SHIFT) & 3)
#define VEC_IS_UTLB	0x00
#define VEC_IS_GEN	0x80

static int on_gxemul;

/* Physical pages for mappings: bss, page aligned, never executed. */
static uint32_t pages[6][1024] __attribute__((aligned(4096)));
#define PAGE_PA(i)	((uint32_t)pages[i] & KSEG_PHYS_MASK)
#define PAGE_K1(i)	((volatile uint32_t *)KSEG1(PAGE_PA(i)))


/* ---- TAP with documented GXemul skips ---- */

/* One check. gxdev: NULL, or the documented reason GXemul deviates from
   the R3000 here; under GXemul (only) such a check is reported as a SKIP. */
#define ck(cond, gxdev, ...)	tap_ok_dev((cond), on_gxemul, (gxdev), __VA_ARGS__)

/* ---- exception bookkeeping (handler in cp0asm.S) ---- */

static void exc_arm(void)
{
	exc_vec = 0xffffffffu;
	exc_cause = exc_epc = exc_badvaddr = exc_status = 0;
	exc_context = exc_entryhi = 0;
	exc_utlb_count = exc_gen_count = exc_count = 0;
	exc_resume = 0;
	utlb_fill_lo = 0;
	exc_armed = 1;
}

static void exc_disarm(void)
{
	exc_armed = 0;
	exc_resume = 0;
	utlb_fill_lo = 0;
}

static void exc_diag(void)
{
	kprintf("#   exceptions %u (utlb %u, general %u): vector 0x%x cause %08x "
		"(code %u, CE %u%s) epc %08x\n#   badvaddr %08x status %08x "
		"context %08x entryhi %08x\n",
		(unsigned)exc_count, (unsigned)exc_utlb_count,
		(unsigned)exc_gen_count, (unsigned)exc_vec, (unsigned)exc_cause,
		(unsigned)EXC_CODE(exc_cause), (unsigned)CAUSE_CE(exc_cause),
		(exc_cause & CAUSE_BD) ? ", BD" : "", (unsigned)exc_epc,
		(unsigned)exc_badvaddr, (unsigned)exc_status,
		(unsigned)exc_context, (unsigned)exc_entryhi);
}

/* Exactly one exception, through the general vector, with this code. */
static int one_gen(unsigned code)
{
	return exc_count == 1 && exc_gen_count == 1 && exc_utlb_count == 0 &&
	       exc_vec == VEC_IS_GEN && EXC_CODE(exc_cause) == code;
}

/* Exactly one exception, through the UTLB vector, with this code. */
static int one_utlb(unsigned code)
{
	return exc_count == 1 && exc_utlb_count == 1 && exc_gen_count == 0 &&
	       exc_vec == VEC_IS_UTLB && EXC_CODE(exc_cause) == code;
}

void cp0_bail(void)
{
	kprintf("Bail out! unexpected exception\n");
	exc_diag();
	halt();
}

/* Call position-independent code through its kseg1 (uncached) alias. */
#define UNCACHED(fn)	((__typeof__(&fn))(uintptr_t)KSEG1((uint32_t)(uintptr_t)&fn & KSEG_PHYS_MASK))

static void set_asid(unsigned asid)
{
	mtc0(C0_ENTRYHI, EHI_ASID(asid));
}

/* Every entry invalid, each with a distinct kseg0 VPN (never looked up:
   kseg0 is unmapped), so no two entries can ever match together. */
static void tlb_clear(void)
{
	for (uint32_t i = 0; i < 64; i++)
		tlb_write(i, 0x80000000u + (i << 12), 0);
}

static void install_vectors(void)
{
	volatile uint32_t *utlb = (volatile uint32_t *)KSEG1(VEC_UTLB & KSEG_PHYS_MASK);
	volatile uint32_t *gen = (volatile uint32_t *)KSEG1(VEC_GENERAL & KSEG_PHYS_MASK);
	unsigned n = (unsigned)(cp0_gen_stub - cp0_utlb_stub);

	for (unsigned i = 0; i < n; i++) {
		utlb[i] = cp0_utlb_stub[i];
		gen[i] = cp0_gen_stub[i];
	}
	/* rt's vectors were there before: drop any I-cache copy. */
	icache_inval(VEC_UTLB, 0x100);
	mtc0(C0_STATUS, 0);	/* kernel, interrupts off, BEV = 0, CU = 0 */
}

/* ---- CP0 registers ---- */

static void test_regs(void)
{
	uint32_t prid = mfc0(C0_PRID), s0, s1, s2, c0, c1, c2, v;

	/* [R3K 6 "PRId": Imp 2 = R3000 (R2000 = 1); Rev varies] */
	ck(((prid >> 8) & 0xff) == 2, NULL, "PRId.Imp = 2: an R3000-class CPU (PRId %08x)",
	   (unsigned)prid);

	/* [R3K 6 "Status": BEV (bit 22) selects the bootstrap vectors at
	   0xbfc00100/0xbfc00180 when set, 0x80000000/0x80000080 when clear;
	   software sets and clears it] */
	s0 = mfc0(C0_STATUS);
	mtc0(C0_STATUS, s0 | SR_BEV);
	s1 = mfc0(C0_STATUS);
	mtc0(C0_STATUS, s0 & ~SR_BEV);
	s2 = mfc0(C0_STATUS);
	if (!ck((s1 & SR_BEV) && !(s2 & SR_BEV), NULL, "Status.BEV can be set and cleared"))
		kprintf("#   set %08x cleared %08x\n", (unsigned)s1, (unsigned)s2);

	/* [R3K 6 "Cause": only IP1..IP0 (bits 9..8, software interrupts)
	   are writable; ExcCode keeps the last exception; bits 27..16, 7,
	   1..0 read 0] */
	c0 = mfc0(C0_CAUSE);
	mtc0(C0_CAUSE, 0xffffffffu);
	c1 = mfc0(C0_CAUSE);
	mtc0(C0_CAUSE, 0);
	c2 = mfc0(C0_CAUSE);
	if (!ck((c1 & 0x300) == 0x300 && (c2 & 0x300) == 0 &&
		EXC_CODE(c1) == EXC_CODE(c0) && (c1 & 0x0fff0083) == 0, NULL,
		"Cause: IP1..0 writable, ExcCode and reserved bits are not"))
		kprintf("#   before %08x after ~0 %08x after 0 %08x\n",
			(unsigned)c0, (unsigned)c1, (unsigned)c2);

	/* [R3K 4 "EntryHi": VPN 31..12, ASID 11..6, bits 5..0 read 0] */
	mtc0(C0_ENTRYHI, 0xffffffffu);
	v = mfc0(C0_ENTRYHI);
	set_asid(0);
	if (!ck(v == 0xffffffc0u, NULL, "EntryHi implements VPN|ASID only (0xffffffff reads 0xffffffc0)"))
		kprintf("#   got %08x\n", (unsigned)v);

	/* [R3K 4 "EntryLo": PFN 31..12, N D V G 11..8, bits 7..0 read 0] */
	mtc0(C0_ENTRYLO, 0xffffffffu);
	v = mfc0(C0_ENTRYLO);
	if (!ck(v == 0xffffff00u, NULL, "EntryLo implements PFN|N|D|V|G only (0xffffffff reads 0xffffff00)"))
		kprintf("#   got %08x\n", (unsigned)v);

	/* [R3K 4 "Index": P bit 31, Index 13..8 (64 entries), rest 0] */
	mtc0(C0_INDEX, 0x7fffffffu);
	v = mfc0(C0_INDEX);
	if (!ck(v == 0x00003f00u, GX_REGMASK, "Index implements bits 13..8 (0x7fffffff reads 0x3f00)"))
		kprintf("#   got %08x\n", (unsigned)v);

	/* [R3K 4 "Context": PTEBase 31..21 written by software, BadVPN
	   20..2 set by hardware, bits 1..0 read 0] */
	mtc0(C0_CONTEXT, 0xffffffffu);
	v = mfc0(C0_CONTEXT);
	if (!ck((v & 0xffe00003u) == 0xffe00000u, GX_REGMASK, "Context: PTEBase (31..21) writable, bits 1..0 read 0"))
		kprintf("#   got %08x\n", (unsigned)v);
	mtc0(C0_CONTEXT, 0);
}

/* ---- Random (run before any tlbwr) ---- */

static void test_random(void)
{
	uint64_t seen = 0;
	unsigned bad = 0, distinct = 0, i;
	uint32_t r, badval = 0, pair[2];
	int d;

	for (i = 0; i < 300; i++) {
		r = mfc0(C0_RANDOM);
		if ((r & ~0x3f00u) || ((r >> 8) & 63) < 8) {
			bad++;
			badval = r;
		}
		seen |= 1ull << ((r >> 8) & 63);
		for (volatile unsigned k = 0; k < i % 11; k++)
			;
	}
	for (i = 0; i < 64; i++)
		distinct += (seen >> i) & 1;
	/* [R3K 4 "Random": a 6-bit index in bits 13..8 that counts down
	   from 63 to 8 and wraps (entries 0..7 are never chosen); reads as
	   0 elsewhere] */
	if (!ck(bad == 0, GX_RANDOM " (it reads 0 before the first tlbwr)",
		"Random always reads 8..63 in bits 13..8, 0 elsewhere"))
		kprintf("#   %u bad reads, e.g. %08x\n", bad, (unsigned)badval);
	/* [R3K 4 "Random": decremented on every clock cycle] */
	if (!ck(distinct >= 8, GX_RANDOM,
		"Random changes by itself: 300 reads spaced by 0..10 loops see >= 8 values"))
		kprintf("#   %u distinct values\n", distinct);
	random_pair(pair);
	random_pair(pair);		/* second run: code is in the I-cache */
	d = (int)((pair[0] >> 8) & 63) - (int)((pair[1] >> 8) & 63);
	if (d < 0)
		d += 56;		/* wrap from 8 back to 63 */
	if (!ck(d >= 1 && d <= 3, GX_RANDOM,
		"Random decrements: two back-to-back mfc0 differ by 1..3 (mod 56)"))
		kprintf("#   read %u then %u\n", (unsigned)((pair[0] >> 8) & 63),
			(unsigned)((pair[1] >> 8) & 63));
}

/* ---- load delay slot ---- */

/* LWL/LWR as the R3000 manual defines them for a little-endian CPU
   [K&H A "LWL", "LWR"]: k = address & 3, w = the aligned word. */
static uint32_t lwl_model(uint32_t reg, uint32_t w, unsigned k)
{
	unsigned sh = 8 * (3 - k);
	return k == 3 ? w : (w << sh) | (reg & ((1u << sh) - 1));
}

static void test_load_delay(void)
{
	static volatile uint32_t w[2] = { 0x11112222u, 0x33334444u };
	static uint8_t bytes[12] __attribute__((aligned(4))) = {
		0x10, 0x21, 0x32, 0x43, 0x54, 0x65, 0x76, 0x87, 0x98, 0xa9, 0xba, 0xcb
	};
	static const uint32_t aw = 0xa1b2c3d4u;
	uint32_t out[2], got, want;
	int ok;

	/* [R3K 2 / K&H 1 "load delay slot": the instruction after a load
	   must not use its target; on the R3000 (no interlock) it reads the
	   register's previous contents] */
	ld_delay(w, 0x0badbeefu, out);
	if (!ck(out[0] == 0x0badbeefu, GX_LOADDELAY,
		"lw t0; addu t1,t0,0 in the delay slot reads the OLD t0"))
		kprintf("#   slot read %08x (old 0badbeef, new %08x)\n", (unsigned)out[0], (unsigned)w[0]);
	if (!ck(out[1] == w[0], NULL, "the instruction after the load delay slot reads the loaded value"))
		kprintf("#   got %08x\n", (unsigned)out[1]);

	/* The same three times over, the slot reading t0 as rs, as rt, and
	   after a load in a branch delay slot: pmaxsim runs code it has run
	   before from decoded lines (its fast path), where a load whose next
	   instruction reads nothing it loads lands at once. */
	static void (*const delay_fns[3])(volatile uint32_t *, uint32_t, uint32_t *) = {
		ld_delay, ld_delay_rt, ld_delay_br,
	};
	static const char *const delay_names[3] = { "rs", "rt", "rs after a branch" };
	for (unsigned f = 0; f < 3; f++) {
		ok = 1;
		for (unsigned pass = 0; pass < 3; pass++) {
			uint32_t old = 0x0badbe00u + pass;
			delay_fns[f](w, old, out);
			uint32_t want0 = f == 1 ? 0u - old : old;
			uint32_t want1 = f == 1 ? 0u - w[0] : w[0];
			if (out[0] != want0 || out[1] != want1) {
				ok = 0;
				kprintf("#   pass %u: slot read %08x, then %08x (want %08x, %08x)\n",
					pass, (unsigned)out[0], (unsigned)out[1],
					(unsigned)want0, (unsigned)want1);
			}
		}
		ck(ok, GX_LOADDELAY, "lw t0 three times (code run before too): the delay slot reads "
		   "the OLD t0 as %s, the next the loaded one", delay_names[f]);
	}

	/* [R3K 6 / K&H A "MFC0": like a load, the result is not available
	   to the next instruction (one delay slot)] */
	mtc0(C0_ENTRYHI, 0x00abc000u | EHI_ASID(7));
	mfc0_delay(0x12345678u, out);
	set_asid(0);
	if (!ck(out[0] == 0x12345678u, GX_LOADDELAY,
		"mfc0 t0,EntryHi; the next instruction reads the OLD t0"))
		kprintf("#   slot read %08x\n", (unsigned)out[0]);
	if (!ck(out[1] == (0x00abc000u | EHI_ASID(7)), NULL,
		"the instruction after the mfc0 delay slot reads EntryHi"))
		kprintf("#   got %08x\n", (unsigned)out[1]);

	/* [K&H A "LWL"/"LWR", R3K 2: rt is bypassed so that LWL/LWR right
	   after a load of the same rt merges with the loaded value; no nop
	   is needed between the lwr/lwl pair] */
	ok = 1;
	for (unsigned off = 1; off <= 3; off++) {
		got = lwr_lwl(bytes + off, 0xdeadbeefu);
		want = bytes[off] | bytes[off + 1] << 8 | bytes[off + 2] << 16 |
		       (uint32_t)bytes[off + 3] << 24;
		if (got != want) {
			ok = 0;
			kprintf("#   offset %u: got %08x want %08x\n", off, (unsigned)got, (unsigned)want);
		}
	}
	ck(ok, NULL, "lwr/lwl back to back into one register load unaligned words (offsets 1..3)");
	got = lw_lwl(&aw, bytes + 4, 0xdeadbeefu);
	want = lwl_model(aw, *(const uint32_t *)(bytes + 4), 1);
	if (!ck(got == want, NULL, "lwl right after lw of the same register merges with the loaded word"))
		kprintf("#   got %08x want %08x\n", (unsigned)got, (unsigned)want);

	/* [R3K 2 pipeline: every instruction writes its result in its own
	   WB stage, in program order, so an instruction in the delay slot
	   that writes the load's target writes after the load: its value
	   wins] */
	for (unsigned pass = 0; pass < 3; pass++) {	/* cold, then decoded */
		ld_overwrite(w, out);
		if (!ck(out[0] == 0x5a5a, NULL,
			"lw t0 then addiu t0 in its delay slot: the later write (addiu) wins (run %u)",
			pass + 1))
			kprintf("#   got %08x\n", (unsigned)out[0]);
		if (!ck(out[1] == w[1], NULL,
			"lw t1 then lw t1 in its delay slot: the later load wins (run %u)", pass + 1))
			kprintf("#   got %08x\n", (unsigned)out[1]);
	}
}

/* ---- branch delay slot ---- */

static void test_branch(void)
{
	static uint32_t word[2];
	const char *odd = (const char *)word + 1;
	uint32_t l[6], br, v;

	/* [R3K 2 / K&H 1 "branch delay slot": the instruction after a
	   branch always executes, taken or not (MIPS I has no likely
	   branches)] */
	v = br_taken();
	if (!ck(v == 1, NULL, "taken beq: delay slot executes, the next instruction does not"))
		kprintf("#   got %x\n", (unsigned)v);
	v = br_nottaken();
	if (!ck(v == 0x11, NULL, "untaken bne: delay slot executes, then falls through"))
		kprintf("#   got %x\n", (unsigned)v);

	/* [K&H A "JAL", "JALR", "BLTZAL": the link register gets the
	   address of the instruction after the delay slot (branch + 8);
	   BLTZAL links whether or not it branches] */
	link_test(l);
	if (!ck(l[1] == l[0] + 8, NULL, "jal links its address + 8"))
		kprintf("#   jal at %08x, ra %08x\n", (unsigned)l[0], (unsigned)l[1]);
	if (!ck(l[3] == l[2] + 8, NULL, "jalr t9,t1 links its address + 8 in t9"))
		kprintf("#   jalr at %08x, t9 %08x\n", (unsigned)l[2], (unsigned)l[3]);
	if (!ck(l[5] == l[4] + 8, NULL, "bltzal links its address + 8 even when not taken"))
		kprintf("#   bltzal at %08x, ra %08x\n", (unsigned)l[4], (unsigned)l[5]);

	/* [R3K 3 "EPC", "Cause.BD": an exception in a branch delay slot
	   sets BD and EPC points at the branch, so that the branch is
	   re-executed] */
	for (int nottaken = 0; nottaken <= 1; nottaken++) {
		exc_arm();
		br = bd_exc(odd, nottaken);
		exc_disarm();
		if (!ck(one_gen(EXC_ADEL) && (exc_cause & CAUSE_BD) && exc_epc == br &&
			exc_badvaddr == (uint32_t)odd, NULL,
			"AdEL in the delay slot of a%s branch: Cause.BD set, EPC = the branch",
			nottaken ? "n untaken" : " taken")) {
			kprintf("#   branch at %08x\n", (unsigned)br);
			exc_diag();
		}
	}
}

/* ---- exceptions and the KU/IE stack ---- */

static void test_exc(void)
{
	uint32_t after;

	/* Status[5:0] = KUo IEo KUp IEp KUc IEc = 0 0 1 0 0 1 (KUp is only
	   history here: we stay in kernel mode). */
	exc_arm();
	after = stack_syscall(SR_KUP | SR_IEC);
	exc_disarm();
	/* [R3K 3: syscall -> ExcCode 8 (Sys) through the general vector
	   0x80000080 (BEV = 0), EPC = the syscall, BD clear] */
	if (!ck(one_gen(EXC_SYS) && exc_epc == (uint32_t)stack_syscall_at &&
		!(exc_cause & CAUSE_BD), NULL,
		"syscall: ExcCode 8 via 0x80000080, EPC = the syscall, BD clear")) {
		kprintf("#   syscall at %08x\n", (unsigned)(uint32_t)stack_syscall_at);
		exc_diag();
	}
	/* [R3K 6 "Status" KU/IE stack: on an exception KUo/IEo <- KUp/IEp,
	   KUp/IEp <- KUc/IEc, KUc/IEc <- 0]: 001001 -> 100100 */
	if (!ck((exc_status & 0x3f) == 0x24, NULL,
		"exception pushes the KU/IE stack (Status[5:0] 0x09 -> 0x24)"))
		kprintf("#   Status in the handler %08x\n", (unsigned)exc_status);
	/* [R3K 6 / K&H A "RFE": KUc/IEc <- KUp/IEp, KUp/IEp <- KUo/IEo,
	   KUo/IEo unchanged]: 100100 -> 101001 */
	if (!ck((after & 0x3f) == 0x29, GX_RFE,
		"rfe in the handler's jr delay slot pops it (0x24 -> 0x29)"))
		kprintf("#   Status after return %08x\n", (unsigned)after);
	/* The same rule with the old level set: 110000 -> 111100. */
	after = rfe_test(SR_KUO | SR_IEO);
	if (!ck((after & 0x3f) == 0x3c, GX_RFE, "rfe copies old to previous and keeps old (0x30 -> 0x3c)"))
		kprintf("#   got %08x\n", (unsigned)after);

	/* [R3K 3 "Cause.IP", 6 "Status.IM": setting Cause.IP0 with IM0 and
	   IEc set raises an Int exception (ExcCode 0), IP0 shown in Cause] */
	exc_arm();
	swint_test();
	exc_disarm();
	if (!ck(one_gen(EXC_INT) && (exc_cause & 0x100), GX_SWINT,
		"software interrupt: Cause.IP0 with IM0|IEc -> Int (ExcCode 0)"))
		exc_diag();
}

/* ---- TLB ---- */

#define LOAD(va)	(*(volatile uint32_t *)(uintptr_t)(va))
#define STORE(va, v)	(*(volatile uint32_t *)(uintptr_t)(va) = (v))

static void test_tlb(void)
{
	uint32_t hi[64], lo[64], e[2], idx, v, va, bad;
	const uint32_t ptebase = 0xc0000000u;

	/* [R3K 4: 64 entries, written by tlbwi at Index, read by tlbr into
	   EntryHi/EntryLo] */
	bad = 0;
	for (uint32_t i = 0; i < 64; i++) {
		hi[i] = ((0x20000u + i * 0x101u) << 12) | EHI_ASID(63 - i);
		lo[i] = (((0x5a5a5u ^ (i * 0x777u)) & 0xfffffu) << 12) | ((i & 15) << 8);
		tlb_write(i, hi[i], lo[i]);
	}
	for (uint32_t i = 0; i < 64; i++) {
		tlb_read(i, e);
		if (e[0] != hi[i] || e[1] != lo[i]) {
			if (!bad)
				kprintf("#   entry %u: read %08x %08x, wrote %08x %08x\n",
					(unsigned)i, (unsigned)e[0], (unsigned)e[1],
					(unsigned)hi[i], (unsigned)lo[i]);
			bad++;
		}
	}
	ck(bad == 0, NULL, "64 TLB entries written by tlbwi read back by tlbr");
	/* [R3K 4 TLB entry format: only VPN|ASID and PFN|N|D|V|G exist] */
	tlb_write(63, 0xffffffffu, 0xffffffffu);
	tlb_read(63, e);
	if (!ck(e[0] == 0xffffffc0u && e[1] == 0xffffff00u, NULL,
		"tlbr of an all-ones entry: unimplemented bits read 0"))
		kprintf("#   read %08x %08x\n", (unsigned)e[0], (unsigned)e[1]);
	tlb_clear();

	/* [R3K 4 "tlbp": a match loads Index with the entry (P = 0); no
	   match sets P (bit 31). A match needs VPN and (ASID or G)] */
	/* In wired slots (0..7), which the later tlbwr refills cannot take. */
	tlb_write(6, 0x00400000u | EHI_ASID(5), PAGE_PA(1) | ELO_D | ELO_V);
	tlb_write(7, 0x00500000u | EHI_ASID(1), PAGE_PA(1) | ELO_D | ELO_V | ELO_G);
	idx = tlb_probe(0x00400000u | EHI_ASID(5));
	if (!ck(idx == (6u << 8), NULL, "tlbp hit: Index = 6 << 8, P clear"))
		kprintf("#   Index %08x\n", (unsigned)idx);
	idx = tlb_probe(0x00400000u | EHI_ASID(6));
	if (!ck(idx & INDEX_P, NULL, "tlbp with another ASID misses: Index.P set"))
		kprintf("#   Index %08x\n", (unsigned)idx);
	idx = tlb_probe(0x00500000u | EHI_ASID(9));
	if (!ck(idx == (7u << 8), NULL, "tlbp matches a G entry under any ASID"))
		kprintf("#   Index %08x\n", (unsigned)idx);

	/* [R3K 4: a mapped kuseg access uses PFN | offset] */
	set_asid(5);
	exc_arm();
	STORE(0x00400010u, 0xcafe0001u);
	exc_disarm();
	v = ((volatile uint32_t *)pages[1])[4];
	if (!ck(exc_count == 0 && v == 0xcafe0001u, NULL,
		"store through a TLB mapping (ASID 5) lands at PFN|offset")) {
		kprintf("#   kseg0 view %08x\n", (unsigned)v);
		exc_diag();
	}

	/* [R3K 4/3: a kuseg reference that matches no entry (here: wrong
	   ASID) is a UTLB miss, vectored to 0x80000000, ExcCode TLBL] */
	set_asid(6);
	mtc0(C0_CONTEXT, ptebase);
	exc_arm();
	(void)LOAD(0x00400010u);
	exc_disarm();
	if (!ck(one_utlb(EXC_TLBL) && exc_badvaddr == 0x00400010u, NULL,
		"ASID 6 does not match the ASID 5 entry: UTLB miss via 0x80000000 (TLBL)"))
		exc_diag();

	va = 0x7fabc124u;
	exc_arm();
	(void)LOAD(va);
	exc_disarm();
	if (!ck(one_utlb(EXC_TLBL) && exc_badvaddr == va, NULL,
		"kuseg load miss: UTLB vector, ExcCode 2, BadVAddr = the address"))
		exc_diag();
	/* [R3K 4 "Context": BadVPN (bits 20..2) <- VA bits 30..12 on a TLB
	   miss; PTEBase is kept] */
	if (!ck(exc_context == (ptebase | ((va >> 12) & 0x7ffffu) << 2), NULL,
		"Context after the miss = PTEBase | VA[30:12] << 2"))
		kprintf("#   Context %08x want %08x\n", (unsigned)exc_context,
			(unsigned)(ptebase | ((va >> 12) & 0x7ffffu) << 2));
	/* [R3K 4 "EntryHi": on a TLB exception VPN <- the failing VPN; the
	   ASID is not changed] */
	if (!ck(exc_entryhi == ((va & 0xfffff000u) | EHI_ASID(6)), NULL,
		"EntryHi after the miss = the failing VPN, ASID kept"))
		kprintf("#   EntryHi %08x\n", (unsigned)exc_entryhi);

	exc_arm();
	STORE(0x00410008u, 1);
	exc_disarm();
	if (!ck(one_utlb(EXC_TLBS) && exc_badvaddr == 0x00410008u, NULL,
		"kuseg store miss: UTLB vector, ExcCode 3 (TLBS)"))
		exc_diag();

	/* [R3K 4 "UTLB miss handler": refill from the handler with tlbwr and
	   return to EPC; the access is retried and succeeds] */
	set_asid(9);
	exc_arm();
	utlb_fill_lo = PAGE_PA(2) | ELO_D | ELO_V;
	STORE(0x00900020u, 0x600d600du);
	STORE(0x00900024u, 0x600d600eu);
	exc_disarm();
	v = ((volatile uint32_t *)pages[2])[8];
	if (!ck(exc_utlb_count == 1 && exc_count == 0 && v == 0x600d600du &&
		((volatile uint32_t *)pages[2])[9] == 0x600d600eu, NULL,
		"UTLB refill with tlbwr: the store is retried and the page stays mapped")) {
		kprintf("#   kseg0 view %08x\n", (unsigned)v);
		exc_diag();
	}
	/* [R3K 4 "Random"/"tlbwr": tlbwr writes the entry Random selects,
	   always 8..63] */
	idx = tlb_probe(0x00900000u | EHI_ASID(9));
	if (!ck(!(idx & INDEX_P) && ((idx >> 8) & 63) >= 8, NULL,
		"the refilled entry (tlbwr) sits in 8..63"))
		kprintf("#   Index %08x\n", (unsigned)idx);

	/* [R3K 4 "G": a global entry ignores the ASID] */
	exc_arm();
	v = LOAD(0x00500010u);
	exc_disarm();
	if (!ck(exc_count == 0 && v == 0xcafe0001u, NULL,
		"G entry (ASID 1) translates under ASID 9"))
		exc_diag();

	/* [R3K 4 "V": a matching entry with V = 0 raises TLBL/TLBS through
	   the general vector, not the UTLB vector] */
	tlb_write(19, 0x00600000u | EHI_ASID(9), PAGE_PA(3) | ELO_D);
	exc_arm();
	(void)LOAD(0x00600008u);
	exc_disarm();
	if (!ck(one_gen(EXC_TLBL) && exc_badvaddr == 0x00600008u, NULL,
		"load from an entry with V = 0: TLBL via the general vector"))
		exc_diag();
	exc_arm();
	STORE(0x00600008u, 2);
	exc_disarm();
	if (!ck(one_gen(EXC_TLBS) && exc_badvaddr == 0x00600008u, NULL,
		"store to an entry with V = 0: TLBS via the general vector"))
		exc_diag();

	/* [R3K 4 "D": a store to a valid entry with D = 0 raises Mod
	   (ExcCode 1); loads are allowed; BadVAddr and EntryHi are set] */
	tlb_write(20, 0x00700000u | EHI_ASID(9), PAGE_PA(3) | ELO_V);
	((volatile uint32_t *)pages[3])[3] = 0x1177u;
	exc_arm();
	v = LOAD(0x0070000cu);
	STORE(0x0070000cu, 0x2288u);
	exc_disarm();
	if (!ck(v == 0x1177u && one_gen(EXC_MOD) && exc_badvaddr == 0x0070000cu &&
		exc_entryhi == (0x00700000u | EHI_ASID(9)) &&
		((volatile uint32_t *)pages[3])[3] == 0x1177u, NULL,
		"store to a D = 0 page: Mod (ExcCode 1), load allowed, memory unchanged")) {
		kprintf("#   load %08x\n", (unsigned)v);
		exc_diag();
	}

	/* [R3K 4/3: a kseg2 miss goes to the general vector (only kuseg
	   misses use the UTLB vector)] */
	exc_arm();
	(void)LOAD(0xc0001000u);
	exc_disarm();
	if (!ck(one_gen(EXC_TLBL) && exc_badvaddr == 0xc0001000u &&
		exc_context == (ptebase | (0x40001u << 2)), NULL,
		"kseg2 miss: TLBL via the general vector, Context.BadVPN set"))
		exc_diag();
	set_asid(0);
	mtc0(C0_CONTEXT, 0);

	/* [R3K 4 "Random": tlbwr never selects entries 0..7] */
	tlb_clear();
	for (uint32_t i = 0; i < 8; i++)
		tlb_write(i, ((0x7f000u + i) << 12) | EHI_ASID(3), (i + 1) << 12);
	for (uint32_t j = 0; j < 300; j++) {
		tlb_write_random(((0x10000u + j) << 12) | EHI_ASID(3), 0);
		for (volatile uint32_t k = 0; k < j % 7; k++)
			;
	}
	bad = 0;
	for (uint32_t i = 0; i < 8; i++) {
		tlb_read(i, e);
		if (e[0] != (((0x7f000u + i) << 12) | EHI_ASID(3)) || e[1] != (i + 1) << 12)
			bad++;
	}
	ck(bad == 0, NULL, "300 tlbwr leave entries 0..7 intact (%u changed)", (unsigned)bad);
	v = 0;
	for (uint32_t i = 8; i < 64; i++) {
		tlb_read(i, e);
		if ((e[0] >> 12) >= 0x10000u && (e[0] >> 12) < 0x10000u + 300)
			v++;
	}
	idx = tlb_probe(((0x10000u + 299) << 12) | EHI_ASID(3));
	if (!ck(v >= 28 && !(idx & INDEX_P) && ((idx >> 8) & 63) >= 8, NULL,
		"tlbwr spreads over 8..63 (%u of 56 entries written)", (unsigned)v))
		kprintf("#   last write at Index %08x\n", (unsigned)idx);
	tlb_clear();
}

/* ---- user mode ---- */

static void test_user(void)
{
	const uint32_t uva = 0x00400000u;
	uint32_t n = (uint32_t)(usr_code_end - usr_code) / 4, v;
	volatile uint32_t *dst = PAGE_K1(0);
	uint32_t target = (uint32_t)(uintptr_t)&br_taken;

	for (uint32_t i = 0; i < n; i++)
		dst[i] = ((uint32_t *)usr_code)[i];
	tlb_write(8, uva | EHI_ASID(1), PAGE_PA(0) | ELO_D | ELO_V);
	set_asid(1);

	/* [R3K 6 "Status"/K&H A "RFE": rfe with KUp = 1 makes KUc = 1: the
	   CPU runs in user mode; syscall there -> ExcCode 8, EPC] */
	exc_arm();
	v = user_run(uva + 0x00, 0);
	exc_disarm();
	if (!ck(v == 0x1234 && one_gen(EXC_SYS) && exc_epc == uva + 4, NULL,
		"rfe to user mode runs user code up to its syscall (ExcCode 8, EPC)")) {
		kprintf("#   user v0 %x\n", (unsigned)v);
		exc_diag();
	}
	/* [R3K 6 KU/IE stack: the exception from user mode pushes KUc = 1
	   into KUp: Status[5:0] 000010 -> 001000] */
	if (!ck((exc_status & 0x3f) == 0x08, NULL,
		"exception from user mode: KUp = 1, KUc = 0 in the handler"))
		kprintf("#   Status %08x\n", (unsigned)exc_status);

	/* [R3K 4 "kseg0/kseg1": addresses with bit 31 set are kernel-only;
	   a user reference raises AdEL/AdES with BadVAddr] */
	exc_arm();
	user_run(uva + 0x10, 0x80030000u);
	exc_disarm();
	if (!ck(one_gen(EXC_ADEL) && exc_badvaddr == 0x80030000u && exc_epc == uva + 0x10, GX_USERK0,
		"user load from kseg0: AdEL, BadVAddr, EPC"))
		exc_diag();
	exc_arm();
	user_run(uva + 0x20, (uint32_t)(uintptr_t)PAGE_K1(4));
	exc_disarm();
	if (!ck(one_gen(EXC_ADES) && exc_badvaddr == (uint32_t)(uintptr_t)PAGE_K1(4) &&
		exc_epc == uva + 0x20, NULL, "user store to kseg1: AdES, BadVAddr, EPC"))
		exc_diag();
	/* (Not run under GXemul: it would run kernel code in user mode and
	   crash the suite.) */
	exc_arm();
	if (!on_gxemul)
		user_run(uva + 0x50, target);
	exc_disarm();
	if (!ck(one_gen(EXC_ADEL) && exc_badvaddr == target && exc_epc == target, GX_USERK0,
		"user jump into kseg0: AdEL on the fetch, EPC = BadVAddr = target"))
		exc_diag();

	/* [R3K 6 "CU0": CP0 is usable in kernel mode always, in user mode
	   only with CU0 set; otherwise CpU with Cause.CE = 0] */
	exc_arm();
	user_run(uva + 0x30, 0);
	exc_disarm();
	if (!ck(one_gen(EXC_CPU) && CAUSE_CE(exc_cause) == 0 && exc_epc == uva + 0x30, GX_USERCU0,
		"user mfc0 with CU0 clear: CpU, CE = 0"))
		exc_diag();
	exc_arm();
	user_run(uva + 0x40, 0);
	exc_disarm();
	if (!ck(one_gen(EXC_CPU) && CAUSE_CE(exc_cause) == 0 && exc_epc == uva + 0x40, NULL,
		"user rfe with CU0 clear: CpU, CE = 0"))
		exc_diag();

	set_asid(0);
	tlb_clear();
}

/* ---- caches ---- */

static uint32_t expected_cache(int icache)
{
	uint32_t t = SYSTYPE(prom_getsysid());
	for (unsigned i = 0; i < ARRAY_SIZE(cache_sizes); i++)
		if (cache_sizes[i].systype == t)
			return icache ? cache_sizes[i].icache : cache_sizes[i].dcache;
	return 0;
}

/* Where to put the two-word function of the I-cache check: in one of the
   pages, at a cache index (address mod 64 KB, the largest I-cache size we
   expect) that no kernel text shares, so that nothing the test executes
   between two calls can evict its lines (both caches are direct-mapped). */
extern char _ftext[], _etext[];
static volatile uint32_t *icode_place(void)
{
	uint32_t t0 = (uint32_t)(uintptr_t)_ftext & 0xffffu;
	uint32_t t1 = t0 + ((uint32_t)(_etext - _ftext) + 15);
	for (unsigned i = 0; i < ARRAY_SIZE(pages); i++)
		for (uint32_t off = 0x800; off < 0x1000; off += 0x100) {
			uint32_t ix = ((uint32_t)(uintptr_t)pages[i] + off) & 0xffffu;
			if ((ix + 8 <= t0 || ix >= t1) && (ix + 0x10000 >= t1 || ix + 0x10000 + 8 <= t0))
				return (volatile uint32_t *)pages[i] + off / 4;
		}
	return (volatile uint32_t *)pages[1] + 0x800 / 4;
}

static void test_cache(void)
{
	volatile uint32_t *p = (volatile uint32_t *)pages[5];	/* kseg0 */
	volatile uint32_t *p1 = PAGE_K1(5);			/* same, kseg1 */
	const uint32_t W = 0x0badf00du, X = 0xfeedfaceu;
	uint32_t out[2], m, v, got, want;

	uint32_t out2[2], v2;

	/* All the D-cache steps first, the reports after, so that no
	   unrelated data reference can evict the line in between. */
	p[0] = W;		/* write-through: memory and cache hold W */
	(void)p[0];
	iso_sw_lw(p, X, out);
	m = p1[0];
	v = p[0];
	iso_sb_lw(p, out2);
	v2 = p[0];

	/* [R3K 5 "IsC": with the D-cache isolated, loads and stores go to
	   the cache only; a word store writes data and tag (valid)] */
	if (!ck(m == W, NULL, "a store with Status.IsC set does not reach memory"))
		kprintf("#   memory %08x\n", (unsigned)m);
	if (!ck(out[0] == X && !(out[1] & SR_CM_BIT), NULL,
		"an isolated load returns the cached word, Status.CM clear (hit)"))
		kprintf("#   load %08x Status %08x\n", (unsigned)out[0], (unsigned)out[1]);
	if (!ck(v == X, GX_NOCACHE,
		"after IsC is cleared a kseg0 load hits the line the isolated store wrote"))
		kprintf("#   kseg0 load %08x (memory %08x)\n", (unsigned)v, (unsigned)W);
	/* [R3K 5: a partial-word store with IsC set invalidates the line;
	   an isolated load that misses sets Status.CM] */
	if (!ck((out2[1] & SR_CM_BIT) && v2 == W, GX_NOCACHE,
		"isolated sb invalidates the line: CM set on the next isolated load, kseg0 refills from memory"))
		kprintf("#   Status %08x kseg0 load %08x\n", (unsigned)out2[1], (unsigned)v2);

	/* [R3K 5 "SwC": with IsC|SwC the I-cache answers data references,
	   so partial-word stores invalidate I-cache lines; the I-cache is
	   not coherent with stores (code written through kseg1 is not seen
	   by the I-cache until its line is invalidated)] */
	volatile uint32_t *code0 = icode_place();
	volatile uint32_t *code1 = (volatile uint32_t *)KSEG1((uint32_t)(uintptr_t)code0 & KSEG_PHYS_MASK);
	uint32_t (*code)(void) = (uint32_t (*)(void))(uintptr_t)code0;
	code1[0] = 0x03e00008u;		/* jr ra */
	code1[1] = 0x24020001u;		/* addiu v0, zero, 1 */
	got = code();
	if (!ck(got == 1, NULL, "code written through kseg1 runs through kseg0"))
		kprintf("#   returned %u\n", (unsigned)got);
	code1[1] = 0x24020002u;		/* addiu v0, zero, 2 */
	got = code();
	if (!ck(got == 1, GX_NOCACHE,
		"rewritten through kseg1 without a flush: the I-cache still runs the old code"))
		kprintf("#   returned %u\n", (unsigned)got);
	icache_inval((uint32_t)(uintptr_t)code0, 8);
	got = code();
	if (!ck(got == 2, NULL, "after the IsC|SwC partial-store invalidation the new code runs"))
		kprintf("#   returned %u\n", (unsigned)got);

	/* [Linux c-r3k.c r3k_cache_size, NetBSD mips_config_cache_prehistoric:
	   isolated stores wrap at the cache size] */
	got = UNCACHED(cache_probe)(SR_ISC);
	want = expected_cache(0);
	if (!ck(got == want, GX_NOCACHE, "D-cache size probe (IsC) finds %u KB", (unsigned)(want >> 10)))
		kprintf("#   probe found %u bytes\n", (unsigned)got);
	got = UNCACHED(cache_probe)(SR_ISC | SR_SWC);
	want = expected_cache(1);
	if (!ck(got == want, GX_NOCACHE, "I-cache size probe (IsC|SwC) finds %u KB", (unsigned)(want >> 10)))
		kprintf("#   probe found %u bytes\n", (unsigned)got);
}

/* ---- reserved instructions and unusable coprocessors ---- */

static uint32_t raw_code[4] __attribute__((aligned(16)));
static uint32_t raw_scratch[4];

/* Run one instruction word from kseg1 (so no I-cache line is stale and
   make lint never sees it), with a0 = a scratch word; the handler skips
   it (EPC + 4). Returns its address. */
static uint32_t run_raw(uint32_t insn)
{
	volatile uint32_t *u = (volatile uint32_t *)KSEG1((uint32_t)(uintptr_t)raw_code & KSEG_PHYS_MASK);

	u[0] = insn;
	u[1] = 0;		/* nop (a beql's slot) */
	u[2] = 0x03e00008u;	/* jr ra */
	u[3] = 0;		/* nop */
	exc_arm();
	((void (*)(uint32_t *))(uintptr_t)u)(raw_scratch);
	exc_disarm();
	return (uint32_t)(uintptr_t)u;
}

static void test_ri(void)
{
	/* [R3K 3 "RI": any opcode the R3000 does not define raises Reserved
	   Instruction (ExcCode 10); K&H A opcode maps: the MIPS I R3000 has
	   no SPECIAL2/SPECIAL3, no traps, no likely branches, no 64-bit or
	   doubleword-coprocessor loads/stores, no sync/cache/ll/sc] */
	static const struct {
		uint32_t insn;
		const char *name;
		const char *gxdev;
	} ri[] = {
		{ 0xc0880000u, "ll t0,0(a0) (opcode 060: LWC0, no CP0 loads on the R3000)", NULL },
		{ 0xe0880000u, "sc t0,0(a0) (opcode 070: SWC0)", NULL },
		{ 0x0000000fu, "sync (SPECIAL 017)", GX_EXECUTES },
		{ 0x00000034u, "teq zero,zero (SPECIAL 064)", GX_TRAP },
		{ 0x00000036u, "tne zero,zero (SPECIAL 066)", GX_EXECUTES },
		{ 0x040c0000u, "teqi zero,0 (REGIMM 014)", NULL },
		{ 0x0000400bu, "movn t0,zero,zero (SPECIAL 013)", GX_EXECUTES },
		{ 0x712a4002u, "mul t0,t1,t2 (SPECIAL2)", NULL },
		{ 0x71284020u, "clz t0,t1 (SPECIAL2)", NULL },
		{ 0x7c094420u, "seb t0,t1 (SPECIAL3)", NULL },
		{ 0x50000001u, "beql zero,zero,+1 (opcode 024)", GX_EXECUTES },
		{ 0xd4800000u, "ldc1 f0,0(a0) (opcode 065)", NULL },
		{ 0xf4800000u, "sdc1 f0,0(a0) (opcode 075)", NULL },
		{ 0xbc800000u, "cache 0,0(a0) (opcode 057)", GX_EXECUTES },
		{ 0x9c880000u, "lwu t0,0(a0) (opcode 047)", GX_EXECUTES },
		{ 0x0000402du, "daddu t0,zero,zero (SPECIAL 055)", NULL },
	};
	/* [R3K 6 "CU1..CU3", 3 "CpU": a coprocessor instruction with its CU
	   bit clear raises CpU (ExcCode 11) with Cause.CE = the unit] */
	static const struct {
		uint32_t insn;
		unsigned ce;
		const char *name;
	} cpu[] = {
		{ 0x44080000u, 1, "mfc1 t0,f0" },
		{ 0xc4800000u, 1, "lwc1 f0,0(a0)" },
		{ 0x46000000u, 1, "add.s f0,f0,f0" },
		{ 0x48080000u, 2, "mfc2 t0,$0" },
	};
	uint32_t at;

	for (unsigned i = 0; i < ARRAY_SIZE(ri); i++) {
		at = run_raw(ri[i].insn);
		if (!ck(one_gen(EXC_RI) && exc_epc == at, ri[i].gxdev,
			"%s raises RI", ri[i].name))
			exc_diag();
	}
	mtc0(C0_STATUS, mfc0(C0_STATUS) & ~(SR_CU1 | 0xc0000000u));
	for (unsigned i = 0; i < ARRAY_SIZE(cpu); i++) {
		at = run_raw(cpu[i].insn);
		if (!ck(one_gen(EXC_CPU) && CAUSE_CE(exc_cause) == cpu[i].ce && exc_epc == at,
			NULL, "%s with CU%u clear raises CpU, CE = %u", cpu[i].name,
			cpu[i].ce, cpu[i].ce))
			exc_diag();
	}
}

void kmain(void)
{
	for (int i = 0; i < boot_args.argc; i++) {
		const char *a = boot_args.argv ? boot_args.argv[i] : NULL;
		kprintf("# argv[%d] = \"%s\"\n", i, a ? a : "(null)");
	}
	on_gxemul = boot_has_arg("emu=gxemul");
	kprintf("# cp0test: R3000 CP0, TLB, cache and pipeline checks%s\n",
		on_gxemul ? " (GXemul: documented deviations are skipped)" : "");

	install_vectors();
	tlb_clear();

	test_regs();
	test_random();
	test_load_delay();
	test_branch();
	test_exc();
	test_tlb();
	test_user();
	test_cache();
	test_ri();

	/* [R3K 6 "TS": set when two TLB entries match at once (the TLB then
	   shuts down); the tests never make duplicates] */
	ck(!(mfc0(C0_STATUS) & SR_TS), NULL, "Status.TS clear at the end (no TLB shutdown)");
	if (tap_skipped())
		kprintf("# %d GXemul deviations skipped\n", tap_skipped());
	tap_done();
}
