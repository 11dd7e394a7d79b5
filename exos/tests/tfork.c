/*
 * tfork.c - fork, exec and wait (exos/lib/fork.c, exec.c): a child's
 * writes to its copies of data, .bss, stack and heap (copy-on-write)
 * leave the parent's values alone and the other way round; a fork from
 * a forked child; 50 forks one after the other and 8 at once; wait
 * statuses (exit code, killed by an exception); execv of a program from
 * a file system (a RAM disk, an empty ext2 image, with the bare program
 * texecee written into /bin) with its argv checked by the program;
 * malformed programs refused with the caller unchanged; no page leaked
 * (SYS_envinfo's counts before and after). Children report through
 * their exit status only: the runner counts its children's checks.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include "exos.h"
#include "vm.h"
#include "fs/bdev.h"
#include "fs/fs.h"
#include "fs/posix.h"

__asm__(".section .rodata\n.balign 4\n.globl tfs_img\ntfs_img:\n.incbin \"" TFORK_IMG "\"\n"
	".globl tfs_img_end\ntfs_img_end:\n"
	".balign 4\n.globl texecee\ntexecee:\n.incbin \"" TEXECEE "\"\n"
	".globl texecee_end\ntexecee_end:\n.previous\n");
extern const char tfs_img[], tfs_img_end[], texecee[], texecee_end[];

#define HEAP_BYTES (3 * 4096)
static int gdata = 5;
static int gbss;
static char *heap;

static void snapshot(struct aegis_envinfo *ei)
{
	sys_envinfo(exos_envid, ei);
}

/* The child of the first test: its copies, then its own values. */
static int cow_child(int parent, volatile int *stackv)
{
	int bad = 0;
	if (gdata != 5 || gbss != 0 || *stackv != 77)
		bad |= 1;
	if (heap[0] != 'p' || heap[HEAP_BYTES - 1] != 'p')
		bad |= 2;
	gdata = 6;
	gbss = 7;
	*stackv = 8;
	memset(heap, 'c', HEAP_BYTES);
	if (gdata != 6 || gbss != 7 || *stackv != 8 || heap[5000] != 'c')
		bad |= 4;
	if (getpid() == parent || getpid() != sys_getenvid())
		bad |= 8;
	/* A grandchild: pages this child holds but does not own. */
	int g = fork();
	if (g == 0) {
		int ok = heap[7] == 'c' && gdata == 6;
		heap[7] = 'g';
		_exit(ok && heap[7] == 'g' ? 21 : 22);
	}
	int st;
	if (g < 0 || waitpid(g, &st, 0) != g || !WIFEXITED(st) || WEXITSTATUS(st) != 21 || heap[7] != 'c')
		bad |= 16;
	return bad;
}

static void test_cow(void)
{
	volatile int stackv = 77;
	int parent = getpid();
	memset(heap, 'p', HEAP_BYTES);
	int pid = fork();
	if (pid == 0)
		_exit(cow_child(parent, &stackv));
	exos_check(pid > 0 && pid != parent, "fork: the parent gets the child's id (%d)", pid);
	struct aegis_envinfo ci;
	exos_check(pid > 0 && sys_envinfo(pid, &ci) == 0 && ci.parent == (unsigned)parent,
		   "fork: the child's parent is us");
	heap[0] = 'P';	/* our own copy, before or after the child runs */
	gdata = 9;
	int st = -1;
	exos_check(waitpid(pid, &st, 0) == pid && WIFEXITED(st) && WEXITSTATUS(st) == 0,
		   "fork: the child saw our values and changed its copies of data, bss, stack, "
		   "heap, and forked a grandchild (status %x)", st);
	exos_check(gdata == 9 && gbss == 0 && stackv == 77, "fork: our data, bss and stack unchanged");
	exos_check(heap[0] == 'P' && heap[1] == 'p' && heap[7] == 'p' && heap[HEAP_BYTES - 1] == 'p',
		   "fork: our heap unchanged by the child's writes (copy-on-write)");
	struct vm_stats vs;
	vm_get_stats(&vs);
	exos_check(vs.cow_copies >= 1, "fork: our write after fork copied the page (%u copies)",
		   vs.cow_copies);
	gdata = 5;
	exos_check(waitpid(pid, &st, 0) < 0 && errno == ECHILD, "wait: a child is waited for once");
}

