/*
 * syscall.c - system calls from user mode, on the general trap path for
 * now (the paper's two fast paths, no-stack and with-stack, come with the
 * exception-dispatch work). Every argument is checked before use: a
 * pointer must name memory the caller itself may read.
 */
#include "env.h"
#include "kernel.h"
#include "mips.h"
#include "trapframe.h"
#include "tests/tap.h"
#include <aegis/syscall.h>

static int sys_cputs(struct env *e, uint32_t va, uint32_t len)
{
	char buf[128];
	uint32_t done = 0;
	if (va + len < va)
		return -AEGIS_EFAULT;
	/* Check the whole range first, so a bad tail prints nothing. */
	for (uint32_t a = va; a - va < len; a = (a | 4095) + 1)
		if (!env_translate(e, a, 0))
			return -AEGIS_EFAULT;
	if (len && !env_translate(e, va + len - 1, 0))
		return -AEGIS_EFAULT;
	while (done < len) {
		uint32_t n = len - done < sizeof buf ? len - done : sizeof buf;
		if (copyin(e, buf, va + done, n) != 0)
			return -AEGIS_EFAULT;
		for (uint32_t i = 0; i < n; i++)
			console_putc(buf[i]);
		done += n;
	}
	return (int)len;
}

/* A test check from user code, numbered with the kernel's own. */
static int sys_check(struct env *e, int ok, uint32_t name_va)
{
	char name[96];
	uint32_t i;
	for (i = 0; i < sizeof name - 1; i++) {
		if (copyin(e, &name[i], name_va + i, 1) != 0)
			return -AEGIS_EFAULT;
		if (!name[i])
			break;
	}
	name[i] = 0;
	tap_ok(ok, "%s", name);
	return 0;
}

void syscall(struct trapframe *tf)
{
	struct env *e = curenv;
	int32_t r;

	switch (tf->v0) {
	case SYS_cputs:
		r = sys_cputs(e, tf->a0, tf->a1);
		break;
	case SYS_exit:
		env_exit_current((int)tf->a0, 0, tf);
	case SYS_getenvid:
		r = (int32_t)e->id;
		break;
	case SYS_check:
		r = sys_check(e, (int)tf->a0, tf->a1);
		break;
	default:
		r = -AEGIS_ENOSYS;
		break;
	}
	tf->v0 = (uint32_t)r;
	tf->epc += 4;
}
