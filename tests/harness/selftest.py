#!/usr/bin/python3
"""selftest.py - tests of the dialogue harness and of fakeqmail (TAP).

Runs small dialogue scripts with dialogue.run_script() against fakeqmail
alone (--no-spamdyke mode) or behind stand-ins for spamdyke written here:
a wrapper that logs and execs the backend, one that leaves the backend
running, a DNS client, and a naive relay that turns every bare LF into CRLF
(the SMTP smuggling bug) - the real smuggling scripts must fail behind it.
Each case states whether the script must pass or fail and, for failures,
a text the diagnostics must contain, so a harness that stops noticing
problems fails here.

Usage: selftest.py [--build-dir DIR] [-v]
"""

import argparse
import os
import stat
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import dialogue  # noqa: E402

WRAP_LOG = r'''#!/bin/sh
# logs like spamdyke, then runs the backend in its place
echo "spamdyke[$$]: ARGS $*" >&2
echo "spamdyke[$$]: ALLOWED from: a@b.example to: c@d.example" >&2
if [ -n "${SELFTEST_STDERR:-}" ]; then echo "$SELFTEST_STDERR" >&2; fi
while [ $# -gt 0 ]; do
    case $1 in --) shift; break ;; -*) shift ;; *) break ;; esac
done
exec "$@"
'''

WRAP_ORPHAN = r'''#!/bin/sh
# leaves the backend running and exits at once
while [ $# -gt 0 ]; do
    case $1 in --) shift; break ;; -*) shift ;; *) break ;; esac
done
"$@" <&0 &
while [ ! -s "$FAKEQMAIL_PIDFILE" ]; do sleep 0.01; done
exit 0
'''

WRAP_DNS = r'''#!/usr/bin/python3
# asks the DNS server given with --dns-server-ip-primary for the PTR of
# TCPREMOTEIP, logs the answer, then runs the backend in its place
import os, socket, sys
from dnslib import DNSRecord, QTYPE, RCODE
args = sys.argv[1:]
server = None
while args and args[0].startswith('-'):
    a = args.pop(0)
    if a.startswith('--dns-server-ip-primary='):
        server = a.split('=', 1)[1]
    if a == '--':
        break
ip = os.environ['TCPREMOTEIP']
name = '.'.join(reversed(ip.split('.'))) + '.in-addr.arpa'
host, port = server.rsplit(':', 1)
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.settimeout(2)
s.sendto(DNSRecord.question(name, 'PTR').pack(), (host, int(port)))
ans = DNSRecord.parse(s.recv(4096))
txt = ' '.join(str(r.rdata) for r in ans.rr) or RCODE[ans.header.rcode]
sys.stderr.write('spamdyke[%d]: PTR %s %s\n' % (os.getpid(), name, txt))
sys.stderr.flush()
os.execv(args[0], args)
'''

WRAP_NAIVE = r'''#!/usr/bin/python3
# a relay without filters that turns every bare LF from the client into
# CRLF, even inside DATA: vulnerable to SMTP smuggling
import os, select, subprocess, sys
args = sys.argv[1:]
while args and args[0].startswith('-'):
    if args.pop(0) == '--':
        break
p = subprocess.Popen(args, stdin=subprocess.PIPE, stdout=subprocess.PIPE)
bin_, bout = p.stdin.fileno(), p.stdout.fileno()
fds = {0, bout}
cr = False
while bout in fds:
    for fd in select.select(list(fds), [], [])[0]:
        data = os.read(fd, 65536)
        if fd == 0:
            if not data:
                p.stdin.close()
                fds.discard(0)
                continue
            out = bytearray()
            for b in data:
                if b == 10 and not cr:
                    out += b'\r'
                out.append(b)
                cr = b == 13
            try:
                os.write(bin_, bytes(out))
            except BrokenPipeError:
                pass
        elif not data:
            fds.discard(bout)
        else:
            os.write(1, data)
p.wait()
'''

