#!/usr/bin/env bash
# scripts/quickstart.sh - install what is needed, build, and run spamdyke on
# 127.0.0.1:2525 in front of the bundled test backend (no qmail needed).
#
#   scripts/quickstart.sh [start]   (re)start it, then send one test message
#   scripts/quickstart.sh stop      stop it
#   scripts/quickstart.sh status    is it running?
#
# What runs (in the background, output appended to $QS_DIR/spamdyke.log):
#   tcpserver -v -R -H 127.0.0.1 2525 build/spamdyke
#       -f documentation/examples/quickstart.conf
#       --qmail-rcpthosts-file=$QS_DIR/rcpthosts
#       build/tests/harness/fakeqmail
# fakeqmail imitates qmail-smtpd and stores each accepted message as a file
# in $QS_DIR/spool (see tests/harness/fakeqmail.c).
#
# Environment: QS_DIR (default /tmp/spamdyke-quickstart), QS_PORT (2525).
set -euo pipefail

cd "$(dirname "$0")/.."
root=$PWD
# Debian's own tools first (a python3 from pyenv would lack python3-dnslib).
export PATH="/usr/sbin:/usr/bin:/sbin:/bin:$PATH"

dir=${QS_DIR:-/tmp/spamdyke-quickstart}
port=${QS_PORT:-2525}
pidfile=$dir/tcpserver.pid
log=$dir/spamdyke.log
conf=$root/documentation/examples/quickstart.conf
spamdyke=$root/build/spamdyke
backend=$root/build/tests/harness/fakeqmail

running_pid() {
	local pid
	[ -f "$pidfile" ] || return 1
	pid=$(cat "$pidfile")
	[ -n "$pid" ] && [ "$(cat /proc/"$pid"/comm 2>/dev/null)" = tcpserver ] || return 1
	echo "$pid"
}

# Is something listening on the port?  Read from /proc rather than
# connecting, which would start a spamdyke session and log it.
port_open() {
	local hex
	hex=$(printf '%04X' "$port")
	awk -v p=":$hex" 'NR > 1 && $4 == "0A" && substr($2, length($2) - 4) == p { f = 1 }
	    END { exit !f }' /proc/net/tcp /proc/net/tcp6 2>/dev/null
}

stop() {
	local pid i
	if pid=$(running_pid); then
		kill "$pid"
		for i in $(seq 50); do
			kill -0 "$pid" 2>/dev/null || break
			sleep 0.1
		done
		echo "quickstart: stopped tcpserver (pid $pid)"
	fi
	rm -f "$pidfile"
}

case ${1:-start} in
stop)
	stop
	exit 0
	;;
status)
	if pid=$(running_pid); then
		echo "quickstart: running, tcpserver pid $pid on 127.0.0.1:$port; log $log"
		exit 0
	fi
	echo "quickstart: not running"
	exit 1
	;;
start) ;;
*)
	echo "usage: $0 [start|stop|status]" >&2
	exit 2
	;;
esac

scripts/deps.sh
mkdir -p "$dir"
echo "quickstart: building in build/ (output in $dir/build.log)"
if ! scripts/build.sh build -- all harness >"$dir/build.log" 2>&1; then
	echo "quickstart: the build failed; last lines of $dir/build.log:" >&2
	tail -n 30 "$dir/build.log" >&2
	exit 1
fi
for f in "$spamdyke" "$backend"; do
	if [ ! -x "$f" ]; then
		echo "quickstart: $f was not built" >&2
		exit 1
	fi
done

stop
if port_open; then
	echo "quickstart: something else already listens on 127.0.0.1:$port (set QS_PORT)" >&2
	exit 1
fi

mkdir -p "$dir/spool"
printf 'example.com\n' > "$dir/rcpthosts"
{
	echo
	echo "=== quickstart started $(date '+%Y-%m-%d %H:%M:%S')"
} >>"$log"

# setsid: the server outlives this script and the terminal.
FAKEQMAIL_SPOOL=$dir/spool FAKEQMAIL_RCPTHOSTS=$dir/rcpthosts \
FAKEQMAIL_HOST=quickstart.example.com \
    setsid tcpserver -v -R -H 127.0.0.1 "$port" \
    "$spamdyke" -f "$conf" --qmail-rcpthosts-file="$dir/rcpthosts" \
    "$backend" </dev/null >>"$log" 2>&1 &
echo $! > "$pidfile"

for i in $(seq 50); do
	port_open && break
	sleep 0.1
done
if ! running_pid >/dev/null || ! port_open; then
	echo "quickstart: tcpserver did not start; last lines of $log:" >&2
	tail -n 20 "$log" >&2
	exit 1
fi

# One test message, the same command a person would type.
before=$(find "$dir/spool" -type f -name 'msg.*' | wc -l)
ok=no
if swaks --server "127.0.0.1:$port" --to user@example.com --from you@example.org \
    --timeout 30 >"$dir/swaks.out" 2>&1 </dev/null; then
	after=$(find "$dir/spool" -type f -name 'msg.*' | wc -l)
	[ "$after" -gt "$before" ] && ok=yes
fi

cat <<EOF

spamdyke is listening on 127.0.0.1:$port (tcpserver pid $(cat "$pidfile")),
in front of the test backend build/tests/harness/fakeqmail.

  Send a message:   swaks --server 127.0.0.1:$port --to user@example.com --from you@example.org
  See a refusal:    swaks --server 127.0.0.1:$port --to user@example.com --from you@example.org \\
                        --local-interface 127.0.0.2     (ip-blacklist-entry=127.0.0.2)
  Log lines:        tail -f $log
                    (spamdyke's log lines, log-target stderr, next to tcpserver's)
  Delivered mail:   ls $dir/spool/    (one msg.* file per accepted message)
  Configuration:    documentation/examples/quickstart.conf
  Stop it:          scripts/quickstart.sh stop
EOF
echo
if [ "$ok" = yes ]; then
	echo "quickstart: test message delivered: $(ls -t "$dir/spool"/msg.* | head -n 1)"
else
	echo "quickstart: the test message was NOT delivered; swaks said:"
	tail -n 15 "$dir/swaks.out" | sed 's/^/    /'
	echo "quickstart: last lines of $log:"
	tail -n 10 "$log" | sed 's/^/    /'
	exit 1
fi