static void test_statuses(void)
{
	int st = -1, pid = fork();
	if (pid == 0)
		exit(7);
	exos_check(waitpid(pid, &st, 0) == pid && WIFEXITED(st) && WEXITSTATUS(st) == 7,
		   "wait: exit(7) is WEXITSTATUS 7");
	pid = fork();
	if (pid == 0) {
		volatile int *volatile nowhere = (volatile int *)8;
		*nowhere = 1;	/* nothing is mapped there */
		_exit(0);
	}
	exos_check(waitpid(pid, &st, 0) == pid && WIFSIGNALED(st) && WTERMSIG(st) == 11,
		   "wait: a child killed by a bad store is WTERMSIG 11 (SIGSEGV) (%x)", st);
	pid = fork();
	if (pid == 0) {
		printf("# a forked child's output, flushed by _exit");
		_exit(3);
	}
	int w = waitpid(pid, &st, 0);
	printf("\n");
	exos_check(w == pid && WEXITSTATUS(st) == 3, "wait: _exit(3)");
}

static void test_many(void)
{
	int ok = 1, st;
	uint64_t t0 = exos_cycles(), tf = 0;
	for (int i = 0; i < 50 && ok; i++) {
		uint64_t t1 = exos_cycles();
		int pid = fork();
		tf += exos_cycles() - t1;
		if (pid == 0)
			_exit(heap[i + 1] == 'p' ? i : 255);
		st = -1;
		ok = pid > 0 && waitpid(pid, &st, 0) == pid && WIFEXITED(st) && WEXITSTATUS(st) == i;
	}
	exos_check(ok, "fork: 50 forks one after the other, each status right");
	if (exos_mhz())
		printf("# fork + _exit + waitpid: %u cycles each (50 in turn, %u MHz), fork alone %u\n",
		       (unsigned)((exos_cycles() - t0) / 50), exos_mhz(), (unsigned)(tf / 50));
	unsigned seen = 0;
	ok = 1;
	for (int i = 0; i < 8; i++) {
		int pid = fork();
		if (pid == 0) {
			heap[100 + i] = 'x';	/* each its own copy */
			for (int k = 0; k < i; k++)
				sys_yield(0);
			_exit(heap[100 + i] == 'x' && heap[99 + i] == 'p' ? 10 + i : 1);
		}
		ok &= pid > 0;
	}
	for (int i = 0; i < 8; i++) {
		int pid = wait(&st);
		ok &= pid > 0 && WIFEXITED(st) && WEXITSTATUS(st) >= 10 && WEXITSTATUS(st) < 18;
		if (pid > 0 && WIFEXITED(st))
			seen |= 1u << (WEXITSTATUS(st) & 31);
	}
	exos_check(ok && seen == 0xffu << 10, "fork: 8 children at once, wait() collects each (%x)",
		   seen);
	exos_check(wait(&st) < 0 && errno == ECHILD, "wait: ECHILD when no child is left");
}

/* A file of n bytes from p. */
static int put(const char *path, const char *p, size_t n)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0755);
	if (fd < 0)
		return -1;
	int r = write(fd, p, n) == (int)n ? 0 : -1;
	return close(fd) == 0 ? r : -1;
}

static int mount_ramdisk(void)
{
	static struct bdev bd;
	struct fs *fs;
	struct fs_opts o = { .cache_blocks = 16, .policy = FS_WRITE_BACK };
	size_t len = 0;
	char *disk = bdev_ram_sparse(tfs_img, tfs_img_end, &len);
	if (!disk || bdev_ram_init(&bd, disk, len, 512) != 0 || fs_mount(&fs, &bd, &o) != 0)
		return -1;
	exos_fs_root(fs);
	return 0;
}

