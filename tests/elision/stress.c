/* stress.c: one generic multi-thread stress harness, small adapters per
 * elided lock (Concurrency Kit's validate/ style). The backend is whatever
 * ELIDE_MODE selects (ctest runs this binary once per backend); under
 * ELIDE_MODE=inject every begin returns a random abort status.
 *
 * Properties, each checked under spin, mutex and rwlock, with 4 and 8
 * threads:
 *   bank: transfers between accounts never change the total; readers
 *         (audits) always see the exact total.
 *   list: a sorted linked list where each thread inserts, finds and removes
 *         its own keys while looking up everyone's; at the end it is empty
 *         and every find saw what its thread had done.
 * Then the merged statistics must add up.
 *
 * Usage: elision_stress [--quick | --iters N]
 *   --quick: 2000 operations per thread (valgrind); --iters: the long tier.
 */
#include "cu_run.h"

#include <elide.h>
#ifdef STRESS_EMU
#include <elide_emu.h>
#endif
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

/* Operations per thread per test: ~0.5 s for the whole binary plain. Under
 * ThreadSanitizer (10-20x slower) a tenth, so the tsan run stays seconds. */
#if defined(__SANITIZE_THREAD__)
#define STRESS_ITERS 20000
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define STRESS_ITERS 20000
#endif
#endif
#ifndef STRESS_ITERS
#define STRESS_ITERS 200000
#endif
static unsigned iters = STRESS_ITERS;

/* ---- adapters ------------------------------------------------------------ */

typedef struct adapter {
    const char *name;
    void *(*make)(void);
    void (*wlock)(void *), (*wunlock)(void *);
    void (*rlock)(void *), (*runlock)(void *);
    int (*wtrylock)(void *);
} adapter;

static void *spin_make(void)
{
    elide_spin *l = calloc(1, sizeof *l);
    elide_spin_init(l);
    return l;
}
static void spin_lock(void *l) { elide_spin_lock(l); }
static void spin_unlock(void *l) { elide_spin_unlock(l); }
static int spin_trylock(void *l) { return elide_spin_trylock(l); }

static void *mutex_make(void)
{
    elide_mutex *m = calloc(1, sizeof *m);
    elide_mutex_init(m);
    return m;
}
static void mutex_lock(void *m) { elide_mutex_lock(m); }
static void mutex_unlock(void *m) { elide_mutex_unlock(m); }
static int mutex_trylock(void *m) { return elide_mutex_trylock(m); }

static void *rw_make(void)
{
    elide_rwlock *rw = calloc(1, sizeof *rw);
    elide_rwlock_init(rw);
    return rw;
}
static void rw_wlock(void *rw) { elide_rw_write_lock(rw); }
static void rw_wunlock(void *rw) { elide_rw_write_unlock(rw); }
static void rw_rlock(void *rw) { elide_rw_read_lock(rw); }
static void rw_runlock(void *rw) { elide_rw_read_unlock(rw); }
static int rw_wtrylock(void *rw) { return elide_rw_write_trylock(rw); }

static const adapter adapters[] = {
    { "spin", spin_make, spin_lock, spin_unlock, spin_lock, spin_unlock, spin_trylock },
    { "mutex", mutex_make, mutex_lock, mutex_unlock, mutex_lock, mutex_unlock, mutex_trylock },
    { "rwlock", rw_make, rw_wlock, rw_wunlock, rw_rlock, rw_runlock, rw_wtrylock },
};

/* ---- the harness ---------------------------------------------------------- */

typedef struct harness {
    const adapter *a;
    void *lock;
    void *data;
    unsigned nthreads;
    void (*body)(struct harness *, unsigned tid);
    unsigned failures;   /* atomic */
} harness;

typedef struct worker_arg {
    harness *h;
    unsigned tid;
    pthread_barrier_t *start;
} worker_arg;

/* All workers start together, so they really contend. */
static void *worker(void *p)
{
    worker_arg *w = p;
    elide_thread_register();
    pthread_barrier_wait(w->start);
    w->h->body(w->h, w->tid);
    return NULL;
}

static void harness_run(harness *h)
{
    pthread_t th[16];
    worker_arg args[16];
    pthread_barrier_t start;
    pthread_barrier_init(&start, NULL, h->nthreads);
    for (unsigned i = 0; i < h->nthreads; i++) {
        args[i] = (worker_arg){ h, i, &start };
        CU_ASSERT_FATAL(pthread_create(&th[i], NULL, worker, &args[i]) == 0);
    }
    for (unsigned i = 0; i < h->nthreads; i++)
        pthread_join(th[i], NULL);
    pthread_barrier_destroy(&start);
}

