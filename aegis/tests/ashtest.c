/*
 * ashtest.c - the ASH tests of the kernel's test image: handlers
 * (tests/ash_handlers.S) downloaded with ash_load on behalf of an
 * environment and run with ash_run on crafted frames, as the receive
 * path will (no frames come from the wire yet). Two environments: the
 * owner, with pages of its own bound as a library OS would (a writable
 * buffer, a read-only page) beside its program's guaranteed mappings,
 * and a victim with a marked page of its own, in the TLB while the
 * owner's handlers run. Every refusal's reason is checked; every abort
 * must leave the victim, the kernel and the CP0 state as they were, and
 * the next handler must run. Also the run's costs (counter page).
 */
#include "../env.h"
#include "../exc.h"
#include "../kernel.h"
#include "../mem.h"
#include "../net/ash.h"
#include "../platform.h"
#include "../tlb.h"
#include "mips.h"
#include "selftest.h"
#include "tap.h"
#include "../archive.h"
#include <aegis/counter.h>
#include <aegis/net.h>
#include <aegis/syscall.h>

#define HANDLERS(X) \
	X(h_copy) X(h_ret1) X(h_ret0) X(h_send) X(h_send_arg) X(h_send_long) X(h_send_regs) \
	X(h_loop) X(h_load_arg) X(h_store_arg) X(h_store_frame) X(h_regs) \
	X(h_offsets) X(h_jumps) X(h_falloff) X(h_overflow) X(h_meas_load) \
	X(h_meas_alu) X(h_meas_loop) X(h_big) X(h_c) X(h_meas_load0) X(h_budget) X(h_send_many) \
	X(r_mtc0) X(r_mfc0) X(r_rfe) X(r_tlbwi) X(r_tlbwr) X(r_tlbp) X(r_tlbr) \
	X(r_syscall) X(r_jalr) X(r_jr) X(r_jal) X(r_bgezal) X(r_bout) X(r_bneg) \
	X(r_jout) X(r_at_read) X(r_at_write) X(r_k0) X(r_k1) X(r_gp_read) \
	X(r_gp_write) X(r_s8_read) X(r_s8_write) X(r_load_ds) X(r_store_ds) \
	X(r_break_ds) X(r_branch_ds) X(r_last) X(r_break2) X(r_cop1) X(r_lwc1) \
	X(r_special3) X(r_sync) X(r_long)
#define DECLARE(n) extern const uint32_t n[], n##_end[];
HANDLERS(DECLARE)
#define CODE(n)	n, (unsigned)(n##_end - n)

#define FID		7		/* the filter the tests bind */
#define FID_KEEP	8		/* one whose handler refusals must not touch */
#define BUF_VA		0x10000000u	/* the owner's writable page (SYS_tlbwr's way) */
#define RO_VA		0x10001000u	/* its read-only page */
#define UNMAPPED_VA	0x10002000u	/* nothing */
#define VICTIM_VA	0x20000000u	/* the victim's page; nothing of the owner's */
#define STACK_VA	(USER_TOP - USER_STACK_PAGES * PAGE_SIZE)	/* guaranteed */

static struct env *owner, *victim;
static uint32_t buf_ppn, ro_ppn, victim_ppn;
static uint8_t framepage[PAGE_SIZE] __attribute__((aligned(PAGE_SIZE)));
static volatile uint32_t canary = 0x5eed1e55u;

static uint8_t *page(uint32_t ppn)
{
	return (uint8_t *)KSEG0(ppn << PAGE_SHIFT);
}

static uint32_t sum_page(uint32_t ppn)
{
	uint32_t s = 0;
	const uint32_t *p = (const uint32_t *)page(ppn);
	for (unsigned i = 0; i < PAGE_SIZE / 4; i++)
		s = (s << 5 | s >> 27) ^ p[i];
	return s;
}

/* Everything the victim holds: its marked page and its program's pages. */
static uint32_t sum_victim(void)
{
	uint32_t s = sum_page(victim_ppn);
	for (int i = 0; i < victim->ngmap; i++)
		s ^= sum_page(victim->gmap[i].ppn) + (uint32_t)i;
	return s;
}

