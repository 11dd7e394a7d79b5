/* libgcc_host.c - run the libgcc edge cases natively: the reference output. */
#include <stdio.h>
#include "libgcc_cases.h"

static void emit(const char *s) { puts(s); }

int main(void)
{
	libgcc_cases(emit);
	return 0;
}
