"""diskbench.py - the "Disk" section of bench/report (issue 18; not a
table of the paper: SOSP'95's Aegis did not multiplex the disk and
ExOS's file system was "under development", paper-tables.md). On pmaxsim's
RZ26 model (sim/timing.c timing_disk, sim/dev_scsidisk.c):

- Aegis alone (exos/bin/diskraw.c): 4 MB of sequential SYS_disk_write,
  then SYS_disk_read, in runs of 8 blocks (4 KB, one SCSI command each);
- ExOS's ext2 library on the disk (exos/bin/fsbench.c): a 4 MB file
  written and synced, read cold (after a remount) and warm (1 MB read a
  second time), 500 files of 1 KB created (synced), read cold and warm,
  deleted (synced); on a fresh image made here as tools/mkdisk makes
  ExOS's root disk (mke2fs, then Aegis's table with ExOS's extent
  [2, end), tools/aegisdisk.py), 4 KB blocks on both models and 1 KB
  blocks (mkdisk's) on the 5000/125 (a 2 MB file, a 1.5 MB cache), and
  4 KB blocks write-through with 64 buffers (the root mount's mode; a
  1 MB file) on the 5000/125.

Beside them the disk model's own figures, computed from the parameters
pmaxsim itself lists (`pmaxsim --timing list`, saved as
LOGS/disk/timing.txt): the media rate (a track per revolution); the
rate of sequential requests of R blocks issued back to back, one at a
time, with no time spent between them (the model replayed here:
selection, command overhead, seek, rotation, media, SCSI bus, status),
what a program doing nothing else can expect; and the bound for
requests of R blocks one at a time when no rotational wait or seek is
paid at all (selection, overhead, media and bus alone), which no order
of requests can beat. Linux 6.1 has no
DECstation SCSI (asc) driver any more, so there is no Linux column.
MB/s here is 10^6 bytes per second of simulated time."""

import math
import os
import re
import subprocess
import sys
import threading
import time

import collect

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', 'tools'))
import aegisdisk  # noqa: E402  (Aegis's ownership table, as tools/mkdisk writes it)

RAW_BYTES = 4 << 20
IMG_MB = 32
# job -> (model, program, image kind, boot words)
JOBS = {
    'raw-125': ('5000/125', 'diskraw', 'blank', 'diskinit=0'),
    'raw-240': ('5000/240', 'diskraw', 'blank', 'diskinit=0'),
    'fs4k-125': ('5000/125', 'fsbench', 'ext2-4k', ''),
    'fs4k-240': ('5000/240', 'fsbench', 'ext2-4k', ''),
    'fs1k-125': ('5000/125', 'fsbench', 'ext2-1k', 'bytes=2097152 cachekb=1536'),   # host time: see markdown
    # the root mount's mode (exos/fs/automount.c): write-through, 64 buffers
    'fs4k-wt-125': ('5000/125', 'fsbench', 'ext2-4k', 'policy=wt cache=64 bytes=1048576 warm=131072'),
}
ORDER = ['fs1k-125', 'fs4k-240', 'fs4k-125', 'fs4k-wt-125', 'raw-240', 'raw-125']   # longest first, two at a time
LINE_RE = re.compile(r'^bench disk (\S+)((?: \w+=\S+)+)$')
FS_BIG = ['fs-write', 'fs-read-cold', 'fs-read-warm']
FS_SMALL = ['fs-create', 'fs-read-files-cold', 'fs-read-files-warm', 'fs-delete']
# the file system runs: (label, 5000/125 job, 5000/240 job or None, blocks a request)
CONFIGS = [('ext2, 4 KB blocks', 'fs4k-125', 'fs4k-240', 8),
           ('ext2, 1 KB blocks', 'fs1k-125', None, 2),
           ('ext2, 4 KB blocks, write-through, 64 buffers', 'fs4k-wt-125', None, 8)]
NAMES = {
    'raw-write': 'Aegis alone: SYS_disk_write, 8-block runs',
    'raw-read': 'Aegis alone: SYS_disk_read, 8-block runs',
    'fs-write': 'write + fsync',
    'fs-read-cold': 'read, cold (after a remount)',
    'fs-read-warm': 'read, warm',
    'fs-create': 'create + sync',
    'fs-read-files-cold': 'read, cold (after a remount)',
    'fs-read-files-warm': 'read again (warm when the cache holds them)',
    'fs-delete': 'delete + sync',
}


