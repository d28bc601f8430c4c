#!/bin/bash
# tests/utils/run-tap.sh - TAP tests for the helper utilities (utils/*.c):
# domain2path, domainsplit, timefilter, the dns* tools,
# spamdyke-graylist-clean and spamdyke-logstats (files.md 13, 9.5).
#
# Usage: tests/utils/run-tap.sh BUILD_DIR
#
# Every case runs on fixed inputs: fixtures/ holds the DNS zone and the
# log fixture with its expected report; trees and logs that depend on the
# current time are made here.  The dns tools ask only the test server
# tests/harness/dnsserver.py on 127.0.0.1 (-s, or -r with a resolver file
# naming 127.0.0.1).  When BUILD_DIR has spamdyke and fakeqmail, a few
# SMTP sessions write a real log for spamdyke-logstats.
# Prints TAP on stdout; always exits 0.

set -u
export LC_ALL=C TZ=UTC
umask 022

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
BUILD=${1:-$ROOT/build}
BUILD=$(cd "$BUILD" 2>/dev/null && pwd || echo "$BUILD")
U=$BUILD/utils
FIX=$HERE/fixtures
PY=/usr/bin/python3
T=$(mktemp -d /tmp/spamdyke-utils.XXXXXX)
DNSPID=

cleanup() {
	[ -n "$DNSPID" ] && kill "$DNSPID" 2>/dev/null
	rm -rf "$T"
}
trap cleanup EXIT

N=0
PASS=0
FAIL=0
ok() { N=$((N + 1)); PASS=$((PASS + 1)); echo "ok $N - $1"; }
nok() { N=$((N + 1)); FAIL=$((FAIL + 1)); echo "not ok $N - $1"; }
skip() { N=$((N + 1)); PASS=$((PASS + 1)); echo "ok $N - $1 # SKIP $2"; }
diag() { sed 's/^/# /'; }

# is LABEL GOT WANT: exact comparison, a diff on failure.
is() {
	if [ "$2" == "$3" ]; then
		ok "$1"
		return 0
	fi
	nok "$1"
	diff <(printf '%s\n' "$3") <(printf '%s\n' "$2") |
	    sed 's/^</want:/; s/^>/got: /' | diag
	return 1
}

# like LABEL GOT REGEX: the text matches an extended regular expression.
like() {
	if printf '%s' "$2" | grep -Eq -- "$3"; then
		ok "$1"
	else
		nok "$1"
		printf 'no match for /%s/ in:\n%s\n' "$3" "$2" | diag
	fi
}

have() {
	if [ -x "$U/$1" ]; then
		return 0
	fi
	nok "$1 is built ($U/$1 missing)"
	return 1
}

# The first line of every usage is the banner (files.md 13).
usage_ok() {
	printf '%s\n' "$1" | head -1 | grep -q '^spamdyke [0-9]' &&
	    printf '%s\n' "$1" | grep -q '^USAGE: '
}

# ---------------------------------------------------------------- domain2path

t_domain2path() {
	local name want got
	have domain2path || return
	while read -r name want; do
		got=$("$U/domain2path" "$name"; echo "|")
		is "domain2path $name" "$got" "$want|"
	done <<'EOF'
com com/c/com
example.com com/e/example/example.com
mx.example.com com/e/example/mx.example.com
a.b.mx.example.com com/e/example/mx/a.b.mx.example.com
Mx.Example.COM com/e/example/mx.example.com
mx.example.com. com/e/example/mx.example.com
1.2-3.example.net net/e/example/2-3/1.2-3.example.net
x.-dash.org org/-/-dash/x.-dash.org
EOF
	while read -r name want; do
		got=$("$U/domain2path" -d "$name"; echo "|")
		is "domain2path -d $name" "$got" "$want|"
	done <<'EOF'
com com/c
example.com com/e/example
a.b.mx.example.com com/e/example/mx
w.x.y.z.example.co.uk uk/c/co/example
EOF
	for name in 'a..b' '../x' 'a/b' '.' '.example.com'; do
		got=$("$U/domain2path" "$name" 2>/dev/null)
		is "domain2path refuses '$name' (nothing on stdout)" "$got" ""
	done
	got=$("$U/domain2path")
	if usage_ok "$got"; then ok "domain2path without argument: usage"
	else nok "domain2path without argument: usage"; fi
	got=$("$U/domain2path" -h)
	if usage_ok "$got"; then ok "domain2path -h: usage"
	else nok "domain2path -h: usage"; fi
	"$U/domain2path" a b c >/dev/null
	is "domain2path with bad arguments exits 0" "$?" 0
}

