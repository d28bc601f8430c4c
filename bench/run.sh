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
# spamdyke runs as tcpserver would start it (TCPREMOTEIP=127.0.0.1, socket
# on fds 0/1) with: --log-level=none --dns-server-ip=<local responder>
# --qmail-rcpthosts-file=<file listing example.com>.  The responder (in the
# driver, bench/smtpbench.py) answers the PTR query for 127.0.0.1.
#
# Environment: BENCH_SESSIONS (200), BENCH_RUNS (5), BENCH_BIG (20971520).
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

"$py" - "$out" "$sessions" "$runs" "$big" "$root" <<'EOF'
import json, os, subprocess, sys, time

out, sessions, runs, big, root = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
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
               "revision": rev}, f, indent=1)
EOF
echo "bench: written to $out/results.txt (callgrind files: $out/callgrind.*)"
