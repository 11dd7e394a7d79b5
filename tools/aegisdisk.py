# tools/aegisdisk.py - Aegis's disk ownership table in a disk image, for
# host tools (tools/disk-table checks one, tools/mkbootdisk adds the
# kernel's extent, fsdisk's tools/mkdisk writes one). The one python copy
# of the layout of aegis/disk/table.h, version 2:
#   bytes 0..63 of block 0: the DEC PROM's boot block, not the table's
#     (kept as found; tools/decboot.py writes it);
#   from byte 64, 32-bit little-endian words: magic "ADSK" (0x4b534441),
#     version 2, nblocks (capacity when formatted), nextents, generation,
#     checksum (makes the 240 words from magic on sum to 0 mod 2^32),
#     2 reserved, then 58 extents of (start, nblocks, rcap, wcap), sorted,
#     apart, none in blocks 0-1; unused slots zero.
# Import it with sys.path.insert(0, os.path.dirname(__file__)).
import struct

BLOCK = 512
TABLE_BLOCKS = 2
TABLE_BYTES = TABLE_BLOCKS * BLOCK
BOOT_BYTES = 64
MAX_EXTENTS = 58
MAGIC = 0x4b534441
VERSION = 2
_WORDS = (TABLE_BYTES - BOOT_BYTES) // 4	# 240
_HEADER = 8	# words before the first extent


class TableError(Exception):
    """A table that is not valid, or a change it cannot take."""


class NoTable(TableError):
    """No table at all (another magic): Aegis's diskinit would format."""


def pack(nblocks, extents, generation=0, boot=bytes(BOOT_BYTES)):
    """The 1024 bytes of blocks 0-1: boot (64 bytes) then a sealed table
    of extents [(start, nblocks, rcap, wcap)], checked as Aegis checks."""
    if len(boot) != BOOT_BYTES:
        raise TableError('the boot block area is %d bytes, not %d' % (len(boot), BOOT_BYTES))
    extents = sorted(extents)
    check_extents(extents, nblocks)
    words = [MAGIC, VERSION, nblocks, len(extents), generation & 0xffffffff, 0, 0, 0]
    for x in extents:
        words += list(x)
    words += [0] * (_WORDS - len(words))
    words[5] = (-sum(words)) & 0xffffffff
    return bytes(boot) + struct.pack('<%dI' % _WORDS, *words)


def check_extents(extents, nblocks):
    """Raise TableError unless extents (sorted) fit a disk of nblocks the
    way disk_table_valid wants: at most 58, each non-empty, past the
    table, apart, within the disk, capabilities 32-bit."""
    if len(extents) > MAX_EXTENTS:
        raise TableError('%d extents: a table holds %d' % (len(extents), MAX_EXTENTS))
    nxt = TABLE_BLOCKS
    for x in extents:
        start, n, rcap, wcap = x
        if not all(0 <= v <= 0xffffffff for v in x):
            raise TableError('extent %s: a field is not a 32-bit word' % (x,))
        if n == 0 or start < nxt or start + n > nblocks:
            raise TableError('extent [%d, %d) is empty, overlaps the table or another extent, '
                             'or passes the disk\'s end (%d blocks)' % (start, start + n, nblocks))
        nxt = start + n


def unpack(raw, nblocks=None):
    """The table in raw (at least the first 1024 bytes of a disk) as a
    dict: boot, version, nblocks, generation, extents, checksum_ok.
    Raises TableError if it is not a valid version-2 table (nblocks:
    today's capacity, every extent must fit; default: the table's own)."""
    if len(raw) < TABLE_BYTES:
        raise TableError('the image is shorter than the table (%d bytes)' % len(raw))
    boot = bytes(raw[:BOOT_BYTES])
    words = struct.unpack('<%dI' % _WORDS, raw[BOOT_BYTES:TABLE_BYTES])
    if words[0] != MAGIC:
        raise NoTable('no ownership table (magic %08x)' % words[0])
    if words[1] != VERSION:
        raise TableError('table version %d, not %d' % (words[1], VERSION))
    if sum(words) & 0xffffffff:
        raise TableError('the checksum does not make the table sum to 0')
    n = words[3]
    if n > MAX_EXTENTS:
        raise TableError('%d extents: a table holds %d' % (n, MAX_EXTENTS))
    extents = [tuple(words[_HEADER + 4 * i:_HEADER + 4 * i + 4]) for i in range(n)]
    check_extents(extents, words[2] if nblocks is None else nblocks)
    return {'boot': boot, 'version': words[1], 'nblocks': words[2], 'generation': words[4],
            'extents': extents, 'tail_zero': not any(words[_HEADER + 4 * n:])}


def read(path, nblocks=None):
    """unpack() of the image at path."""
    with open(path, 'rb') as f:
        return unpack(f.read(TABLE_BYTES), nblocks)


def write(path, nblocks, extents, generation=0):
    """Write a table into the image at path, keeping the boot block's 64
    bytes that are there."""
    with open(path, 'r+b') as f:
        boot = f.read(BOOT_BYTES)
        boot += bytes(BOOT_BYTES - len(boot))
        f.seek(0)
        f.write(pack(nblocks, extents, generation, boot))


def add_extent(path, extent, nblocks):
    """Add extent (start, nblocks, rcap, wcap) to the image's table,
    making an empty table first if it has none (as diskinit does); the
    boot block's bytes are kept. nblocks: the image's capacity."""
    try:
        t = read(path, nblocks)
        extents, gen, cap = t['extents'], t['generation'] + 1, t['nblocks']
    except NoTable:	# a damaged table is not silently replaced
        extents, gen, cap = [], 1, nblocks
    write(path, cap, extents + [tuple(extent)], gen)
