#!/bin/bash
# tests/packaging/run-tap.sh BUILD_DIR - documentation and packaging (issue
# 8), with real commands; TAP on stdout, exit status 0 even when cases fail.
#
#   - "make install DESTDIR=... prefix=..." installs every program, every
#     manual page, the example configurations, the run-file examples and
#     the documents, and the installed spamdyke runs;
#   - every manual page renders with "MANWIDTH=80 man --warnings -l" and no
#     warning;
#   - documentation/spamdyke.conf.5 and spamdyke.8 are what the option table
#     produces ("make check-man"), and the generator refuses a template that
#     names an unknown option;
#   - the example configurations name every option and spamdyke parses them;
#   - the run-file examples are well formed (sh -n, systemd-analyze verify
#     when it is there);
#   - "make dist" makes a tarball holding configure; unpacked in a scratch
#     directory it configures and builds with autoconf made unavailable, a
#     few dialogue scripts pass on that build (FULL_DIST_CHECK=1: the whole
#     "make check" instead), and its own "make dist" gives the same files.
#
# The tarball part is skipped when this runs inside the check of an
# unpacked tarball (SPAMDYKE_IN_DISTCHECK, set by FULL_DIST_CHECK=1 and by
# "make distcheck").
set -u

build=${1:?usage: run-tap.sh BUILD_DIR}
build=$(cd "$build" && pwd) || exit 0
here=$(cd "$(dirname "$0")" && pwd)
src=$(dirname "$(dirname "$here")")
PY=/usr/bin/python3
export LC_ALL=C

T=$(mktemp -d /tmp/packaging.XXXXXX) || { echo "1..1"; echo "not ok 1 - mktemp"; exit 0; }
chmod 755 "$T"
cleanup() { rm -rf "$T"; }
trap cleanup EXIT

n=0
problems=()
note() { problems+=("$*"); }
report() {
	n=$((n + 1))
	if [ ${#problems[@]} -eq 0 ]; then
		echo "ok $n - $1"
	else
		echo "not ok $n - $1"
		local p
		for p in "${problems[@]}"; do
			printf '%s\n' "$p" | sed 's/^/# /'
		done
	fi
	problems=()
}
skip() {
	n=$((n + 1))
	echo "ok $n - $1 # SKIP $2"
	problems=()
}
# tailof FILE: the last lines of FILE as diagnostics.
tailof() {
	[ -s "$1" ] && note "$(tail -n 15 "$1")"
}

pages=()
for f in "$src"/documentation/*.[158]; do
	[ -f "$f" ] && pages+=("$f")
done
utils=()
for f in "$src"/utils/*.c; do
	[ -f "$f" ] && { b=${f##*/}; utils+=("${b%.c}"); }
