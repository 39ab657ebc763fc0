/* main.c: the `elide` program: Python's command line (script, -c, -, the
 * interactive prompt), --mode, and the platform probe (--probe [--json]).
 *
 * The interpreter runs on its own thread with a large stack (the main
 * thread's stack size is fixed by ulimit), registered with the GC; the main
 * thread only waits for it and returns its exit status.
 */
#include <errno.h>
#include <time.h>
#include <libgen.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "probe.h"
#include "py_mode.h"
#include "py_vm.h"
#include "py_lock.h"
#include "py_region.h"

#include <editline/readline.h>

#ifndef ELIDE_VERSION
#define ELIDE_VERSION "0.0.0"
#endif

/* The interpreter thread's stack: 256 MiB of address space, touched lazily;
 * deep recursion (sys.setrecursionlimit) and nested VM entries fit. */
#define MAIN_STACK (256u << 20)

static void usage(FILE *out)
{
    fputs("usage: elide [option] ... [-c cmd | file | -] [arg] ...\n"
          "Options:\n"
          "  -c cmd          program passed in as string (terminates option list)\n"
          "  -h, --help      print this help and exit\n"
          "  -u              unbuffered stdout and stderr\n"
          "  -V, --version   print the version and exit\n"
          "  --mode=MODE     how threads run (default auto, or ELIDE_MODE):\n"
          "                  auto  the probe's verdict: rtm where usable, else fine\n"
          "                  fine  no GIL: fine-grained per-object locks\n"
          "                  rtm   regions of bytecode as RTM transactions, fine on fallback\n"
          "                  emu   as rtm, on the software HTM simulator (elide-emu)\n"
          "                  hle   the GIL taken with XACQUIRE/XRELEASE\n"
          "                  gil   one real GIL (the baseline)\n"
          "  --stats[=FMT]   at exit, print the run's statistics (regions, commits,\n"
          "                  aborts by cause and by source line, lock contention)\n"
          "                  to stderr or $ELIDE_STATS_FILE; FMT text (default) or json\n"
          "  --probe         report what this machine can do for transactional\n"
          "                  lock elision and which mode auto picks\n"
          "  --probe --json  the same report as JSON\n"
          "  --probe --fast  skip the topology (hwloc): the cheap part only\n"
          "file              program read from script file\n"
          "-                 program read from stdin (default; interactive mode if a tty)\n"
          "arg ...           arguments passed to program in sys.argv[1:]\n"
          "environment: PYTHONPATH (module search path), ELIDE_SWITCH_US (GIL switch\n"
          "interval in microseconds, default 5000), ELIDE_MODE (as --mode; --mode wins),\n"
          "ELIDE_STATS (as --stats: text or json), ELIDE_STATS_FILE (where they go),\n"
          "ELIDE_TUNABLES (the abort policy's numbers, see elision/elide.h)\n",
          out);
}

static int bad_usage(const char *what, const char *arg)
{
    fprintf(stderr, "elide: %s: %s\n", what, arg);
    fputs("usage: elide [option] ... [-c cmd | file | -] [arg] ...\nTry `elide -h' for more information.\n", stderr);
    return 2;
}

static int run_probe(int json, int fast)
{
    probe_report *r = probe_run(fast ? PROBE_FAST : PROBE_FULL);
    if (!r) {
        fprintf(stderr, "elide: probe failed: out of memory\n");
        return 1;
    }
    if (json)
        probe_print_json(stdout, r);
    else
        probe_print_text(stdout, r);
    probe_free(r);
    return fflush(stdout) == 0 ? 0 : 1;
}

/* ---------------- running code ---------------- */

enum { RUN_FILE, RUN_CMD, RUN_STDIN, RUN_REPL };

typedef struct {
    int kind;
    const char *arg;   /* file name or command */
    int argc;
    char **argv;       /* sys.argv */
    int status;
    int stats;         /* 0 none, 1 text, 2 json */
    const char *stats_file;
    struct timespec t0;
} run_req;

/* --stats / ELIDE_STATS: 0 none, 1 text, 2 json, -1 not a known format. */
static int stats_format(const char *v)
{
    if (!v || !*v || !strcmp(v, "0"))
        return 0;
    if (!strcmp(v, "text") || !strcmp(v, "1"))
        return 1;
    if (!strcmp(v, "json"))
        return 2;
    return -1;
}

