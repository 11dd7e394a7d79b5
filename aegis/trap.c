/*
 * trap.c - the general exception path's C half: install the vectors, hand
 * an exception from user mode to the environments' code (trap_user, set
 * by env.c), count a clock tick and serve the LANCE when an interrupt
 * comes while the kernel runs (only where it turned them on), and
 * treat any other exception in the kernel as fatal except one a probe has
 * armed for (probe_read, the self-tests: they check the recorded Cause,
 * EPC and BadVAddr).
 */
#include "exc.h"
#include "kernel.h"
#include "platform.h"
#include "tlb.h"
#include "mips.h"
#include "net/lance.h"
#include "trap.h"
#include "trapframe.h"
#include "invariants.h"

_Static_assert(sizeof(struct trapframe) == TF_SIZE, "trapframe.h out of step");

extern char utlb_vector[], utlb_vector_end[];

struct trap_probe trap_probe;
volatile uint32_t clock_ticks;

static const char *const exc_names[32] = {
	[EXC_INT] = "interrupt", [EXC_MOD] = "TLB modification",
	[EXC_TLBL] = "TLB miss (load)", [EXC_TLBS] = "TLB miss (store)",
	[EXC_ADEL] = "address error (load)", [EXC_ADES] = "address error (store)",
	[EXC_IBE] = "bus error (fetch)", [EXC_DBE] = "bus error (data)",
	[EXC_SYS] = "syscall", [EXC_BP] = "breakpoint",
	[EXC_RI] = "reserved instruction", [EXC_CPU] = "coprocessor unusable",
	[EXC_OV] = "arithmetic overflow",
};

const char *trap_name(unsigned code)
{
	return code < 32 && exc_names[code] ? exc_names[code] : "reserved";
}

int probe_read(uint32_t kseg1_addr, uint32_t *val)
{
	trap_probe.hits = 0;
	trap_probe.armed = 1;
	uint32_t v = *(volatile uint32_t *)kseg1_addr;
	int faulted = trap_probe.hits > 0;
	trap_probe.armed = 0;
	trap_probe.hits = 0;
	if (faulted)
		return -1;
	*val = v;
	return 0;
}

void trap_init(void)
{

	/* Written through kseg1 so the words reach memory, not just the
	   write-through D-cache's copy; nothing has run from these addresses
	   since reset, so the I-cache holds no stale line for them. */
	tlb_init();
	kmemcpy((void *)KSEG1(VEC_UTLB & KSEG_PHYS_MASK), utlb_vector,
		(size_t)(utlb_vector_end - utlb_vector));
	xc_init(&kernel_xc);
	cur_xc = &kernel_xc;
	kmemcpy((void *)KSEG1(VEC_GENERAL & KSEG_PHYS_MASK), gen_vector,
		(size_t)(gen_vector_end - gen_vector));
	/* Kernel mode, interrupts off, our vectors (BEV clear). */
	mtc0(C0_STATUS, 0);
}

struct xc kernel_xc;
struct xc *volatile cur_xc = &kernel_xc;

void xc_init(struct xc *x)
{
	for (int i = 0; i < 32; i++) {
		x->route[i] = (uint32_t)trap_entry;
		x->save[i] = 0;
		x->uhandler[i] = 0;
	}
}

/* Exceptions from user mode go here once environments exist (env.c). */
void (*trap_user)(struct trapframe *tf, struct xc *from, unsigned code);

void trap(struct trapframe *tf)
{
	unsigned code = (tf->cause & CAUSE_EXC_MASK) >> CAUSE_EXC_SHIFT;

	if ((tf->status & SR_KUP) && trap_user) {
		/* The kernel routes its own exceptions while it runs; the
		   environment's routes come back as it is resumed. */
		struct xc *user = cur_xc;
		cur_xc = &kernel_xc;
		trap_user(tf, user, code);
#ifdef AEGIS_DEBUG_INVARIANTS
		inv_check("an exception");	/* the debug kernel (invariants.c) */
#endif
		cur_xc = user;
		return;
	}

	if (code == EXC_INT) {
		/* Kernel code that turned interrupts on (the self-tests): the
		   LANCE (whose line may be the clock's: KN02-BA IP5), then the
		   clock. */
		int served = lance_intr(tf->cause);
		if (platform->clock_ack && (tf->cause & (1u << (8 + platform->clock_ip))) &&
		    platform->clock_ack()) {
			clock_ticks++;
			served = 1;
		}
		if (served)
			return;
	}
	if (trap_probe.armed && !(tf->cause & CAUSE_BD)) {
		trap_probe.armed = 0;
		trap_probe.hits++;
		trap_probe.cause = tf->cause;
		trap_probe.epc = tf->epc;
		trap_probe.badvaddr = tf->badvaddr;
		tf->epc += 4;	/* step over the faulting instruction */
		return;
	}
	panic("unexpected %s (code %u) at epc %08x\n"
	      "  cause %08x status %08x badvaddr %08x ra %08x sp %08x",
	      trap_name(code), code, (unsigned)tf->epc, (unsigned)tf->cause,
	      (unsigned)tf->status, (unsigned)tf->badvaddr, (unsigned)tf->ra,
	      (unsigned)tf->sp);
}
