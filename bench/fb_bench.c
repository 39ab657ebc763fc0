/* fb_bench.c: what the fallback/ primitives cost. A plain program, not a
 * test: `cmake --build <dir> --target fb_bench && <dir>/fallback/fb_bench`.
 *
 * Rows: uncontended acquire+release pairs (fb_lock, fb_rlock, and
 * pthread_mutex for scale), a safepoint poll, contended pairs with 2 and 4
 * threads on one lock (fb_lock vs pthread_mutex), and the latency of a world
 * stop while other threads run and poll safepoints. Each row is the best of 5 runs with the
 * spread (worst/best); a contended row is accepted only if its counter adds
 * up. Options: -q (fewer iterations, for a quick look).
 */
#define _GNU_SOURCE 1
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "fb.h"

#define RUNS 5

static long iters = 10000000;

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static void report(const char *name, const double *t, long ops, const char *unit)
{
    double best = t[0], worst = t[0];
    for (int i = 1; i < RUNS; i++) {
        best = t[i] < best ? t[i] : best;
        worst = t[i] > worst ? t[i] : worst;
    }
    printf("%-40s %10.2f %s  (spread %.2fx, %ld ops)\n", name,
           best * 1e9 / (double)ops, unit, worst / best, ops);
}

/* ---- uncontended ---- */

static fb_lock_t ul = FB_LOCK_INIT;
static pthread_mutex_t um = PTHREAD_MUTEX_INITIALIZER;
static long sink;

static double run_fb_pair(void)
{
    double t0 = now_s();
    for (long i = 0; i < iters; i++) {
        fb_lock(&ul, 1);
        sink++;
        fb_unlock(&ul);
    }
    return now_s() - t0;
}

static double run_fb_rpair(void)
{
    double t0 = now_s();
    for (long i = 0; i < iters; i++) {
        fb_rlock(&ul, 1);
        sink++;
        fb_runlock(&ul);
    }
    return now_s() - t0;
}

static double run_mutex_pair(void)
{
    double t0 = now_s();
    for (long i = 0; i < iters; i++) {
        pthread_mutex_lock(&um);
        sink++;
        pthread_mutex_unlock(&um);
    }
    return now_s() - t0;
}

static double run_safepoint(void)
{
    double t0 = now_s();
    for (long i = 0; i < iters; i++) {
        fb_safepoint();
        __asm__ __volatile__("" ::: "memory");
    }
    return now_s() - t0;
}

static double run_empty(void)
{
    double t0 = now_s();
    for (long i = 0; i < iters; i++)
        __asm__ __volatile__("" ::: "memory");
    return now_s() - t0;
}

static void bench_uncontended(void)
{
    struct { const char *name; double (*fn)(void); } rows[] = {
        { "empty loop", run_empty },
        { "fb_safepoint (world running)", run_safepoint },
        { "fb_lock+fb_unlock, uncontended", run_fb_pair },
        { "fb_rlock+fb_runlock, uncontended", run_fb_rpair },
        { "pthread_mutex lock+unlock, uncontended", run_mutex_pair },
    };
    fb_thread_register();
    for (size_t r = 0; r < sizeof rows / sizeof rows[0]; r++) {
        double t[RUNS];
        for (int i = 0; i < RUNS; i++)
            t[i] = rows[r].fn();
        report(rows[r].name, t, iters, "ns/op");
    }
    fb_thread_unregister();
}

/* ---- contended: n threads, one lock, a short critical section ----
 * Inside: four shared words updated and WORK_IN steps of dependent work
 * (an object operation, ~50 ns); outside: WORK_OUT steps (the rest of the
 * bytecode), so two running threads really meet at the lock. */

#define WORK_IN 20
#define WORK_OUT 40

static inline unsigned work(unsigned x, int steps)
{
    for (int i = 0; i < steps; i++) {
        x = x * 1103515245u + 12345u;
        __asm__ __volatile__("" : "+r"(x));
    }
    return x;
}

typedef struct contend {
    int use_fb;
    long per_thread;
    fb_lock_t l;
    pthread_mutex_t m;
    long counter, shadow[3];
    _Atomic int go;
} contend;

static void *contend_thread(void *p)
{
    contend *c = p;
    unsigned x = 1;
    fb_thread_register();
    while (!atomic_load(&c->go))
        ;
    for (long i = 0; i < c->per_thread; i++) {
        if (c->use_fb)
            fb_lock(&c->l, 7);
        else
            pthread_mutex_lock(&c->m);
        c->counter++;
        x = work(x, WORK_IN);
        for (int k = 0; k < 3; k++)
            c->shadow[k] += x & 1;
        if (c->use_fb)
            fb_unlock(&c->l);
        else
            pthread_mutex_unlock(&c->m);
        x = work(x, WORK_OUT);
        fb_safepoint();
    }
    sink += x;
    fb_thread_unregister();
    return NULL;
}

