/* fb_lock_test.c: the per-object lock: semantics, mutual exclusion with
 * 2-8 threads, a bank with fb_lock2, readers/writers, parking, eliding.
 * `fb_lock_test --stress` multiplies the iterations (the stress tier). */
#include "fb_harness.h"

#include <CUnit/Basic.h>
#include <stdint.h>

#include "cu_run.h"

static long fb_scale = 1;   /* --stress: 50 */

/* ---- single-threaded semantics ---- */

static void test_word_states(void)
{
    fb_lock_t l = FB_LOCK_INIT;
    CU_ASSERT_FALSE(fb_locked(&l));
    fb_lock(&l, 1);
    CU_ASSERT_EQUAL(atomic_load(&l.word), FB_W);
    CU_ASSERT_TRUE(fb_locked(&l));
    CU_ASSERT_TRUE(fb_wlocked(&l));
    CU_ASSERT_FALSE(fb_trylock(&l));
    CU_ASSERT_FALSE(fb_tryrlock(&l));
    fb_unlock(&l);
    CU_ASSERT_EQUAL(atomic_load(&l.word), 0);

    fb_rlock(&l, 1);
    CU_ASSERT_TRUE(fb_tryrlock(&l));
    CU_ASSERT_EQUAL(atomic_load(&l.word), 2 * FB_R);
    CU_ASSERT_TRUE(fb_locked(&l));
    CU_ASSERT_FALSE(fb_wlocked(&l));
    CU_ASSERT_FALSE(fb_trylock(&l));
    fb_runlock(&l);
    fb_runlock(&l);
    CU_ASSERT_EQUAL(atomic_load(&l.word), 0);
    CU_ASSERT_TRUE(fb_trylock(&l));
    fb_unlock(&l);
    CU_ASSERT_EQUAL(atomic_load(&l.word), 0);
}

static void test_lock2_order_and_same(void)
{
    fb_lock_t pair[2] = { FB_LOCK_INIT, FB_LOCK_INIT };
    fb_lock2(&pair[1], &pair[0], 7);           /* either argument order */
    CU_ASSERT_TRUE(fb_wlocked(&pair[0]) && fb_wlocked(&pair[1]));
    fb_unlock2(&pair[1], &pair[0]);
    CU_ASSERT_FALSE(fb_locked(&pair[0]) || fb_locked(&pair[1]));
    fb_lock2(&pair[0], &pair[0], 7);           /* the same object: once */
    CU_ASSERT_EQUAL(atomic_load(&pair[0].word), FB_W);
    fb_unlock2(&pair[0], &pair[0]);
    CU_ASSERT_EQUAL(atomic_load(&pair[0].word), 0);
}

/* ---- mutual exclusion: a plain counter under one lock ---- */

typedef struct counter_arg {
    fb_lock_t lock;
    long value;        /* protected by lock; plain, so TSan sees any race */
    long iters;
} counter_arg;

static void counter_body(fb_tctx *c)
{
    counter_arg *a = c->arg;
    for (long i = 0; i < a->iters; i++) {
        fb_lock(&a->lock, (fb_site)c->idx);
        long v = a->value;
        if ((i & 63) == 0)
            sched_yield();             /* widen the window a broken lock would lose */
        a->value = v + 1;
        fb_unlock(&a->lock);
    }
}

static void counter_run(int threads)
{
    counter_arg a = { FB_LOCK_INIT, 0, 20000 * fb_scale };
    fb_run_threads(threads, counter_body, &a);
    CU_ASSERT_EQUAL(a.value, threads * a.iters);
    CU_ASSERT_EQUAL(atomic_load(&a.lock.word), 0);
}

static void test_counter_2(void) { counter_run(2); }
static void test_counter_4(void) { counter_run(4); }
static void test_counter_8(void) { counter_run(8); }

/* ---- a bank: per-account locks, random pairs through fb_lock2 ---- */

#define BANK_ACCOUNTS 16
#define BANK_START 1000

typedef struct account {
    fb_lock_t lock;
    long balance;      /* protected by lock */
} account;

typedef struct bank {
    account acct[BANK_ACCOUNTS];
    long iters;
} bank;

static void transfer_locked(account *from, account *to, long amount)
{
    FB_ASSERT_WLOCKED(&from->lock);
    FB_ASSERT_WLOCKED(&to->lock);
    from->balance -= amount;
    to->balance += amount;
}

