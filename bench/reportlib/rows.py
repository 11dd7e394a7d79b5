"""rows.py - what bench/report puts in each table: for every row of the
SOSP'95 tables we reproduce, where the paper's figures are (bench/paper/
sosp95.csv, DEC5000/125 rows) and which measured line fills "ours" and
"Linux", or why a cell cannot be measured. Keys of measured lines:
  ('aegis', LABEL)        the kernel image's "bench LABEL C cycles I instructions"
  ('exos', TABLE, NAME)   an ExOS program's "bench TABLE NAME us=... cycles=..."
  ('linux', TABLE, NAME)  bench/posix on Linux: "bench TABLE NAME us=... iters=..."
                          (Table 11's from bench/linux/nettest.c, two machines)
"""


class P:
    """The paper's DEC5000/125 figure: table, system, benchmark (sosp95.csv)."""
    def __init__(self, system, bench, table=None, note=None):
        self.system, self.bench, self.table, self.note = system, bench, table, note


class NA:
    """A cell with no figure, and why."""
    def __init__(self, why):
        self.why = why


class Row:
    def __init__(self, label, ultrix, exo, ours, linux, note=None, also=()):
        # also: (text, linux key) pairs shown in the note, e.g. a variant.
        self.label, self.ultrix, self.exo, self.ours, self.linux = label, ultrix, exo, ours, linux
        self.note, self.also = note, also


class Table:
    def __init__(self, num, title, unit, rows, notes=(), exo_name='Aegis'):
        self.num, self.title, self.unit, self.rows = num, title, unit, rows
        self.notes, self.exo_name = notes, exo_name


def aegis(label):
    return ('aegis', label)


NO_ULTRIX_UNALIGN = NA('Ultrix fixes unaligned accesses itself (n/a in the paper)')
NO_ULTRIX_COPROC = NA('Ultrix does not let applications disable the coprocessor (n/a in the paper)')
LINUX_DISPATCH = 'Linux: fault to the first statement of the signal handler, as ours; '


def exc_row(label, name, ultrix, ours_label):
    return Row(label, ultrix, P('Aegis', 'exc_' + name), aegis(ours_label),
               ('linux', 'table5', name + '_dispatch'),
               also=[(LINUX_DISPATCH + 'with the handler\'s return', ('linux', 'table5', name))])


VM_OPS = [('dirty', 'ask whether a random page is dirty'),
          ('prot1', 'protect one page'),
          ('prot100', 'read-protect 100 pages'),
          ('unprot100', 'unprotect 100 pages'),
          ('trap', 'take and handle a protection fault'),
          ('appel1', 'prot1 + trap + unprot, per page'),
          ('appel2', 'protN + trap + unprot, per page')]


def vm_linux(op):
    if op == 'dirty':
        return NA('no POSIX or Linux call reports a page\'s dirty bit')
    return ('linux', 'table10', op)


def vm_ultrix(op):
    if op == 'dirty':
        return NA('Ultrix has no such call (n/a in the paper)')
    return P('Ultrix', 'vm_' + op)


