/*
 * bindtest.c - secure bindings of physical pages (SOSP'95 §3.1, §5.4):
 * pages allocated with capabilities the program chooses, bound into the
 * TLB with SYS_tlbwr only when the capability allows, every binding gone
 * when the page is freed or its capabilities change; capabilities that
 * are guessed, forged or borrowed get nothing. Also the STLB: mapped
 * read-only for probing, and the cost of a TLB miss that hits it;
 * SYS_tlbprot, which lowers bindings over a range; and SYS_tlbwrprot,
 * which binds one page and lowers another in one call.
 */
#include <aegis/counter.h>
#include <aegis/sys.h>
#include <aegis/stlb.h>
#include "../../user/report.h"
#include <aegis/exception.h>

#define VA1	0x10000000u
#define VA2	0x10001000u
#define VA3	0x10002000u
/* STLB slots are VPN mod 4096: the map (8 pages, slots 8..15) must not
   evict VA1..VA3 (slots 0..2), since a binding evicted from both the TLB
   and the STLB ends a program with no TLB-miss handler. */
#define STLB_VA	0x20008000u
#define RCAP	0x1234abcdu
#define WCAP	0x5678ef01u


/* Is a binding for va in the STLB (as probed through the read-only map)? */
static int in_stlb(unsigned va, unsigned ppn)
{
	const volatile unsigned *s = (const volatile unsigned *)STLB_VA;
	unsigned i = stlb_index((va & 0xfffff000u) | AEGIS_ENV_SLOT(sys_getenvid()) << 6);
	return (s[2 * i] & 0xfffff000u) == (va & 0xfffff000u) && (s[2 * i + 1] >> 12) == ppn;
}

/* The STLB's EntryLo for va, or 0 if the slot holds no binding of it. */
static unsigned stlb_lo(unsigned va)
{
	const volatile unsigned *s = (const volatile unsigned *)STLB_VA;
	unsigned i = stlb_index((va & 0xfffff000u) | AEGIS_ENV_SLOT(sys_getenvid()) << 6);
	return (s[2 * i] & 0xfffff000u) == (va & 0xfffff000u) ? s[2 * i + 1] : 0;
}
#define LO_D	0x400u	/* EntryLo's writable bit */
#define LO_V	0x200u

unsigned time_load(volatile unsigned *va, volatile unsigned *counter);	/* timeload.S */
void tlbmiss_handler(void);	/* tlbmiss.S */
unsigned load_in_delay_slot(unsigned va);	/* timeload.S */
extern char tlb_xsave[];

/* The library OS's "page table": one entry, and how often it was used. */
static unsigned pt_va, pt_ppn, pt_cap, misses;

int handle_miss(unsigned va)
{
	misses++;
	if ((va & ~4095u) != pt_va)
		sys_exit(99);		/* a real libOS would raise a segfault */
	/* A refused binding would miss again for ever: end instead. */
	if (sys_tlbwr(pt_va, pt_ppn, pt_cap, TLBWR_WRITE) != 0)
		sys_exit(98);
	return 0;
}

static unsigned lcg = 12345;
static unsigned next_random(void)
{
	lcg = lcg * 1103515245u + 12345u;
	return lcg;
}

/* SYS_tlbprot: every bad argument refused with nothing changed; a page
   made read-only in place; removed from the TLB too (the next access
   misses into the handler), over a short range (a tlbp per page) and a
   long one (a pass over the whole TLB). VA1 is bound writable and the
   miss handler rebinds it (pt_*). */