# (name, mode, expected 'ok' | 'not ok' | 'skip', text in diagnostics,
#  script).  mode: 'fake' = fakeqmail alone, or a wrapper name, or
# 'file:NAME' to run tests/dialogue/NAME behind the naive relay.
CASES = [
    ('fakeqmail session, byte-exact spool', 'fake', 'ok', None, r'''
env FAKEQMAIL_TIME=1700000000
env FAKEQMAIL_QP=1234
connect => 220 test.example.com ESMTP
send EHLO client.example
  => 250-test.example.com
  => 250-PIPELINING
  => 250 8BITMIME
send HELO client.example => 250 test.example.com
send MAIL FROM:<a@b.example> => 250 ok
send RCPT TO:<c@d.example> => 250 ok
send RCPT TO:<"quoted"@d.example> => 250 ok
send DATA => 354 go ahead
data <<EOF
Subject: test

.leading dot
..two dots
.
EOF
  => 250 ok 1700000000 qp 1234
send NOOP =~ ^250 ok$
send VRFY x =^ 252 send some
send HELP => 214 qmail home page: http://pobox.com/~djb/qmail.html
send FOO => 502 unimplemented (#5.5.1)
send RSET => 250 flushed
send QUIT => 221 test.example.com
closed
exit 0
backend messages 1
backend envelope 1 a@b.example c@d.example quoted@d.example
backend message 1 sent
backend message 1 <<EOF
Subject: test

..leading dot
...two dots
..
EOF
backend message 1 size 49
backend no BAR
backend exited
backend env FAKEQMAIL_QP=1234
backend env TCPREMOTEIP=192.0.2.1
backend env-absent NOT_THERE
'''),
    ('qmail protocol errors and rcpthosts', 'fake', 'ok', None, r'''
env FAKEQMAIL_RCPTHOSTS=$TMP/rcpthosts
config rcpthosts <<EOF
# comment
d.example
.sub.example
EOF
connect => 220
send RCPT TO:<c@d.example> => 503 MAIL first (#5.5.1)
send DATA => 503 MAIL first (#5.5.1)
send MAIL FROM:<a@b.example> => 250 ok
send DATA => 503 RCPT first (#5.5.1)
send RCPT TO:<c@D.Example> => 250 ok
send RCPT TO:<c@x.sub.example> => 250 ok
send RCPT TO:<c@sub.example> => 553 sorry, that domain isn't in my list of allowed rcpthosts (#5.7.1)
send RCPT TO:<c@elsewhere.example> => 553 sorry, that domain isn't in my list of allowed rcpthosts (#5.7.1)
send RCPT TO:<unqualified> => 250 ok
send QUIT => 221 test.example.com
'''),
    ('RELAYCLIENT suffix, no rcpthosts file means all allowed', 'fake', 'ok',
     None, r'''
env RELAYCLIENT=.suffix
env FAKEQMAIL_RCPTHOSTS=$TMP/missing
connect => 220
sendraw MAIL FROM:<a@b.example>\r\nRCPT TO:<c@elsewhere.example>\r\nDATA\r\n
expect => 250 ok
expect => 250 ok
expect => 354 go ahead
data <<EOF
x
EOF
  =~ ^250 ok \d+ qp \d+$
backend envelope 1 a@b.example c@elsewhere.example.suffix
'''),
    ('bare LF in DATA: 451 and exit 1', 'fake', 'ok', None, r'''
connect => 220
send MAIL FROM:<a@b.example> => 250 ok
send RCPT TO:<c@d.example> => 250 ok
send DATA => 354 go ahead
data lf <<EOF
bare
EOF
  => 451 See http://pobox.com/~djb/docs/smtplf.html.
closed
exit 1
backend messages 0
'''),
    ('databytes, exit-on, reply override', 'fake', 'ok', None, r'''
env FAKEQMAIL_DATABYTES=10
env FAKEQMAIL_REPLY_MAIL=250-first\n250 second
env FAKEQMAIL_EXIT_ON=NOOP
env FAKEQMAIL_EXIT_CODE=3
connect => 220
send MAIL FROM:<a@b.example>
  => 250-first
  => 250 second
send RCPT TO:<c@d.example> => 250 ok
send DATA => 354 go ahead
data <<EOF
more than ten bytes
EOF
  => 552 sorry, that message size exceeds my databytes limit (#5.3.4)
send NOOP
closed
exit 3
backend messages 0
'''),
    ('AUTH and STARTTLS echo in fakeqmail', 'fake', 'ok', None, r'''
env FAKEQMAIL_EHLO_EXTRA=AUTH LOGIN PLAIN,STARTTLS
env FAKEQMAIL_AUTH=user:pw
env FAKEQMAIL_RCPTHOSTS=$TMP/rcpthosts
config rcpthosts <<EOF
d.example
EOF
connect => 220
send EHLO x
  => 250-test.example.com
  => 250-PIPELINING
  => 250-8BITMIME
  => 250-AUTH LOGIN PLAIN
  => 250 STARTTLS
send AUTH PLAIN AHVzZXIAYmFk => 535 authorization failed (#5.7.0)
send AUTH CRAM-MD5 => 504 auth type unimplemented (#5.5.1)
send AUTH LOGIN => 334 VXNlcm5hbWU6
send * => 501 auth exchange cancelled (#5.0.0)
send AUTH LOGIN => 334 VXNlcm5hbWU6
send dXNlcg== => 334 UGFzc3dvcmQ6
send cHc= => 235 ok, go ahead (#2.0.0)
send MAIL FROM:<a@b.example> => 250 ok
send RCPT TO:<x@elsewhere.example> => 250 ok
send STARTTLS => 220 ready for tls
sendraw \x16\x03\x01 raw bytes\r\n =~ ^\x16\x03\x01 raw bytes$
'''),
    ('pipelining and split writes', 'fake', 'ok', None, r'''
connect => 220
sendraw NOOP\r\nRSET\r\nNOOP\r\n
expect => 250 ok
expect => 250 flushed
expect => 250
sendsplit 1 HELO x\r\n => 250 test.example.com
sendraw NOOP\r
sleep 0.05
sendraw \n => 250 ok
sendlong 5000 y NOOP => 250 ok
backend contains NOOP\r\nRSET\r\nNOOP\r\nHELO x\r\nNOOP\r\nNOOP yyyy
backend contains yyyyyyyy\r\n
'''),
    ('backend received mismatch is reported', 'fake', 'not ok',
     'bytes differ at offset 4', r'''
connect => 220
send NOOP => 250 ok
backend received <<EOF
NOOPS
EOF
'''),
    ('backend received noeol and escapes', 'fake', 'ok', None, r'''
allow-unread
connect => 220
sendraw NOOP\r\nNO\x00OP\r\nNOOP
sleep 0.1
backend received escapes noeol <<EOF
NOOP
NO\x00OP
NOOP
EOF
'''),
    ('unread output fails', 'fake', 'not ok',
     'did not read: 250 ok\\r\\n', r'''
connect => 220
sendraw NOOP\r\nNOOP\r\n => 250 ok
sleep 0.1
'''),
    ('wrong reply text fails', 'fake', 'not ok', 'mismatch at => 250 OK',
     r'''
connect => 220
send NOOP => 250 OK
'''),
    ('wrong number of reply lines fails', 'fake', 'not ok',
     'expected 1 reply lines, got 3', r'''
connect => 220
send EHLO x => 250-test.example.com
'''),
    ('unterminated multi-line reply fails', 'fake', 'not ok',
     'reply not terminated', r'''
timeout 0.5
env FAKEQMAIL_REPLY_NOOP=250-only a continuation
connect => 220
send NOOP => 250
'''),
    ('LF-only reply fails unless allow-lf', 'fake', 'not ok',
     'not terminated by CRLF', r'''
env FAKEQMAIL_REPLY_EOL=lf
connect => 220 test.example.com ESMTP
'''),
    ('allow-lf accepts LF-only replies', 'fake', 'ok', None, r'''
allow-lf
env FAKEQMAIL_REPLY_EOL=lf
connect => 220 test.example.com ESMTP
'''),
    ('split backend replies arrive whole', 'fake', 'ok', None, r'''
env FAKEQMAIL_REPLY_CHUNK=3
env FAKEQMAIL_CHUNK_DELAY_MS=2
env FAKEQMAIL_GREETING_LINES=2
connect
  => 220-test.example.com ESMTP greeting line 1
  => 220 test.example.com ESMTP
send NOOP => 250 ok
'''),
    ('a hung backend times out, silence is checked', 'fake', 'not ok',
     'no reply within 0.5 s', r'''
timeout 0.5
env FAKEQMAIL_HANG_ON=NOOP
connect => 220
send NOOP
expect-nothing 0.3
send RSET => 250 flushed
'''),
    ('expect-nothing notices a reply', 'fake', 'not ok',
     'expected silence, got', r'''
connect
send NOOP
expect-nothing 0.3
'''),
    ('closed notices an open connection', 'fake', 'not ok',
     'connection still open', r'''
timeout 0.3
connect => 220
closed
'''),
    ('exit status mismatch fails', 'fake', 'not ok', 'exit status: 0', r'''
connect => 220
send QUIT => 221 test.example.com
exit 1
'''),
    ('delay and EOF delay', 'fake', 'ok', None, r'''
env FAKEQMAIL_DELAY_MS=50
env FAKEQMAIL_EOF_DELAY_MS=100
connect => 220
send NOOP => 250 ok
close
closed
exit 0
backend exited
'''),
    ('generated message is byte-exact', 'fake', 'ok', None, r'''
connect => 220
send MAIL FROM:<> => 250 ok
send RCPT TO:<c@d.example> => 250 ok
send DATA => 354 go ahead
data-generate 1MB seed=3
  =~ ^250 ok
backend envelope 1 <> c@d.example
backend message 1 sent
'''),
    ('fakeqmail exits after its greeting', 'fake', 'ok', None, r'''
env FAKEQMAIL_EXIT_AFTER_GREETING=1
connect => 220 test.example.com ESMTP
closed
exit 0
'''),
    ('unknown directive is a script error', 'fake', 'not ok',
     'unknown directive frobnicate', r'''
connect => 220
frobnicate
'''),
    ('skip', 'fake', 'skip', None, r'''
skip not today
connect => 220
'''),
    ('log checks, options and argv through a wrapper', 'wrap_log', 'ok',
     None, r'''
options foo=bar "--text=two words"
command $FAKEQMAIL arg1 "arg 2"
connect => 220
send QUIT => 221 test.example.com
logline ALLOWED from: a@b.example to: c@d.example
logline-count 1 ALLOWED from: a@b.example to: c@d.example
log ^spamdyke\[\d+\]: ARGS --log-target=stderr --log-level=verbose --dns-server-ip-primary=127\.0\.0\.1:\d+ --foo=bar --text=two words \S*fakeqmail arg1 arg 2$
log-count 2 ^spamdyke\[
log-not DENIED
backend argv arg1 "arg 2"
'''),
    ('log-not notices a line', 'wrap_log', 'not ok',
     'matching line: spamdyke[', r'''
connect => 220
log-not ALLOWED
'''),
    ('a script log-level replaces the default', 'wrap_log', 'ok', None,
     r'''
options log-level=info
connect => 220
log ARGS --log-target=stderr --dns-server-ip-primary=\S+ --log-level=info \S
'''),
    ('sanitizer reports fail the test', 'wrap_log', 'not ok',
     'sanitizer report', r'''
env SELFTEST_STDERR===42==ERROR: AddressSanitizer: heap-use-after-free
connect => 220
'''),
    ('backend left running is noticed', 'wrap_orphan', 'not ok',
     'was still running when spamdyke exited', r'''
allow-unread
env FAKEQMAIL_EOF_DELAY_MS=1000
start
exit 0
backend exited
'''),
    ('default NXDOMAIN responder', 'wrap_dns', 'ok', None, r'''
connect => 220
log PTR 1\.2\.0\.192\.in-addr\.arpa NXDOMAIN
dnslog ^udp 1\.2\.0\.192\.in-addr\.arpa PTR$
dnslog-count 1 PTR
'''),
    ('zone served by dnsserver.py', 'wrap_dns', 'ok', None, r'''
dns 1.2.0.192.in-addr.arpa PTR host.example.net
connect 192.0.2.1 => 220
log PTR 1\.2\.0\.192\.in-addr\.arpa host\.example\.net\.?$
dnslog 1\.2\.0\.192\.in-addr\.arpa PTR
dnslog-not \bA$
'''),
    ('smuggling_lf_dot_lf.t fails behind a naive relay', 'file:'
     'smuggling_lf_dot_lf.t', 'not ok', '554 Refused. Bare LF', None),
    ('smuggling_lf_dot_crlf.t fails behind a naive relay', 'file:'
     'smuggling_lf_dot_crlf.t', 'not ok', '554 Refused. Bare LF', None),
    ('smuggling_crlf_dot_lf.t fails behind a naive relay', 'file:'
     'smuggling_crlf_dot_lf.t', 'not ok', '554 Refused. Bare LF', None),
]

