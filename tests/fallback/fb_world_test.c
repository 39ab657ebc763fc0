/* fb_world_test.c: safepoints and the world lock. While the world is
 * stopped no registered thread moves; blocking threads do not delay a stop
 * and do not run again until the restart; stoppers serialize and nest; a
 * stop waits for a thread that waits for an object lock; the bank stays
 * balanced when audited under a stop. `--stress`: more rounds. */
#include "fb_harness.h"

#include <CUnit/Basic.h>
#include <semaphore.h>

#include "cu_run.h"

static long fb_scale = 1;

/* ---- N threads count at safepoints; the stopper checks nothing moves ---- */

#define STOP_THREADS 4

typedef struct padded_count {
    _Alignas(64) long n;       /* written by its thread between safepoints */
} padded_count;

typedef struct stop_arg {
    padded_count count[STOP_THREADS];
    _Atomic int quit;
    _Atomic int registered;
} stop_arg;

static void stop_body(fb_tctx *c)
{
    stop_arg *a = c->arg;
    fb_thread_register();
    atomic_fetch_add(&a->registered, 1);
    while (!atomic_load_explicit(&a->quit, memory_order_relaxed)) {
        a->count[c->idx].n++;  /* plain: the stop protocol orders it */
        fb_safepoint();
    }
    fb_thread_unregister();
}

static void *stop_runner(void *p)
{
    fb_run_threads(STOP_THREADS, stop_body, p);
    return NULL;
}

static int all_registered(void *p)
{
    return atomic_load(&((stop_arg *)p)->registered) == STOP_THREADS;
}

/* Every counter moved past its value in snap[] (the threads do run). */
typedef struct moved_arg {
    stop_arg *a;
    long snap[STOP_THREADS];
} moved_arg;

static int all_moved(void *p)
{
    moved_arg *m = p;
    int moved = 1;
    fb_world_stop();           /* reading the counters needs them still */
    for (int i = 0; i < STOP_THREADS; i++)
        moved &= m->a->count[i].n > m->snap[i];
    fb_world_start();
    return moved;
}

static void test_stop_freezes_counters(void)
{
    static stop_arg a;
    memset(&a, 0, sizeof a);
    pthread_t r;
    CU_ASSERT_FATAL(pthread_create(&r, NULL, stop_runner, &a) == 0);
    CU_ASSERT_FATAL(fb_wait_until(all_registered, &a));
    moved_arg m = { &a, { 0 } };
    for (long round = 0; round < 10 * fb_scale; round++) {
        fb_world_stop();
        CU_ASSERT_TRUE(fb_world_held() && fb_world_stopping());
        for (int i = 0; i < STOP_THREADS; i++)
            m.snap[i] = a.count[i].n;
        fb_sleep_ms(2);
        for (int i = 0; i < STOP_THREADS; i++)
            CU_ASSERT_EQUAL(a.count[i].n, m.snap[i]);   /* nobody moved */
        fb_world_start();
        CU_ASSERT_FALSE(fb_world_held() || fb_world_stopping());
        CU_ASSERT(fb_wait_until(all_moved, &m));        /* all run again */
    }
    atomic_store(&a.quit, 1);
    CU_ASSERT_EQUAL(pthread_join(r, NULL), 0);
}

/* ---- a blocking thread does not delay a stop, nor run during one ---- */

typedef struct block_arg {
    sem_t go;                  /* posted by the test while the world is stopped */
    _Atomic int in_block, timed_out, resumed;
} block_arg;

static void block_body(fb_tctx *c)
{
    block_arg *b = c->arg;
    fb_thread_register();
    fb_blocking_begin();
    atomic_store(&b->in_block, 1);
    struct timespec dl;
    clock_gettime(CLOCK_REALTIME, &dl);
    dl.tv_sec += 10;           /* far longer than the stop takes when right */
    while (sem_timedwait(&b->go, &dl) != 0) {
        if (errno == ETIMEDOUT) {
            atomic_store(&b->timed_out, 1);
            break;
        }
    }
    fb_blocking_end();         /* must wait for the world to restart */
    atomic_store(&b->resumed, 1);
    fb_thread_unregister();
}

static void *block_runner(void *p)
{
    fb_run_threads(1, block_body, p);
    return NULL;
}

static int in_block(void *p)
{
    return atomic_load(&((block_arg *)p)->in_block);
}

static void test_blocking_thread(void)
{
    block_arg b;
    memset(&b, 0, sizeof b);
    CU_ASSERT_FATAL(sem_init(&b.go, 0, 0) == 0);
    pthread_t r;
    CU_ASSERT_FATAL(pthread_create(&r, NULL, block_runner, &b) == 0);
    CU_ASSERT_FATAL(fb_wait_until(in_block, &b));
    fb_world_stop();                     /* returns while it still blocks */
    CU_ASSERT_EQUAL(atomic_load(&b.timed_out), 0);
    sem_post(&b.go);
    fb_sleep_ms(20);
    CU_ASSERT_EQUAL(atomic_load(&b.resumed), 0);   /* held at blocking_end */
    fb_world_start();
    CU_ASSERT_EQUAL(pthread_join(r, NULL), 0);
    CU_ASSERT_EQUAL(atomic_load(&b.resumed), 1);
    CU_ASSERT_EQUAL(atomic_load(&b.timed_out), 0);
    sem_destroy(&b.go);
}

