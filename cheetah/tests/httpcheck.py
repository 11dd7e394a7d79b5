#!/usr/bin/env python3
# cheetah/tests/httpcheck.py - the HTTP checks of cheetah/tests/http-test,
# against a server at 127.0.0.1:PORT serving ROOT/site (mktestsite's
# folder, so every body is compared with the file byte for byte): curl
# for what a browser does (GET, HEAD, keep-alive over HTTP/1.1, 404), a
# raw socket for what a hostile client does (malformed requests, a 64 KB
# request line, a head that never ends, 200 idle connections, ".." and
# "%2e%2e", a client that vanishes mid-transfer). After each hostile one
# the server must answer a normal GET. Prints TAP.
#   httpcheck.py PORT ROOT
import os, select, socket, struct, subprocess, sys, tempfile, time

port, root = int(sys.argv[1]), sys.argv[2]
site = os.path.join(root, 'site')
secret = open(os.path.join(root, 'secret.txt'), 'rb').read().strip()
n = failed = 0


def check(ok, what):
    global n, failed
    n += 1
    failed += not ok
    print('%s %d - http: %s' % ('ok' if ok else 'not ok', n, what), flush=True)


def curl(*args):
    return subprocess.run(['curl', '-s', '--max-time', '30'] + list(args),
                          capture_output=True)


def conn(timeout=30):
    return socket.create_connection(('127.0.0.1', port), timeout=timeout)


def read_all(s, limit=1 << 20):
    got = b''
    try:
        while len(got) < limit:
            d = s.recv(65536)
            if not d:
                break
            got += d
    except OSError:
        pass
    return got


def raw(req, timeout=30):
    """One request on its own connection; the whole answer (to the close)."""
    s = conn(timeout)
    try:
        s.sendall(req)
        return read_all(s)
    except OSError:
        return b''
    finally:
        s.close()


def status(resp):
    parts = resp.split(b' ', 2)
    return int(parts[1]) if len(parts) > 1 and parts[0].startswith(b'HTTP/1.') and parts[1].isdigit() else None


def normal_get(after):
    r = curl('-o', '-', '-w', '%{http_code}', 'http://127.0.0.1:%d/index.html' % port)
    want = open(os.path.join(site, 'index.html'), 'rb').read()
    check(r.stdout == want + b'200', 'after %s the server answers a normal GET' % after)


# Wait for the forward to reach the guest (the bridge accepts at once).
for _ in range(60):
    if curl('-o', '/dev/null', 'http://127.0.0.1:%d/' % port).returncode == 0:
        break
    time.sleep(0.5)

# Every file: status, Content-Length, body byte for byte.
names = sorted(os.path.relpath(os.path.join(d, f), site)
               for d, _, fs in os.walk(site) for f in fs)
for name in names + ['']:
    want = open(os.path.join(site, name or 'index.html'), 'rb').read()
    with tempfile.NamedTemporaryFile() as body:
        r = curl('-D', '-', '-o', body.name, 'http://127.0.0.1:%d/%s' % (port, name))
        head = r.stdout.decode('latin-1')
        got = open(body.name, 'rb').read()
    clen = [l.split(':', 1)[1].strip() for l in head.split('\r\n')
            if l.lower().startswith('content-length:')]
    check(head.startswith('HTTP/1.0 200 ') and clen == [str(len(want))] and got == want,
          'GET /%s: 200, Content-Length %d, the bytes of the file (got %s, %s, %d bytes)'
          % (name, len(want), head.split('\r\n')[0], clen, len(got)))

# HEAD: the length, no body.
r = curl('-I', 'http://127.0.0.1:%d/k10.bin' % port)
check(b'200 OK' in r.stdout and b'Content-Length: 10240\r\n' in r.stdout and r.stdout.endswith(b'\r\n\r\n'),
      'HEAD /k10.bin: 200, Content-Length 10240, no body')

