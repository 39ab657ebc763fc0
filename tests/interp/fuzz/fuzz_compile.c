/* fuzz_compile.c: libFuzzer target over the lexer, parser and compiler.
 *
 * Every input is compiled in exec and eval mode; the result must be a code
 * object or a clean exception (SyntaxError, RecursionError, ValueError for
 * bad literals, MemoryError), never a crash, hang or sanitizer report. Code
 * is never run (arbitrary programs may loop forever).
 *
 * Built two ways: with clang -fsanitize=fuzzer (CMake, when clang exists) and
 * as a standalone driver (ELIDE_FUZZ_STANDALONE) that replays a directory of
 * malformed inputs plus deterministic mutations of them, for compilers
 * without libFuzzer.
 */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "py_vm.h"

static int ready;

static void init_once(void)
{
    if (ready)
        return;
    GC_INIT();
    py_cur = py_ts_new();
    py_runtime_init(0, NULL);
    ready = 1;
}

static int acceptable(pv e)
{
    return py_isinst(e, py_exc_SyntaxError) || py_isinst(e, py_exc_RecursionError) ||
           py_isinst(e, py_exc_ValueError) || py_isinst(e, py_exc_MemoryError) ||
           py_isinst(e, py_exc_OverflowError);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    init_once();
    char *src = GC_MALLOC_ATOMIC(size + 1);
    memcpy(src, data, size);
    src[size] = 0;
    for (int mode = PY_MODE_EXEC; mode <= PY_MODE_EVAL; mode++) {
        pv code = py_compile_source(src, size, "<fuzz>", mode);
        if (!code) {
            pv e = py_exc_fetch();
            if (!e || !acceptable(e)) {
                fprintf(stderr, "fuzz: compile failed with %s\n", e ? py_tname(e) : "no exception");
                abort();
            }
        }
        if (py_cur->depth != 0)
            abort(); /* recursion accounting must balance */
    }
    return 0;
}

#ifdef ELIDE_FUZZ_STANDALONE
/* Deterministic mutations (xorshift): byte flips, duplications of a slice,
 * insertion of syntax fragments. Enough to reach error paths of the lexer,
 * parser and compiler from a small seed corpus. */
static uint64_t rng = 0x9E3779B97F4A7C15ULL;
static uint64_t next_rand(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}

static const char *const frags[] = {"(", ")", "[", "]", "{", "}", ":", "\n", "\n    ", "\t", "'", "\"",
                                    "\"\"\"", "f'{", "}'", "lambda", "yield", "*", "**", ",", "=",
                                    ":=", "async", "\\", "#", "0x", "1e", "..."};

static size_t mutate(char *buf, size_t n, size_t cap)
{
    int k = 1 + (int)(next_rand() % 4);
    for (int i = 0; i < k; i++) {
        size_t pos = n ? next_rand() % n : 0;
        switch (next_rand() % 3) {
        case 0:
            if (n)
                buf[pos] = (char)(next_rand() & 0x7f);
            break;
        case 1: {
            const char *f = frags[next_rand() % (sizeof frags / sizeof *frags)];
            size_t fl = strlen(f);
            if (n + fl < cap) {
                memmove(buf + pos + fl, buf + pos, n - pos);
                memcpy(buf + pos, f, fl);
                n += fl;
            }
            break;
        }
        default: {
            size_t len = n - pos < 16 ? n - pos : 16;
            if (n + len < cap) {
                memmove(buf + pos + len, buf + pos, n - pos);
                n += len;
            }
        }
        }
    }
    return n;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: fuzz_compile_standalone CORPUS_DIR [MUTATIONS_PER_FILE]\n");
        return 2;
    }
    int per = argc > 2 ? atoi(argv[2]) : 200;
    DIR *d = opendir(argv[1]);
    if (!d) {
        fprintf(stderr, "fuzz: cannot open %s\n", argv[1]);
        return 2;
    }
    struct dirent *e;
    int files = 0;
    long runs = 0;
    static char buf[1 << 16], orig[1 << 16];
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.')
            continue;
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", argv[1], e->d_name);
        FILE *f = fopen(path, "rb");
        if (!f)
            continue;
        size_t n = fread(orig, 1, sizeof orig / 2, f);
        fclose(f);
        files++;
        LLVMFuzzerTestOneInput((const uint8_t *)orig, n);
        runs++;
        for (int i = 0; i < per; i++) {
            memcpy(buf, orig, n);
            size_t m = mutate(buf, n, sizeof buf);
            LLVMFuzzerTestOneInput((const uint8_t *)buf, m);
            runs++;
        }
    }
    closedir(d);
    /* pathological depths, generated */
    static char deep[1 << 16];
    const char *opens[] = {"(", "[", "{", "-", "not ", "lambda:", "f(", "x["};
    for (size_t o = 0; o < sizeof opens / sizeof *opens; o++) {
        size_t ol = strlen(opens[o]), k = 0;
        while (k + ol < sizeof deep - 1 && k < 60000) {
            memcpy(deep + k, opens[o], ol);
            k += ol;
        }
        deep[k++] = '1';
        LLVMFuzzerTestOneInput((const uint8_t *)deep, k);
        runs++;
    }
    printf("fuzz: %d seed files, %ld inputs, no crash\n", files, runs);
    return files ? 0 : 2;
}
#endif