# ---------------------------------------------------------------- domainsplit

t_domainsplit() {
	local got long
	have domainsplit || return
	got=$("$U/domainsplit" foo.bar.example.com a.b.example.co.uk \
	    x.example.de COM example.com A.B.EXAMPLE.ORG mx.a.b.de)
	is "domainsplit arguments" "$got" "example.com
example.co.uk
x.example.de
com
example.com
example.org
a.b.de"
	got=$(printf '  a.b.example.org\n\n\t x.Y.de  \r\nz.example.info' |
	    "$U/domainsplit")
	is "domainsplit stdin, runs of whitespace give no empty lines" \
	    "$got" "example.org
x.y.de
example.info"
	long=$(head -c 1500 /dev/zero | tr '\0' a)
	got=$(printf '%s.example.com\n' "$long" | "$U/domainsplit" |
	    awk '{ print length($0) }')
	# the second piece is a...a.example.com: its base domain
	is "domainsplit cuts a token over 1024 bytes" "$got" "1024
11"
	got=$("$U/domainsplit" -h)
	if usage_ok "$got"; then ok "domainsplit -h: usage"
	else nok "domainsplit -h: usage"; fi
}

# ---------------------------------------------------------------- timefilter

t_timefilter() {
	local now got in=$T/tf.in sys apache tai
	have timefilter || return
	now=$(date +%s)
	sys() { date -d "@$1" '+%b %e %H:%M:%S'; }
	apache() { date -d "@$1" '+%d/%b/%Y:%H:%M:%S'; }
	tai() { printf '@%016x%08x' $((0x4000000000000000 + 10 + $1)) 0; }
	{
		echo "$(sys $((now - 100))) mx syslog-100"
		echo "$(sys $((now - 5000))) mx syslog-5000"
		echo "$(sys $((now - 400)) | tr a-z A-Z) mx upper-400"
		echo "1.2.3.4 - - [$(apache $((now - 200))) +0000] \"GET /\" apache-200"
		echo "$(tai $((now - 300))) tai-300"
		echo "$(tai $((now - 90000))) tai-90000"
		echo "no timestamp here"
		echo "$(sys $((now + 86400 * 2))) mx future"
		printf '%s mx nonl-50' "$(sys $((now - 50)))"
	} >"$in"
	got=$("$U/timefilter" 1000 0 <"$in" | sed 's/.* //')
	is "timefilter 1000 0" "$got" "syslog-100
upper-400
apache-200
tai-300
nonl-50"
	got=$("$U/timefilter" 350 150 <"$in" | sed 's/.* //')
	is "timefilter 350 150" "$got" "apache-200
tai-300"
	got=$("$U/timefilter" 100000 4000 <"$in" | sed 's/.* //')
	is "timefilter 100000 4000" "$got" "syslog-5000
tai-90000"
	# 2 days in the future means last year: 363 or 364 days ago
	got=$("$U/timefilter" $((86400 * 367)) $((86400 * 360)) <"$in" |
	    sed 's/.* //')
	is "timefilter: a future syslog date is last year's" "$got" future
	got=$("$U/timefilter" +1000 +0 <"$in" | sed 's/.* //' | head -1)
	is "timefilter +N (no DST in UTC)" "$got" "syslog-100"
	# with a newline added, the last 7 bytes would end in it
	got=$("$U/timefilter" 1000 0 <"$in" | tail -c 7)
	is "timefilter copies a last line without newline as is" "$got" \
	    "nonl-50"
	got=$("$U/timefilter" 1000 <"$in")
	if usage_ok "$got"; then ok "timefilter with one argument: usage"
	else nok "timefilter with one argument: usage"; fi
	got=$("$U/timefilter" x 0 <"$in")
	if usage_ok "$got"; then ok "timefilter with a bad number: usage"
	else nok "timefilter with a bad number: usage"; fi
	"$U/timefilter" 1 2 3 </dev/null >/dev/null
	is "timefilter with bad arguments exits 0" "$?" 0
}

# ---------------------------------------------------------------- dns tools

start_dns() {
	local i
	"$PY" "$ROOT/tests/harness/dnsserver.py" --zone "$FIX/dns.zone" \
	    --port 0 --address 127.0.0.1 --ignore-stdin \
	    --query-log "$T/dns.queries" >"$T/dns.out" 2>"$T/dns.err" &
	DNSPID=$!
	for i in $(seq 50); do
		PORT=$(awk '$1 == "PORT" { print $2; exit }' "$T/dns.out")
		[ -n "$PORT" ] && return 0
		sleep 0.1
	done
	return 1
}