/* ---- registering during a stop waits for the restart ---- */

static _Atomic int reg_done;

static void *reg_thread(void *unused)
{
    fb_thread_register();
    atomic_store(&reg_done, 1);
    fb_thread_unregister();
    return NULL;
}

static void test_register_during_stop(void)
{
    fb_world_stop();
    pthread_t t;
    CU_ASSERT_FATAL(pthread_create(&t, NULL, reg_thread, NULL) == 0);
    fb_sleep_ms(20);
    CU_ASSERT_EQUAL(atomic_load(&reg_done), 0);
    fb_world_start();
    CU_ASSERT_EQUAL(pthread_join(t, NULL), 0);
    CU_ASSERT_EQUAL(atomic_load(&reg_done), 1);
}

/* ---- a thread that exits registered is unregistered (else a stop hangs) ---- */

static void *exit_registered(void *unused)
{
    fb_thread_register();      /* and exits RUNNING, without unregistering */
    return NULL;
}

static void stop_once(fb_tctx *c)
{
    fb_world_stop();           /* would wait forever for the dead thread */
    fb_world_start();
}

static void test_exit_unregisters(void)
{
    fb_contention before, after;
    CU_ASSERT_NOT_EQUAL_FATAL(fb_stats_merge(&before, NULL, 0), (size_t)-1);
    pthread_t t;
    CU_ASSERT_FATAL(pthread_create(&t, NULL, exit_registered, NULL) == 0);
    CU_ASSERT_EQUAL(pthread_join(t, NULL), 0);
    fb_run_threads(1, stop_once, NULL);              /* bounded */
    CU_ASSERT_NOT_EQUAL_FATAL(fb_stats_merge(&after, NULL, 0), (size_t)-1);
    CU_ASSERT_EQUAL(after.threads - before.threads, 1);   /* now retired */
}

/* ---- concurrent and nested stoppers serialize ---- */

typedef struct stoppers_arg {
    long inside;               /* written only by the world's holder */
    _Atomic long overlaps;
    long rounds;
    padded_count work[8];
} stoppers_arg;

static void stoppers_body(fb_tctx *c)
{
    stoppers_arg *s = c->arg;
    fb_thread_register();
    for (long i = 0; i < s->rounds; i++) {
        s->work[c->idx].n++;
        fb_safepoint();
        if (i % 8 != 0)
            continue;
        fb_world_stop();
        fb_world_stop();                 /* nested: no-op */
        if (s->inside++ != 0)
            atomic_fetch_add(&s->overlaps, 1);
        long before = s->work[(c->idx + 1) % c->n].n;
        sched_yield();
        if (s->work[(c->idx + 1) % c->n].n != before)
            atomic_fetch_add(&s->overlaps, 1);
        s->inside--;
        fb_world_start();
        if (!fb_world_held())            /* still held after the inner start */
            atomic_fetch_add(&s->overlaps, 1);
        fb_world_start();
    }
    fb_thread_unregister();
}

static void test_concurrent_stoppers(void)
{
    static stoppers_arg s;
    memset(&s, 0, sizeof s);
    s.rounds = 400 * fb_scale;
    fb_run_threads(4, stoppers_body, &s);
    CU_ASSERT_EQUAL(atomic_load(&s.overlaps), 0);
    CU_ASSERT_EQUAL(s.inside, 0);
    CU_ASSERT_FALSE(fb_world_stopping());
}

/* ---- a stop waits for a thread waiting on an object lock ---- */

typedef struct lockwait_arg {
    fb_lock_t lock;
    _Atomic int got_lock, stopped;
} lockwait_arg;

static void lockwait_body(fb_tctx *c)
{
    lockwait_arg *w = c->arg;
    if (c->idx == 0) {                   /* registered: waits for the lock */
        fb_thread_register();
        fb_lock(&w->lock, 5);
        atomic_store(&w->got_lock, 1);
        fb_unlock(&w->lock);
        fb_safepoint();
        fb_thread_unregister();
    } else {                             /* unregistered stopper */
        while (!fb_has_waiters(&w->lock))
            fb_sleep_ms(1);
        fb_world_stop();
        atomic_store(&w->stopped, 1);
        fb_world_start();
    }
}

static void *lockwait_runner(void *p)
{
    fb_run_threads(2, lockwait_body, p);
    return NULL;
}

