/* emu_bank_test.c: the multi-threaded proofs of issue 3, compiled
 * instrumented and linked with the emu runtime.
 *  - bank transfers among accounts under one elided lock, 4 and 8 threads:
 *    the total never changes (checked by audits inside critical sections
 *    and at the end), with injected aborts at p = 0, 0.001, 0.01, 0.1;
 *  - a shared hash table under one elided lock: the final contents equal a
 *    serial run of the same operations;
 *  - abort shapes: disjoint data gives almost no conflicts, one shared
 *    counter gives mostly conflicts.
 * `emu_bank stress` runs ten times the iterations (ctest label stress).
 */
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cu_run.h"
#include "emu_test_util.h"

static int g_scale = 1;     /* 10 under "stress" */

typedef struct worker {
    int id;
    unsigned long seed;
    el_tlock_counts c;
    unsigned long audit_bad;
    char pad[64];
} worker;

/* every worker waits here first, so the threads really overlap */
static pthread_barrier_t g_start;

static void start_together(void)
{
    pthread_barrier_wait(&g_start);
}

static void run_threads(int n, worker *w, void *(*fn)(void *))
{
    pthread_t t[16];
    pthread_barrier_init(&g_start, NULL, (unsigned)n);
    for (int i = 0; i < n; i++) {
        w[i].id = i;
        w[i].seed = 0x9E3779B97F4A7C15ULL * (unsigned long)(i + 1);
        memset(&w[i].c, 0, sizeof w[i].c);
        w[i].audit_bad = 0;
        if (pthread_create(&t[i], NULL, fn, &w[i]) != 0) {
            fprintf(stderr, "pthread_create failed\n");
            exit(2);
        }
    }
    for (int i = 0; i < n; i++)
        pthread_join(t[i], NULL);
    pthread_barrier_destroy(&g_start);
}

static unsigned long rnd(unsigned long *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 7;
    *s ^= *s << 17;
    return *s;
}

static void sum_counts(int n, const worker *w, el_tlock_counts *out)
{
    memset(out, 0, sizeof *out);
    for (int i = 0; i < n; i++) {
        out->commits += w[i].c.commits;
        out->fallbacks += w[i].c.fallbacks;
        out->aborts += w[i].c.aborts;
        out->conflict += w[i].c.conflict;
        out->capacity += w[i].c.capacity;
        out->explicit_busy += w[i].c.explicit_busy;
        out->other += w[i].c.other;
    }
}

/* ---- bank ------------------------------------------------------------------ */

#define ACCOUNTS 64
#define START_BALANCE 1000
static long g_acct[ACCOUNTS];
static el_tlock g_bank_lock;
static int g_bank_iters;

static __attribute__((noinline)) void move_money(long *from, long *to, long amount)
{
    if (*from >= amount) {
        *from -= amount;
        *to += amount;
    }
}

static __attribute__((noinline)) long audit(void)
{
    long sum = 0;
    for (int i = 0; i < ACCOUNTS; i++)
        sum += g_acct[i];
    return sum;
}

static void *bank_worker(void *arg)
{
    worker *w = arg;
    start_together();
    for (int i = 0; i < g_bank_iters; i++) {
        unsigned long r = rnd(&w->seed);
        int from = (int)(r % ACCOUNTS), to = (int)((r >> 8) % ACCOUNTS);
        long amount = (long)(r >> 16) % 100 + 1;
        int do_audit = (r >> 40) % 16 == 0;
        long seen = 0;
        el_tlock_acquire(&g_bank_lock, &w->c);
        if (do_audit)
            seen = audit();
        else
            move_money(&g_acct[from], &g_acct[to], amount);
        el_tlock_release(&g_bank_lock, &w->c);
        if (do_audit && seen != (long)ACCOUNTS * START_BALANCE)
            w->audit_bad++;
    }
    return NULL;
}

static void bank_run(int threads, double p)
{
    worker w[8];
    for (int i = 0; i < ACCOUNTS; i++)
        g_acct[i] = START_BALANCE;
    g_bank_iters = 3000 * g_scale;
    elide_emu_stats s0, s1;
    elide_emu_stats_total(&s0);
    elide_emu_set_inject(p, 42);
    run_threads(threads, w, bank_worker);
    elide_emu_set_inject(0, 1);
    elide_emu_stats_total(&s1);
    el_tlock_counts c;
    sum_counts(threads, w, &c);
    unsigned long bad = 0;
    for (int i = 0; i < threads; i++)
        bad += w[i].audit_bad;
    CU_ASSERT_EQUAL(audit(), (long)ACCOUNTS * START_BALANCE);
    CU_ASSERT_EQUAL(bad, 0);
    CU_ASSERT_EQUAL(c.commits + c.fallbacks, (unsigned long)threads * g_bank_iters);
    CU_ASSERT_TRUE(c.commits > 0);
    unsigned long injected = s1.by_cause[ELIDE_EMU_INJECTED] - s0.by_cause[ELIDE_EMU_INJECTED];
    CU_ASSERT_TRUE(p > 0 ? injected > 0 : injected == 0);
    printf("\n    bank %d threads p=%g: commits %lu fallbacks %lu aborts %lu "
           "(conflict %lu capacity %lu busy %lu other %lu; injected %lu)",
           threads, p, c.commits, c.fallbacks, c.aborts, c.conflict, c.capacity,
           c.explicit_busy, c.other, injected);
}