t_dns() {
	local S got t
	for t in dnsa dnsaaaa dnsmx dnsns dnsptr dnssoa dnstxt; do
		have $t || return
	done
	if ! start_dns; then
		nok "test DNS server starts"
		diag <"$T/dns.err"
		return
	fi
	S="-s 127.0.0.1:$PORT"
	# The slow cases run in the background meanwhile.
	"$U/dnsa" $S dropped.example.test >"$T/drop.out" 2>&1 &
	local droppid=$!
	"$U/dnsa" -v -s 127.0.0.1:9 $S example.test >"$T/second.out" 2>&1 &
	local secondpid=$!

	is "dnsa" "$("$U/dnsa" $S example.test)" "192.0.2.1"
	is "dnsaaaa" "$("$U/dnsaaaa" $S example.test)" "2001:db8::1"
	is "dnsmx" "$("$U/dnsmx" $S example.test)" "10 mx.example.test"
	is "dnsns" "$("$U/dnsns" $S example.test)" "ns1.example.test"
	is "dnstxt: the first string only" "$("$U/dnstxt" $S example.test)" \
	    "hello world"
	is "dnsptr IPv4" "$("$U/dnsptr" $S 192.0.2.1)" "host1.example.test"
	is "dnsptr IPv6" "$("$U/dnsptr" $S 2001:db8::1)" "v6host.example.test"
	is "dnsptr name as given" \
	    "$("$U/dnsptr" $S 10.2.0.192.in-addr.arpa)" "mail.example.org"
	is "dnssoa: seven lines, one tab after REFRESH and EXPIRATION" \
	    "$("$U/dnssoa" $S example.test)" "$(printf \
	    'NS:\t\tns1.example.test\nADMIN:\t\thostmaster.example.test\nSERIAL:\t\t2023112101\nREFRESH:\t7200\nRETRY:\t\t900\nEXPIRATION:\t1209600\nTTL:\t\t300')"
	is "dnsa, several names in order" \
	    "$("$U/dnsa" $S host1.example.test mail.example.org)" \
	    "192.0.2.1
192.0.2.10"
	is "dnsa follows a CNAME chain" "$("$U/dnsa" $S alias.example.test)" \
	    "192.0.2.1"
	is "dnsa -v" "$("$U/dnsa" -v $S alias.example.test)" \
	    "Searching for A record: alias.example.test
Attempt 1: sending DNS query packet to 127.0.0.1:$PORT
Found CNAME record for alias.example.test: alias2.example.test
Found CNAME record for alias2.example.test: example.test
Found A record for example.test: 192.0.2.1"
	is "dnsptr -v shows the reverse name" "$("$U/dnsptr" -v $S 192.0.2.1)" \
	    "Searching for PTR record: 1.2.0.192.in-addr.arpa
Attempt 1: sending DNS query packet to 127.0.0.1:$PORT
Found PTR record for 1.2.0.192.in-addr.arpa: host1.example.test"
	is "dnsa: NXDOMAIN prints nothing" "$("$U/dnsa" $S nx.example.test)" ""
	is "dnsa: no data prints nothing" \
	    "$("$U/dnsa" $S txtonly.example.test)" ""
	is "dnsa: a CNAME loop ends, prints nothing" \
	    "$("$U/dnsa" $S loop1.example.test 2>/dev/null)" ""
	is "dnstxt: truncated answer asked again over TCP" \
	    "$("$U/dnstxt" $S big.example.test)" "sent over tcp"
	if grep -q '^tcp big.example.test TXT' "$T/dns.queries"; then
		ok "dnstxt: the TCP query reached the server"
	else
		nok "dnstxt: the TCP query reached the server"
	fi
	is "dnsa: invalid name" "$("$U/dnsa" $S 'bad name' a..b)" \
	    "ERROR: invalid DNS name: bad name
ERROR: invalid DNS name: a..b"
	printf 'nameserver 127.0.0.1\nport %s\n' "$PORT" >"$T/resolv.conf"
	is "dnsmx -r FILE reads the nameservers" \
	    "$("$U/dnsmx" -r "$T/resolv.conf" example.test)" \
	    "10 mx.example.test"
	got=$("$U/dnsa" -s not-an-ip example.test)
	like "dnsa -s with a bad server: ERROR line" "$got" '^ERROR: '
	for t in dnsa dnsaaaa dnsmx dnsns dnsptr dnssoa dnstxt; do
		got=$("$U/$t")
		if usage_ok "$got" && printf '%s' "$got" |
		    grep -q "^USAGE: $t "; then
			ok "$t without argument: usage"
		else
			nok "$t without argument: usage"
		fi
	done
	got=$("$U/dnsa" -x example.test)
	if usage_ok "$got"; then ok "dnsa with an unknown option: usage"
	else nok "dnsa with an unknown option: usage"; fi
	"$U/dnsa" $S nx.example.test >/dev/null
	is "dns tools exit 0" "$?" 0

	wait $secondpid
	is "attempts 1-2 to the first server, later ones to all" \
	    "$(cat "$T/second.out")" \
	    "Searching for A record: example.test
Attempt 1: sending DNS query packet to 127.0.0.1:9
Attempt 2: sending DNS query packet to 127.0.0.1:9
Attempt 3: sending DNS query packet to 127.0.0.1:9
Attempt 3: sending DNS query packet to 127.0.0.1:$PORT
Found A record for example.test: 192.0.2.1"
	wait $droppid
	is "no answer: ERROR after 5 attempts" "$(cat "$T/drop.out")" \
	    "ERROR: no usable DNS response for A record of dropped.example.test after 5 attempts"
	got=$(grep -c '^udp dropped.example.test A' "$T/dns.queries")
	is "no answer: 5 queries sent" "$got" 5
	if grep -qv '^\(udp\|tcp\) ' "$T/dns.queries"; then
		nok "query log is well-formed"
	else
		ok "query log is well-formed"
	fi
}

