/*
 * net/ash.c - ASHs' download-time checking and rewriting (SIGCOMM'96
 * §3: sandboxing by code rewriting, so a handler runs in the kernel at
 * full speed with no hardware protection switch), and the C side of a
 * run: its entry (ash_run), the send call's copy, and the TLB refill of
 * the owner's guaranteed mappings. The trampoline and the exception
 * routes of a run are ash_run.S.
 *
 * The rewriting (every handler word i becomes pos[i+1] - pos[i] words):
 *   load/store op rt, off(base)  ->  addiu $at, base, off  (not if off == 0)
 *                                    and   $at, $at, $gp   ($gp = 0x7fffffff)
 *                                    op    rt, 0($at)
 *     so every access is in kuseg, through the TLB with the owner's ASID
 *     (or the frame window, which is in kuseg too);
 *   a backward branch or j  ->  bltz $s8, <timeout stub>
 *                               addiu $s8, $s8, -k   ($s8 = the budget)
 *     where k is the length of the loop it closes (its target to its
 *     delay slot, in the handler's words): the budget counts the
 *     instructions of loops, so a run ends after AEGIS_ASH_BUDGET of them
 *     plus at most one loop's length, whatever the loops' sizes
 *                               the branch, relocated;
 *   jr $ra  ->  j ash_exit (the epilogue); break 1 stays (the kernel's
 *   break route serves it); branch offsets and j targets are relocated.
 * After the body: a stub that aborts a run that falls off the end, and
 * the timeout stub. Memory ops, breaks, branches and jumps are refused
 * in delay slots, so an exception's EPC is always the instruction itself.
 */
#include "ash.h"
#include "net.h"
#include "lance.h"
#include "../env.h"
#include "../exc.h"
#include "../kernel.h"
#include "../mem.h"
#include "../tlb.h"
#include "mips.h"
#include <aegis/net.h>
#include <aegis/syscall.h>

/* ash_run.S */
void ash_exit(void), ash_end_exit(void), ash_timeout_exit(void);
void ash_fault_entry(void), ash_break_entry(void), ash_miss(void);
int ash_call(uint32_t entry, uint32_t len, uint32_t arg, uint32_t frame_lo);
extern uint32_t ash_owner_hi;

uint32_t ash_code[ASH_CODE_WORDS] __attribute__((aligned(16), section(".bss.hot.ash_code")));	/* rt/rt.ld */
struct ash_fault_info ash_last_fault;
/* The driver's send itself: ash_send_call has checked the length, and
   lance_send answers -AEGIS_ENOSYS without a LANCE as net_send_kernel
   would (two calls and their checks less on a reply's way out). */
int (*ash_send_fn)(const void *frame, unsigned len) = lance_send;
/* The routing block while a handler runs: a break is the send call,
   every other exception aborts the run. */
struct xc ash_xc;

static struct ash_handler {
	uint32_t start, size;	/* words in ash_code */
	uint32_t arg;
	int bound;
} handlers[DPF_MAX_FILTERS];

/* The run in progress (ash_run.S and the send call read these). */
static struct env *run_owner;
static uint32_t run_frame_page;		/* kernel address of the frame's page */
/* Sends one run may make: each copies up to a frame with interrupts
   off, and a transmit ring holds fewer (the LANCE's, 16 or so) anyway;
   the rest get -AEGIS_EAGAIN at once. */
#define ASH_MAX_SENDS	32
static unsigned run_sends;

#define R_AT	1
#define R_K0	26
#define R_K1	27
#define R_GP	28
#define R_S8	30
#define R_RA	31

/* Instruction fields (MIPS I; R3000 manual appendix A). */
#define OP(w)	((w) >> 26)
#define RS(w)	(((w) >> 21) & 31)
#define RT(w)	(((w) >> 16) & 31)
#define RD(w)	(((w) >> 11) & 31)
#define FUNCT(w) ((w) & 63)
#define IMM(w)	((int32_t)(int16_t)((w) & 0xffff))

static uint32_t enc_i(unsigned op, unsigned rs, unsigned rt, uint32_t imm)
{
	return op << 26 | rs << 21 | rt << 16 | (imm & 0xffff);
}

static uint32_t enc_j(uint32_t target)
{
	return 2u << 26 | ((target >> 2) & 0x3ffffff);
}

enum kind { K_ALU, K_LOAD, K_STORE, K_BRANCH, K_J, K_RET, K_BREAK };

