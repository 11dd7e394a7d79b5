"""table7.py - Table 7 of the SOSP'95 paper (packet classification: a
TCP/IP header destined to one of ten TCP/IP filters, on the DEC5000/200):
runs bench/dpf/dpfbench.elf on pmaxsim -M 5000/200 (the paper's machine
for this table) and -M 5000/125, parses its "bench table7 ..." lines, and
makes the report's section (the paper's MPF, PATHFINDER and DPF beside
ours: DPF compiled, our MPF/CSPF-style interpreter, DPF's reference
interpreter), table7.csv and the chart of time against filters."""

import os
import re

import collect
import plots

MODELS = ['5000/200', '5000/125']
PAPER = {'MPF': 35.0, 'PATHFINDER': 19.0, 'DPF': 1.5}   # µs, DEC5000/200; S1 Table 7
PAPER_INSERT_US = 220.0   # S2: inserting one TCP/IP filter
LINE_RE = re.compile(r'^bench table7 (\S+)((?: \w+=[\d.]+)+)$')
ROWS = ['dpf', 'mpf', 'ref']   # the lines a run must print


def log_path(logs, model):
    return os.path.join(logs, 'table7', model.replace('/', '-') + '.log')


def run(build, logs, progress=print):
    """One dpfbench run per model, its console in LOGS/table7/MODEL.log."""
    for model in MODELS:
        path = log_path(logs, model)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        argv = [os.path.join(build, 'sim/pmaxsim'), '-M', model, '--stats',
                os.path.join(build, 'bench/dpf/dpfbench.elf')]
        collect.run_logged(argv, path)
        d = parse_log(path)
        if 'dpf' in d['rows']:
            progress('bench: %-8s %-17s %-48s %12.2f us' % (model, 'dpfbench', 'table7 dpf ten filters',
                                                           d['rows']['dpf']['us']))
        for p in d['problems']:
            progress('bench: PROBLEM %s' % p)


def parse_log(path):
    """-> {'rows': {name: {key: value}}, 'problems': [...]}"""
    res = {'rows': {}, 'problems': []}
    if not os.path.exists(path):
        res['problems'].append('table 7: no log %s' % path)
        return res
    done = False
    status = None
    for line in open(path, errors='replace'):
        line = line.rstrip('\n')
        m = LINE_RE.match(line)
        if m:
            res['rows'][m.group(1)] = {k: float(v) for k, v in (f.split('=') for f in m.group(2).split())}
        elif line == 'bench table7 done':
            done = True
        elif line.startswith('# exit status '):
            status = line[len('# exit status '):]
    name = os.path.basename(path)
    for k, v in res['rows'].items():
        if v.get('ok', 1) != 1:
            res['problems'].append('table 7 %s: %s classified a frame to the wrong filter' % (name, k))
    if status not in (None, '0'):
        res['problems'].append('table 7 %s: pmaxsim exit status %s' % (name, status))
    if not done:
        res['problems'].append('table 7 %s: the run did not finish (no "bench table7 done")' % name)
    for k in ROWS:
        if k not in res['rows']:
            res['problems'].append('table 7 %s: no %s line' % (name, k))
    return res


def parse(logs):
    return {m: parse_log(log_path(logs, m)) for m in MODELS}


def scale(d):
    """-> sorted [(filters, dpf us, mpf us)] from the dpf_nN / mpf_nN lines."""
    pts = {}
    for k, v in d['rows'].items():
        m = re.match(r'^(dpf|mpf)_n(\d+)$', k)
        if m:
            pts.setdefault(int(m.group(2)), {})[m.group(1)] = v['us']
    return sorted((n, p.get('dpf'), p.get('mpf')) for n, p in pts.items())


def fmt(v, nd=2):
    return 'missing' if v is None else ('%.*f' % (nd, v))


