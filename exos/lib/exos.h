/*
 * exos/lib/exos.h - the ExOS library's entry points: the system-call
 * stubs (<aegis/sys.h>, one per call of <aegis/syscall.h>),
 * process start-up and the pieces every program may use.
 */
#ifndef EXOS_EXOS_H
#define EXOS_EXOS_H

#include <stdint.h>
#include <aegis/syscall.h>
#include <aegis/exception.h>

/* The system-call stubs of Aegis's ABI, one per call; libexos.a holds
   them, assembled from <aegis/sys.S> (exos/exos.mk). */
#include <aegis/sys.h>

/* Start-up (crt0 calls exos_init before main). */
extern uint32_t exos_arg0, exos_arg1;	/* SYS_spawn's arg0, arg1 */
extern int exos_envid;
extern char exos_progname[16];
void exos_init(uint32_t a0, uint32_t a1);
/* What Aegis keeps per environment, set up again (a forked child). */
void exos_reinit(void);

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
/* fork + execv(path, argv) (fork.c): the child's id for proc_wait, or
   -errno if fork failed; a child whose execv failed says why on stderr
   and exits with 127. */
int proc_spawn_file(const char *path, char *const argv[]);

/* Boot words of the form key=VALUE (bootarg.c), for programs started by
   Aegis (init=NAME), which get no argv: VALUE into buf (len bytes) and
   0; -ENOENT without such a word; -EINVAL if it is too long. The number,
   or dflt when absent or not decimal. */
int exos_boot_arg(const char *key, char *buf, unsigned len);
unsigned long exos_boot_arg_num(const char *key, unsigned long dflt);

/* TAP through Aegis (SYS_check numbers checks for the whole run). */
int exos_check(int ok, const char *fmt, ...);
int exos_checks_done(void);		/* checks this process reported */
int exos_checks_failed(void);
/* A test program's exit status: 0 when every check it reported passed,
   else how many failed (capped at 255). Its TAP lines are the report; its
   parent (exostest) reads the counts from SYS_wait's aegis_exit. Started
   by Aegis (init=NAME), the run is the program's own, so this prints the
   TAP plan first. */
int exos_test_result(void);

/* Files beside the console (sys.c): fds 0-2 are the console; a file
   system layer (exos/fs/posix.c, installed by exos_fs_root) takes the
   others. Each call returns its result or -errno. */
struct exos_fileops {
	int (*open)(const char *path, int flags, int mode);	/* the new fd (>= 3) */
	int (*read)(int fd, void *buf, unsigned len);
	int (*write)(int fd, const void *buf, unsigned len);
	long (*lseek)(int fd, long off, int whence);
	int (*close)(int fd);
	int (*fstat)(int fd, void *st);				/* a struct stat */
};
extern const struct exos_fileops *exos_fileops;

/* A file system shared with other processes (docs/exos.md, "One file
   system, many processes"): the layer that mounted it (exos/fs/posix.c)
   sets these, and the process calls them at its end (_exit, proc_exit:
   sync), before a child starts (proc_spawn: sync) and after one ended
   (proc_wait, or the caller of SYS_wait through exos_files_waited: drop
   the cached blocks the child may have changed). */
struct exos_filehooks {
	void (*sync)(void);
	void (*exit)(void);
	void (*waited)(void);
};
extern const struct exos_filehooks *exos_filehooks;
void exos_files_waited(void);
void exos_set_errno(int e);	/* newlib's global errno and its reentrant one */

#endif