/* At the end of the run, on the interpreter thread: the statistics. A file
 * that cannot be written gets one message; the exit status stays the
 * program's own. */
static void report_stats(run_req *rq)
{
    struct timespec t1;
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double wall = (double)(t1.tv_sec - rq->t0.tv_sec) + (double)(t1.tv_nsec - rq->t0.tv_nsec) / 1e9;
    FILE *f = stderr;
    if (rq->stats_file && *rq->stats_file) {
        f = fopen(rq->stats_file, "w");
        if (!f) {
            fprintf(stderr, "elide: cannot write the statistics to '%s': %s\n", rq->stats_file,
                    strerror(errno));
            return;
        }
    }
    fflush(stdout);
    if (py_stats_report(f, rq->stats == 2, wall) < 0)
        fprintf(stderr, "elide: writing the statistics failed\n");
    if (f != stderr)
        fclose(f);
}

/* Exit status for an uncaught exception (prints it), as CPython. */
static int handle_exception(void)
{
    pv e = py_exc_fetch();
    if (!e)
        return 1;
    if (py_isinst(e, py_exc_SystemExit)) {
        py_tuple *a = PY_TUPLE(((py_exc *)e)->args);
        pv code = a->n ? a->items[0] : py_None;
        if (code == py_None)
            return 0;
        if (PY_ISINT(code)) {
            int64_t v = 1;
            py_int_to_i64(code, &v);
            return (int)(v & 0xff);
        }
        py_flush_std();
        pv s = py_str_of(code);
        py_exc_clear();
        if (s)
            fprintf(stderr, "%s\n", py_cstr(s));
        return 1;
    }
    py_exc_print(e, stderr);
    return 1;
}

static pv main_module_dict(const char *file)
{
    pv m = py_module_new("__main__");
    pv d = ((py_module *)m)->dict;
    py_dict_set(d, py_id___builtins__, py_builtins);
    if (file)
        py_dict_set(d, py_id___file__, py_str_c(file));
    py_dict_set(py_modules, py_intern("__main__"), m);
    return d;
}

static char *slurp(FILE *f, size_t *len)
{
    py_sb b = {0};
    char buf[65536];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0)
        py_sb_add(&b, buf, n);
    py_sb_addc(&b, 0);
    *len = b.len - 1;
    return b.buf;
}

static int run_source(const char *src, size_t len, const char *filename, pv d)
{
    pv code = py_compile_source(src, len, filename, PY_MODE_EXEC);
    if (!code)
        return handle_exception();
    pv r = py_eval_code((py_code *)code, d, d);
    return r ? 0 : handle_exception();
}

/* Is src an incomplete statement (the prompt should ask for more)? */
static int incomplete(const char *src)
{
    size_t len = strlen(src);
    pv code = py_compile_source(src, len, "<stdin>", PY_MODE_SINGLE);
    if (code)
        return 0;
    pv e = py_cur->exc;
    pv msg = e && PY_TUPLE(((py_exc *)e)->args)->n ? PY_TUPLE(((py_exc *)e)->args)->items[0] : NULL;
    py_exc_clear();
    if (msg && PY_ISSTR(msg)) {
        const char *m = py_cstr(msg);
        if (strstr(m, "unexpected EOF") || strstr(m, "expected an indented block") ||
            strstr(m, "unterminated triple-quoted"))
            return 1;
    }
    /* a compound statement header: wait for the blank line */
    const char *last = strrchr(src, '\n');
    last = last ? last + 1 : src;
    size_t l = strlen(last);
    while (l && (last[l - 1] == ' ' || last[l - 1] == '\t'))
        l--;
    return l && last[l - 1] == ':';
}

