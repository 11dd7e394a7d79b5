/*
 * aegis/syscall.h - the system-call ABI between Aegis and the programs
 * (library operating systems) it runs. Shared by the kernel and user code.
 *
 * Convention: `syscall` with the call number in v0 and up to four
 * arguments in a0..a3; the result comes back in v0, a negative AEGIS_E*
 * value on failure. Like an o32 procedure call, a system call may change
 * the caller-saved registers (at, v1, a0..a3, t0..t9, hi, lo; k0 and k1
 * are Aegis's at any time); s0..s8, gp, sp and ra are preserved.
 *
 * Two paths (SOSP'95 Table 4): calls below SYS_NOSTACK_MAX are answered
 * in the exception vector's own registers, without a kernel stack; the
 * rest run in C on the kernel's stack.
 */
#ifndef AEGIS_SYSCALL_H
#define AEGIS_SYSCALL_H

/* The no-stack path. */
#define SYS_getenvid	0	/* (): this environment's id */
#define SYS_pct_sync	1	/* protected control transfer to environment v1 (Table 2
				   "Scall"): jump to its synchronous entry point in its
				   address space; every register but k0/k1 (and v0 on an
				   error) reaches it unchanged: they are the message */
#define SYS_pct_async	2	/* the same to its asynchronous entry ("Acall") */
#define SYS_NOSTACK_MAX	3
/* The with-stack path. */
#define SYS_null	3	/* (): nothing; the with-stack path's cost */
#define SYS_cputs	4	/* (const char *buf, unsigned len): console output */
#define SYS_exit	5	/* (int status): end this environment */
#define SYS_check	6	/* (int ok, const char *name): report one test check */
#define SYS_set_xsave	7	/* (void *area): the exception save area (16 bytes, aligned,
				   in a writable page this environment owns) */
#define SYS_set_handler 8	/* (int cause, void (*pc)(void)): handle cause in user mode;
				   pc 0 gives it back to Aegis */
#define SYS_map_counter 9	/* (): map pmaxsim's counter page read-only at
				   USER_COUNTER_VA; -AEGIS_ENOSYS on real hardware */
#define SYS_alloc	10	/* (rcap, wcap): a zeroed page; returns its page number */
#define SYS_dealloc	11	/* (ppn): free a page (owner only); its bindings break */
#define SYS_setcap	12	/* (ppn, rcap, wcap): new capabilities (owner only);
				   bindings made with the old ones break */
#define SYS_tlbwr	13	/* (va, ppn, cap, flags): bind va to ppn in the TLB and
				   STLB if cap allows it (Table 3 "TLBwr") */
#define SYS_tlbvadelete 14	/* (va, flags): remove va from the TLB (Table 3);
				   TLBVA_STLB: from the STLB too */
#define SYS_map_stlb	15	/* (va): map the STLB read-only at va (32 KB, aligned) */
#define SYS_set_entry	16	/* (sync_pc, async_pc): this environment's protected
				   entry points (0: leave as is) */
#define SYS_MAX		17

/* SYS_tlbwr flags. */
#define TLBWR_WRITE	1	/* writable: needs the write capability */
#define TLBWR_UNCACHED	2
/* SYS_tlbvadelete flags. */
#define TLBVA_STLB	1

/* Errors (returned negated). */
#define AEGIS_EINVAL	1	/* a bad argument */
#define AEGIS_EFAULT	2	/* a pointer the caller may not use */
#define AEGIS_ENOSYS	3	/* no such call */
#define AEGIS_EPERM	4	/* the capability does not allow it */
#define AEGIS_ENOMEM	5	/* no free page */

/* The user address space (kuseg) as the loader lays it out. */
#define USER_TEXT_BASE	0x00400000u	/* programs are linked here */
#define USER_TOP	0x7ffff000u	/* initial stack pointer (below) */
#define USER_STACK_PAGES 4
#define USER_COUNTER_VA	0x7ff00000u	/* where SYS_map_counter puts it */

#endif
