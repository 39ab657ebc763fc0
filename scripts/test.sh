#!/bin/sh
# test.sh: build and run every test: the suite plain, the suite again under
# AddressSanitizer+UBSan, and the concurrency tests under ThreadSanitizer.
# ELIDE_STRESS=1 adds the long stress tier.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
jobs=$(nproc 2>/dev/null || echo 2)
export ELIDE_CMAKE_ARGS="${ELIDE_CMAKE_ARGS:-} -DELIDE_STRESS=${ELIDE_STRESS:-0}"
# run FLAVOUR EXCLUDE-REGEX [ctest args...]
run() {
    flavour=$1; exclude=$2; shift 2
    [ "${ELIDE_STRESS:-0}" = 1 ] || exclude="stress|$exclude"
    echo "== $flavour build"
    "$root/scripts/build.sh" "$flavour"
    echo "== $flavour tests"
    (cd "$root/build/$flavour" &&
     ctest --output-on-failure -j "$jobs" -LE "$exclude" "$@")
}
run plain "no-plain"
run asan "no-asan"
run tsan "no-tsan" -L concurrency
echo "== all test builds passed"
