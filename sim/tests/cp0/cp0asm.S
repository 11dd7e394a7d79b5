/*
 * cp0asm.S - the assembly half of the R3000 CP0/pipeline test image
 * (cp0test.c): our own exception vectors and handler, and the instruction
 * sequences whose exact order matters (load and branch delay slots, the
 * KU/IE stack, isolated and swapped caches, user mode). Everything here is
 * .set noreorder: the assembler must not fill or pad any slot.
 *
 * References (cited beside each check in cp0test.c):
 *   [R3K]  MIPS R3000 RISC Processor User's Manual (IDT/LSI), ch. 2-6;
 *   [K&H]  Kane & Heinrich, "MIPS RISC Architecture" (1992), ch. 4-6, app. A.
 */
#include "../../../rt/mips.h"

	.set	noreorder
	.set	noat
	.text

/*
 * Vector stubs, four words each, copied to 0x80000000 (UTLB miss) and
 * 0x80000080 (everything else) through kseg1. Only k0/k1 may be used
 * before state is saved; k1 tells the common handler which vector ran.
 */
	.globl	cp0_utlb_stub, cp0_gen_stub, cp0_stub_end
cp0_utlb_stub:
	lui	$k0, %hi(exc_common)
	addiu	$k0, $k0, %lo(exc_common)
	jr	$k0
	addiu	$k1, $zero, 0
cp0_gen_stub:
	lui	$k0, %hi(exc_common)
	addiu	$k0, $k0, %lo(exc_common)
	jr	$k0
	addiu	$k1, $zero, 0x80
cp0_stub_end:

/*
 * exc_common: record vector, Cause, EPC, BadVAddr, Status, Context and
 * EntryHi as the CPU left them, count the exception, then
 *  - UTLB vector with utlb_fill_lo != 0: refill (EntryHi already holds the
 *    faulting VPN and the current ASID), tlbwr, retry at EPC with rfe;
 *  - not armed, or a runaway (> 64): jump to cp0_bail (C) in kernel mode;
 *  - exc_resume != 0: continue there in kernel mode WITHOUT rfe (the test
 *    restores Status itself; used for user mode and delay-slot faults);
 *  - otherwise: continue at EPC + 4 with rfe (skip the faulting insn).
 * Every mfc0 has its load delay slot filled by an independent lui.
 */
	.ent	exc_common
exc_common:
	lui	$k0, %hi(exc_vec)
	sw	$k1, %lo(exc_vec)($k0)
	mfc0	$k0, CP0_CAUSE
	lui	$k1, %hi(exc_cause)
	sw	$k0, %lo(exc_cause)($k1)
	mfc0	$k0, CP0_EPC
	lui	$k1, %hi(exc_epc)
	sw	$k0, %lo(exc_epc)($k1)
	mfc0	$k0, CP0_BADVADDR
	lui	$k1, %hi(exc_badvaddr)
	sw	$k0, %lo(exc_badvaddr)($k1)
	mfc0	$k0, CP0_STATUS
	lui	$k1, %hi(exc_status)
	sw	$k0, %lo(exc_status)($k1)
	mfc0	$k0, CP0_CONTEXT
	lui	$k1, %hi(exc_context)
	sw	$k0, %lo(exc_context)($k1)
	mfc0	$k0, CP0_ENTRYHI
	lui	$k1, %hi(exc_entryhi)
	sw	$k0, %lo(exc_entryhi)($k1)

	lui	$k1, %hi(exc_vec)
	lw	$k0, %lo(exc_vec)($k1)
	nop
	bne	$k0, $zero, 1f
	nop
	/* UTLB vector */
	lui	$k1, %hi(exc_utlb_count)
	lw	$k0, %lo(exc_utlb_count)($k1)
	nop
	addiu	$k0, $k0, 1
	sw	$k0, %lo(exc_utlb_count)($k1)
	lui	$k1, %hi(utlb_fill_lo)
	lw	$k0, %lo(utlb_fill_lo)($k1)
	nop
	beq	$k0, $zero, 2f
	nop
	mtc0	$k0, CP0_ENTRYLO
	nop
	tlbwr
	nop
	mfc0	$k0, CP0_EPC
	nop
	jr	$k0
	rfe
