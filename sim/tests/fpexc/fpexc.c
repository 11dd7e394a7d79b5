/*
 * fpexc.c - in-guest checks of how the R3010's exceptions reach the R3000:
 * as the FPU's interrupt (IP7 on every DECstation), taken precisely on the
 * trapping FP instruction when interrupts are enabled, with Cause.BD and
 * EPC as for any exception in a delay slot; the destination untouched and
 * only FCR31's cause field written; enabled-off exceptions setting flags
 * and delivering the IEEE default with no interrupt; the line following
 * FCR31 (ctc1) and Status (masked, later taken). Output is TAP.
 *
 * Sources, cited beside the checks:
 *   [BSD]  4.4BSD pmax locore.s MachFPInterrupt: the FP interrupt handler
 *          reads the instruction at EPC (EPC + 4 when Cause.BD is set,
 *          emulating the branch), emulates it for an unimplemented
 *          operation and resumes after it; otherwise it sends SIGFPE and
 *          clears FCR31 (ctc1 zero). NetBSD cpu_intr: "pmax uses standard
 *          mips1 convention, wiring FPU to hard interrupt 5" (Cause.IP7).
 *   [R4K]  MIPS R4000 User's Manual 6.3/7.1/7.4 (the MIPS FPU architecture
 *          the R3010 first implements, without the FS bit): a trapping
 *          operation stores no result and changes only the cause field;
 *          E (unimplemented) has no enable; denormal operands and tiny
 *          results are E; a signalling NaN operand is invalid.
 *   [FPU]  sim/fpu.c's head: the legacy NaN encodings (quiet NaN has the
 *          top fraction bit clear, default 0x7fbfffff / 0x7ff7ffff_ffffffff).
 * GXemul: with the PROM argument emu=gxemul the checks GXemul is known to
 * get wrong are reported as SKIP with the reason (see fpexc.mk).
 */
#include "../../../rt/rt.h"
#include "../../../rt/mips.h"
#include "../../../rt/tap.h"

/* ---- fpexc.S ---- */
extern uint32_t fpx_gen_stub[], fpx_stub_end[];
extern volatile uint32_t fpx_cause, fpx_epc, fpx_status, fpx_fcr31, fpx_count, fpx_resume;
void fpx_load(const uint32_t f[8]);
void fpx_store(uint32_t f[8]);
uint32_t fpx_get31(void);
void fpx_set31(uint32_t v);
void fpx_bail(void) NORETURN;

/* FCR31 fields [R4K 6.3] (sim/fpu.c's head gives the R3010's layout). */
#define X_I	0x01u
#define X_U	0x02u
#define X_O	0x04u
#define X_Z	0x08u
#define X_V	0x10u
#define X_E	0x20u
#define FLAGS(x)	((uint32_t)(x) << 2)
#define ENABLES(x)	((uint32_t)(x) << 7)
#define CAUSES(fcr)	(((fcr) >> 12) & 0x3fu)
#define FLAGS_OF(fcr)	(((fcr) >> 2) & 0x1fu)
#define IP7		0x8000u		/* Cause.IP7 / Status.IM7 */

/* COP1 computational encodings, always fd = f0, fs = f2, ft = f4. */
enum { S = 16, D = 17, W = 20 };
enum { ADD = 0, SUB = 1, MUL = 2, DIV = 3, SQRT = 4, ABS = 5, MOV = 6, NEG = 7,
       CVTS = 32, CVTD = 33, CVTW = 36, C_EQ = 50 };
#define FPOP(fmt, func)	(0x46000000u | (uint32_t)((fmt) - 16) << 21 | 4u << 16 | 2u << 11 | \
			 0u << 6 | (func))
#define OP_NOP		0x00000000u
#define OP_JR_RA	0x03e00008u
#define OP_B_PLUS2	0x10000002u	/* beq zero,zero,.+12 */
#define OP_CTC1_A0	0x44c4f800u	/* ctc1 a0,$31 */
#define OP_MTC0_A0_SR	0x40846000u	/* mtc0 a0,$12 */

