#!/bin/sh
# clang_test.sh CLANG SRC_DIR RT_LIB PARTS_LIB OUT_DIR
# Builds the instrumented emu tests with clang (the runtime was built by the
# project's compiler) and runs them: the hooks clang 14 emits must all be
# there and behave. Exits non-zero on any failure.
set -eu
CLANG=$1 SRC=$2 RT=$3 PARTS=$4 OUT=$5
mkdir -p "$OUT"
FLAGS="-O2 -g -fsanitize=thread -mllvm -tsan-instrument-read-before-write
       -fno-builtin-memcpy -fno-builtin-memmove -fno-builtin-memset
       -Wall -Werror -I$SRC/elision -I$SRC/elision/emu -I$SRC/tests -I$SRC/tests/emu"
WRAP="-Wl,--wrap=memcpy,--wrap=memmove,--wrap=memset,--wrap=memcmp,--wrap=strlen,--wrap=strcmp,--wrap=strncmp"
for t in tx bank; do
    # shellcheck disable=SC2086
    "$CLANG" $FLAGS -c "$SRC/tests/emu/emu_${t}_test.c" -o "$OUT/emu_${t}_clang.o"
    # link without -fsanitize: our runtime, not libtsan
    "$CLANG" -o "$OUT/emu_${t}_clang" "$OUT/emu_${t}_clang.o" "$RT" "$PARTS" -lcunit -lpthread $WRAP
    if nm -u "$OUT/emu_${t}_clang" | grep -q '__tsan_'; then
        echo "clang_test: unresolved tsan hooks:"; nm -u "$OUT/emu_${t}_clang" | grep '__tsan_'
        exit 1
    fi
done
ELIDE_TUNABLES=emu_read_lines=4096 "$OUT/emu_tx_clang"
"$OUT/emu_bank_clang"
