#!/bin/sh
# tests/run.sh [BUILD_DIR] - run the whole test suite against one build.
#
# Runs, in this order, each printing TAP:
#   1. every unit test program BUILD_DIR/tests/unit/test_* (cmocka, with
#      CMOCKA_MESSAGE_OUTPUT=TAP);
#   2. the dialogue tests: tests/harness/dialogue.py on tests/dialogue/*.t;
#   3. the harness self-test (tests/harness/selftest.py);
#   4. every tests/*/run-tap.sh another suite adds (called as
#      "bash run-tap.sh BUILD_DIR", TAP on stdout).
# Counts "ok" / "not ok" lines ("# SKIP" and "# TODO" count as skipped),
# echoes each failing test with its diagnostics, and ends with exactly one
# line "N passed, N failed" (", N skipped" appended when some were).  A
# program that exits non-zero without a failing test, dies on a signal,
# runs fewer tests than it planned or prints no TAP counts as one more
# failure.  Exit status 1 when anything failed.
#
# The raw output of each program is kept in BUILD_DIR/tests/log/NAME.tap
# (stdout) and NAME.err (stderr).  Environment: VERBOSE=1 echoes every TAP
# line; UNIT_TIMEOUT (default 120) and SUITE_TIMEOUT (default 600) limit
# one program in seconds; DIALOGUE_JOBS (default 2) runs scripts in parallel.
set -u

here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
build=${1:-build}
case $build in
/*) ;;
*)	if [ -d "$build" ]; then build=$(cd "$build" && pwd)
	else build=$root/$build; fi ;;
esac
py=/usr/bin/python3
logdir=$build/tests/log
if ! mkdir -p "$logdir"; then
	echo "not ok - cannot create $logdir"
	echo "0 passed, 1 failed"
	exit 1
fi

pass=0
fail=0
skip=0

if command -v timeout >/dev/null 2>&1; then
	have_timeout=1
else
	have_timeout=0
fi

# run_tap NAME LIMIT CMD...: run one TAP-producing program and count it.
run_tap() {
	name=$1
	limit=$2
	shift 2
	out=$logdir/$name.tap
	err=$logdir/$name.err
	if [ "$have_timeout" = 1 ]; then
		timeout -k 5 "$limit" "$@" >"$out" 2>"$err" </dev/null
	else
		"$@" >"$out" 2>"$err" </dev/null
	fi
	rc=$?
	res=$(awk -v name="$name" -v verbose="${VERBOSE:-0}" '
	BEGIN { p = 0; f = 0; s = 0; n = 0; plan = 0; planned = 0; diag = 0 }
	verbose == 1 { print name ": " $0 }
	/^[0-9]+\.\.[0-9]+/ {
		split($1, a, "\\.\\."); plan += a[2]; planned = 1; diag = 0
		next
	}
	/^ok([ \t]|$)/ {
		n++
		if ($0 ~ /#[ \t]*[Ss][Kk][Ii][Pp]/) s++; else p++
		diag = 0
		next
	}
	/^not ok([ \t]|$)/ {
		n++
		if ($0 ~ /#[ \t]*[Tt][Oo][Dd][Oo]/) { s++; diag = 0; next }
		f++
		if (verbose != 1) print name ": " $0
		diag = 1
		next
	}
	/^#/ { if (diag && verbose != 1) print name ":   " $0; next }
	{ diag = 0 }
	END { print "COUNTS", p, f, s, n, plan, planned }
	' "$out")
	printf '%s\n' "$res" | grep -v '^COUNTS '
	read -r _ p f s n plan planned <<-EOF
	$(printf '%s\n' "$res" | grep '^COUNTS ')
	EOF
	extra=
	if [ "$rc" -eq 124 ] || [ "$rc" -eq 137 ]; then
		extra="killed after ${limit}s"
	elif [ "$rc" -gt 128 ]; then
		extra="died on signal $((rc - 128))"
	elif [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
		extra="exited with status $rc and no failing test"
	elif [ "$planned" -eq 0 ] && [ "$n" -eq 0 ]; then
		extra="printed no TAP"
	elif [ "$n" -lt "$plan" ]; then
		extra="planned $plan tests but ran $n"
	fi
	if [ -n "$extra" ]; then
		echo "not ok - $name: $extra"
		f=$((f + 1))
	fi
	if [ "$f" -gt 0 ] && [ -s "$err" ]; then
		echo "# $name: last lines of stderr ($err):"
		tail -n 15 "$err" | sed 's/^/#   /'
	fi
	if [ "$s" -gt 0 ]; then
		echo "# $name: $p passed, $f failed, $s skipped"
	else
		echo "# $name: $p passed, $f failed"
	fi
	pass=$((pass + p))
	fail=$((fail + f))
	skip=$((skip + s))
}

# 1. unit tests
found=0
for t in "$build"/tests/unit/test_*; do
	if [ ! -f "$t" ] || [ ! -x "$t" ]; then
		continue
	fi
	found=1
	# Unit tests find their fixtures from the source tree.
	cd "$root" || exit 1
	run_tap "$(basename "$t")" "${UNIT_TIMEOUT:-120}" env \
	    CMOCKA_MESSAGE_OUTPUT=TAP SPAMDYKE_SRCDIR="$root" \
	    TOP_SRCDIR="$root" "$t"
	cd "$OLDPWD" || exit 1
done
[ "$found" = 1 ] || echo "# no unit test programs in $build/tests/unit"

# 2. dialogue tests, 3. harness self-test
if [ ! -x "$py" ]; then
	echo "not ok - $py is missing (apt-get install python3 python3-dnslib)"
	fail=$((fail + 1))
else
	run_tap dialogue "${SUITE_TIMEOUT:-600}" "$py" \
	    "$here/harness/dialogue.py" --build-dir "$build" \
	    -j "${DIALOGUE_JOBS:-2}"
	run_tap harness-selftest "${SUITE_TIMEOUT:-600}" "$py" \
	    "$here/harness/selftest.py" --build-dir "$build"
fi

# 4. other suites
for s in "$here"/*/run-tap.sh; do
	[ -f "$s" ] || continue
	run_tap "$(basename "$(dirname "$s")")" "${SUITE_TIMEOUT:-600}" \
	    bash "$s" "$build"
done

if [ "$skip" -gt 0 ]; then
	echo "$pass passed, $fail failed, $skip skipped"
else
	echo "$pass passed, $fail failed"
fi
[ "$fail" -eq 0 ]