static void make_frame(unsigned len, unsigned seed)
{
	kmemset(framepage, 0, sizeof framepage);
	for (unsigned i = 0; i < len; i++)
		framepage[2 + i] = (uint8_t)(seed + i * 7 + (i >> 8));
}

/* The CP0 and routing state a run must leave as it found it. */
struct cpstate {
	uint32_t entryhi, status, slot_hi, slot_lo;
	struct xc *xc;
	void (*miss)(void);
};

static void cpstate_read(struct cpstate *c)
{
	c->entryhi = mfc0(C0_ENTRYHI);
	c->status = mfc0(C0_STATUS);
	mtc0(C0_INDEX, ASH_TLB_SLOT << TLB_INDEX_SHIFT);
	__asm__ __volatile__("tlbr\n\tnop");
	c->slot_hi = mfc0(C0_ENTRYHI);
	c->slot_lo = mfc0(C0_ENTRYLO);
	mtc0(C0_ENTRYHI, c->entryhi);
	c->xc = cur_xc;
	c->miss = stlb_miss_route;
}

/* Is the frame window in the TLB for the owner? */
static int window_mapped(void)
{
	uint32_t saved = mfc0(C0_ENTRYHI);
	mtc0(C0_ENTRYHI, AEGIS_ASH_FRAME_VA | (owner->entryhi & ENTRYHI_ASID_MASK));
	__asm__ __volatile__("tlbp\n\tnop");
	int found = !(mfc0(C0_INDEX) & TLB_INDEX_P);
	mtc0(C0_ENTRYHI, saved);
	return found;
}

static int state_checks;	/* runs whose state was checked, all good */
static int state_bad;

/* Load n words for FID and run them on the frame; -99 if refused. */
static int ash_try(const uint32_t *code, unsigned n, uint32_t arg, unsigned len, unsigned *why)
{
	char w[AEGIS_ASH_WHY_LEN];
	int r = ash_load(FID, code, n, arg, w);
	if (r != 0) {
		kprintf("# ash_load: %d %s\n", r, w);
		return -99;
	}
	struct cpstate a, b;
	cpstate_read(&a);
	*why = 0;
	r = ash_run(FID, owner, framepage + 2, len, why);
	cpstate_read(&b);
	if (a.entryhi != b.entryhi || a.status != b.status || a.slot_hi != b.slot_hi ||
	    a.slot_lo != b.slot_lo || a.xc != b.xc || a.miss != b.miss || window_mapped()) {
		kprintf("# state after a run: entryhi %08x/%08x status %08x/%08x slot %08x %08x/%08x %08x%s\n",
			(unsigned)a.entryhi, (unsigned)b.entryhi, (unsigned)a.status,
			(unsigned)b.status, (unsigned)a.slot_hi, (unsigned)a.slot_lo,
			(unsigned)b.slot_hi, (unsigned)b.slot_lo,
			window_mapped() ? " window mapped" : "");
		state_bad++;
	} else {
		state_checks++;
	}
	return r;
}

/* The recording send the tests put in net_send_kernel's place. */
static struct {
	unsigned n;
	int all_ok;		/* answer 0 to every call, not just the first */
	unsigned len[2];
	uint8_t data[2][AEGIS_NET_MTU_FRAME];
} rec;

static int rec_send(const void *frame, unsigned len)
{
	if (rec.n < 2) {
		rec.len[rec.n] = len;
		kmemcpy(rec.data[rec.n], frame, len);
	}
	return rec.n++ == 0 || rec.all_ok ? 0 : -AEGIS_EAGAIN;
}

static int kmemeq(const void *a, const void *b, unsigned n)
{
	const uint8_t *x = a, *y = b;
	for (unsigned i = 0; i < n; i++)
		if (x[i] != y[i])
			return 0;
	return 1;
}

static uint32_t rd32(uint32_t ppn, unsigned off)
{
	return *(volatile uint32_t *)(page(ppn) + off);
}

