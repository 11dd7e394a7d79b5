/*
 * asmhelp.h - single memory accesses the compiler cannot move into a
 * branch delay slot or combine (the tests count the faults they take).
 */
#ifndef EXOS_ASMHELP_H
#define EXOS_ASMHELP_H
#include <stdint.h>

static inline uint32_t peek(uint32_t va)
{
	uint32_t v;
	__asm__ volatile(".set push\n.set noreorder\nlw %0, 0(%1)\nnop\n.set pop"
			 : "=r"(v) : "r"(va) : "memory");
	return v;
}

static inline void poke(uint32_t va, uint32_t v)
{
	__asm__ volatile(".set push\n.set noreorder\nsw %0, 0(%1)\nnop\n.set pop"
			 : : "r"(v), "r"(va) : "memory");
}
#endif
