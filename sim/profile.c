/* profile.c - placeholder until the profiler lands. */
#include <stdio.h>
#include "debugtools.h"
int profile_attach(struct machine *m, const char *outfile,
		   const char *const *symfiles, int nsymfiles)
{
	(void)m; (void)outfile; (void)symfiles; (void)nsymfiles;
	fprintf(stderr, "pmaxsim: --profile is not implemented yet\n");
	return -1;
}
void profile_finish(struct machine *m) { (void)m; }