1:	lui	$k1, %hi(exc_gen_count)
	lw	$k0, %lo(exc_gen_count)($k1)
	nop
	addiu	$k0, $k0, 1
	sw	$k0, %lo(exc_gen_count)($k1)
2:	lui	$k1, %hi(exc_armed)
	lw	$k0, %lo(exc_armed)($k1)
	nop
	beq	$k0, $zero, exc_bail
	nop
	lui	$k1, %hi(exc_count)
	lw	$k0, %lo(exc_count)($k1)
	nop
	addiu	$k0, $k0, 1
	sw	$k0, %lo(exc_count)($k1)
	sltiu	$k0, $k0, 65
	beq	$k0, $zero, exc_bail
	nop
	lui	$k1, %hi(exc_resume)
	lw	$k0, %lo(exc_resume)($k1)
	nop
	beq	$k0, $zero, 3f
	nop
	sw	$zero, %lo(exc_resume)($k1)
	jr	$k0
	nop
3:	mfc0	$k0, CP0_EPC
	nop
	addiu	$k0, $k0, 4
	jr	$k0
	rfe
exc_bail:
	la	$sp, bail_stack_top
	la	$k0, cp0_bail
	jr	$k0
	nop
	.end	exc_common

/* ---- TLB helpers: each keeps EntryHi (the current ASID) intact. ---- */

/* void tlb_write(uint32_t index, uint32_t hi, uint32_t lo) */
	.globl	tlb_write
tlb_write:
	mfc0	$t0, CP0_ENTRYHI
	sll	$a0, $a0, 8
	mtc0	$a0, CP0_INDEX
	mtc0	$a1, CP0_ENTRYHI
	mtc0	$a2, CP0_ENTRYLO
	nop
	tlbwi
	nop
	mtc0	$t0, CP0_ENTRYHI
	jr	$ra
	nop

/* void tlb_write_random(uint32_t hi, uint32_t lo) */
	.globl	tlb_write_random
tlb_write_random:
	mfc0	$t0, CP0_ENTRYHI
	mtc0	$a0, CP0_ENTRYHI
	mtc0	$a1, CP0_ENTRYLO
	nop
	tlbwr
	nop
	mtc0	$t0, CP0_ENTRYHI
	jr	$ra
	nop

/* void tlb_read(uint32_t index, uint32_t out[2]) -> hi, lo */
	.globl	tlb_read
tlb_read:
	mfc0	$t0, CP0_ENTRYHI
	sll	$a0, $a0, 8
	mtc0	$a0, CP0_INDEX
	nop
	tlbr
	nop
	mfc0	$t1, CP0_ENTRYHI
	mfc0	$t2, CP0_ENTRYLO
	mtc0	$t0, CP0_ENTRYHI
	sw	$t1, 0($a1)
	jr	$ra
	sw	$t2, 4($a1)

/* uint32_t tlb_probe(uint32_t hi) -> Index after tlbp */
	.globl	tlb_probe
tlb_probe:
	mfc0	$t0, CP0_ENTRYHI
	mtc0	$a0, CP0_ENTRYHI
	nop
	tlbp
	nop
	mfc0	$v0, CP0_INDEX
	mtc0	$t0, CP0_ENTRYHI
	jr	$ra
	nop

/* ---- load delay slot [R3K 2 "load delay"; K&H 1.x, app. A LW] ---- */

/* void ld_delay(uint32_t *p, uint32_t old, uint32_t out[2]):
   out[0] = t0 as read by the instruction in the load delay slot,
   out[1] = t0 as read by the instruction after it. */
	.globl	ld_delay