TABLES = [
    Table('4', 'Null procedure call and null system call', 'us', [
        Row('procedure call', P('Ultrix', 'procedure_call'), P('Aegis', 'procedure_call'),
            ('exos', 'table4', 'proc_call'), ('linux', 'table4', 'proc_call'),
            note='ours: an ExOS program (exos/bin/matrix.c), loop included'),
        Row('null syscall, no-stack path', P('Ultrix', 'syscall_getpid'), P('Aegis', 'syscall_nostack'),
            aegis('null syscall, no-stack path (getenvid)'), ('linux', 'table4', 'getpid'),
            note='ours: getenvid; Ultrix and Linux: getpid'),
        Row('null syscall, with-stack path', P('Ultrix', 'syscall_getpid'), P('Aegis', 'syscall_stack'),
            aegis('null syscall, with-stack path'), ('linux', 'table4', 'getpid'),
            note='Ultrix and Linux: getpid'),
    ]),
    Table('5', 'Exception dispatch (exception to the user handler)', 'us', [
        exc_row('unalign', 'unalign', NO_ULTRIX_UNALIGN, 'exception dispatch, unaligned load'),
        exc_row('overflow', 'overflow', P('Ultrix', 'exc_overflow'), 'exception dispatch, overflow'),
        exc_row('coproc', 'coproc', NO_ULTRIX_COPROC, 'exception dispatch, coprocessor 1 unusable'),
        exc_row('prot', 'prot', P('Ultrix', 'exc_prot'), 'exception dispatch, write to a read-only page'),
    ]),
    Table('6', 'Protected control transfer, one way', 'us', [
        Row('PCT one way', NA('the paper compares with L3 (9.3 us, scaled), not Ultrix'), P('Aegis', 'pct_oneway'),
            aegis('PCT one way'), NA('Linux has no protected control transfer'),
            note='half a round trip, with the loop\'s decrement and branch, as the paper measured'),
    ]),
    Table('8', 'IPC (pipe and shm one way, lrpc round trip)', 'us', [
        Row('pipe', P('Ultrix', 'ipc_pipe'), P('ExOS', 'ipc_pipe'),
            ('exos', 'table8', 'ipc_pipe'), ('linux', 'table8', 'pipe')),
        Row("pipe' (inlined)", NA('n/a in the paper'), P('ExOS', 'ipc_pipe_inline'),
            ('exos', 'table8', 'ipc_pipe_inline'), NA('inlining the pipe into the caller needs a library OS')),
        Row('shm', P('Ultrix', 'ipc_shm'), P('ExOS', 'ipc_shm'),
            ('exos', 'table8', 'ipc_shm'), ('linux', 'table8', 'shm_signal'),
            note='Linux: hand-over by signals, as the paper emulated yield on Ultrix',
            also=[('Linux with sched_yield', ('linux', 'table8', 'shm_yield'))]),
        Row('lrpc', NA('n/a in the paper'), P('ExOS', 'ipc_lrpc'),
            ('exos', 'table8', 'ipc_lrpc'), ('linux', 'table8', 'lrpc_pipe'),
            note='Linux: emulated with pipes'),
    ], exo_name='ExOS'),
    Table('9', '150x150 integer matrix multiply', 's', [
        Row('matrix 150x150', P('Ultrix', 'matrix_150x150_int'), P('ExOS', 'matrix_150x150_int'),
            ('exos', 'table9', 'matrix150'), ('linux', 'table9', 'matrix150'),
            note='the same C code on ExOS (heap pages in its own page table) and Linux'),
    ], exo_name='ExOS'),
    Table('10', 'Virtual memory (Appel and Li), ExOS with its linear page table', 'us', [
        Row(op, vm_ultrix(op), P('ExOS', 'vm_' + op), ('exos', 'table10', op), vm_linux(op), note=what)
        for op, what in VM_OPS
    ], exo_name='ExOS'),
    Table('11', 'Round trip of a 60-byte packet between two machines: an 18-byte UDP message, a minimum '
          'Ethernet frame (4096 ping-pongs)', 'us', [
        Row('udp round trip', P('Ultrix', 'udp_roundtrip_60B'), P('ExOS', 'udp_roundtrip_60B'),
            ('exos', 'table11', 'udp_rtt'), ('linux', 'table11', 'udp_rtt'),
            note='ours: two ExOS machines, exos/bin/udprtt.c on ExOS\'s library stack (exos/net/), the '
                 'server a program polling its ring; Linux: two Linux 6.1 machines on pmaxsim\'s 10 Mbit/s '
                 'segment, user processes incrementing a counter each way (bench/linux/nettest.c, the same '
                 'messages)'),
        Row('udp round trip, server\'s ASH', NA('Ultrix has no ASHs'), P('ExOS+ASH', 'udp_roundtrip_60B'),
            ('exos', 'table11', 'udp_rtt_ash'), NA('Linux has no ASHs'),
            note='the ExOS server\'s counter messages answered by its UDP ASH (exos/net/udp_ash.S) inside '
                 'Aegis; the client is the same program'),
        Row('the wire\'s lower bound', NA('not in the paper'), NA('not in the paper'),
            ('calc', 'table11', 'wire'), NA('the same wire'),
            note='computed, not measured: 2 x (8 preamble + 60 frame + 4 FCS bytes) x 8 bits at 10 Mbit/s, '
                 'sim/timing.c\'s Ethernet model (sim/net.c delivers a frame at its last bit; the 9.6 us '
                 'interframe gap only delays the next frame on the wire, and the answer comes later)'),
        Row('udp round trip, 60 bytes of UDP data (102-byte frames)', NA('not the paper\'s message'),
            NA('not the paper\'s message'), ('exos', 'table11', 'udp_rtt_60data'), NA('not run on Linux'),
            note='informational, no ratio: the message Table 11 sent before it followed the paper\'s '
                 'definition (udprtt len=60: 60 bytes of UDP data, 42 more bytes a frame each way, 67.2 us '
                 'more wire a round trip); the paper\'s "60-byte packet" is the whole frame'),
        Row('raw frame, answered by an ASH', NA('not in the paper'),
            NA('not in the paper: no UDP, the frame\'s bytes only'), aegis('ash_rtt'),
            NA('Linux has no ASHs'),
            note='what an ASH saves, without a protocol stack: a 60-byte frame (the UDP message\'s) '
                 'between two Aegis machines, answered by a handler in the kernel '
                 'that copies it, swaps addresses and ports, adds one to a counter and sends it '
                 '(aegis/tests/net/netash.c, ash_echo.S; 200 round trips, the peer times them)'),
        Row('raw frame, answered by a program', NA('not in the paper'),
            NA('not in the paper: no UDP, the frame\'s bytes only'), aegis('poll_rtt'),
            NA('see the udp round trip'),
            note='the same frame answered by the program itself, polling its receive ring'),
    ], notes=['The paper\'s "60-byte packet" (SOSP\'95 section 6.3: "a counter in a 60-byte UDP/IP packet") '
              'is a minimum Ethernet frame: 14 + 20 + 8 header bytes and 18 bytes of UDP data, 60 bytes '
              'before the FCS; the same group\'s DPF paper (SIGCOMM\'96, Table 4) describes its UDP latency '
              'test as a "60-byte message with 4-byte payload". Ours and Linux\'s send that message.'],
        exo_name='ExOS'),
    Table('12', 'Untrusted and trusted LRPC (round trip)', 'us', [
        Row('lrpc', NA('not in the paper\'s table'), P('ExOS', 'ipc_lrpc'),
            ('exos', 'table12', 'ipc_lrpc'), ('linux', 'table8', 'lrpc_pipe'),
            note='Linux: emulated with pipes (Table 8\'s)'),
        Row('tlrpc', NA('not in the paper\'s table'), P('ExOS', 'ipc_tlrpc'),
            ('exos', 'table12', 'ipc_tlrpc'), NA('a server trusted to save registers has no POSIX form'),
            note='the server saves the callee-saved registers itself'),
    ], exo_name='ExOS'),
    Table('13', 'ExOS page tables: linear and inverted', 'us', [
        Row('%s, %s' % (op, kind), NA('not in the paper\'s table'),
            P('ExOS', 'vm_' + op, table='10', note="Table 10's ExOS figure (the same page table)")
            if kind == 'linear' else
            NA('the paper prints no DEC5000 row for Table 13'),
            ('exos', 'table13', '%s-%s' % (op, kind)),
            NA('ExOS\'s page-table layouts; Linux\'s figures are in Table 10'))
        for op, _ in VM_OPS for kind in ('linear', 'inverted')
    ], notes=['The paper prints Table 13 for the DEC2100 and DEC3100 only; its "original" rows equal '
              'Table 10\'s ExOS rows, so the linear rows show Table 10\'s DEC5000/125 figure. '
              'The inverted/linear ratios below compare with the paper\'s DEC3100 rows.'],
        exo_name='ExOS'),
]

# Aegis paths the paper describes without a table (paper column: its text).
EXTRA = [
    ('STLB hit (TLB miss refilled)', 'STLB hit, TLB miss refilled', '18 instructions'),
    ('yield one way (ping-pong, loop included)', 'yield one way, ping-pong loop included', 'no figure'),
]
