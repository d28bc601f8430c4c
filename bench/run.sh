#!/usr/bin/env bash
# bench/run.sh [BUILDDIR] - spamdyke's benchmarks (make bench).  Not a test:
# it measures, prints a table and writes it to bench/out/.  Method and
# targets: documentation/PERFORMANCE.md.
#
#  (a) one clean session (EHLO, MAIL, RCPT, DATA with a 1 KB message, QUIT)
#      through spamdyke into the test backend fakeqmail:
#      - instructions of the spamdyke process (callgrind, children not
#        traced), and of fakeqmail alone driven the same way;
#      - CPU time (user+sys) per session over BENCH_SESSIONS sessions.
#  (b) a BENCH_BIG-byte message relayed into bench/sink, a backend that
#      only looks at line ends and discards the message (fakeqmail, like
#      qmail-smtpd, inspects every byte and would be the bottleneck):
#      - instructions per relayed byte in the spamdyke process;
#      - data-phase throughput of spamdyke vs cat in the same place (best
#        of BENCH_RUNS runs, twice, alternating).
#
#  (c) DNS lists (bench/dnsbench.py): five dns-blacklist-entry zones on a
#      responder that answers every query after 200 ms; time from the
#      process start to the greeting (--smtp-auth-level=none: the
#      connection-time filters decide before it), best of BENCH_DNS_RUNS,
#      for a clean client and for one listed by the first zone, and the
#      queries each list received, per record type.
#  (d) TLS (bench/tlsbench.py, certificate made by
#      tests/fixtures/tls/mkcerts.sh): a plain session without TLS options,
#      a plain session with a certificate and key configured, a STARTTLS
#      session: instructions of the spamdyke process (callgrind), peak RSS
#      (GNU time's %M, largest of 3 runs) and wall time (best of
#      BENCH_TLS_RUNS).
#
# spamdyke runs as tcpserver would start it (TCPREMOTEIP=127.0.0.1, socket
# on fds 0/1) with: --log-level=none --dns-server-ip=<local responder>
# --qmail-rcpthosts-file=<file listing example.com>.  The responder (in the
# driver, bench/smtpbench.py) answers the PTR query for 127.0.0.1.  (c)
# uses TCPREMOTEIP=192.0.2.10: 127.0.0.1 is never looked up in DNS lists.
#
# Environment: BENCH_SESSIONS (200), BENCH_RUNS (5), BENCH_BIG (20971520),
# BENCH_DNS_RUNS (5), BENCH_TLS_RUNS (20).
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
sink=$build/bench/sink
out=$root/bench/out
py=/usr/bin/python3
drv=("$py" "$here/smtpbench.py")
sessions=${BENCH_SESSIONS:-200}
runs=${BENCH_RUNS:-5}
big=${BENCH_BIG:-20971520}
dns_runs=${BENCH_DNS_RUNS:-5}
tls_runs=${BENCH_TLS_RUNS:-20}

for f in "$sd" "$fq" "$sink"; do
	if [ ! -x "$f" ]; then
		echo "bench: $f is not built; figures pending" >&2
		exit 1
	fi
done
command -v valgrind >/dev/null || { echo "bench: valgrind missing (scripts/deps.sh)" >&2; exit 1; }

