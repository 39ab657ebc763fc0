/* fb_harness.h: the shared harness of the fallback/ tests.
 *
 * fb_run_threads: start n threads on one body and join them within a time
 * bound; a thread still running at the bound is a deadlock or a livelock,
 * reported once, and the program exits non-zero (CUnit cannot continue
 * with threads stuck on its stack frames). fb_wait_until: poll a condition
 * with short sleeps up to a bound, for "a thread is now parked" states.
 * fb_expect_death: run a function in a child process and check that it
 * dies with SIGABRT printing an expected message.
 */
#ifndef FB_TESTS_HARNESS_H
#define FB_TESTS_HARNESS_H

#define _GNU_SOURCE 1
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "fb.h"

/* Generous: every default test finishes in well under a second per phase
 * even under TSan on 2 vCPUs; reaching this means the threads are stuck. */
#define FB_TEST_BOUND_S 60

typedef struct fb_tctx {
    int idx, n;
    void *arg;
    void (*body)(struct fb_tctx *);
} fb_tctx;

static void *fb_tstart(void *p)
{
    fb_tctx *c = p;
    c->body(c);
    return NULL;
}

static inline void fb_sleep_ms(long ms)
{
    struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };
    while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
        ;
}

/* Start n threads running body(ctx) with ctx->idx = 0..n-1, join them. */
static inline void fb_run_threads(int n, void (*body)(fb_tctx *), void *arg)
{
    pthread_t tid[64];
    fb_tctx ctx[64];
    if (n > 64)
        abort();
    for (int i = 0; i < n; i++) {
        ctx[i] = (fb_tctx){ i, n, arg, body };
        if (pthread_create(&tid[i], NULL, fb_tstart, &ctx[i]) != 0) {
            perror("pthread_create");
            exit(2);
        }
    }
    struct timespec dl;
    clock_gettime(CLOCK_REALTIME, &dl);
    dl.tv_sec += FB_TEST_BOUND_S;
    for (int i = 0; i < n; i++) {
        int e = pthread_timedjoin_np(tid[i], NULL, &dl);
        if (e) {
            fprintf(stderr, "FAIL: thread %d of %d still running after %d s: "
                    "deadlock or livelock\n", i, n, FB_TEST_BOUND_S);
            _exit(4);
        }
    }
}

/* Poll cond(arg) every millisecond for up to FB_TEST_BOUND_S seconds. */
static inline int fb_wait_until(int (*cond)(void *), void *arg)
{
    for (long i = 0; i < FB_TEST_BOUND_S * 1000L; i++) {
        if (cond(arg))
            return 1;
        fb_sleep_ms(1);
    }
    return 0;
}

/* Non-zero once some thread has parked (set FB_K) on l. */
static inline int fb_has_waiters(void *l)
{
    return (atomic_load(&((fb_lock_t *)l)->word) & FB_K) != 0;
}

/* xorshift32: per-thread random numbers without shared state. */
static inline unsigned fb_rand(unsigned *s)
{
    unsigned x = *s;
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    return *s = x;
}

/* A fake transactional backend: "in a transaction" is a thread-local
 * flag, and an abort records its code and longjmps back to the begin. */
#include <setjmp.h>
static _Thread_local int fb_fake_in_tx;
static _Thread_local jmp_buf fb_fake_jb;
static _Thread_local unsigned fb_fake_code;

static int fb_fake_test(void) { return fb_fake_in_tx; }
static void fb_fake_abort(unsigned code)
{
    fb_fake_in_tx = 0;
    fb_fake_code = code;
    longjmp(fb_fake_jb, 1);
}
static const elide_backend fb_fake_tx = {
    "fake", NULL, NULL, fb_fake_abort, fb_fake_test,
};

/* Run fn(arg) "in a transaction": returns 0 when it committed, else the
 * abort code. */
static inline unsigned fb_fake_run(void (*fn)(void *), void *arg)
{
    fb_fake_code = 0;
    if (setjmp(fb_fake_jb) == 0) {
        fb_fake_in_tx = 1;
        fn(arg);
        fb_fake_in_tx = 0;
        return 0;
    }
    return fb_fake_code;
}

#endif