#define WHY(...)	ksnprintf(why, AEGIS_ASH_WHY_LEN, __VA_ARGS__)

static const char *cop0_name(uint32_t w)
{
	if (RS(w) & 0x10) {
		switch (FUNCT(w)) {
		case 1: return "tlbr";
		case 2: return "tlbwi";
		case 6: return "tlbwr";
		case 8: return "tlbp";
		case 16: return "rfe";
		}
		return "a cop0 operation";
	}
	switch (RS(w)) {
	case 0: return "mfc0";
	case 2: return "cfc0";
	case 4: return "mtc0";
	case 6: return "ctc0";
	case 8: return "bc0";
	}
	return "a cop0 instruction";
}

/* Classify word i; -1 (why filled) if it may not be in a handler. */
static int classify(uint32_t w, unsigned i, char *why)
{
	unsigned op = OP(w);
	switch (op) {
	case 0:		/* SPECIAL */
		switch (FUNCT(w)) {
		case 0: case 2: case 3: case 4: case 6: case 7:
		case 16: case 17: case 18: case 19: case 24: case 25: case 26: case 27:
		case 32: case 33: case 34: case 35: case 36: case 37: case 38: case 39:
		case 42: case 43:
			return K_ALU;
		case 8:
			if (RS(w) == R_RA)
				return K_RET;
			WHY("word %u: jr $%u: only jr $ra (the return) is allowed", i, RS(w));
			return -1;
		case 9:
			WHY("word %u: jalr is not allowed", i);
			return -1;
		case 12:
			WHY("word %u: syscall is not allowed (Aegis calls are break %u)", i,
			    AEGIS_ASH_SEND);
			return -1;
		case 13:
			/* `break N` as assemblers write it: N in bits 25..16. */
			if (w == ((uint32_t)AEGIS_ASH_SEND << 16 | 13))
				return K_BREAK;
			WHY("word %u: break %u is not an Aegis call", i, (unsigned)(w >> 16) & 0x3ff);
			return -1;
		}
		break;
	case 1:		/* REGIMM */
		if (RT(w) == 0 || RT(w) == 1)
			return K_BRANCH;
		if (RT(w) == 16 || RT(w) == 17) {
			WHY("word %u: %s: calls are not allowed", i,
			    RT(w) == 16 ? "bltzal" : "bgezal");
			return -1;
		}
		break;
	case 2:
		return K_J;
	case 3:
		WHY("word %u: jal: calls are not allowed", i);
		return -1;
	case 4: case 5: case 6: case 7:
		return K_BRANCH;
	case 8: case 9: case 10: case 11: case 12: case 13: case 14: case 15:
		return K_ALU;
	case 16:
		WHY("word %u: %s is privileged", i, cop0_name(w));
		return -1;
	case 17: case 18: case 19:
		WHY("word %u: coprocessor %u instructions are not allowed", i, op - 16);
		return -1;
	case 32: case 33: case 34: case 35: case 36: case 37: case 38:
		return K_LOAD;
	case 40: case 41: case 42: case 43: case 46:
		return K_STORE;
	case 49: case 50: case 51: case 57: case 58: case 59: case 48: case 56:
		WHY("word %u: coprocessor %u loads and stores are not allowed", i, op & 3);
		return -1;
	}
	WHY("word %u: not a MIPS I instruction (%08x)", i, (unsigned)w);
	return -1;
}

static const char *reserved_name(unsigned r)
{
	switch (r) {
	case R_AT: return "$at";
	case R_K0: return "$k0";
	case R_K1: return "$k1";
	case R_GP: return "$gp";
	case R_S8: return "$s8";
	}
	return NULL;
}

/* The registers an instruction of this kind names (read or written). */
static const char *uses_reserved(uint32_t w, int kind)
{
	const char *r;
	if (kind == K_J || kind == K_BREAK)
		return NULL;
	if ((r = reserved_name(RS(w))))
		return r;
	/* REGIMM's rt field is its operation (bgez is 1), not a register. */
	if (OP(w) != 1 && (r = reserved_name(RT(w))))
		return r;
	if (OP(w) == 0 && (r = reserved_name(RD(w))))
		return r;
	return NULL;
}

static int is_transfer(int kind)
{
	return kind == K_BRANCH || kind == K_J || kind == K_RET;
}