WRAPPERS = {'wrap_log': WRAP_LOG, 'wrap_orphan': WRAP_ORPHAN,
            'wrap_dns': WRAP_DNS, 'naive': WRAP_NAIVE}


def main():
    ap = argparse.ArgumentParser(description='Test the dialogue harness.')
    ap.add_argument('--build-dir', default=os.environ.get('BUILD_DIR',
                                                          'build'))
    ap.add_argument('-v', '--verbose', action='store_true')
    args = ap.parse_args()
    tmp = tempfile.mkdtemp(prefix='dlg-selftest-')
    wrappers = {}
    for name, text in WRAPPERS.items():
        path = os.path.join(tmp, name)
        with open(path, 'w') as f:
            f.write(text)
        os.chmod(path, stat.S_IRWXU)
        wrappers[name] = path

    def config(mode):
        ns = argparse.Namespace(
            build_dir=args.build_dir, spamdyke=None, fakeqmail=None,
            no_spamdyke=(mode == 'fake'), keep=False, verbose=False)
        if mode.startswith('file:'):
            ns.spamdyke = wrappers['naive']
        elif mode != 'fake':
            ns.spamdyke = wrappers[mode]
        return dialogue.Config(ns)

    print('1..%d' % len(CASES), flush=True)
    err = dialogue.ensure_fakeqmail(config('fake'))
    failed = 0
    for i, (title, mode, want, text, script) in enumerate(CASES, 1):
        if mode.startswith('file:'):
            path = os.path.join(dialogue.SRCDIR, 'tests', 'dialogue',
                                mode[5:])
        else:
            path = os.path.join(tmp, 'case%02d.t' % i)
            with open(path, 'w') as f:
                f.write(script.lstrip('\n'))
        if err:
            status, diag = 'not ok', [err]
        else:
            status, diag = dialogue.run_script(config(mode), path)
        flat = '\n'.join(diag)
        good = status == want and (text is None or text in flat)
        print('%s %d - %s' % ('ok' if good else 'not ok', i, title))
        if not good or args.verbose:
            failed += not good
            print('# wanted %s%s, got %s' % (
                want, ' with "%s"' % text if text else '', status))
            for d in diag:
                print('#   ' + d)
        sys.stdout.flush()
    for path in wrappers.values():
        os.unlink(path)
    for name in os.listdir(tmp):
        os.unlink(os.path.join(tmp, name))
    os.rmdir(tmp)
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
