/*
 * exos/lib/exos.h - the ExOS library's entry points: system-call stubs
 * (one per Aegis call, aegis/include/aegis/syscall.h), process start-up
 * and the pieces every program may use.
 */
#ifndef EXOS_EXOS_H
#define EXOS_EXOS_H

#include <stdint.h>
#include <aegis/syscall.h>
#include <aegis/exception.h>

int sys_null(void);
int sys_cputs(const char *buf, unsigned len);
void sys_exit(int status) __attribute__((noreturn));
int sys_getenvid(void);
int sys_check(int ok, const char *name);
int sys_set_xsave(void *area);
int sys_set_handler(int cause, void (*pc)(void));
int sys_map_counter(void);
int sys_alloc(unsigned rcap, unsigned wcap);
int sys_dealloc(unsigned ppn);
int sys_setcap(unsigned ppn, unsigned rcap, unsigned wcap);
int sys_tlbwr(unsigned va, unsigned ppn, unsigned cap, unsigned flags);
int sys_tlbvadelete(unsigned va, unsigned flags);
int sys_map_stlb(unsigned va);
int sys_set_entry(void (*sync_pc)(void), void (*async_pc)(void));
int sys_yield(int id);
int sys_spawn(const char *name, unsigned namelen, unsigned arg0, unsigned arg1);
int sys_wait(int id, struct aegis_exit *out);
int sys_destroy(int id);
int sys_slice_alloc(int pos);
int sys_slice_free(int pos);
int sys_set_upcalls(void (*start_pc)(void), void (*end_pc)(void), void *save);
int sys_cgetc(void);
int sys_fpumod(int on);
int sys_envinfo(int id, struct aegis_envinfo *out);
int sys_set_revoke(void (*pc)(void), unsigned *vector, unsigned n);
int sys_cidswitch(int slot);
int sys_archive_name(unsigned n, char *buf, unsigned len);

/* Start-up (crt0 calls exos_init before main). */
extern uint32_t exos_arg0, exos_arg1;	/* SYS_spawn's arg0, arg1 */
extern int exos_envid;
extern char exos_progname[16];
void exos_init(uint32_t a0, uint32_t a1);

/* The 32-byte upcall save area ExOS registers with SYS_set_upcalls (the
   revocation upcall saves a0..a2 at +16). A scheduler that installs its
   own slice upcalls must pass exos_upcall_area as the save area. */
extern uint32_t exos_upcall_area[8];

/* pmaxsim's counter page: NULL when absent. */
extern volatile uint32_t *exos_counter;
uint64_t exos_cycles(void);		/* 0 without a counter page */
unsigned exos_mhz(void);

/* Console. */
int exos_getc(void);			/* blocks (yielding) until a byte comes */
void exos_puts(const char *s);

/* Processes (proc.c). */
int proc_spawn(const char *name, uint32_t arg0, uint32_t arg1);
int proc_wait(int id, int *status);	/* 0 or <0; *status: exit status, or
					   128 + ExcCode if killed by an exception */
int proc_wait_full(int id, struct aegis_exit *x);
void proc_exit(int status) __attribute__((noreturn));

/* TAP through Aegis (SYS_check numbers checks for the whole run). */
int exos_check(int ok, const char *fmt, ...);
int exos_checks_done(void);		/* checks this process reported */
int exos_checks_failed(void);
/* A test program's exit status for the runner (exostest): the checks it
   reported in bits 8 and up, the failed ones in bits 0-7. */
static inline int exos_test_result(void)
{
	int f = exos_checks_failed();
	return exos_checks_done() << 8 | (f > 255 ? 255 : f);
}

#endif