static void fail(harness *h)
{
    __atomic_fetch_add(&h->failures, 1, __ATOMIC_RELAXED);
}

static uint64_t rng_next(uint64_t *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 7;
    *s ^= *s << 17;
    return *s;
}

/* Take the write lock, sometimes by spinning on trylock. */
static void wlock_any(harness *h, uint64_t *rng)
{
    if (rng_next(rng) % 8 != 0) {
        h->a->wlock(h->lock);
        return;
    }
    unsigned spins = 0;
    while (!h->a->wtrylock(h->lock))
        elide_relax_(&spins);
}

/* ---- property 1: bank transfers --------------------------------------------- */

#define NACCOUNTS 64
#define START_BALANCE 1000

typedef struct bank {
    long acct[NACCOUNTS];
} bank;

static long bank_total(const bank *b)
{
    long t = 0;
    for (int i = 0; i < NACCOUNTS; i++)
        t += b->acct[i];
    return t;
}

static void bank_body(harness *h, unsigned tid)
{
    bank *b = h->data;
    uint64_t rng = 0x9e3779b97f4a7c15ull * (tid + 1);
    for (unsigned i = 0; i < iters; i++) {
        uint64_t r = rng_next(&rng);
        if (r % 16 == 0) {
            h->a->rlock(h->lock);
            long t = bank_total(b);
            h->a->runlock(h->lock);
            if (t != (long)NACCOUNTS * START_BALANCE)
                fail(h);
            continue;
        }
        unsigned from = (r >> 8) % NACCOUNTS, to = (r >> 16) % NACCOUNTS;
        long amount = (long)((r >> 24) % 100);
        wlock_any(h, &rng);
        long f = b->acct[from];
        b->acct[from] = f - amount;   /* two separate read-modify-writes: */
        b->acct[to] += amount;        /* a broken lock loses money */
        h->a->wunlock(h->lock);
    }
}

static void run_bank(const adapter *a, unsigned nthreads)
{
    bank *b = calloc(1, sizeof *b);
    for (int i = 0; i < NACCOUNTS; i++)
        b->acct[i] = START_BALANCE;
    harness h = { a, a->make(), b, nthreads, bank_body, 0 };
    harness_run(&h);
    CU_ASSERT_EQUAL(h.failures, 0);
    CU_ASSERT_EQUAL(bank_total(b), (long)NACCOUNTS * START_BALANCE);
    free(h.lock);
    free(b);
}

/* ---- property 2: a shared sorted linked list -------------------------------- */

typedef struct node {
    unsigned key;
    struct node *next;
} node;

typedef struct list {
    node head;           /* sentinel */
    unsigned length;
} list;

static int list_contains(list *l, unsigned key)
{
    node *n = l->head.next;
    while (n && n->key < key)
        n = n->next;
    return n && n->key == key;
}

/* Insert n (its key absent); returns 0 if the key was already there. */
static int list_insert(list *l, node *nn)
{
    node *p = &l->head;
    while (p->next && p->next->key < nn->key)
        p = p->next;
    if (p->next && p->next->key == nn->key)
        return 0;
    nn->next = p->next;
    p->next = nn;
    l->length++;
    return 1;
}

static node *list_remove(list *l, unsigned key)
{
    node *p = &l->head;
    while (p->next && p->next->key < key)
        p = p->next;
    node *n = p->next;
    if (!n || n->key != key)
        return NULL;
    p->next = n->next;
    l->length--;
    return n;
}

#define KEYS_PER_THREAD 32

static void list_body(harness *h, unsigned tid)
{
    list *l = h->data;
    uint64_t rng = 0x2545f4914f6cdd1dull * (tid + 1);
    node *mine[KEYS_PER_THREAD];
    unsigned rounds = iters / (4 * KEYS_PER_THREAD) + 1;
    for (unsigned round = 0; round < rounds; round++) {
        for (unsigned k = 0; k < KEYS_PER_THREAD; k++) {
            mine[k] = malloc(sizeof(node));
            mine[k]->key = k * h->nthreads + tid;   /* keys by thread never collide */
            wlock_any(h, &rng);
            int ok = list_insert(l, mine[k]);
            h->a->wunlock(h->lock);
            if (!ok)
                fail(h);
        }
        for (unsigned k = 0; k < KEYS_PER_THREAD; k++) {
            unsigned other = (unsigned)(rng_next(&rng) % (KEYS_PER_THREAD * h->nthreads));
            h->a->rlock(h->lock);
            int mine_there = list_contains(l, k * h->nthreads + tid);
            (void)list_contains(l, other);
            h->a->runlock(h->lock);
            if (!mine_there)
                fail(h);
        }
        for (unsigned k = 0; k < KEYS_PER_THREAD; k++) {
            wlock_any(h, &rng);
            node *n = list_remove(l, k * h->nthreads + tid);
            int still = list_contains(l, k * h->nthreads + tid);
            h->a->wunlock(h->lock);
            if (n != mine[k] || still)
                fail(h);
            free(n);
        }
    }
}