static void test_runs(void)
{
	unsigned why;
	int r;

	/* Integrated layer processing: copy and checksum in one pass. */
	static const unsigned lens[] = { 100, 1514, 60 };
	for (unsigned k = 0; k < ARRAY_SIZE(lens); k++) {
		unsigned len = lens[k];
		make_frame(len, k * 31 + 5);
		kmemset(page(buf_ppn), 0xee, PAGE_SIZE);
		r = ash_try(CODE(h_copy), BUF_VA, len, &why);
		uint32_t want = 0;
		for (unsigned i = 0; i < (len + 1) / 2; i++)
			want += framepage[2 + 2 * i] | (uint32_t)framepage[3 + 2 * i] << 8;
		tap_ok(r == 0 && kmemeq(page(buf_ppn), framepage + 2, len) &&
		       rd32(buf_ppn, 2048) == want,
		       "ash: a %u-byte frame copied into the owner's page and summed in one pass "
		       "(r %d, sum %08x want %08x)", len, r, (unsigned)rd32(buf_ppn, 2048),
		       (unsigned)want);
	}

	/* The same in C (ash_chandler.c, gcc's code as it comes). */
	make_frame(200, 77);
	kmemset(page(buf_ppn), 0xee, PAGE_SIZE);
	r = ash_try(CODE(h_c), BUF_VA, 200, &why);
	uint32_t csum = 0;
	for (unsigned i = 0; i < 200; i++)
		csum += framepage[2 + i];
	tap_ok(r == 0 && kmemeq(page(buf_ppn), framepage + 2, 200) && rd32(buf_ppn, 2048) == csum,
	       "ash: a handler written in C (gcc -ffixed-gp -ffixed-fp -fno-delayed-branch) "
	       "copies and sums a frame (r %d, %u words)", r, (unsigned)(h_c_end - h_c));

	make_frame(64, 1);
	r = ash_try(CODE(h_ret1), 0, 64, &why);
	tap_ok(r == 1, "ash: a handler returning 1 sends the frame on to the ring (%d)", r);
	r = ash_try(CODE(h_ret0), 0, 64, &why);
	tap_ok(r == 0, "ash: a handler returning 0 consumes it (%d)", r);
	tap_ok(ash_run(FID + 2, owner, framepage + 2, 64, &why) == 1 && !ash_bound(FID + 2),
	       "ash: a filter with no handler delivers to the ring");

	/* Registers: a0..a2 as the ABI says, nothing else of the kernel. */
	kmemset(page(buf_ppn), 0xee, 256);
	r = ash_try(CODE(h_regs), BUF_VA, 64, &why);
	int zero = 1;
	for (unsigned off = 0; off <= 96; off += 4)
		zero &= rd32(buf_ppn, off) == 0;
	tap_ok(r == 1 && zero && rd32(buf_ppn, 100) == AEGIS_ASH_FRAME_VA + 2 &&
	       rd32(buf_ppn, 104) == 64,
	       "ash: the handler starts with a0 = the frame, a1 = its length, and every "
	       "other register it may read 0 (no kernel or environment values)");

	/* Offsets, the frame window and j. */
	make_frame(64, 9);
	r = ash_try(CODE(h_offsets), BUF_VA, 64, &why);
	tap_ok(r == 1 && *(volatile uint16_t *)(page(buf_ppn) + 8) ==
	       (framepage[14] | framepage[15] << 8),
	       "ash: loads and stores with offsets (positive, negative) through the sandbox");
	/* The same handler on a frame the driver wrote through kseg1 while
	   the D-cache held the page's old bytes: the window is uncached, so
	   the handler sees the new ones. */
	make_frame(64, 40);
	volatile uint8_t *k0 = framepage;
	volatile uint8_t *k1 = (volatile uint8_t *)KSEG1((uint32_t)framepage & KSEG_PHYS_MASK);
	uint8_t old14 = k0[14], old15 = k0[15];	/* in the D-cache now */
	k1[14] = (uint8_t)(old14 ^ 0x5a);
	k1[15] = (uint8_t)(old15 ^ 0xa5);
	*(volatile uint16_t *)(page(buf_ppn) + 8) = 0;
	r = ash_run(FID, owner, (const uint8_t *)k1 + 2, 64, &why);
	tap_ok(r == 1 && *(volatile uint16_t *)(page(buf_ppn) + 8) ==
	       ((old14 ^ 0x5a) | (old15 ^ 0xa5) << 8) && !window_mapped(),
	       "ash: a frame given at a kseg1 address is read uncached, as the driver wrote it (%d)",
	       r);
	tap_ok(ash_run(FID, owner, framepage + 4, 64, &why) == 1 &&
	       ash_run(FID, owner, framepage + 2, PAGE_SIZE, &why) == 1,
	       "ash: a frame not at its page's start + 2, or longer than its page, is not run");

	*(volatile uint32_t *)page(buf_ppn) = 0;
	r = ash_try(CODE(h_jumps), BUF_VA, 64, &why);
	tap_ok(r == 1 && rd32(buf_ppn, 0) == 3, "ash: j forward and backward by word index (%d, %u)",
	       r, (unsigned)rd32(buf_ppn, 0));

	/* A guaranteed mapping not in the TLB or the STLB: Aegis refills it
	   during the run, as it would for the owner in user mode. */
	tlb_remove(STACK_VA | (owner->entryhi & ENTRYHI_ASID_MASK));
	r = ash_try(CODE(h_store_arg), STACK_VA + 12, 77, &why);
	uint32_t spa = env_translate(owner, STACK_VA + 12, 1);
	tap_ok(r == 0 && spa && *(volatile uint32_t *)KSEG0(spa) == 77,
	       "ash: a store to the owner's guaranteed page, refilled during the run (%d)", r);

	/* The owner's own binding at the window's page: the frame wins
	   during the run, the binding stays in the STLB. */
	uint32_t whi = AEGIS_ASH_FRAME_VA | (owner->entryhi & ENTRYHI_ASID_MASK);
	tlb_insert(whi, (buf_ppn << PAGE_SHIFT) | ELO_V | ELO_D);
	make_frame(64, 21);
	r = ash_try(CODE(h_offsets), BUF_VA, 64, &why);
	tap_ok(r == 1 && *(volatile uint16_t *)(page(buf_ppn) + 8) ==
	       (framepage[14] | framepage[15] << 8) && stlb[stlb_index(whi)].hi == whi,
	       "ash: an owner's own mapping at the window yields to the frame, and survives");
	tlb_remove(whi);

	/* The send call. */
	rec.n = 0;
	make_frame(98, 3);
	for (unsigned i = 0; i < 60; i++)
		page(buf_ppn)[i] = (uint8_t)(0xa0 + i);
	uint8_t sent2[60];
	kmemcpy(sent2, page(buf_ppn), 60);
	r = ash_try(CODE(h_send), BUF_VA, 98, &why);
	tap_ok(r == 0 && rec.n == 2 && rec.len[0] == 98 && kmemeq(rec.data[0], framepage + 2, 98) &&
	       rec.len[1] == 60 && kmemeq(rec.data[1], sent2, 60),
	       "ash: break 1 sends the frame window's bytes, then the owner's (%d, %u calls)",
	       r, rec.n);
	tap_ok(rd32(buf_ppn, 2048) == 0 && rd32(buf_ppn, 2052) == (uint32_t)-AEGIS_EAGAIN &&
	       rd32(buf_ppn, 2056) == BUF_VA,
	       "ash: each send's result comes back in v0, the handler's registers kept");
	rec.n = 0;
	r = ash_try(CODE(h_send_regs), BUF_VA, 64, &why);
	int kept = 1;
	for (unsigned i = 1; i <= 7; i++)
		kept &= rd32(buf_ppn, 2048 + 4 * i) == 0x11 * i;
	tap_ok(r == 0 && rec.n == 1 && kept && rd32(buf_ppn, 2048) == 0,
	       "ash: a send call keeps s1-s7 and clears v1, a0-a3, t0-t9, hi and lo (or-ed: 0x%x)",
	       (unsigned)rd32(buf_ppn, 2048));
	/* A frame across two pages (ash.c's send_pages gathers it). */
	rec.n = 0;
	uint8_t across[60];
	kmemcpy(across, page(buf_ppn) + PAGE_SIZE - 32, 32);
	kmemcpy(across + 32, page(ro_ppn), 28);
	r = ash_try(CODE(h_send_arg), BUF_VA + PAGE_SIZE - 32, 64, &why);
	tap_ok(r == 0 && rec.n == 1 && rec.len[0] == 60 && kmemeq(rec.data[0], across, 60),
	       "ash: a send of a frame across two of the owner's pages sends both parts (%d, %u calls)",
	       r, rec.n);
	rec.n = 0;
	r = ash_try(CODE(h_send_long), BUF_VA, 64, &why);
	tap_ok(r == 0 && rec.n == 0 && rd32(buf_ppn, 2048) == (uint32_t)-AEGIS_EINVAL,
	       "ash: a send longer than a frame is refused (-AEGIS_EINVAL), nothing sent");
	rec.n = 0;
	rec.all_ok = 1;
	r = ash_try(CODE(h_send_many), BUF_VA, 64, &why);
	rec.all_ok = 0;
	tap_ok(r == 0 && rec.n == 32 && rd32(buf_ppn, 2048) == 32,
	       "ash: 32 sends in one run, the rest answered -AEGIS_EAGAIN uncopied (%u sent, %u ok)",
	       rec.n, (unsigned)rd32(buf_ppn, 2048));
}

