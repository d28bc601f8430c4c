#!/bin/bash
# tests/qrv/run-tap.sh - TAP tests for spamdyke-qrv (shared/spec/qrv.md).
#
# Usage: tests/qrv/run-tap.sh BUILD_DIR
#
# BUILD_DIR holds the spamdyke-qrv the build made (QMAIL_HOME /var/qmail).
# That binary is used for the command line, the operand checks (S3), the
# path options and their trust rule (S4).  Everything that depends on
# QMAIL_HOME itself (QH/bin in the program search list, the compiled-in
# vpopmail tools, the alias user's name) cannot be redirected at run time:
# qrv.md allows no override for them, on purpose.  So this script compiles
# test-only copies into BUILD_DIR/qrv-test with -DQMAIL_HOME pointing at a
# fake qmail tree under a temporary directory, the vpopmail tools pointing
# at stubs there, the alias user named qrvtalias, and shorter child and run
# time limits so the time-limit cases stay fast.
#
# Needs root (it creates the passwd accounts qrvtalice, qrvtbob and
# qrvtalias for the duration of the run, and removes them afterwards);
# without root only the cases that need no fixture run.
# Prints TAP; always exits 0.

set -u
export LC_ALL=C
umask 022

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
BUILD=${1:-$ROOT/build}
mkdir -p "$BUILD" 2>/dev/null
BUILD=$(cd "$BUILD" && pwd)
CC=${CC:-cc}
# For sanitizer builds (harmless otherwise): the preload test puts a
# library before the ASan runtime, and LeakSanitizer cannot run inside a
# setuid process.
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0"

N=0
PASS=0
FAIL=0
ok() { N=$((N + 1)); PASS=$((PASS + 1)); echo "ok $N - $1"; }
nok() { N=$((N + 1)); FAIL=$((FAIL + 1)); echo "not ok $N - $1"; }
skip() { N=$((N + 1)); PASS=$((PASS + 1)); echo "ok $N - $1 # SKIP $2"; }
diag() { sed 's/^/# /'; }
finish() {
	echo "1..$N"
	echo "# $PASS passed, $FAIL failed"
}

# t LABEL WANT CMD... : run CMD, compare its exit code with WANT.
t() {
	local label=$1 want=$2
	shift 2
	OUT=$("$@" 2>&1 </dev/null)
	RC=$?
	if [ "$RC" = "$want" ]; then
		ok "$label"
	else
		nok "$label"
		printf 'got exit %s, want %s\ncommand: %s\n%s\n' "$RC" "$want" \
		    "$*" "$OUT" | diag
	fi
}

# check LABEL COND-STATUS [DIAGNOSTIC]: a boolean test already evaluated.
check() {
	if [ "$2" = 0 ]; then ok "$1"; else nok "$1"; printf '%s\n' "${3:-}" | diag; fi
}

