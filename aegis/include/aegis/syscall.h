/*
 * aegis/syscall.h - the system-call ABI between Aegis and the programs
 * (library operating systems) it runs. Shared by the kernel and user code.
 *
 * Convention (o32-like): `syscall` with the call number in v0 and up to
 * four arguments in a0..a3; the result comes back in v0, a negative
 * AEGIS_E* value on failure. Every other register is preserved.
 */
#ifndef AEGIS_SYSCALL_H
#define AEGIS_SYSCALL_H

#define SYS_cputs	1	/* (const char *buf, unsigned len): console output */
#define SYS_exit	2	/* (int status): end this environment */
#define SYS_getenvid	3	/* (): this environment's id */
#define SYS_check	4	/* (int ok, const char *name): report one test check */
#define SYS_set_xsave	5	/* (void *area): the exception save area (16 bytes, aligned,
				   in a writable page this environment owns) */
#define SYS_set_handler	6	/* (int cause, void (*pc)(void)): handle cause in user mode;
				   pc 0 gives it back to Aegis */
#define SYS_map_counter	7	/* (): map pmaxsim's counter page read-only at
				   USER_COUNTER_VA; -AEGIS_ENOSYS on real hardware */
#define SYS_MAX		8

/* Errors (returned negated). */
#define AEGIS_EINVAL	1	/* a bad argument */
#define AEGIS_EFAULT	2	/* a pointer the caller may not use */
#define AEGIS_ENOSYS	3	/* no such call */

/* The user address space (kuseg) as the loader lays it out. */
#define USER_TEXT_BASE	0x00400000u	/* programs are linked here */
#define USER_TOP	0x7ffff000u	/* initial stack pointer (below) */
#define USER_STACK_PAGES 4
#define USER_COUNTER_VA	0x7ff00000u	/* where SYS_map_counter puts it */

#endif
