# tools/aegisdisk.py - Aegis's disk ownership table, for the host tools
# (tools/disk-table checks one, tools/mkdisk writes one): the layout of
# aegis/disk/table.h, blocks 0-1 of the disk, 256 32-bit little-endian
# words: magic "ADSK", version 1, nblocks, nextents, generation,
# checksum (making the 256 words sum to 0), 2 reserved, then the
# extents (start, nblocks, rcap, wcap), sorted, the unused ones zero.
import struct

BLOCK = 512
TABLE_BLOCKS = 2
MAGIC = 0x4b534441
VERSION = 1
HEADER_WORDS = 8
MAX_EXTENTS = (TABLE_BLOCKS * BLOCK // 4 - HEADER_WORDS) // 4


def words(data):
    """The table's 256 words from an image's first bytes."""
    return struct.unpack('<%dI' % (TABLE_BLOCKS * BLOCK // 4), data[:TABLE_BLOCKS * BLOCK])


def check(w):
    """None if w is a valid table, else why not."""
    if w[0] != MAGIC or w[1] != VERSION:
        return 'bad magic or version: %08x %d' % (w[0], w[1])
    if sum(w) & 0xffffffff:
        return 'checksum does not sum to 0'
    if w[3] > MAX_EXTENTS:
        return 'too many extents: %d' % w[3]
    return None


def extents(w):
    """[(start, nblocks, rcap, wcap)] of a valid table."""
    return [tuple(w[HEADER_WORDS + 4 * i:HEADER_WORDS + 4 * i + 4]) for i in range(w[3])]


def build(nblocks, exts, generation=1):
    """The table's bytes for a disk of nblocks blocks holding exts."""
    exts = sorted(exts)
    if len(exts) > MAX_EXTENTS:
        raise ValueError('too many extents')
    nxt = TABLE_BLOCKS
    for s, n, _, _ in exts:
        if n == 0 or s < nxt or s + n > nblocks:
            raise ValueError('extent %d+%d overlaps, reaches the table or passes the end' % (s, n))
        nxt = s + n
    w = [MAGIC, VERSION, nblocks, len(exts), generation, 0, 0, 0]
    for e in exts:
        w += list(e)
    w += [0] * (TABLE_BLOCKS * BLOCK // 4 - len(w))
    w[5] = -sum(w) & 0xffffffff
    return struct.pack('<%dI' % len(w), *w)