static void test_tlbprot(void)
{
	volatile unsigned *va1 = (volatile unsigned *)VA1;
	unsigned lo = stlb_lo(VA1), m = misses;
	int bad = sys_tlbprot(VA1 + 4, 1, 0) == -AEGIS_EINVAL &&
		  sys_tlbprot(VA1, 0, 0) == -AEGIS_EINVAL &&
		  sys_tlbprot(VA1, TLBPROT_MAXPAGES + 1, TLBPROT_NONE) == -AEGIS_EINVAL &&
		  sys_tlbprot(VA1, 1, 0x80) == -AEGIS_EINVAL &&
		  sys_tlbprot(0x80000000u, 1, TLBPROT_NONE) == -AEGIS_EFAULT &&
		  sys_tlbprot(0x7ffff000u, 2, TLBPROT_NONE) == -AEGIS_EFAULT &&
		  sys_tlbprot(0xfffff000u, TLBPROT_MAXPAGES, TLBPROT_NONE) == -AEGIS_EFAULT &&
		  sys_tlbprot(0x00400000u, 1, TLBPROT_NONE) == -AEGIS_EINVAL &&
		  sys_tlbprot(0x003ff000u, 2, TLBPROT_NONE) == -AEGIS_EINVAL &&
		  sys_tlbprot(0x7fff0000u, 16, 0) == -AEGIS_EINVAL;
	/* Unaligned, 0 or too many pages, unknown flags, past user space or
	   wrapping, covering a guaranteed mapping (text, stack). */
	sys_check(bad, "bind: tlbprot refuses each bad argument with its error");
	*va1 = 0xbadcafe;	/* still writable: no fault, no miss */
	sys_check(lo && (lo & LO_D) && stlb_lo(VA1) == lo && misses == m && *va1 == 0xbadcafe,
		  "bind: the refused tlbprots changed no binding");

	sys_check(sys_tlbprot(VA1, 1, 0) == 0 && stlb_lo(VA1) == (lo & ~LO_D) && *va1 == 0xbadcafe && misses == m,
		  "bind: tlbprot read-only: the binding stays, without its write bit; loads still hit");
	sys_check(sys_tlbwr(VA1, pt_ppn, pt_cap, TLBWR_WRITE) == 0 && sys_tlbprot(VA1 - 4096, 3, TLBPROT_NONE) == 0 &&
		  !stlb_lo(VA1) && !stlb_lo(VA2) && *va1 == 0xbadcafe && misses == m + 1,
		  "bind: tlbprot removing 3 pages: gone from the STLB and the TLB (the next load missed)");
	sys_check(stlb_lo(VA1) == lo && sys_tlbprot(VA1 - 100 * 4096, 200, TLBPROT_NONE) == 0 && !stlb_lo(VA1) &&
		  *va1 == 0xbadcafe && misses == m + 2,
		  "bind: tlbprot removing 200 pages (a pass over the TLB): the same");
	/* Only the caller's current ASID: everything made read-only in its
	   second one leaves the first's writable binding of VA1 as it was
	   (a store through a TLB entry lowered by mistake would end the
	   program: it has no TLB-modified handler). */
	*va1 = 0xbadcafe;
	lo = stlb_lo(VA1);
	m = misses;
	int asid_ok = sys_cidswitch(1) == 0 && sys_tlbprot(VA1 - 100 * 4096, 200, 0) == 0 &&
		      sys_tlbprot(VA1, 1, 0) == 0 && sys_cidswitch(0) == 0;
	*va1 = 0xbadcafe;
	sys_check(asid_ok && (lo & LO_D) && stlb_lo(VA1) == lo && *va1 == 0xbadcafe && misses == m,
		  "bind: tlbprot in the second ASID leaves the first's bindings");
}

/* SYS_tlbwrprot: every bad argument refused with nothing changed (VA1
   stays writable, VA2 unbound); then VA2 bound writable while VA1 is made
   read-only, in one call; then VA1 bound again while VA2's binding is
   removed. VA1 and VA2 are the same page (pt_ppn); the miss handler
   rebinds VA1 only. */
