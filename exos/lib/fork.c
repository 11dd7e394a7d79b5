/*
 * fork.c - fork and wait, in the library (the exokernel way: Aegis only
 * makes an environment of pages the caller names, SYS_env_create). The
 * child's image: the program's text shared read-only (its guaranteed
 * pages, AEGIS_PG_SELF), its data, .bss and stack copied eagerly into
 * new pages that move to the child, and every page of ExOS's own page
 * table (the heap, vm_alloc'd pages) shared copy-on-write (vm.c). The
 * child starts in fork_child_entry (fork_asm.S), redoes what Aegis keeps
 * per environment (handlers and save areas, the counter page, upcalls,
 * revocation context: exos_reinit) and returns 0 from fork.
 * Not inherited: open files' state beyond what was synced (each process
 * has its own cache of the file system), network sockets and filters,
 * time slices beyond the one a new environment gets.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include "exos.h"
#include "exc.h"
#include "vm.h"
#include "procimg.h"
#include "fs/posix.h"

extern char __exos_data[], _end[];

struct fork_ctx {
	uint32_t s[9], gp, sp, ra;
};
static struct fork_ctx fork_ctx;
int fork_save(struct fork_ctx *c) __attribute__((returns_twice));
void fork_child_entry(void);
void fork_child_init(struct fork_ctx *c);

/* The image's entries and header: Aegis reads them, so they are in .bss
   (a guaranteed mapping), shared with exec.c. */
struct aegis_env_page proc_pages[AEGIS_IMG_MAX];
struct aegis_env_image proc_img;

/* Children made by fork, for wait(-1). */
static int kids[AEGIS_MAX_ENVS];

/* Where a fresh page is filled before it moves to the child. */
#define FORK_SCRATCH	0x7fe01000u

void proc_sync_files(void)
{
	fflush(stdout);
	fflush(stderr);
	/* The file system is per-process state (its cache is in our heap):
	   what the other process should see must be on the disk. */
	if (exos_filehooks)
		exos_filehooks->sync();
	else if (exos_fs_mounted())	/* not exos_fs_get: a fork must not mount the disk */
		fs_sync(exos_fs_mounted());	/* a file system mounted by hand (a RAM disk) */
}

/* A copy of our page at va, for the child: a MOVE entry. */
static int copy_page(uint32_t va, struct aegis_env_page *pg)
{
	static uint32_t seq;
	uint32_t cap = (uint32_t)exos_cycles() * 2654435761u ^ va ^ (seq += 0x9e3779b9u);
	int ppn = sys_alloc(cap, cap);
	if (ppn < 0)
		return ppn;
	if (sys_tlbwr(FORK_SCRATCH, (uint32_t)ppn, cap, TLBWR_WRITE) < 0) {
		sys_dealloc((uint32_t)ppn);
		return -AEGIS_EPERM;
	}
	memcpy((void *)FORK_SCRATCH, (const void *)va, VM_PAGE_SIZE);
	sys_tlbvadelete(FORK_SCRATCH, TLBVA_STLB);
	pg->vpn = va >> 12;
	pg->ppn = (uint32_t)ppn;
	pg->cap = cap;
	pg->flags = AEGIS_PG_MAP | AEGIS_PG_WRITE;
	return 0;
}