static int on_gxemul;

#define GX_NOFPINT	"the FPU never raises its interrupt (computes in host doubles)"
#define GX_NOFLAGS	"sets no FCR31 cause or flag bits; host-double results " \
			"(0/0 and x/0 leave fd, NaN 0x7fffffff, 1/3 truncated)"

/* One check; gxdev names the GXemul deviation that excuses it, if any. */
#define ck(cond, gxdev, ...)	tap_ok_dev((cond), on_gxemul, (gxdev), __VA_ARGS__)

static void diag(void)
{
	kprintf("#   exceptions %u: cause %08x (code %u%s) epc %08x status %08x fcr31 %08x\n",
		(unsigned)fpx_count, (unsigned)fpx_cause,
		(unsigned)((fpx_cause & CAUSE_EXC_MASK) >> CAUSE_EXC_SHIFT),
		(fpx_cause & CAUSE_BD) ? ", BD" : "", (unsigned)fpx_epc,
		(unsigned)fpx_status, (unsigned)fpx_fcr31);
}

void fpx_bail(void)
{
	kprintf("Bail out! more than 8 exceptions in one run (the FP line never dropped?)\n");
	diag();
	halt();
}

/* The code buffer, run through kseg1 so no I-cache line can be stale. */
static uint32_t code[8] __attribute__((aligned(16)));

static volatile uint32_t *code_u(void)
{
	return (volatile uint32_t *)KSEG1((uint32_t)(uintptr_t)code & KSEG_PHYS_MASK);
}

/* Run the words w[0..n) followed by jr ra; nop, with a0 = arg and Status =
   sr; the handler resumes at word `resume`. Returns the buffer's address. */
static uint32_t run(const uint32_t *w, unsigned n, unsigned resume, uint32_t arg, uint32_t sr)
{
	volatile uint32_t *u = code_u();

	for (unsigned i = 0; i < n; i++)
		u[i] = w[i];
	u[n] = OP_JR_RA;
	u[n + 1] = OP_NOP;
	fpx_cause = fpx_epc = fpx_status = fpx_fcr31 = fpx_count = 0;
	fpx_resume = (uint32_t)(uintptr_t)&u[resume];
	mtc0(C0_STATUS, sr);
	((void (*)(uint32_t))(uintptr_t)u)(arg);
	mtc0(C0_STATUS, SR_CU1);
	return (uint32_t)(uintptr_t)u;
}

#define SR_ON	(SR_CU1 | IP7 | SR_IEC)	/* the FP interrupt enabled, nothing else */

/* One interrupt, taken on the instruction at epc (BD as given). */
static int took_at(uint32_t epc, int bd)
{
	return fpx_count == 1 && ((fpx_cause & CAUSE_EXC_MASK) >> CAUSE_EXC_SHIFT) == EXC_INT &&
	       (fpx_cause & IP7) && fpx_epc == epc && !!(fpx_cause & CAUSE_BD) == bd;
}

/* ---- one operation, checked ---- */

struct opcase {
	const char *name;
	unsigned fmt, func;
	uint64_t a, b;		/* fs (f2/f3) and ft (f4/f5); singles in the low word */
	uint32_t enables;	/* X_* whose enable bit is set */
	int traps;		/* 1: the interrupt is taken on it */
	uint32_t causes;	/* FCR31 cause field afterwards */
	uint64_t result;	/* fd when it does not trap (single: low word) */
};

#define SENT_LO	0xdeadbeefu
#define SENT_HI	0xcafef00du

