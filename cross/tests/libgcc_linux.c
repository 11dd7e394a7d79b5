/*
 * libgcc_linux.c - run the libgcc edge cases as a static MIPS I Linux
 * program under qemu-mipsel, with no C library: raw o32 system calls
 * (write = 4004, exit = 4001), so nothing but our libgcc is linked.
 */
#include "libgcc_cases.h"
#include "linux_rt.h"

void linux_main(void)
{
	libgcc_cases(rt_puts);
	rt_exit(0);
}

/* soft-fp raises exceptions through this hook; we ignore the flags. */
void abort(void) { rt_exit(134); }