# ---------------------------------------------------------------- graylist

GL_MAX=100000

# mkent PATH AGE [CONTENT]: an entry file of that age, mode 0600.
mkent() {
	mkdir -p "$(dirname "$1")"
	printf '%s' "${3-}" >"$1"
	chmod 600 "$1"
	touch -d "@$(($(date +%s) - $2))" "$1"
}

make_tree() {
	local G=$1 O=$2 old=$((GL_MAX + 100000))
	rm -rf "$G" "$O"
	mkdir -p "$G" "$O"
	# entries within their window
	mkent "$G/example.com/bob/remote.example.org/fresh" 0
	mkent "$G/example.com/bob/remote.example.org/young" 1000 \
	    "203.0.113.10
"
	mkent "$G/example.com/bob/remote.example.org/edge" $((GL_MAX - 30))
	# expired entries
	mkent "$G/example.com/bob/remote.example.org/ann" $old \
	    "203.0.113.9 mx1.example.org
"
	mkent "$G/example.com/bob/_none/_none" $old
	mkent "$G/example.com/alice/old.example/y" $((GL_MAX + 30))
	mkent "$G/example.com/alice/legacy@old.example" $old
	mkent "$G/example.com/alice/old.example/+expired.1.2" $old
	# hostile: outside files that must survive
	mkent "$O/u/s/victim" $old
	mkent "$O/target" $old "secret"
	ln -s "$O" "$G/evil.example"
	ln -s "$O/u" "$G/example.com/mallory"
	mkdir -p "$G/example.com/carol/s.example"
	ln -s "$O/target" "$G/example.com/carol/s.example/link"
	ln "$O/target" "$G/example.com/carol/s.example/hard"
	mkfifo "$G/example.com/carol/s.example/fifo"
	mkent "$G/example.com/carol/s.example/wide" $old
	chmod 644 "$G/example.com/carol/s.example/wide"
	mkent "$G/example.com/carol/s.example/Upper" $old
	mkent "$G/example.com/carol/s.example/$(printf 'bad\001name')" $old
	mkent "$G/example.com/carol/s.example/deep/inner" $old
	mkent "$G/example.com/stray" $old
	mkent "$G/stray" $old
	# empty directories for -e (depth 1 must stay)
	mkdir -p "$G/empty.example" "$G/example.com/dave/gone.example" \
	    "$G/example.com/erin/fresh.example"
	# last: creating files above changes their directories' mtimes
	touch -d "@$(($(date +%s) - old))" "$G/empty.example" \
	    "$G/example.com/dave/gone.example" "$G/example.com/dave" \
	    "$G/example.com/bob/_none" "$G/example.com/alice/old.example" \
	    "$G/example.com/alice"
}

tree_list() {
	(cd "$1" && find . -mindepth 1 | LC_ALL=C sort | tr -d '\001')
}

