#!/usr/bin/env bash
# bench/lists.sh [BUILDDIR] - the cost of large list files (issue 3 item 5):
# what one connection costs with an IP list (ip-blacklist-file) or an rDNS
# list (rdns-blacklist-file) of 1,000, 100,000 and 1,000,000 lines, the
# client's entry on the last line ("last") or nowhere ("absent").  Run by
# make bench (bench/run.sh) or alone.  Method and figures:
# documentation/PERFORMANCE.md, "Large lists".
#
# Each session runs as tcpserver would start spamdyke (TCPREMOTEIP
# 127.0.0.1, socket on fds 0/1), with the options of bench/run.sh plus the
# list, and is greeting, EHLO, MAIL, RCPT, QUIT (a listed client is refused
# at RCPT; an absent one gets 250).  The DNS responder of bench/smtpbench.py
# answers the PTR query for 127.0.0.1 with localhost.  Measured:
#   - instructions of the spamdyke process (callgrind, children not
#     traced) in a session that finds no index ("first": F.sdx is removed
#     before it, and it builds one), and in the next session ("steady":
#     the index exists, as for every later connection);
#   - the same session without any list ("base"), and with each list when
#     no index can be built ("no index": a directory stands where
#     F.sdx.tmp would be created, so spamdyke scans the text as 5.0.1 did,
#     as it does when it may not write to the list's directory);
#   - CPU time (user+sys of spamdyke and its children) per steady session
#     over BENCH_LIST_RUNS sessions (20).
# Target: steady instructions with 1M lines <= 2 x those with 1k lines.
# Like bench/run.sh it reports a missed target in its table ("MISSED"),
# not in its exit status.
#
# Lists are written to bench/out/lists/ (about 200 MB with their indexes;
# kept between runs, written again when missing), the table to
# bench/out/lists.txt and lists.json.  Takes about 80 s on 2 CPUs.
# Environment: BENCH_LIST_SIZES ("1000 100000 1000000"), BENCH_LIST_RUNS
# (20).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
export PATH="/usr/sbin:/usr/bin:/sbin:/bin:$PATH"
build=$(cd "${1:-$root/build}" 2>/dev/null && pwd) || {
	echo "bench: no build directory ${1:-$root/build} (run scripts/build.sh build first)" >&2
	exit 1
}
if [ -z "${MAKELEVEL:-}" ]; then
	make -s -C "$build" bench-progs
fi

sd=$build/spamdyke
fq=$build/tests/harness/fakeqmail
out=$root/bench/out
lists=$out/lists
py=/usr/bin/python3
sizes=${BENCH_LIST_SIZES:-1000 100000 1000000}
runs=${BENCH_LIST_RUNS:-20}

for f in "$sd" "$fq"; do
	if [ ! -x "$f" ]; then
		echo "bench: $f is not built; figures pending" >&2
		exit 1
	fi
done
command -v valgrind >/dev/null || { echo "bench: valgrind missing (scripts/deps.sh)" >&2; exit 1; }

mkdir -p "$lists"
printf 'example.com\n' > "$out/rcpthosts"
echo "bench: lists: writing lists" >&2
"$py" - "$lists" $sizes <<'EOF'
# Deterministic lists.  IP: mostly single addresses, some /24 and /16
# networks, a few comments, nothing in 127.0.0.0/8.  rDNS: host names and
# ".domain" suffix entries, none of them localhost.  "last": the client's
# entry (127.0.0.1, localhost) is the last of the N lines.
import os, random, sys

d, sizes = sys.argv[1], [int(x) for x in sys.argv[2:]]
def ip_line(r):
    k = r.random()
    a = r.choice([n for n in range(1, 224) if n != 127])
    if k < 0.02:
        return "# %d.%d.%d.%d blocked %d" % (a, r.randrange(256), r.randrange(256), r.randrange(256), r.randrange(9999))
    if k < 0.10:
        return "%d.%d.%d.0/24" % (a, r.randrange(256), r.randrange(256))
    if k < 0.11:
        return "%d.%d.0.0/16" % (a, r.randrange(256))
    return "%d.%d.%d.%d" % (a, r.randrange(256), r.randrange(256), r.randrange(1, 255))
