"""render.py - bench/report's outputs from results.build(): the Markdown
report (one table per paper table, a 5000/125 summary, where we are slower
than the paper, Figure 3, problems) and the same data as CSV."""

import csv

from collect import MODELS
from results import PAPER_MODEL, fig3_deviation


def num(v):
    if v is None:
        return ''
    a = abs(v)
    if a >= 1000:
        return '%.0f' % v
    if a >= 100:
        return '%.1f' % v
    if a >= 10:
        return '%.1f' % v
    return '%.2f' % v if a >= 0.1 else '%.3f' % v


def rat(v):
    return '' if v is None else ('%.2f' % v if v < 10 else '%.1f' % v)


def cell(c, cycles=False):
    if c.value is None:
        return 'missing' if c.missing else 'n/a'
    s = num(c.value)
    if cycles and c.cycles is not None and c.cycles < 1000000:
        s += ' (%d cy)' % c.cycles
    return s


def why_notes(t, rows):
    """The reasons for empty cells (one line per reason, naming its rows),
    then each row's note and its extra figures."""
    whys = {}
    for r in rows:
        cols = [('paper Ultrix', r['ultrix']), ('paper ' + t.exo_name, r['exo'])]
        cols += [('ours ' + m, r['ours'][m]) for m in MODELS] + [('Linux ' + m, r['linux'][m]) for m in MODELS]
        for col, c in cols:
            if c.why:
                whys.setdefault((col.split()[0] if col.split()[0] in ('ours', 'Linux') else col, c.why), []).append(
                    (r['label'], col))
    notes = []
    for (col, why), where in whys.items():
        labels = list(dict.fromkeys(l for l, _ in where))
        cols = list(dict.fromkeys(c for _, c in where))
        rowtext = 'every row' if len(rows) > 1 and len(labels) == len(rows) else '; '.join(labels)
        if col in ('ours', 'Linux'):
            col = col if len(cols) == len(MODELS) else ' and '.join(cols)
        notes.append('%s (%s): %s' % (rowtext, col, why))
    for r in rows:
        if r['note']:
            notes.append('%s: %s' % (r['label'], r['note']))
        for text, cells in r['also']:
            notes.append('%s: %s: %s' % (r['label'], text, ', '.join(
                '%s %s' % (cell(cells[m]), m) for m in MODELS)))
    return notes


def table_md(t, rows):
    unit = 'µs' if t.unit == 'us' else 's'
    L = ['## Table %s: %s (%s)' % (t.num, t.title, unit), '',
         '| | paper Ultrix | paper %s | %s | %s | ours/paper | %s |' % (
             t.exo_name, ' | '.join('ours %s' % m for m in MODELS),
             ' | '.join('Linux %s' % m for m in MODELS),
             ' | '.join('Linux/ours %s' % m for m in MODELS)),
         '|---' * (4 + 3 * len(MODELS)) + '|']
    for r in rows:
        L.append('| %s | %s | %s | %s | %s | %s | %s |' % (
            r['label'], cell(r['ultrix']), cell(r['exo']),
            ' | '.join(cell(r['ours'][m], True) for m in MODELS),
            ' | '.join(cell(r['linux'][m]) for m in MODELS), rat(r['ours_paper']),
            ' | '.join(rat(r['linux_ours'][m]) for m in MODELS)))
    L.append('')
    L += ['- ' + n for n in list(t.notes) + why_notes(t, rows)]
    L += ['- chart: `build/bench/table%s.png`' % t.num, '']
    return L


def summary_md(res):
    L = ['## Summary on the %s (the paper\'s DEC5000)' % PAPER_MODEL, '',
         'Units: µs, except Table 9 (s). "paper" columns are the paper\'s figures; '
         '"ours" and "Linux" are measured on pmaxsim.', '',
         '| table | row | paper Ultrix | paper Aegis/ExOS | ours | Linux | ours/paper | Linux/ours |',
         '|---|---|---|---|---|---|---|---|']
    for t, rows in res['tables']:
        for r in rows:
            L.append('| %s | %s | %s | %s | %s | %s | %s | %s |' % (
                t.num, r['label'], cell(r['ultrix']), cell(r['exo']), cell(r['ours'][PAPER_MODEL], True),
                cell(r['linux'][PAPER_MODEL]), rat(r['ours_paper']), rat(r['linux_ours'][PAPER_MODEL])))
    return L + ['']