def log_path(logs, job):
    return os.path.join(logs, 'disk', job + '.log')


def timing_path(logs):
    return os.path.join(logs, 'disk', 'timing.txt')


def exos_caps():
    """ExOS's file system capabilities, from exos/fs/adisk.h."""
    text = open(os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', 'exos', 'fs',
                             'adisk.h')).read()
    return tuple(int(re.search(r'#define EXOS_FS_%sCAP\s+0x([0-9a-fA-F]+)u' % k, text).group(1), 16)
                 for k in 'RW')


def make_image(d, kind, mb=IMG_MB):
    """A fresh image in folder d (made again every run): blank (zeros,
    for diskraw, booted with diskinit=0), or an empty ext2 made by
    mke2fs with Aegis's table holding ExOS's extent [2, end)."""
    os.makedirs(d, exist_ok=True)
    path = os.path.join(d, kind + '.img')
    if os.path.exists(path):
        os.remove(path)
    if kind == 'blank':
        with open(path, 'wb') as f:
            f.truncate(mb << 20)
        return path
    bs = '4096' if kind == 'ext2-4k' else '1024'
    subprocess.run(['mke2fs', '-q', '-F', '-t', 'ext2', '-b', bs, path, '%dM' % mb], check=True,
                   stdout=subprocess.DEVNULL)
    nblocks = (mb << 20) // aegisdisk.BLOCK
    rcap, wcap = exos_caps()
    with open(path, 'r+b') as f:
        if any(f.read(aegisdisk.TABLE_BLOCKS * aegisdisk.BLOCK)):
            raise RuntimeError('%s: mke2fs wrote into the first 1024 bytes' % path)
        f.seek(0)
        # aegisdisk.build (table version 1) or .pack (version 2, after the
        # DEC boot block's 64 bytes): the same (nblocks, extents) either way
        table = getattr(aegisdisk, 'pack', None) or aegisdisk.build
        f.write(table(nblocks, [(aegisdisk.TABLE_BLOCKS, nblocks - aegisdisk.TABLE_BLOCKS, rcap, wcap)]))
    return path


def argv(build, job, image, extra=''):
    model, prog, _, words = JOBS[job]
    sim = os.path.join(build, 'sim/pmaxsim')
    boot = ' '.join(w for w in ('init=' + prog, extra, words) if w)   # the first of a key counts: extra wins
    return [sim, '--stats', '--max-cycles', '8000000000', '-M', model, '-d', 'tmp:' + image, '-o', boot,
            os.path.join(build, 'exos/exos.elf')]


