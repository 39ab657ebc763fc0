/* bench/gc_alloc.c: how the collector's batch allocation scales with
 * threads, without the interpreter. Each of N threads (weak scaling: each
 * does the same work) takes objects of one size from GC_malloc_many batches
 * (the way interp/py_alloc.c refills its per-thread free lists), writes each
 * one, and drops it, so every batch comes from blocks the last collection
 * freed. It prints, per thread count, the objects per second and the
 * speedup over one thread: the ceiling the collector puts on
 * allocation-heavy Python threads (bench/workloads/build_dicts and friends).
 *
 *   build/plain/bench/gc_alloc [SIZE_BYTES [OBJECTS_PER_THREAD [MAX_THREADS]]]
 *
 * Defaults: 176-byte objects (a small dict's table), 4000000 per thread, up
 * to 2x the online CPUs. The collector's own environment (GC_MARKERS,
 * GC_INITIAL_HEAP_SIZE, ...) applies. GC_ALLOC_SPIN=1 puts a spinlock of
 * ours in front of every GC_malloc_many, to tell the cost of the
 * collector's mutex handoff (futex sleeps) from that of its critical
 * section itself. */
#define GC_THREADS
#include <gc/gc.h>

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static size_t obj_size = 176, per_thread = 4000000;
static pthread_barrier_t gate;
static volatile unsigned long sink;
static int spin; /* GC_ALLOC_SPIN */
static int refill_lock;

static void *batch_of(size_t sz)
{
    if (!spin)
        return GC_malloc_many(sz);
    for (unsigned n = 0; __atomic_exchange_n(&refill_lock, 1, __ATOMIC_ACQUIRE); n++) {
        while (__atomic_load_n(&refill_lock, __ATOMIC_RELAXED))
            __builtin_ia32_pause();
    }
    void *b = GC_malloc_many(sz);
    __atomic_store_n(&refill_lock, 0, __ATOMIC_RELEASE);
    return b;
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static void *worker(void *arg)
{
    (void)arg;
    unsigned long sum = 0;
    void *batch = NULL;
    pthread_barrier_wait(&gate);
    for (size_t i = 0; i < per_thread; i++) {
        if (!batch) {
            batch = batch_of(obj_size);
            if (!batch) {
                fprintf(stderr, "gc_alloc: out of memory\n");
                exit(1);
            }
        }
        void **p = batch;
        batch = GC_NEXT(p);
        p[0] = NULL;
        p[1] = (void *)i; /* touch it, as a constructor would */
        sum += (unsigned long)(uintptr_t)p[1];
    }
    sink += sum;
    return NULL;
}

/* Seconds for n threads to each allocate per_thread objects. */
static double run(int n)
{
    pthread_t *t = malloc(sizeof *t * (size_t)n);
    if (!t || pthread_barrier_init(&gate, NULL, (unsigned)n + 1) != 0) {
        fprintf(stderr, "gc_alloc: cannot set up %d threads\n", n);
        exit(1);
    }
    for (int i = 0; i < n; i++)
        if (pthread_create(&t[i], NULL, worker, NULL) != 0) {
            fprintf(stderr, "gc_alloc: cannot start thread %d\n", i);
            exit(1);
        }
    pthread_barrier_wait(&gate);
    double t0 = now();
    for (int i = 0; i < n; i++)
        pthread_join(t[i], NULL);
    double dt = now() - t0;
    pthread_barrier_destroy(&gate);
    free(t);
    return dt;
}

static long arg(char **argv, int i, long lo, long hi, const char *what)
{
    char *end;
    long v = strtol(argv[i], &end, 10);
    if (*argv[i] == '\0' || *end || v < lo || v > hi) {
        fprintf(stderr, "gc_alloc: %s must be an integer in %ld..%ld, not '%s'\n", what, lo, hi, argv[i]);
        exit(2);
    }
    return v;
}

int main(int argc, char **argv)
{
    long cpus = sysconf(_SC_NPROCESSORS_ONLN);
    int max_threads = (int)(cpus > 0 ? 2 * cpus : 2);
    if (argc > 4) {
        fprintf(stderr, "usage: gc_alloc [SIZE_BYTES [OBJECTS_PER_THREAD [MAX_THREADS]]]\n");
        return 2;
    }
    if (argc > 1)
        obj_size = (size_t)arg(argv, 1, 16, 2048, "SIZE_BYTES");
    if (argc > 2)
        per_thread = (size_t)arg(argv, 2, 1, 1000000000L, "OBJECTS_PER_THREAD");
    if (argc > 3)
        max_threads = (int)arg(argv, 3, 1, 256, "MAX_THREADS");
    spin = getenv("GC_ALLOC_SPIN") != NULL;
    GC_INIT();
    run(1); /* warm-up: the heap grows to its working size */
    printf("objects of %zu bytes, %zu per thread (weak scaling), GC_malloc_many batches\n",
           obj_size, per_thread);
    printf("threads  seconds  objects/s  speedup\n");
    double one = 0;
    for (int n = 1; n <= max_threads; n *= 2) {
        double best = 0;
        for (int rep = 0; rep < 3; rep++) {
            double dt = run(n);
            if (best == 0 || dt < best)
                best = dt;
        }
        double rate = (double)per_thread * n / best;
        if (n == 1)
            one = rate;
        printf("%7d  %7.3f  %9.3g  %6.2fx\n", n, best, rate, rate / one);
    }
    return 0;
}
