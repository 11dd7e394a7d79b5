#!/usr/bin/env python3
"""isagen.py - a seeded generator of random user-mode MIPS I programs for
the differential test against qemu-mipsel (isarand-run, isarand.c).

Writes an assembler file: programs isarand_p0..N-1, each a list of blocks
ending in `j isarand_exit`, and the table isarand_progs (entry, seed pairs). Every instruction
is a .word (nothing for the assembler to reorder) except j/jal, whose
targets are labels. The programs keep to what MIPS I defines, so that the
R3000 (pmaxsim) and QEMU's interlocked MIPS32 must agree (R3000 manual,
Kane & Heinrich "MIPS RISC Architecture" ch. 2-3 and appendix A):
  - load delay: the instruction after a load neither reads nor writes the
    loaded register (its result is undefined on the R3000), except LWR
    right after LWL (or LWL after LWR) to the same register, which MIPS I
    allows back to back;
  - HI/LO: no MULT/DIV/MTHI/MTLO within two instructions after an
    MFHI/MFLO; MTHI and MTLO come as a pair (after an MFHI and two other
    instructions), so neither half is left undefined by a multiply;
  - no division by zero (the divisor is made nonzero and never -1 first:
    x = (r | 1) << 1, so INT_MIN / -1 never happens);
  - no branch or jump in a delay slot; branches and jumps go forward only,
    to block starts, so every program ends; JR/JALR take an address made
    from a BGEZAL's link (r1, r31 hold code addresses only; isarand.c
    reports them relative to the entry);
  - loads and stores only in the 256-byte data area at r30 (never written),
    aligned except LWL/LWR/SWL/SWR; no privileged instruction, no FPU;
  - ADD/ADDI/SUB may overflow: both sides skip the trapping instruction
    (isa/linux.c's SIGFPE handler, the runtime's exception probe on bare
    metal, which is one-shot: so at most one per program, and control only
    goes forward) and report that a trap happened; never in a delay slot.
usage: isagen.py SEED COUNT [--len N] > progs.S
       isagen.py --program FILE.json > progs.S   (one program, from isarand-run's minimiser)
"""
import json
import random
import sys

GPR = list(range(2, 26)) + [28]     # r1, r26, r27, r29 (sp: a trap's handler runs on it), r30, r31 are reserved
ZERO_OK = GPR + [0]

def r_type(rs, rt, rd, sa, funct):
    return (rs << 21) | (rt << 16) | (rd << 11) | (sa << 6) | funct

def i_type(op, rs, rt, imm):
    return (op << 26) | (rs << 21) | (rt << 16) | (imm & 0xffff)

R_ALU = {'addu': 0x21, 'subu': 0x23, 'and': 0x24, 'or': 0x25, 'xor': 0x26,
         'nor': 0x27, 'slt': 0x2a, 'sltu': 0x2b, 'sllv': 0x04, 'srlv': 0x06, 'srav': 0x07}
SHIFT = {'sll': 0, 'srl': 2, 'sra': 3}
I_ALU = {'addiu': 9, 'slti': 10, 'sltiu': 11, 'andi': 12, 'ori': 13, 'xori': 14}
TRAPPING = {'add': 0x20, 'sub': 0x22}
LOADS = {'lb': (32, 1), 'lh': (33, 2), 'lw': (35, 4), 'lbu': (36, 1), 'lhu': (37, 2)}
STORES = {'sb': (40, 1), 'sh': (41, 2), 'sw': (43, 4), 'swl': (42, 1), 'swr': (46, 1)}
LWL, LWR = 34, 38