static int run_repl(pv d)
{
    printf("elide %s (Python 3.11 subset, mode gil)\n"
           "Type \"help\", \"copyright\", \"credits\" or \"license\" for more information.\n",
           ELIDE_VERSION);
    using_history();
    for (;;) {
        py_sb b = {0};
        const char *prompt = ">>> ";
        int more = 0;
        for (;;) {
            PY_BLOCKING_BEGIN(py_cur);
            char *line = readline(prompt);
            PY_BLOCKING_END(py_cur);
            if (!line) {
                if (!b.len) {
                    fputc('\n', stdout);
                    return 0;
                }
                break;
            }
            if (*line)
                add_history(line);
            if (more && !*line) {
                free(line);
                break;
            }
            py_sb_adds(&b, line);
            py_sb_addc(&b, '\n');
            free(line);
            py_sb_addc(&b, 0);
            b.len--;
            if (!incomplete(b.buf))
                break;
            more = 1;
            prompt = "... ";
        }
        py_sb_addc(&b, 0);
        pv code = py_compile_source(b.buf, b.len - 1, "<stdin>", PY_MODE_SINGLE);
        if (!code) {
            handle_exception();
            continue;
        }
        pv r = py_eval_code((py_code *)code, d, d);
        if (!r) {
            if (py_exc_matches(py_exc_SystemExit))
                return handle_exception();
            handle_exception();
        }
    }
}

static void wait_threads(void)
{
    pv th = py_dict_get(py_modules, py_intern("threading"));
    if (!th)
        return;
    pv sd = py_getattr_opt(th, py_intern("_shutdown"));
    if (sd && !py_call0(sd))
        handle_exception();
    py_exc_clear();
}

extern void py_thread_register(py_ts *ts);

static void *interp_main(void *arg)
{
    run_req *rq = arg;
    py_ts *ts = py_ts_new();
    py_cur = ts;
    py_thread_register(ts);
    py_thread_enter(ts);
    py_runtime_init(rq->argc, rq->argv);
    int status = 0;
    if (rq->kind == RUN_FILE) {
        FILE *f = fopen(rq->arg, "rb");
        if (!f) {
            fprintf(stderr, "elide: can't open file '%s': [Errno %d] %s\n", rq->arg, errno, strerror(errno));
            rq->status = 2;
            return NULL;
        }
        size_t len;
        char *src = slurp(f, &len);
        fclose(f);
        char *copy = GC_STRDUP(rq->arg);
        py_sys_set_path0(dirname(copy));
        pv d = main_module_dict(rq->arg);
        status = run_source(src, len, rq->arg, d);
    } else if (rq->kind == RUN_CMD) {
        py_sys_set_path0("");
        pv d = main_module_dict(NULL);
        status = run_source(rq->arg, strlen(rq->arg), "<string>", d);
    } else if (rq->kind == RUN_STDIN) {
        py_sys_set_path0("");
        size_t len;
        char *src = slurp(stdin, &len);
        pv d = main_module_dict("<stdin>");
        status = run_source(src, len, "<stdin>", d);
    } else {
        py_sys_set_path0("");
        status = run_repl(main_module_dict(NULL));
    }
    wait_threads();
    if (fflush(stdout) != 0 && status == 0)
        status = 120;
    if (rq->stats)
        report_stats(rq);
    fflush(stderr);
    rq->status = status;
    return NULL;
}

static int start_interpreter(run_req *rq)
{
    GC_INIT();
    GC_allow_register_threads();
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setstacksize(&attr, MAIN_STACK);
    pthread_t t;
    if (GC_pthread_create(&t, &attr, interp_main, rq) != 0) {
        fprintf(stderr, "elide: cannot start the interpreter thread\n");
        return 1;
    }
    pthread_attr_destroy(&attr);
    GC_pthread_join(t, NULL);
    /* threads still running (daemons) are abandoned, as CPython does */
    fflush(stdout);
    _exit(rq->status);
}

#ifndef PY_EMU_BUILD
/* --mode=emu: the same command line, run by the simulator build beside this
 * binary (elide-emu: the interpreter compiled with the simulator's
 * instrumentation). Returns only on failure. */
static int exec_emu(char **argv)
{
    char self[4096];
    ssize_t n = readlink("/proc/self/exe", self, sizeof self - 16);
    if (n <= 0) {
        fprintf(stderr, "elide: --mode=emu: cannot find this program's own path\n");
        return 2;
    }
    self[n] = 0;
    char *slash = strrchr(self, '/');
    strcpy(slash ? slash + 1 : self, "elide-emu");
    setenv("ELIDE_MODE", "emu", 1); /* for an ELIDE_MODE=emu run and a --mode=emu one alike */
    execv(self, argv);
    fprintf(stderr, "elide: --mode=emu needs the simulator build 'elide-emu' next to this program "
                    "(%s: %s); build it with the default (non-sanitizer) configuration\n",
            self, strerror(errno));
    return 2;
}
#endif

