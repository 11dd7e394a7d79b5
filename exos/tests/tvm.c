/*
 * tvm.c - ExOS virtual memory with the page table kind given as arg0
 * (VM_LINEAR or VM_INVERTED): allocation at a chosen address, fault-in
 * through the TLB-miss upcall, dirty bits, protection changes, aliases,
 * capabilities, uncached pages, unmapping, a few hundred pages, and
 * vm_protect2 (two pages' protections in one call).
 */
#include <stdio.h>
#include <string.h>
#include "exos.h"
#include "exc.h"
#include "vm.h"
#include "asmhelp.h"

static volatile unsigned nmod, nsegv;
static volatile uint32_t last_bad;

static void on_mod(struct exc_frame *f)
{
	nmod++;
	last_bad = f->badvaddr;
	exc_skip(f);
}

static void on_segv(struct exc_frame *f)
{
	nsegv++;
	last_bad = f->badvaddr;
	exc_skip(f);
}

int main(void)
{
	int kind = exos_arg0 ? (int)exos_arg0 : VM_LINEAR;
	const char *kn = kind == VM_INVERTED ? "inverted" : "linear";
	struct vm_stats s0, s1;
	uint32_t ppn, cap;
	int prot;

	int before = vm_count();
	exos_check(vm_init(kind) == 0 && vm_kind() == kind && vm_count() == before,
		   "vm %s: page table selected, %d heap pages moved over", kn, before);
	exc_handler(XCODE_MOD, on_mod);
	exc_handler(EXC_SEGV, on_segv);

	/* Fault-in: a lazily bound page, first access through the upcall. */
	const uint32_t A = 0x20000000;
	exos_check(vm_alloc(A, VM_READ | VM_WRITE | VM_LAZY, &ppn, &cap) == 0,
		   "vm %s: vm_alloc at %08x", kn, A);
	vm_get_stats(&s0);
	uint32_t v = peek(A);
	vm_get_stats(&s1);
	exos_check(v == 0 && s1.misses == s0.misses + 1, "vm %s: first read faults the page in (zeroed)", kn);
	exos_check(vm_is_dirty(A) == 0, "vm %s: a page only read is clean", kn);
	poke(A, 0x1234);
	vm_get_stats(&s0);
	exos_check(peek(A) == 0x1234 && vm_is_dirty(A) == 1 && s0.dirty_faults == s1.dirty_faults + 1,
		   "vm %s: first write records the dirty bit", kn);
	poke(A + 4, 5);
	vm_get_stats(&s1);
	exos_check(s1.dirty_faults == s0.dirty_faults, "vm %s: later writes do not fault", kn);
	vm_clean(A);
	exos_check(vm_is_dirty(A) == 0 && peek(A) == 0x1234, "vm %s: vm_clean clears the dirty bit", kn);
	poke(A, 0x4321);
	exos_check(vm_is_dirty(A) == 1 && peek(A) == 0x4321, "vm %s: a write after cleaning is seen", kn);

	/* Protection. */
	exos_check(vm_protect(A, 4096, VM_READ) == 0, "vm %s: vm_protect read-only", kn);
	unsigned m = nmod;
	poke(A, 99);
	exos_check(nmod == m + 1 && last_bad == A && peek(A) == 0x4321,
		   "vm %s: a store to a read-only page is a protection fault", kn);
	vm_protect(A, 4096, 0);
	unsigned sg = nsegv;
	(void)peek(A + 8);
	exos_check(nsegv == sg + 1 && last_bad == A + 8, "vm %s: a load from a no-access page faults", kn);
	vm_protect(A, 4096, VM_READ | VM_WRITE);
	poke(A, 77);
	exos_check(peek(A) == 77 && nmod == m + 1, "vm %s: read-write again", kn);
	exos_check(vm_lookup(A, 0, 0, &prot) == 0 && prot == (VM_READ | VM_WRITE),
		   "vm %s: vm_lookup reports the protection", kn);

	/* Two pages at once (vm_protect2): one loses write, the other (written
	   before) gains it, either way round; refused with nothing changed
	   when either is not mapped; the same page twice ends as the second
	   asks. */
	const uint32_t D = 0x20001000;
	int pa, pd;
	exos_check(vm_alloc(D, VM_READ | VM_WRITE, 0, 0) == 0, "vm %s: a second page for vm_protect2", kn);
	poke(D, 5);
	vm_protect(D, 4096, VM_READ);
	m = nmod;
	int refused = vm_protect2(0x50000000, VM_READ, D, VM_READ | VM_WRITE) == -AEGIS_EINVAL &&
		      vm_protect2(A, VM_READ, 0x50000000, VM_READ | VM_WRITE) == -AEGIS_EINVAL;
	poke(A, 78);
	poke(D, 6);
	exos_check(refused && nmod == m + 1 && last_bad == D && peek(A) == 78 && peek(D) == 5 &&
		   vm_lookup(A, 0, 0, &pa) == 0 && pa == (VM_READ | VM_WRITE) && vm_lookup(D, 0, 0, &pd) == 0 &&
		   pd == VM_READ, "vm %s: vm_protect2 with an unmapped page: refused, nothing changed", kn);
	m = nmod;
	int r2 = vm_protect2(A, VM_READ, D, VM_READ | VM_WRITE);
	poke(D, 7);
	poke(A, 79);
	exos_check(r2 == 0 && nmod == m + 1 && last_bad == A && peek(D) == 7 && peek(A) == 78 &&
		   vm_lookup(A, 0, 0, &pa) == 0 && pa == VM_READ && vm_lookup(D, 0, 0, &pd) == 0 &&
		   pd == (VM_READ | VM_WRITE), "vm %s: vm_protect2: the first read-only, the second writable", kn);
	m = nmod;
	r2 = vm_protect2(D, VM_READ, A, VM_READ | VM_WRITE);
	poke(A, 80);
	poke(D, 8);
	exos_check(r2 == 0 && nmod == m + 1 && last_bad == D && peek(A) == 80 && peek(D) == 7,
		   "vm %s: vm_protect2 the other way round", kn);
	m = nmod;
	r2 = vm_protect2(D, 0, D, VM_READ | VM_WRITE);
	poke(D, 9);
	exos_check(r2 == 0 && nmod == m && peek(D) == 9 && vm_lookup(D, 0, 0, &pd) == 0 && pd == (VM_READ | VM_WRITE),
		   "vm %s: vm_protect2 of one page twice: the second protection", kn);
	vm_unmap(D);
	poke(A, 77);	/* as the alias below expects */

	/* An alias of the same page at another address. */
	const uint32_t B = 0x20400000;
	exos_check(vm_map(B, ppn, cap, VM_READ | VM_WRITE) == 0, "vm %s: vm_map an alias", kn);
	poke(B + 16, 0xabcd);
	exos_check(peek(A + 16) == 0xabcd && peek(B) == 77, "vm %s: the alias shares the page", kn);
	exos_check(vm_map(B + 4096, ppn, cap ^ 2, VM_READ) < 0, "vm %s: a wrong capability is refused", kn);
	exos_check(vm_map(B, ppn, cap, VM_READ) < 0, "vm %s: mapping a mapped address is refused", kn);

	/* Many pages in scrambled order (sorted inserts, hash chains). */
	const uint32_t C = 0x30000000;
	int ok = 1, n = 300, c0 = vm_count();
	for (int i = 0; i < n; i++) {
		int k = (i * 7919) % n;
		ok &= vm_alloc(C + k * 4096, VM_READ | VM_WRITE, 0, 0) == 0;
	}
	exos_check(ok && vm_count() == c0 + n, "vm %s: %d pages allocated", kn, n);
	for (int i = 0; i < n; i++)
		poke(C + i * 4096 + (i & 1023) * 4, 0xc0de0000 + i);
	ok = 1;
	for (int i = n - 1; i >= 0; i--)
		ok &= peek(C + i * 4096 + (i & 1023) * 4) == 0xc0de0000u + i;
	exos_check(ok, "vm %s: every page keeps its own data", kn);
	ok = 1;
	for (int i = 0; i < n; i += 2)
		ok &= vm_unmap(C + i * 4096) == 0;
	exos_check(ok && vm_count() == c0 + n / 2, "vm %s: half of them unmapped", kn);
	ok = 1;
	for (int i = 1; i < n; i += 2)
		ok &= peek(C + i * 4096 + (i & 1023) * 4) == 0xc0de0000u + i;
	exos_check(ok, "vm %s: the rest still there", kn);
	for (int i = 1; i < n; i += 2)
		vm_unmap(C + i * 4096);

	/* Unmap: the next access is a segfault. */
	vm_unmap(B);
	sg = nsegv;
	(void)peek(B);
	exos_check(nsegv == sg + 1 && last_bad == B && vm_lookup(B, 0, 0, 0) < 0,
		   "vm %s: an unmapped page faults", kn);
	sg = nsegv;
	poke(0x50000000, 1);
	exos_check(nsegv == sg + 1 && last_bad == 0x50000000, "vm %s: a never-mapped address faults", kn);

	/* Uncached. */
	const uint32_t U = 0x20800000;
	exos_check(vm_alloc(U, VM_READ | VM_WRITE | VM_UNCACHED, 0, 0) == 0, "vm %s: an uncached page", kn);
	poke(U + 40, 0x5a5a);
	exos_check(peek(U + 40) == 0x5a5a, "vm %s: uncached page reads back", kn);
	vm_unmap(U);
	vm_unmap(A);
	vm_get_stats(&s1);
	printf("# vm %s: %u misses, %u probes, %u segv, %u dirty faults\n", kn, s1.misses, s1.probes,
	       s1.segv, s1.dirty_faults);
	exos_check(vm_count() == before + 0 || vm_count() >= before, "vm %s: tables consistent at the end (%d pages)",
		   kn, vm_count());
	return exos_test_result();
}
