#!/usr/bin/python3
"""dnsbench.py - how long spamdyke's DNS blacklists take to decide.

Starts the command after "--" (spamdyke ... BACKEND) the way tcpserver
would, with one end of a socketpair on its fds 0 and 1, and measures the
time from the start of the process to the first reply line (the greeting,
or the rejection that replaces it): spamdyke runs the connection-time
filters, and waits for their DNS answers, before it greets.  Then it says
QUIT and closes.  Prints one JSON object.

The DNS server is a responder inside this driver on 127.0.0.1 (UDP and
TCP) that answers every query after --delay milliseconds:

  --zones Z1,Z2,...  the blacklist zones (spamdyke is given the same zones
                     with dns-blacklist-entry; write @DNS@ for the server
                     address in its command line, as in smtpbench.py)
  --listed N         the first N zones list the client: A 127.0.0.2 and
                     TXT "listed by ZONE" for the reversed client address;
                     every other query (the other zones, the PTR query for
                     the client, anything else) is answered NXDOMAIN, after
                     the same delay.  0 (default): a clean client.

Every query is logged with its arrival time.  Reported: the decision time
of each run and the best of --runs runs; the queries of one run per zone
and per type (and whether every run asked the same), the other queries
(PTR), and when the queries arrived, relative to the process start (all
together at once, or some only after an earlier answer).

tests/harness/dnsserver.py is not used because it answers NXDOMAIN at
once: its DELAY applies to records only.
"""

import argparse
import heapq
import json
import os
import selectors
import socket
import subprocess
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import smtpbench  # noqa: E402

CRLF = b"\r\n"


class DelayedDns(threading.Thread):
    """UDP+TCP DNS responder on 127.0.0.1; every answer leaves `delay`
    seconds after its query arrived.  Needs python3-dnslib."""

    def __init__(self, delay, listed_names):
        super().__init__(daemon=True)
        import dnslib
        self.d = dnslib
        self.delay = delay
        self.listed = listed_names          # qname -> zone
        self.sel = selectors.DefaultSelector()
        for _ in range(50):
            udp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
            udp.bind(("127.0.0.1", 0))
            port = udp.getsockname()[1]
            tcp = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            tcp.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            try:
                tcp.bind(("127.0.0.1", port))
            except OSError:
                udp.close()
                tcp.close()
                continue
            break
        else:
            raise RuntimeError("no free port for the DNS responder")
        tcp.listen(16)
        udp.setblocking(False)
        tcp.setblocking(False)
        self.udp, self.tcp, self.port = udp, tcp, port
        self.sel.register(udp, selectors.EVENT_READ, self.on_udp)
        self.sel.register(tcp, selectors.EVENT_READ, self.on_accept)
        self.wake_r, self.wake_w = os.pipe()
        self.sel.register(self.wake_r, selectors.EVENT_READ, None)
        self.timers = []
        self.seq = 0
        self.lock = threading.Lock()
        self.log = []                       # (t, proto, qname, qtype)
        self.stop = False

    def take_log(self):
        with self.lock:
            log, self.log = self.log, []
        return log

    def answer(self, data, proto):
        d = self.d
        try:
            q = d.DNSRecord.parse(data)
        except Exception:
            return None
        qname = str(q.q.qname).lower().rstrip(".")
        qtype = d.QTYPE.get(q.q.qtype)
        with self.lock:
            self.log.append((time.perf_counter(), proto, qname, qtype))
        a = q.reply()
        a.header.ra = 1
        zone = self.listed.get(qname)
        if zone is not None and qtype == "A":
            a.add_answer(d.RR(q.q.qname, d.QTYPE.A, rdata=d.A("127.0.0.2"),
                              ttl=60))
        elif zone is not None and qtype == "TXT":
            a.add_answer(d.RR(q.q.qname, d.QTYPE.TXT,
                              rdata=d.TXT([("listed by " + zone).encode()]),
                              ttl=60))
        elif zone is None:
            a.header.rcode = d.RCODE.NXDOMAIN
        # else: a listed name, another type: NOERROR without records
        return a.pack()

    def later(self, fn):
        self.seq += 1
        heapq.heappush(self.timers,
                       (time.monotonic() + self.delay, self.seq, fn))

    def on_udp(self, sock):
        try:
            data, peer = sock.recvfrom(65535)
        except BlockingIOError:
            return
        pkt = self.answer(data, "udp")
        if pkt is not None:
            self.later(lambda: self.udp.sendto(pkt, peer))

    def on_accept(self, sock):
        try:
            conn, _ = sock.accept()
        except BlockingIOError:
            return
        conn.setblocking(False)
        buf = bytearray()
        self.sel.register(conn, selectors.EVENT_READ,
                          lambda c: self.on_tcp(c, buf))

    def on_tcp(self, conn, buf):
        try:
            data = conn.recv(65535)
        except BlockingIOError:
            return
        except OSError:
            data = b""
        if not data:
            self.sel.unregister(conn)
            conn.close()
            return
        buf += data
        while len(buf) >= 2 and len(buf) >= 2 + int.from_bytes(buf[:2], "big"):
            n = int.from_bytes(buf[:2], "big")
            msg = bytes(buf[2:2 + n])
            del buf[:2 + n]
            pkt = self.answer(msg, "tcp")
            if pkt is not None:
                frame = len(pkt).to_bytes(2, "big") + pkt
                self.later(lambda c=conn, f=frame: self.tcp_send(c, f))

    @staticmethod
    def tcp_send(conn, frame):
        try:
            conn.setblocking(True)
            conn.sendall(frame)
            conn.setblocking(False)
        except OSError:
            pass

    def run(self):
        while not self.stop:
            timeout = 0.5
            if self.timers:
                timeout = max(0.0, self.timers[0][0] - time.monotonic())
            for key, _ in self.sel.select(timeout):
                if key.data is None:
                    os.read(self.wake_r, 64)
                else:
                    key.data(key.fileobj)
            now = time.monotonic()
            while self.timers and self.timers[0][0] <= now:
                try:
                    heapq.heappop(self.timers)[2]()
                except OSError:
                    pass

    def shutdown(self):
        self.stop = True
        os.write(self.wake_w, b"x")