/* The target word of a branch or j at word i (may be out of range). */
static int32_t target_of(uint32_t w, int kind, unsigned i)
{
	if (kind == K_J)
		return (int32_t)(w & 0x3ffffff);
	return (int32_t)i + 1 + IMM(w);
}

static unsigned words_for(uint32_t w, int kind, unsigned i)
{
	if (kind == K_LOAD || kind == K_STORE)
		return IMM(w) == 0 ? 2 : 3;
	if ((kind == K_BRANCH || kind == K_J) && target_of(w, kind, i) <= (int32_t)i)
		return 3;
	return 1;
}

/* The first free run of need words in ash_code (first fit), or -1. */
static int find_space(uint32_t need)
{
	int best = -1;
	for (int c = -1; c < DPF_MAX_FILTERS; c++) {
		uint32_t s = 0;
		if (c >= 0) {
			if (!handlers[c].bound)
				continue;
			s = handlers[c].start + handlers[c].size;
		}
		if (s + need > ASH_CODE_WORDS || (best >= 0 && s >= (uint32_t)best))
			continue;
		int clash = 0;
		for (int k = 0; k < DPF_MAX_FILTERS && !clash; k++)
			clash = handlers[k].bound && s < handlers[k].start + handlers[k].size &&
				handlers[k].start < s + need;
		if (!clash)
			best = (int)s;
	}
	return best;
}

static void xc_setup(void)
{
	static int done;
	if (done)
		return;
	for (int i = 0; i < 32; i++)
		ash_xc.route[i] = (uint32_t)ash_fault_entry;
	ash_xc.route[EXC_BP] = (uint32_t)ash_break_entry;
	done = 1;
}

int ash_load(int fid, const uint32_t *code, unsigned nwords, uint32_t arg, char *why)
{
	static uint16_t pos[AEGIS_ASH_MAX_WORDS + 1];
	static int8_t kinds[AEGIS_ASH_MAX_WORDS];

	why[0] = 0;
	if (fid < 0 || fid >= DPF_MAX_FILTERS) {
		WHY("no filter %d", fid);
		return -AEGIS_EINVAL;
	}
	if (nwords == 0) {
		WHY("empty: a handler has at least one instruction");
		return -AEGIS_EINVAL;
	}
	if (nwords > AEGIS_ASH_MAX_WORDS) {
		WHY("too long: %u words (at most %u)", nwords, AEGIS_ASH_MAX_WORDS);
		return -AEGIS_EINVAL;
	}
	/* Check every word, and where each begins once rewritten. */
	pos[0] = 0;
	for (unsigned i = 0; i < nwords; i++) {
		uint32_t w = code[i];
		int kind = classify(w, i, why);
		if (kind < 0)
			return -AEGIS_EINVAL;
		const char *r = uses_reserved(w, kind);
		if (r) {
			WHY("word %u: uses %s (reserved)", i, r);
			return -AEGIS_EINVAL;
		}
		if (i > 0 && is_transfer(kinds[i - 1]) && kind != K_ALU) {
			static const char *const what[] = {
				[K_LOAD] = "load", [K_STORE] = "store", [K_BRANCH] = "branch",
				[K_J] = "jump", [K_RET] = "jump", [K_BREAK] = "break",
			};
			WHY("word %u: %s in a branch delay slot", i, what[kind]);
			return -AEGIS_EINVAL;
		}
		if (is_transfer(kind)) {
			if (i + 1 == nwords) {
				WHY("word %u: its delay slot is outside the handler", i);
				return -AEGIS_EINVAL;
			}
			int32_t t = target_of(w, kind, i);
			if (kind != K_RET && (t < 0 || t >= (int32_t)nwords)) {
				WHY("word %u: %s target outside the handler", i,
				    kind == K_J ? "jump" : "branch");
				return -AEGIS_EINVAL;
			}
		}
		kinds[i] = (int8_t)kind;
		pos[i + 1] = (uint16_t)(pos[i] + words_for(w, kind, i));
	}
	uint32_t body = pos[nwords], size = body + 4;
	xc_setup();
	int start = find_space(size);
	if (start < 0) {
		WHY("no room: %u words of rewritten code", (unsigned)size);
		return -AEGIS_ELIMIT;
	}

	/* Rewrite into the free run (the old handler, if any, is untouched
	   until this one is complete). */
	uint32_t *out = &ash_code[start];
	uint32_t timeout = body + 2;	/* the timeout stub's word */
	for (unsigned i = 0; i < nwords; i++) {
		uint32_t w = code[i], *o = out + pos[i];
		int kind = kinds[i];
		uint32_t here = pos[i];
		switch (kind) {
		case K_LOAD:
		case K_STORE:
			if (IMM(w) != 0)
				*o++ = enc_i(9, RS(w), R_AT, (uint32_t)IMM(w));	/* addiu $at, base, off */
			*o++ = (uint32_t)(IMM(w) != 0 ? R_AT : RS(w)) << 21 | R_GP << 16 |
			       R_AT << 11 | 0x24;				/* and $at, x, $gp */
			*o = (w & 0xfc1f0000u) | R_AT << 21;			/* op rt, 0($at) */
			break;
		case K_BRANCH:
		case K_J: {
			uint32_t t = (uint32_t)target_of(w, kind, i);
			if (t <= i) {
				/* bltz $s8, timeout; addiu $s8, $s8, -(the loop's
				   length) in its delay slot */
				uint32_t k = (uint32_t)(i - t + 2);
				*o++ = enc_i(1, R_S8, 0, timeout - (here + 1));
				*o++ = enc_i(9, R_S8, R_S8, (uint32_t)-k & 0xffff);
				here += 2;
			}
			if (kind == K_J)
				*o = enc_j((uint32_t)&out[pos[t]]);
			else
				*o = (w & 0xffff0000u) | ((pos[t] - (here + 1)) & 0xffff);
			break;
		}
		case K_RET:
			*o = enc_j((uint32_t)ash_exit);
			break;
		default:	/* K_ALU, K_BREAK */
			*o = w;
			break;
		}
	}
	out[body] = enc_j((uint32_t)ash_end_exit);	/* fell off the end */
	out[body + 1] = 0;
	out[timeout] = enc_j((uint32_t)ash_timeout_exit);
	out[timeout + 1] = 0;
	/* The I-cache does not watch stores: the words may have held an
	   older handler's code (rt/cache.S). */
	icache_inval((uint32_t)out, size * 4);

	handlers[fid].start = (uint32_t)start;
	handlers[fid].size = size;
	handlers[fid].arg = arg;
	handlers[fid].bound = 1;
	return 0;
}

