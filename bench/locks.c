/* locks.c: lock benchmarks (C; registered and run by shim.cc).
 *
 * Each elided lock against the same lock without elision (its _plain_
 * operations), pthread_mutex and pthread_spinlock; every benchmark runs with
 * 1 to 2x cores threads (all on one lock), a critical section that
 * increments 0, 10, 100 or 1000 cache lines (readers only read them), the
 * lines either shared by all threads or disjoint per thread. The mode comes
 * from ELIDE_MODE, so one binary measures every backend.
 *
 * Checked before a time is accepted: after the timed loop the last thread
 * out verifies that every written line was incremented exactly once per
 * iteration of every thread (a broken lock loses increments), else the run
 * is reported as an error. Elided benchmarks add per-operation counters:
 * aborts by cause, and the fallback ratio.
 *
 * Concurrency contract: the locks and lines are globals shared by the
 * benchmark threads; run_done/run_iters are reset by thread 0 before the
 * start barrier (inside the first bench_keep_running) and updated by each
 * thread once after its loop, with acq_rel RMWs.
 */
#include "bench.h"

#include <elide.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#define MAX_THREADS 64
#define MAX_LINES 1000

typedef struct line {
    uint64_t v;
} __attribute__((aligned(64))) line;

static line g_lines[MAX_THREADS][MAX_LINES];
static elide_spin g_spin = ELIDE_SPIN_INITIALIZER;
static elide_mutex g_mutex = ELIDE_MUTEX_INITIALIZER;
static elide_rwlock g_rw = ELIDE_RWLOCK_INITIALIZER;
static pthread_mutex_t g_pmutex = PTHREAD_MUTEX_INITIALIZER;
static pthread_spinlock_t g_pspin;
static long run_iters;
static int run_done;

int bench_setup(void)
{
    if (pthread_spin_init(&g_pspin, PTHREAD_PROCESS_PRIVATE) != 0)
        return -1;
    return elide_init(NULL);
}

const char *bench_backend(void) { return elide_backend_name(); }
const char *bench_backend_reason(void) { return elide_backend_reason(); }

static line *region(bench_state *st)
{
    return g_lines[bench_range(st, 1) ? bench_thread_index(st) : 0];
}

static inline void write_lines(line *r, long n)
{
    for (long i = 0; i < n; i++)
        r[i].v++;
}

static inline uint64_t read_lines(const line *r, long n)
{
    uint64_t s = 0;
    for (long i = 0; i < n; i++)
        s += r[i].v;
    return s;
}

/* Before the loop: thread 0 clears what this run will check. */
static int bench_prepare(bench_state *st)
{
    if (bench_threads(st) > MAX_THREADS) {
        bench_error(st, "too many threads");
        return -1;
    }
    elide_thread_register();
    if (bench_thread_index(st) == 0) {
        memset(g_lines, 0, sizeof g_lines);
        __atomic_store_n(&run_iters, 0, __ATOMIC_RELAXED);
        __atomic_store_n(&run_done, 0, __ATOMIC_RELAXED);
    }
    return 0;
}

/* After the loop: the last thread out checks the counts. */
static void bench_verify(bench_state *st, int writes)
{
    long n = bench_range(st, 0), mine = bench_iterations(st);
    int threads = bench_threads(st);
    long total = __atomic_add_fetch(&run_iters, mine, __ATOMIC_ACQ_REL);
    if (!writes || n == 0)
        return;
    if (bench_range(st, 1)) {          /* disjoint: my own lines */
        if (g_lines[bench_thread_index(st)][n - 1].v != (uint64_t)mine)
            bench_error(st, "lost increments (disjoint lines)");
        return;
    }
    if (__atomic_add_fetch(&run_done, 1, __ATOMIC_ACQ_REL) != threads)
        return;
    for (long i = 0; i < n; i++)
        if (g_lines[0][i].v != (uint64_t)total) {
            bench_error(st, "lost increments (shared lines)");
            return;
        }
}