static void test_stop_waits_for_lock_waiter(void)
{
    lockwait_arg w = { FB_LOCK_INIT, 0, 0 };
    fb_lock(&w.lock, 5);                 /* held by an unregistered thread */
    pthread_t r;
    CU_ASSERT_FATAL(pthread_create(&r, NULL, lockwait_runner, &w) == 0);
    CU_ASSERT_FATAL(fb_wait_until(fb_has_waiters, &w.lock));
    fb_sleep_ms(20);
    CU_ASSERT_EQUAL(atomic_load(&w.stopped), 0);    /* the waiter is running */
    fb_unlock(&w.lock);
    CU_ASSERT_EQUAL(pthread_join(r, NULL), 0);
    CU_ASSERT_EQUAL(atomic_load(&w.got_lock), 1);
    CU_ASSERT_EQUAL(atomic_load(&w.stopped), 1);
}

/* ---- the bank, audited under a stop: locks and safepoints together ---- */

#define BANK_ACCOUNTS 8

typedef struct bank {
    struct {
        fb_lock_t lock;
        long balance;          /* lock; or the world's holder */
    } acct[BANK_ACCOUNTS];
    long iters;
    _Atomic int tellers_done;
    _Atomic long audits;       /* written by the auditor, read by tellers */
    long bad_audits;           /* auditor only */
} bank;

/* Tellers keep going until the auditor has audited this often, so the
 * audits overlap real transfers however the threads get scheduled. */
#define BANK_MIN_AUDITS 20

static void teller(bank *b, int idx)
{
    unsigned seed = 0x2545f491u * (unsigned)(idx + 1);
    fb_thread_register();
    for (long i = 0; i < b->iters || atomic_load(&b->audits) < BANK_MIN_AUDITS; i++) {
        unsigned x = fb_rand(&seed) % BANK_ACCOUNTS, y = fb_rand(&seed) % BANK_ACCOUNTS;
        long amount = (long)(fb_rand(&seed) % 10);
        fb_lock2(&b->acct[x].lock, &b->acct[y].lock, 6);
        b->acct[x].balance -= amount;
        b->acct[y].balance += amount;
        fb_unlock2(&b->acct[x].lock, &b->acct[y].lock);
        fb_safepoint();
    }
    atomic_fetch_add(&b->tellers_done, 1);
    fb_thread_unregister();
}

static void bank_body(fb_tctx *c)
{
    bank *b = c->arg;
    if (c->idx > 0) {
        teller(b, c->idx);
        return;
    }
    fb_thread_register();                /* the auditor is a mutator too */
    while (atomic_load(&b->tellers_done) < c->n - 1) {
        fb_world_stop();
        long total = 0;
        int held = 0;
        for (int i = 0; i < BANK_ACCOUNTS; i++) {
            held |= fb_locked(&b->acct[i].lock);     /* nobody holds one */
            total += b->acct[i].balance;
        }
        atomic_fetch_add(&b->audits, 1);
        b->bad_audits += held || total != BANK_ACCOUNTS * 100;
        fb_world_start();
        fb_sleep_ms(1);
    }
    fb_thread_unregister();
}

static void test_bank_audit(void)
{
    static bank b;
    memset(&b, 0, sizeof b);
    for (int i = 0; i < BANK_ACCOUNTS; i++)
        b.acct[i].balance = 100;
    b.iters = 20000 * fb_scale;
    fb_run_threads(4, bank_body, &b);
    CU_ASSERT(atomic_load(&b.audits) >= BANK_MIN_AUDITS);
    CU_ASSERT_EQUAL(b.bad_audits, 0);
}

/* ---- transactions read the world word ---- */

static void world_tx(void *unused)
{
    fb_world_elide(&fb_fake_tx);
}

static void test_world_elide(void)
{
    fb_contention before, after;
    CU_ASSERT_NOT_EQUAL_FATAL(fb_stats_merge(&before, NULL, 0), (size_t)-1);
    CU_ASSERT_EQUAL(fb_fake_run(world_tx, NULL), 0);
    fb_world_stop();
    fb_world_stop();                     /* nested: not a second stop */
    CU_ASSERT_EQUAL(fb_fake_run(world_tx, NULL), ELIDE_CODE_WORLD_STOP);
    fb_world_start();
    CU_ASSERT_EQUAL(fb_fake_run(world_tx, NULL), ELIDE_CODE_WORLD_STOP);
    fb_world_start();
    CU_ASSERT_EQUAL(fb_fake_run(world_tx, NULL), 0);
    CU_ASSERT_NOT_EQUAL_FATAL(fb_stats_merge(&after, NULL, 0), (size_t)-1);
    CU_ASSERT_EQUAL(after.world_stops - before.world_stops, 1);
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
    CU_pSuite s = CU_add_suite("fb_world", NULL, NULL);
    if (!s)
        return 2;
    CU_ADD(s, test_world_elide);
    CU_ADD(s, test_stop_freezes_counters);
    CU_ADD(s, test_blocking_thread);
    CU_ADD(s, test_register_during_stop);
    CU_ADD(s, test_exit_unregisters);
    CU_ADD(s, test_concurrent_stoppers);
    CU_ADD(s, test_stop_waits_for_lock_waiter);
    CU_ADD(s, test_bank_audit);
    return cu_run();
}
