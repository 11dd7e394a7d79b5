/*
 * usertest.c - Aegis's first user-mode program: each check goes back to
 * the kernel through SYS_check, which numbers it in the kernel's TAP
 * output. It proves that a program loaded from the boot archive runs in
 * user mode with its segments and stack in place, and that system-call
 * arguments pointing where the program may not reach are refused.
 */
#include <aegis/sys.h>

static int initialised = 0x5eed;
static int zeroed[64];

/* A raw system call, for numbers the stubs do not know. */
static int raw_syscall(int num, int a0, int a1)
{
	register int v0 __asm__("$2") = num;
	register int r4 __asm__("$4") = a0;
	register int r5 __asm__("$5") = a1;
	__asm__ __volatile__("syscall" : "+r"(v0), "+r"(r4), "+r"(r5) :
			     : "$1", "$3", "$6", "$7", "$8", "$9", "$10", "$11", "$12", "$13",
			       "$14", "$15", "$24", "$25", "hi", "lo", "memory");
	return v0;
}

int main(void)
{
	volatile int local = 42;
	int zero = 1;
	for (int i = 0; i < 64; i++)
		zero &= zeroed[i] == 0;

	sys_check(sys_getenvid() > 0, "user: getenvid names this environment");
	sys_check(initialised == 0x5eed, "user: .data loaded from the ELF image");
	sys_check(zero, "user: .bss is zero");
	sys_check(local == 42, "user: the stack is mapped and writable");
	sys_check(uputs("user: hello from user mode\n") == 27, "user: cputs writes to the console");

	/* Arguments that point where user mode cannot go (protection). */
	sys_check(sys_cputs((const char *)0x80030000, 16) == -AEGIS_EFAULT,
		  "user: cputs of kernel memory (kseg0) is refused");
	sys_check(sys_cputs((const char *)0xa0000000, 16) == -AEGIS_EFAULT,
		  "user: cputs of kseg1 is refused");
	sys_check(sys_cputs((const char *)0x10000000, 16) == -AEGIS_EFAULT,
		  "user: cputs of unmapped user memory is refused");
	sys_check(sys_cputs((const char *)USER_TOP - 8, 0x90000000u) == -AEGIS_EFAULT,
		  "user: cputs whose length wraps past the address space is refused");
	sys_check(sys_check(1, (const char *)0x80000000) == -AEGIS_EFAULT,
		  "user: a check whose name is in kernel memory is refused");
	sys_check(raw_syscall(999, 0, 0) == -AEGIS_ENOSYS, "user: an unknown call number");
	sys_check(raw_syscall(-1, 0, 0) == -AEGIS_ENOSYS, "user: a negative call number");
	return 0;
}