ld_delay:
	move	$t0, $a1
	lw	$t0, 0($a0)
	addu	$t1, $t0, $zero		/* load delay slot */
	addu	$t2, $t0, $zero
	sw	$t1, 0($a2)
	jr	$ra
	sw	$t2, 4($a2)

/* void ld_delay_rt(uint32_t *p, uint32_t old, uint32_t out[2]): as
   ld_delay, with the slot reading t0 as rt (pmaxsim tells which
   registers the next instruction reads by its fields: rs and rt). */
	.globl	ld_delay_rt
ld_delay_rt:
	move	$t0, $a1
	lw	$t0, 0($a0)
	subu	$t1, $zero, $t0		/* load delay slot: t0 as rt */
	subu	$t2, $zero, $t0
	sw	$t1, 0($a2)
	jr	$ra
	sw	$t2, 4($a2)

/* void ld_delay_br(uint32_t *p, uint32_t old, uint32_t out[2]): as
   ld_delay, with the load in a branch delay slot: its own delay slot is
   the branch target. */
	.globl	ld_delay_br
ld_delay_br:
	move	$t0, $a1
	b	1f
	lw	$t0, 0($a0)		/* branch delay slot */
	nop
1:	addu	$t1, $t0, $zero		/* load delay slot */
	addu	$t2, $t0, $zero
	sw	$t1, 0($a2)
	jr	$ra
	sw	$t2, 4($a2)

/* void mfc0_delay(uint32_t old, uint32_t out[2]): the same for mfc0 of
   EntryHi (the caller has set EntryHi to a known value). */
	.globl	mfc0_delay
mfc0_delay:
	move	$t0, $a0
	mfc0	$t0, CP0_ENTRYHI
	addu	$t1, $t0, $zero		/* mfc0 delay slot */
	addu	$t2, $t0, $zero
	sw	$t1, 0($a1)
	jr	$ra
	sw	$t2, 4($a1)

/* void ld_overwrite(uint32_t *p, uint32_t out[2]):
   out[0]: lw t0 then, in its delay slot, addiu t0 = 0x5a5a;
   out[1]: lw t1, 0(p) then, in its delay slot, lw t1, 4(p). */
	.globl	ld_overwrite
ld_overwrite:
	lw	$t0, 0($a0)
	addiu	$t0, $zero, 0x5a5a	/* writes the load's target in the slot */
	nop
	sw	$t0, 0($a1)
	lw	$t1, 0($a0)
	lw	$t1, 4($a0)		/* a load in the slot of a load */
	nop
	jr	$ra
	sw	$t1, 4($a1)

/* uint32_t lwr_lwl(const void *p, uint32_t junk): unaligned word at p with
   lwr then lwl back to back into the same register (LE: lwr at p, lwl at
   p + 3). */
	.globl	lwr_lwl
lwr_lwl:
	move	$v0, $a1
	lwr	$v0, 0($a0)
	lwl	$v0, 3($a0)
	jr	$ra
	nop

/* uint32_t lw_lwl(const uint32_t *p, const void *q, uint32_t junk):
   lw v0, 0(p) immediately followed by lwl v0, 1(q). */
	.globl	lw_lwl
lw_lwl:
	move	$v0, $a2
	lw	$v0, 0($a0)
	lwl	$v0, 1($a1)
	jr	$ra
	nop

/* ---- branch delay slot [R3K 2 "branch delay"; K&H app. A] ---- */

	.globl	br_taken, br_nottaken, link_test
br_taken:
	move	$v0, $zero
	beq	$zero, $zero, 1f
	addiu	$v0, $v0, 1		/* delay slot: executes */
	addiu	$v0, $v0, 0x10		/* skipped */
1:	jr	$ra
	nop
br_nottaken:
	move	$v0, $zero
	bne	$zero, $zero, 1f
	addiu	$v0, $v0, 1		/* delay slot: executes */
	addiu	$v0, $v0, 0x10		/* falls through to here */
1:	jr	$ra
	nop

/* void link_test(uint32_t out[6]): {jal address, its link, jalr address,
   its link (rd = t9), bltzal address, its link (not taken)}. */
