/* gdbstub.c - placeholder until the GDB remote stub lands. */
#include <stdio.h>
#include "debugtools.h"
int gdb_attach(struct machine *m, int port, const char *const *symfiles, int nsymfiles)
{
	(void)m; (void)port; (void)symfiles; (void)nsymfiles;
	fprintf(stderr, "pmaxsim: --gdb is not implemented yet\n");
	return -1;
}
void gdb_run(struct machine *m) { (void)m; }
