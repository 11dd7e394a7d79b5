/*
 * disasm.c - R3000/R3010 disassembler (see disasm.h). Written from the
 * encodings in Kane & Heinrich appendices A and B. Fields an instruction
 * leaves unused must be zero: a word that sets them encodes no R3000
 * instruction and is shown as reserved (GNU objdump draws the same line).
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "disasm.h"
#include "symbols.h"

const char *const disasm_gpr[32] = {
	"zero", "at", "v0", "v1", "a0", "a1", "a2", "a3",
	"t0", "t1", "t2", "t3", "t4", "t5", "t6", "t7",
	"s0", "s1", "s2", "s3", "s4", "s5", "s6", "s7",
	"t8", "t9", "k0", "k1", "gp", "sp", "s8", "ra",
};

/* The R3000's CP0 registers; the others are not implemented. */
const char *disasm_cp0_name(unsigned reg, char tmp[8])
{
	static const char *const names[16] = {
		"c0_index", "c0_random", "c0_entrylo", NULL,
		"c0_context", NULL, NULL, NULL,
		"c0_badvaddr", NULL, "c0_entryhi", NULL,
		"c0_sr", "c0_cause", "c0_epc", "c0_prid",
	};
	reg &= 31;
	if (reg < 16 && names[reg])
		return names[reg];
	snprintf(tmp, 8, "$%u", reg);
	return tmp;
}

/* The output line being built. */
struct out {
	char *buf;
	size_t len, pos;
	struct symtab *syms;
};

static void put(struct out *o, const char *fmt, ...)
{
	va_list ap;
	if (o->pos >= o->len)
		return;
	va_start(ap, fmt);
	int n = vsnprintf(o->buf + o->pos, o->len - o->pos, fmt, ap);
	va_end(ap);
	if (n > 0)
		o->pos += (size_t)n < o->len - o->pos ? (size_t)n : o->len - o->pos - 1;
}

/* The mnemonic, padded so that operands line up. */
static void mnem(struct out *o, const char *m)
{
	put(o, "%-7s ", m);
}

static void target(struct out *o, uint32_t addr)
{
	uint32_t off;
	const char *name = o->syms ? symtab_lookup(o->syms, addr, &off) : NULL;
	put(o, "0x%08x", addr);
	if (name && off)
		put(o, " <%s+0x%x>", name, off);
	else if (name)
		put(o, " <%s>", name);
}

/* Finish: drop the padding after a mnemonic with no operands. */
static int done(struct out *o, int defined)
{
	while (o->pos > 0 && o->buf[o->pos - 1] == ' ')
		o->buf[--o->pos] = 0;
	return defined;
}

static int reserved(struct out *o, uint32_t insn)
{
	o->pos = 0;
	o->buf[0] = 0;
	mnem(o, ".word");
	put(o, "0x%08x  # reserved", insn);
	return done(o, 0);
}

#define RS	((insn >> 21) & 31)
#define RT	((insn >> 16) & 31)
#define RD	((insn >> 11) & 31)
#define SA	((insn >> 6) & 31)
#define FUNCT	(insn & 63)
#define SIMM	((int32_t)(int16_t)(insn & 0xffff))
#define UIMM	(insn & 0xffffu)
#define GPR(n)	disasm_gpr[n]