link_test:
	move	$t8, $ra
	la	$t0, 1f
	sw	$t0, 0($a0)
1:	jal	2f
	nop
2:	sw	$ra, 4($a0)
	la	$t0, 3f
	sw	$t0, 8($a0)
	la	$t1, 4f
3:	jalr	$t9, $t1
	nop
4:	sw	$t9, 12($a0)
	la	$t0, 5f
	sw	$t0, 16($a0)
	move	$ra, $zero
5:	bltzal	$zero, 6f		/* 0 < 0 is false: not taken */
	nop
6:	sw	$ra, 20($a0)
	move	$ra, $t8
	jr	$ra
	nop

/* uint32_t bd_exc(const void *odd, int nottaken): a branch (taken if
   nottaken == 0) whose delay slot does lw from an odd address (AdEL).
   The handler continues at exc_resume. Returns the branch's address. */
	.globl	bd_exc
bd_exc:
	la	$t0, 2f
	lui	$t1, %hi(exc_resume)
	sw	$t0, %lo(exc_resume)($t1)
	la	$v0, 1f
1:	beq	$a1, $zero, 2f
	lw	$t2, 0($a0)		/* AdEL in the branch delay slot */
	nop
2:	jr	$ra
	nop

/* ---- KU/IE stack [R3K 6 "Status register"; K&H 6.x] ---- */

/* uint32_t stack_syscall(uint32_t low6): Status[5:0] = low6, syscall (the
   handler returns to EPC+4 with rfe), return Status as it is after. */
	.globl	stack_syscall, stack_syscall_at
stack_syscall:
	mfc0	$t0, CP0_STATUS
	addiu	$t1, $zero, -64
	and	$t1, $t0, $t1
	or	$t1, $t1, $a0
	mtc0	$t1, CP0_STATUS
	nop
stack_syscall_at:
	syscall
	nop
	mfc0	$v0, CP0_STATUS
	nop
	mtc0	$t0, CP0_STATUS
	jr	$ra
	nop

/* uint32_t rfe_test(uint32_t low6): Status[5:0] = low6, rfe, return Status. */
	.globl	rfe_test
rfe_test:
	mfc0	$t0, CP0_STATUS
	addiu	$t1, $zero, -64
	and	$t1, $t0, $t1
	or	$t1, $t1, $a0
	mtc0	$t1, CP0_STATUS
	nop
	nop
	rfe
	nop
	mfc0	$v0, CP0_STATUS
	nop
	mtc0	$t0, CP0_STATUS
	jr	$ra
	nop

/* void swint_test(void): enable IM0 and IEc, set Cause.IP0 (a software
   interrupt); the handler continues at 1f. Cause and Status restored. */
	.globl	swint_test
swint_test:
	la	$t0, 1f
	lui	$t1, %hi(exc_resume)
	sw	$t0, %lo(exc_resume)($t1)
	mfc0	$t2, CP0_STATUS
	addiu	$t1, $zero, -64
	and	$t1, $t2, $t1
	li	$t3, ~SR_IM_MASK
	and	$t1, $t1, $t3
	ori	$t1, $t1, 0x0101	/* IM0 | IEc */
	mtc0	$t1, CP0_STATUS
	nop
	addiu	$t1, $zero, 0x100
	mtc0	$t1, CP0_CAUSE		/* IP0: software interrupt 0 */
	addiu	$t3, $zero, 100		/* (taken long before this ends) */
2:	bne	$t3, $zero, 2b
	addiu	$t3, $t3, -1
1:	mtc0	$zero, CP0_CAUSE
	nop
	mtc0	$t2, CP0_STATUS
	nop
	lui	$t1, %hi(exc_resume)
	jr	$ra
	sw	$zero, %lo(exc_resume)($t1)

/* void random_pair(uint32_t out[2]): two back-to-back reads of Random. */
	.globl	random_pair
