#!/usr/bin/python3
"""smtpbench.py - scripted SMTP client for the spamdyke benchmarks.

Runs complete SMTP sessions (greeting, EHLO, MAIL, RCPT, DATA with a message
of --size bytes, QUIT) against a program that speaks SMTP on its stdin and
stdout, the way tcpserver runs spamdyke: the program's fd 0 and fd 1 are one
end of a socketpair.  Prints one JSON object with the measurements.

Topologies (--via):
  cmd     the command after "--" is the server (e.g. spamdyke ... fakeqmail,
          or fakeqmail alone); its fds 0/1 are the socket.
  cat     client -> socket -> cat -> pipe -> BACKEND, BACKEND's replies go
          straight back into the socket.  The same bytes cross one extra
          process that copies them and does nothing else: the ideal relay
          spamdyke is compared with.

Measurements:
  --callgrind FILE   run the server under valgrind --tool=callgrind (without
                     --trace-children, so only that process is counted) and
                     report the Ir total of FILE.
  --runs N           repeat the session N times and report CPU time (user+sys
                     from wait4() of every process of the session: we are
                     a child subreaper, so a backend that outlives the
                     server is counted too) and wall time; the data phase
                     is timed separately (first body byte sent .. the 250
                     after the final dot).
  --dns              answer the server's DNS queries from a responder on
                     127.0.0.1 (PTR of 127.0.0.1 -> localhost, anything else
                     NXDOMAIN); the server must be given "--dns-server-ip="
                     followed by the text @DNS@, which is replaced by
                     127.0.0.1:PORT.  Without it no DNS server is offered.

Everything runs on loopback and stops by itself (every read has a timeout).
"""

import argparse
import json
import os
import re
import socket
import subprocess
import sys
import threading
import time

CRLF = b"\r\n"


# ---------------------------------------------------------------- messages

def make_message(size):
    """A message of exactly size bytes (at least the headers and one line):
    headers, then 78-byte lines, CRLF line ends, no line starting with '.'.
    The final ".\r\n" is not part of it."""
    head = (b"From: bench <bench@example.org>\r\n"
            b"To: user <user@example.com>\r\n"
            b"Subject: spamdyke benchmark\r\n"
            b"Message-ID: <bench@example.org>\r\n"
            b"\r\n")
    line = (b"abcdefghijklmnopqrstuvwxyz0123456789" * 3)[:76] + CRLF
    n = max(size - len(head), len(line))
    full, rest = divmod(n, len(line))
    if rest == 1:                   # no room for a CRLF: lengthen one line
        full -= 1
        rest += len(line)
    body = line * full
    if rest:
        body += b"x" * (rest - 2) + CRLF
    return head + body


# ---------------------------------------------------------------- DNS

class DnsResponder(threading.Thread):
    """Minimal UDP responder on 127.0.0.1 (needs python3-dnslib)."""

    def __init__(self):
        super().__init__(daemon=True)
        import dnslib  # noqa: F401  (Debian: python3-dnslib)
        self.dnslib = dnslib
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.settimeout(0.5)
        self.port = self.sock.getsockname()[1]
        self.stop = False
        self.queries = 0

    def run(self):
        d = self.dnslib
        while not self.stop:
            try:
                data, peer = self.sock.recvfrom(4096)
            except socket.timeout:
                continue
            except OSError:
                return
            try:
                q = d.DNSRecord.parse(data)
            except Exception:
                continue
            self.queries += 1
            a = q.reply()
            qn = str(q.q.qname).lower().rstrip(".")
            if q.q.qtype == d.QTYPE.PTR and qn == "1.0.0.127.in-addr.arpa":
                a.add_answer(d.RR(q.q.qname, d.QTYPE.PTR,
                                  rdata=d.PTR("localhost."), ttl=60))
            elif qn == "localhost" and q.q.qtype == d.QTYPE.A:
                a.add_answer(d.RR(q.q.qname, d.QTYPE.A,
                                  rdata=d.A("127.0.0.1"), ttl=60))
            else:
                a.header.rcode = d.RCODE.NXDOMAIN
            try:
                self.sock.sendto(a.pack(), peer)
            except OSError:
                pass


# ---------------------------------------------------------------- client

class Client:
    def __init__(self, sock, timeout):
        self.sock = sock
        self.sock.settimeout(timeout)
        self.buf = b""

    def reply(self):
        """Read one complete reply; return (code, text of all lines)."""
        lines = []
        while True:
            while CRLF not in self.buf and b"\n" not in self.buf:
                chunk = self.sock.recv(65536)
                if not chunk:
                    raise EOFError("server closed the connection; got %r"
                                   % (b"".join(lines) + self.buf))
                self.buf += chunk
            i = self.buf.index(b"\n")
            line, self.buf = self.buf[:i + 1], self.buf[i + 1:]
            lines.append(line)
            if len(line) < 4 or line[3:4] != b"-":
                code = int(line[:3]) if line[:3].isdigit() else 0
                return code, b"".join(lines)

    def cmd(self, text, want):
        if text is not None:
            self.sock.sendall(text.encode() + CRLF)
        code, lines = self.reply()
        if code // 100 != want:
            raise RuntimeError("%r: expected %dxx, got %r"
                               % (text, want, lines))
        return code

    def session(self, message):
        """One clean session; returns the data-phase duration in seconds."""
        self.cmd(None, 2)                       # greeting
        self.cmd("EHLO bench.example.org", 2)
        self.cmd("MAIL FROM:<bench@example.org>", 2)
        self.cmd("RCPT TO:<user@example.com>", 2)
        self.cmd("DATA", 3)
        t0 = time.perf_counter()
        view = memoryview(message)
        for off in range(0, len(view), 262144):
            self.sock.sendall(view[off:off + 262144])
        self.sock.sendall(b".\r\n")
        self.cmd(None, 2)
        t1 = time.perf_counter()
        self.cmd("QUIT", 2)
        return t1 - t0