/* An abort: why, the victim and the kernel unchanged, the next run fine. */
static void expect_abort(const char *what, const uint32_t *code, unsigned n, uint32_t arg,
			 unsigned want_why, unsigned want_exc)
{
	uint32_t vsum = sum_victim(), rosum = sum_page(ro_ppn), can = canary;
	unsigned why;
	make_frame(64, 11);
	int r = ash_try(code, n, arg, 64, &why);
	unsigned exc = (ash_last_fault.cause & CAUSE_EXC_MASK) >> CAUSE_EXC_SHIFT;
	tap_ok(r == -1 && why == want_why && (want_exc == ~0u || exc == want_exc),
	       "ash: %s aborts the run (r %d, why %u, exception %u at %08x, badvaddr %08x)", what,
	       r, why, exc, (unsigned)ash_last_fault.epc, (unsigned)ash_last_fault.badvaddr);
	tap_ok(sum_victim() == vsum && sum_page(ro_ppn) == rosum && canary == can,
	       "ash: after %s the other environment, the read-only page and the kernel are unchanged",
	       what);
	r = ash_try(CODE(h_ret1), 0, 64, &why);
	tap_ok(r == 1, "ash: after %s the next handler runs (%d)", what, r);
}

static void test_aborts(void)
{
	expect_abort("an infinite loop", CODE(h_loop), 0, AEGIS_ASH_TIMEOUT, ~0u);
	unsigned why;
	/* h_budget's loop is 3 words: each round charges 3, and a round
	   starts while the budget is not yet below 0. */
	unsigned rounds = AEGIS_ASH_BUDGET / 3 + 1;
	int r = ash_try(CODE(h_budget), rounds, 64, &why);
	tap_ok(r == 1, "ash: exactly AEGIS_ASH_BUDGET (%u) instructions of loops run (%u rounds of 3: %d)",
	       AEGIS_ASH_BUDGET, rounds, r);
	expect_abort("one loop round over the budget", CODE(h_budget), rounds + 1,
		     AEGIS_ASH_TIMEOUT, ~0u);
	expect_abort("a load from a kernel address", CODE(h_load_arg), (uint32_t)&canary,
		     AEGIS_ASH_FAULT, EXC_TLBL);
	expect_abort("a store to a kernel address", CODE(h_store_arg), (uint32_t)&canary,
		     AEGIS_ASH_FAULT, EXC_TLBS);
	expect_abort("a store to a kseg1 address", CODE(h_store_arg),
		     (uint32_t)KSEG1((uint32_t)&canary & KSEG_PHYS_MASK), AEGIS_ASH_FAULT, EXC_TLBS);
	expect_abort("a store to another environment's page", CODE(h_store_arg), VICTIM_VA,
		     AEGIS_ASH_FAULT, EXC_TLBS);
	expect_abort("a load from another environment's page", CODE(h_load_arg), VICTIM_VA,
		     AEGIS_ASH_FAULT, EXC_TLBL);
	expect_abort("a load from an unmapped address", CODE(h_load_arg), UNMAPPED_VA,
		     AEGIS_ASH_FAULT, EXC_TLBL);
	expect_abort("a store to its own read-only page", CODE(h_store_arg), RO_VA + 8,
		     AEGIS_ASH_FAULT, EXC_MOD);
	expect_abort("a store to its own program text", CODE(h_store_arg), USER_TEXT_BASE,
		     AEGIS_ASH_FAULT, EXC_MOD);
	expect_abort("a store into the frame", CODE(h_store_frame), 0, AEGIS_ASH_FAULT, EXC_MOD);
	expect_abort("an unaligned load", CODE(h_load_arg), BUF_VA + 1, AEGIS_ASH_FAULT, EXC_ADEL);
	expect_abort("an unaligned store", CODE(h_store_arg), BUF_VA + 2, AEGIS_ASH_FAULT, EXC_ADES);
	expect_abort("a send from memory it does not map", CODE(h_send_arg), UNMAPPED_VA,
		     AEGIS_ASH_FAULT, EXC_TLBL);
	expect_abort("a send from another environment's page", CODE(h_send_arg), VICTIM_VA,
		     AEGIS_ASH_FAULT, EXC_TLBL);
	expect_abort("a send running from its page into an unmapped one", CODE(h_send_arg),
		     RO_VA + PAGE_SIZE - 20, AEGIS_ASH_FAULT, EXC_TLBL);
	expect_abort("an overflow trap", CODE(h_overflow), 0, AEGIS_ASH_FAULT, EXC_OV);
	expect_abort("running off its end", CODE(h_falloff), 0, AEGIS_ASH_FAULT, 0);
	tap_ok(rd32(victim_ppn, 0) == 0x71c7a5a5u, "ash: the victim's page still holds its mark");
}

