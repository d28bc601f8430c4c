#!/usr/bin/env bash
# scripts/test.sh - build spamdyke twice and run the whole test suite on both
# builds; this is what CI runs (.ci/run).
#
#   build/      gcc, -O2, no sanitizers
#   build-san/  clang, --enable-sanitizers (ASan + UBSan, leak checking on)
#
# Each build runs tests/run.sh BUILD-DIR (TAP; its log is BUILD-DIR/test.log).
# The last line printed is the total over both runs: "N passed, N failed".
# Exit status 0 only when both builds succeeded and nothing failed.
#
# Environment:
#   CC            compiler for build/ (default gcc)
#   SAN_CC        compiler for build-san/ (default clang, else gcc)
#   TEST_TIMEOUT  seconds one tests/run.sh may take (default 300)
#   TEST_BUILDS   which builds to run: "build build-san" (default)
#   JOBS          parallel make jobs (default: number of CPUs)
set -uo pipefail

cd "$(dirname "$0")/.."
root=$PWD
start=$(date +%s)
# Debian's own tools first: the tests need the python3 that has
# python3-dnslib, not one from pyenv or a virtualenv.
export PATH="/usr/sbin:/usr/bin:/sbin:/bin:$PATH"

scripts/deps.sh || { echo "test: installing dependencies failed"; echo "0 passed, 1 failed"; exit 1; }
ulimit -c 0 2>/dev/null || true

san_cc=${SAN_CC:-}
if [ -z "$san_cc" ]; then
	if command -v clang >/dev/null 2>&1; then san_cc=clang; else san_cc=gcc; fi
fi
timeout_s=${TEST_TIMEOUT:-300}
builds=${TEST_BUILDS:-build build-san}

total_pass=0
total_fail=0
total_skip=0

# suite DIR: build DIR and run the tests on it; adds to the totals.
suite() {
	local dir=$1 cc=${CC:-gcc} kind=normal pass=0 fail=0 skip=0 rc line
	local -a cfg=()
	case $dir in
	build-san) cc=$san_cc kind=sanitizers cfg=(--enable-sanitizers) ;;
	esac

	echo "# ---- $dir ($cc, $kind)"
	mkdir -p "$dir"
	if ! CC=$cc scripts/build.sh "$dir" "${cfg[@]}" -- tests >"$dir/build.log" 2>&1; then
		echo "not ok - $dir: build failed (last lines of $dir/build.log follow)"
		tail -n 40 "$dir/build.log" | sed 's/^/#   /'
		echo "$dir: 0 passed, 1 failed"
		total_fail=$((total_fail + 1))
		return
	fi
	grep -E '^note:' "$dir/build.log" | sed 's/^/# /'
	if [ ! -f tests/run.sh ]; then
		echo "not ok - $dir: tests/run.sh does not exist"
		echo "$dir: 0 passed, 1 failed"
		total_fail=$((total_fail + 1))
		return
	fi

	local -a env=(SPAMDYKE_BUILD_KIND=$kind)
	if [ "$kind" = sanitizers ]; then
		env+=(SPAMDYKE_SANITIZERS=1
		    "ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:halt_on_error=1:detect_stack_use_after_return=1:strict_string_checks=1:check_initialization_order=1:disable_coredump=1"
		    "UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1"
		    "LSAN_OPTIONS=print_suppressions=0")
	fi
	local -a runner=(bash tests/run.sh)
	[ -x tests/run.sh ] && runner=(tests/run.sh)	# honour its #! line
	env "${env[@]}" timeout -k 10 "$timeout_s" "${runner[@]}" "$root/$dir" \
	    </dev/null 2>&1 | tee "$dir/test.log"
	rc=${PIPESTATUS[0]}

	line=$(grep -E '^([A-Za-z0-9_-]+: )?[0-9]+ passed, [0-9]+ failed' "$dir/test.log" | tail -n 1)
	if [ -n "$line" ]; then
		pass=$(sed -E 's/^([A-Za-z0-9_-]+: )?([0-9]+) passed.*/\2/' <<<"$line")
		fail=$(sed -E 's/^([A-Za-z0-9_-]+: )?[0-9]+ passed, ([0-9]+) failed.*/\2/' <<<"$line")
		case $line in
		*", "*" skipped"*)
			skip=$(sed -E 's/.* failed, ([0-9]+) skipped.*/\1/' <<<"$line") ;;
		esac
	fi
	if [ "$rc" -eq 124 ] || [ "$rc" -eq 137 ]; then
		echo "not ok - $dir: tests/run.sh killed after ${timeout_s}s"
		fail=$((fail + 1))
	elif [ -z "$line" ]; then
		echo "not ok - $dir: tests/run.sh printed no 'N passed, N failed' line (exit $rc)"
		fail=$((fail + 1))
	elif [ "$rc" -ne 0 ] && [ "$fail" -eq 0 ]; then
		echo "not ok - $dir: tests/run.sh exited $rc with no failed test"
		fail=$((fail + 1))
	fi
	echo "$dir: $pass passed, $fail failed, $skip skipped"
	total_pass=$((total_pass + pass))
	total_fail=$((total_fail + fail))
	total_skip=$((total_skip + skip))
}

for b in $builds; do
	suite "$b"
done

echo "# total over: $builds ($(( $(date +%s) - start ))s)"
if [ "$total_skip" -gt 0 ]; then
	echo "$total_pass passed, $total_fail failed, $total_skip skipped"
else
	echo "$total_pass passed, $total_fail failed"
fi
[ "$total_fail" -eq 0 ]
