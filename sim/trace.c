/* trace.c - placeholder until the instruction trace lands. */
#include <stdio.h>
#include "debugtools.h"
int trace_attach(struct machine *m, const struct trace_opts *o,
		 const char *const *symfiles, int nsymfiles)
{
	(void)m; (void)o; (void)symfiles; (void)nsymfiles;
	fprintf(stderr, "pmaxsim: --trace is not implemented yet\n");
	return -1;
}
