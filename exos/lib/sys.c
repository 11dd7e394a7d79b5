/*
 * sys.c - the system layer newlib calls (its mips*-elf build uses the
 * plain names: write, read, sbrk, _exit...): the console on fds 0-2
 * through SYS_cputs / SYS_cgetc, a heap on pages ExOS allocates from
 * Aegis and maps with its own page table (vm.c), time from pmaxsim's
 * counter page. Other fds are files, when a file system layer has
 * installed exos_fileops (exos/fs/posix.c, which also has open: the
 * first open mounts the disk's file system, if there is one).
 */
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/times.h>
#include <unistd.h>
#include "exos.h"
#include "vm.h"

#undef errno
extern int errno;

/* Aegis reads system-call buffers through guaranteed mappings only, and
   the heap is not one: output goes through a buffer in .bss. */
static char bounce[512];

const struct exos_fileops *exos_fileops;

/* errno both ways: the global newlib's reentrant wrappers (_open_r...)
   copy, and the one <errno.h>'s errno reads when a program calls open
   or stat directly */
void exos_set_errno(int e)
{
	errno = e;
	*__errno() = e;
}

/* a file layer's result: the value, or -1 and errno */
static int fret(long r)
{
	if (r < 0) {
		exos_set_errno((int)-r);
		return -1;
	}
	return (int)r;
}

_READ_WRITE_RETURN_TYPE write(int fd, const void *buf, size_t len)
{
	const char *p = buf;
	if (fd > 2 && exos_fileops)
		return fret(exos_fileops->write(fd, buf, len));
	if (fd < 0 || fd > 2) {
		errno = EBADF;
		return -1;
	}
	size_t done = 0;
	while (done < len) {
		size_t n = len - done;
		if (n > sizeof bounce)
			n = sizeof bounce;
		memcpy(bounce, p + done, n);
		if (sys_cputs(bounce, n) < 0) {
			errno = EIO;
			return done ? (int)done : -1;
		}
		done += n;
	}
	return (int)len;
}

void exos_puts(const char *s)
{
	write(1, s, strlen(s));
}

int exos_getc(void)
{
	int c;
	while ((c = sys_cgetc()) == -AEGIS_EAGAIN)
		sys_yield(0);
	return c;
}

/* A line at a time from fd 0, echoing nothing (the console does not). */
_READ_WRITE_RETURN_TYPE read(int fd, void *buf, size_t len)
{
	char *p = buf;
	if (fd > 2 && exos_fileops)
		return fret(exos_fileops->read(fd, buf, len));
	if (fd != 0) {
		errno = EBADF;
		return -1;
	}
	size_t n = 0;
	while (n < len) {
		int c = exos_getc();
		if (c < 0)
			break;
		if (c == '\r')
			c = '\n';
		p[n++] = (char)c;
		if (c == '\n')
			break;
	}
	return (int)n;
}

int close(int fd)
{
	if (fd > 2 && exos_fileops)
		return fret(exos_fileops->close(fd));
	return 0;
}

off_t lseek(int fd, off_t off, int whence)
{
	if (fd > 2 && exos_fileops)
		return fret(exos_fileops->lseek(fd, off, whence));
	errno = ESPIPE;
	return -1;
}

int isatty(int fd) { return fd >= 0 && fd <= 2; }
int getpid(void) { return exos_envid ? exos_envid : sys_getenvid(); }

int fstat(int fd, struct stat *st)
{
	if (fd > 2 && exos_fileops)
		return fret(exos_fileops->fstat(fd, st));
	if (fd < 0 || fd > 2) {
		errno = EBADF;
		return -1;
	}
	memset(st, 0, sizeof *st);
	st->st_mode = S_IFCHR;
	return 0;
}

int kill(int pid, int sig)
{
	if (pid == getpid())
		_exit(128 + sig);
	if (sys_destroy(pid) < 0) {
		errno = ESRCH;
		return -1;
	}
	return 0;
}

/* The heap: pages from EXOS_HEAP_BASE up, allocated as the break grows.
   Each environment's heap starts at its own offset (its slot * 256 KB:
   slots are unique among the living, ids are not small numbers); it
   was how parent and child kept their heap bindings apart in the STLB
   before Aegis mixed the ASID into the STLB's index. */
#define EXOS_HEAP_BASE	0x10000000u
#define EXOS_HEAP_MAX	0x20000000u
static uint32_t brk_va, brk_mapped, heap_base;

void *sbrk(ptrdiff_t incr)
{
	if (!heap_base) {
		heap_base = EXOS_HEAP_BASE + (AEGIS_ENV_SLOT(getpid()) << 18);
		brk_va = brk_mapped = heap_base;
	}
	uint32_t old = brk_va, nbrk = brk_va + (uint32_t)incr;
	if ((incr > 0 && nbrk > EXOS_HEAP_MAX) || (incr < 0 && nbrk < heap_base)) {
		errno = ENOMEM;
		return (void *)-1;
	}
	while (brk_mapped < nbrk) {
		if (vm_alloc(brk_mapped, VM_READ | VM_WRITE | VM_PINNED, 0, 0) < 0) {
			errno = ENOMEM;
			return (void *)-1;
		}
		brk_mapped += VM_PAGE_SIZE;
	}
	brk_va = nbrk;
	return (void *)old;
}

void _exit(int status)
{
	fflush(stdout);	/* a forked child's _exit too: nothing is lost */
	fflush(stderr);
	if (exos_filehooks)	/* after newlib's exit closed its FILEs */
		exos_filehooks->exit();
	sys_exit(status);
}

/* Time: the counter page's cycles and clock rate, else nothing. */
int gettimeofday(struct timeval *tv, void *tz)
{
	(void)tz;
	uint64_t c = exos_cycles();
	unsigned mhz = exos_mhz();
	uint64_t us = mhz ? c / mhz : 0;
	tv->tv_sec = (time_t)(us / 1000000);
	tv->tv_usec = (suseconds_t)(us % 1000000);
	return 0;
}

clock_t times(struct tms *t)
{
	unsigned mhz = exos_mhz();
	/* CLK_TCK in newlib is 1000 */
	clock_t ms = mhz ? (clock_t)(exos_cycles() / (mhz * 1000u)) : 0;
	if (t) {
		t->tms_utime = ms;
		t->tms_stime = 0;
		t->tms_cutime = 0;
		t->tms_cstime = 0;
	}
	return ms;
}
