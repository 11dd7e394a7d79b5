/*
 * platform/select.c - pick the board's platform from the PROM system type.
 */
#include "../platform.h"
#include "prom.h"

static const struct platform *const boards[] = {
	&platform_kn02,
	&platform_kn02ba,
	&platform_kn03,
};

const struct platform *platform = &platform_prom;

void platform_select(uint32_t sysid)
{
	platform = &platform_prom;
	for (unsigned i = 0; i < sizeof(boards) / sizeof(boards[0]); i++)
		if (boards[i]->systype == (int)SYSTYPE(sysid))
			platform = boards[i];
	platform->init();
}