static void bank_body(fb_tctx *c)
{
    bank *b = c->arg;
    unsigned seed = 0x9e3779b9u * (unsigned)(c->idx + 1);
    for (long i = 0; i < b->iters; i++) {
        account *x = &b->acct[fb_rand(&seed) % BANK_ACCOUNTS];
        account *y = &b->acct[fb_rand(&seed) % BANK_ACCOUNTS];   /* may be x */
        fb_lock2(&x->lock, &y->lock, 100);
        transfer_locked(x, y, (long)(fb_rand(&seed) % 50));
        fb_unlock2(&x->lock, &y->lock);
    }
}

static void bank_run(int threads)
{
    static bank b;
    for (int i = 0; i < BANK_ACCOUNTS; i++) {
        fb_lock_init(&b.acct[i].lock);
        b.acct[i].balance = BANK_START;
    }
    b.iters = 20000 * fb_scale;
    fb_run_threads(threads, bank_body, &b);     /* bounded: no deadlock */
    long total = 0;
    for (int i = 0; i < BANK_ACCOUNTS; i++) {
        total += b.acct[i].balance;
        CU_ASSERT_EQUAL(atomic_load(&b.acct[i].lock.word), 0);
    }
    CU_ASSERT_EQUAL(total, (long)BANK_ACCOUNTS * BANK_START);
}

static void test_bank_2(void) { bank_run(2); }
static void test_bank_8(void) { bank_run(8); }

/* ---- readers and writers ---- */

typedef struct rw_arg {
    fb_lock_t lock;
    long a, b;                 /* protected by lock; writers keep a == b */
    long iters;
    _Atomic long torn;         /* readers that saw a != b */
    _Atomic long reads;
} rw_arg;

static void rw_body(fb_tctx *c)
{
    rw_arg *r = c->arg;
    int writer = c->idx < 2;   /* two writers, the rest readers */
    for (long i = 0; i < r->iters; i++) {
        if (writer) {
            fb_lock(&r->lock, 1);
            r->a++;
            if ((i & 31) == 0)
                sched_yield();
            r->b++;
            fb_unlock(&r->lock);
        } else {
            fb_rlock(&r->lock, 2);
            long a = r->a;
            if ((i & 31) == 0)
                sched_yield();
            if (a != r->b)
                atomic_fetch_add(&r->torn, 1);
            fb_runlock(&r->lock);
            atomic_fetch_add(&r->reads, 1);
        }
    }
}

static void test_readers_writers(void)
{
    rw_arg r = { FB_LOCK_INIT, 0, 0, 10000 * fb_scale, 0, 0 };
    fb_run_threads(6, rw_body, &r);
    CU_ASSERT_EQUAL(atomic_load(&r.torn), 0);
    CU_ASSERT_EQUAL(atomic_load(&r.reads), 4 * r.iters);
    CU_ASSERT_EQUAL(r.a, 2 * r.iters);
    CU_ASSERT_EQUAL(r.b, 2 * r.iters);
    CU_ASSERT_EQUAL(atomic_load(&r.lock.word), 0);
}

/* A parked writer keeps new readers out (no writer starvation), and gets
 * the lock when the readers already inside leave. */
typedef struct defer_arg {
    fb_lock_t lock;
    _Atomic int writer_in;
} defer_arg;

static void defer_writer(fb_tctx *c)
{
    defer_arg *d = c->arg;
    fb_lock(&d->lock, 3);
    atomic_store(&d->writer_in, 1);
    fb_unlock(&d->lock);
}

static void *defer_writer_thread(void *p)
{
    fb_tctx c = { 0, 1, p, defer_writer };
    defer_writer(&c);
    return NULL;
}

static void test_writer_not_starved(void)
{
    defer_arg d = { FB_LOCK_INIT, 0 };
    fb_rlock(&d.lock, 3);                       /* a reader is inside */
    pthread_t w;
    CU_ASSERT_FATAL(pthread_create(&w, NULL, defer_writer_thread, &d) == 0);
    CU_ASSERT_FATAL(fb_wait_until(fb_has_waiters, &d.lock));
    CU_ASSERT_FALSE(fb_tryrlock(&d.lock));       /* new readers defer */
    CU_ASSERT_EQUAL(atomic_load(&d.writer_in), 0);
    fb_runlock(&d.lock);                         /* last reader wakes the writer */
    CU_ASSERT_EQUAL(pthread_join(w, NULL), 0);
    CU_ASSERT_EQUAL(atomic_load(&d.writer_in), 1);
    CU_ASSERT_EQUAL(atomic_load(&d.lock.word), 0);
}

/* ---- parking: the holder sleeps, waiters park and are all woken ---- */

typedef struct park_arg {
    fb_lock_t lock;
    long inside;               /* protected by lock */
    _Atomic int started, done;
} park_arg;

