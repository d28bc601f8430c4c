#!/usr/bin/python3
"""dialogue.py - run SMTP dialogue scripts (tests/dialogue/*.t) on spamdyke.

Each script starts one spamdyke with one end of a socketpair on fd 0/1 and
the fake qmail-smtpd (fakeqmail) as its backend, plays the client side line
by line and checks the replies, the bytes that reached the backend and the
log lines.  Output is TAP.  The script format is documented in
tests/harness/README.md.

Usage: dialogue.py [--build-dir DIR] [--spamdyke PATH] [--fakeqmail PATH]
                   [--no-spamdyke] [-j N] [-v] [--keep] [SCRIPT.t ...]
"""

import argparse
import concurrent.futures
import os
import random
import re
import select
import shlex
import shutil
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
SRCDIR = os.path.dirname(os.path.dirname(HERE))
DNSSERVER = os.path.join(HERE, 'dnsserver.py')
PYTHON = '/usr/bin/python3'

DEFAULT_TIMEOUT = 5.0       # seconds for one wait (reply, exit, ...)
DEFAULT_LIMIT = 30.0        # seconds for a whole script
REPLY_OPS = ('=>', '=~', '=^')
# directives that read a reply and so may carry expectations
REPLY_DIRECTIVES = ('connect', 'send', 'sendraw', 'sendsplit', 'sendlong',
                    'expect', 'data', 'data-generate', 'tls-connect',
                    'cram-md5')
HEREDOC_DIRECTIVES = ('config', 'file', 'data', 'backend')
SANITIZER_RE = re.compile(r'^==\d+==ERROR: |^SUMMARY: \w+Sanitizer|'
                          r'runtime error: |LeakSanitizer', re.M)
LOG_PREFIX_RE = re.compile(r'^spamdyke\[\d+\]: ')


class ScriptError(Exception):
    """The script itself is malformed."""


class Failure(Exception):
    """An assertion failed; args[0] is a list of diagnostic lines."""

    def __init__(self, lines):
        if isinstance(lines, str):
            lines = [lines]
        super().__init__(lines)
        self.lines = lines


class Skip(Exception):
    """The script asked to be skipped."""


# ---------------------------------------------------------------------------
# parsing

class Step:
    def __init__(self, lineno, name, arg, body=None):
        self.lineno = lineno
        self.name = name
        self.arg = arg          # text after the directive word
        self.body = body        # heredoc lines (list of str) or None
        self.expect = []        # [(op, text, lineno)]

    def where(self):
        return 'line %d: %s %s' % (self.lineno, self.name, self.arg)


INLINE_OP_RE = re.compile(r'(?:^|\s)(=>|=~|=\^)(?:\s|$)')


def split_inline_expect(arg):
    """'EHLO x => 250' -> ('EHLO x', ('=>', '250'))."""
    m = INLINE_OP_RE.search(arg)
    if not m:
        return arg, None
    text = arg[m.end():] if m.end() <= len(arg) else ''
    return arg[:m.start()].rstrip(), (m.group(1), text.strip())


def parse_script(path):
    with open(path, encoding='utf-8', errors='surrogateescape') as f:
        raw = f.read().split('\n')
    if raw and raw[-1] == '':
        raw.pop()
    steps = []
    i = 0
    while i < len(raw):
        lineno = i + 1
        line = raw[i]
        i += 1
        s = line.strip()
        if not s or s.startswith('#'):
            continue
        if s[:2] in REPLY_OPS:
            if not steps or steps[-1].name not in REPLY_DIRECTIVES:
                raise ScriptError('line %d: expectation without a command'
                                  % lineno)
            steps[-1].expect.append((s[:2], s[2:].strip(), lineno))
            continue
        parts = s.split(None, 1)
        name = parts[0]
        arg = parts[1] if len(parts) > 1 else ''
        body = None
        if name in HEREDOC_DIRECTIVES:
            m = re.search(r'(?:^|\s)<<(\w+)$', arg)
            if m:
                marker = m.group(1)
                arg = arg[:m.start()].rstrip()
                body = []
                while True:
                    if i >= len(raw):
                        raise ScriptError('line %d: heredoc %s not closed'
                                          % (lineno, marker))
                    bl = raw[i]
                    i += 1
                    if bl.rstrip() == marker:
                        break
                    body.append(bl)
        step = Step(lineno, name, arg, body)
        if name in REPLY_DIRECTIVES and name not in ('data', 'data-generate'):
            text, exp = split_inline_expect(arg)
            step.arg = text
            if exp:
                step.expect.append((exp[0], exp[1], lineno))
        steps.append(step)
    return steps


def unescape(text):
    """Decode \\r \\n \\t \\\\ \\0 \\xHH in a script string to bytes."""
    out = bytearray()
    b = text.encode('latin-1', errors='surrogateescape') \
        if isinstance(text, str) else text
    i = 0
    while i < len(b):
        c = b[i]
        if c != 0x5c or i + 1 >= len(b):
            out.append(c)
            i += 1
            continue
        n = chr(b[i + 1])
        if n == 'r':
            out += b'\r'
        elif n == 'n':
            out += b'\n'
        elif n == 't':
            out += b'\t'
        elif n == '0':
            out += b'\0'
        elif n == '\\':
            out += b'\\'
        elif n == 's':
            out += b' '
        elif n == 'x' and re.match(rb'[0-9a-fA-F]{2}', b[i + 2:i + 4]):
            out.append(int(b[i + 2:i + 4], 16))
            i += 4
            continue
        else:
            out += bytes([c, b[i + 1]])
        i += 2
    return bytes(out)


def to_bytes(text):
    return text.encode('utf-8', errors='surrogateescape')


def show(b, limit=300):
    """Printable form of bytes for diagnostics."""
    if isinstance(b, str):
        b = b.encode('latin-1', errors='replace')
    s = repr(b[:limit])[2:-1]
    if len(b) > limit:
        s += '...(%d bytes)' % len(b)
    return s


