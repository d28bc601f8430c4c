#!/bin/bash
# tests/configtest/run-tap.sh BUILD_DIR - spamdyke --config-test end to end
# (files.md 12): a good configuration exits 0, each kind of fault prints
# the message the specification gives and exits 1.  TAP on stdout.
#
# The qmail command is the bundled backend BUILD_DIR/tests/harness/fakeqmail
# (FAKEQMAIL_EHLO_EXTRA makes it offer STARTTLS/AUTH); DNS blacklists are
# asked of tests/harness/dnsserver.py.  Permission tests run as nobody
# (run-as-user) when started as root, and are skipped otherwise where
# they need another user.  SPAMDYKE=PATH tests another binary.
set -u

build=${1:?usage: run-tap.sh BUILD_DIR}
here=$(cd "$(dirname "$0")" && pwd)
src=$(dirname "$(dirname "$here")")
SD=${SPAMDYKE:-$build/spamdyke}
FQ=$build/tests/harness/fakeqmail
PY=/usr/bin/python3

T=$(mktemp -d /tmp/configtest.XXXXXX) || exit 1
chmod 755 "$T"
dnspid=
cleanup() {
	[ -n "$dnspid" ] && kill "$dnspid" 2>/dev/null
	rm -rf "$T"
}
trap cleanup EXIT

n=0
failed=0
ntests=46
echo "1..$ntests"

if [ ! -x "$SD" ] || [ ! -x "$FQ" ]; then
	for i in $(seq 1 $ntests); do
		echo "not ok $i - $SD or $FQ missing (make tests)"
	done
	exit 1
fi

root=0
[ "$(id -u)" = 0 ] && root=1

# ---------------------------------------------------------------- helpers

