/*
 * tproc.c - processes: spawn, wait, exit status, several children,
 * crashing children (the parent keeps running), sharing a page with a
 * child by page number and capability, a child writing to the parent's
 * memory (it is not mapped there: the child faults).
 */
#include <stdio.h>
#include "exos.h"
#include "vm.h"
#include "asmhelp.h"

static uint32_t mine = 0x1234;

int main(void)
{
	int st = -1;
	int id = proc_spawn("tchild", 7, 0);
	exos_check(id > 0 && id != exos_envid, "proc: spawn gives a new environment (%d)", id);
	struct aegis_envinfo ei;
	exos_check(sys_envinfo(id, &ei) == 0 && ei.parent == (unsigned)exos_envid,
		   "proc: the child's parent is us");
	exos_check(proc_wait(id, &st) == 0 && st == 7, "proc: wait returns its exit status (%d)", st);
	exos_check(proc_wait(id, &st) < 0, "proc: a child is waited for once");
	exos_check(proc_spawn("no-such-program", 0, 0) < 0, "proc: spawning a missing program fails");

	int ids[3], ok = 1;
	for (int i = 0; i < 3; i++)
		ok &= (ids[i] = proc_spawn("tchild", 10 + i, 0)) > 0;
	for (int i = 2; i >= 0; i--)
		ok &= proc_wait(ids[i], &st) == 0 && st == 10 + i;
	exos_check(ok, "proc: three children at once, each status right");

	static const struct { uint32_t arg; unsigned code; const char *what; } crash[] = {
		{ 200, XCODE_ADEL, "unaligned load" },
		{ 201, XCODE_TLBL, "load from address 0" },
		{ 202, XCODE_MOD, "store into its text" },
		{ 203, XCODE_OV, "overflow" },
	};
	for (unsigned i = 0; i < 4; i++) {
		struct aegis_exit x;
		id = proc_spawn("tchild", crash[i].arg, 0);
		int r = proc_wait_full(id, &x);
		exos_check(r == 0 && x.killed == AEGIS_KILLED_EXCEPTION && x.exc_code == crash[i].code,
			   "proc: a child's %s ends it (cause %u)", crash[i].what, x.exc_code);
	}
	exos_check(mine == 0x1234, "proc: the parent keeps running after crashes");

	/* Share a page: the child maps it with our page number and capability. */
	uint32_t ppn, cap, va = 0x23000000;
	exos_check(vm_alloc(va, VM_READ | VM_WRITE, &ppn, &cap) == 0, "proc: a page to share");
	poke(va, 41);
	id = proc_spawn("tchild", 0x80000000u | ppn, cap);
	exos_check(proc_wait(id, &st) == 0 && st == 0, "proc: the child mapped our page (status %d)", st);
	exos_check(peek(va) == 42 && peek(va + 4) == 0x600d, "proc: its writes are in our page");

	/* The child stores to our address: not mapped in its address space. */
	struct aegis_exit x;
	id = proc_spawn("tchild", va + 8, 0);
	exos_check(proc_wait_full(id, &x) == 0 && x.killed == AEGIS_KILLED_EXCEPTION && x.exc_code == XCODE_TLBS &&
		   x.badvaddr == va + 8, "proc: a child writing to our memory faults");
	exos_check(peek(va + 8) == 0, "proc: our memory is untouched");
	vm_unmap(va);

	/* Visible revocation: a child takes every free page; Aegis asks us
	   (we hold the most revocable pages) and we give pages back. */
	const uint32_t R = 0x24000000;
	int c0 = vm_count();
	ok = 1;
	for (int i = 0; i < 16; i++)
		ok &= vm_alloc(R + i * 4096, VM_READ | VM_WRITE, 0, 0) == 0;
	struct vm_stats s0, s1;
	vm_get_stats(&s0);
	id = proc_spawn("tchild", 300, 0);
	int r = proc_wait(id, &st);
	vm_get_stats(&s1);
	int c1 = vm_count();
	printf("# revocation: child status %d, we gave back %u pages, table %d -> %d\n", st,
	       s1.revoked - s0.revoked, c0 + 16, c1);
	exos_check(ok && r == 0 && st >= 1 && st <= 108 && s1.revoked - s0.revoked >= 1,
		   "proc: revocation requests answered by giving pages back");
	exos_check(mine == 0x1234 && c1 <= c0 + 16 - (int)(s1.revoked - s0.revoked),
		   "proc: the page table forgot the pages given back");
	for (int i = 0; i < 16; i++)
		vm_unmap(R + i * 4096);
	return exos_test_result();
}