def parse_size(text):
    m = re.fullmatch(r'(\d+)\s*([kKmM]?)[bB]?', text)
    if not m:
        raise ScriptError('bad size: %s' % text)
    n = int(m.group(1))
    return n * {'': 1, 'k': 1024, 'm': 1024 * 1024}[m.group(2).lower()]


def generate_body(size, seed):
    """Deterministic message of about size bytes: headers, then lines of
    printable and 8-bit bytes (no NUL, CR, LF), some starting with '.'."""
    rnd = random.Random(seed)
    table = bytes(range(256)).translate(
        bytes((c if c not in (0, 10, 13) else 0x41) for c in range(256)))
    pool = rnd.randbytes(size + 4096).translate(table)
    out = [b'From: generator@example.org\r\n',
           b'Subject: generated %d bytes seed %d\r\n' % (size, seed),
           b'Content-Type: application/octet-stream\r\n', b'\r\n']
    total = sum(len(x) for x in out)
    pos = 0
    while total < size:
        n = rnd.randrange(0, 999)
        line = pool[pos:pos + n]
        pos = (pos + n) % size
        k = rnd.randrange(16)
        if k == 0:
            line = b'.' + line
        elif k == 1:
            line = b''
        out.append(line + b'\r\n')
        total += len(line) + 2
    return b''.join(out)


def stuff(body_lines, lf=False, nostuff=False):
    eol = b'\n' if lf else b'\r\n'
    parts = []
    for ln in body_lines:
        if not nostuff and ln.startswith(b'.'):
            ln = b'.' + ln
        parts.append(ln + eol)
    return b''.join(parts)


def crlf_normalize(b):
    """What spamdyke forwards: every LF not preceded by CR becomes CRLF."""
    return re.sub(rb'(?<!\r)\n', b'\r\n', b)


# ---------------------------------------------------------------------------
# DNS

QTYPES = {1: 'A', 2: 'NS', 5: 'CNAME', 6: 'SOA', 12: 'PTR', 15: 'MX',
          16: 'TXT', 28: 'AAAA'}


class NxdomainServer:
    """Loopback UDP responder answering NXDOMAIN to every query, so that
    tests without a zone never wait for a real resolver."""

    def __init__(self, querylog):
        self.querylog = querylog
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.sock.bind(('127.0.0.1', 0))
        self.port = self.sock.getsockname()[1]
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self.run, daemon=True)
        self.thread.start()

    def run(self):
        while not self.stop.is_set():
            r, _, _ = select.select([self.sock], [], [], 0.1)
            if not r:
                continue
            try:
                pkt, peer = self.sock.recvfrom(4096)
            except OSError:
                return
            if len(pkt) < 12:
                continue
            qid, flags, qd = struct.unpack('!HHH', pkt[:6])
            pos = 12
            labels = []
            while pos < len(pkt) and pkt[pos] != 0:
                ln = pkt[pos]
                labels.append(pkt[pos + 1:pos + 1 + ln].decode('latin-1'))
                pos += 1 + ln
            pos += 5
            if qd != 1 or pos > len(pkt):
                continue
            qtype = struct.unpack('!H', pkt[pos - 4:pos - 2])[0]
            with open(self.querylog, 'a') as f:
                f.write('udp %s %s\n' % ('.'.join(labels).lower(),
                                         QTYPES.get(qtype, str(qtype))))
            rflags = 0x8000 | (flags & 0x7900) | 0x0080 | 3
            resp = struct.pack('!HHHHHH', qid, rflags, 1, 0, 0, 0) + \
                pkt[12:pos]
            try:
                self.sock.sendto(resp, peer)
            except OSError:
                pass

    def close(self):
        self.stop.set()
        self.thread.join(1)
        self.sock.close()


class ZoneServer:
    """tests/harness/dnsserver.py serving a zone file."""

    def __init__(self, zonefile, querylog, deadline):
        if not os.path.exists(DNSSERVER):
            raise Failure('dns: %s does not exist (yet); cannot run a test '
                          'that needs DNS' % DNSSERVER)
        # it serves until its stdin reaches EOF: keep a pipe open
        self.proc = subprocess.Popen(
            [PYTHON, DNSSERVER, '--zone', zonefile, '--port', '0',
             '--query-log', querylog],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            stderr=subprocess.PIPE, start_new_session=True)
        line = b''
        while not line.endswith(b'\n'):
            r, _, _ = select.select([self.proc.stdout], [], [],
                                    max(0, deadline - time.monotonic()))
            if not r:
                self.close()
                raise Failure('dns: dnsserver.py did not print PORT in time')
            c = os.read(self.proc.stdout.fileno(), 1)
            if not c:
                err = self.proc.stderr.read().decode(errors='replace')
                self.close()
                raise Failure(['dns: dnsserver.py exited before PORT'] +
                              err.splitlines()[-10:])
            line += c
        m = re.match(rb'PORT (\d+)', line)
        if not m:
            self.close()
            raise Failure('dns: unexpected first line from dnsserver.py: %s'
                          % show(line))
        self.port = int(m.group(1))

    def close(self):
        if self.proc.poll() is None:
            try:
                os.killpg(self.proc.pid, signal.SIGKILL)
            except OSError:
                pass
        self.proc.wait()
        for f in (self.proc.stdin, self.proc.stdout, self.proc.stderr):
            f.close()


# ---------------------------------------------------------------------------
# the client side