class Gen:
    def __init__(self, rng):
        self.r = rng
        self.trap_used = False

    def imm(self):
        r = self.r
        return r.choice([0, 1, -1, 0x7fff, -0x8000, 0x8000, 0xffff, r.randrange(-32768, 32768),
                         r.randrange(0, 65536), r.randrange(-8, 9)])

    def src(self):
        return self.r.choice(ZERO_OK)

    def dst(self, avoid=()):
        while True:
            d = self.r.choice(ZERO_OK if self.r.random() < 0.05 else GPR)
            if d not in avoid:
                return d

    def alu(self, avoid=()):
        """One instruction that neither reads nor writes a register in avoid,
        never traps, never branches, never touches HI/LO."""
        r = self.r
        while True:
            k = r.randrange(4)
            if k == 0:
                rs, rt, rd = self.src(), self.src(), self.dst()
                w = r_type(rs, rt, rd, 0, R_ALU[r.choice(list(R_ALU))])
                regs = (rs, rt, rd)
            elif k == 1:
                rt, rd = self.src(), self.dst()
                w = r_type(0, rt, rd, r.randrange(32), SHIFT[r.choice(list(SHIFT))])
                regs = (rt, rd)
            elif k == 2:
                rs, rt = self.src(), self.dst()
                w = i_type(I_ALU[r.choice(list(I_ALU))], rs, rt, self.imm())
                regs = (rs, rt)
            else:
                rt = self.dst()
                w = i_type(15, 0, rt, self.imm())          # lui
                regs = (rt,)
            if not any(x in avoid and x != 0 for x in regs):
                return w

    def store(self, avoid=()):
        r = self.r
        name = r.choice(list(STORES))
        op, size = STORES[name]
        off = r.randrange(0, 256 - 3)
        if name in ('sh', 'sw'):
            off -= off % size
        rt = self.src()
        if rt in avoid and rt != 0:
            rt = 0
        return i_type(op, 30, rt, off)

    def simple(self, avoid=()):
        """A delay-slot-safe instruction: ALU, store, or mult/div."""
        r = self.r.random()
        if r < 0.7:
            return self.alu(avoid)
        if r < 0.85:
            return self.store(avoid)
        rs, rt = self.src(), self.src()
        if rs in avoid: rs = 0
        if rt in avoid: rt = 0
        return r_type(rs, rt, 0, 0, self.r.choice([0x18, 0x19]))      # mult, multu

    def block(self):
        """A list of items: ints (instruction words) or ('br', word) /
        ('j', op) / ('addr', word) whose target the caller fills in."""
        r = self.r
        k = r.random()
        if k < 0.40:
            return [self.alu()]
        if k < 0.48:
            return [self.store()]
        if k < 0.58:                                     # load, then a non-user
            name = r.choice(list(LOADS))
            op, size = LOADS[name]
            off = r.randrange(0, 256 - size + 1)
            off -= off % size
            rt = self.dst()
            return [i_type(op, 30, rt, off), self.simple(avoid=(rt,))]
        if k < 0.63:                                     # unaligned pair, either order
            rt = self.dst()
            a, b = (LWL, LWR) if r.random() < 0.5 else (LWR, LWL)
            o1, o2 = r.randrange(0, 256 - 3), r.randrange(0, 256 - 3)
            items = [i_type(a, 30, rt, o1)]
            if r.random() < 0.7:
                items.append(i_type(b, 30, rt, o2))
            items.append(self.simple(avoid=(rt,)))
            return items
        if k < 0.68:                                     # multiply
            return [r_type(self.src(), self.src(), 0, 0, r.choice([0x18, 0x19]))]
        if k < 0.72:                                     # divide by a nonzero, non -1 value
            rs, rt, t = self.src(), self.src(), r.choice(GPR)
            return [i_type(13, rt, t, 1), r_type(0, t, t, 1, 0),   # ori t,rt,1; sll t,t,1
                    r_type(rs, t, 0, 0, r.choice([0x1a, 0x1b]))]
        if k < 0.77:                                     # mfhi/mflo, two others
            return [r_type(0, 0, self.dst(), 0, r.choice([0x10, 0x12])), self.alu(), self.alu()]
        if k < 0.79:                                     # mthi + mtlo after mfhi
            return [r_type(0, 0, self.dst(), 0, 0x10), self.alu(), self.alu(),
                    r_type(self.src(), 0, 0, 0, 0x11), r_type(self.src(), 0, 0, 0, 0x13)]
        if k < 0.83 and not self.trap_used:              # may trap on overflow
            self.trap_used = True
            if r.random() < 0.5:
                return [r_type(self.src(), self.src(), self.dst(), 0, TRAPPING[r.choice(list(TRAPPING))])]
            return [i_type(8, self.src(), self.dst(), self.imm())]          # addi
        if k < 0.93:                                     # conditional branch
            rs, rt = self.src(), self.src()
            kind = r.randrange(8)
            if kind == 0:   w = i_type(4, rs, rt, 0)         # beq
            elif kind == 1: w = i_type(5, rs, rt, 0)         # bne
            elif kind == 2: w = i_type(6, rs, 0, 0)          # blez
            elif kind == 3: w = i_type(7, rs, 0, 0)          # bgtz
            elif kind == 4: w = i_type(1, rs, 0, 0)          # bltz
            elif kind == 5: w = i_type(1, rs, 1, 0)          # bgez
            elif kind == 6: w = i_type(1, rs, 16, 0)         # bltzal
            else:           w = i_type(1, rs, 17, 0)         # bgezal
            return [('br', w), self.simple()]
        if k < 0.96:                                     # j / jal
            return [('j', r.choice(['j', 'jal'])), self.simple()]
        # jr / jalr through a link: bgezal $0 to the next-but-one word
        jump = r_type(1, 0, 0, 0, 8) if r.random() < 0.5 else r_type(1, 0, 31, 0, 9)
        return [i_type(1, 0, 17, 1), self.simple(), ('addr', i_type(9, 31, 1, 0)), jump, self.simple()]

