#!/usr/bin/python3
"""dnsserver.py - a scripted DNS server for spamdyke's tests (UDP and TCP).

Usage:
    /usr/bin/python3 tests/harness/dnsserver.py --zone ZONEFILE [--port 0]
        [--address 127.0.0.1] [--query-log FILE] [--ignore-stdin]

Binds UDP and TCP on the same port of ADDRESS (port 0: any free port),
prints "PORT <n>" as its first line on stdout (flushed) once it is ready,
and serves until it is killed or its standard input reaches end of file
(--ignore-stdin: only until killed).  With --query-log every query received
is appended to FILE as one flushed line "<udp|tcp> <qname> <QTYPE>" (qname
lowercased, without the final dot), before any behaviour applies, so tests
can assert what was asked and how often.

Zone file: one entry per line; blank lines and lines starting with '#' are
ignored.  Names are case-insensitive, a final dot is optional, and a name
"*.zone" matches every name below zone that has no entry of its own.

    name A 192.0.2.1                 records; several lines add several
    name AAAA 2001:db8::1            records, answered in file order
    name PTR host.example
    name TXT "first string" "second" (several strings allowed; the quotes
                                      may be left out for one plain word)
    name MX 10 mx.example
    name CNAME target.example        the answer also carries the target's
                                     records (chased in this zone, like a
                                     recursive server) unless NOCHASE is set
    name NS ns.example
    name SOA ns.example hostmaster.example 1 7200 900 1209600 300

Behaviours (TYPE, where optional, limits the behaviour to that query type):

    name NXDOMAIN                    rcode NXDOMAIN, no records
    name SERVFAIL [TYPE]             rcode SERVFAIL
    name REFUSED [TYPE]              rcode REFUSED
    name DROP [TYPE]                 never answer
    name DROPFIRST <n> [TYPE]        ignore the first n queries, then answer
    name DELAY <ms> TYPE data        a record (as "name TYPE data") whose
                                     queries are answered <ms> late
    name TRUNCATE TYPE data          a record; over UDP the answer has TC set
                                     and no records, over TCP it is complete
    name WRONGID TYPE data           before the real answer, send one with a
                                     wrong id carrying this (fake) record
    name WRONGNAME TYPE data         before the real answer, send one with the
                                     right id but another question name,
                                     carrying this (fake) record
    name GARBAGE [TYPE]              answer with a packet that does not parse
                                     (answer count larger than the records)
    name NOCHASE                     CNAME answers for name hold the CNAME only

A name without any entry gets NXDOMAIN; a name with entries but none of the
asked type gets an empty NOERROR answer (NODATA).  A UDP answer longer than
512 bytes is sent truncated (TC, no records) as a real server would.
"""

import argparse
import heapq
import os
import selectors
import socket
import sys
import time

from dnslib import (AAAA, A, CNAME, MX, NS, PTR, QTYPE, RCODE, RR, SOA, TXT,
                    DNSRecord)

BEHAVIOURS = {"NXDOMAIN", "SERVFAIL", "REFUSED", "DROP", "DROPFIRST", "DELAY",
              "TRUNCATE", "WRONGID", "WRONGNAME", "GARBAGE", "NOCHASE"}
UDP_MAX = 512


def norm(name):
    name = str(name).lower()
    return name[:-1] if name.endswith(".") else name


def split_words(text):
    """Split at blanks, keeping "quoted strings" (with \\" and \\\\)."""
    words, cur, quoted, inword, i = [], "", False, False, 0
    while i < len(text):
        c = text[i]
        if quoted:
            if c == "\\" and i + 1 < len(text):
                i += 1
                cur += text[i]
            elif c == '"':
                quoted = False
            else:
                cur += c
        elif c == '"':
            quoted = inword = True
        elif c in " \t":
            if inword:
                words.append(cur)
                cur, inword = "", False
        else:
            cur += c
            inword = True
        i += 1
    if inword:
        words.append(cur)
    return words


def make_rdata(rtype, args):
    if rtype == "A":
        return A(args[0])
    if rtype == "AAAA":
        return AAAA(args[0])
    if rtype == "PTR":
        return PTR(args[0])
    if rtype == "CNAME":
        return CNAME(args[0])
    if rtype == "NS":
        return NS(args[0])
    if rtype == "MX":
        return MX(args[1], int(args[0]))
    if rtype == "TXT":
        return TXT([a.encode("latin-1") for a in args])
    if rtype == "SOA":
        return SOA(args[0], args[1], tuple(int(x) for x in args[2:7]))
    raise ValueError("unknown record type " + rtype)


