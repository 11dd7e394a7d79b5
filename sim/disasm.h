/*
 * disasm.h - the R3000 disassembler behind --trace (and tests): every
 * MIPS I integer instruction, COP0 with the R3000's register names and TLB
 * operations, the R3010 FPU as COP1, the generic COP2/COP3 forms. Output
 * follows GNU objdump's conventions (register names, pseudo-ops such as
 * nop, move, li, b, beqz) so that traces read like listings.
 * Source: Kane & Heinrich, "MIPS RISC Architecture" (1992), appendix A
 * (integer) and appendix B (floating point).
 */
#ifndef SIM_DISASM_H
#define SIM_DISASM_H

#include <stddef.h>
#include <stdint.h>

struct symtab;

/* Disassemble the word insn found at address pc into buf (at most len
 * bytes, always NUL-terminated): the mnemonic padded to 8 columns, then
 * the operands. Branch and jump targets are absolute addresses; when syms
 * is not NULL and knows the target, " <name+0xoff>" follows. Returns 1 for
 * a defined instruction, 0 for a word no R3000 instruction encodes (then
 * buf holds ".word   0x%08x  # reserved"). */
int disasm(uint32_t pc, uint32_t insn, struct symtab *syms, char *buf, size_t len);

/* Names: general registers as objdump spells them ("zero", "sp", "s8"),
 * and CP0 registers of the R3000 ("c0_sr"; "$n" for unimplemented ones). */
extern const char *const disasm_gpr[32];
const char *disasm_cp0_name(unsigned reg, char tmp[8]);

#endif
