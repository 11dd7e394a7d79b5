/*
 * boot.c - the first C code: keep the PROM's arguments, choose the board's
 * platform (console), install the exception vectors, then run kmain().
 */
#include "kernel.h"
#include "platform.h"
#include "prom.h"
#include "trap.h"

struct boot_args boot_args;

int boot_has_arg(const char *arg)
{
	for (int i = 0; i < boot_args.argc; i++)
		if (boot_args.argv && boot_args.argv[i] && kstrcmp(boot_args.argv[i], arg) == 0)
			return 1;
	return 0;
}

const char *boot_arg_value(const char *prefix)
{
	size_t n = kstrlen(prefix);
	for (int i = 0; i < boot_args.argc; i++)
		if (boot_args.argv && boot_args.argv[i] &&
		    kstrncmp(boot_args.argv[i], prefix, n) == 0)
			return boot_args.argv[i] + n;
	return NULL;
}

void boot(int argc, char **argv, uint32_t magic, uint32_t rex) NORETURN;

void boot(int argc, char **argv, uint32_t magic, uint32_t rex)
{
	boot_args.argc = argc;
	boot_args.argv = argv;
	boot_args.magic = magic;
	boot_args.rex = magic == PROM_MAGIC ? rex : 0;

	platform_select(prom_getsysid());
	trap_init();
	kmain();
	halt();
}