t_graylist() {
	local G=$T/gl O=$T/outside P=spamdyke-graylist-clean got want before
	have $P || return
	make_tree "$G" "$O"
	before=$(tree_list "$G")
	got=$("$U/$P" -n -m $GL_MAX "$G" | sed 's/age [0-9]* s/age N s/')
	want="skipped $G/evil.example: symbolic link, not followed
would remove $G/example.com/alice/legacy@old.example: age N s
would remove $G/example.com/alice/old.example/+expired.1.2: age N s
would remove $G/example.com/alice/old.example/y: age N s
would remove $G/example.com/bob/_none/_none: age N s
would remove $G/example.com/bob/remote.example.org/ann: age N s
skipped $G/example.com/carol/s.example/Upper: not a name the filter creates
skipped $G/example.com/carol/s.example/bad?name: not a name the filter creates
skipped $G/example.com/carol/s.example/deep: directory where an entry should be
skipped $G/example.com/carol/s.example/fifo: not a regular file or directory
skipped $G/example.com/carol/s.example/hard: more than one hard link
skipped $G/example.com/carol/s.example/link: symbolic link, not followed
skipped $G/example.com/carol/s.example/wide: mode is not 0600, not a graylist entry
skipped $G/example.com/mallory: symbolic link, not followed
skipped $G/example.com/stray: file where a directory should be
skipped $G/stray: file where a directory should be
$G: would remove 5 entries and 0 directories, 5 inodes freed (28 bytes); 3 entries kept, 11 skipped, 0 errors"
	is "graylist-clean -n reports" "$got" "$want"
	is "graylist-clean -n removes nothing" "$(tree_list "$G")" "$before"

	"$U/$P" -m $GL_MAX "$G" >"$T/gl.out"
	is "graylist-clean: exit status 0" "$?" 0
	got=$(sed 's/age [0-9]* s/age N s/' "$T/gl.out")
	is "graylist-clean removes the expired entries only" "$got" \
	    "${want//would remove/removed}"
	is "graylist-clean: what is left" "$(tree_list "$G")" \
	    "$(printf '%s\n' "$before" | grep -v -e '/ann$' -e '/_none/_none$' \
	    -e '/y$' -e 'legacy@old.example$' -e '+expired.1.2$')"
	if [ -f "$O/u/s/victim" ] && [ "$(cat "$O/target")" = secret ] &&
	    [ -L "$G/example.com/carol/s.example/link" ] &&
	    [ "$(stat -c %h "$O/target")" = 2 ]; then
		ok "graylist-clean: nothing outside the tree was touched"
	else
		nok "graylist-clean: nothing outside the tree was touched"
	fi
	got=$("$U/$P" -m $GL_MAX "$G" | tail -1)
	is "graylist-clean: a second run removes nothing" "$got" \
	    "$G: removed 0 entries and 0 directories, 0 inodes freed (0 bytes); 3 entries kept, 11 skipped, 0 errors"

	make_tree "$G" "$O"
	got=$("$U/$P" -e -q -m $GL_MAX "$G")
	is "graylist-clean -e -q: summary only, inodes of entries and dirs" \
	    "$got" "$G: removed 5 entries and 5 directories, 10 inodes freed (28 bytes); 3 entries kept, 11 skipped, 0 errors"
	got=$(tree_list "$G" | grep -c -e '^./empty.example$' \
	    -e '^./example.com/erin/fresh.example$' -e '^./example.com/bob$')
	is "graylist-clean -e keeps domain dirs, fresh and non-empty dirs" \
	    "$got" 3
	got=$(tree_list "$G" | grep -c -e 'gone.example' -e '/dave' \
	    -e '/bob/_none' -e '/alice')
	is "graylist-clean -e removes old empty user and sender dirs" "$got" 0

	make_tree "$G" "$O"
	got=$("$U/$P" -v -m $GL_MAX "$G" | grep '^kept' |
	    sed 's/age [0-9]* s/age N s/')
	is "graylist-clean -v lists the entries kept" "$got" \
	    "kept $G/example.com/bob/remote.example.org/edge: age N s, within $GL_MAX s
kept $G/example.com/bob/remote.example.org/fresh: age N s, within $GL_MAX s
kept $G/example.com/bob/remote.example.org/young: age N s, within $GL_MAX s"

	make_tree "$G" "$O"
	printf 'graylist-dir=%s\ngraylist-max-secs=%s\ngraylist-level=always\n' \
	    "$G" $GL_MAX >"$T/spamdyke.conf"
	got=$("$U/$P" -q -c "$T/spamdyke.conf")
	is "graylist-clean -c: directory and max-secs from the config file" \
	    "$got" "$G: removed 5 entries and 0 directories, 5 inodes freed (28 bytes); 3 entries kept, 11 skipped, 0 errors"

	make_tree "$G" "$O"
	before=$(tree_list "$G")
	got=$("$U/$P" -q -m 0 "$G")
	is "graylist-clean -m 0: entries never expire, nothing removed" \
	    "$got" "graylist-max-secs is 0: entries never expire, so none can be removed safely"
	is "graylist-clean -m 0: tree unchanged" "$(tree_list "$G")" "$before"
	got=$("$U/$P" -q -m 5 -c "$T/spamdyke.conf" | sed 's/,.*//')
	is "graylist-clean: -m overrides the config file" "$got" \
	    "$G: removed 7 entries and 0 directories"
	ln -s "$G" "$T/gl-link"
	make_tree "$G" "$O"
	got=$("$U/$P" -q -m $GL_MAX "$T/gl-link" | sed 's/ removed.*//')
	is "graylist-clean: the named root may be a symbolic link" "$got" \
	    "$T/gl-link:"

	got=$("$U/$P" -q -n -m $GL_MAX "$G//" | sed 's/: .*//')
	is "graylist-clean: trailing slashes of the root are not shown" \
	    "$got" "$G"
	got=$("$U/$P" -n -m 1 / 2>&1)
	is "graylist-clean refuses /" "$got" \
	    "spamdyke-graylist-clean: refusing to clean /"
	"$U/$P" -n -m 1 "$T/missing" 2>/dev/null >/dev/null
	is "graylist-clean: missing directory exits 1" "$?" 1
	got=$("$U/$P" "$G")
	is "graylist-clean without -m or -c: usage, exit 2" \
	    "$?:$(usage_ok "$got" && echo usage)" "2:usage"
	got=$("$U/$P" -h)
	is "graylist-clean -h: usage, exit 0" \
	    "$?:$(usage_ok "$got" && echo usage)" "0:usage"
	got=$("$U/$P" -q -c "$T/nonexistent.conf" 2>&1)
	is "graylist-clean: unreadable config file exits 2" "$?" 2
}