void ash_unload(int fid)
{
	if (fid >= 0 && fid < DPF_MAX_FILTERS)
		handlers[fid].bound = 0;
}

int ash_bound(int fid)
{
	return fid >= 0 && fid < DPF_MAX_FILTERS && handlers[fid].bound;
}

int ash_run(int fid, struct env *owner, const uint8_t *frame, unsigned len, unsigned *why)
{
	/* (running: a send whose driver delivered a frame to itself at once
	   would enter a second run over the first's saved state.) */
	static int running;
	if (running || !ash_bound(fid) || !owner || !owner->entryhi ||
	    owner->state != ENV_STATE_RUNNABLE)
		return 1;
	uint32_t fa = (uint32_t)frame;
	if ((fa & (PAGE_SIZE - 1)) != 2 || len > PAGE_SIZE - 2 || fa < KSEG0_BASE || fa >= KSEG2_BASE)
		return 1;
	const struct ash_handler *h = &handlers[fid];
	run_owner = owner;
	run_frame_page = fa & ~(PAGE_SIZE - 1);
	ash_owner_hi = owner->entryhi & ENTRYHI_ASID_MASK;
	/* Read-only (no D bit), in the owner's ASID only (no G bit);
	   uncached when the driver gave a kseg1 address, so the run never
	   sees a stale D-cache line of an earlier frame in that page. */
	uint32_t lo = (fa & KSEG_PHYS_MASK & ~(PAGE_SIZE - 1)) | ELO_V |
		      (fa >= KSEG1_BASE ? ELO_N : 0);
	running = 1;
	run_sends = 0;
	int r = ash_call((uint32_t)&ash_code[h->start], len, h->arg, lo);
	running = 0;
	run_owner = NULL;
	if (r >= 0)
		return r;
	*why = r == -2 ? AEGIS_ASH_TIMEOUT : AEGIS_ASH_FAULT;
	return -1;
}

/* --- Called from ash_run.S during a run (interrupts off) ------------ */

/* A kuseg miss the STLB could not answer: the owner's guaranteed
   mappings are Aegis's to serve (as env_trap does for user mode); 0 if
   refilled, else the run is aborted. */