static double contend_run(int n, int use_fb, long per_thread)
{
    contend c;
    memset(&c, 0, sizeof c);
    c.use_fb = use_fb;
    c.per_thread = per_thread;
    pthread_mutex_init(&c.m, NULL);
    pthread_t tid[8];
    for (int i = 0; i < n; i++)
        if (pthread_create(&tid[i], NULL, contend_thread, &c) != 0)
            exit(2);
    double t0 = now_s();
    atomic_store(&c.go, 1);
    for (int i = 0; i < n; i++)
        pthread_join(tid[i], NULL);
    double t = now_s() - t0;
    if (c.counter != n * per_thread) {
        fprintf(stderr, "fb_bench: counter %ld, expected %ld: lock broken\n",
                c.counter, n * per_thread);
        exit(1);
    }
    return t;
}

static void bench_contended(void)
{
    long per = iters / 20;
    for (int n = 2; n <= 4; n *= 2) {
        for (int use_fb = 1; use_fb >= 0; use_fb--) {
            double t[RUNS];
            fb_contention before, after;
            fb_stats_merge(&before, NULL, 0);
            for (int i = 0; i < RUNS; i++)
                t[i] = contend_run(n, use_fb, per);
            fb_stats_merge(&after, NULL, 0);
            char name[64];
            snprintf(name, sizeof name, "%s, %d threads, one lock",
                     use_fb ? "fb_lock" : "pthread_mutex", n);
            report(name, t, n * per, "ns/op");
            if (use_fb)
                printf("%-40s %10.1f%% contended, %.3f%% parked\n", "",
                       100.0 * (double)(after.contended - before.contended) / (RUNS * n * per),
                       100.0 * (double)(after.parks - before.parks) / (RUNS * n * per));
        }
    }
}

/* ---- world stop latency with n threads polling safepoints ----
 * Each stop is timed only after every spinner has run since the last
 * restart (a thread still parked from the previous stop would make the
 * stop free and the number meaningless). */

typedef struct spin_arg {
    _Atomic int quit, ready;
    struct {
        _Alignas(64) _Atomic long n;
    } progress[8];
} spin_arg;

typedef struct spinner_ctx {
    spin_arg *s;
    int idx;
} spinner_ctx;

static void *spinner(void *p)
{
    spinner_ctx *c = p;
    spin_arg *s = c->s;
    fb_thread_register();
    atomic_fetch_add(&s->ready, 1);
    while (!atomic_load_explicit(&s->quit, memory_order_relaxed)) {
        atomic_store_explicit(&s->progress[c->idx].n,
                              atomic_load_explicit(&s->progress[c->idx].n,
                                                   memory_order_relaxed) + 1,
                              memory_order_relaxed);
        fb_safepoint();
    }
    fb_thread_unregister();
    return NULL;
}

static void wait_all_ran(spin_arg *s, int n)
{
    long snap[8];
    for (int i = 0; i < n; i++)
        snap[i] = atomic_load(&s->progress[i].n);
    for (int i = 0; i < n; i++)
        while (atomic_load(&s->progress[i].n) == snap[i])
            sched_yield();
}

static void bench_world(int n)
{
    static spin_arg s;
    memset(&s, 0, sizeof s);
    pthread_t tid[8];
    spinner_ctx ctx[8];
    for (int i = 0; i < n; i++) {
        ctx[i] = (spinner_ctx){ &s, i };
        if (pthread_create(&tid[i], NULL, spinner, &ctx[i]) != 0)
            exit(2);
    }
    while (atomic_load(&s.ready) < n)
        ;
    /* More spinners than spare CPUs only run by time slices (ms each). */
    long stops = n < 2 ? iters / 10000 : iters / 100000;
    double t[RUNS];
    for (int r = 0; r < RUNS; r++) {
        t[r] = 0;
        for (long i = 0; i < stops; i++) {
            wait_all_ran(&s, n);
            double t0 = now_s();
            fb_world_stop();
            t[r] += now_s() - t0;
            fb_world_start();
        }
    }
    atomic_store(&s.quit, 1);
    for (int i = 0; i < n; i++)
        pthread_join(tid[i], NULL);
    char name[64];
    snprintf(name, sizeof name, "world stop, %d running threads", n);
    report(name, t, stops, "ns/op");
}

static void *nothing(void *p)
{
    return p;
}

int main(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "-q") == 0)
        iters /= 10;
    else if (argc > 1) {
        fprintf(stderr, "usage: %s [-q]\n", argv[0]);
        return 2;
    }
    /* glibc skips atomics in pthread_mutex while a process has one thread;
     * start (and end) one so every row pays what a threaded program pays. */
    pthread_t t;
    if (pthread_create(&t, NULL, nothing, NULL) != 0 || pthread_join(t, NULL) != 0)
        return 2;
    printf("fb_bench: best of %d runs\n", RUNS);
    bench_uncontended();
    bench_contended();
    bench_world(1);
    bench_world(3);
    return 0;
}
