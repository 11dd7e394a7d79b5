/*
 * sh.c - the ExOS shell (also installed as init): reads commands from the
 * console with the line editor (exos/lib/edit.h: backspace, ^U, the
 * arrows, history) and runs programs from the boot archive as child
 * processes, and has file commands for the disk's file system.
 *   ls [PATH]          a directory's entries: type (d, -), size, name
 *                      (without a file system: the boot archive's programs)
 *   progs              the boot archive's programs and sizes
 *   cat, cp, mv, rm, mkdir, rmdir, cd, pwd: files (exos/fs/shcmd.h)
 *   run NAME [A0 [A1]] or just NAME [A0 [A1]]: spawn and wait; a nonzero
 *                      exit status, or what ended it otherwise, is shown.
 *                      A NAME with a '/', or not in the boot archive but
 *                      in /bin, is run from the file system by fork and
 *                      execv, its arguments passed as strings.
 *                      An argument is a number or an IPv4 address
 *                      (A.B.C.D, passed as its 32-bit value), so the
 *                      network programs run so: ping ADDR [N], echod,
 *                      necho ADDR N [tcp|udp] (tcp: bit 31 of N)
 *   ps                 the environments Aegis knows (slots 1..31)
 *   mem                pages: this shell's, its page table's, everyone's
 *   help               this list
 *   exit [STATUS]      leave the shell (as init, Aegis then halts)
 * ^C at the prompt gives a fresh prompt; while a program runs it ends the
 * program (the shell keeps reading the console while it waits, keeping
 * what else is typed for the next line); ^D on an empty line is exit 0.
 * Waiting for a key or a child is SYS_cgetc / SYS_wait polling with
 * SYS_yield between polls: Aegis has no blocking wait.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "exos.h"
#include "edit.h"
#include "vm.h"
#include "fs/shcmd.h"
#include "fs/posix.h"

static void help(void)
{
	printf("commands: ls, run NAME [ARG0 [ARG1]] (or NAME ...), ps, mem, help, exit [STATUS]\n"
	       "files: ls [PATH], cat FILE..., cp FROM TO, mv FROM TO, rm FILE..., mkdir DIR..., rmdir DIR...,\n"
	       "       cd [DIR], pwd; progs: the boot archive's programs\n"
	       "arguments: numbers or IPv4 addresses; network: ping ADDR [N], echod, necho ADDR N [tcp|udp]\n"
	       "keys: backspace, ^U kill line, left/right, up/down history, ^C interrupt, ^D end\n");
}

static void ls(void)
{
	char name[64];
	for (unsigned n = 0;; n++) {
		int size = sys_archive_name(n, name, sizeof name);
		if (size < 0)
			break;
		printf("%-16s %7d\n", name, size);
	}
}

static const char *state(unsigned s)
{
	return s == ENV_STATE_RUNNABLE ? "run" : s == ENV_STATE_ENDED ? "ended" : "?";
}

static void ps(void)
{
	printf("%3s %6s %-6s %6s %6s %-16s\n", "ID", "PARENT", "STATE", "PAGES", "TICKS", "NAME");
	for (int slot = 1; slot < AEGIS_MAX_ENVS; slot++) {	/* envinfo of a slot: its holder */
		struct aegis_envinfo ei;
		if (sys_envinfo(slot, &ei) < 0)
			continue;
		ei.name[15] = 0;
		printf("%3u %6u %-6s %6u %6u %-16s\n", ei.id, ei.parent, state(ei.state), ei.pages,
		       ei.ticks, ei.name);
	}
}

static void mem(void)
{
	struct aegis_envinfo ei;
	unsigned total = 0;
	for (int slot = 1; slot < AEGIS_MAX_ENVS; slot++)
		if (sys_envinfo(slot, &ei) == 0)
			total += ei.pages;
	sys_envinfo(exos_envid, &ei);
	struct vm_stats s;
	vm_get_stats(&s);
	printf("shell: %u pages owned (%d in its page table, %d allocated by ExOS); all environments: %u pages (%u KB)\n",
	       ei.pages, vm_count(), vm_owned(), total, total * 4);
	printf("page table: %s; %u TLB misses serviced, %u faults\n",
	       vm_kind() == VM_INVERTED ? "inverted" : "linear", s.misses, s.segv);
}

/* Bytes typed while a program ran, for the next line (type-ahead): at
   most one line, so that the lines after it stay with the console for
   whoever reads it next (a shell started by that line). */
static char ahead[512];
static unsigned ahead_head, ahead_tail, ahead_eol;	/* eol: line ends in it */