# ---------------------------------------------------------------- logstats

# synthetic_log: day d (1-5) has d*2 ALLOWED, d RBL refusals from
# 203.0.113.d, and one DENIED_GRAYLISTED; plus noise.
synthetic_log() {
	awk 'BEGIN {
		for (d = 1; d <= 5; d++) {
			for (i = 0; i < d * 2; i++)
				printf "Mar %2d 10:%02d:00 mx spamdyke[%d]: ALLOWED from: a%d@example.org to: b@example.com origin_ip: 192.0.2.%d origin_rdns: mail%d.example.org auth: (unknown) encryption: (none) reason: 250_ok\n", d, i, 1000 + i, i, i, i
			for (i = 0; i < d; i++)
				printf "Mar %2d 11:%02d:00 mx spamdyke[%d]: DENIED_RBL_MATCH from: spam@bad.example to: b@example.com origin_ip: 203.0.113.%d origin_rdns: (unknown) auth: (unknown) encryption: (none) reason: rbl.example\n", d, i, 2000 + i, d
			printf "Mar %2d 12:00:00 mx spamdyke[3000]: DENIED_GRAYLISTED from: list@lists.example to: b@example.com origin_ip: 198.51.100.1 origin_rdns: out.lists.example auth: (unknown) encryption: (none) reason: (empty)\n", d
			printf "Mar %2d 12:00:01 mx kernel: noise line\n", d
		}
	}'
}

# Real sessions through spamdyke and fakeqmail, stderr prefixed with a
# syslog date (the sessions themselves log without one).
spamdyke_log() {
	local sd=$BUILD/spamdyke fq=$BUILD/tests/harness/fakeqmail day=$1
	local common="--log-level=info --log-target=stderr
	    --dns-server-ip-primary=127.0.0.1:$PORT --dns-timeout-secs=2"
	mkdir -p "$T/spool"
	{
		printf 'EHLO client.example\r\nMAIL FROM:<alice@example.org>\r\nRCPT TO:<bob@ours.example>\r\nRCPT TO:<carol@ours.example>\r\nDATA\r\nSubject: hi\r\n\r\nhello\r\n.\r\nQUIT\r\n' |
		    env -i PATH=/usr/bin:/bin TCPREMOTEIP=192.0.2.10 \
		    FAKEQMAIL_SPOOL="$T/spool" "$sd" $common \
		    --relay-level=allow-all -- "$fq" 2>&1 >/dev/null
		printf 'EHLO spam.example\r\nMAIL FROM:<x@spam.example>\r\nRCPT TO:<bob@ours.example>\r\nRCPT TO:<dave@ours.example>\r\nQUIT\r\n' |
		    env -i PATH=/usr/bin:/bin TCPREMOTEIP=192.0.2.1 \
		    FAKEQMAIL_SPOOL="$T/spool" "$sd" $common \
		    --relay-level=allow-all \
		    --ip-blacklist-entry=192.0.2.0/30 -- "$fq" 2>&1 >/dev/null
		printf 'EHLO nordns\r\nMAIL FROM:<>\r\nRCPT TO:<bob@ours.example>\r\nQUIT\r\n' |
		    env -i PATH=/usr/bin:/bin TCPREMOTEIP=203.0.113.50 \
		    FAKEQMAIL_SPOOL="$T/spool" "$sd" $common \
		    --relay-level=allow-all --reject-empty-rdns \
		    -- "$fq" 2>&1 >/dev/null
	} | sed "s/^/$day mx /"
}

