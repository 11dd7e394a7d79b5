/*
 * newlib_sys.c - the system layer newlib needs, for a bare-metal test image
 * running on the runtime's console (rt/): write to the console (and remember the
 * last bytes written, so a test can check what stdio produced), a heap
 * after the image, exit through the PROM. newlib's mips*-elf build
 * (MISSING_SYSCALL_NAMES) calls these plain names, not _write etc.
 */
#include <errno.h>
#include <sys/stat.h>
#include <stddef.h>
#include "../../rt/rt.h"
#include "newlib_sys.h"

char sys_written[256];
size_t sys_written_len;

int write(int fd, const void *buf, size_t len)
{
	const char *p = buf;
	if (fd != 1 && fd != 2) {
		errno = EBADF;
		return -1;
	}
	for (size_t i = 0; i < len; i++) {
		console_putc(p[i]);
		if (sys_written_len < sizeof sys_written - 1)
			sys_written[sys_written_len++] = p[i];
	}
	sys_written[sys_written_len] = 0;
	return (int)len;
}

int read(int fd, void *buf, size_t len)
{
	(void)fd; (void)buf; (void)len;
	return 0;
}

int close(int fd) { (void)fd; return 0; }
int lseek(int fd, int off, int whence) { (void)fd; (void)off; (void)whence; return 0; }
int isatty(int fd) { return fd <= 2; }
int getpid(void) { return 1; }

int fstat(int fd, struct stat *st)
{
	(void)fd;
	st->st_mode = S_IFCHR;
	return 0;
}

int kill(int pid, int sig)
{
	(void)pid; (void)sig;
	errno = EINVAL;
	return -1;
}

/* The heap grows up from the end of the image, bounded well below the
   kernel's first megabytes of kseg0 so a runaway malloc fails cleanly. */
extern char _end[];
#define HEAP_LIMIT ((char *)0x80400000)

void *sbrk(ptrdiff_t incr)
{
	static char *brk;
	if (!brk)
		brk = _end;
	if (brk + incr > HEAP_LIMIT || brk + incr < _end) {
		errno = ENOMEM;
		return (void *)-1;
	}
	char *old = brk;
	brk += incr;
	return old;
}

void _exit(int status)
{
	kprintf("exit %d\n", status);
	halt();
}