def rdns_line(r):
    k = r.random()
    dom = "%s%d.%s" % (r.choice(["mail", "isp", "dyn", "cable", "net"]), r.randrange(100000), r.choice(["com", "net", "org", "de", "br", "cn"]))
    if k < 0.02:
        return "# " + dom
    if k < 0.20:
        return "." + dom
    return "%s%d.%s" % (r.choice(["host", "mx", "pool-", "adsl-"]), r.randrange(10**6), dom)
for kind, gen, entry in (("ip", ip_line, "127.0.0.1"), ("rdns", rdns_line, "localhost")):
    for n in sizes:
        for where in ("last", "absent"):
            path = os.path.join(d, "%s_%d_%s.txt" % (kind, n, where))
            tag = "%s %d %s v1\n" % (kind, n, where)
            if os.path.exists(path + ".id") and open(path + ".id").read() == tag:
                continue
            r = random.Random("%s-%d" % (kind, n))
            lines = [gen(r) for _ in range(n - 1)]
            lines.append(entry if where == "last" else gen(r))
            with open(path, "w") as f:
                f.write("\n".join(lines) + "\n")
            with open(path + ".id", "w") as f:
                f.write(tag)
EOF

echo "bench: lists: sessions" >&2
"$py" - "$out" "$sd" "$fq" "$here" "$runs" "$root" $sizes <<'EOF'
import json, os, shutil, socket, subprocess, sys, time
out, sd, fq, here, runs, root = sys.argv[1:7]
runs = int(runs)
sizes = [int(x) for x in sys.argv[7:]]
sys.path.insert(0, here)
import smtpbench as sb

lists = os.path.join(out, "lists")
env = dict(os.environ)
for k in list(env):
    if k.startswith("TCP") or k in ("RELAYCLIENT", "SMTPS"):
        del env[k]
env.update({"PROTO": "TCP", "TCPLOCALIP": "127.0.0.1", "TCPLOCALPORT": "25",
            "TCPREMOTEPORT": "40000", "TCPREMOTEIP": "127.0.0.1"})
dns = sb.DnsResponder()
dns.start()
sb.become_subreaper()

def argv_for(opt, path):
    a = [sd, "--log-level=none", "--dns-server-ip=127.0.0.1:%d" % dns.port,
         "--qmail-rcpthosts-file=" + os.path.join(out, "rcpthosts")]
    if opt:
        a.append("--%s=%s" % (opt, path))
    return a + ["--", fq]

def session(argv, callgrind=None):
    """greeting, EHLO, MAIL, RCPT, QUIT; returns (Ir or None, cpu s, RCPT code)."""
    if callgrind:
        argv = ["valgrind", "--tool=callgrind", "--quiet",
                "--callgrind-out-file=" + callgrind + ".%p"] + argv
    ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
    p = subprocess.Popen(argv, stdin=theirs, stdout=theirs, env=env, close_fds=True)
    theirs.close()
    c = sb.Client(ours, 600.0)
    try:
        c.cmd(None, 2)
        c.cmd("EHLO bench.example.org", 2)
        c.cmd("MAIL FROM:<bench@example.org>", 2)
        c.sock.sendall(b"RCPT TO:<user@example.com>\r\n")
        code, _ = c.reply()
        c.cmd("QUIT", 2)
        ours.shutdown(socket.SHUT_WR)
        while True:
            try:
                if not ours.recv(65536):
                    break
            except socket.timeout:
                break
    finally:
        ours.close()
    cpu = sb.reap_all([p], 600.0)
    ir = None
    if callgrind:
        path = "%s.%d" % (callgrind, p.pid)
        ir = sb.callgrind_total(path)
        os.replace(path, callgrind)
    return ir, cpu, code

def clean(path):
    for suffix in (".sdx", ".sdx.tmp"):
        q = path + suffix
        if os.path.isdir(q) and not os.path.islink(q):
            os.rmdir(q)
        elif os.path.lexists(q):
            os.unlink(q)

