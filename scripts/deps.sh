#!/usr/bin/env bash
# scripts/deps.sh - install the Debian packages that building, testing and the
# quick start need.  Idempotent: when everything is installed it only runs
# dpkg-query and exits; otherwise one apt-get update + install of the missing
# packages (as root, or through sudo).
#
#   scripts/deps.sh            install what is missing
#   scripts/deps.sh --check    list what is missing; exit 1 if anything is
set -euo pipefail

# One package per line: what it is for.
PACKAGES=(
	build-essential		# gcc, make, libc6-dev (libresolv)
	autoconf		# configure is generated, not committed
	pkg-config		# configure finds OpenSSL and cmocka through it
	clang			# second compiler (CC=clang ./configure)
	libclang-rt-dev		# clang's sanitizer runtimes
	libssl-dev		# OpenSSL 3 (TLS)
	libcmocka-dev		# unit tests
	libcdb-dev		# tinycdb: users/cdb, morercpthosts.cdb
	tinycdb			# cdb(1) to make test fixtures
	ucspi-tcp		# tcpserver for the quick start and tests
	swaks			# SMTP client for trying spamdyke by hand
	libnet-ssleay-perl	# swaks --tls
	python3			# test harness and benchmark driver
	python3-dnslib		# DNS server on loopback for the tests
	openssl			# test certificates
	valgrind		# benchmarks (callgrind), leak checks
	time			# GNU time: peak memory in the benchmarks
	procps			# ps(1) for the scripts and tests
	libxml2-utils		# xmllint: the log tool's SVG is checked
	gzip			# the log tool reads gzipped logs
	xz-utils		# ... and xz
	bzip2			# ... and bzip2
	man-db			# man -l: the manual pages are rendered by the tests
	groff-base		# ... with groff
)

installed() {
	[ "$(dpkg-query -W -f='${db:Status-Status}' "$1" 2>/dev/null)" = installed ]
}

missing=()
for p in "${PACKAGES[@]}"; do
	installed "$p" || missing+=("$p")
done

if [ "${1:-}" = --check ]; then
	if [ ${#missing[@]} -eq 0 ]; then
		echo "deps: all ${#PACKAGES[@]} packages installed"
		exit 0
	fi
	echo "deps: missing: ${missing[*]}"
	exit 1
fi

[ ${#missing[@]} -eq 0 ] && exit 0

echo "deps: installing ${missing[*]}"
if [ "$(id -u)" -eq 0 ]; then
	SUDO=()
elif command -v sudo >/dev/null 2>&1; then
	SUDO=(sudo)
else
	echo "deps: need root (or sudo) to install: ${missing[*]}" >&2
	exit 1
fi

export DEBIAN_FRONTEND=noninteractive
"${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q </dev/null
"${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
    --no-install-recommends -o Dpkg::Options::=--force-confdef \
    -o Dpkg::Options::=--force-confold "${missing[@]}" </dev/null

still=()
for p in "${missing[@]}"; do
	installed "$p" || still+=("$p")
done
if [ ${#still[@]} -gt 0 ]; then
	echo "deps: still missing after apt-get: ${still[*]}" >&2
	exit 1
fi
echo "deps: done"