static void t_bank_4(void)
{
    bank_run(4, 0);
    bank_run(4, 0.001);
    bank_run(4, 0.01);
    bank_run(4, 0.1);
}

static void t_bank_8(void)
{
    bank_run(8, 0);
    bank_run(8, 0.001);
    bank_run(8, 0.01);
    bank_run(8, 0.1);
}

/* ---- hash table ---------------------------------------------------------------- */

#define BUCKETS 64
#define KEYS_PER_THREAD 256

typedef struct node {
    struct node *next;
    long key, val;
} node;

typedef struct table {
    node *head[BUCKETS];
    long ops[BUCKETS];      /* per-bucket operation count: commutative, shared */
} table;

static table g_table;
static el_tlock g_table_lock;
static int g_table_iters;

/* op on t; returns the spare if unused, and in *dead a deleted node: the
 * caller frees both after the critical section (never free() in one) */
static node *table_op(table *t, int kind, long key, long val, node *spare, node **dead)
{
    *dead = NULL;
    unsigned b = (unsigned)(key * 2654435761u) % BUCKETS;
    node **pp = &t->head[b];
    while (*pp && (*pp)->key != key)
        pp = &(*pp)->next;
    t->ops[b]++;
    if (kind == 0 && !*pp) {            /* insert */
        spare->key = key;
        spare->val = val;
        spare->next = t->head[b];
        t->head[b] = spare;
        return NULL;
    }
    if (kind == 1 && *pp)               /* add to the value */
        (*pp)->val += val;
    if (kind == 2 && *pp) {             /* delete */
        node *d = *pp;
        *pp = d->next;
        *dead = d;
    }
    return spare;
}

static void op_of(unsigned long *seed, int id, int *kind, long *key, long *val)
{
    unsigned long r = rnd(seed);
    *kind = (int)(r % 3);
    *key = (long)((r >> 8) % KEYS_PER_THREAD) * 8 + id;    /* keys of thread id */
    *val = (long)(r >> 20) % 1000;
}

static void *table_worker(void *arg)
{
    worker *w = arg;
    start_together();
    for (int i = 0; i < g_table_iters; i++) {
        int kind;
        long key, val;
        op_of(&w->seed, w->id, &kind, &key, &val);
        node *spare = malloc(sizeof *spare);   /* never allocate in a transaction */
        node *dead;
        el_tlock_acquire(&g_table_lock, &w->c);
        node *left = table_op(&g_table, kind, key, val, spare, &dead);
        el_tlock_release(&g_table_lock, &w->c);
        free(left);
        free(dead);
    }
    return NULL;
}

static void table_free(table *t)
{
    for (int b = 0; b < BUCKETS; b++)
        while (t->head[b]) {
            node *n = t->head[b];
            t->head[b] = n->next;
            free(n);
        }
}

static long table_get(const table *t, long key, int *found)
{
    unsigned b = (unsigned)(key * 2654435761u) % BUCKETS;
    for (node *n = t->head[b]; n; n = n->next)
        if (n->key == key) {
            *found = 1;
            return n->val;
        }
    *found = 0;
    return 0;
}

static void table_run(int threads, double p)
{
    worker w[8];
    memset(&g_table, 0, sizeof g_table);
    g_table_iters = 2000 * g_scale;
    elide_emu_set_inject(p, 7);
    run_threads(threads, w, table_worker);
    elide_emu_set_inject(0, 1);

    static table serial;
    memset(&serial, 0, sizeof serial);
    for (int id = 0; id < threads; id++) {
        unsigned long seed = 0x9E3779B97F4A7C15ULL * (unsigned long)(id + 1);
        for (int i = 0; i < g_table_iters; i++) {
            int kind;
            long key, val;
            op_of(&seed, id, &kind, &key, &val);
            node *dead;
            free(table_op(&serial, kind, key, val, malloc(sizeof(node)), &dead));
            free(dead);
        }
    }
    int same = memcmp(g_table.ops, serial.ops, sizeof serial.ops) == 0;
    long n1 = 0, n2 = 0;
    for (long key = 0; key < KEYS_PER_THREAD * 8; key++) {
        int f1, f2;
        long v1 = table_get(&g_table, key, &f1), v2 = table_get(&serial, key, &f2);
        same &= f1 == f2 && v1 == v2;
        n1 += f1;
        n2 += f2;
    }
    CU_ASSERT_TRUE(same);
    CU_ASSERT_TRUE(n1 > 0 && n1 == n2);
    el_tlock_counts c;
    sum_counts(threads, w, &c);
    printf("\n    table %d threads p=%g: %ld keys, commits %lu fallbacks %lu conflict aborts %lu",
           threads, p, n1, c.commits, c.fallbacks, c.conflict);
    table_free(&g_table);
    table_free(&serial);
}