class Client:
    def __init__(self, sock, log):
        self.sock = sock
        self.sock.setblocking(False)
        self.buf = b''
        self.eof = False
        self.wclosed = False
        self.log = log          # list of transcript strings

    def starttls(self, deadline):
        """Client side of a TLS handshake on the connection (STARTTLS
        after its 220, or SMTPS).  Certificates are not verified."""
        import ssl
        if self.buf:
            raise Failure('plaintext left unread before TLS: %r' % self.buf)
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
        ctx.check_hostname = False
        ctx.verify_mode = ssl.CERT_NONE
        self.sock.setblocking(True)
        self.sock.settimeout(max(0.1, deadline - time.monotonic()))
        try:
            self.sock = ctx.wrap_socket(self.sock, server_hostname='mail.test')
        except (ssl.SSLError, OSError) as e:
            raise Failure('TLS handshake failed: %s' % e)
        self.sock.setblocking(False)
        self.log.append('C: <TLS %s>' % self.sock.version())

    def pump(self, timeout):
        """Read what is available within timeout; False if nothing came."""
        import ssl
        if self.eof:
            return False
        pending = isinstance(self.sock, ssl.SSLSocket) and self.sock.pending()
        if not pending:
            r, _, _ = select.select([self.sock], [], [], max(0, timeout))
            if not r:
                return False
        try:
            data = self.sock.recv(65536)
        except (ssl.SSLWantReadError, ssl.SSLWantWriteError):
            return False
        except ssl.SSLError:
            data = b''
        except (ConnectionResetError, BlockingIOError):
            data = b''
        if not data:
            self.eof = True
            return False
        if getattr(self, 'tls_done', False):
            return True
        self.buf += data
        return True

    def read_line(self, deadline):
        while b'\n' not in self.buf:
            if self.eof:
                return None
            left = deadline - time.monotonic()
            if left <= 0:
                return None
            self.pump(left)
        i = self.buf.index(b'\n') + 1
        line, self.buf = self.buf[:i], self.buf[i:]
        self.log.append('S: ' + show(line))
        return line

    def read_reply(self, deadline):
        """Lines of one reply (up to a line that is not 'DDD-').  Returns
        (lines, complete) with lines as raw bytes including the EOL."""
        lines = []
        while True:
            line = self.read_line(deadline)
            if line is None:
                return lines, False
            lines.append(line)
            if not re.match(rb'\d{3}-', line):
                return lines, True

    def send(self, data, deadline, stall, quiet=False):
        """Send all of data; the deadline moves on while data flows."""
        if not quiet:
            self.log.append('C: ' + show(data))
        if self.wclosed:
            raise Failure('cannot send after close')
        view = memoryview(data)
        last = time.monotonic()
        while view:
            now = time.monotonic()
            if now - last > stall or now > deadline:
                raise Failure('send stalled: spamdyke stopped reading '
                              '(%d bytes left)' % len(view))
            _, w, _ = select.select([], [self.sock], [], 0.05)
            self.pump(0)
            if not w:
                continue
            try:
                n = self.sock.send(view[:1 << 20])
            except BlockingIOError:
                continue
            except OSError as e:
                if type(e).__name__ in ('SSLWantWriteError',
                                        'SSLWantReadError'):
                    continue
                raise
            except (BrokenPipeError, ConnectionResetError) as e:
                raise Failure('send failed: %s (%d bytes unsent)'
                              % (e.strerror, len(view)))
            view = view[n:]
            last = time.monotonic()

    def shutdown(self):
        import ssl
        if not self.wclosed:
            self.wclosed = True
            self.log.append('C: <EOF>')
            # After this the socket is raw again: what follows is TLS
            # framing (spamdyke's close_notify), not SMTP.
            self.tls_done = isinstance(self.sock, ssl.SSLSocket)
            try:
                self.sock.shutdown(socket.SHUT_WR)
            except OSError:
                pass


# ---------------------------------------------------------------------------
# running one script

class Config:
    def __init__(self, args):
        self.build_dir = os.path.abspath(args.build_dir)
        self.spamdyke = os.path.abspath(args.spamdyke or
                                        os.path.join(self.build_dir,
                                                     'spamdyke'))
        self.fakeqmail = os.path.abspath(
            args.fakeqmail or os.path.join(self.build_dir, 'tests',
                                           'harness', 'fakeqmail'))
        self.no_spamdyke = args.no_spamdyke
        self.keep = args.keep
        self.verbose = args.verbose
        self._version = None
        self._lock = threading.Lock()

    def version_text(self):
        with self._lock:
            if self._version is None:
                try:
                    p = subprocess.run([self.spamdyke, '--version'],
                                       capture_output=True, timeout=10)
                    self._version = (p.stdout + p.stderr).decode(
                        'latin-1')
                except (OSError, subprocess.TimeoutExpired):
                    self._version = ''
            return self._version