cg = os.path.join(out, "callgrind.lists")
results = {"runs": runs, "sizes": sizes, "rows": []}
base_ir, _, base_code = session(argv_for(None, None), cg)
session(argv_for(None, None))            # warm the caches
base_cpu = sum(session(argv_for(None, None))[1] for _ in range(runs)) / runs
results["base"] = {"ir": base_ir, "cpu_ms": base_cpu * 1e3, "rcpt": base_code}
opts = {"ip": "ip-blacklist-file", "rdns": "rdns-blacklist-file"}
for kind in ("ip", "rdns"):
    for n in sizes:
        for where in ("last", "absent"):
            path = os.path.join(lists, "%s_%d_%s.txt" % (kind, n, where))
            sys.stderr.write("bench: lists: %s %d %s\n" % (kind, n, where))
            clean(path)
            argv = argv_for(opts[kind], path)
            first, _, code = session(argv, cg)
            indexed = os.path.exists(path + ".sdx")
            steady, _, code2 = session(argv, cg)
            cpu = sum(session(argv)[1] for _ in range(runs)) / runs
            row = {"kind": kind, "lines": n, "where": where, "rcpt": code,
                   "first_ir": first, "steady_ir": steady, "indexed": indexed,
                   "steady_cpu_ms": cpu * 1e3,
                   "sdx_bytes": os.path.getsize(path + ".sdx") if indexed else 0,
                   "txt_bytes": os.path.getsize(path)}
            if code != code2 or code != (554 if where == "last" else 250):
                sys.exit("bench: lists: %s: RCPT answered %d then %d" % (path, code, code2))
            # no index possible: what scanning costs (and cost in 5.0.1)
            clean(path)
            os.mkdir(path + ".sdx.tmp")
            row["noindex_ir"], _, _ = session(argv, cg)
            clean(path)
            session(argv)            # leave the index in place
            results["rows"].append(row)
dns.stop = True
with open(os.path.join(out, "lists.json"), "w") as f:
    json.dump(results, f, indent=1)

# the table
try:
    rev = subprocess.run(["git", "-C", root, "describe", "--always", "--dirty"],
                         capture_output=True, text=True).stdout.strip() or "?"
except OSError:
    rev = "?"
def k(n):
    return "%d" % n if n < 1000 else ("%dk" % (n // 1000) if n < 10**6 else "%dM" % (n // 10**6))
lines = ["spamdyke large-list benchmark, %s, revision %s" % (time.strftime("%Y-%m-%d %H:%M"), rev),
         "instructions of the spamdyke process per session (greeting, EHLO, MAIL, RCPT, QUIT);",
         "first: the session that builds the index (*); steady: later sessions; no index: scanning",
         "base (no list): %s instructions, %.3f ms CPU" % ("{:,}".format(base_ir), base_cpu * 1e3), "",
         "%-5s %-5s %-7s %14s %10s %12s %10s %13s" % ("list", "lines", "entry", "first", "steady",
             "steady-base", "CPU steady", "no index")]
for kind in ("ip", "rdns"):
    for where in ("last", "absent"):
        rows = {r["lines"]: r for r in results["rows"] if r["kind"] == kind and r["where"] == where}
        for n in sizes:
            r = rows[n]
            lines.append("%-5s %-5s %-7s %14s %10s %12s %7.3f ms %13s" % (
                kind, k(n), where, "{:,}".format(r["first_ir"]) + ("*" if r["indexed"] else " "),
                "{:,}".format(r["steady_ir"]), "{:,}".format(r["steady_ir"] - base_ir),
                r["steady_cpu_ms"], "{:,}".format(r["noindex_ir"])))
        lo, hi = rows[min(sizes)], rows[max(sizes)]
        ratio = hi["steady_ir"] / lo["steady_ir"]
        lines.append("%-5s %s/%s %-7s steady ratio %.2f (target <= 2: %s)" % (
            kind, k(max(sizes)), k(min(sizes)), where, ratio, "ok" if ratio <= 2 else "MISSED"))
def size(b):
    return "%.0f KB" % (b / 1e3) if b < 1e6 else "%.1f MB" % (b / 1e6)
lines.append("")
lines.append("index sizes (text): " + ", ".join(
    "%s %s %s (%s)" % (r["kind"], k(r["lines"]), size(r["sdx_bytes"]), size(r["txt_bytes"]))
    for r in results["rows"] if r["indexed"] and r["where"] == "last"))
text = "\n".join(lines) + "\n"
sys.stdout.write(text)
with open(os.path.join(out, "lists.txt"), "w") as f:
    f.write(text)
EOF
echo "bench: written to $out/lists.txt"
