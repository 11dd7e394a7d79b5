/*
 * sh.c - the ExOS shell (also installed as init): reads commands from the
 * console (SYS_cgetc, yielding while nothing is typed) and runs programs
 * from the boot archive as child processes.
 *   ls                 the boot archive's programs and sizes
 *   run NAME [A0 [A1]] or just NAME [A0 [A1]]: spawn, wait, and report a
 *                      nonzero exit status or the exception that ended it
 *   ps                 the environments Aegis knows (slots 1..31)
 *   mem                pages: this shell's, its page table's, everyone's
 *   help               this list
 *   exit [STATUS]      leave the shell (as init, Aegis then halts)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "exos.h"
#include "vm.h"

static void help(void)
{
	printf("commands: ls, run NAME [ARG0 [ARG1]] (or NAME ...), ps, mem, help, exit [STATUS]\n");
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

static void run(char **argv, int argc)
{
	uint32_t a0 = argc > 1 ? strtoul(argv[1], 0, 0) : 0;
	uint32_t a1 = argc > 2 ? strtoul(argv[2], 0, 0) : 0;
	int id = proc_spawn(argv[0], a0, a1);
	if (id < 0) {
		printf("%s: %s\n", argv[0], id == -AEGIS_ENOENT ? "no such program" : "cannot start");
		return;
	}
	struct aegis_exit x;
	if (proc_wait_full(id, &x) < 0) {
		printf("%s: lost\n", argv[0]);
		return;
	}
	if (x.killed == AEGIS_KILLED_EXCEPTION)
		printf("[%s: exception %u at pc %08x, address %08x]\n", argv[0], x.exc_code, x.epc, x.badvaddr);
	else if (x.killed)
		printf("[%s: ended by Aegis (%s)]\n", argv[0], x.killed == AEGIS_KILLED_EXCESS ? "excess time" : "destroyed");
	else if (x.status)
		printf("[%s: exit status %d]\n", argv[0], x.status);
}

/* One line from the console, echoed; backspace edits. */
static int getline_console(char *buf, int len)
{
	int n = 0;
	for (;;) {
		int c = exos_getc();
		if (c == '\r' || c == '\n') {
			putchar('\n');
			fflush(stdout);
			break;
		}
		if ((c == 8 || c == 127)) {
			if (n > 0) {
				n--;
				fputs("\b \b", stdout);
				fflush(stdout);
			}
			continue;
		}
		if (c == 4 && n == 0)
			return -1;	/* ^D */
		if (n < len - 1 && c >= ' ') {
			buf[n++] = (char)c;
			putchar(c);
			fflush(stdout);
		}
	}
	buf[n] = 0;
	return n;
}

int main(void)
{
	char line[128];
	printf("ExOS shell on Aegis (environment %d); type help\n", exos_envid);
	for (;;) {
		fputs("$ ", stdout);
		fflush(stdout);
		if (getline_console(line, sizeof line) < 0)
			return 0;
		char *argv[8];
		int argc = 0;
		for (char *t = strtok(line, " \t"); t && argc < 8; t = strtok(0, " \t"))
			argv[argc++] = t;
		if (!argc)
			continue;
		if (!strcmp(argv[0], "help"))
			help();
		else if (!strcmp(argv[0], "ls"))
			ls();
		else if (!strcmp(argv[0], "ps"))
			ps();
		else if (!strcmp(argv[0], "mem"))
			mem();
		else if (!strcmp(argv[0], "exit"))
			return argc > 1 ? atoi(argv[1]) : 0;
		else if (!strcmp(argv[0], "run")) {
			if (argc < 2)
				printf("usage: run NAME [ARG0 [ARG1]]\n");
			else
				run(argv + 1, argc - 1);
		} else
			run(argv, argc);
	}
}