class Run:
    """State of one script run."""

    def __init__(self, cfg, path):
        self.cfg = cfg
        self.path = path
        self.tmp = tempfile.mkdtemp(prefix='dlg-%s-' %
                                    os.path.basename(path)[:-2])
        self.spool = os.path.join(self.tmp, 'spool')
        os.mkdir(self.spool)
        self.f = {k: os.path.join(self.tmp, 'backend.' + k)
                  for k in ('transcript', 'env', 'argv', 'pid')}
        self.stderr_path = os.path.join(self.tmp, 'stderr')
        self.dnslog = os.path.join(self.tmp, 'dns.log')
        self.env = {
            'PATH': '/usr/local/bin:/usr/bin:/bin:/usr/local/sbin:'
                    '/usr/sbin:/sbin',
            'TCPREMOTEIP': '192.0.2.1',
            'FAKEQMAIL_SPOOL': self.spool,
            'FAKEQMAIL_TRANSCRIPT': self.f['transcript'],
            'FAKEQMAIL_ENVFILE': self.f['env'],
            'FAKEQMAIL_ARGVFILE': self.f['argv'],
            'FAKEQMAIL_PIDFILE': self.f['pid'],
            'FAKEQMAIL_TIMEOUT': '60',
        }
        for k, v in os.environ.items():
            if re.match(r'(ASAN|UBSAN|LSAN|MSAN)_OPTIONS$|TZ$|LANG$|LC_',
                        k):
                self.env[k] = v
        self.options = []
        self.command = [cfg.fakeqmail]
        self.default_opts = True
        self.use_dns = True
        self.zone = []
        self.setup_cmds = []
        self.timeout = DEFAULT_TIMEOUT
        self.limit = DEFAULT_LIMIT
        self.allow_lf = False
        self.allow_unread = False
        self.proc = None
        self.client = None
        self.dns = None
        self.returncode = None
        self.backend_alive_at_exit = None
        self.checks = []        # deferred (step) checks
        self.sent = []          # bodies of data blocks, without the dot
        self.clog = []          # client transcript
        self.exit_checked = False
        self.t0 = time.monotonic()
        self.argv = None

    # -- helpers --
    def subst(self, text, regex=False):
        vals = {'TMP': self.tmp, 'FAKEQMAIL': self.cfg.fakeqmail,
                'SPAMDYKE': self.cfg.spamdyke, 'SRCDIR': SRCDIR,
                'BUILD_DIR': self.cfg.build_dir}

        def rep(m):
            v = vals[m.group(1) or m.group(2)]
            return re.escape(v) if regex else v
        names = '(TMP|FAKEQMAIL|SPAMDYKE|SRCDIR|BUILD_DIR)'
        return re.sub(r'\$\{%s\}|\$%s\b' % (names, names), rep, text)

    def deadline(self, secs=None):
        d = time.monotonic() + (secs if secs is not None else self.timeout)
        return min(d, self.t0 + self.limit)

    def heredoc_bytes(self, step, flags):
        if step.body is None:
            raise ScriptError('line %d: %s needs a <<EOF body'
                              % (step.lineno, step.name))
        eol = b'\n' if 'lf' in flags else b'\r\n'
        out = []
        for ln in step.body:
            ln = self.subst(ln)
            out.append(unescape(ln) if 'escapes' in flags else to_bytes(ln))
        return out, eol

    def heredoc_text(self, step, flags):
        """Expected bytes: heredoc lines, each ending in CRLF (LF with
        'lf'; the last one without EOL with 'noeol')."""
        lines, eol = self.heredoc_bytes(step, flags)
        text = b''.join(x + eol for x in lines)
        if 'noeol' in flags and lines:
            text = text[:-len(eol)]
        return text

    # -- setup directives --
    def setup(self, steps):
        session = []
        for st in steps:
            n, a = st.name, st.arg
            if n == 'options':
                for w in shlex.split(a):
                    w = self.subst(w)
                    self.options.append(w if w.startswith('-') else '--' + w)
            elif n == 'env':
                k, sep, v = a.partition('=')
                if not sep:
                    raise ScriptError('line %d: env needs VAR=value'
                                      % st.lineno)
                self.env[k.strip()] = self.subst(v)
            elif n == 'unenv':
                for k in a.split():
                    self.env.pop(k, None)
            elif n == 'command':
                self.command = [self.subst(w) for w in shlex.split(a)]
            elif n in ('config', 'file'):
                name = a.split()[0] if a else ''
                if not name or '/' in name or name.startswith('.'):
                    raise ScriptError('line %d: %s needs a plain file name'
                                      % (st.lineno, n))
                if st.body is None:
                    raise ScriptError('line %d: %s needs a <<EOF body'
                                      % (st.lineno, n))
                text = ''.join(self.subst(x) + '\n' for x in st.body)
                with open(os.path.join(self.tmp, name), 'wb') as f:
                    f.write(to_bytes(text))
            elif n == 'dns':
                self.zone.append(self.subst(a))
            elif n == 'nodns':
                self.use_dns = False
            elif n == 'no-default-options':
                self.default_opts = False
            elif n == 'timeout':
                self.timeout = float(a)
            elif n == 'limit':
                self.limit = float(a)
            elif n == 'allow-lf':
                self.allow_lf = True
            elif n == 'allow-unread':
                self.allow_unread = True
            elif n == 'skip':
                raise Skip(a or 'skipped')
            elif n == 'setup':
                self.setup_cmds.append(self.subst(a))
            elif n == 'requires':
                if self.cfg.no_spamdyke:
                    continue
                v = self.cfg.version_text()
                for feat in a.split():
                    if feat not in v:
                        raise Skip('spamdyke lacks %s' % feat)
            elif n in ('log', 'log-not', 'logline', 'log-count',
                       'logline-count', 'backend', 'dnslog', 'dnslog-not',
                       'dnslog-count', 'files', 'files-not', 'file-mode',
                       'file-count'):
                self.checks.append(st)
            else:
                session.append(st)
        return session

    # -- process control --
    def start(self, ip=None):
        if self.proc is not None:
            raise ScriptError('spamdyke already started')
        for cmd in self.setup_cmds:
            env = dict(self.env, TMP=self.tmp, SRCDIR=SRCDIR)
            r = subprocess.run(['/bin/sh', '-c', cmd], cwd=self.tmp, env=env,
                               stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT)
            if r.returncode != 0:
                raise Failure('setup failed (%d): %s\n%s' % (
                    r.returncode, cmd, r.stdout.decode('latin-1')[-500:]))
        if ip:
            self.env['TCPREMOTEIP'] = ip
        if self.zone:
            zf = os.path.join(self.tmp, 'zone')
            with open(zf, 'w') as f:
                f.write('\n'.join(self.zone) + '\n')
            self.dns = ZoneServer(zf, self.dnslog, self.deadline())
        elif self.use_dns and not self.cfg.no_spamdyke:
            self.dns = NxdomainServer(self.dnslog)
        if self.cfg.no_spamdyke:
            argv = [self.cfg.fakeqmail]
        else:
            opts = list(self.options)
            if self.default_opts:
                add = []
                if not any(re.match(r'--log-target|--log-t', o)
                           for o in opts):
                    add.append('--log-target=stderr')
                if not any(re.match(r'--log-level|-l', o) for o in opts):
                    add.append('--log-level=verbose')
                if self.dns is not None and not any(
                        o.startswith('--dns-server-ip') for o in opts):
                    add.append('--dns-server-ip-primary=127.0.0.1:%d'
                               % self.dns.port)
                opts = add + opts
            argv = [self.cfg.spamdyke] + opts + self.command
            if not os.access(self.cfg.spamdyke, os.X_OK):
                raise Failure('spamdyke binary not found: %s'
                              % self.cfg.spamdyke)
        self.argv = argv
        ours, theirs = socket.socketpair()
        err = open(self.stderr_path, 'wb')
        try:
            self.proc = subprocess.Popen(
                argv, stdin=theirs, stdout=theirs, stderr=err, env=self.env,
                cwd=self.tmp, start_new_session=True, close_fds=True)
        finally:
            theirs.close()
            err.close()
        self.client = Client(ours, self.clog)

    def ensure_started(self):
        if self.proc is None:
            self.start()

    def wait_exit(self, secs=None):
        """Wait for spamdyke to exit, draining its output meanwhile."""
        self.ensure_started()
        if self.returncode is not None:
            return
        dl = self.deadline(secs)
        while True:
            rc = self.proc.poll()
            if rc is not None:
                self.returncode = rc
                # the backend may still be inside exit(2) after closing
                # its pipes; allow it a moment
                grace = time.monotonic() + 0.1
                while self.group_alive() and time.monotonic() < grace:
                    time.sleep(0.005)
                self.backend_alive_at_exit = self.group_alive()
                return
            if time.monotonic() > dl:
                raise Failure('spamdyke did not exit within %.1f s'
                              % (secs or self.timeout))
            self.client.pump(0.01)

    def backend_pid(self):
        try:
            with open(self.f['pid']) as f:
                return int(f.read().strip())
        except (OSError, ValueError):
            return None

    def group_alive(self):
        """Is the backend, or any other process of spamdyke's process
        group (it is started as a group leader), still running?"""
        if self.backend_alive():
            return True
        for d in os.listdir('/proc'):
            if not d.isdigit():
                continue
            try:
                with open('/proc/%s/stat' % d) as f:
                    fields = f.read().rsplit(')', 1)[1].split()
            except (OSError, IndexError):
                continue
            if int(fields[2]) == self.proc.pid and fields[0] not in 'ZX':
                return True
        return False

    def backend_alive(self):
        pid = self.backend_pid()
        if pid is None:
            return False
        try:
            with open('/proc/%d/stat' % pid) as f:
                state = f.read().rsplit(')', 1)[1].split()[0]
            return state not in ('Z', 'X')
        except (OSError, IndexError):
            return False

    def cleanup(self):
        if self.proc is not None:
            for pid in (self.proc.pid,):
                try:
                    os.killpg(pid, signal.SIGKILL)
                except OSError:
                    pass
            if self.proc.poll() is None:
                try:
                    self.proc.wait(2)
                except subprocess.TimeoutExpired:
                    pass
        bp = self.backend_pid()
        if bp is not None and self.backend_alive():
            try:
                os.kill(bp, signal.SIGKILL)
            except OSError:
                pass
        if self.client is not None:
            self.client.sock.close()
        if self.dns is not None:
            self.dns.close()
        if not self.cfg.keep:
            shutil.rmtree(self.tmp, ignore_errors=True)

    # -- session directives --
    def expect_reply(self, st):
        dl = self.deadline()
        lines, complete = self.client.read_reply(dl)
        got = [ln.decode('latin-1') for ln in lines]
        diag = ['%s' % st.where(),
                '  expected: ' + ' | '.join('%s %s' % (o, t)
                                            for o, t, _ in st.expect)]
        if not lines:
            why = ('connection closed' if self.client.eof
                   else 'no reply within %.1f s' % self.timeout)
            if self.client.buf:
                why += ' (partial line: %s)' % show(self.client.buf)
            raise Failure(diag + ['  got:      nothing (%s)' % why])
        shown = ['  got:      ' + show(ln) for ln in lines]
        if not complete:
            raise Failure(diag + shown + [
                '  (reply not terminated: %s)' %
                ('connection closed' if self.client.eof else 'timeout')])
        bodies = []
        for ln in got:
            if ln.endswith('\r\n'):
                bodies.append(ln[:-2])
            elif self.allow_lf:
                bodies.append(ln[:-1])
            else:
                raise Failure(diag + shown +
                              ['  (reply line not terminated by CRLF)'])
        if not st.expect:
            return bodies
        err = match_reply([(self.subst(t, o == '=~'), o)
                           for o, t, _ in st.expect], bodies)
        if err:
            raise Failure(diag + shown + ['  (' + err + ')'])
        return bodies

    def send_bytes(self, data, split=None, delay=0.005):
        self.ensure_started()
        if split:
            self.clog.append('C: (in %d-byte writes) %s' % (split,
                                                            show(data)))
            for i in range(0, len(data), split):
                self.client.send(data[i:i + split], self.deadline(),
                                 self.timeout, quiet=True)
                time.sleep(delay)
        else:
            self.client.send(data, self.deadline(60), self.timeout)

    def do(self, st):
        n, a = st.name, st.arg
        if n in ('connect', 'start'):
            self.start(self.subst(a) if a else None)
            if n == 'connect':
                self.expect_reply(st)
            return
        if n == 'starttls':
            self.ensure_started()
            self.client.starttls(self.deadline())
            return
        if n == 'tls-connect':
            self.start()
            self.client.starttls(self.deadline())
            if st.expect:
                self.expect_reply(st)
            return
        if n == 'cram-md5':
            # cram-md5 USER PASSWORD [=> reply]: AUTH CRAM-MD5, answer the
            # 334 challenge with base64("USER " + hex HMAC-MD5(challenge)).
            import base64
            import hmac
            words = self.subst(a).split()
            if len(words) != 2:
                raise ScriptError('line %d: cram-md5 USER PASSWORD'
                                  % st.lineno)
            self.send_bytes(b'AUTH CRAM-MD5\r\n')
            lines, _ = self.client.read_reply(self.deadline())
            if not lines or not lines[-1].startswith(b'334 '):
                raise Failure('%s\n  expected a 334 challenge, got %r'
                              % (st.where(), lines))
            chal = base64.b64decode(lines[-1][4:].strip())
            if not re.match(rb'^<\d+\.\d+@[^>]+>$', chal):
                raise Failure('%s\n  malformed challenge %r'
                              % (st.where(), chal))
            digest = hmac.new(words[1].encode(), chal, 'md5').hexdigest()
            resp = base64.b64encode(words[0].encode() + b' ' +
                                    digest.encode())
            self.send_bytes(resp + b'\r\n')
            if st.expect:
                self.expect_reply(st)
            return
        if n == 'send':
            self.send_bytes(to_bytes(self.subst(a)) + b'\r\n')
        elif n == 'sendraw':
            self.send_bytes(unescape(self.subst(a)))
        elif n == 'sendsplit':
            size, _, rest = a.partition(' ')
            self.send_bytes(unescape(self.subst(rest)), split=int(size))
        elif n == 'sendlong':
            w = a.split(None, 2)
            if len(w) != 3 or not w[0].isdigit() or len(w[1]) != 1:
                raise ScriptError('line %d: sendlong LENGTH CHAR TEXT'
                                  % st.lineno)
            head = to_bytes(self.subst(w[2])) + b' '
            self.send_bytes(head + to_bytes(w[1]) *
                            max(0, int(w[0]) - len(head)) + b'\r\n')
        elif n == 'data':
            flags = a.split()
            lines, eol = self.heredoc_bytes(st, flags)
            body = stuff(lines, lf='lf' in flags, nostuff='nostuff' in flags)
            self.sent.append(body)
            split = None
            for fl in flags:
                if fl.startswith('split='):
                    split = int(fl[6:])
            end = b'' if 'noend' in flags else b'.\r\n'
            self.send_bytes(body + end, split=split)
        elif n == 'data-generate':
            words = a.split()
            if not words:
                raise ScriptError('line %d: data-generate SIZE [seed=N]'
                                  % st.lineno)
            seed = 1
            for w in words[1:]:
                if w.startswith('seed='):
                    seed = int(w[5:])
            raw = generate_body(parse_size(words[0]), seed)
            lines = raw.split(b'\r\n')[:-1]
            body = stuff(lines)
            self.sent.append(body)
            self.send_bytes(body + b'.\r\n')
        elif n == 'expect':
            self.ensure_started()
        elif n == 'expect-nothing':
            self.ensure_started()
            secs = float(a) if a else 0.5
            dl = time.monotonic() + secs
            while time.monotonic() < dl and not self.client.buf \
                    and not self.client.eof:
                self.client.pump(dl - time.monotonic())
            if self.client.buf:
                raise Failure([st.where(), '  expected silence, got: ' +
                               show(self.client.buf)])
            if self.client.eof:
                raise Failure([st.where(),
                               '  expected silence, connection closed'])
            return
        elif n == 'closed':
            self.ensure_started()
            dl = self.deadline()
            while not self.client.eof and time.monotonic() < dl:
                self.client.pump(dl - time.monotonic())
            if self.client.buf:
                raise Failure([st.where(), '  expected EOF, got: ' +
                               show(self.client.buf)])
            if not self.client.eof:
                raise Failure([st.where(), '  connection still open after '
                               '%.1f s' % self.timeout])
            return
        elif n == 'close':
            self.ensure_started()
            self.client.shutdown()
            return
        elif n == 'sleep':
            self.ensure_started()
            time.sleep(float(a))
            return
        elif n == 'exit':
            self.wait_exit()
            self.exit_checked = True
            want = a.strip()
            if str(self.returncode) != want:
                raise Failure([st.where(), '  exit status: %s'
                               % describe_status(self.returncode)])
            return
        else:
            raise ScriptError('line %d: unknown directive %s'
                              % (st.lineno, n))
        if st.expect or n == 'expect':
            self.expect_reply(st)

    # -- deferred checks --
    def stderr_text(self):
        try:
            with open(self.stderr_path, 'rb') as f:
                return f.read().decode('latin-1')
        except OSError:
            return ''

    def log_lines(self, name='log'):
        if name.startswith('dnslog'):
            try:
                with open(self.dnslog, encoding='latin-1') as f:
                    return f.read().splitlines()
            except OSError:
                return []
        return self.stderr_text().splitlines()

    def messages(self):
        names = sorted(x for x in os.listdir(self.spool)
                       if x.startswith('msg.'))
        out = []
        for nm in names:
            with open(os.path.join(self.spool, nm), 'rb') as f:
                data = f.read()
            head, _, body = data.partition(b'\n\n')
            out.append((head.split(b'\n'), body))
        return out

    def transcript(self):
        try:
            with open(self.f['transcript'], 'rb') as f:
                return f.read()
        except OSError:
            return None

    def check(self, st):
        n, a = st.name, self.subst(st.arg)
        if n in ('log', 'log-not', 'dnslog', 'dnslog-not'):
            rx = re.compile(self.subst(st.arg, regex=True))
            hits = [ln for ln in self.log_lines(n) if rx.search(ln)]
            if not n.endswith('-not') and not hits:
                raise Failure([st.where(), '  no %s line matches' %
                               ('DNS query' if n == 'dnslog' else 'stderr')])
            if n.endswith('-not') and hits:
                raise Failure([st.where(), '  matching line: ' + hits[0]])
        elif n in ('logline', 'logline-count'):
            want = 1
            if n == 'logline-count':
                cnt, _, a = a.partition(' ')
                want = int(cnt)
            hits = [ln for ln in self.log_lines()
                    if LOG_PREFIX_RE.sub('', ln, 1) == a]
            if (n == 'logline' and not hits) or \
                    (n == 'logline-count' and len(hits) != want):
                near = [ln for ln in self.log_lines()
                        if a.split(' ', 1)[0] in ln]
                raise Failure([st.where(), '  found %d such lines' %
                               len(hits)] +
                              ['  similar: ' + x for x in near[:5]])
        elif n in ('log-count', 'dnslog-count'):
            cnt, _, rx = st.arg.partition(' ')
            rxc = re.compile(self.subst(rx, regex=True))
            hits = [ln for ln in self.log_lines(n) if rxc.search(ln)]
            if len(hits) != int(cnt):
                raise Failure([st.where(), '  %d matching lines:' %
                               len(hits)] + ['    ' + h for h in hits[:10]])
        elif n == 'backend':
            self.check_backend(st, a)
        elif n in ('files', 'files-not', 'file-mode', 'file-count'):
            self.check_files(st, n)

    def check_files(self, st, n):
        # files GLOB REGEX / files-not GLOB REGEX: the contents of the
        # files matching GLOB (after $TMP substitution) do / do not match
        # REGEX (re.M); file-mode GLOB OCTAL; file-count GLOB N.
        import glob as globmod
        pat, _, rest = st.arg.partition(' ')
        paths = sorted(globmod.glob(self.subst(pat)))
        if n == 'file-count':
            if len(paths) != int(rest):
                raise Failure([st.where(), '  %d files: %s' %
                               (len(paths), paths)])
            return
        if not paths:
            raise Failure([st.where(), '  no file matches ' + pat])
        if n == 'file-mode':
            for p in paths:
                mode = os.stat(p).st_mode & 0o7777
                if mode != int(rest, 8):
                    raise Failure([st.where(), '  %s has mode %o' %
                                   (p, mode)])
            return
        rx = re.compile(self.subst(rest, regex=True).encode('latin-1'),
                        re.M)
        text = b''
        for p in paths:
            with open(p, 'rb') as f:
                text += f.read()
        hit = rx.search(text)
        if n == 'files' and not hit:
            raise Failure([st.where(), '  no match in ' + ', '.join(paths)])
        if n == 'files-not' and hit:
            raise Failure([st.where(), '  found: %r' % hit.group(0)[:200]])

    def check_backend(self, st, a):
        words = a.split()
        if not words:
            raise ScriptError('line %d: backend what?' % st.lineno)
        what = words[0]
        tr = self.transcript()
        if what == 'nothing':
            if tr:
                raise Failure([st.where(), '  backend received: ' + show(tr)])
        elif what == 'not-started':
            if os.path.exists(self.f['pid']):
                raise Failure([st.where(), '  the backend was started'])
        elif what == 'started':
            if not os.path.exists(self.f['pid']):
                raise Failure([st.where(), '  the backend never started'])
        elif what == 'exited':
            if self.backend_alive_at_exit:
                raise Failure([st.where(), '  the backend (or another child) '
                               'was still running when spamdyke exited'])
        elif what == 'no':
            verb = to_bytes(words[1]).lower()
            for ln in (tr or b'').split(b'\n'):
                if ln.lower().startswith(verb):
                    raise Failure([st.where(), '  backend received: ' +
                                   show(ln)])
        elif what in ('contains', 'lacks'):
            needle = unescape(a.split(None, 1)[1])
            found = tr is not None and needle in tr
            if found != (what == 'contains'):
                raise Failure([st.where(), '  transcript: ' +
                               show(tr or b'', 600)])
        elif what == 'received':
            want = self.heredoc_text(st, words[1:])
            if tr != want:
                raise Failure([st.where()] + diff_bytes(want, tr or b''))
        elif what == 'messages':
            got = len(self.messages())
            if got != int(words[1]):
                raise Failure([st.where(), '  backend has %d messages'
                               % got])
        elif what == 'message':
            self.check_message(st, words)
        elif what == 'envelope':
            msgs = self.messages()
            k = int(words[1])
            if k > len(msgs):
                raise Failure([st.where(), '  backend has only %d messages'
                               % len(msgs)])
            want = ['MAIL FROM:<%s>' % ('' if words[2] == '<>'
                                        else words[2])]
            want += ['RCPT TO:<%s>' % w for w in words[3:]]
            got = [x.decode('latin-1') for x in msgs[k - 1][0]]
            if got != want:
                raise Failure([st.where(), '  envelope: ' + ' '.join(got)])
        elif what == 'env':
            self.check_env(st, words[1])
        elif what == 'env-absent':
            env = self.backend_env(st)
            bad = [e for e in env if e.split('=', 1)[0] == words[1]]
            if bad:
                raise Failure([st.where(), '  found: ' + bad[0]])
        elif what == 'argv':
            try:
                with open(self.f['argv'], 'rb') as f:
                    got = f.read().decode('latin-1').split('\n')[1:-1]
            except OSError:
                raise Failure([st.where(), '  the backend never started'])
            want = [self.subst(w) for w in shlex.split(
                st.arg.split(None, 1)[1] if len(words) > 1 else '')]
            if got != want:
                raise Failure([st.where(), '  argv: %r' % got])
        else:
            raise ScriptError('line %d: unknown backend check %s'
                              % (st.lineno, what))

    def backend_env(self, st):
        try:
            with open(self.f['env'], 'rb') as f:
                return f.read().decode('latin-1').split('\n')[:-1]
        except OSError:
            raise Failure([st.where(), '  the backend never started'])

    def check_env(self, st, want):
        env = self.backend_env(st)
        name = want.split('=', 1)[0]
        have = [e for e in env if e.split('=', 1)[0] == name]
        if have != [want]:
            raise Failure([st.where(), '  backend has: %r' % have])

    def check_message(self, st, words):
        msgs = self.messages()
        k = int(words[1])
        if k > len(msgs):
            raise Failure([st.where(), '  backend has only %d messages'
                           % len(msgs)])
        got = msgs[k - 1][1]
        rest = words[2:]
        if rest and rest[0] == 'sent':
            idx = int(rest[1]) if len(rest) > 1 else len(self.sent)
            if idx < 1 or idx > len(self.sent):
                raise ScriptError('line %d: no data block %d sent'
                                  % (st.lineno, idx))
            want = crlf_normalize(self.sent[idx - 1])
        elif rest and rest[0] == 'size':
            if len(got) != int(rest[1]):
                raise Failure([st.where(), '  message has %d bytes'
                               % len(got)])
            return
        else:
            want = self.heredoc_text(st, rest)
        if got != want:
            raise Failure([st.where()] + diff_bytes(want, got))