static void run_list(const adapter *a, unsigned nthreads)
{
    list *l = calloc(1, sizeof *l);
    harness h = { a, a->make(), l, nthreads, list_body, 0 };
    harness_run(&h);
    CU_ASSERT_EQUAL(h.failures, 0);
    CU_ASSERT_PTR_NULL(l->head.next);
    CU_ASSERT_EQUAL(l->length, 0);
    free(h.lock);
    free(l);
}

/* ---- tests ------------------------------------------------------------------- */

#define TESTS_FOR(i, nm)                                                     \
    static void test_bank4_##nm(void) { run_bank(&adapters[i], 4); }         \
    static void test_bank8_##nm(void) { run_bank(&adapters[i], 8); }         \
    static void test_list4_##nm(void) { run_list(&adapters[i], 4); }         \
    static void test_list8_##nm(void) { run_list(&adapters[i], 8); }
TESTS_FOR(0, spin)
TESTS_FOR(1, mutex)
TESTS_FOR(2, rwlock)

/* The merged statistics add up, and match what the backend can do. */
static void test_stats_add_up(void)
{
    elide_stats s;
    elide_stats_merge(&s);
    CU_ASSERT_EQUAL(s.started, s.committed + s.aborts);
    uint64_t coded = 0;
    for (int c = 0; c < 256; c++)
        coded += s.code[c];
    CU_ASSERT_EQUAL(coded, s.abort_bit[0]);
    const char *be = elide_backend_name();
    if (strcmp(be, "none") == 0 || strcmp(be, "hle") == 0) {
        CU_ASSERT_EQUAL(s.acquisitions, 0);   /* no elision path ran */
    } else if (strcmp(be, "inject") == 0) {
        CU_ASSERT_EQUAL(s.committed, 0);      /* random statuses never start */
        CU_ASSERT(s.aborts > 0);
        CU_ASSERT(s.zero > 0);
        for (int bit = 0; bit < 6; bit++)
            CU_ASSERT(s.abort_bit[bit] > 0);
        CU_ASSERT(s.skipped > 0);
        CU_ASSERT(s.fallbacks > 0);
    } else if (strcmp(be, "emu") == 0) {
        CU_ASSERT(s.committed > 0);           /* simulated transactions commit */
    }
    elide_stats_print(stdout, ELIDE_STATS_TEXT);
#ifdef STRESS_EMU
    elide_emu_stats es;
    elide_emu_stats_total(&es);
    printf("emu aborts by cause:");
    for (int c = 0; c < ELIDE_EMU_CAUSES; c++)
        printf(" %s=%lu", elide_emu_cause_name((elide_emu_cause)c), es.by_cause[c]);
    printf("\n");
#endif
}

int main(int argc, char **argv)
{
    if (argc == 2 && strcmp(argv[1], "--quick") == 0) {
        iters = 2000;
    } else if (argc == 3 && strcmp(argv[1], "--iters") == 0) {
        char *end;
        unsigned long v = strtoul(argv[2], &end, 10);
        if (*argv[2] == '\0' || *end != '\0' || v == 0 || v > 100000000) {
            fprintf(stderr, "%s: --iters needs a number from 1 to 100000000, got '%s'\n",
                    argv[0], argv[2]);
            return 2;
        }
        iters = (unsigned)v;
    } else if (argc > 1) {
        fprintf(stderr, "usage: %s [--quick | --iters N]\n", argv[0]);
        return 2;
    }
    if (elide_init(NULL) != 0)
        return 2;   /* a bad ELIDE_MODE in a test is a test bug */
    if (strcmp(elide_backend_name(), "inject") == 0)
        elide_inject_random(0x5eed);
    printf("backend: %s (%s)\n", elide_backend_name(), elide_backend_reason());
    if (CU_initialize_registry() != CUE_SUCCESS)
        return 2;
    CU_pSuite s = CU_add_suite("stress", NULL, NULL);
    if (!s)
        return 2;
#define ADD_FOR(nm) CU_ADD(s, test_bank4_##nm); CU_ADD(s, test_bank8_##nm); \
                    CU_ADD(s, test_list4_##nm); CU_ADD(s, test_list8_##nm);
    ADD_FOR(spin)
    ADD_FOR(mutex)
    ADD_FOR(rwlock)
    CU_ADD(s, test_stats_add_up);
    return cu_run();
}
