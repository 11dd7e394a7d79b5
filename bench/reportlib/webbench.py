"""webbench.py - the "Web server" section of bench/report (issue 19; SOSP'97,
Kaashoek et al., §6 of ../shared/research/paper-tables.md): requests per
simulated second a server on a DEC5000/125 (the paper's 25 MHz machine)
answers load machines (5000/240s running cheetah/webload.c: HTTP/1.0, a
connection per request, every byte checked against its CRC-32), for
documents of 0 B, 100 B, 1 KB, 10 KB and 100 KB of the test site
(cheetah/tests/mktestsite), on a 10 and a 100 Mbit/s segment
(pmaxsim --net-mbps), for

- Cheetah (init=cheetah on its own store, tools/mkwebstore --beside),
- the conventional server on ExOS (init=httpd_conv on the ext2 beside it,
  made by tools/mkdisk from the same site),
- the Linux 6.1 server (bench/linux/httpd.c in the kernel's initramfs,
  serving the same test site from /site): "not built" until it and
  webload's wait= (the load machines wait for Linux's boot) are there.

Steady window: webload's warm=WARM_MS leaves out the requests completed
in the first second (connections, ARP, the first disk reads) and the
drain after secs=; each load machine reports the requests completed in
[warm, secs] over that window's simulated time (its cycle counter), and a
cell is the sum over the load machines.

Enough load: on representative cells (SAT_CELLS) load machines of
CONC clients each are added one at a time until one more raises the
throughput by less than SAT_GAIN (or MAX_MACHINES is reached, said so);
the table's cells then all use the largest count those searches needed.

The wire's limit: each run's --stats gives the segment's frames and
bytes (each frame as the LANCE sent it: padded to 60 bytes, without its
FCS); a request's share is those divided by the requests the run made
(completed and failed, all machines), and it occupies the wire for
bytes + frames x (4 FCS + 8 preamble + 12 interframe gap) byte times
(IEEE 802.3), so the segment carries at most mbps x 10^6 / 8 / that
requests a second, whichever server could go that fast."""

import os
import re
import shutil
import subprocess
import sys
import threading
import time
import zlib

import collect
import plots

SERVER_MODEL = '5000/125'
LOAD_MODEL = '5000/240'
SIZES = [('/empty.txt', 0), ('/b100.txt', 100), ('/k1.html', 1024), ('/k10.bin', 10240), ('/k100.bin', 102400)]
SIZE_NAME = {0: '0 B', 100: '100 B', 1024: '1 KB', 10240: '10 KB', 102400: '100 KB'}
SPEEDS = [10, 100]
SERVERS = ['cheetah', 'conv', 'linux']
SERVER_NAME = {'cheetah': 'Cheetah', 'conv': 'conventional (ExOS)', 'linux': 'Linux 6.1'}
TECHS = ['-merge', '-csum', '-hdr', '-pktmerge', '-group']
ALL_OFF = ','.join(TECHS)
ABL_SIZES = [100, 10240, 102400]
ABL_MBPS = 100
CONC = 2                 # clients a load machine. A machine of 2 clients gives Cheetah 610 req/s at 100 B
                         # (365 before its active opens stopped taking a DPF filter each; 8 clients then
                         # ran out of filters: connect -ENOSPC). More a machine would pass httpd_conv's 8
                         # connections at 4 machines (3 machines of 4: 31 resets, its pool's design).
# Cheetah 100 B, 1 KB and conv 100 B saturate at 2 machines or fewer;
# Cheetah 100 KB barely (+2.6% from 3 to 4 in a whole run; single-cell
# runs gained about 5% a machine up to 5): the cap keeps every cell within
# httpd_conv's 8 clients, and the report flags a search still gaining at
# it a lower bound.
MAX_MACHINES = 4
SAT_GAIN = 0.05
# (server, size, mbps) whose load is searched; the rest use the most they needed
SAT_CELLS = [('cheetah', 100, 100), ('cheetah', 1024, 100), ('conv', 100, 100), ('cheetah', 102400, 100)]
SECS, WARM_MS = 4, 1000
FRAME_EXTRA = 4 + 8 + 12   # FCS, preamble and SFD, interframe gap: bytes of wire time a frame
PAPER = {0: 'up to 8x (small documents)', 100: 'up to 8x (small documents)', 1024: 'up to 8x (small documents)',
         10240: '(not stated)', 102400: 'about 4x (large documents)'}