static const struct refusal {
	const uint32_t *code, *end;
	const char *why;
} refusals[] = {
	{ r_mtc0, r_mtc0_end, "word 1: mtc0 is privileged" },
	{ r_mfc0, r_mfc0_end, "word 0: mfc0 is privileged" },
	{ r_rfe, r_rfe_end, "word 0: rfe is privileged" },
	{ r_tlbwi, r_tlbwi_end, "word 0: tlbwi is privileged" },
	{ r_tlbwr, r_tlbwr_end, "word 0: tlbwr is privileged" },
	{ r_tlbp, r_tlbp_end, "word 0: tlbp is privileged" },
	{ r_tlbr, r_tlbr_end, "word 0: tlbr is privileged" },
	{ r_syscall, r_syscall_end, "word 0: syscall is not allowed (Aegis calls are break 1)" },
	{ r_jalr, r_jalr_end, "word 0: jalr is not allowed" },
	{ r_jr, r_jr_end, "word 0: jr $8: only jr $ra (the return) is allowed" },
	{ r_jal, r_jal_end, "word 0: jal: calls are not allowed" },
	{ r_bgezal, r_bgezal_end, "word 0: bgezal: calls are not allowed" },
	{ r_bout, r_bout_end, "word 0: branch target outside the handler" },
	{ r_bneg, r_bneg_end, "word 1: branch target outside the handler" },
	{ r_jout, r_jout_end, "word 2: jump target outside the handler" },
	{ r_at_read, r_at_read_end, "word 0: uses $at (reserved)" },
	{ r_at_write, r_at_write_end, "word 0: uses $at (reserved)" },
	{ r_k0, r_k0_end, "word 0: uses $k0 (reserved)" },
	{ r_k1, r_k1_end, "word 0: uses $k1 (reserved)" },
	{ r_gp_read, r_gp_read_end, "word 7: uses $gp (reserved)" },
	{ r_gp_write, r_gp_write_end, "word 0: uses $gp (reserved)" },
	{ r_s8_read, r_s8_read_end, "word 0: uses $s8 (reserved)" },
	{ r_s8_write, r_s8_write_end, "word 0: uses $s8 (reserved)" },
	{ r_load_ds, r_load_ds_end, "word 9: load in a branch delay slot" },
	{ r_store_ds, r_store_ds_end, "word 1: store in a branch delay slot" },
	{ r_break_ds, r_break_ds_end, "word 1: break in a branch delay slot" },
	{ r_branch_ds, r_branch_ds_end, "word 1: branch in a branch delay slot" },
	{ r_last, r_last_end, "word 1: its delay slot is outside the handler" },
	{ r_break2, r_break2_end, "word 0: break 2 is not an Aegis call" },
	{ r_cop1, r_cop1_end, "word 0: coprocessor 1 instructions are not allowed" },
	{ r_lwc1, r_lwc1_end, "word 0: coprocessor 1 loads and stores are not allowed" },
	{ r_special3, r_special3_end, "word 0: not a MIPS I instruction (7c000000)" },
	{ r_sync, r_sync_end, "word 0: not a MIPS I instruction (0000000f)" },
	{ r_long, r_long_end, "too long: 1025 words (at most 1024)" },
	{ r_long, r_long, "empty: a handler has at least one instruction" },
};