# Last-Modified and If-Modified-Since (RFC 7232 3.3): the date the GET
# gave gets 304 and no body; another date gets the document.
resp = raw(b'GET /k1.html HTTP/1.0\r\n\r\n')
lm = [l.split(b':', 1)[1].strip() for l in resp.split(b'\r\n\r\n')[0].split(b'\r\n')
      if l.lower().startswith(b'last-modified:')]
r304 = raw(b'GET /k1.html HTTP/1.0\r\nIf-Modified-Since: %s\r\n\r\n'
           % (lm[0] if lm else b'Thu, 01 Jan 1970 00:00:00 GMT'))
rold = raw(b'GET /k1.html HTTP/1.0\r\nIf-Modified-Since: Thu, 01 Jan 1970 00:00:00 GMT\r\n\r\n')
want = open(os.path.join(site, 'k1.html'), 'rb').read()
check(len(lm) == 1 and status(r304) == 304 and r304.endswith(b'\r\n\r\n') and
      status(rold) == 200 and rold.endswith(b'\r\n\r\n' + want),
      'Last-Modified %s: If-Modified-Since it gets 304 and no body (got %s, %d bytes), '
      'another date the document' % (lm, r304[:30], len(r304)))

# Keep-alive: curl --http1.1 with two URLs on one connection.
with tempfile.TemporaryDirectory() as t:
    r = curl('-v', '--http1.1', '-o', t + '/a', 'http://127.0.0.1:%d/k1.html' % port,
             '-o', t + '/b', 'http://127.0.0.1:%d/k10.bin' % port)
    err = r.stderr.decode('latin-1')
    ok = os.path.exists(t + '/b') and \
        open(t + '/a', 'rb').read() == open(os.path.join(site, 'k1.html'), 'rb').read() and \
        open(t + '/b', 'rb').read() == open(os.path.join(site, 'k10.bin'), 'rb').read()
    reused = 'e-using existing connection' in err or 'eusing existing connection' in err
    check(ok and reused and err.count('Connected to') == 1,
          'curl --http1.1, two URLs: one connection, both bodies right')

# HTTP/1.0 keep-alive: two requests on one socket.
s = conn()
got = b''
for path in ('/b100.txt', '/k1.html'):
    s.sendall(b'GET %s HTTP/1.0\r\nConnection: keep-alive\r\n\r\n' % path.encode())
s.settimeout(10)
want = [open(os.path.join(site, p), 'rb').read() for p in ('b100.txt', 'k1.html')]
while True:
    try:
        d = s.recv(65536)
    except OSError:
        break
    if not d:
        break
    got += d
    if got.endswith(want[1]):
        break
s.close()
check(got.count(b'HTTP/1.0 200 OK') == 2 and want[0] in got and got.endswith(want[1]),
      'HTTP/1.0 with Connection: keep-alive: two pipelined requests on one connection')

# Missing files.
r = curl('-o', '/dev/null', '-w', '%{http_code}', 'http://127.0.0.1:%d/no-such-file.html' % port)
check(r.stdout == b'404', 'a missing file: 404 (got %s)' % r.stdout.decode())
r = curl('-o', '/dev/null', '-w', '%{http_code}', 'http://127.0.0.1:%d/sub/nothing/' % port)
check(r.stdout == b'404', 'a missing folder: 404 (got %s)' % r.stdout.decode())

# Malformed requests.
for req, codes, what in (
        (b'GARBAGE\r\n\r\n', (400,), 'a request line without spaces'),
        (b'GET /\r\n\r\n', (400,), 'HTTP/0.9\'s bare GET'),
        (b'get / HTTP/1.0\r\n\r\n', (400, 501), 'a lower-case method'),
        (b'BREW /pot HTTP/1.0\r\n\r\n', (501,), 'an unknown method'),
        (b'POST / HTTP/1.0\r\nContent-Length: 0\r\n\r\n', (405,), 'POST'),
        (b'GET / HTTP/1.1\r\n\r\n', (400,), 'HTTP/1.1 without Host'),
        (b'GET / HTTP/2.0\r\n\r\n', (505,), 'HTTP/2.0'),
        (b'GET / XTTP/1.0\r\n\r\n', (400,), 'no HTTP version'),
        (b'GET /%zz HTTP/1.0\r\n\r\n', (400,), 'a bad escape'),
        (b'GET /index.html%00.txt HTTP/1.0\r\n\r\n', (400,), '%00 in the path'),
        (b'GET index.html HTTP/1.0\r\n\r\n', (400,), 'a relative path')):
    resp = raw(req)
    check(status(resp) in codes, '%s: %s (got %s)' % (what, codes, resp[:40]))