def describe_status(rc):
    if rc is None:
        return 'still running'
    if rc < 0:
        try:
            return 'killed by %s' % signal.Signals(-rc).name
        except ValueError:
            return 'killed by signal %d' % -rc
    return str(rc)


def diff_bytes(want, got):
    i = 0
    n = min(len(want), len(got))
    while i < n and want[i] == got[i]:
        i += 1
    s = max(0, i - 40)
    return ['  bytes differ at offset %d (want %d bytes, got %d)'
            % (i, len(want), len(got)),
            '  want: ...' + show(want[s:i + 60], 120),
            '  got:  ...' + show(got[s:i + 60], 120)]


def match_reply(patterns, lines):
    """patterns: [(text, op)]; lines: reply lines without EOL.  Returns an
    error string or None."""
    if len(patterns) == 1 and patterns[0][1] == '=>' and \
            re.fullmatch(r'\d{3}', patterns[0][0]):
        code = patterns[0][0]
        for ln in lines:
            if not re.match(re.escape(code) + r'([ -]|$)', ln):
                return 'reply code is not %s' % code
        return None
    if len(patterns) != len(lines):
        return 'expected %d reply lines, got %d' % (len(patterns),
                                                    len(lines))
    for (text, op), ln in zip(patterns, lines):
        if op == '=>':
            ok = ln == text or (re.fullmatch(r'\d{3}', text) and
                                re.match(text + r'([ -]|$)', ln))
        elif op == '=^':
            ok = ln.startswith(text)
        else:
            ok = re.search(text, ln) is not None
        if not ok:
            return 'mismatch at %s %s' % (op, text)
    return None