t_logstats() {
	local P=spamdyke-logstats got want
	have $P || return
	got=$("$U/$P" -y 2023 "$FIX/maillog")
	is "logstats report on the fixture log" "$got" \
	    "$(cat "$FIX/maillog.expected")"
	want=$got
	gzip -c "$FIX/maillog" >"$T/maillog.gz"
	is "logstats reads a gzip file" "$("$U/$P" -y 2023 "$T/maillog.gz")" \
	    "$want"
	is "logstats reads gzip from a pipe" \
	    "$(cat "$T/maillog.gz" | "$U/$P" -y 2023)" "$want"
	is "logstats reads gzip from redirected stdin" \
	    "$("$U/$P" -y 2023 - <"$T/maillog.gz")" "$want"
	if command -v xz >/dev/null; then
		xz -c "$FIX/maillog" >"$T/maillog.xz"
		is "logstats reads an xz file" \
		    "$("$U/$P" -y 2023 "$T/maillog.xz")" "$want"
	else
		skip "logstats reads an xz file" "no xz"
	fi
	if command -v bzip2 >/dev/null; then
		bzip2 -c "$FIX/maillog" >"$T/maillog.bz2"
		is "logstats reads a bzip2 file" \
		    "$("$U/$P" -y 2023 "$T/maillog.bz2")" "$want"
	else
		skip "logstats reads a bzip2 file" "no bzip2"
	fi
	got=$("$U/$P" -y 2023 "$FIX/maillog" "$T/maillog.gz" |
	    grep -e '^Inputs:' -e '^all ' -e '203.0.113.9$')
	is "logstats adds up several inputs" "$got" "Inputs: 2
all                                    46  100.0%
      12  203.0.113.9"
	head -c 300 "$T/maillog.gz" >"$T/broken.gz"
	"$U/$P" "$T/broken.gz" >/dev/null 2>"$T/broken.err"
	is "logstats: a broken gzip file exits 1" "$?" 1
	like "logstats: a broken gzip file is named" "$(cat "$T/broken.err")" \
	    'broken.gz: gzip -dc failed'
	"$U/$P" "$T/nonexistent" >/dev/null 2>&1
	is "logstats: a missing file exits 1" "$?" 1
	got=$("$U/$P" -n 2 -y 2023 "$FIX/maillog" | sed -n '/^Top 2 senders/,$p')
	is "logstats -n 2" "$got" "Top 2 senders refused:
       5  x@spam.example
       3  (unknown)"

	# SVG
	"$U/$P" -y 2023 -s "$T/days.svg" "$FIX/maillog" >/dev/null
	is "logstats -s: exit 0" "$?" 0
	svg_valid "$T/days.svg" "logstats -s: valid SVG"
	is "logstats -s: one bar segment per day and decision charted" \
	    "$(grep -c '<rect class="bar"' "$T/days.svg")" 13
	is "logstats -s: legend: allowed and 8 kinds of refusal" \
	    "$(grep -o '<text x="[0-9.]*" y="[0-9.]*">[A-Z_]* ([0-9]*)' \
	    "$T/days.svg" | sed 's/.*">//')" "ALLOWED (6)
DENIED_BLACKLIST_IP (1)
DENIED_EARLYTALKER (1)
DENIED_GRAYLISTED (3)
DENIED_OTHER (1)
DENIED_RBL_MATCH (5)
DENIED_RDNS_MISSING (1)
DENIED_SENDER_NO_MX (1)
TIMEOUT (1)"
	like "logstats -s: bar titles" "$(cat "$T/days.svg")" \
	    '<title>2023-11-21 DENIED_GRAYLISTED: 3</title>'
	"$U/$P" -y 2023 -b hour -s "$T/hours.svg" "$FIX/maillog" >/dev/null
	svg_valid "$T/hours.svg" "logstats -b hour: valid SVG"
	like "logstats -b hour: hourly bars" "$(cat "$T/hours.svg")" \
	    '<title>2023-11-21 00:00 DENIED_GRAYLISTED: 3</title>'
	got=$("$U/$P" -s "$T/empty.svg" </dev/null | head -3)
	is "logstats on empty input" "$got" "Inputs: 1
Lines: 0
Decision lines: 0"
	svg_valid "$T/empty.svg" "logstats: SVG without data is valid"

	# A log written here: five days with known counts.
	synthetic_log >"$T/synthetic.log"
	got=$("$U/$P" -y 2024 -s "$T/synthetic.svg" "$T/synthetic.log" |
	    sed -n '/^Lines/,/^all/p')
	is "logstats on a generated log" "$got" "Lines: 55
Decision lines: 50
Period: 2024-03-01 to 2024-03-05

Decisions per day:
2024-03-01  ALLOWED                                 2
2024-03-01  DENIED_GRAYLISTED                       1
2024-03-01  DENIED_RBL_MATCH                        1
2024-03-02  ALLOWED                                 4
2024-03-02  DENIED_GRAYLISTED                       1
2024-03-02  DENIED_RBL_MATCH                        2
2024-03-03  ALLOWED                                 6
2024-03-03  DENIED_GRAYLISTED                       1
2024-03-03  DENIED_RBL_MATCH                        3
2024-03-04  ALLOWED                                 8
2024-03-04  DENIED_GRAYLISTED                       1
2024-03-04  DENIED_RBL_MATCH                        4
2024-03-05  ALLOWED                                10
2024-03-05  DENIED_GRAYLISTED                       1
2024-03-05  DENIED_RBL_MATCH                        5

Decisions in total:
ALLOWED                                30   60.0%
DENIED_GRAYLISTED                       5   10.0%
DENIED_RBL_MATCH                       15   30.0%
all                                    50  100.0%"
	svg_valid "$T/synthetic.svg" "logstats: SVG of the generated log"

	# A log written by spamdyke itself.
	if [ ! -x "$BUILD/spamdyke" ] ||
	    [ ! -x "$BUILD/tests/harness/fakeqmail" ] || [ -z "${PORT-}" ]; then
		skip "logstats on spamdyke's own log" \
		    "spamdyke, fakeqmail or the DNS server missing"
		return
	fi
	spamdyke_log "Nov 21 10:00:00" >"$T/real.log"
	got=$("$U/$P" -y 2023 "$T/real.log" | sed -n \
	    -e '/^Decision lines/p' -e '/^2023-11-21/p' -e '/^Top 10 rDNS/,/^$/p')
	is "logstats on spamdyke's own log" "$got" "Decision lines: 5
2023-11-21  ALLOWED                                 2
2023-11-21  DENIED_BLACKLIST_IP                     2
2023-11-21  DENIED_RDNS_MISSING                     1
Top 10 rDNS names refused:
       2  host1.example.test
       1  (unknown)" || diag <"$T/real.log"
}