normal_get('malformed requests')

# A 64 KB request line: 414, or the connection dropped.
s = conn()
try:
    s.sendall(b'GET /' + b'a' * 65536 + b' HTTP/1.0\r\n\r\n')
except OSError:
    pass
resp = read_all(s)
s.close()
check(status(resp) in (414, None) and b'200 OK' not in resp,
      'a 64 KB request line: 414 or dropped (got %s)' % resp[:40])
normal_get('the 64 KB request line')

# Headers that never end: 8 KB of them with no empty line; then a silent one.
s = conn()
try:
    s.sendall(b'GET /index.html HTTP/1.0\r\n' + b'X-Filler: ' + b'y' * 60 + b'\r\n' * 0)
    for _ in range(128):
        s.sendall(b'X-Filler: ' + b'y' * 60 + b'\r\n')
except OSError:
    pass
resp = read_all(s)
s.close()
check(status(resp) in (431, None) and b'200 OK' not in resp,
      'headers past the limit with no end: an error or dropped (got %s)' % resp[:40])
t0 = time.time()
s = conn(60)
s.sendall(b'GET /index.html HTTP/1.0\r\nX-Slow: 1\r\n')
resp = read_all(s)
s.close()
check(resp == b'' and time.time() - t0 < 55,
      'a head that stops coming: dropped after the idle limit (%.1f s host)' % (time.time() - t0))
normal_get('heads that never end')

# ".." and "%2e%2e": never the file beside the site.
leaked = []
codes = []
for path in (b'/../secret.txt', b'/%2e%2e/secret.txt', b'/%2E%2E/secret.txt',
             b'/sub/../../secret.txt', b'/..%2fsecret.txt', b'/%2e%2e%2fsecret.txt',
             b'/sub/%2e%2e/%2e%2e/secret.txt', b'/./../secret.txt'):
    resp = raw(b'GET ' + path + b' HTTP/1.0\r\n\r\n')
    codes.append(status(resp))
    if secret in resp:
        leaked.append(path)
check(not leaked and all(c in (400, 404) for c in codes),
      '".." and "%%2e%%2e" in 8 paths: never the secret beside the site (statuses %s, leaked %s)'
      % (codes, leaked))
normal_get('".." paths')

# 12 idle connections (more than the server's 8 slots) held while a GET
# comes: the longest silent is dropped for it. (Not yet: the 200:
# ExOS's TCP has 16 connections a machine and keeps each closed one 2 s in
# TIME_WAIT, so 200 queue at the bridge for minutes; with 150 the next GET
# was not served within 60 s.)
idle = []
for _ in range(12):
    try:
        s = conn(5)
        s.sendall(b'GET /index.html HTTP/1.1\r\n')   # a head never finished
        idle.append(s)
    except OSError:
        break
time.sleep(2)
r = curl('--max-time', '30', '-o', '-', '-w', '%{http_code}', 'http://127.0.0.1:%d/k1.html' % port)
check(len(idle) == 12 and r.stdout == open(os.path.join(site, 'k1.html'), 'rb').read() + b'200',
      '%d idle connections held: a GET is still served' % len(idle))
for s in idle:
    s.close()
normal_get('idle connections')