static void bench_elision_counters(bench_state *st, const elide_stats *before)
{
    elide_stats after, d;
    elide_stats_thread(&after);
    elide_stats_sub(&d, &after, before);
    double busy = (double)d.code[ELIDE_CODE_LOCK_BUSY];
    bench_counter(st, "aborts/op", (double)d.aborts, BENCH_PER_ITER);
    bench_counter(st, "conflict/op", (double)d.abort_bit[2], BENCH_PER_ITER);
    bench_counter(st, "capacity/op", (double)d.abort_bit[3], BENCH_PER_ITER);
    bench_counter(st, "busy/op", busy, BENCH_PER_ITER);
    bench_counter(st, "explicit_other/op", (double)d.abort_bit[0] - busy, BENCH_PER_ITER);
    bench_counter(st, "zero/op", (double)d.zero, BENCH_PER_ITER);
    double acq = (double)d.acquisitions;
    bench_counter(st, "fallback_ratio",
                  acq > 0 ? (double)(d.fallbacks + d.skipped) / acq : 0.0,
                  BENCH_AVG_THREADS);
    bench_counter(st, "commit_ratio", acq > 0 ? (double)d.committed / acq : 0.0,
                  BENCH_AVG_THREADS);
}

/* One benchmark per lock and form; LOCK/UNLOCK are direct calls, so the
 * elided forms are measured with their inline fast path. */
#define LOCK_BENCH(fname, LOCK, UNLOCK, WRITES, ELIDED)                       \
    static void fname(bench_state *st, unsigned arg)                          \
    {                                                                         \
        (void)arg;                                                            \
        if (bench_prepare(st) != 0)                                           \
            return;                                                           \
        long n = bench_range(st, 0);                                          \
        line *r = region(st);                                                 \
        uint64_t sink = 0;                                                    \
        elide_stats before;                                                   \
        elide_stats_thread(&before);                                          \
        while (bench_keep_running(st)) {                                      \
            LOCK;                                                             \
            if (WRITES)                                                       \
                write_lines(r, n);                                            \
            else                                                              \
                sink += read_lines(r, n);                                     \
            UNLOCK;                                                           \
        }                                                                     \
        __asm__ volatile("" : : "r"(sink) : "memory");                        \
        if (ELIDED)                                                           \
            bench_elision_counters(st, &before);                              \
        bench_verify(st, WRITES);                                             \
    }

LOCK_BENCH(b_spin_elided, elide_spin_lock(&g_spin), elide_spin_unlock(&g_spin), 1, 1)
LOCK_BENCH(b_spin_plain, elide_spin_plain_lock(&g_spin), elide_spin_plain_unlock(&g_spin), 1, 0)
LOCK_BENCH(b_mutex_elided, elide_mutex_lock(&g_mutex), elide_mutex_unlock(&g_mutex), 1, 1)
LOCK_BENCH(b_mutex_plain, elide_mutex_plain_lock(&g_mutex), elide_mutex_plain_unlock(&g_mutex), 1, 0)
LOCK_BENCH(b_rw_write_elided, elide_rw_write_lock(&g_rw), elide_rw_write_unlock(&g_rw), 1, 1)
LOCK_BENCH(b_rw_write_plain, elide_rwlock_plain_write_lock(&g_rw),
           elide_rwlock_plain_write_unlock(&g_rw), 1, 0)
LOCK_BENCH(b_rw_read_elided, elide_rw_read_lock(&g_rw), elide_rw_read_unlock(&g_rw), 0, 1)
LOCK_BENCH(b_rw_read_plain, elide_rwlock_plain_read_lock(&g_rw),
           elide_rwlock_plain_read_unlock(&g_rw), 0, 0)
LOCK_BENCH(b_pthread_mutex, pthread_mutex_lock(&g_pmutex), pthread_mutex_unlock(&g_pmutex), 1, 0)
LOCK_BENCH(b_pthread_spin, pthread_spin_lock(&g_pspin), pthread_spin_unlock(&g_pspin), 1, 0)