def slower(res):
    out = []
    for t, rows in res['tables']:
        for r in rows:
            if r['ours_paper'] is not None and r['ours_paper'] > 1.0 and not r['borrowed']:
                out.append((t, r))
    return out


def slower_md(res):
    L = ['## Where we are slower than the paper\'s Aegis/ExOS (%s)' % PAPER_MODEL, '']
    s = slower(res)
    for t, r in s:
        o = r['ours'][PAPER_MODEL]
        L.append('- Table %s %s: ours %s%s vs the paper\'s %s: %s times' % (
            t.num, r['label'], num(o.value), ' (%d cycles)' % o.cycles if o.cycles and o.cycles < 1e6 else '',
            num(r['exo'].value), rat(r['ours_paper'])))
    if not s:
        L.append('- none')
    L.append('')
    L.append('(Table 13\'s linear rows are the same runs as Table 10\'s and are not repeated here.)')
    return L + ['']


def t13_md(res):
    L = ['### Table 13: inverted / linear page table (time ratio; below 1: inverted faster)', '',
         '| op | paper DEC2100 | paper DEC3100 | %s |' % ' | '.join('ours %s' % m for m in MODELS),
         '|---' * (3 + len(MODELS)) + '|']
    for r in res['t13']:
        L.append('| %s | %s | %s | %s |' % (r['op'], rat(r['paper']['DEC2100']), rat(r['paper']['DEC3100']),
                                           ' | '.join(rat(r['ours'][m]) or 'missing' for m in MODELS)))
    return L + ['']


def fig3_md(res):
    L = ['## Figure 3: application-level stride scheduler (shares 3:2:1)', '',
         'The paper plots cumulative iterations against quanta and prints no numbers '
         '("ideal" and "measured" nearly coincide). Ultrix and Linux: n/a (an application-level '
         'scheduler needs a directed yield). Chart: `build/bench/fig3.png`.', '',
         '| model | quanta | iterations | largest gap between a measured and its ideal curve | final shares |',
         '|---|---|---|---|---|']
    for m in MODELS:
        pts = res['fig3'][m]
        if not pts:
            L.append('| %s | missing | | | |' % m)
            continue
        worst, shares = fig3_deviation(pts)
        L.append('| %s | %d | %d | %.2f quanta of work | %s (ideal 0.500 : 0.333 : 0.167) |' % (
            m, pts[-1][0], sum(pts[-1][1]), worst, ' : '.join('%.3f' % x for x in shares)))
    return L + ['']


def fig2_md(res):
    """Figure 2: a table and a text chart per model (the PNG is fig2.png)."""
    L = ['## Figure 2: UDP round trip against active processes on the receiving machine', '',
         'The paper plots ExOS with its ASH flat and ExOS without it growing linearly with the number '
         'of active processes on the receiving host (1 to 10, y axis 0 to 3500 us); it prints no point '
         'values. Ours: exos/net/tests/fig2, K active processes on the server\'s machine: the udprtt '
         'server, itself active (it keeps the processor while it waits for a request), and K-1 that spin '
         'and never yield; Aegis gives each a 15.625 ms slice a round, round-robin. Without the ASH the '
         'server answers only in its own slice, request after request (a slice holds about 50 round trips), '
         'and a request that comes in the others\' K-1 slices waits for it: over 4096 round trips a point '
         '(Table 11\'s count, many rounds of the K slices) the average is a round of K slices over the '
         'round trips one slice holds, about K times the round trip at K = 1. With the ASH, Aegis answers '
         'whoever runs: flat. (Points of 32 round trips, 9.5 ms, fitted in one slice and counted the slice '
         'ends that fell in them; exos/net/tests/fig2-check checks the method, docs/network.md.) '
         'Chart: `build/bench/fig2.png`.', '']
    for m in MODELS:
        pts = res['fig2'].get(m) or []
        L.append('### %s' % m)
        L.append('')
        if not pts:
            L += ['missing', '']
            continue
        by = {}
        for k, ash, us in pts:
            by.setdefault(k, {})[ash] = us
        L += ['| active processes | ours with ASH us | ours without ASH us |', '|---|---|---|']
        for k in sorted(by):
            L.append('| %d | %s | %s |' % (k, num(by[k][1]) if 1 in by[k] else 'missing',
                                           num(by[k][0]) if 0 in by[k] else 'missing'))
        # A text chart, log-free: bars scaled to the largest value.
        top = max(us for _, _, us in pts) or 1
        L += ['', '```', 'procs  round trip (A: with ASH, N: without; # = %s us)' % num(top / 50)]
        for k in sorted(by):
            for ash, tag in ((1, 'A'), (0, 'N')):
                if ash in by[k]:
                    L.append('%5s %s %s %s' % (k if ash else '', tag, '#' * max(1, int(round(by[k][ash] / top * 50))),
                                               num(by[k][ash])))
        L += ['```', '']
    return L