static int shell_getc(void)
{
	if (ahead_head != ahead_tail) {
		int c = (unsigned char)ahead[ahead_tail++ % sizeof ahead];
		if (c == '\r' || c == '\n')
			ahead_eol--;
		return c;
	}
	return exos_getc();
}

/* While a child runs: a ^C ends it and drops what was typed ahead (as a
   Unix terminal flushes its input on an interrupt); other bytes wait for
   the next line. Returns 1 on ^C. Once a whole line (or a full buffer)
   is waiting, the rest stays with the console: a ^C typed after it is
   seen when the program has ended, at the prompt. */
static int poll_console(void)
{
	while (!ahead_eol && ahead_head - ahead_tail < sizeof ahead) {
		int c = sys_cgetc();
		if (c < 0)
			return 0;
		if (c == 3) {
			ahead_tail = ahead_head;
			ahead_eol = 0;
			return 1;
		}
		if (c == '\r' || c == '\n')
			ahead_eol++;
		ahead[ahead_head++ % sizeof ahead] = (char)c;
	}
	return 0;
}

/* An IPv4 address A.B.C.D (each 0..255, decimal) as one 32-bit number
   in host order: the network programs (ping, necho) take their peer so. */
static int ip_address(const char *s, uint32_t *v)
{
	uint32_t ip = 0;
	for (int i = 0; i < 4; i++) {
		unsigned part = 0, digits = 0;
		for (; *s >= '0' && *s <= '9' && digits < 4; s++, digits++)
			part = part * 10 + (unsigned)(*s - '0');
		if (!digits || digits > 3 || part > 255 || *s != (i < 3 ? '.' : 0))
			return -1;
		if (i < 3)
			s++;
		ip = ip << 8 | part;
	}
	*v = ip;
	return 0;
}

/* A number argument: decimal, 0x hex or 0 octal, all of it, in 32 bits;
   or an IPv4 address (it has dots). */
static int number(const char *s, uint32_t *v)
{
	char *end;
	if (strchr(s, '.'))
		return ip_address(s, v);
	if (!*s || *s == '-' || *s == '+')
		return -1;
	errno = 0;
	unsigned long n = strtoul(s, &end, 0);
	if (*end || errno == ERANGE || n > 0xffffffffUL)
		return -1;
	*v = (uint32_t)n;
	return 0;
}

/* necho PEER N [tcp|udp]: the protocol word becomes bit 31 of N (TCP),
   which is how necho.c reads its second argument. */
#define NECHO_TCP_FLAG 0x80000000u
static int necho_proto(char **argv, int *argc, uint32_t *flag)
{
	*flag = 0;
	if (strcmp(argv[0], "necho") || *argc != 4)
		return 0;
	if (!strcmp(argv[3], "tcp"))
		*flag = NECHO_TCP_FLAG;
	else if (strcmp(argv[3], "udp")) {
		printf("necho: %s: tcp or udp\n", argv[3]);
		return -1;
	}
	(*argc)--;
	return 0;
}

/* A program from the file system: NAME with a '/', or /bin/NAME when
   the boot archive has no NAME. */
static int in_archive(const char *name)
{
	/* The names read once: a command then costs no system call before
	   its spawn (the shell's ^C handling races its child's start). */
	static char names[64][32];
	static int n = -1;
	if (n < 0)
		for (n = 0; n < 64 && sys_archive_name((unsigned)n, names[n], sizeof names[n]) >= 0; n++)
			;
	for (int i = 0; i < n; i++)
		if (!strcmp(names[i], name))
			return 1;
	return 0;
}

static int file_program(const char *name, char *path, size_t len)
{
	struct stat st;
	if (strchr(name, '/'))
		return snprintf(path, len, "%s", name) < (int)len;
	if (in_archive(name))
		return 0;
	return snprintf(path, len, "/bin/%s", name) < (int)len && stat(path, &st) == 0 &&
	       S_ISREG(st.st_mode);
}

static int spawn_args(char **argv, int argc)
{
	uint32_t a[2] = { 0, 0 }, flag;
	if (necho_proto(argv, &argc, &flag) < 0)
		return -1;
	if (argc > 3) {
		printf("%s: at most two arguments (ARG0 ARG1)\n", argv[0]);
		return -1;
	}
	for (int i = 1; i < argc; i++)
		if (number(argv[i], &a[i - 1]) < 0) {
			printf("%s: %s: not a number\n", argv[0], argv[i]);
			return -1;
		}
	if (flag && (a[1] & flag)) {
		printf("necho: %s: too many bytes\n", argv[2]);
		return -1;
	}
	a[1] |= flag;
	int id = proc_spawn(argv[0], a[0], a[1]);
	if (id < 0)
		printf("%s: %s\n", argv[0], id == -AEGIS_ENOENT ? "no such program" : "cannot start");
	return id;
}

