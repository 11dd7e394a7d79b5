/*
 * start.c - process start-up: the library's state (environment id, the
 * program's name, the counter page, the exception trampoline, the page
 * table), argv, main, exit.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "exos.h"
#include <aegis/counter.h>
#include "exc.h"
#include "vm.h"
#include "procimg.h"

uint32_t exos_arg0, exos_arg1;
int exos_envid;
char exos_progname[16];
volatile uint32_t *exos_counter;
uint32_t exos_upcall_area[8] __attribute__((aligned(32)));
uint32_t *exos_upcall_ptr = exos_upcall_area;

int main(int argc, char **argv);

uint64_t exos_cycles(void)
{
	return exos_counter ? counter_cycles(exos_counter) : 0;
}

unsigned exos_mhz(void)
{
	return exos_counter ? counter_mhz(exos_counter) : 0;
}

void exos_reinit(void)
{
	exos_envid = sys_getenvid();
	exos_counter = 0;
	if (sys_map_counter() == 0)
		exos_counter = (volatile uint32_t *)USER_COUNTER_VA;
	exc_init();
}

void exos_init(uint32_t a0, uint32_t a1)
{
	exos_arg0 = a0;
	exos_arg1 = a1;
	exos_envid = sys_getenvid();
	struct aegis_envinfo ei;
	if (sys_envinfo(exos_envid, &ei) == 0) {
		memcpy(exos_progname, ei.name, sizeof exos_progname);
		exos_progname[sizeof exos_progname - 1] = 0;
	}
	if (sys_map_counter() == 0)
		exos_counter = (volatile uint32_t *)USER_COUNTER_VA;
	exc_init();
	vm_init(VM_LINEAR);
}

static char argbuf[2][12];

void exos_start(uint32_t a0, uint32_t a1, uint32_t a2, uint32_t a3) __attribute__((noreturn));
void exos_start(uint32_t a0, uint32_t a1, uint32_t a2, uint32_t a3)
{
	char *argv[4] = { exos_progname, 0, 0, 0 };
	int argc = 1;

	if (a2 == EXOS_EXEC_MAGIC) {
		/* execv's: argc and argv, its strings on our stack. */
		exos_init(0, 0);
		exit(main((int)a0, (char **)a3));
	}
	exos_init(a0, a1);
	if (a0 || a1) {
		sniprintf(argbuf[0], sizeof argbuf[0], "%u", (unsigned)a0);
		sniprintf(argbuf[1], sizeof argbuf[1], "%u", (unsigned)a1);
		argv[1] = argbuf[0];
		argv[2] = argbuf[1];
		argc = 3;
	}
	exit(main(argc, argv));
}
