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
#include "exc.h"
#include "trap.h"
#include "tests/tap.h"
#include "../sim/simctl.h"
#include <aegis/exception.h>
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

static int sys_set_xsave(struct env *e, uint32_t va)
{
	uint32_t pa = env_translate(e, va, 1);
	if (!pa || (va & (XSAVE_SIZE - 1)))
		return -AEGIS_EFAULT;
	for (int i = 0; i < 32; i++)
		e->xc.save[i] = KSEG0(pa);
	return 0;
}

/* Only these causes may go to user handlers; interrupts, TLB misses and
   system calls stay Aegis's. */
static int user_handleable(uint32_t cause)
{
	switch (cause) {
	case XCODE_MOD: case XCODE_ADEL: case XCODE_ADES: case XCODE_BP:
	case XCODE_RI: case XCODE_CPU: case XCODE_OV:
		return 1;
	default:
		return 0;
	}
}

static int sys_set_handler(struct env *e, uint32_t cause, uint32_t pc)
{
	if (cause >= 32 || !user_handleable(cause))
		return -AEGIS_EINVAL;
	if (pc == 0) {
		e->xc.route[cause] = (uint32_t)trap_entry;
		e->xc.uhandler[cause] = 0;
		return 0;
	}
	/* The handler runs in user mode, so any user address is harmless to
	   others; a kernel address would only fault again in user mode, but
	   is refused outright. A save area must exist first. */
	if (pc >= KSEG0_BASE || (pc & 3))
		return -AEGIS_EFAULT;
	if (!e->xc.save[cause])
		return -AEGIS_EINVAL;
	e->xc.uhandler[cause] = pc;
	e->xc.route[cause] = (uint32_t)exc_to_user;
	return 0;
}

/* pmaxsim's counter page, if this is pmaxsim (probed: a real machine
   bus-errors there, which the trap probe absorbs). */
static int sys_map_counter(struct env *e)
{
	volatile uint32_t *magic = (volatile uint32_t *)KSEG1(SIMCTL_BASE);
	trap_probe.armed = 1;
	uint32_t m = *magic;
	int faulted = trap_probe.hits > 0;
	trap_probe.armed = 0;
	trap_probe.hits = 0;
	if (faulted || m != SIMCTL_MAGIC)
		return -AEGIS_ENOSYS;
	return env_map_device(e, USER_COUNTER_VA, SIMCTL_BASE) == 0 ? 0 : -AEGIS_EINVAL;
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
	case SYS_getenvid:	/* normally answered on the no-stack path */
		r = (int32_t)e->id;
		break;
	case SYS_null:
		r = 0;
		break;
	case SYS_check:
		r = sys_check(e, (int)tf->a0, tf->a1);
		break;
	case SYS_set_xsave:
		r = sys_set_xsave(e, tf->a0);
		break;
	case SYS_set_handler:
		r = sys_set_handler(e, tf->a0, tf->a1);
		break;
	case SYS_map_counter:
		r = sys_map_counter(e);
		break;
	default:
		r = -AEGIS_ENOSYS;
		break;
	}
	tf->v0 = (uint32_t)r;
	tf->epc += 4;
}