random_pair:
	mfc0	$t0, CP0_RANDOM
	mfc0	$t1, CP0_RANDOM
	nop
	sw	$t0, 0($a0)
	jr	$ra
	sw	$t1, 4($a0)

/* ---- caches [R3K 5 "Cache isolation and swapping"; K&H 5.x] ---- */

/* void iso_sw_lw(uint32_t *p, uint32_t val, uint32_t out[2]): with IsC
   set, sw val to p then lw from p; out = {loaded word, Status (CM)}. */
	.globl	iso_sw_lw
iso_sw_lw:
	mfc0	$t0, CP0_STATUS
	lui	$t1, 0x0001		/* SR_ISC */
	or	$t1, $t0, $t1
	mtc0	$t1, CP0_STATUS
	nop
	nop
	sw	$a1, 0($a0)
	lw	$t2, 0($a0)
	nop
	mfc0	$t3, CP0_STATUS
	nop
	mtc0	$t0, CP0_STATUS
	nop
	nop
	sw	$t2, 0($a2)
	jr	$ra
	sw	$t3, 4($a2)

/* void iso_sb_lw(uint32_t *p, uint32_t out[2]): with IsC set, sb 0 to p
   (a partial-word store: invalidates the line), then lw from p. */
	.globl	iso_sb_lw
iso_sb_lw:
	mfc0	$t0, CP0_STATUS
	lui	$t1, 0x0001		/* SR_ISC */
	or	$t1, $t0, $t1
	mtc0	$t1, CP0_STATUS
	nop
	nop
	sb	$zero, 0($a0)
	lw	$t2, 0($a0)
	nop
	mfc0	$t3, CP0_STATUS
	nop
	mtc0	$t0, CP0_STATUS
	nop
	nop
	sw	$t2, 0($a1)
	jr	$ra
	sw	$t3, 4($a1)

/* uint32_t cache_probe(uint32_t flags): the classic R3000 cache sizing
   (Linux arch/mips/mm/c-r3k.c r3k_cache_size, NetBSD
   mips_config_cache_prehistoric): with flags (IsC, or IsC|SwC for the
   I-cache) set, store 0 at KSEG0 + 4*n for n = 128, 256, ... 0x40000, store
   -1 at KSEG0, and find the first n whose word reads back non-zero: the
   cache wraps there. Returns the size in bytes (0 if none found). Then
   invalidates every line it touched. Position independent; MUST be called
   through its kseg1 alias. */
	.globl	cache_probe
cache_probe:
	mfc0	$t0, CP0_STATUS
	addiu	$t2, $zero, -2		/* ~SR_IEC */
	or	$t1, $t0, $a0
	and	$t1, $t1, $t2
	mtc0	$t1, CP0_STATUS
	nop
	nop
	lui	$t3, 0x8000		/* p = KSEG0 */
	li	$t4, 0xa5a55a5a
	sw	$t4, 0($t3)
	lw	$t5, 0($t3)
	move	$v0, $zero
	mfc0	$t6, CP0_STATUS
	lui	$t7, 0x0008		/* SR_CM */
	bne	$t5, $t4, 5f		/* no isolated cache to speak of */
	and	$t6, $t6, $t7
	bne	$t6, $zero, 5f
	nop
	addiu	$t7, $zero, 512		/* byte offset of word 128 */
	lui	$t8, 0x0010		/* byte offset of word 0x40000 */
1:	addu	$t9, $t3, $t7
	sw	$zero, 0($t9)
	sll	$t7, $t7, 1
	sltu	$t6, $t8, $t7
	beq	$t6, $zero, 1b
	nop
	addiu	$t4, $zero, -1
	sw	$t4, 0($t3)
	addiu	$t7, $zero, 512
2:	addu	$t9, $t3, $t7
	lw	$t6, 0($t9)
	nop
	bne	$t6, $zero, 3f
	nop
	sll	$t7, $t7, 1
	sltu	$t6, $t8, $t7
	beq	$t6, $zero, 2b
	nop
	b	5f
	move	$v0, $zero