svg_valid() {
	if command -v xmllint >/dev/null; then
		if xmllint --noout "$1" 2>"$T/xmllint.err"; then
			ok "$2 (xmllint)"
		else
			nok "$2 (xmllint)"
			diag <"$T/xmllint.err"
		fi
	elif head -1 "$1" | grep -q '^<?xml' && tail -1 "$1" |
	    grep -q '^</svg>$'; then
		ok "$2 (no xmllint: header and end only)"
	else
		nok "$2"
	fi
}

# ---------------------------------------------------------------- man pages

t_man() {
	local page name out
	if ! command -v man >/dev/null; then
		skip "man pages render" "man not installed"
		return
	fi
	for name in domain2path domainsplit timefilter dnsa dnsaaaa dnsmx \
	    dnsns dnsptr dnssoa dnstxt spamdyke-graylist-clean \
	    spamdyke-logstats; do
		page=$ROOT/documentation/$name.1
		if [ ! -f "$page" ]; then
			nok "man page $name.1 exists"
			continue
		fi
		out=$(MANWIDTH=80 man --warnings -l "$page" 2>&1 >/dev/null)
		is "man -l $name.1 renders without warnings" "$out" ""
	done
}

t_domain2path
t_domainsplit
t_timefilter
t_dns
t_graylist
t_logstats
t_man

echo "1..$N"
echo "# $PASS passed, $FAIL failed"
exit 0