/* SPECIAL (opcode 0): the function field selects. */
static int special(struct out *o, uint32_t pc, uint32_t insn)
{
	static const char *const shift[8] = {
		"sll", NULL, "srl", "sra", "sllv", NULL, "srlv", "srav",
	};
	static const char *const alu[16] = {
		"add", "addu", "sub", "subu", "and", "or", "xor", "nor",
		NULL, NULL, "slt", "sltu", NULL, NULL, NULL, NULL,
	};
	unsigned f = FUNCT;
	(void)pc;

	if (f < 8 && shift[f]) {
		if (f < 4) {		/* by a constant: rs must be zero */
			if (RS)
				return reserved(o, insn);
			if (insn == 0) {
				mnem(o, "nop");
				return done(o, 1);
			}
			mnem(o, shift[f]);
			put(o, "%s,%s,0x%x", GPR(RD), GPR(RT), SA);
		} else {		/* by a register: sa must be zero */
			if (SA)
				return reserved(o, insn);
			mnem(o, shift[f]);
			put(o, "%s,%s,%s", GPR(RD), GPR(RT), GPR(RS));
		}
		return done(o, 1);
	}
	switch (f) {
	case 0x08:	/* jr rs */
		if (insn & 0x001fffc0u)
			return reserved(o, insn);
		mnem(o, "jr");
		put(o, "%s", GPR(RS));
		return done(o, 1);
	case 0x09:	/* jalr rd, rs (rd 31 is the default, left out) */
		if (RT || SA)
			return reserved(o, insn);
		mnem(o, "jalr");
		if (RD == 31)
			put(o, "%s", GPR(RS));
		else
			put(o, "%s,%s", GPR(RD), GPR(RS));
		return done(o, 1);
	case 0x0c: {	/* syscall: a 20-bit code the handler may read */
		uint32_t code = (insn >> 6) & 0xfffff;
		mnem(o, "syscall");
		if (code)
			put(o, "0x%x", code);
		return done(o, 1);
	}
	case 0x0d: {	/* break: code fields 25..16 and 15..6 */
		uint32_t hi = (insn >> 16) & 0x3ff, lo = (insn >> 6) & 0x3ff;
		mnem(o, "break");
		if (lo)
			put(o, "0x%x,0x%x", hi, lo);
		else if (hi)
			put(o, "0x%x", hi);
		return done(o, 1);
	}
	case 0x10: case 0x12:	/* mfhi, mflo rd */
		if (RS || RT || SA)
			return reserved(o, insn);
		mnem(o, f == 0x10 ? "mfhi" : "mflo");
		put(o, "%s", GPR(RD));
		return done(o, 1);
	case 0x11: case 0x13:	/* mthi, mtlo rs */
		if (RT || RD || SA)
			return reserved(o, insn);
		mnem(o, f == 0x11 ? "mthi" : "mtlo");
		put(o, "%s", GPR(RS));
		return done(o, 1);
	case 0x18: case 0x19:	/* mult, multu rs, rt */
		if (RD || SA)
			return reserved(o, insn);
		mnem(o, f == 0x18 ? "mult" : "multu");
		put(o, "%s,%s", GPR(RS), GPR(RT));
		return done(o, 1);
	case 0x1a: case 0x1b:	/* div, divu: objdump's "zero," marks the real insn */
		if (RD || SA)
			return reserved(o, insn);
		mnem(o, f == 0x1a ? "div" : "divu");
		put(o, "zero,%s,%s", GPR(RS), GPR(RT));
		return done(o, 1);
	}
	if (f >= 0x20 && f < 0x30 && alu[f - 0x20]) {
		if (SA)
			return reserved(o, insn);
		if ((f == 0x21 || f == 0x25) && RT == 0) {	/* addu/or rd, rs, zero */
			mnem(o, "move");
			put(o, "%s,%s", GPR(RD), GPR(RS));
		} else if ((f == 0x22 || f == 0x23) && RS == 0) {	/* sub(u) rd, zero, rt */
			mnem(o, f == 0x22 ? "neg" : "negu");
			put(o, "%s,%s", GPR(RD), GPR(RT));
		} else {
			mnem(o, alu[f - 0x20]);
			put(o, "%s,%s,%s", GPR(RD), GPR(RS), GPR(RT));
		}
		return done(o, 1);
	}
	return reserved(o, insn);
}

/* REGIMM (opcode 1): the rt field selects a compare-with-zero branch. */
static int regimm(struct out *o, uint32_t pc, uint32_t insn)
{
	uint32_t to = pc + 4 + ((uint32_t)SIMM << 2);
	switch (RT) {
	case 0x00: mnem(o, "bltz"); break;
	case 0x01: mnem(o, RS ? "bgez" : "b"); break;		/* bgez zero: always */
	case 0x10: mnem(o, "bltzal"); break;
	case 0x11: mnem(o, RS ? "bgezal" : "bal"); break;
	default: return reserved(o, insn);
	}
	if (!(RS == 0 && (RT == 0x01 || RT == 0x11)))	/* b and bal: no operand */
		put(o, "%s,", GPR(RS));
	target(o, to);
	return done(o, 1);
}

