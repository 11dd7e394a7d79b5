# tools/decboot.py - the DEC PROM's boot block in bytes 0..63 of sector 0
# of a disk, as NetBSD's sys/sys/bootblock.h (struct pmax_boot_block) and
# sys/arch/pmax/include/dec_boot.h describe it: 8 bytes the PROM ignores,
# then 32-bit little-endian words magic 0x0002757a, mode (0: contiguous,
# map[0] only; 1: scattered, runs up to one of num_blocks 0), load_addr,
# exec_addr, and from byte 24 the map of (num_blocks, start_block) runs.
# Only the 5 runs before byte 64 are written here: Aegis's ownership table
# (tools/aegisdisk.py) starts at byte 64, as NetBSD's disklabel does.
# pmaxsim's reader of it is sim/prom_disk.c.
import struct

MAGIC = 0x0002757a
CONTIGUOUS, SCATTERED = 0, 1
SIZE = 64
MAX_RUNS = 5	# within the 64 bytes


def pack(load_addr, exec_addr, runs, mode=CONTIGUOUS, magic=MAGIC):
    """The 64 bytes for runs [(num_blocks, start_block)]."""
    if mode == CONTIGUOUS and len(runs) != 1:
        raise ValueError('contiguous mode has exactly one run')
    if len(runs) > MAX_RUNS or (mode == SCATTERED and len(runs) == MAX_RUNS):
        raise ValueError('at most %d runs fit before byte 64 (scattered mode ends with a zero run)'
                         % (MAX_RUNS - (mode == SCATTERED)))
    words = [magic, mode, load_addr, exec_addr]
    for n, start in runs:
        words += [n, start]
    words += [0] * (14 - len(words))
    return bytes(8) + struct.pack('<14I', *words)


def unpack(raw):
    """(magic, mode, load_addr, exec_addr, runs of map[0..4])."""
    w = struct.unpack('<14I', raw[8:SIZE])
    return w[0], w[1], w[2], w[3], [(w[4 + 2 * i], w[5 + 2 * i]) for i in range(MAX_RUNS)]