static void one(const struct opcase *c)
{
	uint32_t f[8] = { SENT_LO, SENT_HI, (uint32_t)c->a, (uint32_t)(c->a >> 32),
			  (uint32_t)c->b, (uint32_t)(c->b >> 32), 0, 0 };
	uint32_t w[1] = { FPOP(c->fmt, c->func) };
	int dbl = c->fmt == D && c->func != CVTS && c->func != CVTW;

	fpx_set31(ENABLES(c->enables));
	fpx_load(f);
	uint32_t at = run(w, 1, 1, 0, SR_ON);
	uint32_t after = fpx_get31();
	fpx_store(f);
	if (c->traps) {
		if (!ck(took_at(at, 0) && CAUSES(fpx_fcr31) == c->causes, GX_NOFPINT,
			"%s: the FP interrupt is taken on it (EPC = it, BD clear), cause %02x",
			c->name, (unsigned)c->causes))
			diag();
		ck(f[0] == SENT_LO && f[1] == SENT_HI && FLAGS_OF(fpx_fcr31) == 0, GX_NOFPINT,
		   "%s: destination unchanged, no flag set (f0 %08x f1 %08x)", c->name,
		   (unsigned)f[0], (unsigned)f[1]);
	} else {
		int ok = fpx_count == 0 && CAUSES(after) == c->causes &&
			 (FLAGS_OF(after) & c->causes) == (c->causes & 0x1f) &&
			 f[0] == (uint32_t)c->result &&
			 (dbl ? f[1] == (uint32_t)(c->result >> 32) : f[1] == SENT_HI);
		if (!ck(ok, c->causes ? GX_NOFLAGS : NULL, "%s: no interrupt, cause and flag %02x, result %08x%08x", c->name,
			(unsigned)c->causes, (unsigned)(c->result >> 32), (unsigned)c->result)) {
			kprintf("#   got f1:f0 %08x%08x fcr31 %08x\n", (unsigned)f[1], (unsigned)f[0],
				(unsigned)after);
			diag();
		}
	}
	fpx_set31(0);
}

static void test_ops(void)
{
	/* 1e-310 (a denormal double), 0.5, DBL_MIN, 1, 3 and singles. */
	static const struct opcase cases[] = {
		/* [R4K 7.4 "Unimplemented": a denormal operand is E] */
		{ "mul.d 1e-310 * 0.5 (denormal operand)", D, MUL, 0x000012688b70e62bull,
		  0x3fe0000000000000ull, 0, 1, X_E, 0 },
		{ "add.d 1e-310 + 1 (denormal operand)", D, ADD, 0x000012688b70e62bull,
		  0x3ff0000000000000ull, 0, 1, X_E, 0 },
		/* [R4K 7.4 "Underflow": with no FS bit a tiny result is E,
		   enabled or not] */
		{ "mul.d DBL_MIN * 0.5 (denormal result)", D, MUL, 0x0010000000000000ull,
		  0x3fe0000000000000ull, 0, 1, X_E, 0 },
		{ "mul.s 1e-30 * 1e-30 (underflow), U disabled", S, MUL, 0x0da24260, 0x0da24260,
		  0, 1, X_E, 0 },
		{ "mul.s 1e-30 * 1e-30 (underflow), U enabled", S, MUL, 0x0da24260, 0x0da24260,
		  X_U, 1, X_E, 0 },
		/* [R4K 7.4: a reserved function is E; sqrt is MIPS II] */
		{ "sqrt.s (not in the R3010)", S, SQRT, 0x3f800000, 0, 0, 1, X_E, 0 },
		{ "cvt.d.d (reserved)", D, CVTD, 0x3ff0000000000000ull, 0, 0, 1, X_E, 0 },
		/* [FPU, R4K 7.4: a quiet-NaN operand is E on the R3010] */
		{ "add.s of a quiet NaN (0x7fbfffff)", S, ADD, 0x7fbfffff, 0x3f800000, 0, 1, X_E, 0 },
		/* [R4K 7.4 "Invalid": a signalling NaN operand is V] */
		{ "add.s of a signalling NaN (0x7fc00000), V disabled", S, ADD, 0x7fc00000,
		  0x3f800000, 0, 0, X_V, 0x7fbfffff },
		{ "add.s of a signalling NaN (0x7fc00000), V enabled", S, ADD, 0x7fc00000,
		  0x3f800000, X_V, 1, X_V, 0 },
		{ "div.s 0/0, V disabled", S, DIV, 0, 0, 0, 0, X_V, 0x7fbfffff },
		{ "div.s 0/0, V enabled", S, DIV, 0, 0, X_V, 1, X_V, 0 },
		{ "div.d 1/0, Z disabled", D, DIV, 0x3ff0000000000000ull, 0, 0, 0, X_Z,
		  0x7ff0000000000000ull },
		{ "div.d 1/0, Z enabled", D, DIV, 0x3ff0000000000000ull, 0, X_Z, 1, X_Z, 0 },
		{ "mul.s FLT_MAX * 2, O disabled", S, MUL, 0x7f7fffff, 0x40000000, 0, 0,
		  X_O | X_I, 0x7f800000 },
		{ "mul.s FLT_MAX * 2, O enabled", S, MUL, 0x7f7fffff, 0x40000000, X_O, 1,
		  X_O | X_I, 0 },
		{ "div.s 1/3, I disabled", S, DIV, 0x3f800000, 0x40400000, 0, 0, X_I, 0x3eaaaaab },
		{ "div.s 1/3, I enabled", S, DIV, 0x3f800000, 0x40400000, X_I, 1, X_I, 0 },
		{ "cvt.w.d 1e10 (out of range), V enabled", D, CVTW, 0x4202a05f20000000ull, 0,
		  X_V, 1, X_V, 0 },
		/* Exact: nothing at all, every enable on. */
		{ "add.d 1 + 0.5, all enabled (exact)", D, ADD, 0x3ff0000000000000ull,
		  0x3fe0000000000000ull, X_I | X_U | X_O | X_Z | X_V, 0, 0, 0x3ff8000000000000ull },
	};

	for (unsigned i = 0; i < ARRAY_SIZE(cases); i++)
		one(&cases[i]);
}

