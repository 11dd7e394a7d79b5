/*
 * aegis/exception.h - how Aegis hands an exception to the environment
 * that caused it (SOSP'95 §5.2, "exception dispatch"): it saves the
 * caller's a0, a1 and a2 in the environment's save area (registered with
 * SYS_set_xsave; a page the environment owns), loads a0 = EPC,
 * a1 = BadVAddr, a2 = Cause, and jumps to the handler registered for that
 * cause (SYS_set_handler) in user mode. The handler returns by itself:
 * it restores a0..a2 from the save area and jumps to EPC (+4 to skip the
 * faulting instruction). k0 and k1 are Aegis's and are clobbered.
 */
#ifndef AEGIS_EXCEPTION_H
#define AEGIS_EXCEPTION_H

/* Offsets in the save area. */
#define XSAVE_A0	0
#define XSAVE_A1	4
#define XSAVE_A2	8
#define XSAVE_SIZE	16

/* Causes an environment may handle itself (R3000 Cause.ExcCode). TLB
   misses reach the handler only after Aegis found no binding in the
   STLB and no guaranteed mapping. */
#define XCODE_MOD	1	/* store to a page mapped read-only */
#define XCODE_TLBL	2	/* TLB miss on a load or fetch */
#define XCODE_TLBS	3	/* TLB miss on a store */
#define XCODE_ADEL	4	/* address error on a load or fetch (unaligned) */
#define XCODE_ADES	5	/* address error on a store */
#define XCODE_BP	9	/* break */
#define XCODE_RI	10	/* reserved instruction */
#define XCODE_CPU	11	/* coprocessor unusable */
#define XCODE_OV	12	/* arithmetic overflow */

#endif
