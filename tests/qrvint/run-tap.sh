#!/bin/bash
# tests/qrvint/run-tap.sh - spamdyke-qrv through spamdyke (issue 7 step 3).
#
# Usage: tests/qrvint/run-tap.sh BUILD_DIR
#
# The outcomes of spamdyke-qrv (shared/spec/qrv.md section 4) seen through
# spamdyke's RCPT replies and decision lines (qrv.md 1.5, session.md 5.3).
# As in tests/qrv/run-tap.sh, the helper is a test-only copy compiled with
# -DQMAIL_HOME pointing at a fake qmail tree (the setuid program takes no
# qmail home from its caller).  The tree needs no passwd accounts: owners
# come from users/cdb (numeric uids, compiled with tests/qrv/newu.c) and the
# alias user is one that does not exist, so an unknown local part is
# INVALID (qrv.md 3.4 C3):
#   alice@example.net   users/cdb owner, home and Maildir/new  -> 1 VALID
#   nosuch@example.net  no owner, no alias user                -> 2 INVALID
#   carol@example.net   users/cdb owner, home missing (D1)     -> 3 UNAVAILABLE
#   dave@example.net    home not searchable by its owner       -> 2 INVALID (D2)
#   x@other.example     in rcpthosts, not in locals            -> 0 UNKNOWN
# spamdyke itself ($1/spamdyke, backend $1/tests/harness/fakeqmail) is fed a
# scripted SMTP dialogue through a pipe; it waits for each reply before it
# reads the next command.
#
# Also: --config-test on the recipient-validation-command (files.md 12.2).
#
# Needs root (chown of the fake homes, setuid copy for --config-test);
# otherwise every case is skipped.  Prints TAP; always exits 0.

set -u
export LC_ALL=C
umask 022

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
BUILD=${1:-$ROOT/build}
BUILD=$(cd "$BUILD" 2>/dev/null && pwd || echo "$BUILD")
CC=${CC:-cc}
SD=$BUILD/spamdyke
FQ=$BUILD/tests/harness/fakeqmail

N=0
ok() { N=$((N + 1)); echo "ok $N - $1"; }
nok() { N=$((N + 1)); echo "not ok $N - $1"; }
skip() { N=$((N + 1)); echo "ok $N - $1 # SKIP $2"; }
todo() { N=$((N + 1)); echo "not ok $N - $1 # TODO $2"; }
diag() { sed 's/^/# /'; }
finish() { echo "1..$N"; exit 0; }

if [ "$(id -u)" != 0 ]; then
	skip "qrv through spamdyke" "not root"
	finish
fi
if [ ! -x "$SD" ] || [ ! -x "$FQ" ]; then
	nok "build has spamdyke and tests/harness/fakeqmail"
	echo "missing $SD or $FQ" | diag
	finish
fi

T=$(mktemp -d /tmp/qrvint.XXXXXX)
chmod 755 "$T"
trap 'rm -rf "$T"' EXIT
trap 'exit 1' INT TERM HUP
QH=$T/qmail
FX=$T/home