/* ---- delivery ---- */

static void test_delay_slot(void)
{
	/* [BSD: with Cause.BD the FP instruction is at EPC + 4 and the
	   handler emulates the branch] */
	uint32_t f[8] = { SENT_LO, SENT_HI, 0x8b70e62bu, 0x00001268u,
			  0x00000000u, 0x3fe00000u, 0, 0 };
	uint32_t w[4] = { OP_B_PLUS2, FPOP(D, MUL), OP_NOP, OP_NOP };

	fpx_set31(0);
	fpx_load(f);
	uint32_t at = run(w, 3, 3, 0, SR_ON);
	fpx_store(f);
	if (!ck(took_at(at, 1) && CAUSES(fpx_fcr31) == X_E, GX_NOFPINT,
		"mul.d of a denormal in a taken branch's delay slot: EPC = the branch, Cause.BD set"))
		diag();
	ck(f[0] == SENT_LO && f[1] == SENT_HI, GX_NOFPINT, "... and its destination is unchanged");
}

static void test_ctc1(void)
{
	/* [R4K 7.1: the interrupt is (Cause & Enables) or Cause.E, so ctc1
	   writing such bits raises it; BSD's SIGFPE path clears FCR31 with
	   ctc1 zero, which drops it] The ctc1 completes (FCR31 holds the
	   value) and the interrupt is taken after it. */
	uint32_t w[3] = { OP_CTC1_A0, OP_NOP, OP_NOP };
	uint32_t v = ENABLES(X_V) | (X_V << 12);
	uint32_t at = run(w, 3, 3, v, SR_ON);
	if (!ck(fpx_count == 1 && (fpx_cause & IP7) && !(fpx_cause & CAUSE_BD) &&
		fpx_epc > at && fpx_epc <= at + 8 && fpx_fcr31 == v, GX_NOFPINT,
		"ctc1 of cause V with V enabled: the ctc1 completes, the interrupt follows it"))
		diag();
	at = run(w, 3, 3, X_E << 12, SR_ON);
	if (!ck(fpx_count == 1 && fpx_epc > at && fpx_epc <= at + 8 &&
		fpx_fcr31 == (X_E << 12), GX_NOFPINT,
		"ctc1 of cause E (which has no enable) raises the interrupt"))
		diag();
	run(w, 3, 3, X_V << 12, SR_ON);
	ck(fpx_count == 0 && CAUSES(fpx_get31()) == X_V, NULL,
	   "ctc1 of cause V with V disabled: no interrupt");
	fpx_set31(0);
	ck(!(mfc0(C0_CAUSE) & IP7), NULL, "FCR31 cleared: Cause.IP7 reads 0");
}