def run_script(cfg, path):
    """Returns (status, diagnostics) with status 'ok', 'not ok' or 'skip'."""
    try:
        steps = parse_script(path)
    except (OSError, ScriptError) as e:
        return 'not ok', ['script error: %s' % e]
    try:
        run = Run(cfg, path)
    except OSError as e:
        return 'not ok', ['cannot set up: %s' % e]
    diag = []
    status = 'ok'
    try:
        try:
            session = run.setup(steps)
            for st in session:
                run.do(st)
            run.ensure_started()
            if run.returncode is None:
                run.client.shutdown()
                run.wait_exit()
            # after the session: report every failed check, not the first
            post = []
            if run.client.buf and not run.allow_unread:
                post.append('spamdyke sent output the script did not '
                            'read: ' + show(run.client.buf))
            if not run.exit_checked and run.returncode != 0:
                post.append('spamdyke exit status: %s'
                            % describe_status(run.returncode))
            for st in run.checks:
                try:
                    run.check(st)
                except Failure as e:
                    post += e.lines
            if SANITIZER_RE.search(run.stderr_text()):
                post.append('sanitizer report on stderr')
            if post:
                raise Failure(post)
        except Skip as e:
            return 'skip', [str(e)]
        except Failure as e:
            status = 'not ok'
            diag += e.lines
        except ScriptError as e:
            status = 'not ok'
            diag.append('script error: %s' % e)
        except (OSError, ValueError) as e:
            status = 'not ok'
            diag.append('harness error: %r' % e)
        if status != 'ok' or cfg.verbose:
            if run.argv:
                diag.append('command: ' + ' '.join(shlex.quote(x)
                                                   for x in run.argv))
            diag.append('dialogue (last 15):')
            diag += ['  ' + x for x in run.clog[-15:]]
            err = run.stderr_text().splitlines()
            diag.append('stderr (last 15 of %d lines):' % len(err))
            diag += ['  ' + x for x in err[-15:]]
            if cfg.keep:
                diag.append('kept: ' + run.tmp)
    finally:
        run.cleanup()
    return status, diag


