/*
 * targs.c - prints its argc and argv, one word a line, and exits with
 * argc: the shell's fork + execv of a program from the disk passes real
 * argument strings (exos/tests/shell-exec-test). Started from the boot
 * archive it gets SYS_spawn's two numbers instead.
 */
#include <stdio.h>

int main(int argc, char **argv)
{
	printf("targs: argc %d\n", argc);
	for (int i = 0; i < argc; i++)
		printf("targs: argv[%d] = \"%s\"\n", i, argv[i]);
	return argc;
}