done
examples=()
for f in "$src"/documentation/examples/* "$src"/documentation/run/*; do
	[ -f "$f" ] && examples+=("$f")
done

echo "1..$((17 + ${#pages[@]}))"

MANGEN=$build/documentation/mkconfman
SD=$build/spamdyke
FQ=$build/tests/harness/fakeqmail

# ------------------------------------------------------------ make install

prefix=/opt/spamdyke-test
stage=$T/stage
make -s -C "$build" install DESTDIR="$stage" prefix="$prefix" \
    >"$T/install.log" 2>&1 || { note "make install failed"; tailof "$T/install.log"; }
report "make install DESTDIR=... prefix=$prefix succeeds"

root=$stage$prefix
for p in spamdyke spamdyke-qrv "${utils[@]}"; do
	[ -f "$root/bin/$p" ] && [ -x "$root/bin/$p" ] ||
	    note "missing or not executable: bin/$p"
done
[ -f "$root/bin/spamdyke-qrv" ] && [ -u "$root/bin/spamdyke-qrv" ] &&
    note "make install made spamdyke-qrv setuid (that is make install-setuid's job)"
report "make install installs spamdyke, spamdyke-qrv and the ${#utils[@]} utilities"

if out=$("$root/bin/spamdyke" --version 2>&1); then
	grep -q '^spamdyke [0-9]' <<<"$out" || note "unexpected --version output: $out"
else
	note "installed spamdyke --version failed: $out"
fi
report "the installed spamdyke runs (--version)"

for f in "${pages[@]}"; do
	b=${f##*/}
	s=${b##*.}
	[ -f "$root/share/man/man$s/$b" ] || note "missing: share/man/man$s/$b"
done
for b in spamdyke.8 spamdyke.conf.5 spamdyke-qrv.8; do
	[ -f "$src/documentation/$b" ] || note "documentation/$b does not exist"
done
report "make install installs every manual page (${#pages[@]}) under share/man/manN"

docdir=$root/share/doc/spamdyke
for f in "${examples[@]}"; do
	case $f in
	*/run/*) d=$docdir/examples/run ;;
	*) d=$docdir/examples ;;
	esac
	[ -f "$d/${f##*/}" ] || note "missing: ${d#"$root"/}/${f##*/}"
done
for b in README.md INSTALL.txt UPGRADING.txt LICENSE; do
	[ -f "$docdir/$b" ] || note "missing: share/doc/spamdyke/$b"
done
for b in spamdyke-basic.conf spamdyke-full.conf; do
	[ -f "$src/documentation/examples/$b" ] || note "documentation/examples/$b does not exist"
done
for b in qmail-smtpd.run xinetd-smtp spamdyke.socket spamdyke@.service; do
	[ -f "$src/documentation/run/$b" ] || note "documentation/run/$b does not exist"
done
report "make install installs the examples, the run files and the documents"

make -s -C "$build" uninstall DESTDIR="$stage" prefix="$prefix" \
    >"$T/uninstall.log" 2>&1 || { note "make uninstall failed"; tailof "$T/uninstall.log"; }
left=$(find "$stage" -type f | sed "s|^$stage||")
[ -z "$left" ] || note "left behind by make uninstall:" "$left"
report "make uninstall removes every installed file"

# ------------------------------------------------------------ manual pages

if ! command -v man >/dev/null 2>&1; then
	for f in "${pages[@]}"; do
		n=$((n + 1))
		echo "not ok $n - ${f##*/} renders: man is missing (scripts/deps.sh installs man-db)"
	done
else
	for f in "${pages[@]}"; do
		MANWIDTH=80 man --warnings -l "$f" >"$T/man.out" 2>"$T/man.err"
		rc=$?
		[ "$rc" -eq 0 ] || note "man exited $rc"
		[ -s "$T/man.err" ] && note "warnings:" "$(head -n 20 "$T/man.err")"
		[ "$(wc -l <"$T/man.out")" -ge 10 ] || note "rendered page is (nearly) empty"
		report "MANWIDTH=80 man --warnings -l ${f##*/}: no warnings"
	done
fi

# -------------------------------------------------- generated manual pages

make -s -C "$build" check-man >"$T/checkman.log" 2>&1 ||
    { note "make check-man failed (run \"make man\" and commit the pages):"; tailof "$T/checkman.log"; }
report "spamdyke.conf.5 and spamdyke.8 match the option table (make check-man)"

if [ -x "$MANGEN" ]; then
	printf '.Dd x\n.Dt X 5\n.Os\n.Sh NAME\n.Cm no-such-option\n' >"$T/bad.in"
	"$MANGEN" "$T/bad.in" >/dev/null 2>"$T/bad.err" &&
	    note "mkconfman accepted a template naming an unknown option"
	grep -q 'no-such-option' "$T/bad.err" || note "no message naming the option: $(cat "$T/bad.err")"
	"$MANGEN" -n >"$T/options" 2>"$T/options.err" || note "mkconfman -n failed"
	missing=
	while read -r name where rep alias; do
		[ "$alias" = - ] || continue
		grep -q "^\.It Cm $name\( \|$\)" "$src/documentation/spamdyke.conf.5" ||
		    missing="$missing $name"
	done <"$T/options"
	[ -z "$missing" ] || note "options without an entry in spamdyke.conf.5:$missing"
	[ -s "$T/options" ] || note "mkconfman -n printed nothing"
else
	note "$MANGEN is missing (make tests builds it)"
fi
report "the generator refuses unknown option names; spamdyke.conf.5 has an entry per option"

# ---------------------------------------------------------------- examples

full=$src/documentation/examples/spamdyke-full.conf
if [ -s "$T/options" ] && [ -f "$full" ]; then
	active=$(sed -n 's/^[[:space:]]*\([a-z0-9-]*\)[[:space:]]*=.*/\1/p' "$full" | sort -u)
	comments=$(grep '^[[:space:]]*#' "$full")
	while read -r name where rep alias; do
		if [ "$alias" != - ]; then
			grep -qw -- "$name" <<<"$comments" ||
			    note "alias $name is not mentioned in a comment"
		elif [ "$where" = C ]; then
			grep -qw -- "$name" <<<"$comments" ||
			    note "command-line option $name is not mentioned in a comment"
			grep -qx -- "$name" <<<"$active" &&
			    note "command-line option $name is set in the file"
		else
			grep -qx -- "$name" <<<"$active" || note "option $name is not set"
		fi
	done <"$T/options"
	for name in $active; do
		grep -q "^$name " "$T/options" || note "unknown option set: $name"
	done
else
	note "no option list or no $full"
fi
report "spamdyke-full.conf sets every option a file accepts and names the others"

# The include of the full example is pointed at an empty file (its path is
# an example), and dns-level=none is appended so that --config-test sends
# no DNS query; every other line is parsed as it stands.
: >"$T/empty.conf"
sed "s|^config-file=.*|config-file=$T/empty.conf|" "$full" >"$T/full.conf" 2>/dev/null
cp "$T/full.conf" "$T/full-ct.conf"
echo "dns-level=none" >>"$T/full-ct.conf"
for f in spamdyke-basic.conf quickstart.conf; do
	cp "$src/documentation/examples/$f" "$T/$f" 2>/dev/null
	echo "dns-level=none" >>"$T/$f"
done
if [ -x "$MANGEN" ]; then
	"$MANGEN" -c "$T/full.conf" "$src/documentation/examples/spamdyke-basic.conf" \
	    "$src/documentation/examples/quickstart.conf" >"$T/parse.out" 2>&1 ||
	    { note "the option parser refused an example:"; tailof "$T/parse.out"; }
else
	note "$MANGEN is missing"
fi
report "the option parser accepts spamdyke-full.conf, spamdyke-basic.conf and quickstart.conf"

if [ -x "$SD" ] && [ -x "$FQ" ]; then
	for f in full-ct.conf spamdyke-basic.conf quickstart.conf; do
		(cd "$T" && exec timeout -k 5 60 "$SD" -f "$T/$f" --config-test "$FQ") \
		    >"$T/ct.out" 2>&1 </dev/null
		rc=$?
		case $rc in
		0|1) ;;
		111) note "$f: spamdyke refused the configuration (exit 111):"; tailof "$T/ct.out" ;;
		*) note "$f: spamdyke --config-test exited $rc"; tailof "$T/ct.out" ;;
		esac
		grep -q 'in file .* on line' "$T/ct.out" &&
		    { note "$f: a line was refused:"; note "$(grep 'in file .* on line' "$T/ct.out" | head -n 5)"; }
		grep -q 'Tests complete' "$T/ct.out" || note "$f: --config-test gave no verdict"
	done