# ---------------------------------------------------------------------
# The helper: same sources and flags as tests/qrv/run-tap.sh
# ---------------------------------------------------------------------
SRC=("$ROOT"/src/qrv/*.c "$ROOT"/src/util/buf.c "$ROOT"/src/util/str.c
    "$ROOT"/src/util/path.c "$ROOT"/src/util/file.c)
CF=(-std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -Wall -Wextra
    -Werror -O1 -g -I"$ROOT/src")
# shellcheck disable=SC2206
CF+=(${QRV_TEST_CFLAGS:-})
QV=$T/bin/spamdyke-qrv
mkdir -p "$T/bin"
OUT=$("$CC" "${CF[@]}" -DQMAIL_HOME="\"$QH\"" -DQRV_ALIAS_USER='"qrvinoalias"' \
    "${SRC[@]}" -lcdb -o "$QV" 2>&1)
if [ ! -x "$QV" ]; then
	nok "compile a test copy of spamdyke-qrv"
	echo "$OUT" | diag
	finish
fi
OUT=$("$CC" -std=c11 -D_DEFAULT_SOURCE -Wall -Wextra -Werror \
    "$ROOT/tests/qrv/newu.c" -lcdb -o "$T/bin/newu" 2>&1)
if [ ! -x "$T/bin/newu" ]; then
	nok "compile tests/qrv/newu.c"
	echo "$OUT" | diag
	finish
fi

# ---------------------------------------------------------------------
# The fake qmail tree
# ---------------------------------------------------------------------
ALICE=62101
CAROL=62103
DAVE=62104
mkdir -p "$QH/control" "$QH/users" "$FX"
printf 'mx.example.net\n' >"$QH/control/me"
printf 'example.net\n' >"$QH/control/locals"
printf './Maildir/\n' >"$QH/control/defaultdelivery"
cat >"$QH/users/assign" <<EOF
=alice:alice:$ALICE:$ALICE:$FX/alice:::
=carol:carol:$CAROL:$CAROL:$FX/carol:::
=dave:dave:$DAVE:$DAVE:$FX/dave:::
.
EOF
"$T/bin/newu" "$QH/users/cdb" <"$QH/users/assign"
chmod 600 "$QH/users/cdb"
for u in alice dave; do
	mkdir -p "$FX/$u/Maildir/cur" "$FX/$u/Maildir/new" "$FX/$u/Maildir/tmp"
	chmod 700 "$FX/$u/Maildir" "$FX/$u"/Maildir/*
done
chown -R $ALICE:$ALICE "$FX/alice"
chmod 755 "$FX/alice"
chown -R $DAVE:$DAVE "$FX/dave"
chmod 0055 "$FX/dave"	# owner has no r/x: qrv.md row 30, INVALID
printf 'example.net\nother.example\n' >"$T/rcpthosts"

# Sanity: the helper alone gives the exit codes the cases rely on.
qrv_rc() { "$QV" "$1" "$2" >/dev/null 2>&1 </dev/null; echo $?; }
for c in "example.net alice 1" "example.net nosuch 2" "example.net carol 3" \
    "example.net dave 2" "other.example x 0"; do
	# shellcheck disable=SC2086
	set -- $c
	rc=$(qrv_rc "$1" "$2")
	if [ "$rc" = "$3" ]; then
		ok "qrv alone: $2@$1 exits $3"
	else
		nok "qrv alone: $2@$1 exits $3"
		echo "got exit $rc" | diag
		"$QV" -v -v -d "$1" "$2" 2>&1 | diag
	fi
done

# ---------------------------------------------------------------------
# spamdyke sessions
# ---------------------------------------------------------------------
# session NAME [spamdyke options...] < SMTP lines (LF ends; CRLF is sent)
# Runs spamdyke with the dialogue on a pipe; replies in $T/NAME.out,
# stderr in $T/NAME.err.
session() {
	local name=$1
	shift
	sed 's/$/\r/' | env -i PATH=/usr/bin:/bin TCPREMOTEIP=192.0.2.1 \
	    ${ASAN_OPTIONS:+ASAN_OPTIONS=$ASAN_OPTIONS} \
	    ${UBSAN_OPTIONS:+UBSAN_OPTIONS=$UBSAN_OPTIONS} \
	    FAKEQMAIL_TIMEOUT=20 FAKEQMAIL_TIME=1700000000 FAKEQMAIL_QP=1234 \
	    timeout 20 "$SD" --log-target=stderr --log-level=verbose \
	    --dns-level=none --qmail-rcpthosts-file="$T/rcpthosts" "$@" "$FQ" \
	    >"$T/$name.out" 2>"$T/$name.err"
	echo $? >"$T/$name.rc"
	tr -d '\r' <"$T/$name.out" >"$T/$name.txt"
}

# replies NAME LABEL <<EOF ...: the whole client-visible output (CR removed)
replies() {
	local name=$1 label=$2 want
	want=$(cat)
	if [ "$(cat "$T/$name.txt")" = "$want" ] && [ "$(cat "$T/$name.rc")" = 0 ]; then
		ok "$label"
	else
		nok "$label"
		{
			echo "exit status $(cat "$T/$name.rc")"
			diff <(echo "$want") "$T/$name.txt" | sed 's/^/diff: /'
			sed 's/^/stderr: /' "$T/$name.err"
		} | diag
	fi
}

# logline NAME LABEL TEXT: a stderr line equals TEXT after "spamdyke[PID]: "
logline() {
	local name=$1 label=$2 text=$3
	if sed -n 's/^spamdyke\[[0-9]*\]: //p' "$T/$name.err" | grep -qxF -- "$text"; then
		ok "$label"
	else
		nok "$label"
		{ echo "want: $text"; sed 's/^/stderr: /' "$T/$name.err"; } | diag
	fi
}

# nolog NAME LABEL REGEX: no stderr line matches
nolog() {
	if grep -qE -- "$3" "$T/$1.err"; then
		nok "$2"
		grep -E -- "$3" "$T/$1.err" | diag
	else
		ok "$2"
	fi
}

D="origin_ip: 192.0.2.1 origin_rdns: (unknown) auth: (unknown) encryption: (none)"
QOPT=(--reject-recipient=invalid --reject-recipient=unavailable
    --recipient-validation-command="$QV")
EHLO='250-test.example.com
250-PIPELINING
250 8BITMIME'
INV='554 Refused. The recipient address does not exist.'
UNA='554 Refused. The recipient is not accepting mail right now.'

# 1. The three outcomes, one session.
session main "${QOPT[@]}" <<'EOF'
EHLO client.example
MAIL FROM:<a@b.example>
RCPT TO:<alice@example.net>
RCPT TO:<nosuch@example.net>
RCPT TO:<carol@example.net>
RCPT TO:<dave@example.net>
RCPT TO:<ALICE@Example.NET>
RCPT TO:<x@other.example>
DATA
Subject: hello

.
QUIT
EOF
replies main "valid, invalid, unavailable: RCPT replies" <<EOF
220 test.example.com ESMTP
$EHLO
250 ok
250 ok
$INV
$UNA
$INV
250 ok
250 ok
354 go ahead
250 ok 1700000000 qp 1234
221 test.example.com
EOF
logline main "invalid: decision line DENIED_INVALID_RECIPIENT" \
    "DENIED_INVALID_RECIPIENT from: a@b.example to: nosuch@example.net $D reason: (empty)"
logline main "unavailable: decision line DENIED_UNAVAILABLE_RECIPIENT" \
    "DENIED_UNAVAILABLE_RECIPIENT from: a@b.example to: carol@example.net $D reason: (empty)"
logline main "home without owner r/x: decision line DENIED_INVALID_RECIPIENT" \
    "DENIED_INVALID_RECIPIENT from: a@b.example to: dave@example.net $D reason: (empty)"
logline main "invalid: FILTER_INVALID_RECIPIENT line" \
    "FILTER_INVALID_RECIPIENT recipient: nosuch@example.net"
logline main "unavailable: FILTER_UNAVAILABLE_RECIPIENT line" \
    "FILTER_UNAVAILABLE_RECIPIENT recipient: carol@example.net"
logline main "valid: ALLOWED decision line after the message" \
    "ALLOWED from: a@b.example to: alice@example.net $D reason: 250_ok_1700000000_qp_1234"
c=$(grep -cxF "spamdyke[$(sed -n 's/^spamdyke\[\([0-9]*\)\].*/\1/p;q' "$T/main.err")]: ALLOWED from: a@b.example to: alice@example.net $D reason: 250_ok_1700000000_qp_1234" "$T/main.err")
if [ "$c" = 2 ]; then ok "valid, also as ALICE@Example.NET (lowered by spamdyke): two ALLOWED lines"; else nok "valid, also as ALICE@Example.NET (lowered by spamdyke): two ALLOWED lines"; sed 's/^/stderr: /' "$T/main.err" | diag; fi
logline main "UNKNOWN (exit 0, not in locals): qmail's reply, ALLOWED" \
    "ALLOWED from: a@b.example to: x@other.example $D reason: 250_ok_1700000000_qp_1234"
nolog main "no unknown exit code from the helper" 'unknown exit code'
c=$(grep -c 'DENIED_' "$T/main.err")
[ "$c" = 3 ]; r=$?
if [ $r = 0 ]; then ok "exactly three DENIED lines"; else nok "exactly three DENIED lines"; sed 's/^/stderr: /' "$T/main.err" | diag; fi

# 2. Only "invalid" enabled: the unavailable recipient passes (qrv.md 1.5).
session invonly --reject-recipient=invalid --recipient-validation-command="$QV" <<'EOF'
MAIL FROM:<a@b.example>
RCPT TO:<carol@example.net>
RCPT TO:<nosuch@example.net>
QUIT
EOF
replies invonly "reject-recipient=invalid only: unavailable passes, invalid refused" <<EOF
220 test.example.com ESMTP
250 ok
250 ok
$INV
221 test.example.com
EOF
nolog invonly "reject-recipient=invalid only: no DENIED_UNAVAILABLE_RECIPIENT" DENIED_UNAVAILABLE

# 3. Only "unavailable" enabled: the invalid recipient passes.
session unaonly --reject-recipient=unavailable --recipient-validation-command="$QV" <<'EOF'
MAIL FROM:<a@b.example>
RCPT TO:<nosuch@example.net>
RCPT TO:<carol@example.net>
QUIT
EOF
replies unaonly "reject-recipient=unavailable only: invalid passes, unavailable refused" <<EOF
220 test.example.com ESMTP
250 ok
250 ok
$UNA
221 test.example.com
EOF

# 4. Validation runs for whitelisted sessions too (session.md 5.3, 2.5 step 6).
session white "${QOPT[@]}" --ip-whitelist-entry=192.0.2.1 <<'EOF'
MAIL FROM:<a@b.example>
RCPT TO:<nosuch@example.net>
RCPT TO:<alice@example.net>
QUIT
EOF
replies white "whitelisted client: invalid recipient still refused" <<EOF
220 test.example.com ESMTP
250 ok
$INV
250 ok
221 test.example.com
EOF

# 5. Without reject-recipient the helper is not consulted.
session off --recipient-validation-command="$QV" <<'EOF'
MAIL FROM:<a@b.example>
RCPT TO:<nosuch@example.net>
QUIT
EOF
replies off "no reject-recipient: invalid recipient passes" <<EOF
220 test.example.com ESMTP
250 ok
250 ok
221 test.example.com
EOF

# 6. A helper that cannot run (not executable) is no answer: pass (qrv.md 1.5).
cp "$QV" "$T/bin/noexec"
chmod 644 "$T/bin/noexec"
session noexec --reject-recipient=invalid --recipient-validation-command="$T/bin/noexec" <<'EOF'
MAIL FROM:<a@b.example>
RCPT TO:<nosuch@example.net>
QUIT
EOF
replies noexec "helper not executable: recipient passes (fail open)" <<EOF
220 test.example.com ESMTP
250 ok
250 ok
221 test.example.com
EOF

# 7. Several commands: tried in order until one answers 1/2/3.
printf '#!/bin/sh\nexit 0\n' >"$T/bin/noopinion"
chmod 755 "$T/bin/noopinion"
session two "${QOPT[@]:0:2}" --recipient-validation-command="$T/bin/noopinion" \
    --recipient-validation-command="$QV" <<'EOF'
MAIL FROM:<a@b.example>
RCPT TO:<carol@example.net>
QUIT
EOF
replies two "first command no opinion (0), second answers unavailable" <<EOF
220 test.example.com ESMTP
250 ok
$UNA
221 test.example.com
EOF

# 8. reject-recipient from a configuration-directory file (files.md 2.4).
mkdir -p "$T/cd/_recipient_/net"
printf 'reject-recipient=invalid\n' >"$T/cd/_recipient_/net/example"
session cdir --recipient-validation-command="$QV" --config-dir="$T/cd" <<'EOF'
MAIL FROM:<a@b.example>
RCPT TO:<nosuch@example.net>
RCPT TO:<alice@example.net>
QUIT
EOF
replies cdir "reject-recipient=invalid in a config-dir file" <<EOF
220 test.example.com ESMTP
250 ok
$INV
250 ok
221 test.example.com
EOF

# ---------------------------------------------------------------------
# --config-test and the helper's permissions (files.md 12.2)
# ---------------------------------------------------------------------
# ctest NAME CMD: --config-test with recipient-validation-command=CMD
ctest() {
	env -i PATH=/usr/bin:/bin TCPREMOTEIP=192.0.2.1 \
	    ${ASAN_OPTIONS:+ASAN_OPTIONS=$ASAN_OPTIONS} \
	    timeout 20 "$SD" --config-test --log-level=info \
	    --qmail-rcpthosts-file="$T/rcpthosts" --dns-level=none \
	    --reject-recipient=invalid --recipient-validation-command="$2" \
	    "$FQ" >"$T/$1.out" 2>"$T/$1.err" </dev/null
	echo $? >"$T/$1.rc"
}
# ctgrep NAME LABEL REGEX
ctgrep() {
	if grep -qE -- "$3" "$T/$1.err"; then
		ok "$2"
	else
		nok "$2"
		{ echo "want a line matching: $3"; sed 's/^/stderr: /' "$T/$1.err"; } | diag
	fi
}

mkdir -p "$T/perm"
chmod 755 "$T/perm"
cp "$QV" "$T/perm/plain-qrv"
chown root:root "$T/perm/plain-qrv"
chmod 0755 "$T/perm/plain-qrv"
cp "$QV" "$T/perm/suid-qrv"
chown root:root "$T/perm/suid-qrv"
chmod 4755 "$T/perm/suid-qrv"
cp "$QV" "$T/perm/noexec-qrv"
chmod 0644 "$T/perm/noexec-qrv"

ctest ct_plain "$T/perm/plain-qrv -v"
ctgrep ct_plain "config-test: the helper is found and executable" \
    "^SUCCESS\(recipient-validation-command\): .*$T/perm/plain-qrv"
ctest ct_suid "$T/perm/suid-qrv"
ctgrep ct_suid "config-test: a setuid-root helper is found and executable" \
    "^SUCCESS\(recipient-validation-command\): .*$T/perm/suid-qrv"
[ "$(cat "$T/ct_suid.rc")" = 0 ]; r=$?
if [ $r = 0 ]; then ok "config-test: setuid-root helper, exit 0"; else nok "config-test: setuid-root helper, exit 0"; sed 's/^/stderr: /' "$T/ct_suid.err" | diag; fi
ctest ct_noexec "$T/perm/noexec-qrv"
ctgrep ct_noexec "config-test: a helper that is not executable is an ERROR" \
    "^ERROR\(recipient-validation-command\): .*$T/perm/noexec-qrv"
ctgrep ct_noexec "config-test: ... and the verdict is Errors detected" \
    "^ERROR: Tests complete\. Errors detected\.$"
[ "$(cat "$T/ct_noexec.rc")" = 1 ]; r=$?
if [ $r = 0 ]; then ok "config-test: ... exit 1"; else nok "config-test: ... exit 1"; echo "exit $(cat "$T/ct_noexec.rc")" | diag; fi
ctest ct_missing "$T/perm/nonexistent-qrv"
ctgrep ct_missing "config-test: a missing helper is an ERROR" \
    "^ERROR\(recipient-validation-command\): .*nonexistent-qrv"
# qrv.md S1: the helper only works when installed owned by root and setuid
# (spamdyke runs as an unprivileged user); issue 7 asks --config-test to
# report its permissions: a plain copy gets a WARNING, a setuid-root one
# a SUCCESS line.
if grep -qE "^WARNING\(recipient-validation-command\):.*$T/perm/plain-qrv" "$T/ct_plain.err" &&
    ! grep -qE "^WARNING\(recipient-validation-command\):" "$T/ct_suid.err"; then
	ok "config-test: warns about a helper that is not setuid root (only that one)"
else
	nok "config-test: warns about a helper that is not setuid root (only that one)"
	grep 'recipient-validation-command' "$T/ct_plain.err" "$T/ct_suid.err" | diag
fi

finish