static int fork_parent(void)
{
	int n = 0, r;
	uint32_t text_end = (uint32_t)__exos_data;
	uint32_t data_end = ((uint32_t)_end + VM_PAGE_SIZE - 1) & ~(VM_PAGE_SIZE - 1);
	for (uint32_t va = USER_TEXT_BASE; va < text_end; va += VM_PAGE_SIZE, n++)
		proc_pages[n] = (struct aegis_env_page){ va >> 12, va >> 12, 0,
							 AEGIS_PG_MAP | AEGIS_PG_SELF | AEGIS_PG_SHARE };
	/* Copy-on-write pages first: the child's copy of our page table
	   (in .bss, copied below) must say so. */
	r = vm_fork_share(proc_pages + n, AEGIS_IMG_MAX - n -
			  (int)((data_end - text_end) / VM_PAGE_SIZE) - USER_STACK_PAGES);
	if (r < 0)
		return r;
	n += r;
	int first_copy = n;
	for (uint32_t va = text_end; va < data_end && r >= 0; va += VM_PAGE_SIZE)
		if ((r = copy_page(va, &proc_pages[n])) == 0)
			n++;
	for (int i = USER_STACK_PAGES; i >= 1 && r >= 0; i--)
		if ((r = copy_page(USER_TOP - i * VM_PAGE_SIZE, &proc_pages[n])) == 0)
			n++;
	if (r >= 0) {
		memset(&proc_img, 0, sizeof proc_img);
		proc_img.pages = proc_pages;
		proc_img.npages = (unsigned)n;
		proc_img.pc = (uint32_t)fork_child_entry;
		proc_img.sp = fork_ctx.sp & ~7u;
		proc_img.a[0] = (uint32_t)&fork_ctx;
		memcpy(proc_img.name, exos_progname, sizeof proc_img.name);
		r = sys_env_create(&proc_img, AEGIS_ENV_CHILD);
	}
	if (r < 0) {
		/* Nothing moved: the copies are still ours. */
		for (int i = first_copy; i < n; i++)
			sys_dealloc(proc_pages[i].ppn);
		return r;
	}
	for (int i = 0; i < AEGIS_MAX_ENVS; i++)
		if (!kids[i]) {
			kids[i] = r;
			break;
		}
	return r;
}

pid_t fork(void)
{
	proc_sync_files();
	if (fork_save(&fork_ctx))
		return 0;	/* the child, after fork_child_init */
	int r = fork_parent();
	if (r < 0) {
		exos_set_errno(r == -AEGIS_ENOMEM || r == -AEGIS_EINVAL ? ENOMEM : EAGAIN);
		return -1;
	}
	return r;
}

void fork_child_init(struct fork_ctx *c)
{
	(void)c;
	memset(kids, 0, sizeof kids);
	exos_reinit();
	vm_fork_child();
}

/* POSIX wait statuses as newlib's <sys/wait.h> reads them: an exit
   code in bits 8-15, or a signal number in bits 0-6 (the signal a UNIX
   kernel would have sent for the exception that ended the process). */
static int wstatus(const struct aegis_exit *x)
{
	if (!x->killed)
		return (x->status & 0xff) << 8;
	int sig = 9;	/* SIGKILL: destroyed, or excess time */
	if (x->killed == AEGIS_KILLED_EXCEPTION) {
		switch (x->exc_code) {
		case XCODE_RI: sig = 4; break;		/* SIGILL */
		case XCODE_BP: sig = 5; break;		/* SIGTRAP */
		case XCODE_OV: sig = 8; break;		/* SIGFPE */
		case XCODE_ADEL: case XCODE_ADES: sig = 10; break;	/* SIGBUS */
		default: sig = 11; break;		/* SIGSEGV */
		}
	}
	return sig;
}

static void forget(int pid)
{
	for (int i = 0; i < AEGIS_MAX_ENVS; i++)
		if (kids[i] == pid)
			kids[i] = 0;
}

pid_t waitpid(pid_t pid, int *status, int options)
{
	struct aegis_exit x;
	for (;;) {
		int live = 0, runnable = 0;
		for (int i = 0; i < AEGIS_MAX_ENVS; i++) {
			int id = pid > 0 ? (i == 0 ? pid : 0) : kids[i];
			if (!id)
				continue;
			int r = sys_wait(id, &x);
			if (r == 0) {
				forget(id);
				if (status)
					*status = wstatus(&x);
				exos_files_waited();	/* the child may have written */
				return id;
			}
			if (r == -AEGIS_EAGAIN)
				live = runnable = id;
			else
				forget(id);	/* not (or no longer) our child */
		}
		if (!live) {
			exos_set_errno(ECHILD);
			return -1;
		}
		if (options & WNOHANG)
			return 0;
		/* The rest of our slice to a child we wait for (a named
		   yield runs it at once; a child that ended meanwhile makes
		   the yield fail, and we look again). */
		if (sys_yield(runnable) < 0)
			sys_yield(0);
	}
}

pid_t wait(int *status)
{
	return waitpid(-1, status, 0);
}

int proc_spawn_file(const char *path, char *const argv[])
{
	int pid = fork();
	if (pid == 0) {
		execv(path, argv);
		fiprintf(stderr, "%s: %s\n", path, strerror(errno));
		_exit(127);
	}
	return pid < 0 ? -errno : pid;
}
