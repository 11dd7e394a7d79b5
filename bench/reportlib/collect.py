"""collect.py - the runs bench/report makes (one simulator run per job and
machine model), and the parsing of their console logs into measurements.
A log is kept per run in LOGS/<model>/<job>.log (model with '-' for '/'),
so a report can be made again, or tested, from saved logs alone."""

import os
import re
import subprocess
import threading
import time
from concurrent.futures import ThreadPoolExecutor

MODELS = ['5000/125', '5000/240']
MHZ = {'5000/125': 25, '5000/240': 40}
EXOS_PROGS = ['lrpctest', 'pipetest', 'shmtest', 'stridetest', 'vmbench', 'matrix']
# exos-udp-*: Table 11 on two ExOS machines (exos/bin/udprtt.c), the
# server answering in a program or in its ASH; exos-udp-rtt60: the same
# with 60 bytes of UDP data (102-byte frames), the size Table 11 used
# before it followed the paper's 60-byte frame (an informational row);
# exos-fig2: Figure 2's runs (exos/net/tests/fig2).
EXOS_NET_JOBS = ['exos-udp-rtt', 'exos-udp-ash', 'exos-udp-rtt60', 'exos-fig2']
JOBS = ['linux-posix', 'linux-udp-rtt', 'aegis', 'aegis-net'] + ['exos-' + p for p in EXOS_PROGS] + EXOS_NET_JOBS
SRC = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..')


def model_dir(model):
    return model.replace('/', '-')


def job_argv(build, job, model):
    sim = [os.path.join(build, 'sim/pmaxsim'), '-M', model]
    if job == 'aegis':
        return sim + ['--stats', os.path.join(build, 'aegis/aegis.elf')]
    if job == 'aegis-net':   # a raw frame answered by an ASH and by a program, two machines
        img = os.path.join(build, 'aegis/aegis-net.elf')
        return sim + ['--stats', '--max-cycles', '4000000000', '--mac', '08:00:2b:77:00:01',
                      '-o', 'init=netash', img, '--and', '-M', model, '--mac', '08:00:2b:77:00:02',
                      '-o', 'init=peerping', '--console', '/dev/null', img]
    if job in ('exos-udp-rtt', 'exos-udp-ash', 'exos-udp-rtt60'):   # Table 11 on ExOS: two machines, 4096 round trips
        img = os.path.join(build, 'exos/exos.elf')
        ash = job == 'exos-udp-ash'
        size = ' len=60' if job == 'exos-udp-rtt60' else ''   # udprtt's default: 18 (a 60-byte frame)
        label = {'exos-udp-rtt': 'udp_rtt', 'exos-udp-ash': 'udp_rtt_ash', 'exos-udp-rtt60': 'udp_rtt_60data'}[job]
        return sim + ['--stats', '--max-cycles', '4000000000', '--mac', '08:00:2b:00:00:01',
                      '-o', 'init=udprtt role=client peer=10.0.0.2 n=4096 ip=10.0.0.1/24 label=' + label + size,
                      img, '--and', '-M', model, '--mac', '08:00:2b:00:00:02', '--console', '/dev/null',
                      '-o', 'init=udprtt role=server ip=10.0.0.2/24' + (' ash=1' if ash else '') + size, img]
    if job == 'exos-fig2':
        return [os.path.join(SRC, 'exos/net/tests/fig2'), build, model]
    if job.startswith('exos-'):
        return sim + ['--stats', '--max-cycles', '4000000000', '-o', 'init=' + job[5:],
                      os.path.join(build, 'exos/exos.elf')]
    if job == 'linux-posix':   # as bench/posix/run: about 160 s of simulated time
        return sim + ['--stats', '--max-cycles', '20000000000', os.path.join(build, 'bench/linux/vmlinux'),
                      '-o', 'console=ttyS3 rdinit=/posix']
    if job == 'linux-udp-rtt':   # Table 11: two machines, as bench/linux/udp-rtt
        vmlinux = os.path.join(build, 'bench/linux/vmlinux')
        return sim + ['--stats', '--max-cycles', '2400000000',
                      '-o', 'console=ttyS3 rdinit=/nettest -- client 10.0.0.1 10.0.0.2 4096', vmlinux,
                      '--and', '-M', model, '--mac', '08:00:2b:00:00:02',
                      '-o', 'console=ttyS3 rdinit=/nettest -- server 10.0.0.2', vmlinux]
    raise ValueError(job)


def run_logged(argv, path, timeout=600):
    """Run argv; its console (stdout and stderr, without CRs) into path,
    then a last line "# exit status N" (or "timeout") for the parsers."""
    try:
        p = subprocess.run(argv, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT, timeout=timeout)
        out, rc = p.stdout.decode('utf-8', 'replace'), p.returncode
    except subprocess.TimeoutExpired as e:
        out, rc = (e.stdout or b'').decode('utf-8', 'replace'), 'timeout'
    with open(path, 'w') as f:
        f.write(out.replace('\r', ''))
        f.write('# exit status %s\n' % rc)


def run_all(build, logs, progress):
    """Run every job on every model (in parallel, one per host CPU); write
    the logs; call progress(model, job, seconds, parsed) as each ends."""
    # One long Linux run first, the short ones beside it, then the other
    # Linux run(s): progress shows at once and two CPUs finish together.
    short = [(j, m) for m in MODELS for j in JOBS if j != 'linux-posix']
    todo = [('linux-posix', MODELS[0])] + short + [('linux-posix', m) for m in MODELS[1:]]
    workers = os.cpu_count() or 2
    print('bench: %d runs on pmaxsim, %d at a time (Linux\'s take longest)' % (len(todo), workers), flush=True)
    lock = threading.Lock()

    def one(jm):
        job, model = jm
        path = os.path.join(logs, model_dir(model), job + '.log')
        os.makedirs(os.path.dirname(path), exist_ok=True)
        t0 = time.time()
        run_logged(job_argv(build, job, model), path)
        parsed = parse_log(job, model, path)
        with lock:
            progress(model, job, time.time() - t0, parsed)

    with ThreadPoolExecutor(max_workers=workers) as ex:
        list(ex.map(one, todo))


