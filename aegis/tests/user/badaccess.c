/*
 * badaccess.c - user programs that try what user mode must not do; each
 * is built once per attempt (-DATTEMPT=n) and the kernel checks it was
 * stopped with the right exception and that nothing it aimed at changed.
 */
#include <aegis/sys.h>

int main(void)
{
#if ATTEMPT == 1	/* read the kernel's image through kseg0 */
	return *(volatile int *)0x80030000;
#elif ATTEMPT == 2	/* overwrite the kernel's first word (exception vector) */
	*(volatile int *)0x80000080 = 0;
#elif ATTEMPT == 3	/* a privileged instruction: turn interrupts off */
	__asm__ __volatile__("mtc0 $0, $12");
#elif ATTEMPT == 4	/* read unmapped user memory */
	return *(volatile int *)0x10000000;
#elif ATTEMPT == 5	/* write its own read-only text */
	*(volatile int *)0x00400000 = 0;
#endif
	return 0;
}