int ash_refill(uint32_t badvaddr)
{
	return env_tlb_refill(run_owner, badvaddr) == 0 ? 0 : 1;
}

/* The kernel address of the owner's byte at masked kuseg address va
   through its bindings (the frame window, the TLB, the STLB, its
   guaranteed mappings), readable and cached RAM; 0 if none. Looked up
   rather than loaded through the TLB, so a miss costs no exception. */
static uint32_t owner_byte(uint32_t va)
{
	uint32_t vpn = va & ENTRYHI_VPN_MASK, off = va & (PAGE_SIZE - 1);
	if (vpn == AEGIS_ASH_FRAME_VA)
		return run_frame_page + off;
	uint32_t hi = vpn | ash_owner_hi, lo = 0;
	mtc0(C0_ENTRYHI, hi);
	__asm__ __volatile__("tlbp\n\tnop");
	if (!(mfc0(C0_INDEX) & TLB_INDEX_P)) {
		__asm__ __volatile__("tlbr\n\tnop");
		lo = mfc0(C0_ENTRYLO);
	} else if (stlb[stlb_index(hi)].hi == hi) {
		lo = stlb[stlb_index(hi)].lo;
	}
	mtc0(C0_ENTRYHI, ash_owner_hi);
	if (lo) {
		if (!(lo & ELO_V) || (lo & ELO_N))
			return 0;
		return KSEG0((lo & ENTRYHI_VPN_MASK) | off);
	}
	uint32_t pa = env_translate(run_owner, va, 0);
	return pa ? KSEG0(pa) : 0;
}

#define SEND_ABORT	1	/* ash_break_entry: abort the run */

/* break AEGIS_ASH_SEND: a0 = va, a1 = len. Copies the bytes (each
   address confined as the handler's own loads are) and sends them. */
/* The send call's frame is not the owner's to read at a: the run ends
   as if the handler had faulted there. */
static int send_fault(uint32_t a, uint32_t epc)
{
	ash_last_fault.cause = EXC_TLBL << CAUSE_EXC_SHIFT;
	ash_last_fault.epc = epc;
	ash_last_fault.badvaddr = a;
	return SEND_ABORT;
}

/* A frame that crosses a page: gathered into buf, page by page. Apart
   from ash_send_call so that its registers are saved only here (ten
   stores before each one-page send otherwise: Table 11's reply). */
static __attribute__((noinline)) int send_pages(uint32_t va, uint32_t len, uint32_t epc)
{
	static uint8_t buf[AEGIS_NET_MTU_FRAME] __attribute__((aligned(4)));
	for (uint32_t done = 0; done < len;) {
		uint32_t a = (va + done) & 0x7fffffffu;
		uint32_t n = PAGE_SIZE - (a & (PAGE_SIZE - 1));
		if (n > len - done)
			n = len - done;
		uint32_t k = owner_byte(a);
		if (!k)
			return send_fault(a, epc);
		kmemcpy(buf + done, (const void *)k, n);
		done += n;
	}
	int r = ash_send_fn(buf, len);
	return r > 0 ? 0 : r;
}

int ash_send_call(uint32_t va, uint32_t len, uint32_t epc)
{
	if (len < AEGIS_NET_MIN_FRAME || len > AEGIS_NET_MTU_FRAME)
		return -AEGIS_EINVAL;
	if (run_sends >= ASH_MAX_SENDS)
		return -AEGIS_EAGAIN;
	run_sends++;
	/* In one page (the usual case: a reply buffer that does not cross
	   one): sent from it, one copy into the chip's buffer instead of
	   two, the first byte by byte (530 cycles of Table 11's reply). */
	uint32_t a0 = va & 0x7fffffffu;
	if ((a0 & (PAGE_SIZE - 1)) + len > PAGE_SIZE)
		return send_pages(va, len, epc);
	uint32_t k = owner_byte(a0);
	if (!k)
		return send_fault(a0, epc);
	int r = ash_send_fn((const void *)k, len);
	return r > 0 ? 0 : r;
}

_Static_assert(AEGIS_ASH_FRAME_VA == 0x7fe00000u, "ash_run.S's ASH_WINDOW_HI");
_Static_assert(AEGIS_ASH_FRAME_VA < KSEG0_BASE && (AEGIS_ASH_FRAME_VA & (PAGE_SIZE - 1)) == 0,
	       "the frame window is one kuseg page, so the handlers' mask lets it through");