AEGIS_RE = re.compile(r'^bench (.+) (\d+) cycles (\d+) instructions$')
BENCH_RE = re.compile(r'^bench (table\d+) (\S+)((?: \w+=[\d.]+)+)$')
FIG3_RE = re.compile(r'^fig3 quantum=(\d+) measured=([\d,]+) ideal=([\d,]+)$')
FIG2_RE = re.compile(r'^fig2 procs=(\d+) ash=([01]) us=([\d.]+) iters=(\d+)$')
EXOS_END_RE = re.compile(r'^aegis: (\S+) exited with status (\d+); halting')


def parse_log(job, model, path):
    """One log -> {'bench': {key: {...}}, 'fig3': [(q, meas, ideal)], 'problems': [...]}."""
    res = {'bench': {}, 'fig3': [], 'fig2': [], 'problems': [], 'kinds': set()}
    if not os.path.exists(path):
        res['problems'].append('no log %s' % path)
        return res
    mhz = MHZ[model]
    ended = False
    exit_status = None
    for line in open(path, errors='replace'):
        line = line.rstrip('\n')
        if line.startswith('not ok'):
            res['problems'].append('%s on %s: %s' % (job, model, line))
            res['kinds'].add('not ok')
        elif line.startswith('# exit status '):
            exit_status = line[len('# exit status '):]
        elif job in ('aegis', 'aegis-net') and AEGIS_RE.match(line):
            m = AEGIS_RE.match(line)
            c = int(m.group(2))
            res['bench'][('aegis', m.group(1))] = {'us': c / mhz, 'cycles': c, 'insns': int(m.group(3))}
            res['kinds'].add('aegis bench')
        elif BENCH_RE.match(line):
            m = BENCH_RE.match(line)
            kv = dict(f.split('=') for f in m.group(3).split())
            src = 'linux' if job.startswith('linux') else 'exos'
            v = {'us': float(kv['us']), 'iters': int(kv.get('iters', '0'))}
            if 'cycles' in kv:   # per operation: finer than the printed us
                v['cycles'] = int(kv['cycles'])
                v['us'] = v['cycles'] / mhz
            res['bench'][(src, m.group(1), m.group(2))] = v
            res['kinds'].add(src + ' bench')
        elif FIG3_RE.match(line):
            m = FIG3_RE.match(line)
            res['fig3'].append((int(m.group(1)), [int(x) for x in m.group(2).split(',')],
                                [int(x) for x in m.group(3).split(',')]))
            res['kinds'].add('fig3')
        elif FIG2_RE.match(line):
            m = FIG2_RE.match(line)
            res['fig2'].append((int(m.group(1)), int(m.group(2)), float(m.group(3))))
            res['kinds'].add('fig2')
        elif job == 'exos-fig2' and line == 'fig2: done':
            ended = True
        elif job == 'aegis' and re.match(r'^1\.\.\d+$', line):
            ended = True
        elif job == 'aegis-net' and EXOS_END_RE.match(line):
            ended = True
            if EXOS_END_RE.match(line).group(2) != '0':
                res['problems'].append('%s on %s: %s' % (job, model, line))
        elif job.startswith('exos-') and EXOS_END_RE.match(line):
            st = int(EXOS_END_RE.match(line).group(2))
            ended = True
            if st & 255:
                res['problems'].append('%s on %s: %d failed checks' % (job, model, st & 255))
        elif job == 'linux-udp-rtt' and re.match(r'^nettest: \d+ checks, \d+ failed; powering off$', line):
            ended = True
            if ' 0 failed;' not in line:
                res['problems'].append('%s on %s: %s' % (job, model, line))
        elif job.startswith('linux') and re.match(r'^posix: \d+ checks, \d+ failed$', line):
            ended = True
            if not line.endswith(' 0 failed'):
                res['problems'].append('%s on %s: %s' % (job, model, line))
    if exit_status not in (None, '0'):
        res['problems'].append('%s on %s: pmaxsim exit status %s' % (job, model, exit_status))
    if not ended:
        res['problems'].append('%s on %s: the run did not finish (no end line in the log)' % (job, model))
    return res


def parse_all(logs):
    """All logs under LOGS -> {model: merged parse}."""
    data = {}
    for model in MODELS:
        d = {'bench': {}, 'fig3': [], 'fig2': [], 'problems': [], 'kinds': set(), 'src': {}}
        for job in JOBS:
            r = parse_log(job, model, os.path.join(logs, model_dir(model), job + '.log'))
            for k in r['bench']:
                d['src'][k] = job
            d['bench'].update(r['bench'])
            d['fig3'] += r['fig3']
            d['fig2'] += r['fig2']
            d['problems'] += r['problems']
            d['kinds'] |= r['kinds']
        data[model] = d
    return data


def load_paper(path):
    """sosp95.csv -> {(table, system, bench): value} for the DEC5000/125,
    and {(table, machine, system, bench): value} for every machine."""
    import csv
    d5, every = {}, {}
    with open(path) as f:
        for r in csv.DictReader(f):
            every[(r['table'], r['machine'], r['system'], r['benchmark'])] = float(r['value'])
            if r['machine'] == 'DEC5000/125':
                d5[(r['table'], r['system'], r['benchmark'])] = float(r['value'])
    return d5, every
