#!/usr/bin/env bash
# scripts/build.sh DIR [CONFIGURE-ARGS...] -- [MAKE-TARGETS...]
#
# Configure (once) and build spamdyke out of tree in DIR (relative to the
# repository root).  Shared by quickstart.sh, test.sh and CI:
#   - runs autoconf when configure is missing or older than configure.ac;
#   - runs DIR/../configure when DIR has no config.status yet, or when the
#     CONFIGURE-ARGS differ from the ones DIR was configured with;
#   - then make -jN MAKE-TARGETS (default: all).
# Environment: CC (passed to configure), JOBS (default: number of CPUs).
set -euo pipefail

cd "$(dirname "$0")/.."
root=$PWD

[ $# -ge 1 ] || { echo "usage: $0 DIR [CONFIGURE-ARGS...] -- [TARGETS...]" >&2; exit 2; }
dir=$1
shift
cfg=()
while [ $# -gt 0 ] && [ "$1" != -- ]; do
	cfg+=("$1")
	shift
done
[ $# -gt 0 ] && shift
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(all)
[ -n "${CC:-}" ] && cfg+=("CC=$CC")

if [ ! -f configure ] || [ configure.ac -nt configure ]; then
	echo "build: autoconf"
	autoconf
	rm -f configure~
fi
if [ -f config.status ]; then
	echo "build: the source tree is configured in place; run 'make distclean' at the top first" >&2
	exit 1
fi

mkdir -p "$dir"
cd "$dir"
want="${cfg[*]:-}"
have=""
[ -f .configure-args ] && have=$(cat .configure-args)
if [ ! -f config.status ] || [ ! -f Makefile ] || [ "$want" != "$have" ]; then
	echo "build: configuring $dir: ${want:-(defaults)}"
	rm -f .configure-args
	"$(realpath --relative-to=. "$root")/configure" -q "${cfg[@]}"
	printf '%s\n' "$want" > .configure-args
fi
jobs=${JOBS:-$(nproc 2>/dev/null || echo 2)}
echo "build: make -j$jobs ${targets[*]} in $dir"
make -j"$jobs" "${targets[@]}"
