#!/usr/bin/python3
"""tlsbench.py - cost of a spamdyke session with and without TLS.

Like smtpbench.py (whose client, DNS responder and callgrind reading it
uses), it runs the command after "--" (spamdyke ... BACKEND) with one end
of a socketpair on fds 0 and 1, and drives one session per run: greeting,
EHLO, [STARTTLS, TLS handshake (Python's ssl module, TLS 1.2 or newer, the
certificate not verified), EHLO again,] MAIL, RCPT, DATA with a --size
byte message, QUIT.  --starttls selects the bracketed part; without it the
session is plain whether or not the server has a certificate configured.
Prints one JSON object.

Measurements:
  --callgrind FILE   one session under valgrind --tool=callgrind (without
                     --trace-children: the server process only); the Ir
                     total of FILE.
  --runs N           N sessions without valgrind: the wall time of each
                     (process start .. server reaped; best and median
                     reported).  The driver is a child subreaper, so every
                     process of the session is reaped.
  --mem-runs M       then M sessions (default 3) with the server started
                     by GNU time (--time, default /usr/bin/time): its %M,
                     the peak resident set of the server process (plus any
                     child it reaps itself), largest of the M runs.  Not
                     wait4() of the server directly: Linux carries the peak
                     RSS across execve(), so a process forked by this
                     Python driver starts at the driver's ~19 MB; GNU
                     time's child starts at time's ~1 MB.
  --dns              as in smtpbench.py: a responder on 127.0.0.1 answers
                     the PTR query; write @DNS@ in the server's options.
"""

import argparse
import json
import os
import socket
import ssl
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import smtpbench  # noqa: E402

TIME = "/usr/bin/time"


def session(client, message, starttls):
    client.cmd(None, 2)                         # greeting
    code, lines = None, None
    client.sock.sendall(b"EHLO bench.example.org\r\n")
    code, lines = client.reply()
    if code // 100 != 2:
        raise RuntimeError("EHLO: %r" % lines)
    if starttls:
        if b"STARTTLS" not in lines.upper():
            raise RuntimeError("no STARTTLS in the EHLO reply %r" % lines)
        client.cmd("STARTTLS", 2)
        if client.buf:
            raise RuntimeError("data after the 220 to STARTTLS")
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
        ctx.check_hostname = False
        ctx.verify_mode = ssl.CERT_NONE
        ctx.minimum_version = ssl.TLSVersion.TLSv1_2
        client.sock = ctx.wrap_socket(client.sock, server_hostname="mail.test")
        client.cmd("EHLO bench.example.org", 2)
        info = (client.sock.version(), client.sock.cipher()[0])
    else:
        info = None
    client.cmd("MAIL FROM:<bench@example.org>", 2)
    client.cmd("RCPT TO:<user@example.com>", 2)
    client.cmd("DATA", 3)
    client.sock.sendall(message + b".\r\n")
    client.cmd(None, 2)
    client.cmd("QUIT", 2)
    if starttls:
        try:
            client.sock = client.sock.unwrap()
        except (ssl.SSLError, OSError):
            pass
    return info


def reap_all(procs, timeout):
    """wait4() every child (reparented orphans too); {pid: rusage}."""
    usage = {}
    deadline = time.monotonic() + timeout
    while True:
        try:
            pid, status, ru = os.wait4(-1, os.WNOHANG)
        except ChildProcessError:
            return usage
        if pid == 0:
            if time.monotonic() > deadline:
                for p in procs:
                    try:
                        os.kill(p.pid, 9)
                    except ProcessLookupError:
                        pass
                raise RuntimeError("server did not exit within %ss" % timeout)
            time.sleep(0.0002)
            continue
        usage[pid] = ru
        for p in procs:
            if p.pid == pid:
                p.returncode = status


def one_session(argv, env, message, starttls, timeout, memfile=None):
    if memfile is not None:
        argv = [TIME, "-f", "%M", "-o", memfile] + argv
    ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
    start = time.perf_counter()
    p = subprocess.Popen(argv, stdin=theirs, stdout=theirs, env=env,
                         close_fds=True)
    theirs.close()
    client = smtpbench.Client(ours, timeout)
    try:
        info = session(client, message, starttls)
        sock = client.sock
        sock.shutdown(socket.SHUT_WR)
        while True:
            try:
                if not sock.recv(65536):
                    break
            except (socket.timeout, OSError):
                break
    finally:
        client.sock.close()
    usage = reap_all([p], timeout)
    wall = time.perf_counter() - start
    if p.returncode != 0:
        raise RuntimeError("server exited with status %r" % p.returncode)
    ru = usage[p.pid]
    out = {"wall": wall, "pid": p.pid, "cpu": ru.ru_utime + ru.ru_stime,
           "tls": info}
    if memfile is not None:
        with open(memfile) as f:
            out["maxrss_kb"] = int(f.read().split()[-1])
        os.unlink(memfile)
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--starttls", action="store_true")
    ap.add_argument("--size", type=int, default=1024)
    ap.add_argument("--runs", type=int, default=1)
    ap.add_argument("--mem-runs", type=int, default=3)
    ap.add_argument("--time", default="/usr/bin/time",
                    help="GNU time, for --mem-runs")
    ap.add_argument("--callgrind", metavar="FILE")
    ap.add_argument("--dns", action="store_true")
    ap.add_argument("--remote-ip", default="127.0.0.1")
    ap.add_argument("--timeout", type=float, default=120.0)
    ap.add_argument("argv", nargs=argparse.REMAINDER)
    args = ap.parse_args()
    argv = args.argv[1:] if args.argv[:1] == ["--"] else args.argv
    if not argv:
        ap.error("no server command after --")

    env = smtpbench.tcpserver_env(args.remote_ip)

    dns = None
    if args.dns:
        dns = smtpbench.DnsResponder()
        dns.start()
        argv = [a.replace("@DNS@", "127.0.0.1:%d" % dns.port) for a in argv]
    if args.callgrind:
        argv = ["valgrind", "--tool=callgrind", "--quiet",
                "--callgrind-out-file=" + args.callgrind + ".%p"] + argv

    smtpbench.become_subreaper()
    message = smtpbench.make_message(args.size)
    results = [one_session(argv, env, message, args.starttls, args.timeout)
               for _ in range(args.runs)]
    mem = []
    if not args.callgrind and args.mem_runs > 0:
        global TIME
        TIME = args.time
        memfile = os.path.join(os.environ.get("TMPDIR", "/tmp"),
                               "tlsbench.%d.mem" % os.getpid())
        mem = [one_session(argv, env, message, args.starttls, args.timeout,
                           memfile)["maxrss_kb"]
               for _ in range(args.mem_runs)]
    walls = sorted(r["wall"] for r in results)
    out = {
        "starttls": args.starttls,
        "size": len(message),
        "runs": args.runs,
        "wall_best": walls[0],
        "wall_median": walls[len(walls) // 2],
        "maxrss_kb": max(mem) if mem else None,
        "cpu_per_session": sum(r["cpu"] for r in results) / args.runs,
        "dns_queries": dns.queries if dns else 0,
        "tls": results[0]["tls"],
    }
    if args.callgrind:
        irs = []
        for r in results:
            path = "%s.%d" % (args.callgrind, r["pid"])
            irs.append(smtpbench.callgrind_total(path))
            os.replace(path, args.callgrind)
        out["ir"] = sum(irs) // len(irs)
    if dns:
        dns.stop = True
    json.dump(out, sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    try:
        main()
    except (RuntimeError, EOFError, OSError, ssl.SSLError) as e:
        sys.stderr.write("tlsbench: %s\n" % e)
        sys.exit(1)
