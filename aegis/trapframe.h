/*
 * trapframe.h - the register frame the general trap path saves, shared by
 * entry.S (offsets) and trap.c (struct). Keep the two in step: trap.c
 * checks the struct's size against TF_SIZE at compile time.
 */
#ifndef AEGIS_TRAPFRAME_H
#define AEGIS_TRAPFRAME_H

#define TF_AT		0
#define TF_V0		4
#define TF_V1		8
#define TF_A0		12
#define TF_A1		16
#define TF_A2		20
#define TF_A3		24
#define TF_T0		28
#define TF_T1		32
#define TF_T2		36
#define TF_T3		40
#define TF_T4		44
#define TF_T5		48
#define TF_T6		52
#define TF_T7		56
#define TF_S0		60
#define TF_S1		64
#define TF_S2		68
#define TF_S3		72
#define TF_S4		76
#define TF_S5		80
#define TF_S6		84
#define TF_S7		88
#define TF_T8		92
#define TF_T9		96
#define TF_GP		100
#define TF_SP		104
#define TF_S8		108
#define TF_RA		112
#define TF_HI		116
#define TF_LO		120
#define TF_STATUS	124
#define TF_CAUSE	128
#define TF_EPC		132
#define TF_BADVADDR	136
#define TF_SIZE		144	/* 8-byte aligned */

#ifndef __ASSEMBLER__
#include <stdint.h>

/* Registers r1..r31 in order (r0 is not saved; k0/k1 are not preserved). */
struct trapframe {
	uint32_t at, v0, v1, a0, a1, a2, a3;
	uint32_t t0, t1, t2, t3, t4, t5, t6, t7;
	uint32_t s0, s1, s2, s3, s4, s5, s6, s7;
	uint32_t t8, t9, gp, sp, s8, ra;
	uint32_t hi, lo;
	uint32_t status, cause, epc, badvaddr;
	uint32_t pad;
};
#endif

#endif