else
	note "$SD or $FQ missing (make tests)"
fi
report "spamdyke -f EXAMPLE --config-test parses every example (status 0 or 1, not 111)"

# --------------------------------------------------------------- run files

run=$src/documentation/run
sh -n "$run/qmail-smtpd.run" 2>"$T/sh.err" || { note "sh -n failed:"; tailof "$T/sh.err"; }
[ -x "$run/qmail-smtpd.run" ] || note "qmail-smtpd.run is not executable"
grep -q 'tcpserver .*\\$' "$run/qmail-smtpd.run" || note "no tcpserver line"
grep -q '/usr/local/bin/spamdyke -f /etc/spamdyke.conf' "$run/qmail-smtpd.run" ||
    note "spamdyke is not started with -f /etc/spamdyke.conf"
grep -q '^ *exec .*softlimit' "$run/qmail-smtpd.run" || note "no exec softlimit line"
for k in socket_type protocol wait user server server_args; do
	grep -Eq "^[[:space:]]*$k[[:space:]]*=" "$run/xinetd-smtp" || note "xinetd-smtp has no $k"
done
grep -q 'spamdyke -f /etc/spamdyke.conf /var/qmail/bin/qmail-smtpd' "$run/xinetd-smtp" ||
    note "xinetd-smtp does not start spamdyke before qmail-smtpd"