static void test_refusals(void)
{
	char why[AEGIS_ASH_WHY_LEN];
	unsigned w;
	tap_ok(ash_load(FID_KEEP, CODE(h_ret1), 0, why) == 0, "ash: a handler to keep loads");
	for (unsigned i = 0; i < ARRAY_SIZE(refusals); i++) {
		const struct refusal *c = &refusals[i];
		kmemset(why, 'x', sizeof why);
		int r = ash_load(FID_KEEP, c->code, (unsigned)(c->end - c->code), 0, why);
		why[sizeof why - 1] = 0;
		tap_ok(r == -AEGIS_EINVAL && kstrcmp(why, c->why) == 0,
		       "ash: refused with its reason: \"%s\" (got %d \"%s\")", c->why, r, why);
	}
	make_frame(64, 2);
	tap_ok(ash_bound(FID_KEEP) && ash_run(FID_KEEP, owner, framepage + 2, 64, &w) == 1,
	       "ash: the refusals left the filter's old handler in place");
	tap_ok(ash_load(-1, CODE(h_ret1), 0, why) == -AEGIS_EINVAL &&
	       ash_load(DPF_MAX_FILTERS, CODE(h_ret1), 0, why) == -AEGIS_EINVAL,
	       "ash: a filter id out of range is refused");
	ash_unload(FID_KEEP);
	tap_ok(!ash_bound(FID_KEEP), "ash: unloaded");

	/* The code area: the largest handlers until it is full. */
	int loaded = 0, r = 0;
	while (loaded < 20 && (r = ash_load(20 + loaded, CODE(h_big), 0, why)) == 0)
		loaded++;
	tap_ok(r == -AEGIS_ELIMIT && loaded >= 4,
	       "ash: %d handlers of %u words fill the code area, then -AEGIS_ELIMIT (%s)", loaded,
	       AEGIS_ASH_MAX_WORDS, why);
	for (int i = 0; i < loaded; i++)
		ash_unload(20 + i);
	tap_ok(ash_load(20, CODE(h_big), 0, why) == 0, "ash: unloading gives the space back");
	ash_unload(20);
}

