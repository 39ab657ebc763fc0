#!/bin/sh
# deps.sh: install (as root, on Debian 12) whatever elide needs that is missing.
# Idempotent and quiet when everything is already there.
set -eu
PKGS="gcc g++ make cmake pkg-config
      libcpuid-dev libhwloc-dev hwloc libcunit1-dev libbenchmark-dev
      libgc-dev libgmp-dev libedit-dev
      clang libclang-rt-14-dev valgrind python3 gnuplot-nox"
missing=""
for p in $PKGS; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
        missing="$missing $p"
done
[ -z "$missing" ] && exit 0
echo "deps.sh: installing:$missing"
if [ "$(id -u)" != 0 ]; then
    echo "deps.sh: missing packages and not root: run as root, or install them yourself" >&2
    exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# shellcheck disable=SC2086
apt-get install -y -qq --no-install-recommends $missing >/dev/null
