/*
 * tchild.c - a child for tproc. arg0 says what to do:
 *   0x8000xxxx  map page xxxx with capability arg1, check that a forged
 *               capability maps nothing (exit 2 if it does), add 1 to
 *               word 0, write 0x600d at word 1, exit 0 (1 if mapping failed)
 *   200     crash: unaligned load without a handler
 *   201     crash: load from address 0
 *   202     crash: store into its own text
 *   203     crash: overflow without a handler
 *   204     run forever (the shell's ^C ends it: exos/tests/shell-test)
 *   300     allocate pages until Aegis has said "try again" 8 times
 *   >= 0x01000000  store to that address (the parent's, not mapped here)
 *   other   print once and exit with that status
 */
#include <stdio.h>
#include "exos.h"
#include "vm.h"
#include "asmhelp.h"

static uint32_t words[2];

int main(void)
{
	uint32_t a = exos_arg0;
	if (a & 0x80000000u) {
		uint32_t ppn = a & 0xffff, va = 0x22000000;
		if (vm_map(va, ppn, exos_arg1, VM_READ | VM_WRITE) < 0)
			return 1;
		if (vm_map(va + 4096, ppn, exos_arg1 ^ 4, VM_READ) == 0)
			return 2;	/* a forged capability must not work */
		poke(va, peek(va) + 1);
		poke(va + 4, 0x600d);
		return 0;
	}
	if (a >= 0x1000000u) {
		poke(a, 0xbad);
		return 3;	/* not reached */
	}
	if (a == 300) {	/* take every free page; stop after 8 revocations */
		int again = 0;
		for (;;) {
			int r = sys_alloc(1, 1);
			if (r == -AEGIS_EAGAIN) {
				if (++again >= 8)
					return again;
				sys_yield(0);
			} else if (r < 0)
				return 100 + again;
		}
	}
	switch (a) {
	case 200: return (int)peek((uint32_t)words + 2);
	case 201: return (int)peek(0);
	case 202: poke((uint32_t)main, 0); return 4;
	case 204:
		printf("# tchild 204: running until stopped\n");
		fflush(stdout);
		for (;;)
			sys_yield(0);	/* its slices end on the clock or here */
	case 203: {
		uint32_t r, x = 0x7fffffff;
		__asm__ volatile("add %0, %1, %1" : "=r"(r) : "r"(x));
		return (int)r;
	}
	}
	printf("# tchild %d: hello from environment %d\n", (int)a, exos_envid);
	return (int)a;
}