def markdown(t7):
    get = lambda m, k, f='us': t7[m]['rows'].get(k, {}).get(f)
    L = ['## Table 7: packet classification, a TCP/IP header to one of ten TCP/IP filters (µs)', '',
         'The paper ran this on a DEC5000/200 (25 MHz R3000), in user space, averaging 10^6 trials; its '
         'MPF and PATHFINDER figures are copied from the PATHFINDER paper. Ours: `bench/dpf/dpfbench.c` '
         'on pmaxsim `-M 5000/200` and `-M 5000/125` (both 25 MHz), bare metal; cycles from the counter '
         'page, µs = cycles / MHz, the loop and the call taken off. The ten filters are TCP connection '
         'filters (Ethernet type IP, protocol TCP, source and destination address, the IHL shift, '
         'source port, destination port; they differ in the destination port) and the frames go to each '
         'in turn. "MPF" here is our own CSPF/MPF-style interpreter (16-bit stack-machine programs, run '
         'filter after filter until one accepts), a measured baseline, not the paper\'s MPF, whose 35 µs '
         '(and PATHFINDER\'s 19) are the "expected" case of the PATHFINDER paper: a hit in their cache of '
         'recently matched filters; ours has no such cache. PATHFINDER has no counterpart here. '
         'The two models give the same figures: both clock 25 MHz, and the loop runs in warm caches.', '',
         '| filter | paper (5000/200) | %s | instructions (%s) |' % (
             ' | '.join('ours %s' % m for m in MODELS), MODELS[0]),
         '|---|---|---|---|---|']
    row = lambda k: ' | '.join([fmt(get(m, k)) for m in MODELS] + [fmt(get(MODELS[0], k, 'insns'), 1)])
    L.append('| MPF (ours: an MPF/CSPF-style interpreter) | %.1f | %s |' % (PAPER['MPF'], row('mpf')))
    L.append('| PATHFINDER | %.1f | n/a | n/a | |' % PAPER['PATHFINDER'])
    L.append('| DPF (ours: the compiled trie) | %.1f | %s |' % (PAPER['DPF'], row('dpf')))
    L.append('| DPF\'s reference interpreter (ours, no paper figure) | | %s |' % row('ref'))
    L.append('')
    d, mp = get(MODELS[0], 'dpf'), get(MODELS[0], 'mpf')
    if d and mp:
        L.append('- ours on the %s: DPF %.1f times faster than the MPF-style interpreter (the paper: %.0f '
                 'times faster than MPF, %.0f than PATHFINDER).' % (MODELS[0], mp / d, PAPER['MPF'] / PAPER['DPF'],
                                                                   PAPER['PATHFINDER'] / PAPER['DPF']))
    L.append('- DPF\'s code for the ten filters: %s instructions; inserting an eleventh filter (it differs '
             'from the others only in a port: an entry of a value table, no recompile): %s µs on the %s, %s µs on '
             'the %s (the paper: %.0f µs); a 101st: %s µs (docs/dpf.md).' % (
                 fmt(get(MODELS[0], 'dpf_words', 'words'), 0), fmt(get(MODELS[0], 'dpf_insert'), 1), MODELS[0],
                 fmt(get(MODELS[1], 'dpf_insert'), 1), MODELS[1], PAPER_INSERT_US,
                 fmt(get(MODELS[0], 'dpf_insert_n100'), 0)))
    pts = scale(t7[MODELS[0]])
    if pts:
        L.append('- against the number of filters (%s, µs, DPF / MPF-style): %s.' % (
            MODELS[0], ', '.join('%d: %s / %s' % (n, fmt(a), fmt(b)) for n, a, b in pts)))
    L += ['- chart: `build/bench/table7.png`', '']
    return L


def write_csv(path, t7):
    with open(path, 'w') as f:
        f.write('model,name,us,cycles,insns\n')
        for m in MODELS:
            for k, v in sorted(t7[m]['rows'].items()):
                f.write('%s,%s,%s,%s,%s\n' % (m, k, v.get('us', ''), v.get('cycles', ''), v.get('insns', '')))


def chart(out, t7):
    """-> (script, gnuplot lines) for OUT/table7.png, or None."""
    series = [(m, scale(t7[m])) for m in MODELS if scale(t7[m])]
    if not series:
        return None
    d = os.path.join(out, 'plots')
    os.makedirs(d, exist_ok=True)
    plots = []
    for i, (m, pts) in enumerate(series):
        dat = os.path.join(d, 'table7-%s.dat' % m.replace('/', '-'))
        with open(dat, 'w') as f:
            f.write('# filters dpf_us mpf_us\n')
            for n, a, b in pts:
                f.write('%d %s %s\n' % (n, '?' if a is None else repr(a), '?' if b is None else repr(b)))
        plots.append('"%s" using 1:2 with linespoints lw 2 pt 7 title "DPF compiled, ours %s"' % (dat, m))
        plots.append('"%s" using 1:3 with linespoints lw 2 pt 5 dt %d title "MPF-style interpreter, ours %s"'
                     % (dat, 2 + i, m))
    out_png = os.path.join(out, 'table7.png')
    gp = ['set terminal pngcairo size 800,520 font "DejaVu Sans,10"',
          'set output "%s"' % out_png,
          'set title "SOSP\'95 Table 7: classifying a TCP/IP header against N TCP/IP filters (µs, log scale)"',
          'set datafile missing "?"', 'set key left top', 'set grid',
          'set xlabel "filters"', 'set ylabel "µs"', 'set logscale y',
          'set label 1 "paper, 10 filters: MPF 35, PATHFINDER 19, DPF 1.5 µs (5000/200)" at graph 0.25, graph 0.3',
          'plot ' + ', '.join(plots) +
          ', "-" using 1:2 with points pt 9 ps 1.5 lc rgb "black" title "paper (MPF, PATHFINDER, DPF)"',
          '10 35', '10 19', '10 1.5', 'e']
    return os.path.join(d, 'table7.gp'), gp


def draw(out, t7):
    """Write the chart; -> (list of PNGs, list of problems)."""
    j = chart(out, t7)
    if j is None:
        return [], []
    png, problem = plots.gnuplot(*j)
    return ([png], []) if png else ([], [problem])