report "daemontools run file (sh -n) and xinetd service are well formed"

grep -qx 'Accept=yes' "$run/spamdyke.socket" || note "spamdyke.socket lacks Accept=yes"
grep -qx 'StandardInput=socket' "$run/spamdyke@.service" || note "spamdyke@.service lacks StandardInput=socket"
if command -v systemd-analyze >/dev/null 2>&1; then
	mkdir -p "$T/units"
	cp "$run/spamdyke.socket" "$run/spamdyke@.service" "$T/units/"
	# Only the programs and manual pages of a real qmail server may be
	# missing here; anything else (unknown keys, bad values) is an error.
	(cd "$T/units" && SYSTEMD_LOG_LEVEL=warning timeout 60 systemd-analyze verify \
	    ./spamdyke.socket ./spamdyke@.service) >"$T/sa.out" 2>&1
	grep -v -e 'is not executable: No such file' -e "Command 'man " \
	    -e '^$' "$T/sa.out" >"$T/sa.rest"
	[ -s "$T/sa.rest" ] && { note "systemd-analyze verify:"; tailof "$T/sa.rest"; }
	report "systemd spamdyke.socket (Accept=yes) and spamdyke@.service pass systemd-analyze verify"
elif [ ${#problems[@]} -eq 0 ]; then
	skip "systemd units: systemd-analyze verify" "systemd-analyze is not installed"
else
	report "systemd units"
fi

# -------------------------------------------------------------------- dist

dist_skip=
if [ -n "${SPAMDYKE_IN_DISTCHECK:-}" ]; then
	dist_skip="running inside the check of an unpacked tarball"
fi
dist_tests=(
	"make dist makes a tarball holding configure, MANIFEST and the sources"
	"the unpacked tarball configures and builds without autoconf (./configure && make -j2)"
	"the build from the tarball passes a smoke check"
	"make dist in the unpacked release (from its MANIFEST) gives the same files"
)
if [ -n "$dist_skip" ]; then
	for t in "${dist_tests[@]}"; do skip "$t" "$dist_skip"; done
	exit 0
fi

version=$(sed -n 's/^VERSION[[:space:]]*=[[:space:]]*//p' "$build/Makefile")
name=spamdyke-$version
rm -f "$build/$name.tar.gz"
make -s -C "$build" dist >"$T/dist.log" 2>&1 || { note "make dist failed"; tailof "$T/dist.log"; }
tarball=$build/$name.tar.gz
if [ -f "$tarball" ]; then
	mv "$tarball" "$T/"
	tarball=$T/$name.tar.gz
	gzip -dc "$tarball" | tar -tf - >"$T/list" 2>"$T/tar.err" || note "tar -t failed: $(cat "$T/tar.err")"
	for f in configure configure.ac Makefile.in MANIFEST README.md INSTALL.txt \
	    UPGRADING.txt LICENSE src/main.c documentation/spamdyke.conf.5 \
	    documentation/spamdyke.conf.5.in documentation/mkconfman.c \
	    documentation/examples/spamdyke-full.conf documentation/run/spamdyke.socket \
	    tests/run.sh tests/packaging/run-tap.sh scripts/deps.sh; do
		grep -qx "$name/$f" "$T/list" || note "not in the tarball: $f"
	done
	bad=$(grep -E '\.o$|\.d$|\.a$|/\.git/|/autom4te\.cache|/config\.status$|/config\.log$|^[^/]*/build[^/]*/' "$T/list" | head -n 5)
	[ -z "$bad" ] || note "build products in the tarball:" "$bad"
	grep -q "^$name/\.ci/" "$T/list" && note ".ci is in the tarball"
else
	note "no $name.tar.gz after make dist"
fi
report "${dist_tests[0]}"

# Build the unpacked tarball with the autotools unavailable: the stubs
# record any call and fail.
d=$T/dist
mkdir -p "$d/stubs"
for tool in autoconf autoheader autoreconf aclocal automake; do
	printf '#!/bin/sh\necho "%s $*" >>%s/called\nexit 1\n' "$tool" "$d" >"$d/stubs/$tool"
	chmod 755 "$d/stubs/$tool"
done
built=0
if [ -f "$tarball" ]; then
	gzip -dc "$tarball" | (cd "$d" && tar -xf -)
	tree=$d/$name
	if (cd "$tree" && PATH=$d/stubs:$PATH ./configure -q && \
	    PATH=$d/stubs:$PATH make -j2 all harness) >"$T/distbuild.log" 2>&1; then
		built=1
	else
		note "./configure && make failed in the unpacked tarball"
		tailof "$T/distbuild.log"
	fi
	[ -f "$d/called" ] && note "the build called the autotools: $(cat "$d/called")"
	[ -x "$tree/spamdyke" ] || note "no spamdyke built"
else
	note "no tarball"
fi
report "${dist_tests[1]}"

if [ "$built" = 1 ] && [ "${FULL_DIST_CHECK:-0}" = 1 ]; then
	(cd "$tree" && PATH=$d/stubs:$PATH SPAMDYKE_IN_DISTCHECK=1 \
	    timeout -k 10 900 make check) >"$T/distcheck.log" 2>&1
	rc=$?
	last=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$T/distcheck.log" | tail -n 1)
	echo "# FULL_DIST_CHECK=1: make check in the unpacked tarball: ${last:-no result} (exit $rc)"
	if [ "$rc" -ne 0 ] || ! grep -Eq '^[0-9]+ passed, 0 failed' <<<"$last"; then
		note "make check failed in the unpacked tarball (exit $rc): ${last:-no summary}"
		note "$(grep -E '^[a-z-]+: not ok|^not ok' "$T/distcheck.log" | head -n 20)"
	fi
	report "the build from the tarball passes make check (FULL_DIST_CHECK=1)"
elif [ "$built" = 1 ]; then
	echo "# smoke check only: a few dialogue scripts; FULL_DIST_CHECK=1 runs the whole make check"
	scripts=(session_clean data_plain version help config_unknown_option f_ip_blacklist_entry)
	paths=()
	for s in "${scripts[@]}"; do
		[ -f "$tree/tests/dialogue/$s.t" ] && paths+=("$tree/tests/dialogue/$s.t")
	done
	if [ ${#paths[@]} -eq 0 ]; then
		note "none of the smoke scripts is in the tarball"
	else
		(cd "$tree" && timeout -k 5 120 "$PY" tests/harness/dialogue.py \
		    --build-dir "$tree" -j 2 "${paths[@]}") >"$T/smoke.tap" 2>"$T/smoke.err"
		rc=$?
		okc=$(grep -c '^ok' "$T/smoke.tap")
		nok=$(grep -c '^not ok' "$T/smoke.tap")
		echo "# smoke: $okc of ${#paths[@]} dialogue scripts passed on the build from the tarball"
		if [ "$rc" -ne 0 ] || [ "$nok" -ne 0 ] || [ "$okc" -ne ${#paths[@]} ]; then
			note "dialogue smoke run: exit $rc, $okc ok, $nok not ok"
			note "$(grep -A5 '^not ok' "$T/smoke.tap" | head -n 30)"
			tailof "$T/smoke.err"
		fi
	fi
	report "${dist_tests[2]} (dialogue scripts: ${scripts[*]})"
else
	note "nothing was built"
	report "${dist_tests[2]}"
fi

if [ "$built" = 1 ]; then
	rm -f "$tree/$name.tar.gz"
	(cd "$tree" && PATH=$d/stubs:$PATH make -s dist) >"$T/dist2.log" 2>&1 ||
	    { note "make dist failed in the unpacked tarball"; tailof "$T/dist2.log"; }
	if [ -f "$tree/$name.tar.gz" ]; then
		gzip -dc "$tree/$name.tar.gz" | tar -tf - >"$T/list2"
		if ! cmp -s <(sort "$T/list") <(sort "$T/list2"); then
			note "the file lists differ:"
			note "$(diff <(sort "$T/list") <(sort "$T/list2") | head -n 20)"
		fi
	else
		note "no tarball from the unpacked release"
	fi
else
	note "nothing was built"
fi
report "${dist_tests[3]}"
exit 0