def generate(rng, nblocks):
    g = Gen(rng)
    return [g.block() for _ in range(nblocks)]

def resolve(blocks, rng):
    """Pick each branch's target: a later block start (len(blocks) = the exit)."""
    out = []
    for i, b in enumerate(blocks):
        nb = []
        for it in b:
            if isinstance(it, tuple):
                it = list(it) + [rng.randrange(i + 1, len(blocks) + 1)]
            nb.append(it)
        out.append(nb)
    return out

def program(seed, index, length):
    """Program number index of the run seeded seed: its blocks, and the
    number isarand.c fills its registers and data area from."""
    rng = random.Random(seed * 1000003 + index)
    return {'seed': seed * 1000003 + index,
            'blocks': resolve(generate(rng, rng.randrange(1, length)), rng)}

def emit(progs, f):
    f.write('\t.set noreorder\n\t.set noat\n\t.text\n\t.align 2\n')
    for p, prog in enumerate(progs):
        blocks = prog['blocks']
        starts, pos = [], 0
        for b in blocks:
            starts.append(pos)
            pos += len(b)
        starts.append(pos)
        f.write('isarand_p%d:\n' % p)
        at = 0
        for bi, b in enumerate(blocks):
            f.write('isarand_p%d_b%d:\n' % (p, bi))
            for it in b:
                if isinstance(it, int):
                    f.write('\t.word 0x%08x\n' % it)
                else:
                    kind, w, tgt = it
                    if kind == 'br':
                        f.write('\t.word 0x%08x\n' % ((w & ~0xffff) | ((starts[tgt] - at - 1) & 0xffff)))
                    elif kind == 'addr':     # addiu $1,$31,k: r31 = this word's address
                        f.write('\t.word 0x%08x\n' % ((w & ~0xffff) | ((4 * (starts[tgt] - at)) & 0xffff)))
                    else:
                        f.write('\t%s isarand_p%d_b%d\n' % (w, p, tgt))
                at += 1
        f.write('isarand_p%d_b%d:\n\tj isarand_exit\n\tnop\n' % (p, len(blocks)))
    f.write('\t.section .rodata\n\t.align 2\n\t.globl isarand_nprogs\nisarand_nprogs:\n\t.word %d\n'
            % len(progs))
    f.write('\t.globl isarand_progs\nisarand_progs:\n')
    for p in range(len(progs)):
        f.write('\t.word isarand_p%d, %d\n' % (p, progs[p]['seed'] & 0xffffffff))

def main():
    a = sys.argv[1:]
    if a and a[0] == '--program':
        progs = json.load(open(a[1]))
        emit(progs, sys.stdout)
        return
    if len(a) < 2:
        sys.exit(__doc__.split('usage: ')[1])
    seed, count = int(a[0]), int(a[1])
    length = int(a[3]) if len(a) > 3 and a[2] == '--len' else 40
    progs = [program(seed, p, length) for p in range(count)]
    if '--json' in a:
        json.dump(progs, sys.stdout)
    else:
        emit(progs, sys.stdout)

if __name__ == '__main__':
    main()