/* pmaxsim's instruction count (the counter page, through kseg1). */
static uint32_t insns(void)
{
	const volatile uint32_t *p = (const volatile uint32_t *)KSEG1(COUNTER_PAGE_PA);
	return p[COUNTER_INSNS_LO / 4];
}

/* Cycles (and *ni instructions) of one ash_run of code, caches warm. */
static uint64_t time_run(const uint32_t *code, unsigned n, uint32_t *ni)
{
	unsigned why;
	char w[AEGIS_ASH_WHY_LEN];
	if (ash_load(FID, code, n, BUF_VA, w) != 0)
		return 0;
	ash_run(FID, owner, framepage + 2, 64, &why);	/* warm the caches */
	uint32_t i0 = insns();
	uint64_t t0 = platform_time();
	ash_run(FID, owner, framepage + 2, 64, &why);
	uint64_t t1 = platform_time();
	uint32_t i1 = insns();
	if (ni)
		*ni = i1 - i0;
	return t1 - t0;
}

static void measure(void)
{
	if (!platform_has_counter_page()) {
		tap_ok(1, "ash: costs # SKIP no counter page");
		return;
	}
	uint32_t i0 = insns();
	uint64_t t0 = platform_time(), t1 = platform_time();
	uint32_t ibase = insns() - i0;
	uint64_t base = t1 - t0;
	uint32_t ni;
	uint64_t empty = time_run(CODE(h_ret0), &ni) - base;
	ni -= ibase;
	uint64_t load = time_run(CODE(h_meas_load), NULL) - base;
	uint64_t load0 = time_run(CODE(h_meas_load0), NULL) - base;
	uint64_t alu = time_run(CODE(h_meas_alu), NULL) - base;
	uint64_t loop = time_run(CODE(h_meas_loop), NULL) - base;
	/* 256 x 8 loads vs adds; 1024 rounds of addiu, bne, nop. */
	unsigned per_load100 = (unsigned)((load - alu) * 100 / 2048);
	unsigned per_load0_100 = (unsigned)((load0 - alu) * 100 / 2048);
	unsigned per_round100 = (unsigned)((loop - empty) * 100 / 1024);
	kprintf("# ash costs (%u MHz): ash_run of an empty handler %u cycles, %u instructions; "
		"a load/store %u.%02u cycles more than an add (offset != 0), %u.%02u (offset 0); "
		"a backward-branch round %u.%02u (3 instructions unsandboxed)\n",
		(unsigned)platform_time_mhz(), (unsigned)empty, (unsigned)ni, per_load100 / 100,
		per_load100 % 100, per_load0_100 / 100, per_load0_100 % 100, per_round100 / 100,
		per_round100 % 100);
	tap_ok(empty > 0 && empty < 400 && ni < 250 && per_load100 >= 150 && per_load100 <= 250 &&
	       per_load0_100 >= 50 && per_load0_100 <= 150 &&
	       per_round100 >= 400 && per_round100 <= 600,
	       "ash: costs as counted (a run %u instructions; a load 2 instructions more, 1 at "
	       "offset 0; a backward branch 2 more)", (unsigned)ni);
}