/* The R3010's floating-point operations (COP1 with the CO bit set). */
static int fpu_op(struct out *o, uint32_t insn)
{
	static const char *const cond[16] = {
		"f", "un", "eq", "ueq", "olt", "ult", "ole", "ule",
		"sf", "ngle", "seq", "ngl", "lt", "nge", "le", "ngt",
	};
	unsigned fmt = RS, ft = RT, fs = RD, fd = SA, f = FUNCT;
	char fmtc = fmt == 16 ? 's' : fmt == 17 ? 'd' : fmt == 20 ? 'w' : 0;
	char name[16];

	if (!fmtc)
		return reserved(o, insn);
	if (f <= 3) {				/* add sub mul div: S and D */
		static const char *const ops[4] = { "add", "sub", "mul", "div" };
		if (fmtc == 'w')
			return reserved(o, insn);
		snprintf(name, sizeof name, "%s.%c", ops[f], fmtc);
		mnem(o, name);
		put(o, "$f%u,$f%u,$f%u", fd, fs, ft);
		return done(o, 1);
	}
	if (f >= 5 && f <= 7) {			/* abs mov neg: S and D, ft zero */
		static const char *const ops[3] = { "abs", "mov", "neg" };
		if (fmtc == 'w' || ft)
			return reserved(o, insn);
		snprintf(name, sizeof name, "%s.%c", ops[f - 5], fmtc);
		mnem(o, name);
		put(o, "$f%u,$f%u", fd, fs);
		return done(o, 1);
	}
	if (f == 0x20 || f == 0x21 || f == 0x24) {	/* cvt.s cvt.d cvt.w */
		char to = f == 0x20 ? 's' : f == 0x21 ? 'd' : 'w';
		if (to == fmtc || ft)
			return reserved(o, insn);
		snprintf(name, sizeof name, "cvt.%c.%c", to, fmtc);
		mnem(o, name);
		put(o, "$f%u,$f%u", fd, fs);
		return done(o, 1);
	}
	if (f >= 0x30) {			/* c.cond.fmt fs, ft: S and D, fd zero */
		if (fmtc == 'w' || fd)
			return reserved(o, insn);
		snprintf(name, sizeof name, "c.%s.%c", cond[f & 15], fmtc);
		mnem(o, name);
		put(o, "$f%u,$f%u", fs, ft);
		return done(o, 1);
	}
	return reserved(o, insn);
}

/* COPz (opcodes 16..19): moves, branches on the condition, operations. */
static int cop(struct out *o, uint32_t pc, uint32_t insn)
{
	unsigned z = (insn >> 26) & 3;
	char name[16], tmp[8];

	if (RS & 0x10) {			/* CO: a coprocessor operation */
		if (z == 1)
			return fpu_op(o, insn);
		if (z == 0) {
			const char *op = NULL;
			switch (insn & 0x01ffffffu) {	/* everything else zero */
			case 0x01: op = "tlbr"; break;
			case 0x02: op = "tlbwi"; break;
			case 0x06: op = "tlbwr"; break;
			case 0x08: op = "tlbp"; break;
			case 0x10: op = "rfe"; break;
			}
			if (!op)
				return reserved(o, insn);
			mnem(o, op);
			return done(o, 1);
		}
		/* No CP2/CP3 on a DECstation, but MIPS I defines the form. */
		snprintf(name, sizeof name, "c%u", z);
		mnem(o, name);
		put(o, "0x%x", insn & 0x01ffffffu);
		return done(o, 1);
	}
	switch (RS) {
	case 0: case 2: case 4: case 6: {	/* mfc cfc mtc ctc rt, rd */
		static const char *const ops[4] = { "mf", "cf", "mt", "ct" };
		const char *reg;
		char freg[8];
		if (insn & 0x7ff)
			return reserved(o, insn);
		snprintf(name, sizeof name, "%sc%u", ops[RS / 2], z);
		if (z == 0 && (RS == 0 || RS == 4)) {
			reg = disasm_cp0_name(RD, tmp);
		} else if (z == 1 && (RS == 0 || RS == 4)) {
			snprintf(freg, sizeof freg, "$f%u", RD);
			reg = freg;
		} else if (z == 1 && RD == 0) {
			reg = "c1_fir";		/* FCR0: implementation/revision */
		} else if (z == 1 && RD == 31) {
			reg = "c1_fcsr";	/* FCR31: control/status */
		} else {
			snprintf(freg, sizeof freg, "$%u", RD);
			reg = freg;
		}
		mnem(o, name);
		put(o, "%s,%s", GPR(RT), reg);
		return done(o, 1);
	}
	case 8:					/* bczf, bczt */
		if (RT > 1)
			return reserved(o, insn);
		snprintf(name, sizeof name, "bc%u%c", z, RT ? 't' : 'f');
		mnem(o, name);
		target(o, pc + 4 + ((uint32_t)SIMM << 2));
		return done(o, 1);
	}
	return reserved(o, insn);
}

