#!/bin/sh
# build.sh [plain|asan|tsan]: configure and build one flavour into build/<flavour>.
set -eu
flavour=${1:-plain}
case "$flavour" in
    plain) san=none ;;
    asan)  san=address ;;
    tsan)  san=thread ;;
    *) echo "build.sh: unknown flavour '$flavour' (plain, asan, tsan)" >&2; exit 2 ;;
esac
root=$(cd "$(dirname "$0")/.." && pwd)
jobs=$(nproc 2>/dev/null || echo 2)
cmake -S "$root" -B "$root/build/$flavour" -DELIDE_SANITIZE="$san" \
      ${ELIDE_CMAKE_ARGS:-} >/dev/null
cmake --build "$root/build/$flavour" -j "$jobs"