mkdir -p "$out"
rm -f "$out"/*.json "$out"/callgrind.*
printf 'example.com\n' > "$out/rcpthosts"
sd_opts=("$sd" --log-level=none --dns-server-ip=@DNS@
    "--qmail-rcpthosts-file=$out/rcpthosts" --)
sd_cmd=("${sd_opts[@]}" "$fq")
sd_sink=("${sd_opts[@]}" "$sink")
# fakeqmail without FAKEQMAIL_SPOOL keeps nothing: a fast sink.
unset FAKEQMAIL_SPOOL FAKEQMAIL_TRANSCRIPT

step() {
	local name=$1
	shift
	echo "bench: $name" >&2
	"${drv[@]}" "$@" > "$out/$name.json"
}

step sd_callgrind   --dns --callgrind "$out/callgrind.spamdyke" -- "${sd_cmd[@]}"
step fq_callgrind   --callgrind "$out/callgrind.fakeqmail" -- "$fq"
step sd_cpu         --dns --runs "$sessions" -- "${sd_cmd[@]}"
step fq_cpu         --runs "$sessions" -- "$fq"
step sd_small_sink_callgrind --dns --callgrind "$out/callgrind.spamdyke-sink" -- "${sd_sink[@]}"
step sd_big_callgrind --dns --size "$big" --callgrind "$out/callgrind.spamdyke-big" -- "${sd_sink[@]}"
for round in 1 2; do
	step "sd_big_$round"  --dns --size "$big" --runs "$runs" -- "${sd_sink[@]}"
	step "cat_big_$round" --via cat --size "$big" --runs "$runs" -- "$sink"
done

# (c) DNS lists answering after 200 ms
pystep() {
	local name=$1 script=$2
	shift 2
	echo "bench: $name" >&2
	"$py" "$here/$script" "$@" > "$out/$name.json"
}
zones=bl1.bench.test,bl2.bench.test,bl3.bench.test,bl4.bench.test,bl5.bench.test
sd_dnsbl=("$sd" --log-level=none --smtp-auth-level=none --dns-server-ip=@DNS@
    "--qmail-rcpthosts-file=$out/rcpthosts")
for z in ${zones//,/ }; do
	sd_dnsbl+=("--dns-blacklist-entry=$z")
done
sd_dnsbl+=(-- "$fq")
pystep dnsbl_clean  dnsbench.py --zones "$zones" --delay 200 --listed 0 \
    --runs "$dns_runs" -- "${sd_dnsbl[@]}"
pystep dnsbl_listed dnsbench.py --zones "$zones" --delay 200 --listed 1 \
    --runs "$dns_runs" -- "${sd_dnsbl[@]}"

# (d) TLS: no TLS options, certificate configured, STARTTLS
rm -rf "$out/tls"
sh "$root/tests/fixtures/tls/mkcerts.sh" "$out/tls"
tls_opts=("--tls-certificate-file=$out/tls/cert.pem"
    "--tls-privatekey-file=$out/tls/key.pem")
sd_cert=("${sd_opts[@]::${#sd_opts[@]}-1}" "${tls_opts[@]}" -- "$fq")
mem_runs=3
if ! /usr/bin/time -f %M -o /dev/null true 2>/dev/null; then
	echo "bench: GNU time (/usr/bin/time) missing: no peak memory" >&2
	mem_runs=0
fi
pystep tls_plain_callgrind    tlsbench.py --dns --callgrind "$out/callgrind.tls-plain" -- "${sd_cmd[@]}"
pystep tls_cert_callgrind     tlsbench.py --dns --callgrind "$out/callgrind.tls-cert" -- "${sd_cert[@]}"
pystep tls_starttls_callgrind tlsbench.py --dns --starttls --callgrind "$out/callgrind.tls-starttls" -- "${sd_cert[@]}"
pystep tls_plain    tlsbench.py --dns --runs "$tls_runs" --mem-runs "$mem_runs" -- "${sd_cmd[@]}"
pystep tls_cert     tlsbench.py --dns --runs "$tls_runs" --mem-runs "$mem_runs" -- "${sd_cert[@]}"
pystep tls_starttls tlsbench.py --dns --starttls --runs "$tls_runs" --mem-runs "$mem_runs" -- "${sd_cert[@]}"

"$py" - "$out" "$sessions" "$runs" "$big" "$root" "$dns_runs" "$tls_runs" <<'EOF'
import json, os, subprocess, sys, time

out, sessions, runs, big, root = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
dns_runs, tls_runs = int(sys.argv[6]), int(sys.argv[7])
def j(name):
    with open(os.path.join(out, name + ".json")) as f:
        return json.load(f)

sd, fq = j("sd_callgrind"), j("fq_callgrind")
sdc, fqc = j("sd_cpu"), j("fq_cpu")
sds, sdb = j("sd_small_sink_callgrind"), j("sd_big_callgrind")
sd_data = min(j("sd_big_%d" % r)["data_best"] for r in (1, 2))
cat_data = min(j("cat_big_%d" % r)["data_best"] for r in (1, 2))

per_byte = (sdb["ir"] - sds["ir"]) / (sdb["size"] - sds["size"])
ratio = cat_data / sd_data
mb = big / 1048576.0

def verdict(ok):
    return "ok" if ok else "MISSED"

try:
    rev = subprocess.run(["git", "-C", root, "describe", "--always", "--dirty"],
                         capture_output=True, text=True).stdout.strip() or "?"
except OSError:
    rev = "?"
cpu = "?"
try:
    for line in open("/proc/cpuinfo"):
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
except OSError:
    pass

rows = [
    ("(a) instructions, spamdyke process, one 1 KB session", "%d" % sd["ir"],
     "<= 1750000", verdict(sd["ir"] <= 1750000)),
    ("    instructions, fakeqmail alone, same session", "%d" % fq["ir"], "", ""),
    ("    CPU per session, spamdyke + fakeqmail (%d sessions)" % sessions,
     "%.3f ms" % (sdc["cpu_per_session"] * 1e3), "", ""),
    ("    CPU per session, fakeqmail alone (%d sessions)" % sessions,
     "%.3f ms" % (fqc["cpu_per_session"] * 1e3), "", ""),
    ("    CPU per session, spamdyke's share (difference)",
     "%.3f ms" % ((sdc["cpu_per_session"] - fqc["cpu_per_session"]) * 1e3), "", ""),
    ("(b) instructions per relayed byte (%.0f MiB message)" % mb, "%.2f" % per_byte,
     "<= 2", verdict(per_byte <= 2)),
    ("    data phase through spamdyke into sink, best of %d" % (2 * runs),
     "%.1f ms (%.0f MiB/s)" % (sd_data * 1e3, mb / sd_data), "", ""),
    ("    data phase through cat into sink, best of %d" % (2 * runs),
     "%.1f ms (%.0f MiB/s)" % (cat_data * 1e3, mb / cat_data), "", ""),
    ("    throughput ratio spamdyke / cat", "%.2f" % ratio, ">= 0.5", verdict(ratio >= 0.5)),
]

# (c) DNS lists
dc, dl = j("dnsbl_clean"), j("dnsbl_listed")

def qdesc(r):
    """"A on 4 lists, A+TXT on 1; PTR 1" from the per-zone counts."""
    groups = {}
    for z in r["zones"]:
        c = r["queries_per_zone"].get(z, {})
        key = "+".join(("%d %s" % (n, t)) if n > 1 else t
                       for t, n in sorted(c.items())) or "none"
        groups.setdefault(key, []).append(z)
    parts = ["%s on %d" % (k, len(v)) for k, v in
             sorted(groups.items(), key=lambda kv: -len(kv[1]))]
    other = ", ".join("%s %d" % (k.split()[0] if k.split()[0] == k.split()[1]
                                 else k, n)
                      for k, n in sorted(r["queries_other"].items()))
    return ", ".join(parts) + ("; " + other if other else "") + \
        ("" if r["same_queries_every_run"] else " (runs differ)")

# One query per list and per record type needed: A and TXT, no CNAME.
clean_one_a = all(c == {"A": 1, "TXT": 1}
                  for c in dc["queries_per_zone"].values()) \
    and dc["same_queries_every_run"]
nz = len(dc["zones"])
rows += [
    ("(c) %d DNS lists answering after %d ms; clean client:" % (nz, dc["delay_ms"]),
     "", "", ""),
    ("    decision (start to greeting), best of %d" % dns_runs,
     "%.1f ms" % dc["ms_best"], "< 240 ms", verdict(dc["ms_best"] < 240)),
    ("    queries per list", qdesc(dc), "1 A + 1 TXT", verdict(clean_one_a)),
    ("    client listed by the first list: decision, best of %d" % dns_runs,
     "%.1f ms" % dl["ms_best"], "< 240 ms", verdict(dl["ms_best"] < 240)),
    ("    queries per list", qdesc(dl), "", ""),
]

# (d) TLS
tp, tc, ts = j("tls_plain"), j("tls_cert"), j("tls_starttls")
tpg, tcg, tsg = j("tls_plain_callgrind"), j("tls_cert_callgrind"), j("tls_starttls_callgrind")

def kb(r):
    return "%d KiB" % r["maxrss_kb"] if r.get("maxrss_kb") else "n/a"

cert_ratio = tcg["ir"] / float(tpg["ir"])
rows += [
    ("(d) plain session, no TLS options: instructions", "%d" % tpg["ir"], "", ""),
    ("    peak RSS, largest of 3", kb(tp), "", ""),
    ("    wall time, best of %d" % tls_runs, "%.1f ms" % (tp["wall_best"] * 1e3), "", ""),
    ("    plain session, certificate configured: instructions", "%d" % tcg["ir"],
     "<= +2 %", verdict(cert_ratio <= 1.02)),
    ("    peak RSS, largest of 3", kb(tc), "", ""),
    ("    wall time, best of %d" % tls_runs, "%.1f ms" % (tc["wall_best"] * 1e3), "", ""),
    ("    STARTTLS session (%s): instructions" % (ts["tls"] or ["?"])[0],
     "%d" % tsg["ir"], "", ""),
    ("    peak RSS, largest of 3", kb(ts), "", ""),
    ("    wall time, best of %d" % tls_runs, "%.1f ms" % (ts["wall_best"] * 1e3),
     "< 50 ms", verdict(ts["wall_best"] < 0.05)),
]
w0 = max(len(r[0]) for r in rows)
w1 = max(len(r[1]) for r in rows)
lines = ["spamdyke benchmark, %s, revision %s" % (time.strftime("%Y-%m-%d %H:%M"), rev),
         "machine: %d CPUs, %s; DNS queries answered per session: %d"
         % (os.cpu_count() or 0, cpu, sd["dns_queries"]),
         ""]
lines.append("%-*s  %*s  %-10s %s" % (w0, "measure", w1, "value", "target", ""))
for r in rows:
    lines.append(("%-*s  %*s  %-10s %s" % (w0, r[0], w1, r[1], r[2], r[3])).rstrip())
text = "\n".join(lines) + "\n"
sys.stdout.write(text)
with open(os.path.join(out, "results.txt"), "w") as f:
    f.write(text)
with open(os.path.join(out, "results.json"), "w") as f:
    json.dump({"spamdyke_ir_session": sd["ir"], "fakeqmail_ir_session": fq["ir"],
               "cpu_ms_session_total": sdc["cpu_per_session"] * 1e3,
               "cpu_ms_session_fakeqmail": fqc["cpu_per_session"] * 1e3,
               "ir_per_byte": per_byte, "data_ms_spamdyke": sd_data * 1e3,
               "data_ms_cat": cat_data * 1e3, "throughput_ratio": ratio,
               "dnsbl_zones": nz, "dnsbl_delay_ms": dc["delay_ms"],
               "dnsbl_clean_ms": dc["ms_best"],
               "dnsbl_clean_queries": dc["queries_per_zone"],
               "dnsbl_clean_queries_other": dc["queries_other"],
               "dnsbl_listed_ms": dl["ms_best"],
               "dnsbl_listed_queries": dl["queries_per_zone"],
               "dnsbl_listed_queries_other": dl["queries_other"],
               "tls_plain_ir": tpg["ir"], "tls_cert_ir": tcg["ir"],
               "tls_starttls_ir": tsg["ir"],
               "tls_plain_maxrss_kb": tp["maxrss_kb"],
               "tls_cert_maxrss_kb": tc["maxrss_kb"],
               "tls_starttls_maxrss_kb": ts["maxrss_kb"],
               "tls_plain_wall_ms": tp["wall_best"] * 1e3,
               "tls_cert_wall_ms": tc["wall_best"] * 1e3,
               "tls_starttls_wall_ms": ts["wall_best"] * 1e3,
               "tls_starttls_protocol": ts["tls"],
               "revision": rev}, f, indent=1)
EOF
echo "bench: written to $out/results.txt (callgrind files: $out/callgrind.*)"

# (e) large list files (issue 3): own table in bench/out/lists.txt.
# BENCH_LISTS=0 skips it (it takes about 80 s and 200 MB of lists).
if [ "${BENCH_LISTS:-1}" != 0 ]; then
	bash "$here/lists.sh" "$build"
fi