int main(int argc, char **argv)
{
    int probe = 0, json = 0, fast = 0, unbuffered = 0;
    const char *mode = NULL, *stats = NULL;
    run_req rq = {.kind = -1};
    clock_gettime(CLOCK_MONOTONIC, &rq.t0);
    /* -c parsing edits argv (sys.argv[0] is "-c"); --mode=emu needs it as
     * it was given */
    int edited = -1;
    char *edited_was = NULL;
    int i = 1;
    for (; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "--probe"))
            probe = 1;
        else if (!strcmp(a, "--json"))
            json = 1;
        else if (!strcmp(a, "--fast"))
            fast = 1;
        else if (!strcmp(a, "--version") || !strcmp(a, "-V")) {
            printf("elide %s (Python 3.11 subset)\n", ELIDE_VERSION);
            return 0;
        } else if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            usage(stdout);
            return 0;
        } else if (!strncmp(a, "--mode=", 7))
            mode = a + 7;
        else if (!strcmp(a, "--mode")) {
            if (i + 1 >= argc)
                return bad_usage("option requires an argument", "--mode");
            mode = argv[++i];
        } else if (!strcmp(a, "--stats"))
            stats = "text";
        else if (!strncmp(a, "--stats=", 8)) {
            stats = a + 8;
            if (stats_format(stats) <= 0) {
                fprintf(stderr, "elide: --stats: unknown format '%s' (text, json)\n", stats);
                return 2;
            }
        } else if (!strcmp(a, "-u"))
            unbuffered = 1;
        else if (!strcmp(a, "-B") || !strcmp(a, "-E") || !strcmp(a, "-O") || !strcmp(a, "-s") ||
                 !strcmp(a, "-S") || !strcmp(a, "-I"))
            ; /* accepted for compatibility, no effect */
        else if (!strcmp(a, "-c")) {
            if (i + 1 >= argc)
                return bad_usage("Argument expected for the -c option", "-c");
            rq.kind = RUN_CMD;
            rq.arg = argv[i + 1];
            edited = i + 1;
            edited_was = argv[i + 1];
            argv[i + 1] = "-c";
            rq.argc = argc - i - 1;
            rq.argv = argv + i + 1;
            break;
        } else if (!strcmp(a, "-")) {
            rq.kind = RUN_STDIN;
            rq.argc = argc - i;
            rq.argv = argv + i;
            break;
        } else if (a[0] == '-' && a[1])
            return bad_usage("unknown option", a);
        else {
            rq.kind = RUN_FILE;
            rq.arg = a;
            rq.argc = argc - i;
            rq.argv = argv + i;
            break;
        }
    }
    if ((json || fast) && !probe)
        return bad_usage(json ? "--json needs" : "--fast needs", "--probe");
    if (probe && rq.kind != -1)
        return bad_usage("--probe takes no script or command", rq.argv[0]);
    /* character classes and case mapping of str follow Unicode; numbers keep
     * the "C" locale (LC_NUMERIC untouched), as py_dtoa requires */
    setlocale(LC_CTYPE, "C.UTF-8");
    if (probe)
        return run_probe(json, fast);
    if (!stats) {
        stats = getenv("ELIDE_STATS");
        if (stats_format(stats) < 0) {
            fprintf(stderr, "elide: ELIDE_STATS: unknown format '%s' (text, json, or empty)\n", stats);
            return 2;
        }
    }
    rq.stats = stats_format(stats);
    rq.stats_file = getenv("ELIDE_STATS_FILE");
    py_mode_choice choice;
    if (py_mode_choose(mode, &choice))
        return 2;
#ifndef PY_EMU_BUILD
    if (choice.mode == PY_MODE_EMU) {
        if (edited >= 0)
            argv[edited] = edited_was;
        return exec_emu(argv);
    }
#else
    (void)edited;
    (void)edited_was;
#endif
    if (py_run_init(&choice))
        return 2;
    if (unbuffered) {
        setvbuf(stdout, NULL, _IONBF, 0);
        setvbuf(stderr, NULL, _IONBF, 0);
    }
    if (rq.kind < 0) {
        static char *empty[] = {"", NULL};
        rq.kind = isatty(0) ? RUN_REPL : RUN_STDIN;
        rq.argc = 1;
        rq.argv = empty;
    }
    return start_interpreter(&rq);
}
