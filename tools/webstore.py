# tools/webstore.py - Cheetah's document store image (cheetah/docstore.c
# reads it; its top comment and docs/cheetah.md describe the layout): the
# one python copy of the layout, for tools/mkwebstore (which builds one)
# and cheetah/tests/store-test (which reads one back independently of the
# builder's own bookkeeping).
#
# Layout, all 32-bit little-endian words, in store blocks of 4096 bytes
# counted from the store's first block (its Aegis extent's start):
#   block 0: the superblock: SB_WORDS words (magic "CHWS", version, ...,
#     a checksum making the words sum to 0 mod 2^32), zeros after;
#   blocks 1 .. 1 + meta_blocks: the metadata, read whole at open:
#     the document table (ndocs entries of DOC_WORDS words, sorted by
#     path bytewise: the name table), the segment sums (u32 each), the
#     strings (paths and content types, each NUL-terminated);
#   then the documents' data: each document's response stream (header
#     then body) in consecutive blocks of its own, an HTML file followed
#     by the local files it references (its group).
import struct

BLOCK = 4096
DISK_BLOCK = 512
MAGIC = 0x53574843		# "CHWS" read as bytes
VERSION = 1
MSS = 1460
DATE_LEN = 29			# "Sun, 06 Nov 1994 08:49:37 GMT" (RFC 1123 as HTTP/1.0 uses it)
MAX_DOCS = 4096
MAX_NAME = 255
MAX_DOC_BYTES = 16 << 20	# a document's stream (header + body)
MAX_META_BLOCKS = 64		# 256 KB of metadata at most (the guest keeps it all)
SERVER = 'Cheetah/aegis-exos'
# The extent's capabilities when none are given ("c4ee7a" for Cheetah).
DEFAULT_RCAP = 0xc4ee7a01
DEFAULT_WCAP = 0xc4ee7a02

# superblock word indices
SB_FIELDS = ('magic', 'version', 'store_blocks', 'ndocs', 'mss', 'meta_blocks', 'meta_bytes',
             'data_start', 'doc_off', 'sums_off', 'nsums', 'str_off', 'str_len', 'meta_sum',
             'date_len', 'checksum')
SB_WORDS = len(SB_FIELDS)
# document table entry words
DOC_FIELDS = ('name_off', 'name_len', 'start', 'nblocks', 'size', 'hdr_len', 'date_off',
              'date_len', 'type_off', 'sums_idx', 'nsegs', 'group_start', 'group_blocks',
              'mtime')
DOC_WORDS = len(DOC_FIELDS)

TYPES = {'html': 'text/html', 'htm': 'text/html', 'css': 'text/css', 'js': 'application/javascript',
         'png': 'image/png', 'gif': 'image/gif', 'jpg': 'image/jpeg', 'jpeg': 'image/jpeg',
         'svg': 'image/svg+xml', 'ico': 'image/x-icon', 'txt': 'text/plain', 'md': 'text/plain',
         'json': 'application/json', 'pdf': 'application/pdf'}


class StoreError(Exception):
    """Input the format cannot take, or an image that is not a store."""


def content_type(path):
    ext = path.rsplit('.', 1)[-1].lower() if '.' in path.rsplit('/', 1)[-1] else ''
    return TYPES.get(ext, 'application/octet-stream')


def segment_sums(stream, mss=MSS):
    """The unfolded sum of each mss-byte segment: big-endian 16-bit words
    (RFC 1071), an odd last byte padded with zero, added as integers
    (at most 730 words of 0xffff: no carry leaves 32 bits)."""
    out = []
    for i in range(0, max(len(stream), 1), mss):
        seg = stream[i:i + mss]
        if len(seg) & 1:
            seg += b'\0'
        out.append(sum(struct.unpack('>%dH' % (len(seg) // 2), seg)) if seg else 0)
    return out


def fnv32(data):
    """FNV-1a, 32 bits: the manifest's independent check of bytes."""
    h = 0x811c9dc5
    for b in data:
        h = ((h ^ b) * 0x01000193) & 0xffffffff
    return h


def words_sum(data):
    if len(data) % 4:
        data += bytes(4 - len(data) % 4)
    return sum(struct.unpack('<%dI' % (len(data) // 4), data)) & 0xffffffff


def parse(img, offset=0):
    """The store at byte offset of img (bytes) as (sb dict, [doc dicts])
    with each doc's 'path', 'type' and 'stream' (header + body bytes).
    Raises StoreError for anything inconsistent (the checks the guest's
    ds_open makes, written again here)."""
    sbw = struct.unpack_from('<%dI' % SB_WORDS, img, offset)
    sb = dict(zip(SB_FIELDS, sbw))
    if sb['magic'] != MAGIC:
        raise StoreError('no store (magic %08x)' % sb['magic'])
    if sum(sbw) & 0xffffffff:
        raise StoreError('superblock checksum')
    meta = img[offset + BLOCK:offset + BLOCK * (1 + sb['meta_blocks'])]
    if len(meta) < sb['meta_bytes'] or words_sum(meta[:sb['meta_bytes']]) != sb['meta_sum']:
        raise StoreError('metadata checksum')
    docs = []
    for i in range(sb['ndocs']):
        d = dict(zip(DOC_FIELDS, struct.unpack_from('<%dI' % DOC_WORDS, meta, sb['doc_off'] + 4 * DOC_WORDS * i)))
        so = sb['str_off']
        d['path'] = meta[so + d['name_off']:so + d['name_off'] + d['name_len']].decode()
        t = meta[so + d['type_off']:]
        d['type'] = t[:t.index(b'\0')].decode()
        a = offset + d['start'] * BLOCK
        d['stream'] = img[a:a + d['hdr_len'] + d['size']]
        d['sums'] = list(struct.unpack_from('<%dI' % d['nsegs'], meta, sb['sums_off'] + 4 * d['sums_idx']))
        docs.append(d)
    return sb, docs