class Zone:
    def __init__(self, path):
        self.records = {}       # name -> [(TYPE, rdata)]
        self.flags = {}         # name -> [(BEHAVIOUR, TYPE or None, arg)]
        self.fakes = {}         # (name, TYPE, kind) -> [rdata]
        self.delays = {}        # (name, TYPE) -> ms
        self.truncate = set()   # (name, TYPE)
        self.names = set()
        with open(path, encoding="latin-1") as f:
            for lineno, line in enumerate(f, 1):
                line = line.strip()
                if not line or line.startswith("#"):
                    continue
                try:
                    self.add(split_words(line))
                except (ValueError, IndexError) as e:
                    sys.exit("%s:%d: %s: %s" % (path, lineno, e, line))

    def add(self, w):
        name, kind, rest = norm(w[0]), w[1].upper(), w[2:]
        self.names.add(name)
        if kind not in BEHAVIOURS:
            make_rdata(kind, rest)          # validate now
            self.records.setdefault(name, []).append((kind, rest))
            return
        flags = self.flags.setdefault(name, [])
        if kind in ("NXDOMAIN", "NOCHASE"):
            flags.append((kind, None, None))
        elif kind in ("SERVFAIL", "REFUSED", "DROP", "GARBAGE"):
            flags.append((kind, rest[0].upper() if rest else None, None))
        elif kind == "DROPFIRST":
            flags.append((kind, rest[1].upper() if len(rest) > 1 else None,
                          [int(rest[0])]))
        elif kind == "DELAY":
            rtype = rest[1].upper()
            self.delays[(name, rtype)] = int(rest[0])
            self.add([name, rtype] + rest[2:])
        elif kind == "TRUNCATE":
            self.truncate.add((name, rest[0].upper()))
            self.add([name] + rest)
        else:                               # WRONGID, WRONGNAME
            make_rdata(rest[0].upper(), rest[1:])
            self.fakes.setdefault((name, rest[0].upper(), kind), []).append(
                (rest[0].upper(), rest[1:]))

    def owner(self, name):
        """The zone entry answering for name, or None."""
        if name in self.names:
            return name
        parts = name.split(".")
        for i in range(1, len(parts)):
            wild = "*." + ".".join(parts[i:])
            if wild in self.names:
                return wild
        return None

    def flag(self, entry, kind, qtype):
        for k, t, arg in self.flags.get(entry, []):
            if k == kind and (t is None or t == qtype):
                return (k, t, arg)
        return None