# ct [OPTIONS...] [-- QMAIL...]: run spamdyke --config-test; output in
# $T/out, status in $status.  Without "--" the qmail command is fakeqmail.
ct() {
	local args=() q=("$FQ")
	while [ $# -gt 0 ]; do
		if [ "$1" = -- ]; then
			shift
			q=("$@")
			break
		fi
		args+=("$1")
		shift
	done
	(cd "$T" && exec "$SD" --config-test "${args[@]}" "${q[@]}") \
	    >"$T/out" 2>&1 </dev/null
	status=$?
}

# A base that passes on its own: local domains for relay-level.
BASE=(--log-level=info "--qmail-rcpthosts-file=$T/rcpthosts")

problems=()
want_status() {
	[ "$status" = "$1" ] || problems+=("exit status $status, want $1")
}
# has TEXT: a line of the output contains TEXT.
has() {
	grep -qF -- "$1" "$T/out" || problems+=("missing: $1")
}
# line TEXT: a whole line of the output is TEXT.
line() {
	grep -qxF -- "$1" "$T/out" || problems+=("missing line: $1")
}
lacks() {
	! grep -qF -- "$1" "$T/out" || problems+=("unexpected: $1")
}
verdict_ok() {
	want_status 0
	[ "$(tail -n 1 "$T/out")" = "SUCCESS: Tests complete. No errors detected." ] ||
	    problems+=("last line is not the success verdict")
	lacks "ERROR"
}
verdict_err() {
	want_status 1
	[ "$(tail -n 1 "$T/out")" = "ERROR: Tests complete. Errors detected." ] ||
	    problems+=("last line is not the error verdict")
}
# report NAME: one TAP line from the checks since the last report.
report() {
	n=$((n + 1))
	if [ ${#problems[@]} -eq 0 ]; then
		echo "ok $n - $1"
	else
		failed=$((failed + 1))
		echo "not ok $n - $1"
		for p in "${problems[@]}"; do
			echo "# $p"
		done
		echo "# output:"
		sed 's/^/#   /' "$T/out" | tail -n 40
	fi
	problems=()
}
skip() {
	n=$((n + 1))
	echo "ok $n - $1 # SKIP $2"
	problems=()
}

# --------------------------------------------------------------- fixtures

printf 'example.com\nexample.net\n' >"$T/rcpthosts"
printf '#!/bin/sh\nexit 0\n' >"$T/true.sh"
chmod 755 "$T/true.sh"
printf '#!/bin/sh\nexit 0\n' >"$T/noexec.sh"
chmod 644 "$T/noexec.sh"
cp -r "$src/tests/fixtures/configdir" "$T/cd"
mkfifo "$T/cd/bad/_rdns_/fifo"

# checkpassword accepting alice/secret, plain or CRAM-MD5 (8.4).
cat >"$T/checkpw.py" <<'EOF'
#!/usr/bin/python3
import hashlib, hmac, os, sys
data = b""
while True:
    b = os.read(3, 4096)
    if not b:
        break
    data += b
user, pw, stamp = (data.split(b"\0") + [b"", b"", b""])[:3]
if user != b"alice":
    sys.exit(1)
if stamp:
    want = hmac.new(b"secret", stamp, hashlib.md5).hexdigest().encode()
    sys.exit(0 if pw == want else 1)
sys.exit(0 if pw == b"secret" else 1)
EOF
chmod 755 "$T/checkpw.py"
# checkpassword that knows plain passwords only.
cat >"$T/plainpw.py" <<'EOF'
#!/usr/bin/python3
import os, sys
d = os.read(3, 4096).split(b"\0")
sys.exit(0 if d[0] == b"alice" and d[1] == b"secret" and not d[2] else 1)
EOF
chmod 755 "$T/plainpw.py"

# A cdb file (files.md 11.1) holding the given keys.
mkcdb() {
	"$PY" - "$@" <<'EOF'
import struct, sys
path, keys = sys.argv[1], [k.encode() for k in sys.argv[2:]]
def h(k):
    v = 5381
    for c in k:
        v = (((v << 5) + v) ^ c) & 0xffffffff
    return v
tables = [[] for _ in range(256)]
body = b""
pos = 2048
for k in keys:
    rec = struct.pack("<II", len(k), 1) + k + b"1"
    tables[h(k) & 255].append((h(k), pos))
    body += rec
    pos += len(rec)
head = b""
tabs = b""
for t in tables:
    n = 2 * len(t)
    head += struct.pack("<II", pos + len(tabs), n)
    slots = [(0, 0)] * n
    for hv, p in t:
        i = (hv >> 8) % n
        while slots[i][1]:
            i = (i + 1) % n
        slots[i] = (hv, p)
    for hv, p in slots:
        tabs += struct.pack("<II", hv, p)
open(path, "wb").write(head + body + tabs)
EOF
}

# ------------------------------------------------------------------ tests

# 1
ct "${BASE[@]}"
verdict_ok
line "Use --help for an option summary or --more-help for option details."
has "spamdyke "
has "INFO: Running the qmail command to test its capabilities: $FQ"
has "SUCCESS(qmail-rcpthosts-file): Opened for reading: $T/rcpthosts"
report "good configuration: exit 0 and the success verdict"

# 2
ct "--qmail-rcpthosts-file=$T/rcpthosts"
verdict_ok
lacks "SUCCESS(qmail-rcpthosts-file)"
lacks "INFO:"
lacks "Testing configuration..."
report "log-level error shows no SUCCESS or INFO lines"

# 3
ct "${BASE[@]}" --log-level=verbose
verdict_ok
line "Testing configuration..."
report "log-level verbose shows the progress lines"

# 4
if [ "$root" = 1 ]; then
	ct "${BASE[@]}"
	has "WARNING: Running tests as superuser root(0)"
	has "These test results may not be valid if the mail server runs as another user."
	report "running as root warns"
	ct "${BASE[@]}" --run-as-user=nobody
	has "SUCCESS: Running tests as user nobody("
	verdict_ok
	report "run-as-user: tests run as that user"
else
	ct "${BASE[@]}"
	has "Is this the same user and group the mail server uses?"
	report "running as another user without run-as-user warns"
	skip "run-as-user: tests run as that user" "not root"
fi

# 6
ct "${BASE[@]}" --ip-blacklist-file=/nonexistent/ip.txt
verdict_err
line "ERROR(ip-blacklist-file): Failed to open for reading: /nonexistent/ip.txt: No such file or directory"
report "missing file: Failed to open for reading"

# 7
if [ "$root" = 1 ]; then
	printf '10.0.0.1\n' >"$T/secret.txt"
	chmod 600 "$T/secret.txt"
	ct "${BASE[@]}" --run-as-user=nobody "--ip-whitelist-file=$T/secret.txt"
	verdict_err
	line "ERROR(ip-whitelist-file): Failed to open for reading: $T/secret.txt: Permission denied"
	report "unreadable file (as the run-as-user): Permission denied"
else
	skip "unreadable file (as the run-as-user)" "not root"
fi

# 8
ct "${BASE[@]}" "--hostname-command=$T/noexec.sh,arg"
verdict_err
has "ERROR(hostname-command): $T/noexec.sh is not a file executable by the current user and group"
report "non-executable command"

# 9
ct "${BASE[@]}" --recipient-validation-command=spamdyke-qrv
verdict_err
has "ERROR(recipient-validation-command): The command must be an absolute path: spamdyke-qrv"
report "recipient-validation-command must be absolute"

# 10
ct "${BASE[@]}" --hostname-command=/nonexistent/hostname
verdict_err
has "ERROR(hostname-command): Failed to find executable: /nonexistent/hostname: No such file or directory"
report "missing command"

# 11
mkdir -p "$T/gl/example.com/bob/example.org"
: >"$T/gl/example.com/bob/example.org/alice"
mkdir -p "$T/gl/stray.org"
ct "${BASE[@]}" --graylist-level=always "--graylist-dir=$T/gl"
verdict_ok
has "INFO(graylist-dir): The domain directory $T/gl/stray.org is not listed in rcpthosts; it will not be used."
has "INFO(graylist-level): No graylist domain directory for example.net: no graylisting will take place for it."
report "graylist directory: good tree, INFO for unlisted and missing domains"

# 12
ct "${BASE[@]}" --graylist-level=always-create-dir "--graylist-dir=$T/gl"
verdict_ok
has "INFO(graylist-level): No graylist domain directory for example.net; it will be created when needed."
report "graylist create-dir level: missing domains will be created"

# 13
if [ "$root" = 1 ]; then
	ct "${BASE[@]}" --run-as-user=nobody --graylist-level=always "--graylist-dir=$T/gl"
	verdict_err
	has "ERROR(graylist-dir): Failed to create a file in directory $T/gl/example.com: Permission denied"
	has "ERROR(graylist-dir): Failed to open for reading and writing: $T/gl/example.com/bob/example.org/alice: Permission denied"
	report "unwritable graylist directories (as the run-as-user)"
else
	skip "unwritable graylist directories" "not root"
fi

# 14
: >"$T/gl/example.com/stray-file"
ct "${BASE[@]}" --graylist-level=always "--graylist-dir=$T/gl"
verdict_err
has "ERROR(graylist-dir): Not a directory: $T/gl/example.com/stray-file; a domain directory may hold only directories."
rm -f "$T/gl/example.com/stray-file"
report "graylist directory: a file where a user directory belongs"

# 15
ct "${BASE[@]}" "--graylist-dir=$T/gl"
verdict_err
line "ERROR(graylist-level): graylist-level is none but other graylist options are set: no graylisting will take place."
report "graylist-level none with graylist options"

# 16
ct "${BASE[@]}" --graylist-level=only
verdict_err
has "ERROR(graylist-level): graylist-level is only but no graylist-dir is given"
report "graylist-level without graylist-dir"

# 17
ct "${BASE[@]}" "--config-dir=$T/cd/good"
verdict_ok
line "SUCCESS(config-dir): The configuration directory tree is valid: $T/cd/good"
report "config-dir: a good tree (nesting, partial paths, IPv6 layout)"

# 18
ct "${BASE[@]}" "--config-dir=$T/cd/bad"
verdict_err
B=$T/cd/bad
line "ERROR(config-dir): 300 is not an integer 0-255 or a group of four lowercase hex digits: $B/_ip_/300"
line "ERROR(config-dir): More than 4 levels below _ip_: $B/_ip_/1/2/3/4/5"
line "ERROR(config-dir): _sender_ is directly inside _ip_ with no data level in between: $B/_ip_/_sender_"
line "ERROR(config-dir): _at_ outside _sender_ or _recipient_: $B/_rdns_/com/_at_"
line "ERROR(config-dir): Found a file named _ip_; it is never read: $B/_rdns_/net/_ip_"
line "ERROR(config-dir): Found a file named _at_; it is never read: $B/_at_"
line "ERROR(config-dir): More than one level below _at_: $B/_sender_/com/_at_/a/b"
line "ERROR(config-dir): _sender_ appears twice on one path: $B/_sender_/com/example/_sender_"
line "ERROR(config-dir): _at_ is directly inside _recipient_ with no domain level in between: $B/_recipient_/_at_"
line "ERROR(config-dir): _at_ appears twice on one path: $B/_recipient_/org/_at_/bob/_at_"
line "ERROR(config-dir): Neither a file nor a directory: $B/_rdns_/fifo"
lacks "SUCCESS(config-dir)"
report "config-dir: every structural fault of a bad tree"

# 19
ct "${BASE[@]}" "--config-dir=$T/cd/bad"
line "ERROR(config-dir): Option not allowed in configuration file, found in file $B/_rdns_/org/example on line 1: max-recipients"
line "ERROR(config-dir): Unknown configuration file option in file $B/_rdns_/org/example on line 2: no-such-option"
report "config-dir: disallowed and unknown options in a directory file"

# 20
mkdir -p "$T/cd2/_recipient_/com"
printf 'ip-blacklist-file=/nonexistent/x\ngraylist-level=always\n' >"$T/cd2/_recipient_/com/example"
ct "${BASE[@]}" "--config-dir=$T/cd2"
verdict_err
line "ERROR(ip-blacklist-file): Failed to open for reading: /nonexistent/x: No such file or directory (in configuration directory file $T/cd2/_recipient_/com/example)"
line "ERROR(graylist-level): graylist-level is always but no graylist-dir is given: no graylisting will take place. (in configuration directory file $T/cd2/_recipient_/com/example)"
report "config-dir: options set in a directory file are tested"

# 21
ct "${BASE[@]}" --config-dir=/nonexistent/cd
verdict_err
line "ERROR(config-dir): Failed to open directory: /nonexistent/cd: No such file or directory"
report "config-dir: missing root"

# 22
ct "${BASE[@]}"
has "INFO(tls-level): TLS will not be available: qmail does not offer it and no tls-certificate-file is given."
has "INFO(smtp-auth-level): SMTP AUTH will not be available: qmail does not offer it and smtp-auth-level is observe."
report "qmail capabilities: neither TLS nor AUTH"

# 23
FAKEQMAIL_EHLO_EXTRA="STARTTLS,AUTH LOGIN PLAIN" ct "${BASE[@]}"
verdict_ok
has "SUCCESS(tls-level): qmail offers TLS and no tls-certificate-file is given: spamdyke will pass TLS through to qmail"
has "SUCCESS(smtp-auth-level): qmail offers SMTP AUTH; spamdyke will observe it and trust its result."
report "qmail capabilities: TLS and AUTH offered"

# 24
FAKEQMAIL_EHLO_EXTRA="AUTH LOGIN PLAIN" ct "${BASE[@]}" --smtp-auth-level=none --tls-level=none
verdict_ok
has "INFO(smtp-auth-level): qmail offers SMTP AUTH but smtp-auth-level is none"
has "INFO(tls-level): TLS is disabled (tls-level none)"
report "qmail capabilities: AUTH hidden at level none"

# 25
ct "${BASE[@]}" -- /bin/true
verdict_err
line "ERROR: The qmail command produced no output: /bin/true"
report "qmail command without output"

# 26
ct "${BASE[@]}" -- /nonexistent/qmail-smtpd
verdict_err
has "ERROR: Unable to find the qmail command /nonexistent/qmail-smtpd"
report "qmail command not found"

# 27
FAKEQMAIL_ENVFILE=$T/env ct "${BASE[@]}"
env_ok=1
for v in TCPLOCALPORT=25 TCPREMOTEHOST=localhost TCPREMOTEIP=127.0.0.1 REMOTE_HOST=127.0.0.1; do
	grep -qxF "$v" "$T/env" 2>/dev/null || problems+=("qmail environment lacks $v")
done
report "qmail runs with the test environment (12.2 item 2)"

# 28
ct "${BASE[@]}" --smtp-auth-level=observe "--smtp-auth-command=$T/true.sh"
verdict_err
has "ERROR(smtp-auth-command): smtp-auth-command is given but smtp-auth-level is observe: the commands will be ignored."
report "smtp-auth-command ignored at level observe"

# 29
ct "${BASE[@]}" --smtp-auth-level=always
verdict_err
has "ERROR(smtp-auth-level): smtp-auth-level is always but no smtp-auth-command is given"
report "smtp-auth-level always without a command"

# 30
ct --log-level=info '--qmail-rcpthosts-file=!!!' "--smtp-auth-command=$T/true.sh"
verdict_err
has "ERROR(smtp-auth-level): smtp-auth-level is ondemand but neither qmail-rcpthosts-file nor qmail-morercpthosts-cdb is available"
report "smtp-auth-level ondemand without local domains"

# 31
ct "${BASE[@]}" "--smtp-auth-command=$T/checkpw.py" --config-test-smtpauth-username=alice --config-test-smtpauth-password=secret
verdict_ok
has "SUCCESS(smtp-auth-command): Authentication succeeded for alice with $T/checkpw.py (plain password)."
has "SUCCESS(smtp-auth-command): Authentication succeeded for alice with $T/checkpw.py (CRAM-MD5)."
has "INFO(smtp-auth-level): CRAM-MD5 works with every command: consider smtp-auth-level=ondemand-encrypted"
report "smtp-auth test: plain and CRAM-MD5 succeed"

# 32
ct "${BASE[@]}" "--smtp-auth-command=$T/checkpw.py" --config-test-smtpauth-username=alice --config-test-smtpauth-password=wrong
verdict_err
line "ERROR(smtp-auth-command): Authentication failed for alice with $T/checkpw.py (plain password): exit status 1."
report "smtp-auth test: a wrong password fails the test"

# 33
ct "${BASE[@]}" "--smtp-auth-command=$T/plainpw.py" --smtp-auth-level=ondemand-encrypted --config-test-smtpauth-username=alice --config-test-smtpauth-password=secret
verdict_ok
has "INFO(smtp-auth-command): Authentication failed for alice with $T/plainpw.py (CRAM-MD5)"
has "WARNING(smtp-auth-level): CRAM-MD5 failed: consider smtp-auth-level=ondemand"
report "smtp-auth test: CRAM-MD5 failure is reported, not counted"

# 34
ct --log-level=info '--qmail-rcpthosts-file=!!!'
verdict_err
has "ERROR(relay-level): relay-level is normal but neither qmail-rcpthosts-file nor qmail-morercpthosts-cdb is available"
report "relay-level normal without local domains"

# 35
mkcdb "$T/more.cdb" example.org example.info
cp "$T/rcpthosts" "$T/more.txt"
mkcdb "$T/empty.cdb"
ct "${BASE[@]}" "--qmail-morercpthosts-cdb=$T/more.cdb"
verdict_ok
has "SUCCESS(qmail-morercpthosts-cdb): $T/more.cdb is a valid CDB file with 2 domains."
report "morercpthosts: a valid CDB"

# 36
ct "${BASE[@]}" "--qmail-morercpthosts-cdb=$T/more.txt" "--qmail-morercpthosts-cdb=$T/empty.cdb"
verdict_err
has "ERROR(qmail-morercpthosts-cdb): $T/more.txt is not a valid CDB file: it is shorter than 2048 bytes. Was the text file (morercpthosts) given instead of the compiled morercpthosts.cdb?"
has "WARNING(qmail-morercpthosts-cdb): $T/empty.cdb is a valid CDB file but holds no domains."
report "morercpthosts: the text file instead of the CDB"

# 37
R=$T/rdnsdir
mkdir -p "$R/good/com/e/example/mx" "$R/good/com/c" "$R/bad/com/x/example" "$R/bad/net" "$R/bad/org/ab"
: >"$R/good/com/e/example/example.com"
: >"$R/good/com/e/example/mx.example.com"
: >"$R/good/com/e/example/mx/a.mx.example.com"
: >"$R/good/com/c/com"
: >"$R/bad/com/x/example/example.com"
ct "${BASE[@]}" "--rdns-blacklist-dir=$R/good"
verdict_ok
line "SUCCESS(rdns-blacklist-dir): The rDNS directory tree is valid: $R/good"
report "rDNS directory: a good tree (also the fourth level)"

# 38
ct "${BASE[@]}" "--rdns-whitelist-dir=$R/bad"
verdict_err
has "ERROR(rdns-whitelist-dir): Unexpected directory in the rDNS directory: $R/bad/com/x/example (expected a directory whose name starts with that character)"
has "ERROR(rdns-whitelist-dir): Empty directory: $R/bad/net"
has "ERROR(rdns-whitelist-dir): Unexpected directory in the rDNS directory: $R/bad/org/ab (expected a directory named with one character)"
report "rDNS directory: a bad tree"

# 39
printf 'ok@example.com\nno-at-sign\n   \nspace@example.com \n  # not a comment\n' >"$T/senders"
ct "${BASE[@]}" "--sender-blacklist-file=$T/senders"
verdict_ok
has "WARNING(sender-blacklist-file): $T/senders line 2 (\"no-at-sign\"): an entry without '@' matches only an identical whole address"
has "WARNING(sender-blacklist-file): $T/senders line 3 (\"   \"): the line holds only whitespace and matches nothing."
has "WARNING(sender-blacklist-file): $T/senders line 4 (\"space@example.com \"): the line ends in whitespace, so the entry never matches."
has "WARNING(sender-blacklist-file): $T/senders line 5 (\"  # not a comment\"): an indented '#' does not start a comment"
lacks "line 1 ("
report "list lines that match nothing are warnings (exit 0)"

# 40
"$PY" -c 'import sys; sys.stdout.write("10.0.0.1\n" * 65536)' >"$T/big.txt"
ct "${BASE[@]}" "--ip-blacklist-file=$T/big.txt"
verdict_ok
lacks "big.txt has 65536 lines"
report "a list file of 65536 lines is fine: every line counts (issue 3)"

# 41
args=()
for i in $(seq 1 26); do args+=("--sender-blacklist-entry=u$i@example.com"); done
ct "${BASE[@]}" "${args[@]}"
verdict_ok
has "WARNING(sender-blacklist-entry): sender-blacklist-entry is given 26 times. A file (sender-blacklist-file) is easier to maintain"
report "more than 25 entries: suggest a file"

# 42
if "$SD" --version 2>&1 | grep -q '+TLS'; then
ct "${BASE[@]}" --full-log-dir=/nonexistent/log --tls-level=smtps
verdict_err
has "ERROR(full-log-dir): Failed to create a file in directory /nonexistent/log: No such file or directory"
has "ERROR(tls-level): tls-level is smtps but no tls-certificate-file is given"
report "unwritable full-log-dir, smtps without a certificate"
else
	skip "unwritable full-log-dir, smtps without a certificate" "built without TLS"
fi

# 43
cp "$SD" "$T/sd-setuid"
chown 0:0 "$T/sd-setuid" 2>/dev/null
chmod 4755 "$T/sd-setuid"
if [ "$root" = 1 ]; then
	SD_SAVE=$SD
	SD=$T/sd-setuid
	ct "${BASE[@]}"
	SD=$SD_SAVE
	verdict_err
	line "ERROR: spamdyke binary ($T/sd-setuid) is owned by root and marked setuid. This is not necessary or recommended; it could be a security risk."
	report "own binary setuid root"
else
	skip "own binary setuid root" "not root"
fi

# 44
cat >"$T/zone" <<'EOF'
2.0.0.127.good.test A 127.0.0.2
2.0.0.127.all.test A 127.0.0.2
1.0.0.127.all.test A 127.0.0.2
2.0.0.127.refused.test A 127.255.255.254
1.0.0.127.refused.test A 127.255.255.254
EOF
exec 7< <(exec "$PY" "$src/tests/harness/dnsserver.py" --zone "$T/zone" --port 0 --ignore-stdin)
dnspid=$!
port=
read -r -t 10 word port <&7
if [ "${word:-}" = PORT ] && [ -n "$port" ]; then
	printf 'dead.test\n' >"$T/zones"
	mkdir -p "$T/cd3/_ip_"
	printf 'dns-blacklist-entry=dead2.test\n' >"$T/cd3/_ip_/10"
	ct "${BASE[@]}" "--dns-server-ip-primary=127.0.0.1:$port" \
	    --dns-blacklist-entry=good.test --dns-blacklist-entry=all.test \
	    --dns-blacklist-entry=refused.test "--dns-blacklist-file=$T/zones" \
	    "--config-dir=$T/cd3"
	verdict_err
	line "ERROR(dns-blacklist-entry): The DNS blacklist dead2.test does not list its test entry 127.0.0.2 (2.0.0.127.dead2.test): the zone name may be wrong or the list may be out of service. (in configuration directory file $T/cd3/_ip_/10)"
	line "SUCCESS(dns-blacklist-entry): The DNS blacklist good.test lists its test entry 127.0.0.2 and not 127.0.0.1."
	line "ERROR(dns-blacklist-entry): The DNS blacklist all.test lists 127.0.0.1 (1.0.0.127.all.test): it may be listing every address."
	has "ERROR(dns-blacklist-entry): The DNS blacklist refused.test answers with an address in 127.255.255.0/24"
	line "ERROR(dns-blacklist-entry): The DNS blacklist dead.test does not list its test entry 127.0.0.2 (2.0.0.127.dead.test): the zone name may be wrong or the list may be out of service."
	report "DNS blacklists: test entries 127.0.0.2 and 127.0.0.1, refused answers"
else
	problems+=("dnsserver.py did not start")
	report "DNS blacklists: test entries"
fi

# 45, 46
if "$SD" --version 2>&1 | grep -q '+TLS' &&
    command -v openssl >/dev/null 2>&1 &&
    sh "$src/tests/fixtures/tls/mkcerts.sh" "$T/tls" >/dev/null 2>&1; then
	ct "${BASE[@]}" "--tls-certificate-file=$T/tls/cert.pem" \
	    "--tls-privatekey-file=$T/tls/key.pem" "--tls-dhparams-file=$T/tls/dh.pem"
	verdict_ok
	has "SUCCESS(tls-level): spamdyke will offer TLS (STARTTLS) with the certificate in tls-certificate-file."
	line "SUCCESS(tls-certificate-file): The TLS library accepted the certificate, the key and the parameters: $T/tls/cert.pem"
	report "TLS material: certificate, key and DH parameters load"
	ct "${BASE[@]}" "--tls-certificate-file=$T/tls/cert2.pem" \
	    "--tls-privatekey-file=$T/tls/key.pem"
	verdict_err
	has "ERROR(tls-certificate-file): unable to load or decrypt SSL/TLS private key"
	report "TLS material: certificate and key do not match"
else
	skip "TLS material: certificate, key and DH parameters load" "no openssl or no TLS"
	skip "TLS material: certificate and key do not match" "no openssl or no TLS"
fi

[ "$n" = "$ntests" ] || echo "# ran $n tests, planned $ntests"
[ "$failed" = 0 ]