WINDOW_RE = re.compile(r'^webload: window (\d+) requests (\d+) bytes in (\d+) us: \d+ req/s$')
RESULT_RE = re.compile(r'^webload: (\d+) requests (\d+) bytes (\d+) errors \(([^)]*)\) in (\d+) ms')
SEG_RE = re.compile(r'^  frames +(\d+) \((\d+) bytes\)')
JOB_RE = re.compile(r'^# webbench job (\S+)((?: \w+=\S*)+)$')


def job_name(server, size, mbps, machines, tech=''):
    return '%s%s-%d-%dM-%dx%d' % (server, tech.replace(',', '').replace('-', '_') if tech else '', size, mbps,
                                  machines, CONC)


def log_path(logs, job):
    return os.path.join(logs, 'web', job + '.log')


def site_image(build, d=None):
    """The test site (mktestsite) as one disk holding both file systems:
    ExOS's ext2 (tools/mkdisk) and Cheetah's store beside it (as
    cheetah/site.mk makes web.img), in folder d (BUILD/bench/web).
    -> (image, {path: (len, crc)})"""
    top = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..')
    d = d or os.path.join(build, 'bench', 'web')
    root = os.path.join(d, 'root')
    img = os.path.join(d, 'site.img')
    if os.path.exists(root):
        shutil.rmtree(root)
    os.makedirs(d, exist_ok=True)
    subprocess.run([os.path.join(top, 'cheetah/tests/mktestsite'), root], check=True)
    site = os.path.join(root, 'site')
    if os.path.exists(img):
        os.remove(img)
    subprocess.run([os.path.join(top, 'tools/mkdisk'), site, img, '2048'], check=True, stdout=subprocess.DEVNULL)
    subprocess.run([os.path.join(top, 'tools/mkwebstore'), '--beside', site, img], check=True,
                   stdout=subprocess.DEVNULL)
    docs = {}
    for path, size in SIZES:
        data = open(os.path.join(site, path.lstrip('/')), 'rb').read()
        if len(data) != size:
            raise RuntimeError('%s: %d bytes, not %d' % (path, len(data), size))
        docs[path] = (size, zlib.crc32(data) & 0xffffffff)
    return img, docs


def linux_httpd(build):
    return os.path.join(build, 'bench', 'linux', 'httpd')


def have_linux(build):
    """The Linux server can be measured: bench/linux/httpd built into the
    kernel's initramfs, and webload able to wait= for a server still
    booting (Linux takes about 12 simulated seconds)."""
    src = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', 'cheetah', 'webload.c')
    return (os.path.exists(linux_httpd(build)) and os.path.exists(os.path.join(build, 'bench/linux/vmlinux')) and
            ' wait=' in open(src).read())


def spec(server, size, mbps, machines, tech='', secs=SECS, warm=WARM_MS):
    return {'server': server, 'size': size, 'mbps': mbps, 'machines': machines, 'conc': CONC, 'tech': tech,
            'secs': secs, 'warm': warm}


def linger(sp):
    """ms load machine 1 keeps running after its result (its exit ends
    the run): the others print theirs only when their last requests have
    finished, and a 100 KB answer from a disk-bound server can take
    several seconds (httpd_conv: about 6 s with 6 clients), so those cells
    get more; the windows are measured before, so it changes no number."""
    return 15000 if sp['size'] >= 102400 and sp['server'] != 'cheetah' else 3000 if sp['size'] >= 102400 else 2000