static void park_body(fb_tctx *c)
{
    park_arg *p = c->arg;
    atomic_fetch_add(&p->started, 1);
    if (c->idx & 1) {
        fb_rlock(&p->lock, 4);
        fb_runlock(&p->lock);
    } else {
        fb_lock(&p->lock, 4);
        p->inside++;
        fb_unlock(&p->lock);
    }
    atomic_fetch_add(&p->done, 1);
}

typedef struct park_main {
    park_arg *p;
    int n;
} park_main;

static void *park_runner(void *pm)
{
    park_main *m = pm;
    fb_run_threads(m->n, park_body, m->p);
    return NULL;
}

static int all_started(void *p)
{
    return atomic_load(&((park_arg *)p)->started) == 4;
}

static void test_parking(void)
{
    park_arg p = { FB_LOCK_INIT, 0, 0, 0 };
    park_main m = { &p, 4 };
    fb_lock(&p.lock, 4);
    pthread_t r;
    CU_ASSERT_FATAL(pthread_create(&r, NULL, park_runner, &m) == 0);
    CU_ASSERT_FATAL(fb_wait_until(all_started, &p));
    CU_ASSERT_FATAL(fb_wait_until(fb_has_waiters, &p.lock));
    fb_sleep_ms(20);                             /* the holder sleeps */
    CU_ASSERT_EQUAL(atomic_load(&p.done), 0);   /* nobody got in meanwhile */
    fb_unlock(&p.lock);
    CU_ASSERT_EQUAL(pthread_join(r, NULL), 0);
    CU_ASSERT_EQUAL(atomic_load(&p.done), 4);
    CU_ASSERT_EQUAL(p.inside, 2);
    CU_ASSERT_EQUAL(atomic_load(&p.lock.word), 0);   /* FB_K did not leak */
}

/* ---- eliding in a (fake) transaction ---- */

static fb_lock_t elide_lock = FB_LOCK_INIT;

static void elide_w(void *unused)
{
    CU_ASSERT_EQUAL(fb_lock_or_elide(&elide_lock, &fb_fake_tx, 9), 0);
}

static void elide_r(void *unused)
{
    CU_ASSERT_EQUAL(fb_rlock_or_elide(&elide_lock, &fb_fake_tx, 9), 0);
}

static void test_elide(void)
{
    CU_ASSERT_EQUAL(fb_fake_run(elide_w, NULL), 0);        /* free: commits */
    CU_ASSERT_EQUAL(atomic_load(&elide_lock.word), 0);     /* and never wrote it */
    fb_rlock(&elide_lock, 9);
    CU_ASSERT_EQUAL(fb_fake_run(elide_r, NULL), 0);        /* readers share */
    CU_ASSERT_EQUAL(fb_fake_run(elide_w, NULL), ELIDE_CODE_OBJ_BUSY);
    fb_runlock(&elide_lock);
    fb_lock(&elide_lock, 9);
    CU_ASSERT_EQUAL(fb_fake_run(elide_r, NULL), ELIDE_CODE_OBJ_BUSY);
    fb_unlock(&elide_lock);
    /* Outside a transaction (or with no backend) the lock is taken. */
    CU_ASSERT_EQUAL(fb_lock_or_elide(&elide_lock, &fb_fake_tx, 9), 1);
    CU_ASSERT_TRUE(fb_wlocked(&elide_lock));
    fb_unlock(&elide_lock);
    CU_ASSERT_EQUAL(fb_rlock_or_elide(&elide_lock, NULL, 9), 1);
    CU_ASSERT_TRUE(fb_locked(&elide_lock) && !fb_wlocked(&elide_lock));
    fb_runlock(&elide_lock);
}

int main(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "--stress") == 0)
        fb_scale = 50;
    else if (argc > 1) {
        fprintf(stderr, "usage: %s [--stress]\n", argv[0]);
        return 2;
    }
    if (CU_initialize_registry() != CUE_SUCCESS)
        return 2;
    CU_pSuite s = CU_add_suite("fb_lock", NULL, NULL);
    if (!s)
        return 2;
    CU_ADD(s, test_word_states);
    CU_ADD(s, test_lock2_order_and_same);
    CU_ADD(s, test_counter_2);
    CU_ADD(s, test_counter_4);
    CU_ADD(s, test_counter_8);
    CU_ADD(s, test_bank_2);
    CU_ADD(s, test_bank_8);
    CU_ADD(s, test_readers_writers);
    CU_ADD(s, test_writer_not_starved);
    CU_ADD(s, test_parking);
    CU_ADD(s, test_elide);
    return cu_run();
}