int disasm(uint32_t pc, uint32_t insn, struct symtab *syms, char *buf, size_t len)
{
	static const char *const imm_ops[8] = {
		"addi", "addiu", "slti", "sltiu", "andi", "ori", "xori", "lui",
	};
	static const char *const mem_ops[16] = {
		"lb", "lh", "lwl", "lw", "lbu", "lhu", "lwr", NULL,
		"sb", "sh", "swl", "sw", NULL, NULL, "swr", NULL,
	};
	char tbuf[16];
	struct out o = { tbuf, sizeof tbuf, 0, syms };
	if (buf && len) {
		o.buf = buf;
		o.len = len;
	}
	o.buf[0] = 0;

	unsigned op = insn >> 26;
	switch (op) {
	case 0x00:
		return special(&o, pc, insn);
	case 0x01:
		return regimm(&o, pc, insn);
	case 0x02: case 0x03:			/* j, jal: within pc+4's 256 MB */
		mnem(&o, op == 2 ? "j" : "jal");
		target(&o, ((pc + 4) & 0xf0000000u) | (insn & 0x03ffffffu) << 2);
		return done(&o, 1);
	case 0x04: case 0x05: {			/* beq, bne */
		uint32_t to = pc + 4 + ((uint32_t)SIMM << 2);
		if (op == 4 && RS == 0 && RT == 0) {
			mnem(&o, "b");
		} else if (RT == 0) {
			mnem(&o, op == 4 ? "beqz" : "bnez");
			put(&o, "%s,", GPR(RS));
		} else {
			mnem(&o, op == 4 ? "beq" : "bne");
			put(&o, "%s,%s,", GPR(RS), GPR(RT));
		}
		target(&o, to);
		return done(&o, 1);
	}
	case 0x06: case 0x07:			/* blez, bgtz: rt zero */
		if (RT)
			return reserved(&o, insn);
		mnem(&o, op == 6 ? "blez" : "bgtz");
		put(&o, "%s,", GPR(RS));
		target(&o, pc + 4 + ((uint32_t)SIMM << 2));
		return done(&o, 1);
	case 0x08: case 0x09: case 0x0a: case 0x0b:	/* signed immediate */
		if (op == 0x09 && RS == 0) {
			mnem(&o, "li");
			put(&o, "%s,%d", GPR(RT), SIMM);
		} else {
			mnem(&o, imm_ops[op - 8]);
			put(&o, "%s,%s,%d", GPR(RT), GPR(RS), SIMM);
		}
		return done(&o, 1);
	case 0x0c: case 0x0d: case 0x0e:	/* unsigned immediate */
		if (op == 0x0d && RS == 0) {
			mnem(&o, "li");
			put(&o, "%s,0x%x", GPR(RT), UIMM);
		} else {
			mnem(&o, imm_ops[op - 8]);
			put(&o, "%s,%s,0x%x", GPR(RT), GPR(RS), UIMM);
		}
		return done(&o, 1);
	case 0x0f:				/* lui: rs zero */
		if (RS)
			return reserved(&o, insn);
		mnem(&o, "lui");
		put(&o, "%s,0x%x", GPR(RT), UIMM);
		return done(&o, 1);
	case 0x10: case 0x11: case 0x12: case 0x13:
		return cop(&o, pc, insn);
	case 0x30: case 0x31: case 0x32: case 0x33:	/* lwcz */
	case 0x38: case 0x39: case 0x3a: case 0x3b: {	/* swcz */
		unsigned z = op & 3;
		char name[8], reg[16], tmp[8];
		snprintf(name, sizeof name, "%swc%u", op & 8 ? "s" : "l", z);
		if (z == 0)
			snprintf(reg, sizeof reg, "%s", disasm_cp0_name(RT, tmp));
		else
			snprintf(reg, sizeof reg, z == 1 ? "$f%u" : "$%u", RT);
		mnem(&o, name);
		put(&o, "%s,%d(%s)", reg, SIMM, GPR(RS));
		return done(&o, 1);
	}
	}
	if (op >= 0x20 && op < 0x30 && mem_ops[op - 0x20]) {
		mnem(&o, mem_ops[op - 0x20]);
		put(&o, "%s,%d(%s)", GPR(RT), SIMM, GPR(RS));
		return done(&o, 1);
	}
	return reserved(&o, insn);
}