def argv(build, sp, image, docs, consoles):
    """pmaxsim's argv for one cell: load machine 1 first (its exit ends
    the run, linger= letting the others finish), the server, the other
    load machines; consoles: [server's, machine 2's, ...] files."""
    sim = os.path.join(build, 'sim/pmaxsim')
    exos = os.path.join(build, 'exos/exos.elf')
    path = next(p for p, s in SIZES if s == sp['size'])
    ln, crc = docs[path]
    load = 'server=10.0.0.1 paths=%s:%d:%08x conc=%d count=0 secs=%d warm=%d' % (
        path, ln, crc, sp['conc'], sp['secs'], sp['warm'])
    if sp['server'] == 'cheetah':
        words, img = 'init=cheetah' + (' cheetah=' + sp['tech'] if sp['tech'] else ''), exos
    elif sp['server'] == 'conv':
        words, img = 'init=httpd_conv root=/', exos
    else:
        # bench/linux/httpd.c: the same site in its initramfs, at /site
        words, img = 'console=ttyS3 rdinit=/httpd --', os.path.join(build, 'bench/linux/vmlinux')
        load += ' wait=60'
    a = [sim, '--stats', '--net-mbps', str(sp['mbps']), '--max-cycles', '2000000000',
         '-M', LOAD_MODEL, '--mac', '08:00:2b:77:00:10', '-o', 'init=webload ip=10.0.0.10/24 %s linger=%d' % (
             load, linger(sp)),
         exos,
         '--and', '-M', SERVER_MODEL, '--mac', '08:00:2b:77:00:01'] + (
             ['-d', 'tmp:' + image] if sp['server'] != 'linux' else []) + [
         '-o', words + ' ip=10.0.0.1/24', '--console', consoles[0], img]
    for k in range(2, sp['machines'] + 1):
        a += ['--and', '-M', LOAD_MODEL, '--mac', '08:00:2b:77:00:%02x' % (0x10 + k - 1),
              '-o', 'init=webload ip=10.0.0.%d/24 %s' % (9 + k, load), '--console', consoles[k - 1], exos]
    return a


def run_cell(build, logs, job, sp, image, docs, timeout=600):
    """One cell into LOGS/web/JOB.log: a header line saying what ran, the
    first load machine's console and --stats, then each other console."""
    path = log_path(logs, job)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    cons = [path + '.srv'] + [path + '.m%d' % k for k in range(2, sp['machines'] + 1)]
    collect.run_logged(argv(build, sp, image, docs, cons), path + '.run', timeout=timeout)
    with open(path, 'w') as f:
        f.write('# webbench job %s %s\n' % (job, ' '.join('%s=%s' % (k, sp[k]) for k in sorted(sp))))
        f.write(open(path + '.run', errors='replace').read())
        for k, c in enumerate(cons):
            f.write('# console of %s\n' % ('the server' if k == 0 else 'load machine %d' % (k + 1)))
            if os.path.exists(c):
                f.write(open(c, errors='replace').read().replace('\r', ''))
                os.remove(c)
    os.remove(path + '.run')
    return parse_log(path)


def plan_table(machines, have_linux):
    """ExOS's servers, the ablation, then Linux (its boot makes its runs
    the longest)."""
    jobs = []
    for server in ('cheetah', 'conv'):
        for mbps in SPEEDS:
            for _, size in SIZES:
                jobs.append((job_name(server, size, mbps, machines), spec(server, size, mbps, machines)))
    for tech in TECHS + [ALL_OFF]:
        for size in ABL_SIZES:
            jobs.append((job_name('cheetah', size, ABL_MBPS, machines, tech),
                         spec('cheetah', size, ABL_MBPS, machines, tech)))
    if have_linux:
        for mbps in SPEEDS:
            for _, size in SIZES:
                jobs.append((job_name('linux', size, mbps, machines), spec('linux', size, mbps, machines)))
    return jobs