# ---------------------------------------------------------------- running

def become_subreaper():
    """Orphans (a backend that outlives spamdyke) are reparented to us, so
    that their CPU time is counted too."""
    try:
        import ctypes
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(36, 1, 0, 0, 0)          # PR_SET_CHILD_SUBREAPER
    except (OSError, AttributeError):
        pass


def reap_all(procs, timeout):
    """wait4() every child, including reparented orphans, with a deadline;
    return the summed user+sys CPU seconds."""
    cpu = 0.0
    deadline = time.monotonic() + timeout
    while True:
        try:
            pid, status, ru = os.wait4(-1, os.WNOHANG)
        except ChildProcessError:
            return cpu
        if pid == 0:
            if time.monotonic() > deadline:
                for p in procs:
                    if p.returncode is None:
                        try:
                            os.kill(p.pid, 9)
                        except ProcessLookupError:
                            pass
                raise RuntimeError("server did not exit within %ss" % timeout)
            time.sleep(0.0005)
            continue
        cpu += ru.ru_utime + ru.ru_stime
        for p in procs:
            if p.pid == pid:
                p.returncode = status


def one_session(args, argv, env, message):
    """Run one session; returns dict with cpu (s), wall (s), data (s) and
    the pid of the server process."""
    ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
    start = time.perf_counter()
    procs = []
    if args.via == "cmd":
        p = subprocess.Popen(argv, stdin=theirs, stdout=theirs, env=env,
                             close_fds=True)
        procs.append(p)
    else:  # cat -> backend
        r, w = os.pipe()
        cat = subprocess.Popen(["cat"], stdin=theirs, stdout=w, env=env,
                               close_fds=True)
        be = subprocess.Popen(argv, stdin=r, stdout=theirs, env=env,
                              close_fds=True)
        os.close(r)
        os.close(w)
        procs += [cat, be]
    theirs.close()
    client = Client(ours, args.timeout)
    try:
        data = client.session(message)
        # after the 221, close our side like a client does (cat needs the
        # EOF to exit) and wait for the server to close its end
        ours.shutdown(socket.SHUT_WR)
        while True:
            try:
                if not ours.recv(65536):
                    break
            except socket.timeout:
                break
    finally:
        ours.close()
    cpu = reap_all(procs, args.timeout)
    wall = time.perf_counter() - start
    return {"cpu": cpu, "wall": wall, "data": data, "pid": procs[-1].pid
            if args.via == "cat" else procs[0].pid}


def callgrind_total(path):
    total = None
    with open(path, "r", errors="replace") as f:
        for line in f:
            m = re.match(r"^(summary|totals):\s+(\d+)", line)
            if m:
                total = int(m.group(2))
    if total is None:
        raise RuntimeError("no summary/totals line in %s" % path)
    return total


def tcpserver_env(remote_ip):
    """The environment tcpserver gives a connection (and nothing left of
    ours that would change spamdyke's behaviour)."""
    env = dict(os.environ)
    for k in list(env):
        if k.startswith("TCP") or k in ("RELAYCLIENT", "SMTPS"):
            del env[k]
    env.update({"PROTO": "TCP", "TCPLOCALIP": "127.0.0.1",
                "TCPLOCALPORT": "25", "TCPREMOTEPORT": "40000"})
    if remote_ip:
        env["TCPREMOTEIP"] = remote_ip
    return env


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--via", choices=["cmd", "cat"], default="cmd")
    ap.add_argument("--size", type=int, default=1024,
                    help="message size in bytes (default 1024)")
    ap.add_argument("--runs", type=int, default=1)
    ap.add_argument("--callgrind", metavar="FILE")
    ap.add_argument("--dns", action="store_true")
    ap.add_argument("--remote-ip", default="127.0.0.1",
                    help="TCPREMOTEIP for the server ('' = unset)")
    ap.add_argument("--timeout", type=float, default=120.0)
    ap.add_argument("argv", nargs=argparse.REMAINDER)
    args = ap.parse_args()
    argv = args.argv[1:] if args.argv[:1] == ["--"] else args.argv
    if not argv:
        ap.error("no server command after --")

    env = tcpserver_env(args.remote_ip)

    dns = None
    if args.dns:
        dns = DnsResponder()
        dns.start()
        argv = [a.replace("@DNS@", "127.0.0.1:%d" % dns.port) for a in argv]

    if args.callgrind:
        # %p: a forked child that exits under valgrind before its exec
        # must not overwrite the server's file.
        argv = ["valgrind", "--tool=callgrind", "--quiet",
                "--callgrind-out-file=" + args.callgrind + ".%p"] + argv

    become_subreaper()
    message = make_message(args.size)
    results = [one_session(args, argv, env, message) for _ in range(args.runs)]
    out = {
        "via": args.via,
        "size": len(message),
        "runs": args.runs,
        "cpu_total": sum(r["cpu"] for r in results),
        "cpu_per_session": sum(r["cpu"] for r in results) / args.runs,
        "wall_per_session": sum(r["wall"] for r in results) / args.runs,
        "data_best": min(r["data"] for r in results),
        "dns_queries": dns.queries if dns else 0,
    }
    if args.callgrind:
        irs = []
        for r in results:
            path = "%s.%d" % (args.callgrind, r["pid"])
            irs.append(callgrind_total(path))
            os.replace(path, args.callgrind)
        out["ir"] = sum(irs) // len(irs)
    if dns:
        dns.stop = True
    json.dump(out, sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    try:
        main()
    except (RuntimeError, EOFError, OSError) as e:
        sys.stderr.write("smtpbench: %s\n" % e)
        sys.exit(1)
