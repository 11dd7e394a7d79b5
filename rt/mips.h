/*
 * mips.h - R3000 CP0 registers and bits, and the address-space layout.
 * Source: MIPS R3000 RISC Processor User's Manual (IDT/LSI), ch. 3 and 6;
 * Kane & Heinrich, "MIPS RISC Architecture", ch. 4-6.
 */
#ifndef RT_MIPS_H
#define RT_MIPS_H

/* CP0 register numbers (R3000: no Wired/Count/Compare registers). */
#define C0_INDEX	0
#define C0_RANDOM	1
#define C0_ENTRYLO	2
#define C0_CONTEXT	4
#define C0_BADVADDR	8
#define C0_ENTRYHI	10
#define C0_STATUS	12
#define C0_CAUSE	13
#define C0_EPC		14
#define C0_PRID		15

/* Status register. */
#define SR_IEC		0x00000001	/* interrupt enable, current */
#define SR_KUC		0x00000002	/* user mode, current */
#define SR_IEP		0x00000004	/* previous */
#define SR_KUP		0x00000008
#define SR_IEO		0x00000010	/* old */
#define SR_KUO		0x00000020
#define SR_IM_MASK	0x0000ff00	/* interrupt mask, IP0..IP7 */
#define SR_ISC		0x00010000	/* isolate (data) cache */
#define SR_SWC		0x00020000	/* swap caches */
#define SR_PZ		0x00040000
#define SR_CM		0x00080000
#define SR_PE		0x00100000
#define SR_TS		0x00200000	/* TLB shutdown */
#define SR_BEV		0x00400000	/* bootstrap exception vectors */
#define SR_CU0		0x10000000
#define SR_CU1		0x20000000

/* Cause register. */
#define CAUSE_BD	0x80000000	/* exception in a branch delay slot */
#define CAUSE_CE_SHIFT	28
#define CAUSE_IP_MASK	0x0000ff00
#define CAUSE_EXC_SHIFT	2
#define CAUSE_EXC_MASK	0x0000007c

/* Exception codes (Cause.ExcCode). */
#define EXC_INT		0	/* interrupt */
#define EXC_MOD		1	/* TLB modification */
#define EXC_TLBL	2	/* TLB miss, load or fetch */
#define EXC_TLBS	3	/* TLB miss, store */
#define EXC_ADEL	4	/* address error, load or fetch */
#define EXC_ADES	5	/* address error, store */
#define EXC_IBE		6	/* bus error, fetch */
#define EXC_DBE		7	/* bus error, data */
#define EXC_SYS		8	/* syscall */
#define EXC_BP		9	/* break */
#define EXC_RI		10	/* reserved instruction */
#define EXC_CPU		11	/* coprocessor unusable */
#define EXC_OV		12	/* arithmetic overflow */

/* EntryHi and the TLB's Index: VPN << 12 | ASID << 6; Index << 8. */
#define ENTRYHI_ASID_SHIFT	6
#define ENTRYHI_ASID_MASK	0x00000fc0u
#define ENTRYHI_VPN_MASK	0xfffff000u
#define ASID_OF(hi)		(((hi) & ENTRYHI_ASID_MASK) >> ENTRYHI_ASID_SHIFT)
#define TLB_INDEX_SHIFT		8
#define TLB_INDEX_P		0x80000000u	/* tlbp found nothing */

/* Segments. */
#define KSEG0_BASE	0x80000000u
#define KSEG1_BASE	0xa0000000u
#define KSEG2_BASE	0xc0000000u
#define KSEG_PHYS_MASK	0x1fffffffu
#define KSEG0(pa)	((unsigned long)(pa) | KSEG0_BASE)
#define KSEG1(pa)	((unsigned long)(pa) | KSEG1_BASE)

/* Exception vectors (BEV = 0). */
#define VEC_UTLB	0x80000000u
#define VEC_GENERAL	0x80000080u

#ifdef __ASSEMBLER__
/* "$12" spelled by name; a "$NAME" token would not be macro-expanded. */
#define CP0_INDEX	$0
#define CP0_RANDOM	$1
#define CP0_ENTRYLO	$2
#define CP0_CONTEXT	$4
#define CP0_BADVADDR	$8
#define CP0_ENTRYHI	$10
#define CP0_STATUS	$12
#define CP0_CAUSE	$13
#define CP0_EPC		$14
#define CP0_PRID	$15

/* Zero t0-t9: part of every register set the kernel clears before it
   returns to user code or enters an ASH, so that no kernel value leaks
   (aegis/sysentry.S, aegis/net/ash_run.S). Ten instructions, counted as
   such wherever those paths count theirs. */
	.macro	ZERO_T
	move	$t0, $zero
	move	$t1, $zero
	move	$t2, $zero
	move	$t3, $zero
	move	$t4, $zero
	move	$t5, $zero
	move	$t6, $zero
	move	$t7, $zero
	move	$t8, $zero
	move	$t9, $zero
	.endm
/* at, v1, a0-a3 and the t registers cleared: what a return to user mode
   leaves of the kernel's scratch registers but v0 (the result, if any). */
	.macro	ZERO_SCRATCH_BUT_V0
	move	$at, $zero
	move	$v1, $zero
	move	$a0, $zero
	move	$a1, $zero
	move	$a2, $zero
	move	$a3, $zero
	ZERO_T
	.endm
#else
/* mfc0/mtc0 need the register number as an immediate, hence the macros. */
#define mfc0(reg) ({ unsigned int v_; \
	__asm__ __volatile__("mfc0 %0, $%1\n\tnop" : "=r"(v_) : "i"(reg)); v_; })
#define mtc0(reg, val) \
	__asm__ __volatile__("mtc0 %0, $%1\n\tnop" : : "r"(val), "i"(reg) : "memory")
#endif

#endif
