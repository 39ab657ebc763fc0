/* bench.h: the C side of the Google Benchmark shim. Benchmark functions are
 * C (locks.c) and see the benchmark only through these calls; shim.cc
 * registers every entry of bench_defs with Google Benchmark and runs them.
 *
 * Concurrency contract: a bench_state belongs to one benchmark thread; the
 * calls below touch only that thread's benchmark::State. bench_defs is
 * read-only.
 */
#ifndef ELIDE_BENCH_H
#define ELIDE_BENCH_H

#ifdef __cplusplus
extern "C" {
#endif

typedef struct bench_state bench_state;

int bench_keep_running(bench_state *st);   /* the timed loop's condition */
long bench_range(bench_state *st, int i);  /* argument i (lines, disjoint) */
int bench_thread_index(bench_state *st);
int bench_threads(bench_state *st);
long bench_iterations(bench_state *st);    /* this thread's, after the loop */

enum {
    BENCH_SUM = 0,          /* summed over threads */
    BENCH_PER_ITER = 1,     /* summed over threads, divided by all iterations */
    BENCH_AVG_THREADS = 2,  /* averaged over threads */
};
void bench_counter(bench_state *st, const char *name, double value, int kind);
void bench_error(bench_state *st, const char *msg); /* reject this run */

enum {
    BENCH_MATRIX = 0,  /* lines x disjoint x 1..2*cores threads */
    BENCH_SINGLE = 1,  /* one thread, no arguments */
};

typedef struct bench_def {
    const char *name;
    void (*fn)(bench_state *st, unsigned arg);
    unsigned kind;     /* BENCH_MATRIX or BENCH_SINGLE */
} bench_def;

extern const bench_def bench_defs[];
extern const unsigned bench_ndefs;

/* Called once before any benchmark: elide_init from the environment.
 * Returns 0, or -1 (after one message) on a bad ELIDE_MODE. */
int bench_setup(void);
const char *bench_backend(void);
const char *bench_backend_reason(void);

#ifdef __cplusplus
}
#endif
#endif
