/*
 * aegis/net/tests/host_dpf_enc.c - the encoders of dpf_mips.h, one call
 * of each as the generator makes them, with the text an R3000
 * disassembler should print for it. Writes the words to FILE.bin and
 * prints "index<TAB>expected" lines; dpf-encode-test compares them with
 * mipsel-linux-gnu-objdump's reading of FILE.bin.
 *   usage: host_dpf_enc FILE.bin
 */
#include <stdio.h>
#include "../dpf_mips.h"

struct enc {
	uint32_t w;
	const char *text;	/* branches: the target (from index 0) follows */
};

int main(int argc, char **argv)
{
	/* branch offsets count from the delay slot: index i, offset o -> 4*(i+1+o) */
	const struct enc e[] = {
		{ mips_lbu(R_T0, 23, R_A0), "lbu\tt0,23(a0)" },
		{ mips_lhu(R_T0, 12, R_A0), "lhu\tt0,12(a0)" },
		{ mips_lw(R_T0, 26, R_A2), "lw\tt0,26(a2)" },
		{ mips_lwl(R_T0, 15, R_T9), "lwl\tt0,15(t9)" },
		{ mips_lwr(R_T0, 12, R_V0), "lwr\tt0,12(v0)" },
		{ mips_lw(R_AT, -32000, R_AT), "lw\tat,-32000(at)" },
		{ mips_sw(R_AT, 0x7ff0, R_T1), "sw\tat,32752(t1)" },
		{ mips_addiu(R_V0, R_ZERO, -1), "li\tv0,-1" },
		{ mips_addiu(R_T1, R_T0, 34), "addiu\tt1,t0,34" },
		{ mips_sltiu(R_T1, R_A1, 1518), "sltiu\tt1,a1,1518" },
		{ mips_andi(R_T0, R_T0, 0xf), "andi\tt0,t0,0xf" },
		{ mips_ori(R_T1, R_ZERO, 0x8), "li\tt1,0x8" },
		{ mips_ori(R_T1, R_T1, 0x5678), "ori\tt1,t1,0x5678" },
		{ mips_xori(R_V0, R_T0, 0xff), "xori\tv0,t0,0xff" },
		{ mips_lui(R_T1, 0x7856), "lui\tt1,0x7856" },
		{ mips_sll(R_T0, R_T0, 2), "sll\tt0,t0,0x2" },
		{ mips_srl(R_T1, R_T0, 21), "srl\tt1,t0,0x15" },
		{ mips_jr(R_T1), "jr\tt1" },
		{ mips_addu(R_A2, R_A0, R_T0), "addu\ta2,a0,t0" },
		{ mips_subu(R_T1, R_T3, R_A0), "subu\tt1,t3,a0" },
		{ mips_and(R_T0, R_T0, R_T1), "and\tt0,t0,t1" },
		{ mips_or(R_T0, R_T0, R_T1), "or\tt0,t0,t1" },
		{ mips_sltu(R_T1, R_A1, R_T1), "sltu\tt1,a1,t1" },
		{ mips_jr(R_RA), "jr\tra" },
		{ mips_nop(), "nop" },
		{ mips_beq(R_T0, R_T1, 3), "beq\tt0,t1,0x74" },
		{ mips_bne(R_T1, R_ZERO, -2), "bnez\tt1,0x64" },
		{ mips_beq(R_ZERO, R_ZERO, 0), "b\t0x70" },
	};
	FILE *f = argc == 2 ? fopen(argv[1], "wb") : NULL;
	if (!f) {
		fprintf(stderr, "usage: host_dpf_enc FILE.bin\n");
		return 2;
	}
	for (unsigned i = 0; i < sizeof e / sizeof e[0]; i++) {
		uint8_t b[4] = { (uint8_t)e[i].w, (uint8_t)(e[i].w >> 8), (uint8_t)(e[i].w >> 16),
				 (uint8_t)(e[i].w >> 24) };
		fwrite(b, 1, 4, f);
		printf("%x\t%s\n", 4 * i, e[i].text);
	}
	return fclose(f) != 0;
}
