"""results.py - the report's content as data: each row of rows.TABLES with
the paper's figures, ours and Linux's on each model (or why a cell has no
figure), and the ratios; the extra Aegis paths; Figure 3's curves. Only
measured lines (collect.parse_all) ever fill the "ours" and "Linux" cells."""

from rows import TABLES, EXTRA, P, NA
from collect import MODELS

PAPER_MODEL = '5000/125'   # the paper's DEC5000 is the 5000/125


class Cell:
    """A figure (value, with cycles and instructions when known) or a reason."""
    def __init__(self, value=None, why=None, cycles=None, insns=None, missing=False):
        self.value, self.why, self.cycles, self.insns, self.missing = value, why, cycles, insns, missing


def ratio(a, b):
    if a is None or b is None or a.value is None or b.value is None or b.value == 0:
        return None
    return a.value / b.value


def paper_cell(spec, table, paper):
    if isinstance(spec, NA):
        return Cell(why=spec.why)
    key = (spec.table or table.num, spec.system, spec.bench)
    if key not in paper:
        return Cell(why='not in sosp95.csv: %s' % (key,), missing=True)
    return Cell(paper[key], why=spec.note)


def measured_cell(key, model, data, scale):
    if isinstance(key, NA):
        return Cell(why=key.why)
    d = data[model]['bench'].get(key)
    if d is None:
        return Cell(why='not measured: no line for %s in the logs' % ' '.join(key), missing=True)
    return Cell(d['us'] * scale, cycles=d.get('cycles'), insns=d.get('insns'))


def build(data, paper, every):
    """-> dict with 'tables' (list of (table, [row result])), 'extra',
    'fig3', 't13' (inverted/linear ratios), 'missing' (list of text)."""
    out = {'tables': [], 'extra': [], 'fig3': {}, 'fig2': {}, 't13': [], 'missing': []}
    # Table 11's wire bound: the paper's 60-byte packet is a minimum frame.
    for m in MODELS:
        data[m]['bench'][('calc', 'table11', 'wire')] = {'us': wire_rtt_us(60)}
    for t in TABLES:
        scale = 1e-6 if t.unit == 's' else 1.0
        rows = []
        for r in t.rows:
            res = {'label': r.label, 'note': r.note, 'also': [],
                   'ultrix': paper_cell(r.ultrix, t, paper), 'exo': paper_cell(r.exo, t, paper),
                   'ours': {m: measured_cell(r.ours, m, data, scale) for m in MODELS},
                   'linux': {m: measured_cell(r.linux, m, data, scale) for m in MODELS}}
            for text, key in r.also:
                res['also'].append((text, {m: measured_cell(key, m, data, scale) for m in MODELS}))
            res['ours_paper'] = ratio(res['ours'][PAPER_MODEL], res['exo'])
            # The paper's figure borrowed from another table (Table 13's linear rows).
            res['borrowed'] = isinstance(r.exo, P) and r.exo.table not in (None, t.num)
            res['linux_ours'] = {m: ratio(res['linux'][m], res['ours'][m]) for m in MODELS}
            for col in ('ours', 'linux'):
                for m in MODELS:
                    if res[col][m].missing:
                        out['missing'].append('Table %s %s, %s %s: %s' % (t.num, r.label, col, m, res[col][m].why))
            for col in ('ultrix', 'exo'):
                if res[col].missing:
                    out['missing'].append('Table %s %s, paper %s: %s' % (t.num, r.label, col, res[col].why))
            rows.append(res)
        out['tables'].append((t, rows))
    for label, name, paper_text in EXTRA:
        out['extra'].append((name, paper_text, {m: measured_cell(('aegis', label), m, data, 1.0) for m in MODELS}))
        for m in MODELS:
            if out['extra'][-1][2][m].missing:
                out['missing'].append('%s on %s: %s' % (name, m, out['extra'][-1][2][m].why))
    # Table 13: inverted / linear, ours and the paper's two machines.
    for op in ('dirty', 'prot1', 'prot100', 'unprot100', 'trap', 'appel1', 'appel2'):
        r = {'op': op, 'paper': {}, 'ours': {}}
        for mach in ('DEC2100', 'DEC3100'):
            lin = every.get(('13', mach, 'ExOS-linear', 'vm_' + op))
            inv = every.get(('13', mach, 'ExOS-inverted', 'vm_' + op))
            r['paper'][mach] = inv / lin if lin and inv else None
        for m in MODELS:
            lin = data[m]['bench'].get(('exos', 'table13', op + '-linear'))
            inv = data[m]['bench'].get(('exos', 'table13', op + '-inverted'))
            r['ours'][m] = inv['us'] / lin['us'] if lin and inv and lin['us'] else None
        out['t13'].append(r)
    for m in MODELS:
        out['fig2'][m] = sorted(data[m].get('fig2', []))
        if not out['fig2'][m]:
            out['missing'].append('Figure 2 on %s: no fig2 lines in the logs' % m)
    for m in MODELS:
        pts = sorted(data[m]['fig3'])
        out['fig3'][m] = pts
        if not pts:
            out['missing'].append('Figure 3 on %s: no fig3 lines in the logs' % m)
    return out


def wire_rtt_us(frame_bytes):
    """Two frames of frame_bytes (without the FCS) on 10 Mbit/s Ethernet,
    each with its preamble and SFD (8 bytes) and FCS (4): IEEE 802.3, as
    sim/timing.c's timing_ether. No interframe gap: sim/net.c's
    put_on_wire delivers a frame at its last bit, and the gap only holds
    the next frame off the wire (the answer comes later than 9.6 us)."""
    bits = (8 + max(frame_bytes, 60) + 4) * 8
    return 2 * bits / 10.0


def fig3_deviation(pts):
    """Largest |measured - ideal| of any process at any point, in quanta
    of work (iterations done by then / quanta elapsed); the final shares."""
    worst = 0.0
    for q, meas, ideal in pts:
        tot = sum(meas)
        if tot and q:
            worst = max(worst, max(abs(a - b) for a, b in zip(meas, ideal)) * q / tot)
    last = pts[-1][1] if pts else []
    shares = [x / sum(last) for x in last] if last and sum(last) else []
    return worst, shares