# spamdyke-qrv links only util/; these are the util files it uses.
SRC=("$ROOT"/src/qrv/*.c "$ROOT"/src/util/buf.c "$ROOT"/src/util/str.c
    "$ROOT"/src/util/path.c "$ROOT"/src/util/file.c)
CF=(-std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -Wall -Wextra
    -Werror -O1 -g -I"$ROOT/src")
# Optional extra flags (a sanitizer build of the suite, say).
# shellcheck disable=SC2206
CF+=(${QRV_TEST_CFLAGS:-})

WORK=$BUILD/qrv-test
mkdir -p "$WORK"
QP=$BUILD/spamdyke-qrv
if [ ! -x "$QP" ]; then
	echo "# $QP missing: building it here"
	QP=$WORK/spamdyke-qrv-prod
	"$CC" "${CF[@]}" -DQMAIL_HOME='"/var/qmail"' "${SRC[@]}" -lcdb \
	    -o "$QP" 2>&1 | diag
fi

# ---------------------------------------------------------------------
# Part 1: command line and operands (any user, production binary)
# ---------------------------------------------------------------------
t "usage: -h exits 0" 0 "$QP" -h
t "usage: --help exits 0" 0 "$QP" --help
t "row 54: missing USERNAME exits 255" 255 "$QP" example.net
t "usage: no operands exits 255" 255 "$QP"
t "usage: unknown option exits 255" 255 "$QP" --no-such-option example.net alice
t "usage: unknown short flag exits 255" 255 "$QP" -x example.net alice
t "usage: path option without a file exits 255" 255 "$QP" example.net alice --qmail-locals-file
t "usage: flag with a value exits 255" 255 "$QP" --verbose=2 example.net alice
t "S3: three operands exit 255" 255 "$QP" example.net alice extra
t "S3: empty USERNAME exits 255" 255 "$QP" example.net ""
t "S3: USERNAME of 512 bytes exits 255" 255 "$QP" example.net "$(printf 'a%.0s' $(seq 512))"
t "S3: USERNAME with a newline exits 255" 255 "$QP" example.net "$(printf 'a\nb')"
t "S3: USERNAME with a tab exits 255" 255 "$QP" example.net "$(printf 'a\tb')"
t "S3: USERNAME with DEL exits 255" 255 "$QP" example.net "$(printf 'a\177b')"
t "S3: DOMAIN with '/' exits 255" 255 "$QP" ../../etc alice
t "S3: DOMAIN with a backslash exits 255" 255 "$QP" 'a\b' alice
t "S3: DOMAIN with a space exits 255" 255 "$QP" 'a b' alice
t "S3: DOMAIN of 256 bytes exits 255" 255 "$QP" "$(printf 'd%.0s' $(seq 256))" alice
t "S3: RELAYCLIENT with '/' exits 255" 255 env RELAYCLIENT=/x "$QP" example.net alice
t "S3: RELAYCLIENT of 256 bytes exits 255" 255 env RELAYCLIENT="$(printf 'r%.0s' $(seq 256))" "$QP" example.net alice
t "B1: empty DOMAIN is UNKNOWN" 0 "$QP" "" alice
t "options: -- ends flags" 0 "$QP" "" -- -v
t "options: flags after operands" 0 "$QP" "" alice -v

if [ "$(id -u)" != 0 ]; then
	skip "fixture cases" "need root to create test accounts"
	finish
	exit 0
fi

# ---------------------------------------------------------------------
# Fixture: a fake qmail tree (qrv.md section 4, base fixture)
# ---------------------------------------------------------------------
exec 9>/tmp/spamdyke-qrv-tap.lock
flock -w 120 9 || echo "# could not lock; going on"

T=$(mktemp -d /tmp/qrv-tap.XXXXXX)
chmod 755 "$T"
FX=$T/fx
QH=$FX/qmail
HA=$FX/home/qrvtalice
HB=$FX/home/qrvtbob
AL=$QH/alias
VD=$FX/vpopmail/domains/vpop.example
VLOG=$FX/vpopmail/log/calls
USERS="qrvtalice qrvtbob qrvtalias"

cleanup() {
	local u
	for u in $USERS; do
		userdel -f "$u" >/dev/null 2>&1
		groupdel "$u" >/dev/null 2>&1
	done
	rm -rf "$T"
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP

for u in $USERS; do
	userdel -f "$u" >/dev/null 2>&1
	groupdel "$u" >/dev/null 2>&1
	case $u in
	qrvtalias) home=$AL ;;
	*) home=$FX/home/$u ;;
	esac
	useradd -M -U -d "$home" -s /usr/sbin/nologin "$u" 2>&1 | diag
done
BUID=$(id -u qrvtbob)
BGID=$(id -g qrvtbob)
XUID=$(id -u qrvtalias)
XGID=$(id -g qrvtalias)
# Owners known only from users/cdb (no passwd entry needed).
CAROL=62003
EZMLM=62800
VPOP=62089
CATCH=62005
LOCKED=62010

"$CC" -std=c11 -D_DEFAULT_SOURCE -Wall -Wextra -Werror "$HERE/newu.c" \
    -lcdb -o "$WORK/newu" 2>&1 | diag

QV=$WORK/qrv-vpop
QN=$WORK/qrv-novpop
"$CC" "${CF[@]}" -DQMAIL_HOME="\"$QH\"" -DQRV_ALIAS_USER='"qrvtalias"' \
    -DWITH_VPOPMAIL_SUPPORT -DWITH_EXCESSIVE_OUTPUT \
    -DVALIAS_PATH="\"$FX/vpopmail/bin/valias\"" \
    -DVUSERINFO_PATH="\"$FX/vpopmail/bin/vuserinfo\"" \
    -DQRV_CHILD_MS=1500 -DQRV_RUN_MS=2500 \
    "${SRC[@]}" -lcdb -o "$QV" 2>&1 | diag
# No vpopmail support, and an alias user that does not exist (row 24, 53).
"$CC" "${CF[@]}" -DQMAIL_HOME="\"$QH\"" -DQRV_ALIAS_USER='"qrvtnoalias"' \
    "${SRC[@]}" -lcdb -o "$QN" 2>&1 | diag

# put FILE OWNER MODE [LINE...]: write the lines (none: empty file).
put() {
	local f=$1 o=$2 m=$3
	shift 3
	if [ $# -gt 0 ]; then printf '%s\n' "$@" >"$f"; else : >"$f"; fi
	chown "$o" "$f"
	chmod "$m" "$f"
}

assign_base() {
	cat <<EOF
=postmaster:qrvtalias:$XUID:$XGID:$AL:-:postmaster:
=op:root:0:0:/root:::
=carol:carol:$CAROL:$CAROL:$FX/home/carol:::
=locked:locked:$LOCKED:$LOCKED:$T/fx/locked/home:::
=huge:huge:4294967295:100:$HA:::
+ezmlm-:ezmlm:$EZMLM:$EZMLM:$FX/home/ezmlm:-::
+vpop.example-:vpopmail:$VPOP:$VPOP:$VD:-::
EOF
}

newu() { "$WORK/newu" "$1"; chmod 600 "$1"; }

stub() {
	cat <<EOF
#!/bin/sh
leak=; [ -e /proc/\$\$/fd/7 ] && leak=" fd7-open"
{
	printf '%s' "\${0##*/}\$leak"
	for a in "\$@"; do printf ' [%s]' "\$a"; done
	printf '\n'
	printf 'id %s %s %s\n' "\$(id -u)" "\$(id -g)" "\$(id -G)"
	env | sort | sed 's/^/env /'
} >>$VLOG 2>&1
mode=\$(cat $FX/vpopmail/mode 2>/dev/null)
EOF
}