static void test_tlbwrprot(void)
{
	volatile unsigned *va1 = (volatile unsigned *)VA1, *va2 = (volatile unsigned *)VA2;
	sys_tlbwr(VA1, pt_ppn, pt_cap, TLBWR_WRITE);
	sys_tlbvadelete(VA2, TLBVA_STLB);
	unsigned lo = stlb_lo(VA1), m = misses;
	int bad = sys_tlbwrprot(VA2, pt_ppn, pt_cap, VA1 | 8) == -AEGIS_EINVAL &&
		  sys_tlbwrprot(VA2, pt_ppn, pt_cap, VA1 | 0x800) == -AEGIS_EINVAL &&
		  sys_tlbwrprot(VA2, pt_ppn, pt_cap, VA2 | TLBWR_WRITE) == -AEGIS_EINVAL &&
		  sys_tlbwrprot(VA2 + 12, pt_ppn, pt_cap, VA2) == -AEGIS_EINVAL &&
		  sys_tlbwrprot(VA2, pt_ppn, pt_cap, 0x00400000u) == -AEGIS_EINVAL &&
		  sys_tlbwrprot(VA2, pt_ppn, pt_cap, USER_TOP - 4096) == -AEGIS_EINVAL &&
		  sys_tlbwrprot(0x00400000u, pt_ppn, pt_cap, VA1) == -AEGIS_EINVAL &&
		  sys_tlbwrprot(0x80001000u, pt_ppn, pt_cap, VA1) == -AEGIS_EFAULT &&
		  sys_tlbwrprot(0xfffff000u, pt_ppn, pt_cap, VA1) == -AEGIS_EFAULT &&
		  sys_tlbwrprot(VA2, pt_ppn, pt_cap, 0x80000000u) == -AEGIS_EFAULT &&
		  sys_tlbwrprot(VA2, pt_ppn, pt_cap, 0xfffff000u | TLBWR_WRITE) == -AEGIS_EFAULT &&
		  sys_tlbwrprot(VA2, pt_ppn, RCAP, VA1 | TLBWR_WRITE) == -AEGIS_EPERM &&
		  sys_tlbwrprot(VA2, pt_ppn, 0xdeadbeef, VA1) == -AEGIS_EPERM &&
		  sys_tlbwrprot(VA2, 1, 0, VA1) == -AEGIS_EPERM &&
		  sys_tlbwrprot(VA2, 0x7fffffffu, pt_cap, VA1) == -AEGIS_EPERM;
	/* Unknown flags (8, 0x800: not page-aligned), the same page twice
	   (also unaligned), a guaranteed mapping (text, stack) either side,
	   a kernel page or past user space either side, the read capability
	   for a write binding, a forged one, a kernel page, a page past RAM. */
	sys_check(bad, "bind: tlbwrprot refuses each bad argument with its error");
	*va1 = 0xbadcafe;	/* still writable: no fault, no miss */
	sys_check(lo && (lo & LO_D) && stlb_lo(VA1) == lo && !stlb_lo(VA2) && misses == m && *va1 == 0xbadcafe,
		  "bind: the refused tlbwrprots changed no binding");
	sys_check(sys_tlbwrprot(VA2, pt_ppn, pt_cap, VA1 | TLBWR_WRITE) == 0 && stlb_lo(VA1) == (lo & ~LO_D) &&
		  (stlb_lo(VA2) & (LO_D | LO_V)) == (LO_D | LO_V) && (stlb_lo(VA2) >> 12) == pt_ppn,
		  "bind: tlbwrprot: VA1 read-only, VA2 bound writable, in one call");
	*va2 = 0xfacade;
	sys_check(*va1 == 0xfacade && misses == m, "bind: the store through VA2 is seen at VA1 (a load, no miss)");
	sys_check(sys_tlbwrprot(VA1, pt_ppn, pt_cap, VA2 | TLBWRP_NONE | TLBWR_WRITE) == 0 && stlb_lo(VA1) == lo &&
		  !stlb_lo(VA2),
		  "bind: tlbwrprot with TLBWRP_NONE: VA2's binding removed, VA1 writable again");
	*va1 = 0xbadcafe;
	sys_check(*va1 == 0xbadcafe && misses == m, "bind: VA1 written with no fault");
	/* Only the caller's current ASID is lowered. */
	int asid_ok = sys_cidswitch(1) == 0 && sys_tlbwrprot(VA2, pt_ppn, pt_cap, VA1) == 0 &&
		      sys_tlbvadelete(VA2, TLBVA_STLB) == 0 && sys_cidswitch(0) == 0;
	*va1 = 0xbadcafe;
	sys_check(asid_ok && stlb_lo(VA1) == lo && misses == m,
		  "bind: tlbwrprot in the second ASID leaves the first's bindings");
}