# 200 idle connections held WHILE another client is served (issue 19's
# "hundreds of idle connections"): each opened through pmaxsim's bridge
# (it listens with a backlog of 256, sim/hostbridge.c) and sent half a
# request (every other one) or nothing, IDLE_GAP apart; all kept open while a GET comes on a new connection, its bytes
# checked; then the idle ones complete their requests, IDLE_BATCH at a
# time, and each must get its document byte for byte or have been closed
# by the server (its idle limit, or a server with fewer slots dropping
# the longest silent): none left hanging, and the server answers the
# next client after. (Paced, and in batches: 200 connections or segments
# at once from the host overflow the guest's 16-slot receive ring and
# wait for slirp's retransmissions, 1 to 6 s apart: docs/cheetah.md.)
IDLE_N, IDLE_DOC, IDLE_GAP, IDLE_BATCH = 200, 'b100.txt', 0.01, 10
want_idle = open(os.path.join(site, IDLE_DOC), 'rb').read()
held = []
t0 = time.time()
while len(held) < IDLE_N and time.time() - t0 < 15:
    try:
        s = conn(5)
        if len(held) % 2 == 0:
            s.sendall(b'GET /%s HTTP/1.0\r\n' % IDLE_DOC.encode())
        held.append(s)
    except OSError:
        break
    time.sleep(IDLE_GAP)
t_open = time.time() - t0
t0 = time.time()
s = conn(30)
s.sendall(b'GET /k1.html HTTP/1.0\r\n\r\n')
resp = read_all(s)
s.close()
t_get = time.time() - t0
want = open(os.path.join(site, 'k1.html'), 'rb').read()
check(len(held) == IDLE_N and status(resp) == 200 and resp.endswith(b'\r\n\r\n' + want),
      '%d idle connections held (opened in %.1f s host): a GET on another is served '
      'byte for byte in %.1f s host (got %s)' % (len(held), t_open, t_get, resp[:40]))


def complete(batch, deadline):
    """Finish the requests of held[batch]; {index: whole answer}, None
    for one still open at the deadline (host time)."""
    got = {}
    for i in batch:
        try:
            held[i].sendall(b'\r\n' if i % 2 == 0 else b'GET /%s HTTP/1.0\r\n\r\n' % IDLE_DOC.encode())
            held[i].setblocking(False)
            got[i] = b''
        except OSError:
            got[i] = None		# closed by the server before: nothing to read
    out = {i: b'' for i, g in got.items() if g is None}
    while got and time.time() < deadline:
        open_ = [i for i, g in got.items() if g is not None and i not in out]
        if not open_:
            break
        for s in select.select([held[i] for i in open_], [], [], 1)[0]:
            i = held.index(s)
            try:
                d = s.recv(65536)
            except BlockingIOError:
                continue
            except OSError:
                d = b''
            if d:
                got[i] += d
            else:
                out[i] = got[i]
    for i in batch:
        out.setdefault(i, None)
    return out


done = {}
t0 = time.time()
for k in range(0, len(held), IDLE_BATCH):
    if time.time() - t0 > 25:
        break
    done.update(complete(range(k, min(k + IDLE_BATCH, len(held))), t0 + 30))
t_done = time.time() - t0
served = sum(1 for r in done.values() if r is not None and status(r) == 200 and r.endswith(b'\r\n\r\n' + want_idle))
closed = sum(1 for r in done.values() if r is not None and (r == b'' or status(r) in (408, 503)))
hung = sum(1 for r in done.values() if r is None) + len(held) - len(done)
for s in held:
    s.close()
check(len(held) == IDLE_N and served + closed == len(held),
      'then completed %d at a time: %d served byte for byte, %d closed by the server, %d wrong, '
      '%d left hanging (%.1f s host)' % (IDLE_BATCH, served, closed, len(held) - served - closed - hung,
                                          hung, t_done))
normal_get('%d idle connections held' % len(held))

# A client that vanishes mid-transfer (a reset after 1000 bytes of 100 KB).
for _ in range(2):
    s = conn()
    s.sendall(b'GET /k100.bin HTTP/1.0\r\n\r\n')
    got = b''
    while len(got) < 1000:
        d = s.recv(1000)
        if not d:
            break
        got += d
    s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack('ii', 1, 0))
    s.close()
normal_get('two clients vanished mid-transfer')

print('1..%d' % n)
sys.exit(1 if failed else 0)