def extra_md(res):
    L = ['## Aegis paths the paper gives without a table', '',
         '| path | paper | %s |' % ' | '.join('ours %s µs (cycles, instructions)' % m for m in MODELS),
         '|---' * (2 + len(MODELS)) + '|']
    for name, paper_text, cells in res['extra']:
        L.append('| %s | %s | %s |' % (name, paper_text, ' | '.join(
            'missing' if c.value is None else '%s (%d, %d)' % (num(c.value), c.cycles, c.insns)
            for c in (cells[m] for m in MODELS))))
    return L + ['']


def markdown(res, header, problems):
    L = list(header) + [''] + summary_md(res) + slower_md(res)
    for t, rows in res['tables']:
        L += table_md(t, rows)
        if t.num == '13':
            L += t13_md(res)
    L += res.get('table7_md', [])   # (table7.py: its own models)
    L += fig2_md(res) + fig3_md(res) + extra_md(res)
    L += ['## Problems', '']
    L += ['- ' + p for p in problems] or ['- none: every run finished, every check passed, every cell is filled']
    return '\n'.join(L) + '\n'


def write_csv(path, res):
    cols = ['table', 'row', 'unit', 'paper_ultrix', 'paper_exo']
    for m in MODELS:
        cols += ['ours_' + m, 'cycles_' + m]
    cols += ['linux_' + m for m in MODELS] + ['ours_over_paper'] + ['linux_over_ours_' + m for m in MODELS] + ['note']
    with open(path, 'w', newline='') as f:
        w = csv.writer(f)
        w.writerow(cols)
        v = lambda c: '' if c.value is None else repr(round(c.value, 6))
        for t, rows in res['tables']:
            for r in rows:
                line = [t.num, r['label'], t.unit, v(r['ultrix']), v(r['exo'])]
                for m in MODELS:
                    line += [v(r['ours'][m]), r['ours'][m].cycles if r['ours'][m].cycles is not None else '']
                line += [v(r['linux'][m]) for m in MODELS]
                line += [rat(r['ours_paper'])] + [rat(r['linux_ours'][m]) for m in MODELS]
                line.append('; '.join(why_notes(t, [r])))
                w.writerow(line)
        for name, paper_text, cells in res['extra']:
            line = ['aegis', name, 'us', '', '']
            for m in MODELS:
                line += [v(cells[m]), cells[m].cycles if cells[m].cycles is not None else '']
            w.writerow(line + [''] * (2 * len(MODELS) + 1) + ['paper: ' + paper_text])
        f2 = {}   # (procs, ash) -> {model: us}
        for m in MODELS:
            for k, ash, us in res['fig2'].get(m, []):
                f2.setdefault((k, ash), {})[m] = us
        for (k, ash), vals in sorted(f2.items()):
            line = ['fig2', '%d active processes, %s' % (k, 'with ASH' if ash else 'without ASH'), 'us', '', '']
            for m in MODELS:
                line += [vals.get(m, ''), '']
            w.writerow(line + [''] * (2 * len(MODELS) + 1) + [''])
        fig = {}   # (quantum, process, kind) -> {model: iterations}
        for m in MODELS:
            for q, meas, ideal in res['fig3'][m]:
                for i, (a, b) in enumerate(zip(meas, ideal)):
                    fig.setdefault((q, i + 1, 'measured'), {})[m] = a
                    fig.setdefault((q, i + 1, 'ideal'), {})[m] = b
        for (q, i, kind), vals in sorted(fig.items()):
            line = ['fig3', 'quantum %d process %d %s' % (q, i, kind), 'iterations', '', '']
            for m in MODELS:
                line += [vals.get(m, ''), '']
            w.writerow(line + [''] * (2 * len(MODELS) + 1) + [''])
