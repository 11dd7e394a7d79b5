/*
 * net/dpf_mips.h - encoders of the few MIPS I instructions DPF's code
 * generator emits (R3000 manual, appendix A; checked against objdump by
 * aegis/net/tests/dpf-encode-test). Pure functions: the host test
 * includes this too.
 */
#ifndef AEGIS_NET_DPF_MIPS_H
#define AEGIS_NET_DPF_MIPS_H

#include <stdint.h>

enum {
	R_ZERO = 0, R_AT = 1, R_V0 = 2, R_V1 = 3, R_A0 = 4, R_A1 = 5, R_A2 = 6, R_A3 = 7,
	R_T0 = 8, R_T1 = 9, R_T2 = 10, R_T3 = 11, R_T4 = 12, R_T5 = 13, R_T6 = 14, R_T7 = 15,
	R_T8 = 24, R_T9 = 25, R_RA = 31
};

static inline uint32_t mips_i(unsigned op, unsigned rs, unsigned rt, uint32_t imm)
{
	return op << 26 | rs << 21 | rt << 16 | (imm & 0xffff);
}
static inline uint32_t mips_r(unsigned rs, unsigned rt, unsigned rd, unsigned sa, unsigned fn)
{
	return rs << 21 | rt << 16 | rd << 11 | sa << 6 | fn;
}

/* Loads and the store: rt, signed 16-bit offset, base. */
static inline uint32_t mips_lbu(unsigned rt, int off, unsigned b) { return mips_i(0x24, b, rt, (uint32_t)off); }
static inline uint32_t mips_lhu(unsigned rt, int off, unsigned b) { return mips_i(0x25, b, rt, (uint32_t)off); }
static inline uint32_t mips_lw(unsigned rt, int off, unsigned b) { return mips_i(0x23, b, rt, (uint32_t)off); }
static inline uint32_t mips_lwl(unsigned rt, int off, unsigned b) { return mips_i(0x22, b, rt, (uint32_t)off); }
static inline uint32_t mips_lwr(unsigned rt, int off, unsigned b) { return mips_i(0x26, b, rt, (uint32_t)off); }
static inline uint32_t mips_sw(unsigned rt, int off, unsigned b) { return mips_i(0x2b, b, rt, (uint32_t)off); }
/* Immediates: addiu and sltiu sign-extend theirs, andi/ori/xori do not. */
static inline uint32_t mips_addiu(unsigned rt, unsigned rs, int imm) { return mips_i(0x09, rs, rt, (uint32_t)imm); }
static inline uint32_t mips_sltiu(unsigned rt, unsigned rs, int imm) { return mips_i(0x0b, rs, rt, (uint32_t)imm); }
static inline uint32_t mips_andi(unsigned rt, unsigned rs, unsigned imm) { return mips_i(0x0c, rs, rt, imm); }
static inline uint32_t mips_ori(unsigned rt, unsigned rs, unsigned imm) { return mips_i(0x0d, rs, rt, imm); }
static inline uint32_t mips_xori(unsigned rt, unsigned rs, unsigned imm) { return mips_i(0x0e, rs, rt, imm); }
static inline uint32_t mips_lui(unsigned rt, unsigned imm) { return mips_i(0x0f, 0, rt, imm); }
/* Register operations. */
static inline uint32_t mips_sll(unsigned rd, unsigned rt, unsigned sa) { return mips_r(0, rt, rd, sa, 0x00); }
static inline uint32_t mips_srl(unsigned rd, unsigned rt, unsigned sa) { return mips_r(0, rt, rd, sa, 0x02); }
static inline uint32_t mips_addu(unsigned rd, unsigned rs, unsigned rt) { return mips_r(rs, rt, rd, 0, 0x21); }
static inline uint32_t mips_subu(unsigned rd, unsigned rs, unsigned rt) { return mips_r(rs, rt, rd, 0, 0x23); }
static inline uint32_t mips_and(unsigned rd, unsigned rs, unsigned rt) { return mips_r(rs, rt, rd, 0, 0x24); }
static inline uint32_t mips_or(unsigned rd, unsigned rs, unsigned rt) { return mips_r(rs, rt, rd, 0, 0x25); }
static inline uint32_t mips_sltu(unsigned rd, unsigned rs, unsigned rt) { return mips_r(rs, rt, rd, 0, 0x2b); }
static inline uint32_t mips_jr(unsigned rs) { return mips_r(rs, 0, 0, 0, 0x08); }
static inline uint32_t mips_nop(void) { return 0; }
/* Branches: off counts instructions from the delay slot. */
static inline uint32_t mips_beq(unsigned rs, unsigned rt, int off) { return mips_i(0x04, rs, rt, (uint32_t)off); }
static inline uint32_t mips_bne(unsigned rs, unsigned rt, int off) { return mips_i(0x05, rs, rt, (uint32_t)off); }

#endif
