"""tcpbench.py - TCP throughput between two DEC5000/125s (not a table of
the paper: its TCP section has no DEC5000/125 figure to compare): 10 MB in
8 KB writes from machine 2 to machine 1 on pmaxsim's 10 Mbit/s segment,
ExOS to ExOS (exos/bin/tcpsrc and tcpsink) and Linux 6.1 to Linux 6.1
(bench/linux/nettest.c's tcpsrc and tcpsink roles), each receiver timing
its first byte to the end of the stream and checking every byte. Beside
them the wire's payload limit: 10 Mbit/s x 1460/1538 (a full segment's
1460 bytes of payload take 1538 bytes of wire time: 8 of preamble, 14 of
Ethernet header, 20 of IP, 20 of TCP, 1460, 4 of FCS and the 12-byte
interframe gap), 9.49 Mbit/s, before the ACKs' share of the one segment."""

import os
import re
import threading

import collect

MODEL = '5000/125'
BYTES = 10485760
WIRE_MBPS = 10.0
LIMIT_MBPS = WIRE_MBPS * 1460 / 1538
JOBS = ['tcp-exos', 'tcp-linux']
NAMES = {'tcp-exos': 'ExOS to ExOS', 'tcp-linux': 'Linux 6.1 to Linux 6.1'}
LINE_RE = re.compile(r'^(?:nettest: )?bench tcp-sink (\d+) bytes (\d+) us (\d+) kbit/s$')


def log_path(logs, job):
    return os.path.join(logs, 'tcp', job + '.log')


def argv(build, job):
    sim = os.path.join(build, 'sim/pmaxsim')
    exos = os.path.join(build, 'exos/exos.elf')
    linux = os.path.join(build, 'bench/linux/vmlinux')
    m1 = ['-M', MODEL, '--mac', '08:00:2b:00:00:02']
    m2 = ['--and', '-M', MODEL, '--mac', '08:00:2b:00:00:01', '--console', '/dev/null']
    if job == 'tcp-exos':
        return ([sim, '--stats', '--max-cycles', '4000000000'] + m1 +
                ['-o', 'init=tcpsink ip=10.0.0.2/24 port=5001 bytes=%d' % BYTES, exos] + m2 +
                ['-o', 'init=tcpsrc ip=10.0.0.1/24 peer=10.0.0.2 port=5001 bytes=%d' % BYTES, exos])
    return ([sim, '--stats', '--max-cycles', '4000000000'] + m1 +
            ['-o', 'console=ttyS3 rdinit=/nettest -- tcpsink 10.0.0.2 5001 %d' % BYTES, linux] + m2 +
            ['-o', 'console=ttyS3 rdinit=/nettest -- tcpsrc 10.0.0.1 10.0.0.2 5001 %d' % BYTES, linux])


def run(build, logs, progress=print):
    """Both transfers at once (two host CPUs), each receiver's console in
    LOGS/tcp/JOB.log."""
    lock = threading.Lock()

    def one(job):
        path = log_path(logs, job)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        collect.run_logged(argv(build, job), path)
        d = parse_log(path)
        with lock:
            if d['kbps'] is not None:
                progress('bench: %-8s %-17s %-48s %12.2f Mbit/s' % (MODEL, job, 'tcp 10 MB throughput',
                                                                   d['kbps'] / 1000.0))
            for p in d['problems']:
                progress('bench: PROBLEM %s' % p)

    ts = [threading.Thread(target=one, args=(j,)) for j in JOBS]
    for t in ts:
        t.start()
    for t in ts:
        t.join()


def parse_log(path):
    """-> {'kbps', 'us', 'bytes', 'problems'}"""
    res = {'kbps': None, 'us': None, 'bytes': None, 'problems': []}
    if not os.path.exists(path):
        res['problems'].append('tcp throughput: no log %s' % path)
        return res
    status = None
    for line in open(path, errors='replace'):
        line = line.rstrip('\n')
        m = LINE_RE.match(line)
        if m:
            res['bytes'], res['us'], res['kbps'] = int(m.group(1)), int(m.group(2)), int(m.group(3))
        elif line.startswith('not ok'):
            res['problems'].append('tcp throughput %s: %s' % (os.path.basename(path), line))
        elif line.startswith('# exit status '):
            status = line[len('# exit status '):]
    name = os.path.basename(path)
    if status != '0':
        res['problems'].append('tcp throughput %s: pmaxsim exit status %s' % (name, status))
    if res['kbps'] is None:
        res['problems'].append('tcp throughput %s: no "bench tcp-sink" line' % name)
    elif res['bytes'] != BYTES:
        res['problems'].append('tcp throughput %s: %s bytes arrived, not %d' % (name, res['bytes'], BYTES))
    return res


def parse(logs):
    return {j: parse_log(log_path(logs, j)) for j in JOBS}


def markdown(t):
    L = ['## TCP throughput, two DEC5000/125s', '',
         '10 MB (%d bytes) in 8 KB writes over pmaxsim\'s 10 Mbit/s segment; the receiver times its '
         'first byte to the end of the stream and checks every byte. The wire\'s payload limit is '
         '10 Mbit/s x 1460/1538 = %.2f Mbit/s: a full segment carries 1460 bytes of payload in 1538 '
         'bytes of wire time (preamble 8, Ethernet 14, IP 20, TCP 20, payload 1460, FCS 4, interframe '
         'gap 12); the ACKs coming back share the same half-duplex segment, so even that is out of '
         'reach. Logs: `build/bench/logs/tcp/`.' % (BYTES, LIMIT_MBPS), '',
         '| sender to receiver | Mbit/s | share of the payload limit | seconds |', '|---|---|---|---|']
    for j in JOBS:
        d = t[j]
        if d['kbps'] is None:
            L.append('| %s | missing | | |' % NAMES[j])
        else:
            L.append('| %s | %.2f | %.0f%% | %.2f |' % (NAMES[j], d['kbps'] / 1000.0,
                                                       100.0 * d['kbps'] / 1000.0 / LIMIT_MBPS, d['us'] / 1e6))
    L.append('| the wire\'s payload limit | %.2f | 100%% | %.2f |' % (LIMIT_MBPS, BYTES * 8 / (LIMIT_MBPS * 1e6)))
    return L + ['']


def write_csv(path, t):
    with open(path, 'w') as f:
        f.write('pair,model,bytes,us,kbit_per_s\n')
        for j in JOBS:
            d = t[j]
            f.write('%s,%s,%s,%s,%s\n' % (j, MODEL, d['bytes'] or '', d['us'] or '', d['kbps'] or ''))
        f.write('wire-payload-limit,%s,%d,%.0f,%.0f\n' % (MODEL, BYTES, BYTES * 8 / LIMIT_MBPS, LIMIT_MBPS * 1000))