static void test_masked(void)
{
	/* [R3K 3: an interrupt line is seen in Cause.IP whatever Status
	   says, and taken once IEc and its IM bit allow] */
	uint32_t f[8] = { SENT_LO, SENT_HI, 0, 0, 0, 0, 0, 0 };
	uint32_t w[3] = { FPOP(S, DIV), OP_NOP, OP_NOP };

	fpx_set31(ENABLES(X_V));
	fpx_load(f);
	run(w, 1, 1, 0, SR_CU1 | IP7);		/* IEc clear */
	uint32_t cause = mfc0(C0_CAUSE);
	fpx_store(f);
	ck(fpx_count == 0 && (cause & IP7) && CAUSES(fpx_get31()) == X_V && f[0] == SENT_LO, GX_NOFPINT,
	   "div.s 0/0, V enabled, IEc clear: no exception, Cause.IP7 set, fd unchanged");
	w[0] = OP_MTC0_A0_SR;
	uint32_t at = run(w, 3, 3, SR_ON, SR_CU1);
	if (!ck(fpx_count == 1 && (fpx_cause & IP7) && fpx_epc > at && fpx_epc <= at + 8 &&
		CAUSES(fpx_fcr31) == X_V, GX_NOFPINT,
		"... taken once mtc0 sets IEc and IM7, after the mtc0"))
		diag();
	ck(!(mfc0(C0_CAUSE) & IP7), NULL, "the handler's ctc1 dropped the line");

	fpx_set31(ENABLES(X_V));
	w[0] = FPOP(S, DIV);
	fpx_load(f);
	run(w, 1, 1, 0, SR_CU1 | SR_IEC);	/* IM7 clear */
	cause = mfc0(C0_CAUSE);
	ck(fpx_count == 0 && (cause & IP7), GX_NOFPINT,
	   "div.s 0/0, V enabled, IM7 clear: no exception, Cause.IP7 set");
	fpx_set31(0);
	ck(!(mfc0(C0_CAUSE) & IP7), NULL, "ctc1 clearing the cause drops Cause.IP7");
}

void kmain(void)
{
	volatile uint32_t *gen = (volatile uint32_t *)KSEG1(VEC_GENERAL & KSEG_PHYS_MASK);
	unsigned n = (unsigned)(fpx_stub_end - fpx_gen_stub);

	on_gxemul = boot_has_arg("emu=gxemul");
	kprintf("# fpexc: R3010 exceptions as the R3000 sees them%s\n",
		on_gxemul ? " (GXemul: documented deviations are skipped)" : "");
	mtc0(C0_STATUS, 0);
	for (unsigned i = 0; i < n; i++)
		gen[i] = fpx_gen_stub[i];
	icache_inval(VEC_GENERAL, 0x80);
	mtc0(C0_STATUS, SR_CU1);
	fpx_set31(0);

	test_ops();
	test_delay_slot();
	test_ctc1();
	test_masked();

	if (tap_skipped())
		kprintf("# %d GXemul deviations skipped\n", tap_skipped());
	tap_done();
}