build_fixture() {
	local u
	mkdir -p "$QH/control" "$QH/users" "$QH/bin" "$AL" "$FX/home" \
	    "$FX/bin" "$FX/vpopmail/bin" "$VD" "$FX/vpopmail/log"
	printf 'mx.example.net\n' >"$QH/control/me"
	printf 'example.net\nmx.example.net\n' >"$QH/control/locals"
	printf 'example.net\n' >"$QH/control/percenthack"
	printf 'lists.example:ezmlm\nvpop.example:vpop.example\nparked.example:\n' \
	    >"$QH/control/virtualdomains"
	printf 'example.net\n' >"$QH/control/envnoathost"
	printf './Maildir/\n' >"$QH/control/defaultdelivery"
	assign_base >"$QH/users/assign"
	# root-only: a setuid run by another user still reads it (root context)
	newu "$QH/users/cdb" <"$QH/users/assign"
	put "$QH/bin/preline" root 755 '#!/bin/sh' 'exit 0'
	put "$QH/bin/bouncesaying" root 755 '#!/bin/sh' 'exit 100'
	chown qrvtalias:qrvtalias "$AL"
	chmod 2755 "$AL"
	put "$AL/.qmail-postmaster" qrvtalias 644 '&qrvtalice@example.net'
	put "$AL/.qmail-root" qrvtalias 644 '&qrvtalice@example.net'
	for u in qrvtalice qrvtbob; do
		mkdir -p "$FX/home/$u/Maildir/cur" "$FX/home/$u/Maildir/new" \
		    "$FX/home/$u/Maildir/tmp"
		chmod 700 "$FX/home/$u/Maildir" "$FX/home/$u"/Maildir/*
		chmod 755 "$FX/home/$u"
		chown -R "$u:$u" "$FX/home/$u"
	done
	mkdir -p "$FX/home/ezmlm"
	put "$FX/bin/ezmlm-manage" root 755 '#!/bin/sh' 'exit 0'
	put "$FX/home/ezmlm/.qmail-announce-default" $EZMLM 644 \
	    "|$FX/bin/ezmlm-manage '$FX/home/ezmlm/announce'"
	chown $EZMLM:$EZMLM "$FX/home/ezmlm"
	chmod 755 "$FX/home/ezmlm"
	put "$FX/vpopmail/bin/vdelivermail" root 711 '#!/bin/sh' 'exit 0'
	stub >"$FX/vpopmail/bin/valias"
	cat >>"$FX/vpopmail/bin/valias" <<'EOF'
case $mode in *valias-hang*) exec sleep 10 ;; esac
case "$3" in
sales@vpop.example) echo "sales@vpop.example -> &qrvtalice@example.net"; exit 0 ;;
sales2@vpop.example) echo "sales2@vpop.example -> &ghost@example.net"; exit 0 ;;
quiet@vpop.example) echo "no alias here"; exit 0 ;;
loop@vpop.example) echo "loop@vpop.example -> &loop@vpop.example"
	echo "loop@vpop.example -> friend@elsewhere.example"; exit 0 ;;
esac
exit 1
EOF
	stub >"$FX/vpopmail/bin/vuserinfo"
	cat >>"$FX/vpopmail/bin/vuserinfo" <<'EOF'
case $mode in *vuserinfo-hang*) exec sleep 10 ;; esac
case "$3" in joe@vpop.example|quiet@vpop.example) exit 0 ;; esac
exit 1
EOF
	chmod 755 "$FX/vpopmail/bin/valias" "$FX/vpopmail/bin/vuserinfo"
	put "$VD/.qmail-default" $VPOP 600 \
	    "| $FX/vpopmail/bin/vdelivermail '' bounce-no-mailbox"
	chown $VPOP:$VPOP "$VD" "$FX/vpopmail/domains" "$FX/vpopmail/log"
	chmod 700 "$VD"
	: >"$FX/vpopmail/mode"
	chmod 644 "$FX/vpopmail/mode"
}

build_fixture
cp -a "$FX" "$T/base"
reset() { rm -rf "$FX"; cp -a "$T/base" "$FX"; }
qv() { "$QV" -v -v -d "$@"; }
qn() { "$QN" -v -v -d "$@"; }
vpopqmail() { put "$VD/.qmail-default" $VPOP 600 "| $FX/vpopmail/bin/vdelivermail $1"; }

# ---------------------------------------------------------------------
# Part 2: every example row of qrv.md section 4 (test build)
# ---------------------------------------------------------------------
reset; t "row 1: alice@example.net, defaultdelivery ./Maildir/ -> VALID" 1 qv example.net qrvtalice
reset; t "row 2: ALICE@Example.NET -> VALID (the helper folds case too)" 1 qv Example.NET QRVTALICE
reset; t "row 3: alice-news, no .qmail-news/.qmail-default -> INVALID" 2 qv example.net qrvtalice-news
reset; put "$HA/.qmail-default" qrvtalice 644 './Maildir/'
t "row 4: alice-news with .qmail-default -> VALID" 1 qv example.net qrvtalice-news
# Row 5 as written contradicts E1 (qmail-local breaks extensions at '-'
# only, so "news:tech" never reaches .qmail-news-default); E1 is followed.
reset; put "$HA/.qmail-news-default" qrvtalice 644 '&qrvtbob@example.net'
t "row 5 (E1): ext news:tech does not try .qmail-news-default -> INVALID" 2 qv example.net qrvtalice-news.tech
reset; put "$HA/.qmail-news:tech" qrvtalice 644 '&qrvtbob@example.net'
t "row 5: alice-news.Tech uses .qmail-news:tech -> bob VALID" 1 qv example.net qrvtalice-news.Tech
reset; put "$HA/.qmail-default" qrvtalice 644 '&qrvtbob@example.net'
t "row 5: alice-news.tech falls back to .qmail-default -> bob VALID" 1 qv example.net qrvtalice-news.tech
reset; t "row 6: nosuch -> alias user, nothing there -> INVALID" 2 qv example.net nosuch
reset; t "row 7: postmaster (users/cdb exact, alias home) -> VALID" 1 qv example.net postmaster
reset; t "row 8: root (uid 0 skipped) -> alias .qmail-root -> VALID" 1 qv example.net root
reset; t "row 9: op (users/cdb uid 0) -> UNAVAILABLE" 3 qv example.net op
reset; t "row 10: carol (home missing) -> UNAVAILABLE" 3 qv example.net carol
reset; t "row 11: a%remote.org@example.net (percent hack, remote) -> UNKNOWN" 0 qv example.net 'a%remote.org'
reset; t "row 12: a%remote.org@mx.example.net -> INVALID" 2 qv mx.example.net 'a%remote.org'
reset; t "row 13: info@backup.example -> UNKNOWN" 0 qv backup.example info
reset; t "row 14: x@parked.example (empty prepend) -> UNKNOWN" 0 qv parked.example x
reset; t "row 15: alice@mx with RELAYCLIENT=.example.net -> VALID" 1 env RELAYCLIENT=.example.net "$QV" -v -v -d mx qrvtalice
reset; t "row 16: announce-subscribe@lists.example -> VALID" 1 qv lists.example announce-subscribe
reset; t "row 17: joe@vpop.example (vuserinfo knows joe) -> VALID" 1 qv vpop.example joe
reset; t "row 18: ghost@vpop.example (bounce-no-mailbox) -> INVALID" 2 qv vpop.example ghost
reset; t "row 19: sales@vpop.example (alias to alice) -> VALID" 1 qv vpop.example sales
reset; t "row 20: sales2@vpop.example (alias to ghost@example.net) -> INVALID" 2 qv vpop.example sales2
reset; vpopqmail "'' delete"
t "row 21: ghost@vpop.example, action delete -> VALID" 1 qv vpop.example ghost
reset; vpopqmail "'' catchall@vpop.example"
t "row 22: ghost@vpop.example, action catchall@vpop.example -> VALID" 1 qv vpop.example ghost
reset; vpopqmail "'' $VD/catchall"
mkdir -p "$VD/catchall/Maildir/new"; chown -R $VPOP:$VPOP "$VD/catchall"; chmod 700 "$VD/catchall/Maildir/new"
t "row 23: action path, Maildir/new writable by vpopmail -> VALID" 1 qv vpop.example ghost
chmod 500 "$VD/catchall/Maildir/new"
t "row 23: action path, Maildir/new not writable -> UNAVAILABLE" 3 qv vpop.example ghost
reset; t "row 24: ghost@vpop.example without vpopmail support -> VALID" 1 qn vpop.example ghost
reset; vpopqmail "bounce-no-mailbox"
t "row 25: vdelivermail with one argument -> VALID" 1 qv vpop.example ghost
reset; t "row 26: joe-lists@vpop.example -> INVALID" 2 qv vpop.example joe-lists
reset; put "$HA/.qmail" qrvtalice 644 "|$FX/vpopmail/bin/vdelivermail '' bounce-no-mailbox"
t "row 27: alice .qmail runs vdelivermail (not vpopmail-routed) -> INVALID" 2 qv example.net qrvtalice
reset; chmod 0757 "$HA"; t "row 28: home mode 0757 -> UNAVAILABLE" 3 qv example.net qrvtalice
reset; chmod 01755 "$HA"; t "row 29: home mode 01755 -> UNAVAILABLE" 3 qv example.net qrvtalice
reset; chmod 0055 "$HA"; t "row 30: home mode 0055 -> INVALID" 2 qv example.net qrvtalice
reset; put "$HA/.qmail" qrvtalice 646 './Maildir/'
t "row 31: .qmail mode 0646 -> UNAVAILABLE" 3 qv example.net qrvtalice
reset; put "$HA/.qmail" root 600 './Maildir/'
t "row 32: .qmail owned by root, 0600 -> UNAVAILABLE" 3 qv example.net qrvtalice
reset; put "$HA/.qmail" qrvtalice 644
t "row 33: .qmail empty -> defaultdelivery -> VALID" 1 qv example.net qrvtalice
reset; put "$HA/.qmail" qrvtalice 644 '' './Maildir/'
t "row 34: .qmail first line blank -> UNAVAILABLE" 3 qv example.net qrvtalice
reset; put "$HA/.qmail" qrvtalice 644 '# off'
t "row 35: .qmail holding only a comment line -> INVALID" 2 qv example.net qrvtalice
reset; put "$HA/.qmail" qrvtalice 744 './Maildir/'
t "row 36: .qmail 0744 (forward-only) with a maildir -> UNAVAILABLE" 3 qv example.net qrvtalice
reset; put "$HA/.qmail" qrvtalice 744 '&qrvtbob@example.net'
t "row 37: .qmail 0744 with a forward -> VALID" 1 qv example.net qrvtalice
reset; put "$HA/.qmail" qrvtalice 644 './Maildir/'; rm -rf "$HA/Maildir/new"
t "row 38: Maildir/new removed -> UNAVAILABLE" 3 qv example.net qrvtalice
reset; put "$HA/.qmail" qrvtalice 644 './Mailbox'
t "row 39: mbox not yet created, home writable -> VALID" 1 qv example.net qrvtalice
reset; put "$HA/.qmail" qrvtalice 644 './Maildir/ '
t "row 40: './Maildir/ ' (trailing space) -> VALID" 1 qv example.net qrvtalice
reset; put "$HA/.qmail" qrvtalice 644 "|$FX/usr/local/bin/missing"
t "row 41: missing program -> UNAVAILABLE" 3 qv example.net qrvtalice
reset; put "$HA/.qmail" qrvtalice 644 '|preline /usr/bin/procmail'
t "row 42: |preline found in QH/bin -> VALID" 1 qv example.net qrvtalice
reset; put "$HA/.qmail" qrvtalice 644 "|bouncesaying 'Left the company.'"
t "row 43: |bouncesaying TEXT -> INVALID" 2 qv example.net qrvtalice
reset; put "$HA/.qmail" qrvtalice 644 '&qrvtalice@example.net' './Maildir/'
t "row 44: self-forward skipped, then maildir -> VALID" 1 qv example.net qrvtalice
reset; put "$HA/.qmail" qrvtalice 644 '&qrvtalice@example.net'
t "row 45: only a self-forward -> INVALID" 2 qv example.net qrvtalice
reset; put "$HA/.qmail" qrvtalice 644 '&qrvtbob@example.net'
put "$HB/.qmail" qrvtbob 644 '&qrvtalice@example.net'
t "row 46: alice -> bob -> alice loop -> INVALID" 2 qv example.net qrvtalice
reset; put "$HA/.qmail" qrvtalice 644 'friend@elsewhere.example'
t "row 47: forward to a remote domain -> VALID" 1 qv example.net qrvtalice
reset; put "$HA/.qmail" qrvtalice 644 '&qrvtnodave'
t "row 48: &dave gets envnoathost, alias path INVALID -> INVALID" 2 qv example.net qrvtalice
reset; put "$HA/.qmail" qrvtalice 644 '# 1' '# 2' '# 3' '# 4' '# 5' '# 6' '# 7' '# 8' '# 9' '# 10' '# 11' '# 12' './Maildir/'
t "row 49: 12 comment lines, then ./Maildir/ -> VALID" 1 qv example.net qrvtalice
reset; rm -f "$QH/control/defaultdelivery"
t "row 50: defaultdelivery removed -> UNKNOWN" 0 qv example.net qrvtalice
reset
{ assign_base; echo "+:catchall:$CATCH:$CATCH:$FX/home/catchall:-::"; } | newu "$QH/users/cdb"
mkdir -p "$FX/home/catchall/Maildir/new"
put "$FX/home/catchall/.qmail-default" $CATCH 644 './Maildir/'
chown -R $CATCH:$CATCH "$FX/home/catchall"
t "row 51: +: catch-all entry takes nosuch@ -> VALID" 1 qv example.net nosuch
put "$HB/.qmail" qrvtbob 644 '# off'
t "row 51: the catch-all also captures bob@ (bob's own .qmail unused)" 1 qv example.net qrvtbob
reset; t "row 52: a/b@example.net -> .qmail-a/b counts absent -> INVALID" 2 qv example.net a/b
reset; t "row 53: no alias account -> INVALID" 2 qn example.net ghost
t "row 54: test build, missing USERNAME -> 255" 255 "$QV" example.net

# ---------------------------------------------------------------------
# Part 3: further algorithm cases
# ---------------------------------------------------------------------
reset; printf 'lists.example:qrvtnone\nLISTS.EXAMPLE:ezmlm\n' >"$QH/control/virtualdomains"
t "B4: virtualdomains, last match wins, caseless" 1 qv lists.example announce-subscribe
printf 'lists.example:ezmlm\nlists.example:qrvtnone\n' >"$QH/control/virtualdomains"
t "B4: virtualdomains, a later line overrides" 2 qv lists.example announce-subscribe
reset; printf '# comment\n\n  \nexample.net \t\n' >"$QH/control/locals"
t "P1: locals with comments and trailing blanks" 1 qv example.net qrvtalice
reset; rm -f "$QH/control/locals"; printf 'example.net\n' >"$QH/control/me"
t "B3: no locals file, domain equals me -> local" 1 qv example.net qrvtalice
t "B3: no locals file, other domain -> UNKNOWN" 0 qv mx.example.net qrvtalice
reset; printf 'example.net\nremote.example\n' >"$QH/control/percenthack"
t "B2: percent hack repeats while the domain is listed" 1 qv example.net 'qrvtalice%mx.example.net%remote.example'
t "B2: percent hack stops at an unlisted domain" 0 qv example.net 'qrvtalice%mx.example.net%other.example'
reset; rm -f "$QH/users/cdb"
t "C1: no users/cdb -> passwd" 1 qv example.net qrvtalice
reset; rm -f "$QH/users/cdb"; mkdir "$QH/users/cdb"
t "S6: users/cdb that is a directory counts as absent" 1 qv example.net qrvtalice
reset; head -c 100 /dev/zero >"$QH/users/cdb"
t "C1: users/cdb shorter than its header -> ERROR" 255 qv example.net qrvtalice
reset; for i in $(seq 256); do printf '\360\377\377\377\001\000\000\000'; done >"$QH/users/cdb"
t "C1: users/cdb with a table outside the file -> ERROR" 255 qv example.net qrvtalice
# Every hash table full (no empty slot) except the one holding the
# wildcard record, so only the check for full tables can catch it.
reset
{
	for i in $(seq 0 255); do
		if [ "$i" = 5 ]; then printf '\021\010\000\000\002\000\000\000'
		else printf '\011\010\000\000\001\000\000\000'; fi
	done
	printf '\000\000\000\000\001\000\000\000-'
	printf '\000\000\000\000\000\010\000\000'
	printf '\000\000\000\000\000\000\000\000\005\025\000\000\000\010\000\000'
} >"$QH/users/cdb"
t "S6: users/cdb hash table without an empty slot -> ERROR" 255 qv example.net qrvtalice
reset; { echo '-'; assign_base; } | newu "$QH/users/cdb"
t "C1: users/cdb without the wildcard record -> ERROR" 255 qv example.net qrvtalice
t "C1: ... but an exact entry is still found first" 3 qv example.net op
reset; t "C1: uid 4294967295 in users/cdb is refused -> ERROR" 255 qv example.net huge
reset; mkdir -p "$FX/locked/home/Maildir/new"; chown -R $LOCKED:$LOCKED "$FX/locked/home"; chmod 700 "$FX/locked"
t "S5: home behind a directory the owner cannot search -> UNAVAILABLE" 3 qv example.net locked
chmod 755 "$FX/locked"
t "S5: ... and VALID once the owner can search it" 1 qv example.net locked
reset; put "$HA/.qmail" qrvtalice 400 './Maildir/'
t "S5: .qmail readable only by its owner (0400) -> VALID" 1 qv example.net qrvtalice
reset; mkdir -p "$T/rootonly"; chmod 700 "$T/rootonly"; put "$T/rootonly/q" root 644 './Maildir/'
ln -s "$T/rootonly/q" "$HA/.qmail"
t "S5: .qmail symlink into a root-only directory -> UNAVAILABLE" 3 qv example.net qrvtalice
reset; mkdir -p "$HA/sub"; put "$HA/sub/Mailbox" qrvtalice 600; chmod 700 "$HA/sub"; chown qrvtalice "$HA/sub"
put "$HA/.qmail" qrvtalice 644 './sub/Mailbox'
t "S5: mbox the owner can reach -> VALID" 1 qv example.net qrvtalice
chown root:root "$HA/sub"
t "S5: mbox behind a root-only directory (owned by alice) -> UNAVAILABLE" 3 qv example.net qrvtalice
reset; mkfifo "$HA/.qmail"; chown qrvtalice "$HA/.qmail"
t "S6: .qmail that is a FIFO counts as absent (no hang)" 1 timeout 10 "$QV" example.net qrvtalice
reset; { echo './Maildir/'; head -c 1100000 /dev/zero | tr '\0' '#'; echo; } >"$HA/.qmail"; chown qrvtalice "$HA/.qmail"
t "S6: .qmail over 1 MiB -> UNKNOWN" 0 qv example.net qrvtalice
reset; put "$HA/.qmail" qrvtalice 644 "./Maildir/$(printf '\t')"; chmod 500 "$HA/Maildir/new"
t "P5: trailing tab removed, so still a maildir line (new not writable) -> UNAVAILABLE" 3 qv example.net qrvtalice
reset; put "$HA/.qmail" qrvtalice 644 " $(printf '\t') " './Maildir/'
t "P5/G0: a first line of blanks is blank -> UNAVAILABLE" 3 qv example.net qrvtalice
reset; put "$HA/.qmail" qrvtalice 644 '+list' './Maildir/'
t "G2: +list makes later lines forward-only -> UNAVAILABLE" 3 qv example.net qrvtalice
reset; put "$HA/.qmail" qrvtalice 644 '+other' './Maildir/'
t "G2: other + lines are skipped -> VALID" 1 qv example.net qrvtalice
reset; put "$HA/.qmail" qrvtalice 644 "|exec bouncesaying 'Gone.'"
t "G5: exec bouncesaying TEXT -> INVALID" 2 qv example.net qrvtalice
reset; put "$HA/.qmail" qrvtalice 644 "|bouncesaying 'Gone.' condition"
t "G5: bouncesaying TEXT PROGRAM is conditional -> VALID" 1 qv example.net qrvtalice
reset; mkdir -p "$HA/bin"; put "$HA/bin/prog" qrvtalice 755 '#!/bin/sh'
put "$HA/.qmail" qrvtalice 644 '|./bin/prog arg'
t "G5: relative program path resolved in the home -> VALID" 1 qv example.net qrvtalice
chmod 644 "$HA/bin/prog"
t "G5: program not executable -> UNAVAILABLE" 3 qv example.net qrvtalice
reset; put "$HA/.qmail" qrvtalice 644 "|'$FX/bin/ezmlm-manage' \"a b\" c\\ d"
t "P6: quoted command word -> VALID" 1 qv example.net qrvtalice
reset; put "$HA/.qmail" qrvtalice 644 './nodir/Mailbox'
t "G3: mbox in a missing directory -> UNAVAILABLE" 3 qv example.net qrvtalice
reset; put "$HA/.qmail" qrvtalice 644 '&qrvtnobody1@example.net' 'friend@elsewhere.example'
t "G7/I: a failing forward then a remote one -> VALID" 1 qv example.net qrvtalice
reset; put "$HA/.qmail" qrvtalice 644 '&qrvtbob@example.net'; rm -rf "$HB/Maildir/new"
t "G7: remembered UNAVAILABLE from the forward -> UNAVAILABLE" 3 qv example.net qrvtalice
reset; t "H4: valias exit 0 without ' -> ' lines goes on to vuserinfo -> VALID" 1 qv vpop.example quiet
reset; t "H5: alias to itself skipped, then a remote target -> VALID" 1 qv vpop.example loop
reset; rm -f "$FX/vpopmail/bin/vuserinfo"
t "S8: vuserinfo cannot run -> VALID (not 'user unknown')" 1 qv vpop.example ghost

# Forward depth (A2) and evaluation budget (A3).
reset
for i in $(seq 1 10); do put "$AL/.qmail-u$i" qrvtalias 644 "&u$((i + 1))@example.net"; done
put "$AL/.qmail-u10" qrvtalias 644 '&qrvtalice@example.net'
t "A2: a chain of 10 evaluations ending at alice -> INVALID (depth)" 2 qv example.net u1
put "$AL/.qmail-u9" qrvtalias 644 '&qrvtalice@example.net'
t "A2: a chain of 9 forwards ending at alice -> VALID" 1 qv example.net u1
reset; mapfile -t lines < <(for i in $(seq 63); do echo "&qrvtnobody$i@example.net"; done)
put "$HA/.qmail" qrvtalice 644 "${lines[@]}"
t "A3: 1 + 63 evaluations are allowed -> INVALID" 2 qv example.net qrvtalice
reset; mapfile -t lines < <(for i in $(seq 64); do echo "&qrvtnobody$i@example.net"; done)
put "$HA/.qmail" qrvtalice 644 "${lines[@]}"
t "A3: the 65th evaluation aborts the run -> UNKNOWN" 0 qv example.net qrvtalice

# Child time limits (test build: 1.5 s per child, 2.5 s per run).
reset; echo vuserinfo-hang >"$FX/vpopmail/mode"
s=$(date +%s%N)
t "S8: vuserinfo killed at its time limit -> VALID (could not run)" 1 qv vpop.example ghost
e=$((($(date +%s%N) - s) / 1000000))
[ "$e" -lt 2400 ]; check "S8: ... after about 1.5 s (took ${e} ms)" $?
reset; echo valias-hang,vuserinfo-hang >"$FX/vpopmail/mode"
s=$(date +%s%N)
t "S9: run time limit reached in the children -> UNKNOWN" 0 qv vpop.example ghost
e=$((($(date +%s%N) - s) / 1000000))
[ "$e" -lt 3400 ]; check "S9: ... after about 2.5 s (took ${e} ms)" $?

# ---------------------------------------------------------------------
# Part 4: security (qrv.md section 2)
# ---------------------------------------------------------------------
# Local parts that try to leave the tree: traps that an unchecked path
# would reach, each leading to a VALID address.
reset
mkdir -p "$AL/.qmail-sub" "$AL/.qmail-/::"
put "$AL/.qmail-sub/x" qrvtalias 644 '&qrvtalice@example.net'
put "$AL/.qmail-/::/x" qrvtalias 644 '&qrvtalice@example.net'
put "$AL/x" qrvtalias 644 '&qrvtalice@example.net'
t "S7: local part sub/x does not reach .qmail-sub/x -> INVALID" 2 qv example.net sub/x
t "S7: local part /../x does not reach the alias home -> INVALID" 2 qv example.net /../x
t "S7: local part ../../../etc/passwd -> INVALID" 2 qv example.net ../../../etc/passwd
t "S7: local part of 511 bytes -> INVALID" 2 qv example.net "$(printf 'z%.0s' $(seq 511))"

# vpopmail children: identity, argv and environment.
reset
printf '#!/bin/sh\n: >%s\n' "$T/pwned" >"$T/pwn"; chmod 755 "$T/pwn"
mkdir -p "$T/evil"
put "$T/evil/preline" root 755 '#!/bin/sh' 'exit 0'
cat >"$T/evil/evil.c" <<EOF
#include <fcntl.h>
#include <unistd.h>
__attribute__((constructor)) static void
evil(void)
{
	char exe[512];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	int fd = open("$T/evil/preload.log", O_WRONLY | O_APPEND);

	if (n < 0)
		n = 0;
	exe[n] = '\n';
	if (fd >= 0) {
		(void)!write(fd, exe, (size_t)n + 1);
		close(fd);
	}
}
EOF
"$CC" -shared -fPIC -o "$T/evil/evil.so" "$T/evil/evil.c" 2>&1 | diag
: >"$T/evil/preload.log"; chmod 666 "$T/evil/preload.log"
t "S2: hostile environment (LD_PRELOAD, IFS, PATH, BASH_ENV, ENV) -> still VALID" 1 \
    env LD_PRELOAD="$T/evil/evil.so" IFS=/ PATH="$T/evil" BASH_ENV="$T/pwn" ENV="$T/pwn" \
    SHELLOPTS=xtrace "$QV" vpop.example joe
grep -q '^valias \[-s\] \[--\] \[joe@vpop.example\]$' "$VLOG"
check "S8: valias argv is -s -- ADDRESS" $? "$(cat "$VLOG")"
grep -q '^vuserinfo \[-d\] \[--\] \[joe@vpop.example\]$' "$VLOG"
check "S8: vuserinfo argv is -d -- ADDRESS" $? "$(cat "$VLOG")"
bad=$(grep '^id ' "$VLOG" | grep -v "^id $VPOP $VPOP $VPOP\$")
[ -z "$bad" ] && grep -q '^id ' "$VLOG"
check "S8: children run as the owner (uid, gid, one group)" $? "$(cat "$VLOG")"
want="env PATH=/bin:/sbin:/usr/bin:/usr/sbin:/usr/local/bin:/usr/local/sbin:$QH/bin:/home/vpopmail/bin"
bad=$(grep '^env ' "$VLOG" | grep -v -x -e "$want" -e 'env PWD=/')
[ -z "$bad" ] && grep -q -x -e "$want" "$VLOG"
check "S8: children get PATH (the fixed list) and nothing else" $? "$(cat "$VLOG")"
# The library did load into the (non-setuid) helper itself, so it would
# have shown up in any child that got LD_PRELOAD.
bad=$(grep -v "/qrv-vpop\$" "$T/evil/preload.log")
[ -z "$bad" ] && [ ! -e "$T/pwned" ] && grep -q "/qrv-vpop\$" "$T/evil/preload.log"
check "S2: LD_PRELOAD/BASH_ENV set by the caller never reach a child" $? "$(cat "$T/evil/preload.log")"
reset; rm -f "$QH/bin/preline"; put "$HA/.qmail" qrvtalice 644 '|preline /usr/bin/procmail'
t "S2: PATH from the caller is not searched for programs -> UNAVAILABLE" 3 env PATH="$T/evil" "$QV" example.net qrvtalice
reset
"$FX/vpopmail/bin/valias" -s -- x 7<"$QH/control/me"
grep -q '^valias fd7-open' "$VLOG"
check "S2: (control: the stub notices an inherited fd 7)" $? "$(cat "$VLOG")"
rm -f "$VLOG"
OUT=$("$QV" vpop.example joe 7<"$QH/control/me" 2>&1)
RC=$?
[ "$RC" = 1 ] && grep -q '^valias ' "$VLOG" && ! grep -q 'fd7-open' "$VLOG"
check "S2: an fd inherited from the caller never reaches a child" $? "rc $RC $OUT $(cat "$VLOG")"
t "S2: closed stdin, stdout and stderr are survived" 1 sh -c '"$1" -v example.net qrvtalice <&- >&- 2>&-' sh "$QV"
reset; put "$HA/.qmail" qrvtalice 644 '|preline /usr/bin/procmail'
t "S2: the fixed search list is used whatever PATH says -> VALID" 1 env PATH=/nonexistent "$QV" example.net qrvtalice
reset
t "S8: a local part starting with '-' stays an operand" 2 qv -- vpop.example -v
grep -q '^valias \[-s\] \[--\] \[-v@vpop.example\]$' "$VLOG"
check "S8: ... and reaches valias after --" $? "$(cat "$VLOG")"
reset
HOSTILE="a;$T/pwn \$(touch $T/pwned)\`id\`"
t "S8: shell metacharacters in the local part are inert" 2 qv vpop.example "$HOSTILE"
[ ! -e "$T/pwned" ] && grep -qF "[$(printf '%s' "$HOSTILE" | tr A-Z a-z)@vpop.example]" "$VLOG"
check "S8: ... passed as one argv word, nothing run" $? "$(cat "$VLOG")"

# Excessive output only for root; a decision line with -v.
reset; OUT=$("$QV" -v example.net qrvtalice)
echo "$OUT" | grep -q '^QRV-ALLOWED(.*): VALID ADDRESS$'
check "1.4: -v prints QRV-ALLOWED ... VALID ADDRESS" $? "$OUT"
OUT=$("$QV" -v example.net nosuch)
echo "$OUT" | grep -q '^QRV-DENIED(.*): INVALID RECIPIENT recipient: nosuch@example.net resolved username: nosuch$'
check "1.4: -v prints QRV-DENIED ... INVALID RECIPIENT" $? "$OUT"
OUT=$("$QV" example.net qrvtalice)
[ -z "$OUT" ]; check "1.4: no output without -v" $? "$OUT"
OUT=$("$QV" -v -v -d example.net qrvtalice)
echo "$OUT" | grep -q '^QRV-EXCESSIVE' && echo "$OUT" | grep -q '^QRV-DIAG: decision path = A_B3_C2_D_E_E3_G4$'
check "1.4: root gets excessive output and the diag path" $? "$OUT"

# Runs by another user: the setuid copies.
reset
mkdir -p "$T/suid"
cp "$QP" "$T/suid/spamdyke-qrv"
cp "$QV" "$T/suid/qrv-vpop"
chown root:root "$T/suid"/*
chmod 4755 "$T/suid"/*
asbob() {
	ASAN_OPTIONS="$ASAN_OPTIONS:detect_leaks=0" setpriv --reuid="$BUID" \
	    --regid="$BGID" --clear-groups -- "$@"
}
OUT=$(asbob "$T/suid/qrv-vpop" -v example.net qrvtalice 2>&1)
if echo "$OUT" | grep -q 'not running as root'; then
	skip "setuid cases" "setuid bit not honoured under $T"
else
	t "S5: setuid, run by bob: alice (users/cdb root-only) -> VALID" 1 asbob "$T/suid/qrv-vpop" example.net qrvtalice
	t "S5: setuid, run by bob: joe@vpop.example via the children -> VALID" 1 asbob "$T/suid/qrv-vpop" vpop.example joe
	OUT=$(asbob "$T/suid/qrv-vpop" -v -v -d example.net qrvtalice 2>&1)
	! echo "$OUT" | grep -q -e '^QRV-EXCESSIVE' -e '^QRV-DIAG' && echo "$OUT" | grep -q '^QRV-ALLOWED'
	check "1.4: -v -v -d from a non-root caller falls back to verbose" $? "$OUT"
	: >"$T/evil/preload.log"
	t "S2: setuid with LD_PRELOAD from the caller -> VALID" 1 asbob env LD_PRELOAD="$T/evil/evil.so" "$T/suid/qrv-vpop" vpop.example joe
	[ ! -s "$T/evil/preload.log" ]
	check "S2: ... and nothing loaded the preload library" $? "$(cat "$T/evil/preload.log")"
	put "$T/mine" qrvtbob 644 example.net
	t "row 55: setuid, bob's own --qmail-locals-file -> 255" 255 asbob "$T/suid/spamdyke-qrv" --qmail-locals-file "$T/mine" example.net qrvtalice
	put "$T/grpw" root 664 example.net
	t "S4: root-owned but group-writable path option -> 255" 255 asbob "$T/suid/spamdyke-qrv" --qmail-locals-file="$T/grpw" example.net qrvtalice
	t "S4: path option the caller cannot read (/etc/shadow) -> 255" 255 asbob "$T/suid/spamdyke-qrv" --qmail-rcpthosts-file /etc/shadow example.net qrvtalice
	t "S4: path option that is a directory -> 255" 255 asbob "$T/suid/spamdyke-qrv" --qmail-me-file /etc example.net qrvtalice
	PO=(--qmail-locals-file "$QH/control/locals" --qmail-virtualdomains-file "$QH/control/virtualdomains"
	    --qmail-defaultdelivery-file "$QH/control/defaultdelivery" --qmail-percenthack-file "$QH/control/percenthack")
	t "S4: root-only users/cdb named by a non-root caller -> 255" 255 asbob "$T/suid/spamdyke-qrv" "${PO[@]}" --qmail-assign-cdb "$QH/users/cdb" example.net qrvtalice
	cp "$QH/users/cdb" "$T/cdb-readable"; chmod 644 "$T/cdb-readable"
	t "S4: trusted path options from a non-root caller are used -> VALID" 1 asbob "$T/suid/spamdyke-qrv" "${PO[@]}" --qmail-assign-cdb "$T/cdb-readable" example.net qrvtalice
fi
put "$T/mine" qrvtbob 644 example.net
cp "$QP" "$T/plain-qrv"; chmod 755 "$T/plain-qrv"
t "row 55: non-root caller (no setuid) with its own locals file -> 255" 255 asbob "$T/plain-qrv" --qmail-locals-file "$T/mine" example.net qrvtalice

# ---------------------------------------------------------------------
# Part 5: the production binary with path options (root caller)
# ---------------------------------------------------------------------
reset
# Every path option except locals and users/cdb, which the cases add.
PB=(--qmail-percenthack-file="$QH/control/percenthack"
    --qmail-virtualdomains-file "$QH/control/virtualdomains"
    --qmail-defaultdelivery-file "$QH/control/defaultdelivery"
    --qmail-envnoathost-file "$QH/control/envnoathost"
    --qmail-me-file "$QH/control/me" --qmail-rcpthosts-file /nonexistent
    --qmail-morercpthosts-cdb /nonexistent)
PO=("${PB[@]}" --qmail-locals-file "$QH/control/locals" --qmail-assign-cdb "$QH/users/cdb")
t "options: row 1 with every path option -> VALID" 1 "$QP" "${PO[@]}" example.net qrvtalice
t "options: row 3 -> INVALID" 2 "$QP" "${PO[@]}" example.net qrvtalice-news
t "options: row 9 -> UNAVAILABLE" 3 "$QP" "${PO[@]}" example.net op
t "options: row 11 -> UNKNOWN" 0 "$QP" "${PO[@]}" example.net 'a%remote.org'
t "options: row 14 -> UNKNOWN" 0 "$QP" "${PO[@]}" parked.example x
t "options: row 15 (RELAYCLIENT) -> VALID" 1 env RELAYCLIENT=.example.net "$QP" "${PO[@]}" mx qrvtalice
t "options: abbreviated long option, flags between operands" 1 "$QP" "${PB[@]}" example.net --qmail-loc "$QH/control/locals" qrvtalice --qmail-assign-cdb="$QH/users/cdb"
printf 'other.example\n' >"$T/locals1"
t "options: repeated --qmail-locals-file searched in order" 1 "$QP" "${PB[@]}" --qmail-assign-cdb "$QH/users/cdb" --qmail-locals-file "$T/locals1" --qmail-locals-file "$QH/control/locals" example.net qrvtalice
t "options: a given locals file replaces the default" 0 qv --qmail-locals-file "$T/locals1" example.net qrvtalice
t "options: a nonexistent users/cdb is skipped" 3 "$QP" "${PB[@]}" --qmail-locals-file "$QH/control/locals" --qmail-assign-cdb /nonexistent --qmail-assign-cdb "$QH/users/cdb" example.net op
{ echo "+:catchall:$CATCH:$CATCH:$FX/home/catchall:-::"; } | newu "$T/cdb-wild"
t "C1.6: an earlier file's wildcard beats a later file's exact entry" 3 "$QP" "${PB[@]}" --qmail-locals-file "$QH/control/locals" --qmail-assign-cdb "$T/cdb-wild" --qmail-assign-cdb "$QH/users/cdb" example.net postmaster

finish
exit 0
