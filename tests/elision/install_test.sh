#!/bin/sh
# install_test.sh BUILD_DIR CC APP.c SANITIZE: cmake --install libelide into
# a temporary prefix and build APP.c with `pkg-config --cflags --libs elide`.
set -eu
build=$1 cc=$2 app=$3 san=${4:-none}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cmake --install "$build" --prefix "$tmp/prefix" --component elide >/dev/null
pc=$(find "$tmp/prefix" -name elide.pc)
[ -n "$pc" ] || { echo "install_test: no elide.pc installed" >&2; exit 1; }
export PKG_CONFIG_PATH="$(dirname "$pc")"
# a sanitized libelide needs the same runtime in the program
case "$san" in
    address) extra="-fsanitize=address,undefined" ;;
    thread)  extra="-fsanitize=thread" ;;
    *)       extra="" ;;
esac
# shellcheck disable=SC2046
"$cc" $extra -o "$tmp/app" "$app" $(pkg-config --cflags --libs elide)
"$tmp/app"
