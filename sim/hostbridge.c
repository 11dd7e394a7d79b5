/*
 * hostbridge.c - placeholder until the libslirp bridge lands (issue 15):
 * every --hostfwd is refused with a clear error.
 */
#include <stdio.h>
#include "hostbridge.h"

struct hostbridge *hostbridge_new(struct net_segment *s, const char *const *fwds,
				  unsigned nfwds, char *err, unsigned errlen)
{
	(void)s;
	(void)fwds;
	(void)nfwds;
	snprintf(err, errlen, "--hostfwd: this pmaxsim was built without the host bridge");
	return NULL;
}

void hostbridge_print_stats(const struct hostbridge *b, FILE *out)
{
	(void)b;
	(void)out;
}

void hostbridge_free(struct hostbridge *b)
{
	(void)b;
}