static void run(char **argv, int argc)
{
	char path[EXOS_PATH_MAX], *av[9];
	int id;
	if (file_program(argv[0], path, sizeof path)) {
		memcpy(av, argv, (size_t)argc * sizeof *av);
		av[argc] = 0;
		if ((id = proc_spawn_file(path, av)) < 0)
			printf("%s: cannot start (%s)\n", argv[0], strerror(-id));
	} else {
		id = spawn_args(argv, argc);
	}
	if (id < 0)
		return;
	/* A shell started from here reads the console itself: this one
	   leaves it alone until that one ends. */
	int console = strcmp(argv[0], "sh") && strcmp(argv[0], "init");
	struct aegis_exit x;	/* on the stack: a guaranteed mapping */
	int r, stopped = 0;
	while ((r = sys_wait(id, &x)) == -AEGIS_EAGAIN) {
		if (console && !stopped && poll_console()) {
			fputs("^C\n", stdout);
			fflush(stdout);
			stopped = sys_destroy(id) == 0;
			continue;
		}
		sys_yield(0);
	}
	exos_files_waited();	/* the child may have changed the disk */
	if (r < 0) {
		printf("%s: lost\n", argv[0]);
		return;
	}
	if (x.killed == AEGIS_KILLED_EXCEPTION)
		printf("[%s: exception %u at pc %08x, address %08x]\n", argv[0], x.exc_code, x.epc, x.badvaddr);
	else if (x.killed == AEGIS_KILLED_DESTROYED && stopped)
		printf("[%s: stopped by ^C]\n", argv[0]);
	else if (x.killed)
		printf("[%s: ended by Aegis (%s)]\n", argv[0], x.killed == AEGIS_KILLED_EXCESS ? "excess time" : "destroyed");
	else if (x.status)
		printf("[%s: exit status %d]\n", argv[0], x.status);
}

/* exit [STATUS]: a status that is not one whole number is refused. */
static int exit_status(char **argv, int argc, int *status)
{
	if (argc > 2) {
		printf("exit: too many arguments (exit [STATUS])\n");
		return -1;
	}
	if (argc == 1) {
		*status = 0;
		return 0;
	}
	char *end;
	errno = 0;
	long v = strtol(argv[1], &end, 10);
	if (!*argv[1] || *end || errno == ERANGE || v < -2147483647L - 1 || v > 2147483647L) {
		printf("exit: %s: not a number\n", argv[1]);
		return -1;
	}
	*status = (int)v;
	return 0;
}

static int noargs(char **argv, int argc)
{
	if (argc > 1)
		printf("%s: takes no arguments\n", argv[0]);
	return argc == 1;
}

static struct edit ed;	/* in .bss: its history outlives each line */

int main(void)
{
	char line[EDIT_LINE_MAX];
	edit_init(&ed, shell_getc);
	printf("ExOS shell on Aegis (environment %d); type help\n", exos_envid);
	for (;;) {
		fputs("$ ", stdout);
		fflush(stdout);
		int n = edit_line(&ed, line, sizeof line);
		if (n == EDIT_EOF) {
			puts("exit");	/* ^D: what it did, on its own line */
			return 0;
		}
		if (n == EDIT_TOOLONG) {
			printf("sh: line too long (at most %d characters): not run\n", EDIT_LINE_MAX - 1);
			continue;
		}
		if (n < 0)
			continue;	/* ^C: a fresh prompt */
		char *argv[8];
		int argc = 0;
		char *t;
		for (t = strtok(line, " \t"); t && argc < 8; t = strtok(0, " \t"))
			argv[argc++] = t;
		if (!argc)
			continue;
		if (t) {
			printf("%s: too many words\n", argv[0]);
			continue;
		}
		int status;
		if (!strcmp(argv[0], "help")) {
			if (noargs(argv, argc))
				help();
		} else if (sh_file_command(argc, argv)) {
			/* ls, cat, cp...: done */
		} else if (!strcmp(argv[0], "ls") || !strcmp(argv[0], "progs")) {
			if (noargs(argv, argc))
				ls();
		} else if (!strcmp(argv[0], "ps")) {
			if (noargs(argv, argc))
				ps();
		} else if (!strcmp(argv[0], "mem")) {
			if (noargs(argv, argc))
				mem();
		} else if (!strcmp(argv[0], "exit")) {
			if (exit_status(argv, argc, &status) == 0)
				return status;
		} else if (!strcmp(argv[0], "run")) {
			if (argc < 2)
				printf("usage: run NAME [ARG0 [ARG1]]\n");
			else
				run(argv + 1, argc - 1);
		} else
			run(argv, argc);
	}
}