def run(build, logs, progress=print):
    """Every job, two at a time (two host CPUs); consoles in LOGS/disk/."""
    os.makedirs(os.path.join(logs, 'disk'), exist_ok=True)
    sim = os.path.join(build, 'sim/pmaxsim')
    with open(timing_path(logs), 'w') as f:
        f.write(subprocess.run([sim, '--timing', 'list', os.path.join(build, 'exos/exos.elf')],
                               stdout=subprocess.PIPE, text=True).stdout)
    images = {k: make_image(os.path.join(build, 'bench', 'disk'), k) for k in ('blank', 'ext2-4k', 'ext2-1k')}
    lock = threading.Lock()
    todo = list(ORDER)

    def worker():
        while True:
            with lock:
                if not todo:
                    return
                job = todo.pop(0)
            path = log_path(logs, job)
            t0 = time.time()
            collect.run_logged(argv(build, job, images[JOBS[job][2]]), path)
            secs = time.time() - t0
            d = parse_log(path, job)
            with lock:
                for name, v in sorted(d['lines'].items()):
                    if name == 'fs-config':
                        continue
                    progress('bench: %-8s %-17s %-48s %s' % (JOBS[job][0], 'disk-' + job, name, rate_text(name, v)))
                for pr in d['problems']:
                    progress('bench: PROBLEM %s' % pr)
                progress('bench: %-8s %-17s done in %.1f s host time' % (JOBS[job][0], 'disk-' + job, secs))

    ts = [threading.Thread(target=worker) for _ in range(2)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()


def parse_log(path, job):
    """-> {'lines': {name: {key: int or str}}, 'problems': [...]}"""
    res = {'lines': {}, 'problems': []}
    name = 'disk %s' % os.path.basename(path)
    if not os.path.exists(path):
        res['problems'].append('%s: no log' % name)
        return res
    status = plan = None
    for line in open(path, errors='replace'):
        line = line.rstrip('\n')
        m = LINE_RE.match(line)
        if m:
            kv = dict(w.split('=', 1) for w in m.group(2).split())
            res['lines'][m.group(1)] = {k: int(v) if v.isdigit() else v for k, v in kv.items()}
        elif line.startswith('not ok'):
            res['problems'].append('%s: %s' % (name, line))
        elif re.match(r'^1\.\.\d+$', line):
            plan = line
        elif line.startswith('# exit status '):
            status = line[len('# exit status '):]
    if status != '0':
        res['problems'].append('%s: pmaxsim exit status %s' % (name, status))
    if plan is None:
        res['problems'].append('%s: the program did not finish (no TAP plan)' % name)
    want = ['raw-write', 'raw-read'] if JOBS[job][1] == 'diskraw' else ['fs-config'] + FS_BIG + FS_SMALL
    for w in want:
        if w not in res['lines']:
            res['problems'].append('%s: no "bench disk %s" line' % (name, w))
    return res


def parse(logs):
    t = {j: parse_log(log_path(logs, j), j) for j in JOBS}
    t['limits'] = limits(logs)
    if t['limits'] is None:
        t['timing_problem'] = 'disk: no disk timing in %s (pmaxsim --timing list)' % timing_path(logs)
    return t


def problems(t):
    ps = [p for j in JOBS for p in t[j]['problems']]
    if 'timing_problem' in t:
        ps.append(t['timing_problem'])
    return ps


# ---- the disk model's limits -------------------------------------------

def read_timing(logs):
    p = timing_path(logs)
    if not os.path.exists(p):
        return None
    d = {}
    for line in open(p):
        w = line.split()
        if len(w) == 2 and w[0].startswith('disk_') and w[1].isdigit():
            d[w[0][5:]] = int(w[1])
    need = ('rpm', 'sectors_per_track', 'heads', 'cylinders', 'seek_track_us', 'seek_avg_us',
            'overhead_us', 'bus_ns_per_byte', 'select_us', 'chip_us')
    return d if all(k in d for k in need) else None


def seq_time_ns(t, run, nreq, write, lba=64):
    """Simulated ns for nreq sequential requests of `run` blocks, each
    issued the moment the last one ends, as sim/dev_scsidisk.c and
    sim/dev_asc.c time them: select, command overhead, then for a read
    seek + rotation + media before the data cross the bus, for a write
    the bus first and the media after; then status and message (ICCS,
    MSGOK: two chip sequences). No host time at all: a limit."""
    rev = 60000000000 // t['rpm']
    sector = rev // t['sectors_per_track']
    per_cyl = t['sectors_per_track'] * t['heads']
    third = t['cylinders'] / 3.0
    b = (t['seek_avg_us'] - float(t['seek_track_us'])) / (math.sqrt(third) - 1.0)
    a = t['seek_track_us'] - b
    bus = run * 512 * t['bus_ns_per_byte']
    chip2 = 2 * t['chip_us'] * 1000
    cyl = 0
    now = 0

    def media(at, l):
        nonlocal cyl
        c = (l // per_cyl) % t['cylinders']
        d = abs(c - cyl)
        when = at + (int((a + b * math.sqrt(d)) * 1000.0 + 0.5) if d else 0)
        target = (l % t['sectors_per_track']) * sector
        when += (target + rev - when % rev) % rev
        when += run * sector
        cyl = ((l + run - 1) // per_cyl) % t['cylinders']
        return when

    for _ in range(nreq):
        at = now + t['select_us'] * 1000 + t['overhead_us'] * 1000
        now = media(at + bus, lba) + chip2 if write else media(at, lba) + bus + chip2
        lba += run
    return now


def bound_ns(t, run):
    """One request of `run` blocks with no seek and no rotational wait."""
    sector = 60000000000 // t['rpm'] // t['sectors_per_track']
    return ((t['select_us'] + t['overhead_us'] + 2 * t['chip_us']) * 1000 + run * sector +
            run * 512 * t['bus_ns_per_byte'])


def limits(logs):
    """{'media': MB/s, ('read'|'write', run): MB/s back to back,
    ('bound', run): MB/s, 'params': {...}} or None"""
    t = read_timing(logs)
    if t is None:
        return None
    res = {'params': t, 'media': t['sectors_per_track'] * 512 * t['rpm'] / 60.0 / 1e6}
    for run in (2, 8):
        res[('bound', run)] = run * 512 / (bound_ns(t, run) / 1e9) / 1e6
        for op in ('read', 'write'):
            n = RAW_BYTES // (run * 512)
            res[(op, run)] = RAW_BYTES / (seq_time_ns(t, run, n, op == 'write') / 1e9) / 1e6
    return res


# ---- figures ------------------------------------------------------------

def rate(name, v):
    """MB/s or files/s of one line, or None"""
    if not v or not v.get('us'):
        return None
    if 'files' in v:
        return v['files'] / (v['us'] / 1e6)
    return v['bytes'] / (v['us'] / 1e6) / 1e6


def rate_text(name, v):
    r = rate(name, v)
    if r is None:
        return 'missing'
    return '%.1f files/s' % r if 'files' in v else '%.3f MB/s' % r


def cell(t, job, name):
    if job is None:
        return 'not run'
    v = t[job]['lines'].get(name)
    r = rate(name, v)
    if r is None:
        return 'missing'
    return '%.1f' % r if 'files' in v else '%.3f' % r


def blocks(t, job, name):
    v = t[job]['lines'].get(name) if job else None
    if not v or 'reads' not in v:
        return ''
    return '%d / %d' % (v['reads'], v['writes'])


def markdown(t):
    L = ['## Disk: Aegis\'s disk and ExOS\'s ext2 on pmaxsim\'s RZ26 (not in the paper)', '',
         'The SOSP\'95 paper has no disk figures: its Aegis did not yet multiplex the disk and ExOS\'s '
         'file system was "under development" (`../shared/research/paper-tables.md`). Linux 6.1 has no '
         'DECstation SCSI (asc) driver any more, so there is no Linux column either. Everything here is '
         'simulated time on pmaxsim\'s RZ26 model (`sim/timing.c` `timing_disk`; `docs/disk.md`), MB/s '
         'being 10^6 bytes a second. Programs: `exos/bin/diskraw.c` (Aegis alone, no file system) and '
         '`exos/bin/fsbench.c` (ExOS\'s ext2 library, `exos/fs/`), each checking every byte it reads '
         'against what it wrote; a fresh %d MB image on a throw-away overlay (`-d tmp:`): for ext2 '
         'made by `mke2fs` with Aegis\'s table holding ExOS\'s extent (as `tools/mkdisk` makes the root '
         'disk), for Aegis alone blank and given an empty table (`diskinit=0`). Logs: `build/bench/logs/disk/`.' % IMG_MB, '']
    lim = t.get('limits')
    if lim:
        p = lim['params']
        L += ['The disk model\'s figures, computed from `pmaxsim --timing list` (%d rpm, %d sectors a track, '
              '%d us command overhead, %d ns a byte on the SCSI bus, %d us selection): the media rate is '
              '%.2f MB/s. "Back to back" is sequential requests issued one at a time with no time between '
              'them: each misses the next sector while its data cross the bus and the next command is '
              'taken, and waits most of a revolution for it. "Bound" is a request with no seek and no '
              'rotational wait at all, which no order of requests can beat when they go one at a time.' % (
                  p['rpm'], p['sectors_per_track'], p['overhead_us'], p['bus_ns_per_byte'], p['select_us'],
                  lim['media']), '']
    L += ['### Sequential, MB/s', '',
          '| | 5000/125 | 5000/240 | fs blocks read / written (5000/125) | model: back to back | model: bound |',
          '|---|---|---|---|---|---|']

    def lm(key):
        return '%.3f' % lim[key] if lim else 'missing'
    for name, op in (('raw-write', 'write'), ('raw-read', 'read')):
        L.append('| %s | %s | %s | | %s | %s |' % (NAMES[name], cell(t, 'raw-125', name), cell(t, 'raw-240', name),
                                                   lm((op, 8)), lm(('bound', 8))))
    for what, j125, j240, run in CONFIGS:
        for name in FS_BIG:
            v = t[j125]['lines'].get(name) or {}
            b = v.get('bytes', 0)
            size = ', %d MB' % (b >> 20) if b >= 1 << 20 else ', %d KB' % (b >> 10) if b else ''
            label = '%s: %s%s' % (what, NAMES[name], size)
            if name == 'fs-read-warm':
                model = bound = 'no disk'
            else:
                model, bound = lm(('write' if name == 'fs-write' else 'read', run)), lm(('bound', run))
            L.append('| %s | %s | %s | %s | %s | %s |' % (label, cell(t, j125, name), cell(t, j240, name),
                                                         blocks(t, j125, name), model, bound))
    L += ['', '### Small files, files per second', '',
          '| | 5000/125 | 5000/240 | fs blocks read / written (5000/125) |', '|---|---|---|---|']
    for what, j125, j240, _ in CONFIGS:
        for name in FS_SMALL:
            v = t[j125]['lines'].get(name) or {}
            label = '%s: %s' % (what, NAMES[name])
            if name == 'fs-create' and v:
                label += ', %d files of %d bytes' % (v['files'], v['size'])
            L.append('| %s | %s | %s | %s |' % (label, cell(t, j125, name), cell(t, j240, name), blocks(t, j125, name)))
    notes = []
    for what, j, _, _ in CONFIGS:
        c = t[j]['lines'].get('fs-config')
        if c:
            notes.append('%s: %d buffers (%d KB), %s' % (
                what, c['cache'], c['cache'] * c['block'] // 1024,
                'write-back (dirty blocks written at fsync)' if c['policy'] == 'wb' else 'write-through'))
    L += ['', 'Buffer cache (`fsbench cachekb=N` or `cache=N`, `policy=wb|wt`): ' + ('; '.join(notes) or 'missing') +
          '. It cannot hold the 4 MB file: an ExOS process maps at most 1024 pages (`exos/lib/pt.h` '
          'PT_MAXPTE), so "warm" is the file\'s first 1 MB read a second time. Only the file system\'s '
          'calls are timed. The 1 KB-block image runs on the 5000/125 only, with a 2 MB file and a 1.5 MB '
          'cache (about half a minute of host time); so does the write-through run, the mode of the root '
          'file system ExOS mounts at `/` (`exos/fs/automount.c`): every change on the disk in the '
          'crash-safe order before the call returns, a 1 MB file and 128 KB read warm. '
          'Each file system block is one request to the disk (`exos/fs/bcache.c` reads and writes a block '
          'at a time), so 4 KB blocks move four times as much a revolution as 1 KB blocks; a write-back '
          'flush goes in the cache\'s slot order, not the disk\'s, which can beat back-to-back sequential '
          'requests. The warm figures are the library\'s own cost: the buffer cache\'s lookup searches '
          'every buffer, so it grows with the cache, and between requests it can cost the disk a '
          'revolution (docs/disk.md).', '']
    return L


def write_csv(path, t):
    with open(path, 'w') as f:
        f.write('job,model,phase,bytes,files,size,us,cycles,reads,writes,rate,unit\n')
        for j in JOBS:
            for name, v in sorted(t[j]['lines'].items()):
                if name == 'fs-config':
                    continue
                r = rate(name, v)
                f.write('%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s\n' % (
                    j, JOBS[j][0], name, v.get('bytes', ''), v.get('files', ''), v.get('size', ''),
                    v.get('us', ''), v.get('cycles', ''), v.get('reads', ''), v.get('writes', ''),
                    '' if r is None else '%.4f' % r, 'files/s' if 'files' in v else 'MB/s'))
        lim = t.get('limits')
        if lim:
            f.write('limit,,media,,,,,,,,%.4f,MB/s\n' % lim['media'])
            for run in (2, 8):
                for op in ('read', 'write'):
                    f.write('model,,%s-%d-blocks-back-to-back,%d,,,,,,,%.4f,MB/s\n' % (
                        op, run, RAW_BYTES, lim[(op, run)]))
                f.write('model,,bound-%d-blocks,,,,,,,,%.4f,MB/s\n' % (run, lim[('bound', run)]))