void ashtest_run(void)
{
	uint32_t before = mem_nfree();
	struct archive_file f;
	struct env_fail fail = { 0, "" };
	owner = victim = NULL;
	if (archive_find("usertest", &f) == 0) {
		owner = env_create(f.data, (uint32_t)f.size, &fail);
		victim = owner ? env_create(f.data, (uint32_t)f.size, &fail) : NULL;
	}
	if (!tap_ok(owner && victim, "ash: two environments (%s)", fail.why))
		return;
	uint32_t oasid = owner->entryhi & ENTRYHI_ASID_MASK;
	buf_ppn = page_alloc(owner->slot);
	ro_ppn = page_alloc(owner->slot);
	victim_ppn = page_alloc(victim->slot);
	for (unsigned i = 0; i < PAGE_SIZE / 4; i++) {
		((uint32_t *)page(ro_ppn))[i] = 0x0f0f0000u + i;
		((uint32_t *)page(victim_ppn))[i] = 0x71c7a5a5u ^ (i << 16);
	}
	tlb_insert(BUF_VA | oasid, (buf_ppn << PAGE_SHIFT) | ELO_V | ELO_D);
	tlb_insert(RO_VA | oasid, (ro_ppn << PAGE_SHIFT) | ELO_V);
	/* In the TLB while the owner's handlers run (tlb_insert: tlbwr). */
	tlb_insert(VICTIM_VA | (victim->entryhi & ENTRYHI_ASID_MASK),
		   (victim_ppn << PAGE_SHIFT) | ELO_V | ELO_D);

	/* Interrupts off, as on the receive path. */
	uint32_t status = mfc0(C0_STATUS);
	mtc0(C0_STATUS, status & ~SR_IEC);
	int (*send)(const void *, unsigned) = ash_send_fn;
	ash_send_fn = rec_send;

	test_refusals();
	test_runs();
	test_aborts();
	measure();
	tap_ok(state_bad == 0 && state_checks > 30,
	       "ash: after each of %d runs EntryHi, Status, the wired TLB entry, the routes "
	       "are restored and the frame window unmapped", state_checks + state_bad);

	ash_send_fn = send;
	ash_unload(FID);
	mtc0(C0_STATUS, status);
	env_destroy(owner);
	env_destroy(victim);
	tap_ok(mem_nfree() == before, "ash: every page of both environments returned");
}