static void test_exec(void)
{
	size_t n = (size_t)(texecee_end - texecee);
	int ok = mount_ramdisk() == 0;
	exos_check(ok, "exec: a RAM disk mounted at /");
	if (!ok)
		return;
	char *bad = malloc(n);
	ok = mkdir("/bin", 0755) == 0 && put("/bin/texecee", texecee, n) == 0;
	/* Malformed programs: cut short, a wrong magic number, a segment
	   in the kernel's space, and no ELF at all. */
	ok &= put("/bin/truncated", texecee, 40) == 0;
	memcpy(bad, texecee, n);
	bad[1] = 'X';
	ok &= put("/bin/badmagic", bad, n) == 0;
	memcpy(bad, texecee, n);
	uint32_t phoff;
	memcpy(&phoff, bad + 28, 4);
	uint32_t kva = 0x80001000u;
	memcpy(bad + phoff + 8, &kva, 4);	/* the first header's p_vaddr */
	ok &= put("/bin/kernelseg", bad, n) == 0;
	ok &= put("/bin/notelf", "#!/bin/sh\necho hi\n", 18) == 0;
	free(bad);
	exos_check(ok, "exec: the program and broken copies written to /bin");

	struct aegis_envinfo before, after;
	snapshot(&before);
	static const char *const broken[] = { "/bin/truncated", "/bin/badmagic", "/bin/kernelseg",
					      "/bin/notelf" };
	char *const av[] = { "texecee", "arg1", "arg2", 0 };
	for (unsigned i = 0; i < 4; i++) {
		errno = 0;
		int r = execv(broken[i], av);
		exos_check(r == -1 && errno == ENOEXEC && gdata == 5,
			   "exec: %s refused with ENOEXEC, the caller goes on", broken[i]);
	}
	errno = 0;
	exos_check(execv("/bin/none", av) == -1 && errno == ENOENT, "exec: a missing file is ENOENT");
	snapshot(&after);
	exos_check(after.pages == before.pages && after.free_pages == before.free_pages,
		   "exec: the refused calls kept no page (%u/%u owned, %u/%u free)", before.pages,
		   after.pages, before.free_pages, after.free_pages);

	snapshot(&before);
	uint64_t t0 = exos_cycles();
	int st = -1, pid = fork();
	if (pid == 0) {
		execv("/bin/texecee", av);
		_exit(100 + errno);
	}
	exos_check(waitpid(pid, &st, 0) == pid && WIFEXITED(st) && WEXITSTATUS(st) == 43,
		   "exec: fork + execv of /bin/texecee: its argv, data and bss right (status %d)",
		   WEXITSTATUS(st));
	pid = fork();
	if (pid == 0) {
		char *const one[] = { "texecee", 0 };
		execv("/bin/texecee", one);
		_exit(100 + errno);
	}
	exos_check(waitpid(pid, &st, 0) == pid && WEXITSTATUS(st) == 41, "exec: argc 1 (status %d)",
		   WEXITSTATUS(st));
	if (exos_mhz())
		printf("# fork + execv (a 2-page program from a RAM disk) + waitpid: %u cycles each\n",
		       (unsigned)((exos_cycles() - t0) / 2));
	snapshot(&after);
	exos_check(after.pages == before.pages && after.free_pages == before.free_pages,
		   "exec: no page leaked by two fork + exec (%u/%u owned, %u/%u free)", before.pages,
		   after.pages, before.free_pages, after.free_pages);
}

int main(void)
{
	struct aegis_envinfo before, after;
	heap = malloc(HEAP_BYTES);
	printf("# tfork\n");
	fflush(stdout);
	snapshot(&before);
	test_cow();
	test_statuses();
	test_many();
	snapshot(&after);
	exos_check(after.pages == before.pages && after.held == before.held &&
		   after.free_pages == before.free_pages,
		   "fork: no page leaked by 62 forks (owned %u/%u, held %u/%u, free %u/%u)",
		   before.pages, after.pages, before.held, after.held, before.free_pages,
		   after.free_pages);
	test_exec();
	return exos_test_result();
}
