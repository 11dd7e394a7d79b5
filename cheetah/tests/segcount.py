#!/usr/bin/env python3
"""cheetah/tests/segcount.py - count the server's TCP segments per
connection in a pmaxsim --pcap capture (pcap, Ethernet, IPv4, TCP; the
file format of libpcap's savefile, magic a1b2c3d4 or the ns a1b23c4d).

usage: segcount.py FILE PORT merged|separate
Prints, per connection to PORT, the server's segments after its SYN,ACK
and how many were a bare ACK, data, data with FIN, a bare FIN; then TAP:
"merged" wants the request's ACK on the first data segment (no bare ACK
before it) and the FIN on the last data segment; "separate" wants a bare
ACK before the data and the FIN on a segment of its own."""
import struct
import sys


def frames(path):
    with open(path, 'rb') as f:
        data = f.read()
    magic = struct.unpack_from('<I', data, 0)[0]
    if magic not in (0xa1b2c3d4, 0xa1b23c4d):
        raise SystemExit('segcount: %s: not a little-endian pcap file' % path)
    off = 24
    while off + 16 <= len(data):
        incl = struct.unpack_from('<IIII', data, off)[2]
        yield data[off + 16:off + 16 + incl]
        off += 16 + incl


def main():
    if len(sys.argv) != 4 or sys.argv[3] not in ('merged', 'separate'):
        raise SystemExit(__doc__)
    path, port, want = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    conns = {}
    order = []
    for fr in frames(path):
        if len(fr) < 14 + 20 or fr[12:14] != b'\x08\x00':
            continue
        ip = fr[14:]
        ihl = (ip[0] & 15) * 4
        if ip[9] != 6:
            continue
        tot = struct.unpack_from('>H', ip, 2)[0]
        tcp = ip[ihl:tot]
        sport, dport = struct.unpack_from('>HH', tcp, 0)
        if sport != port:
            continue
        flags = tcp[13]
        dlen = len(tcp) - (tcp[12] >> 4) * 4
        key = (ip[16:20], dport)
        if key not in conns:
            conns[key] = []
            order.append(key)
        conns[key].append((flags, dlen))
    n = 0
    bad = 0
    for key in order:
        segs = [s for s in conns[key] if not s[0] & 0x02 and not s[0] & 0x04]
        kinds = []
        for flags, dlen in segs:
            fin = flags & 1
            kinds.append('data+fin' if dlen and fin else 'data' if dlen else 'fin' if fin else 'ack')
        first = next((i for i, k in enumerate(kinds) if k.startswith('data')), None)
        last = max((i for i, k in enumerate(kinds) if k.startswith('data')), default=None)
        if first is None:
            continue
        acks_before = kinds[:first].count('ack')
        fin_on_data = kinds[last] == 'data+fin'
        print('# port %d: %d segments after the SYN,ACK: %s' % (key[1], len(segs), ' '.join(kinds)))
        n += 1
        if want == 'merged':
            ok = acks_before == 0 and fin_on_data
        else:
            ok = acks_before >= 1 and not fin_on_data and 'fin' in kinds[last:]
        bad += not ok
        print('%s %d - connection %d: %s (%d bare ACKs before the data, FIN %s the last data)' %
              ('ok' if ok else 'not ok', n, n, want, acks_before, 'on' if fin_on_data else 'after'))
    if n == 0:
        print('not ok 1 - no connection to port %d in %s' % (port, path))
        n, bad = 1, 1
    print('# segments per request: %.2f' % (sum(len([s for s in conns[k] if not s[0] & 6]) for k in order) / max(len(order), 1)))
    print('1..%d' % n)
    sys.exit(1 if bad else 0)


main()