3:	move	$v0, $t7
5:	/* invalidate what was touched (still isolated): partial stores */
	sb	$zero, 0($t3)
	addiu	$t7, $zero, 512
	lui	$t8, 0x0010
6:	addu	$t9, $t3, $t7
	sb	$zero, 0($t9)
	sll	$t7, $t7, 1
	sltu	$t6, $t8, $t7
	beq	$t6, $zero, 6b
	nop
	mtc0	$t0, CP0_STATUS
	nop
	nop
	jr	$ra
	nop

/* ---- user mode [R3K 6 "Status", "rfe"; K&H 6.x] ---- */

/* uint32_t user_run(uint32_t va, uint32_t a0): enter user mode at va with
   a0 set, by rfe with KUp = 1 (IEp = 0). The next exception returns to
   user_back (exc_resume) in kernel mode; user v0 is returned. */
	.globl	user_run
user_run:
	lui	$t0, %hi(user_saved)
	sw	$ra, %lo(user_saved)($t0)
	sw	$sp, %lo(user_saved+4)($t0)
	mfc0	$t1, CP0_STATUS
	nop
	sw	$t1, %lo(user_saved+8)($t0)
	la	$t2, user_back
	lui	$t3, %hi(exc_resume)
	sw	$t2, %lo(exc_resume)($t3)
	addiu	$t2, $zero, -64
	and	$t2, $t1, $t2
	ori	$t2, $t2, SR_KUP	/* KUo IEo KUp IEp KUc IEc = 0 0 1 0 0 0 */
	mtc0	$t2, CP0_STATUS
	move	$t4, $a0
	move	$a0, $a1
	move	$v0, $zero
	jr	$t4
	rfe				/* KUc/IEc <- KUp/IEp: user mode */
user_back:
	lui	$t0, %hi(user_saved)
	lw	$ra, %lo(user_saved)($t0)
	lw	$sp, %lo(user_saved+4)($t0)
	lw	$t1, %lo(user_saved+8)($t0)
	nop
	mtc0	$t1, CP0_STATUS
	nop
	jr	$ra
	nop

/* User-mode snippets, 4 words each, copied into a mapped kuseg page.
   Position independent. Each ends in a syscall so that a missing
   exception is seen as a syscall, not as a runaway. */
	.globl	usr_code, usr_code_end
usr_code:
usr_syscall:				/* +0x00 */
	addiu	$v0, $zero, 0x1234
	syscall
	nop
	nop
usr_load_kseg0:				/* +0x10: a0 = a kseg0 address */
	lw	$t0, 0($a0)
	nop
	syscall
	nop
usr_store_kseg1:			/* +0x20: a0 = a kseg1 address */
	sw	$zero, 0($a0)
	nop
	syscall
	nop
usr_mfc0:				/* +0x30 */
	mfc0	$t0, CP0_STATUS
	nop
	syscall
	nop
usr_rfe:				/* +0x40 */
	rfe
	nop
	syscall
	nop
usr_jump:				/* +0x50: a0 = a kseg0 code address */
	jr	$a0
	nop
	syscall
	nop
usr_code_end:

	.data
	.align	4
	.globl	exc_vec, exc_cause, exc_epc, exc_badvaddr, exc_status
	.globl	exc_context, exc_entryhi, exc_utlb_count, exc_gen_count
	.globl	exc_count, exc_armed, exc_resume, utlb_fill_lo
exc_vec:	.word	0
exc_cause:	.word	0
exc_epc:	.word	0
exc_badvaddr:	.word	0
exc_status:	.word	0
exc_context:	.word	0
exc_entryhi:	.word	0
exc_utlb_count:	.word	0
exc_gen_count:	.word	0
exc_count:	.word	0
exc_armed:	.word	0
exc_resume:	.word	0
utlb_fill_lo:	.word	0
	.align	4
user_saved:	.word	0, 0, 0, 0

	.bss
	.align	3
bail_stack:
	.space	4096
bail_stack_top:
