"""plots.py - bench/report's gnuplot charts in OUT/: tableN.png, one bar
chart per paper table (clusters of bars per row: the paper's Ultrix and
Aegis/ExOS figures, ours and Linux's per model; log scale when the values
span more than a decade and a half), and fig3.png (cumulative iterations
per process against quanta, measured and ideal, one panel per model).
The data and scripts stay beside them in OUT/plots/."""

import os
import subprocess

from collect import MODELS


# One colour per series in every chart.
COLOUR = {'paper Ultrix': '#9400d3', 'paper Aegis': '#009e73', 'paper ExOS': '#009e73',
          'ours 5000/125': '#56b4e9', 'ours 5000/240': '#e69f00',
          'Linux 5000/125': '#f0e442', 'Linux 5000/240': '#0072b2'}


def q(s):
    return '"%s"' % s.replace('"', "'")


def table_chart(out, t, rows):
    series = [('paper Ultrix', lambda r: r['ultrix']), ('paper ' + t.exo_name, lambda r: r['exo'])]
    series += [('ours ' + m, lambda r, m=m: r['ours'][m]) for m in MODELS]
    series += [('Linux ' + m, lambda r, m=m: r['linux'][m]) for m in MODELS]
    # Only the series with a figure in some row.
    series = [s for s in series if any(s[1](r).value is not None for r in rows)]
    vals = [s[1](r).value for r in rows for s in series if s[1](r).value is not None]
    if not vals:
        return None
    log = min(vals) > 0 and max(vals) / min(vals) > 30
    d = os.path.join(out, 'plots')
    dat = os.path.join(d, 'table%s.dat' % t.num)
    with open(dat, 'w') as f:
        f.write('row ' + ' '.join(q(s[0]) for s in series) + '\n')
        for r in rows:
            f.write(q(r['label']) + ' ' + ' '.join(
                '?' if s[1](r).value is None else repr(s[1](r).value) for s in series) + '\n')
    unit = 'µs' if t.unit == 'us' else 's'
    width = min(1600, max(700, 300 + 20 * len(series) * len(rows)))
    gp = ['set terminal pngcairo size %d,520 font "DejaVu Sans,10"' % width,
          'set output %s' % q(os.path.join(out, 'table%s.png' % t.num)),
          'set title %s' % q('SOSP\'95 Table %s: %s (%s%s)' % (t.num, t.title, unit, ', log scale' if log else '')),
          'set datafile missing "?"', 'set style data histogram',
          'set style histogram cluster gap 1', 'set style fill solid 0.8 border -1',
          'set boxwidth 0.9', 'set key outside right top vertical', 'set grid ytics',
          'set ylabel %s' % q(unit), 'set xtics rotate by -25 left noenhanced',
          'set yrange [%s:*]' % (repr(min(vals) / 2) if log else '0'),
          'set logscale y' if log else 'unset logscale y',
          # The paper's figures hatched, ours and Linux's solid.
          'plot ' + ', '.join('%s using %d%s title columnheader(%d) lc rgb "%s"%s' % (
              q(dat), i + 2, ':xtic(1)' if i == 0 else '', i + 2, COLOUR.get(s[0], '#808080'),
              ' fs pattern %d border -1' % (4 + i) if s[0].startswith('paper') else '')
              for i, s in enumerate(series))]
    return os.path.join(d, 'table%s.gp' % t.num), gp


def fig3_chart(out, fig3):
    d = os.path.join(out, 'plots')
    plots = []
    for m in MODELS:
        pts = fig3[m]
        if not pts:
            continue
        dat = os.path.join(d, 'fig3-%s.dat' % m.replace('/', '-'))
        with open(dat, 'w') as f:
            f.write('# quantum measured1 measured2 measured3 ideal1 ideal2 ideal3 (thousands)\n')
            for qu, meas, ideal in pts:
                f.write('%d %s %s\n' % (qu, ' '.join('%.3f' % (x / 1000) for x in meas),
                                        ' '.join('%.3f' % (x / 1000) for x in ideal)))
        plots.append((m, dat, len(pts[0][1])))
    if not plots:
        return None
    gp = ['set terminal pngcairo size %d,500 font "DejaVu Sans,10"' % (600 * len(plots)),
          'set output %s' % q(os.path.join(out, 'fig3.png')),
          'set multiplot layout 1,%d title "Figure 3: stride scheduler, three processes with shares 3:2:1"' % len(plots),
          'set xlabel "time (quanta)"', 'set ylabel "cumulative iterations (thousands)"',
          'set key left top', 'set grid']
    share = ['3', '2', '1']
    for m, dat, n in plots:
        gp.append('set title %s' % q('ours on pmaxsim ' + m))
        gp.append('plot ' + ', '.join(
            ['%s using 1:%d with linespoints lt %d pt 7 ps 0.6 title "measured, share %s"' % (q(dat), 2 + i, i + 1, share[i % 3])
             for i in range(n)] +
            ['%s using 1:%d with lines lt %d dt 2 lw 2 title "ideal, share %s"' % (q(dat), 2 + n + i, i + 1, share[i % 3])
             for i in range(n)]))
    gp.append('unset multiplot')
    return os.path.join(d, 'fig3.gp'), gp


def fig2_chart(out, fig2):
    d = os.path.join(out, 'plots')
    dat = os.path.join(d, 'fig2.dat')
    cols = [m for m in MODELS if fig2.get(m)]
    if not cols:
        return None
    by = {}
    for i, m in enumerate(cols):
        for k, ash, us in fig2[m]:
            by.setdefault(k, {})[(i, ash)] = us
    with open(dat, 'w') as f:
        f.write('# procs %s (us)\n' % ' '.join('%s-ash %s-noash' % (m, m) for m in cols))
        for k in sorted(by):
            f.write('%d %s\n' % (k, ' '.join('%s %s' % (by[k].get((i, 1), 'NaN'), by[k].get((i, 0), 'NaN'))
                                            for i in range(len(cols)))))
    gp = ['set terminal pngcairo size 800,500 font "DejaVu Sans,10"',
          'set output %s' % q(os.path.join(out, 'fig2.png')),
          'set title "Figure 2: UDP round trip of a 60-byte frame against active processes on the receiving machine"',
          'set xlabel "active (spinning) processes on the receiving machine"',
          'set ylabel "round trip (us, log scale)"', 'set logscale y', 'set key left top', 'set grid',
          'set xrange [0.5:10.5]']
    series = []
    for i, m in enumerate(cols):
        series.append('%s using 1:%d with linespoints lt %d pt 7 title "ExOS with ASH, %s"' % (q(dat), 2 + 2 * i, 1 + i, m))
        series.append('%s using 1:%d with linespoints lt %d pt 5 dt 2 title "ExOS without ASH, %s"' % (q(dat), 3 + 2 * i, 1 + i, m))
    gp.append('plot ' + ', '.join(series))
    return os.path.join(d, 'fig2.gp'), gp


def gnuplot(script, lines):
    """Write the gnuplot lines (the second one "set output PNG") to script
    and run it; -> (PNG, None) or (None, the problem)."""
    with open(script, 'w') as f:
        f.write('\n'.join(lines) + '\n')
    png = lines[1].split(' ', 2)[2].strip('"')
    if os.path.exists(png):
        os.remove(png)
    p = subprocess.run(['gnuplot', script], stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    if p.returncode != 0 or not os.path.exists(png) or os.path.getsize(png) == 0:
        return None, 'gnuplot %s failed: %s' % (script, p.stdout.decode(errors='replace').strip()[-300:])
    return png, None


def draw(out, res):
    """Write the charts; -> (list of PNGs written, list of problems)."""
    os.makedirs(os.path.join(out, 'plots'), exist_ok=True)
    jobs = [table_chart(out, t, rows) for t, rows in res['tables']] + [fig3_chart(out, res['fig3']),
                                                                       fig2_chart(out, res.get('fig2', {}))]
    made, problems = [], []
    for j in jobs:
        if j is None:
            continue
        png, problem = gnuplot(*j)
        if png:
            made.append(png)
        else:
            problems.append(problem)
    return made, problems