def read_reply(sock, timeout):
    """One complete SMTP reply (all lines) or what came before EOF."""
    sock.settimeout(timeout)
    buf = b""
    while True:
        while b"\n" not in buf:
            chunk = sock.recv(4096)
            if not chunk:
                return buf
            buf += chunk
        lines = buf.split(b"\n")
        for line in lines[:-1]:
            if len(line) < 4 or line[3:4] != b"-":
                return buf
        # continuation lines only so far: read more
        chunk = sock.recv(4096)
        if not chunk:
            return buf
        buf += chunk


def reap(procs, timeout):
    deadline = time.monotonic() + timeout
    while True:
        try:
            pid, _, _ = os.wait4(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            if time.monotonic() > deadline:
                for p in procs:
                    try:
                        os.kill(p.pid, 9)
                    except ProcessLookupError:
                        pass
                raise RuntimeError("server did not exit within %ss" % timeout)
            time.sleep(0.001)


def one_session(argv, env, timeout):
    ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
    t0 = time.perf_counter()
    p = subprocess.Popen(argv, stdin=theirs, stdout=theirs, env=env,
                         close_fds=True)
    theirs.close()
    try:
        greeting = read_reply(ours, timeout)
        t1 = time.perf_counter()
        try:
            ours.sendall(b"QUIT" + CRLF)
            read_reply(ours, timeout)
            ours.shutdown(socket.SHUT_WR)
            while ours.recv(4096):
                pass
        except OSError:
            pass                        # a rejecting server may have gone
    finally:
        ours.close()
    reap([p], timeout)
    return t0, t1, greeting


def classify(log, zones, t0):
    """Queries per zone and type, the others, and arrival times (ms)."""
    per = {z: {} for z in zones}
    other = {}
    times = []
    for t, proto, qname, qtype in log:
        times.append((t - t0) * 1e3)
        key = qtype if proto == "udp" else qtype + "/tcp"
        for z in zones:
            if qname == z or qname.endswith("." + z):
                per[z][key] = per[z].get(key, 0) + 1
                break
        else:
            kind = "PTR" if qname.endswith(".in-addr.arpa") or \
                qname.endswith(".ip6.arpa") else "other"
            other[kind + " " + key] = other.get(kind + " " + key, 0) + 1
    return per, other, sorted(times)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--zones", default="bl1.bench.test,bl2.bench.test,"
                    "bl3.bench.test,bl4.bench.test,bl5.bench.test")
    ap.add_argument("--listed", type=int, default=0)
    ap.add_argument("--delay", type=float, default=200.0,
                    help="answer delay in ms (default 200)")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--remote-ip", default="192.0.2.10",
                    help="TCPREMOTEIP (not 127.0.0.1: local clients are "
                    "never looked up in DNS lists)")
    ap.add_argument("--timeout", type=float, default=60.0)
    ap.add_argument("argv", nargs=argparse.REMAINDER)
    args = ap.parse_args()
    argv = args.argv[1:] if args.argv[:1] == ["--"] else args.argv
    if not argv:
        ap.error("no server command after --")
    zones = [z.strip().lower().rstrip(".") for z in args.zones.split(",")
             if z.strip()]
    rev = ".".join(reversed(args.remote_ip.split(".")))
    listed = {rev + "." + z: z for z in zones[:args.listed]}

    dns = DelayedDns(args.delay / 1e3, listed)
    dns.start()
    argv = [a.replace("@DNS@", "127.0.0.1:%d" % dns.port) for a in argv]
    env = smtpbench.tcpserver_env(args.remote_ip)

    runs = []
    for _ in range(args.runs):
        dns.take_log()
        t0, t1, greeting = one_session(argv, env, args.timeout)
        time.sleep(args.delay / 1e3 + 0.05)     # late queries' answers
        per, other, times = classify(dns.take_log(), zones, t0)
        runs.append({"ms": (t1 - t0) * 1e3, "per": per, "other": other,
                     "times": times,
                     "greeting": greeting.decode("latin-1").strip()})
    dns.shutdown()

    first = runs[0]
    same = all(r["per"] == first["per"] and r["other"] == first["other"]
               for r in runs)
    per_list = sorted({sum(c.values()) for c in first["per"].values()})
    out = {
        "zones": zones,
        "listed": args.listed,
        "delay_ms": args.delay,
        "runs": args.runs,
        "ms_each": [round(r["ms"], 2) for r in runs],
        "ms_best": min(r["ms"] for r in runs),
        "greeting": first["greeting"],
        "queries_per_zone": first["per"],
        "queries_per_list": per_list[0] if len(per_list) == 1 else per_list,
        "queries_other": first["other"],
        "queries_total": sum(sum(c.values()) for c in first["per"].values())
        + sum(first["other"].values()),
        "query_times_ms": [round(t, 2) for t in first["times"]],
        "same_queries_every_run": same,
    }
    json.dump(out, sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    try:
        main()
    except (RuntimeError, OSError) as e:
        sys.stderr.write("dnsbench: %s\n" % e)
        sys.exit(1)