def ensure_fakeqmail(cfg):
    if os.access(cfg.fakeqmail, os.X_OK):
        return None
    src = os.path.join(HERE, 'fakeqmail.c')
    os.makedirs(os.path.dirname(cfg.fakeqmail), exist_ok=True)
    cc = os.environ.get('CC', 'cc')
    p = subprocess.run([cc, '-std=c11', '-D_POSIX_C_SOURCE=200809L',
                        '-D_DEFAULT_SOURCE', '-O2', src, '-o',
                        cfg.fakeqmail], capture_output=True)
    if p.returncode != 0:
        return 'cannot build %s: %s' % (cfg.fakeqmail,
                                        p.stderr.decode(errors='replace'))
    return None


def main(argv=None):
    ap = argparse.ArgumentParser(description='Run SMTP dialogue scripts.')
    ap.add_argument('--build-dir', default=os.environ.get('BUILD_DIR',
                                                          'build'))
    ap.add_argument('--spamdyke')
    ap.add_argument('--fakeqmail')
    ap.add_argument('--no-spamdyke', action='store_true',
                    help='run the scripts against fakeqmail alone')
    ap.add_argument('-j', '--jobs', type=int, default=os.cpu_count() or 2)
    ap.add_argument('-v', '--verbose', action='store_true')
    ap.add_argument('--keep', action='store_true',
                    help='keep the temporary directories')
    ap.add_argument('scripts', nargs='*')
    args = ap.parse_args(argv)
    cfg = Config(args)
    scripts = args.scripts or sorted(
        os.path.join(SRCDIR, 'tests', 'dialogue', x)
        for x in os.listdir(os.path.join(SRCDIR, 'tests', 'dialogue'))
        if x.endswith('.t'))
    print('1..%d' % len(scripts), flush=True)
    err = ensure_fakeqmail(cfg)
    if err:
        for i, s in enumerate(scripts, 1):
            print('not ok %d - %s' % (i, os.path.basename(s)))
            print('# ' + err.replace('\n', '\n# '))
        return 1
    failed = 0
    with concurrent.futures.ThreadPoolExecutor(max(1, args.jobs)) as ex:
        futs = [ex.submit(run_script, cfg, s) for s in scripts]
        for i, (s, fut) in enumerate(zip(scripts, futs), 1):
            status, diag = fut.result()
            name = os.path.basename(s)
            if status == 'skip':
                print('ok %d - %s # SKIP %s' % (i, name, ' '.join(diag)))
                continue
            print('%s %d - %s' % (status, i, name))
            if status != 'ok':
                failed += 1
            for d in diag:
                print('# ' + d)
            sys.stdout.flush()
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