int main(void)
{
	int ppn = sys_alloc(RCAP, WCAP);
	sys_check(ppn > 0, "bind: a page allocated with chosen capabilities");
	sys_check(sys_map_stlb(STLB_VA) == 0, "bind: the STLB mapped read-only");

	sys_check(sys_tlbwr(VA1, ppn, WCAP, TLBWR_WRITE) == 0, "bind: write binding with the write capability");
	*(volatile unsigned *)VA1 = 0xfeedf00d;
	sys_check(*(volatile unsigned *)VA1 == 0xfeedf00d, "bind: the page is written and read through it");
	sys_check(sys_tlbwr(VA2, ppn, RCAP, 0) == 0, "bind: read binding with the read capability");
	sys_check(*(volatile unsigned *)VA2 == 0xfeedf00d, "bind: a second virtual address sees the same page");
	sys_check(in_stlb(VA1, ppn) && in_stlb(VA2, ppn), "bind: both bindings are in the STLB");

	/* What must be refused (protection). */
	sys_check(sys_tlbwr(VA3, ppn, RCAP, TLBWR_WRITE) == -AEGIS_EPERM,
		  "bind: the read capability does not give a write binding");
	sys_check(sys_tlbwr(VA3, ppn, 0xdeadbeef, 0) == -AEGIS_EPERM, "bind: a forged capability");
	int guessed = 0;
	for (int i = 0; i < 2000; i++)
		guessed += sys_tlbwr(VA3, ppn, next_random(), 0) == 0;
	sys_check(guessed == 0, "bind: 2000 guessed capabilities all refused");
	int stolen = 0;
	for (unsigned p = 0; p < 2048; p++)
		if ((int)p != ppn)
			stolen += sys_tlbwr(VA3, p, 0, 0) == 0 || sys_tlbwr(VA3, p, RCAP, 0) == 0;
	sys_check(stolen == 0, "bind: no other page (kernel, program text, free) can be bound");
	sys_check(sys_tlbwr(0x80001000, ppn, WCAP, 0) == -AEGIS_EFAULT,
		  "bind: no binding at a kernel address");
	sys_check(sys_tlbwr(0x00400000, ppn, WCAP, TLBWR_WRITE) == -AEGIS_EINVAL,
		  "bind: a guaranteed mapping (its own text) cannot be rebound");
	sys_check(sys_tlbwr(VA3, ppn, WCAP, 0x80) == -AEGIS_EINVAL, "bind: unknown flags are refused");
	sys_check(sys_dealloc(1) == -AEGIS_EPERM, "bind: a kernel page cannot be freed");
	sys_check(sys_setcap(1, 0, 0) == -AEGIS_EPERM, "bind: a kernel page's capabilities cannot be set");
	sys_check(sys_dealloc(0x7fffffff) == -AEGIS_EPERM, "bind: a page number beyond RAM");
	sys_check(sys_map_stlb(STLB_VA + 4096) == -AEGIS_EFAULT, "bind: a misaligned STLB map");
	sys_check(sys_map_stlb(0x7fff8000) == -AEGIS_EINVAL,
		  "bind: the STLB map cannot cover guaranteed mappings (the stack)");

	/* The STLB is read-only: a write through the map would be a protection
	   fault, which (with no handler) ends the program - not tried here. */

	/* A TLB miss that hits the STLB: drop VA1 from the TLB only, then
	   time the access (pmaxsim's counter page, when there is one). */
	if (sys_map_counter() == 0) {
		volatile unsigned *cyc = (volatile unsigned *)(USER_COUNTER_VA + COUNTER_CYCLES_LO);
		volatile unsigned *ins = (volatile unsigned *)(USER_COUNTER_VA + COUNTER_INSNS_LO);
		volatile unsigned *va1 = (volatile unsigned *)VA1;
		unsigned best_c = ~0u, best_i = ~0u, base_c = ~0u, base_i = ~0u, d;
		for (int i = 0; i < 4; i++) {
			(void)*va1;				/* in the TLB */
			if ((d = time_load(va1, cyc)) < base_c) base_c = d;
			if ((d = time_load(va1, ins)) < base_i) base_i = d;
			sys_tlbvadelete(VA1, 0);
			if ((d = time_load(va1, cyc)) < best_c) best_c = d;
			sys_tlbvadelete(VA1, 0);
			if ((d = time_load(va1, ins)) < best_i) best_i = d;
		}
		/* The faulting attempt of the load is counted once more. */
		unsigned n = best_i - base_i - 1, c = best_c - base_c - 1;
		bench_report("STLB hit (TLB miss refilled)", c, n);
		sys_check(n <= 18, "bind: an STLB hit takes at most 18 instructions (SOSP'95)");
	}

	/* A binding gone from both the TLB and the STLB comes back through
	   the program's own TLB-miss handler. */
	sys_check(sys_set_xsave(tlb_xsave) == 0 &&
		  sys_set_handler(XCODE_TLBL, tlbmiss_handler) == 0 &&
		  sys_set_handler(XCODE_TLBS, tlbmiss_handler) == 0,
		  "bind: a TLB-miss handler installed");
	pt_va = VA1;
	pt_ppn = (unsigned)ppn;
	pt_cap = WCAP;
	sys_tlbvadelete(VA1, TLBVA_STLB);
	sys_check(!in_stlb(VA1, ppn), "bind: TLBvadelete with TLBVA_STLB empties the STLB slot");
	unsigned v = *(volatile unsigned *)VA1;
	sys_check(v == 0xfeedf00d && misses == 1, "bind: a load miss went to the handler, which rebound the page");
	sys_tlbvadelete(VA1, TLBVA_STLB);
	*(volatile unsigned *)VA1 = 0xc0ffee;
	sys_check(misses == 2 && *(volatile unsigned *)VA1 == 0xc0ffee,
		  "bind: so did a store miss");
	sys_tlbvadelete(VA1, TLBVA_STLB);
	sys_check(load_in_delay_slot(VA1) == 0xc0ffee && misses == 3,
		  "bind: so did a miss in a branch delay slot (retried from the branch)");

	/* New capabilities: the old bindings break, the old capability no
	   longer works, the new one does. */
	sys_check(sys_setcap(ppn, RCAP + 1, WCAP + 1) == 0, "bind: the owner changes the capabilities");
	sys_check(!in_stlb(VA1, ppn) && !in_stlb(VA2, ppn), "bind: the old bindings left the STLB");
	sys_check(sys_tlbwr(VA1, ppn, WCAP, 0) == -AEGIS_EPERM, "bind: the old capability is refused");
	sys_check(sys_tlbwr(VA1, ppn, WCAP + 1, TLBWR_WRITE) == 0, "bind: the new one works");
	pt_cap = WCAP + 1;		/* the page table follows, for later misses */
	sys_check(*(volatile unsigned *)VA1 == 0xc0ffee, "bind: the page kept its contents");

	test_tlbprot();
	test_tlbwrprot();

	pt_va = 0;			/* no more rebinding */
	sys_check(sys_dealloc(ppn) == 0, "bind: the owner frees the page");
	sys_check(!in_stlb(VA1, ppn), "bind: its binding left the STLB");
	sys_check(sys_tlbwr(VA1, ppn, WCAP + 1, 0) == -AEGIS_EPERM, "bind: a freed page cannot be bound");
	sys_check(sys_dealloc(ppn) == -AEGIS_EPERM, "bind: it cannot be freed twice");
	return 0;
}