def run_jobs(build, logs, jobs, image, docs, progress, done=None):
    """jobs two at a time (two host CPUs); -> {job: parsed}"""
    lock = threading.Lock()
    todo = [j for j in jobs if not done or j[0] not in done]
    res = dict(done or {})

    def worker():
        while True:
            with lock:
                if not todo:
                    return
                job, sp = todo.pop(0)
            t0 = time.time()
            d = run_cell(build, logs, job, sp, image, docs)
            with lock:
                res[job] = d
                progress('bench: %-8s %-30s %12s req/s, %d errors (%.1f s host time)' % (
                    SERVER_MODEL, 'web-' + job, '%.1f' % d['rps'] if d['rps'] is not None else 'missing',
                    d['errors'], time.time() - t0))
                for p in d['problems']:
                    progress('bench: PROBLEM %s' % p)

    ts = [threading.Thread(target=worker) for _ in range(2)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    return res


def run(build, logs, progress=print):
    """The saturation searches, then every table and ablation cell."""
    image, docs = site_image(build)
    res = {}
    searching = {c: 1 for c in SAT_CELLS}
    last = {}
    while searching:
        jobs = [(job_name(s, z, m, n), spec(s, z, m, n)) for (s, z, m), n in sorted(searching.items())]
        res = run_jobs(build, logs, jobs, image, docs, progress, res)
        for (s, z, m), n in list(searching.items()):
            r = res[job_name(s, z, m, n)]['rps'] or 0.0
            prev = last.get((s, z, m))
            last[(s, z, m)] = r
            if (prev is not None and r < prev * (1 + SAT_GAIN)) or n >= MAX_MACHINES:
                del searching[(s, z, m)]
            else:
                searching[(s, z, m)] = n + 1
    t = parse(logs)
    machines = t['machines']
    progress('bench: web: %d load machines of %d clients for every cell (the saturation search\'s)' % (
        machines, CONC))
    run_jobs(build, logs, plan_table(machines, have_linux(build)), image, docs, progress, res)


def parse_log(path):
    """-> {'spec', 'rps', 'errors', 'errkinds', 'requests', 'frames', 'bytes', 'windows', 'problems'}"""
    name = 'web %s' % os.path.basename(path)
    d = {'spec': None, 'rps': None, 'errors': 0, 'errkinds': {}, 'requests': 0, 'frames': None, 'bytes': None,
         'windows': 0, 'results': 0, 'problems': []}
    if not os.path.exists(path):
        d['problems'].append('%s: no log' % name)
        return d
    rps = 0.0
    status = None
    for line in open(path, errors='replace'):
        line = line.rstrip('\n')
        m = JOB_RE.match(line)
        if m:
            sp = dict(w.split('=', 1) for w in m.group(2).split())
            d['spec'] = {k: (int(v) if v.isdigit() else v) for k, v in sp.items()}
            continue
        m = WINDOW_RE.match(line)
        if m:
            n, us = int(m.group(1)), int(m.group(3))
            if us > 0:
                rps += n * 1e6 / us
                d['windows'] += 1
            continue
        m = RESULT_RE.match(line)
        if m:
            d['results'] += 1
            d['requests'] += int(m.group(1)) + int(m.group(3))
            d['errors'] += int(m.group(3))
            for kv in re.findall(r'(\w+) (\d+)', m.group(4)):
                d['errkinds'][kv[0]] = d['errkinds'].get(kv[0], 0) + int(kv[1])
            continue
        m = SEG_RE.match(line)
        if m:
            d['frames'], d['bytes'] = int(m.group(1)), int(m.group(2))
        elif line.startswith('# exit status '):
            status = line[len('# exit status '):]
    sp = d['spec']
    if sp is None:
        d['problems'].append('%s: no "# webbench job" line' % name)
        return d
    if status != '0':
        d['problems'].append('%s: pmaxsim exit status %s' % (name, status))
    if d['results'] != sp['machines'] or d['windows'] != sp['machines']:
        d['problems'].append('%s: %d of %d load machines gave their result and window lines' % (
            name, min(d['results'], d['windows']), sp['machines']))
    else:
        d['rps'] = rps
    if d['errors']:
        d['problems'].append('%s: %d errors (%s)' % (name, d['errors'], ', '.join(
            '%s %d' % kv for kv in sorted(d['errkinds'].items()) if kv[1])))
    if d['frames'] is None:
        d['problems'].append('%s: no segment counters (--stats)' % name)
    return d


def wire_limit(d):
    """Requests a second the segment could carry at most, from the bytes
    this run's requests put on it; None without counters."""
    if not d or d['frames'] is None or not d['requests']:
        return None
    per_req = (d['bytes'] + d['frames'] * FRAME_EXTRA) / float(d['requests'])
    return d['spec']['mbps'] * 1e6 / 8.0 / per_req


def parse(logs):
    """-> {'cells': {(server, size, mbps, machines, tech): parsed}, 'sat': {...}, 'machines': N}"""
    t = {'cells': {}, 'problems': [], 'machines': None, 'sat': {}}
    d = os.path.join(logs, 'web')
    names = sorted(f for f in os.listdir(d) if f.endswith('.log')) if os.path.isdir(d) else []
    for f in names:
        p = parse_log(os.path.join(d, f))
        sp = p['spec']
        t['problems'] += p['problems']
        if sp:
            t['cells'][(sp['server'], sp['size'], sp['mbps'], sp['machines'], sp['tech'])] = p
    # the saturation searches: each cell's throughput against machines
    need = 1
    for s, z, m in SAT_CELLS:
        pts = sorted((k[3], c['rps']) for k, c in t['cells'].items()
                     if k[:3] == (s, z, m) and not k[4] and c['rps'] is not None)
        t['sat'][(s, z, m)] = pts
        # the count after which one more machine gained less than SAT_GAIN
        stop = None
        for (n0, r0), (n1, r1) in zip(pts, pts[1:]):
            if r1 < r0 * (1 + SAT_GAIN):
                stop = n0
                break
        if not pts:
            t['problems'].append('web: no saturation runs for %s %s %d Mbit/s' % (SERVER_NAME[s], SIZE_NAME[z], m))
        need = max(need, stop if stop is not None else (pts[-1][0] if pts else 1))
    t['machines'] = need
    # every cell of the tables at that count (Linux's once one was run:
    # before, "not built", as markdown says)
    linux = any(k[0] == 'linux' for k in t['cells'])
    for server in SERVERS:
        for mbps in SPEEDS:
            for _, size in SIZES:
                if server == 'linux' and not linux:
                    continue
                if (server, size, mbps, need, '') not in t['cells']:
                    t['problems'].append('web: no run of %s, %s, %d Mbit/s, %d load machines' % (
                        SERVER_NAME[server], SIZE_NAME[size], mbps, need))
    for tech in TECHS + [ALL_OFF]:
        for size in ABL_SIZES:
            if ('cheetah', size, ABL_MBPS, need, tech) not in t['cells']:
                t['problems'].append('web: no ablation run cheetah=%s, %s' % (tech, SIZE_NAME[size]))
    return t


def problems(t):
    return list(t['problems'])


def cell(t, server, size, mbps, tech=''):
    return t['cells'].get((server, size, mbps, t['machines'], tech))


def rps_text(c):
    if c is None:
        return 'missing'
    if c['rps'] is None:
        return 'failed'
    return '%.1f%s' % (c['rps'], ' (%d errors)' % c['errors'] if c['errors'] else '')


def ratio(a, b):
    if a is None or b is None or a['rps'] is None or b['rps'] in (None, 0):
        return ''
    if a['errors'] or b['errors']:
        return '(errors)'
    return '%.2f' % (a['rps'] / b['rps'])


def markdown(t):
    n = t['machines']
    have_linux = any(k[0] == 'linux' for k in t['cells'])
    L = ['## Web server: Cheetah, a conventional server on ExOS, Linux 6.1 (SOSP\'97 §6, not SOSP\'95)', '',
         'Requests per simulated second a %s (the paper\'s 25 MHz machine) serving one document of the test '
         'site (`cheetah/tests/mktestsite`) answers; load from %d %s machines running `webload` with %d clients '
         'each (HTTP/1.0, a connection per request, every body checked against its CRC-32, '
         '`docs/webload.md`). Each load machine counts the requests it completed in a steady window, '
         '%d ms after its first request to %d s (`webload warm=`), over that window\'s simulated time; '
         'a cell is their sum. Cheetah serves its own store (`tools/mkwebstore --beside`), the conventional '
         'server (`httpd_conv`) the ext2 beside it on the same disk. "Wire limit" is what the segment could '
         'carry at most given the bytes each request of that run put on it: from `--stats`\' segment '
         'counters, its frames and bytes a request, each frame costing its bytes plus %d (FCS, preamble, '
         'interframe gap). The last column is the paper\'s words, never our number: Cheetah (on Xok, x86) '
         'ran "up to eight times" faster than NCSA and Harvest on small documents and "about four times" '
         'on large ones (SOSP\'97, Kaashoek et al.; `../shared/research/paper-tables.md` §6, which could not '
         'confirm the figure\'s sizes or values). '
         'Logs: `build/bench/logs/web/`.' % (SERVER_MODEL, n, LOAD_MODEL, CONC, WARM_MS, SECS, FRAME_EXTRA), '']
    for mbps in SPEEDS:
        L += ['### %d Mbit/s, requests per second' % mbps, '',
              '| document | Cheetah | conventional (ExOS) | Linux 6.1 | wire limit (Cheetah\'s bytes) | '
              'wire limit (conventional\'s bytes) | Cheetah / conventional | Cheetah / Linux | '
              'paper\'s words: Cheetah over NCSA/Harvest |',
              '|---|---|---|---|---|---|---|---|---|']
        for _, size in SIZES:
            ch, cv, lx = cell(t, 'cheetah', size, mbps), cell(t, 'conv', size, mbps), cell(t, 'linux', size, mbps)
            wl = [wire_limit(c) for c in (ch, cv)]
            L.append('| %s | %s | %s | %s | %s | %s | %s | %s | %s |' % (
                SIZE_NAME[size], rps_text(ch), rps_text(cv), rps_text(lx) if have_linux else 'not built',
                '%.0f' % wl[0] if wl[0] else '', '%.0f' % wl[1] if wl[1] else '',
                ratio(ch, cv), ratio(ch, lx), PAPER[size]))
        L.append('')
    L += ['### Enough load machines', '',
          'Load machines of %d clients added one at a time on these cells until one more raised the '
          'throughput by less than %d%% (at most %d); the tables use the largest count found, %d, for every '
          'cell.'
          % (CONC, SAT_GAIN * 100, MAX_MACHINES, n), '',
          '| cell | load machines: requests per second | last step\'s gain | saturated |', '|---|---|---|---|']
    for (s, z, m), pts in sorted(t['sat'].items()):
        g = pts[-1][1] / pts[-2][1] - 1 if len(pts) > 1 and pts[-2][1] else None
        gain = '%+.1f%%' % (100.0 * g) if g is not None else ''
        # A search that ended at the cap still gaining says nothing about
        # the server's limit: its figures are lower bounds.
        sat = ('yes' if g < SAT_GAIN else 'no: a lower bound') if g is not None else 'not searched'
        L.append('| %s, %s, %d Mbit/s | %s | %s | %s |' % (SERVER_NAME[s], SIZE_NAME[z], m,
                                                        ', '.join('%d: %.1f' % p for p in pts) or 'missing', gain,
                                                        sat))
    L += ['', '### Cheetah\'s techniques, each off in turn (%d Mbit/s, requests per second)' % ABL_MBPS, '',
          '| cheetah= | ' + ' | '.join(SIZE_NAME[z] for z in ABL_SIZES) + ' |',
          '|---|' + '---|' * len(ABL_SIZES)]
    L.append('| all on | ' + ' | '.join(rps_text(cell(t, 'cheetah', z, ABL_MBPS)) for z in ABL_SIZES) + ' |')
    for tech in TECHS + [ALL_OFF]:
        L.append('| %s | ' % ('all off' if tech == ALL_OFF else '`%s`' % tech) +
                 ' | '.join(rps_text(cell(t, 'cheetah', z, ABL_MBPS, tech)) for z in ABL_SIZES) + ' |')
    if not have_linux:
        L += ['', 'Linux 6.1: "not built": the conventional server\'s Linux build (`bench/linux/httpd`) is not '
              'in this tree yet.']
    return L + ['']


def write_csv(path, t):
    with open(path, 'w') as f:
        f.write('server,techniques,size,mbps,load_machines,clients_each,req_per_s,errors,requests,frames,bytes,'
                'wire_limit_req_per_s\n')
        for k, c in sorted(t['cells'].items(), key=lambda kv: tuple(str(x) for x in kv[0])):
            s, z, m, n, tech = k
            wl = wire_limit(c)
            f.write('%s,%s,%d,%d,%d,%d,%s,%d,%d,%s,%s,%s\n' % (
                s, tech or 'all', z, m, n, c['spec']['conc'], '%.2f' % c['rps'] if c['rps'] is not None else '',
                c['errors'], c['requests'], c['frames'] if c['frames'] is not None else '',
                c['bytes'] if c['bytes'] is not None else '', '%.1f' % wl if wl else ''))


def draw(out, t):
    """OUT/web.png: requests a second against document size, a line per
    server and speed (runs with errors left out), and the wire limits
    (Cheetah's bytes) dashed.
    -> (list of PNGs, list of problems)"""
    d = os.path.join(out, 'plots')
    os.makedirs(d, exist_ok=True)
    series = []
    for server in SERVERS:
        for mbps in SPEEDS:
            pts = [(max(z, 1), cell(t, server, z, mbps)) for _, z in SIZES]
            pts = [(x, c['rps']) for x, c in pts if c and c['rps'] and not c['errors']]
            if pts:
                series.append(('%s, %d Mbit/s' % (SERVER_NAME[server], mbps), pts, 'lines'))
    for mbps in SPEEDS:
        pts = [(max(z, 1), wire_limit(cell(t, 'cheetah', z, mbps))) for _, z in SIZES]
        pts = [p for p in pts if p[1]]
        if pts:
            series.append(('wire limit, %d Mbit/s' % mbps, pts, 'dashed'))
    if not series:
        return [], []
    curves = []
    for i, (title, pts, style) in enumerate(series):
        dat = os.path.join(d, 'web-%d.dat' % i)
        with open(dat, 'w') as f:
            f.write('# bytes req_per_s (0 B drawn at 1)\n')
            for x, y in pts:
                f.write('%d %r\n' % (x, y))
        curves.append('"%s" using 1:2 with linespoints lw 2 pt %d%s title "%s"' % (
            dat, 5 + i, ' dt 2' if style == 'dashed' else '', title))
    png = os.path.join(out, 'web.png')
    gp = ['set terminal pngcairo size 800,520 font "DejaVu Sans,10"', 'set output "%s"' % png,
          'set title "Web server on a 5000/125: requests per simulated second (log scales; runs with errors left out)"',
          'set key below', 'set grid', 'set logscale xy',
          'set xlabel "document bytes (0 B drawn at 1)"', 'set ylabel "requests/s"',
          'plot ' + ', '.join(curves)]
    png, problem = plots.gnuplot(os.path.join(d, 'web.gp'), gp)
    return ([png], []) if png else ([], [problem])


def main():
    """The Web section alone: webbench.py [BUILD [OUT]] runs its cells
    into OUT/logs/web/ (BUILD/bench/web-only) and writes OUT/web.md,
    OUT/web.csv and OUT/web.png; exit 1 on a problem."""
    build = sys.argv[1] if len(sys.argv) > 1 else 'build'
    out = sys.argv[2] if len(sys.argv) > 2 else os.path.join(build, 'bench', 'web-only')
    logs = os.path.join(out, 'logs')
    t0 = time.time()
    run(build, logs, lambda s: print(s, flush=True))
    t = parse(logs)
    made, ps = draw(out, t)
    ps = problems(t) + ps
    with open(os.path.join(out, 'web.md'), 'w') as f:
        f.write('\n'.join(markdown(t)) + '\n')
    write_csv(os.path.join(out, 'web.csv'), t)
    for p in ps:
        print('bench: PROBLEM %s' % p)
    print('bench: wrote %s/web.md, web.csv%s (%.0f s host time)' % (out, ' and web.png' if made else '',
                                                                  time.time() - t0))
    return 1 if ps else 0


if __name__ == '__main__':
    sys.dont_write_bytecode = True
    sys.exit(main())