static void t_table(void)
{
    table_run(4, 0);
    table_run(8, 0.01);
}

/* ---- abort shapes ------------------------------------------------------------------- */

typedef struct padded {
    long v;
    char pad[56];
} padded;
static padded g_private[8][16] __attribute__((aligned(64)));
static long g_shared_counter __attribute__((aligned(64)));
static int g_shape_iters, g_shape_shared;

static void *shape_worker(void *arg)
{
    worker *w = arg;
    start_together();
    padded *mine = g_private[w->id];
    for (int i = 0; i < g_shape_iters; i++) {
        int tries = 0;
        for (;;) {
            unsigned s = el_emu_begin();
            if (s == ELIDE_STARTED) {
                if (g_shape_shared)             /* first: held the whole transaction */
                    g_shared_counter++;
                /* Give the core away mid-transaction (allowed in emu, not
                 * on hardware), so transactions overlap even where the
                 * threads share one core: the shape then does not depend
                 * on the machine's load. */
                sched_yield();
                for (int k = 0; k < 16; k++)    /* some private work */
                    mine[k].v++;
                el_emu_end();
                w->c.commits++;
                break;
            }
            w->c.aborts++;
            w->c.conflict += (s & ELIDE_ABORT_CONFLICT) != 0;
            if (++tries == 10) {            /* give up: atomic fallback */
                if (g_shape_shared)
                    __atomic_fetch_add(&g_shared_counter, 1, __ATOMIC_SEQ_CST);
                for (int k = 0; k < 16; k++)
                    mine[k].v++;
                w->c.fallbacks++;
                break;
            }
        }
    }
    return NULL;
}

static void shape_run(int shared, elide_emu_stats *d)
{
    worker w[4];
    elide_emu_stats s0, s1;
    memset(g_private, 0, sizeof g_private);
    g_shared_counter = 0;
    g_shape_iters = 2000 * g_scale;
    g_shape_shared = shared;
    elide_emu_stats_total(&s0);
    run_threads(4, w, shape_worker);
    elide_emu_stats_total(&s1);
    unsigned long *a = (unsigned long *)&s0, *b = (unsigned long *)&s1, *o = (unsigned long *)d;
    for (size_t i = 0; i < sizeof *d / sizeof *a; i++)
        o[i] = b[i] - a[i];
    CU_ASSERT_EQUAL(g_shared_counter, shared ? 4L * g_shape_iters : 0);
    long priv_ok = 1;
    for (int t = 0; t < 4; t++)
        for (int k = 0; k < 16; k++)
            priv_ok &= g_private[t][k].v == g_shape_iters;
    CU_ASSERT_TRUE(priv_ok);
}

static void t_abort_shapes(void)
{
    elide_emu_stats disjoint, shared;
    shape_run(0, &disjoint);
    shape_run(1, &shared);
    unsigned long dc = disjoint.by_cause[ELIDE_EMU_CONFLICT_TX] + disjoint.by_cause[ELIDE_EMU_CONFLICT_NONTX];
    unsigned long sc = shared.by_cause[ELIDE_EMU_CONFLICT_TX] + shared.by_cause[ELIDE_EMU_CONFLICT_NONTX];
    printf("\n    disjoint: %lu commits, %lu conflict aborts; shared counter: %lu commits, "
           "%lu conflict aborts of %lu aborts",
           disjoint.commits, dc, shared.commits, sc, shared.aborts);
    CU_ASSERT_TRUE(dc * 1000 <= disjoint.begins);        /* at most 0.1 % */
    CU_ASSERT_TRUE(sc > 0);
    CU_ASSERT_TRUE(sc * 10 >= shared.aborts * 9);         /* conflicts dominate */
    CU_ASSERT_TRUE(sc > dc * 10);
}

int main(int argc, char **argv)
{
    if (argc > 1 && !strcmp(argv[1], "stress"))
        g_scale = 10;
    else if (argc > 1) {
        fprintf(stderr, "usage: %s [stress]\n", argv[0]);
        return 2;
    }
    if (CU_initialize_registry() != CUE_SUCCESS)
        return 2;
    CU_pSuite s = CU_add_suite("emu_bank", NULL, NULL);
    CU_ADD(s, t_bank_4);
    CU_ADD(s, t_bank_8);
    CU_ADD(s, t_table);
    CU_ADD(s, t_abort_shapes);
    return cu_run();
}