class Server:
    def __init__(self, zone, address, port, log):
        self.zone, self.log = zone, log
        self.sel = selectors.DefaultSelector()
        self.timers = []        # (when, seq, fn)
        self.seq = 0
        family = socket.AF_INET6 if ":" in address else socket.AF_INET
        for _ in range(50):
            udp = socket.socket(family, socket.SOCK_DGRAM)
            udp.bind((address, port))
            p = udp.getsockname()[1]
            tcp = socket.socket(family, socket.SOCK_STREAM)
            tcp.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            try:
                tcp.bind((address, p))
            except OSError:
                udp.close()
                tcp.close()
                if port != 0:
                    raise
                continue
            break
        else:
            sys.exit("no free port")
        tcp.listen(16)
        udp.setblocking(False)
        tcp.setblocking(False)
        self.udp, self.tcp, self.port = udp, tcp, p
        self.sel.register(udp, selectors.EVENT_READ, self.on_udp)
        self.sel.register(tcp, selectors.EVENT_READ, self.on_accept)

    def later(self, ms, fn):
        self.seq += 1
        heapq.heappush(self.timers, (time.monotonic() + ms / 1000.0,
                                     self.seq, fn))

    # ---- answering ----

    def rr(self, name, rtype, args):
        return RR(name, getattr(QTYPE, rtype), rdata=make_rdata(rtype, args),
                  ttl=60)

    def answer(self, req, proto):
        """Return [(delay_ms, bytes)] to send, possibly empty (drop)."""
        q = req.q
        qname = norm(q.qname)
        qtype = QTYPE.get(q.qtype)
        if self.log:
            self.log.write("%s %s %s\n" % (proto, qname, qtype))
            self.log.flush()
        zone = self.zone
        entry = zone.owner(qname)
        reply = req.reply()
        reply.header.ra = 0
        if entry is None:
            reply.header.rcode = RCODE.NXDOMAIN
            return [(0, reply.pack())]
        if zone.flag(entry, "DROP", qtype):
            return []
        f = zone.flag(entry, "DROPFIRST", qtype)
        if f and f[2][0] > 0:
            f[2][0] -= 1
            return []
        if zone.flag(entry, "NXDOMAIN", qtype):
            reply.header.rcode = RCODE.NXDOMAIN
            return [(0, reply.pack())]
        for kind in ("SERVFAIL", "REFUSED"):
            if zone.flag(entry, kind, qtype):
                reply.header.rcode = getattr(RCODE, kind)
                return [(0, reply.pack())]
        delay = 0
        owner, name, seen = entry, qname, set()
        for _ in range(20):             # chase CNAMEs inside the zone
            recs = zone.records.get(owner, [])
            delay = max(delay, zone.delays.get((owner, qtype), 0))
            hits = [r for r in recs if r[0] == qtype or qtype == "ANY"]
            for rtype, args in hits:
                reply.add_answer(self.rr(name, rtype, args))
            alias = [r for r in recs if r[0] == "CNAME"]
            if hits or not alias or qtype == "CNAME":
                break
            reply.add_answer(self.rr(name, "CNAME", alias[0][1]))
            if zone.flag(owner, "NOCHASE", qtype):
                break
            name = norm(alias[0][1][0])
            seen.add(owner)
            owner = zone.owner(name)
            if owner is None or owner in seen:
                break
        out = []
        for kind in ("WRONGID", "WRONGNAME"):
            fakes = zone.fakes.get((entry, qtype, kind))
            if not fakes or proto != "udp":
                continue
            fake = DNSRecord.question(
                qname if kind == "WRONGID" else "x" + qname, qtype)
            fake.header.id = req.header.id ^ (0x5555 if kind == "WRONGID"
                                              else 0)
            fake = fake.reply()
            for rtype, args in fakes:
                fake.add_answer(self.rr(str(fake.q.qname), rtype, args))
            out.append((delay, fake.pack()))
        if zone.flag(entry, "GARBAGE", qtype):
            data = bytearray(reply.pack())
            data[6:8] = (len(reply.rr) + 5).to_bytes(2, "big")
            return out + [(delay, bytes(data))]
        data = reply.pack()
        if proto == "udp" and ((entry, qtype) in zone.truncate or
                               len(data) > UDP_MAX):
            short = req.reply()
            short.header.ra = 0
            short.header.tc = 1
            data = short.pack()
        return out + [(delay, data)]

    # ---- sockets ----

    def on_udp(self, sock):
        try:
            data, peer = sock.recvfrom(65535)
        except BlockingIOError:
            return
        try:
            req = DNSRecord.parse(data)
        except Exception:               # not DNS: ignore
            return
        for delay, pkt in self.answer(req, "udp"):
            send = (lambda p=pkt, a=peer: self.udp.sendto(p, a))
            if delay:
                self.later(delay, send)
            else:
                send()

    def on_accept(self, sock):
        try:
            conn, _ = sock.accept()
        except BlockingIOError:
            return
        conn.setblocking(False)
        self.sel.register(conn, selectors.EVENT_READ,
                          lambda c, buf=bytearray(): self.on_tcp(c, buf))

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
            try:
                req = DNSRecord.parse(msg)
            except Exception:
                continue
            for delay, pkt in self.answer(req, "tcp"):
                frame = len(pkt).to_bytes(2, "big") + pkt
                send = (lambda f=frame: self.tcp_send(conn, f))
                if delay:
                    self.later(delay, send)
                else:
                    send()

    @staticmethod
    def tcp_send(conn, frame):
        try:
            conn.setblocking(True)
            conn.sendall(frame)
            conn.setblocking(False)
        except OSError:
            pass

    def on_stdin(self, f):
        if not os.read(f.fileno(), 4096):
            sys.exit(0)

    def run(self, watch_stdin):
        if watch_stdin:
            self.sel.register(sys.stdin, selectors.EVENT_READ, self.on_stdin)
        print("PORT %d" % self.port, flush=True)
        while True:
            timeout = None
            if self.timers:
                timeout = max(0.0, self.timers[0][0] - time.monotonic())
            for key, _ in self.sel.select(timeout):
                key.data(key.fileobj)
            now = time.monotonic()
            while self.timers and self.timers[0][0] <= now:
                heapq.heappop(self.timers)[2]()


def main():
    ap = argparse.ArgumentParser(description="scripted test DNS server")
    ap.add_argument("--zone", required=True)
    ap.add_argument("--port", type=int, default=0)
    ap.add_argument("--address", default="127.0.0.1")
    ap.add_argument("--query-log")
    ap.add_argument("--ignore-stdin", action="store_true")
    args = ap.parse_args()
    zone = Zone(args.zone)
    log = open(args.query_log, "a", encoding="latin-1") if args.query_log \
        else None
    try:
        Server(zone, args.address, args.port, log).run(not args.ignore_stdin)
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