/* Uncontended cost of the lock itself: one thread, 1000 lock/increment/
 * unlock per benchmark iteration, so the per-iteration call into the shim
 * does not dilute the difference between elided and plain forms. */
#define PAIRS 1000
#define PAIR_BENCH(fname, LOCK, UNLOCK)                                       \
    static void fname(bench_state *st, unsigned arg)                          \
    {                                                                         \
        (void)arg;                                                            \
        if (bench_prepare(st) != 0)                                           \
            return;                                                           \
        while (bench_keep_running(st))                                        \
            for (int i = 0; i < PAIRS; i++) {                                 \
                LOCK;                                                         \
                g_lines[0][0].v++;                                            \
                UNLOCK;                                                       \
            }                                                                 \
        if (g_lines[0][0].v != (uint64_t)bench_iterations(st) * PAIRS)       \
            bench_error(st, "lost increments");                               \
    }

PAIR_BENCH(p_spin_elided, elide_spin_lock(&g_spin), elide_spin_unlock(&g_spin))
PAIR_BENCH(p_spin_plain, elide_spin_plain_lock(&g_spin), elide_spin_plain_unlock(&g_spin))
PAIR_BENCH(p_mutex_elided, elide_mutex_lock(&g_mutex), elide_mutex_unlock(&g_mutex))
PAIR_BENCH(p_mutex_plain, elide_mutex_plain_lock(&g_mutex), elide_mutex_plain_unlock(&g_mutex))
PAIR_BENCH(p_rw_write_elided, elide_rw_write_lock(&g_rw), elide_rw_write_unlock(&g_rw))
PAIR_BENCH(p_rw_write_plain, elide_rwlock_plain_write_lock(&g_rw),
           elide_rwlock_plain_write_unlock(&g_rw))
PAIR_BENCH(p_rw_read_elided, elide_rw_read_lock(&g_rw), elide_rw_read_unlock(&g_rw))
PAIR_BENCH(p_rw_read_plain, elide_rwlock_plain_read_lock(&g_rw),
           elide_rwlock_plain_read_unlock(&g_rw))
PAIR_BENCH(p_pthread_mutex, pthread_mutex_lock(&g_pmutex), pthread_mutex_unlock(&g_pmutex))
PAIR_BENCH(p_pthread_spin, pthread_spin_lock(&g_pspin), pthread_spin_unlock(&g_pspin))

const bench_def bench_defs[] = {
    { "spin/elided", b_spin_elided, 0 },
    { "spin/plain", b_spin_plain, 0 },
    { "mutex/elided", b_mutex_elided, 0 },
    { "mutex/plain", b_mutex_plain, 0 },
    { "rw_write/elided", b_rw_write_elided, 0 },
    { "rw_write/plain", b_rw_write_plain, 0 },
    { "rw_read/elided", b_rw_read_elided, 0 },
    { "rw_read/plain", b_rw_read_plain, 0 },
    { "pthread_mutex", b_pthread_mutex, 0 },
    { "pthread_spin", b_pthread_spin, 0 },
    { "pairs1000/spin/elided", p_spin_elided, BENCH_SINGLE },
    { "pairs1000/spin/plain", p_spin_plain, BENCH_SINGLE },
    { "pairs1000/mutex/elided", p_mutex_elided, BENCH_SINGLE },
    { "pairs1000/mutex/plain", p_mutex_plain, BENCH_SINGLE },
    { "pairs1000/rw_write/elided", p_rw_write_elided, BENCH_SINGLE },
    { "pairs1000/rw_write/plain", p_rw_write_plain, BENCH_SINGLE },
    { "pairs1000/rw_read/elided", p_rw_read_elided, BENCH_SINGLE },
    { "pairs1000/rw_read/plain", p_rw_read_plain, BENCH_SINGLE },
    { "pairs1000/pthread_mutex", p_pthread_mutex, BENCH_SINGLE },
    { "pairs1000/pthread_spin", p_pthread_spin, BENCH_SINGLE },
};
const unsigned bench_ndefs = sizeof bench_defs / sizeof bench_defs[0];
