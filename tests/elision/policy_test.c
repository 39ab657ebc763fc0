/* policy_test.c: the abort policy as a pure function, and the same policy
 * driven end to end through the elided locks by the inject backend: every
 * abort kind leads to the documented action, and the counters add up. */
#include "cu_run.h"

#include <elide.h>
#include <pthread.h>
#include <string.h>

static const elide_config dflt = ELIDE_CONFIG_DEFAULT_INITIALIZER;

static elide_decision decide(unsigned status, elide_history h)
{
    return elide_policy(&dflt, status, h);
}

/* Feed the same status until the policy stops retrying; return the number
 * of retries/waits it allowed and the final decision. */
static unsigned run_until_stop(unsigned status, elide_action expect_each,
                               elide_decision *last)
{
    elide_history h = { 0, 0, 0, 0, 0 };
    unsigned n = 0;
    for (;;) {
        elide_decision d = decide(status, h);
        if (d.action != expect_each) {
            *last = d;
            return n;
        }
        n++;
        h = d.next;
        if (n > 100000)
            return n;
    }
}

static void test_busy_waits_then_skips(void)
{
    elide_decision d;
    unsigned n = run_until_stop(ELIDE_EXPLICIT_STATUS(ELIDE_CODE_LOCK_BUSY), ELIDE_WAIT, &d);
    CU_ASSERT_EQUAL(n, dflt.retry_busy);
    CU_ASSERT_EQUAL(d.action, ELIDE_SKIP);
    CU_ASSERT_EQUAL(d.skip, dflt.skip_busy);
}

static void test_conflict_retries_then_skips(void)
{
    elide_decision d;
    unsigned n = run_until_stop(ELIDE_ABORT_CONFLICT | ELIDE_ABORT_RETRY, ELIDE_RETRY, &d);
    CU_ASSERT_EQUAL(n, dflt.retry_conflict);
    CU_ASSERT_EQUAL(d.action, ELIDE_SKIP);
    CU_ASSERT_EQUAL(d.skip, dflt.skip_conflict);
    n = run_until_stop(ELIDE_ABORT_RETRY, ELIDE_RETRY, &d);
    CU_ASSERT_EQUAL(n, dflt.retry_conflict);
}

static void test_capacity_skips_at_once(void)
{
    elide_history h = { 0, 0, 0, 0, 0 };
    elide_decision d = decide(ELIDE_ABORT_CAPACITY, h);
    CU_ASSERT_EQUAL(d.action, ELIDE_SKIP);
    CU_ASSERT_EQUAL(d.skip, dflt.skip_capacity);
    /* capacity wins over a conflict bit in the same status */
    d = decide(ELIDE_ABORT_CAPACITY | ELIDE_ABORT_CONFLICT, h);
    CU_ASSERT_EQUAL(d.action, ELIDE_SKIP);
}

static void test_other_kinds(void)
{
    const unsigned others[] = { ELIDE_ABORT_DEBUG, ELIDE_ABORT_NESTED,
                                ELIDE_EXPLICIT_STATUS(0x01),
                                ELIDE_EXPLICIT_STATUS(ELIDE_CODE_IRREVOCABLE) };
    for (unsigned i = 0; i < sizeof others / sizeof others[0]; i++) {
        elide_decision d;
        unsigned n = run_until_stop(others[i], ELIDE_RETRY, &d);
        CU_ASSERT_EQUAL(n, dflt.retry_other);
        CU_ASSERT_EQUAL(d.action, ELIDE_SKIP);
        CU_ASSERT_EQUAL(d.skip, dflt.skip_other);
    }
}

static void test_zero_status_backs_off(void)
{
    elide_history h = { 0, 0, 0, 0, 0 };
    elide_decision d;
    for (unsigned i = 1; i < dflt.zero_streak; i++) {
        d = decide(0, h);
        CU_ASSERT_EQUAL(d.action, ELIDE_RETRY);
        CU_ASSERT_EQUAL(d.next.zero_streak, i);
        h = d.next;
    }
    d = decide(0, h);
    CU_ASSERT_EQUAL(d.action, ELIDE_SKIP);
    CU_ASSERT_EQUAL(d.skip, dflt.zero_skip_min);
    /* a new acquisition: per-acquisition counts reset, the lock's kept */
    unsigned expect = dflt.zero_skip_min;
    for (int round = 0; round < 20; round++) {
        h = (elide_history){ 0, 0, 0, d.next.zero_streak, d.next.zero_skip };
        d = decide(0, h);
        expect = expect * 2 > dflt.zero_skip_max ? dflt.zero_skip_max : expect * 2;
        CU_ASSERT_EQUAL(d.action, ELIDE_SKIP);
        CU_ASSERT_EQUAL(d.skip, expect);
    }
    CU_ASSERT_EQUAL(d.skip, dflt.zero_skip_max);
    /* a non-zero abort resets the streak, not the skip length */
    elide_decision c = decide(ELIDE_ABORT_CONFLICT, d.next);
    CU_ASSERT_EQUAL(c.next.zero_streak, 0);
    CU_ASSERT_EQUAL(c.next.zero_skip, dflt.zero_skip_max);
}

static void test_skip_zero_means_lock(void)
{
    elide_config c = dflt;
    c.skip_capacity = 0;
    elide_history h = { 0, 0, 0, 0, 0 };
    elide_decision d = elide_policy(&c, ELIDE_ABORT_CAPACITY, h);
    CU_ASSERT_EQUAL(d.action, ELIDE_LOCK);
    CU_ASSERT_STRING_EQUAL(elide_action_name(d.action), "lock");
}

/* ---- the region policy ------------------------------------------------ */

static elide_decision region(unsigned status, elide_history h, unsigned len)
{
    return elide_region_policy(&dflt, status, h, len);
}

static void test_region_capacity_shrinks(void)
{
    elide_history h = { 0, 0, 0, 2, 0 };
    elide_decision d = region(ELIDE_ABORT_CAPACITY, h, 64);
    CU_ASSERT_EQUAL(d.action, ELIDE_SHRINK);
    CU_ASSERT_EQUAL(d.next.zero_streak, 0);
    CU_ASSERT_STRING_EQUAL(elide_action_name(d.action), "shrink");
    /* a region of one yield point cannot shrink: as a lock would */
    d = region(ELIDE_ABORT_CAPACITY, h, 1);
    CU_ASSERT_EQUAL(d.action, ELIDE_SKIP);
    CU_ASSERT_EQUAL(d.skip, dflt.skip_capacity);
}

static void test_region_busy_codes_wait(void)
{
    unsigned codes[] = { ELIDE_CODE_OBJ_BUSY, ELIDE_CODE_WORLD_STOP, ELIDE_CODE_LOCK_BUSY };
    for (unsigned i = 0; i < 3; i++) {
        elide_history h = { 0, 0, 0, 0, 0 };
        unsigned waits = 0;
        elide_decision d;
        for (;;) {
            d = region(ELIDE_EXPLICIT_STATUS(codes[i]), h, 16);
            if (d.action != ELIDE_WAIT)
                break;
            waits++;
            h = d.next;
        }
        CU_ASSERT_EQUAL(waits, dflt.retry_busy);
        CU_ASSERT_EQUAL(d.action, ELIDE_SKIP);
        CU_ASSERT_EQUAL(d.skip, dflt.skip_busy);
    }
}

static void test_region_irrevocable_and_alloc(void)
{
    elide_history h = { 0, 0, 0, 1, 0 };
    elide_decision d = region(ELIDE_EXPLICIT_STATUS(ELIDE_CODE_IRREVOCABLE), h, 16);
    CU_ASSERT_EQUAL(d.action, ELIDE_LOCK);
    CU_ASSERT_EQUAL(d.next.zero_streak, 0);
    d = region(ELIDE_EXPLICIT_STATUS(ELIDE_CODE_ALLOC), h, 16);
    CU_ASSERT_EQUAL(d.action, ELIDE_RETRY);
    d = region(ELIDE_EXPLICIT_STATUS(ELIDE_CODE_ALLOC), d.next, 16);
    CU_ASSERT_EQUAL(d.action, ELIDE_LOCK);
}

static void test_region_rest_as_locks(void)
{
    /* conflict, zero status and unnamed codes follow elide_policy exactly */
    unsigned st[] = { ELIDE_ABORT_CONFLICT, ELIDE_ABORT_RETRY, 0, ELIDE_EXPLICIT_STATUS(7),
                      ELIDE_ABORT_DEBUG };
    for (unsigned i = 0; i < sizeof st / sizeof *st; i++) {
        elide_history h = { 0, 0, 0, 0, 0 };
        for (unsigned k = 0; k < 8; k++) {
            elide_decision a = region(st[i], h, 8), b = decide(st[i], h);
            CU_ASSERT_EQUAL(a.action, b.action);
            CU_ASSERT_EQUAL(a.skip, b.skip);
            CU_ASSERT_EQUAL(memcmp(&a.next, &b.next, sizeof a.next), 0);
            h = a.next;
        }
    }
}

/* ---- config parsing ---------------------------------------------------- */

static unsigned count_lines(FILE *f)
{
    unsigned n = 0;
    int ch;
    rewind(f);
    while ((ch = fgetc(f)) != EOF)
        n += ch == '\n';
    return n;
}

static void test_config_parse(void)
{
    elide_config c = dflt;
    FILE *err = tmpfile();
    CU_ASSERT_FATAL(err != NULL);
    int bad = elide_config_parse(&c, "retry_busy=7:skip_other=0x10::zero_skip_max=1024", err);
    CU_ASSERT_EQUAL(bad, 0);
    CU_ASSERT_EQUAL(c.retry_busy, 7);
    CU_ASSERT_EQUAL(c.skip_other, 16);
    CU_ASSERT_EQUAL(c.zero_skip_max, 1024);
    CU_ASSERT_EQUAL(c.retry_conflict, dflt.retry_conflict);
    CU_ASSERT_EQUAL(count_lines(err), 0);
    bad = elide_config_parse(&c, "nope=1:retry_busy=abc:skip_busy=-1:retry_other=99999999999"
                                 ":skip_conflict:emu_write_lines=12", err);
    CU_ASSERT_EQUAL(bad, 5);
    CU_ASSERT_EQUAL(count_lines(err), 5);
    CU_ASSERT_EQUAL(c.retry_busy, 7);
    CU_ASSERT_EQUAL(c.skip_busy, dflt.skip_busy);
    CU_ASSERT_EQUAL(c.retry_other, dflt.retry_other);
    fclose(err);
}

/* ---- end to end through the inject backend ------------------------------ */

static void use_inject(void)
{
    CU_ASSERT_EQUAL_FATAL(elide_set_mode("inject"), 0);
    CU_ASSERT_STRING_EQUAL_FATAL(elide_backend_name(), "inject");
    elide_config_set(&dflt);
}

#define S ELIDE_STARTED

static void test_inject_commit(void)
{
    use_inject();
    elide_spin l = ELIDE_SPIN_INITIALIZER;
    elide_stats a, b, d;
    elide_stats_thread(&a);
    const unsigned script[] = { S };
    elide_inject_script(script, 1, 0);
    elide_spin_lock(&l);
    CU_ASSERT_EQUAL(l.word, 0);          /* elided: the word was only read */
    CU_ASSERT_EQUAL(elide_t_depth, 1);
    CU_ASSERT(elide_txn_test());
    elide_spin_unlock(&l);
    CU_ASSERT_EQUAL(elide_t_depth, 0);
    elide_inject_counts ic;
    elide_inject_counts_get(&ic);
    CU_ASSERT_EQUAL(ic.started, 1);
    CU_ASSERT_EQUAL(ic.ends, 1);
    elide_stats_thread(&b);
    elide_stats_sub(&d, &b, &a);
    CU_ASSERT_EQUAL(d.acquisitions, 1);
    CU_ASSERT_EQUAL(d.started, 1);
    CU_ASSERT_EQUAL(d.committed, 1);
    CU_ASSERT_EQUAL(d.aborts, 0);
    CU_ASSERT_EQUAL(d.fallbacks, 0);
}

static void test_inject_conflict_then_commit(void)
{
    use_inject();
    elide_mutex m = ELIDE_MUTEX_INITIALIZER;
    elide_stats a, b, d;
    elide_stats_thread(&a);
    const unsigned script[] = { ELIDE_ABORT_CONFLICT, ELIDE_ABORT_CONFLICT | ELIDE_ABORT_RETRY, S };
    elide_inject_script(script, 3, 0);
    elide_mutex_lock(&m);
    CU_ASSERT_EQUAL(m.state, 0);
    elide_mutex_unlock(&m);
    elide_stats_thread(&b);
    elide_stats_sub(&d, &b, &a);
    CU_ASSERT_EQUAL(d.started, 3);
    CU_ASSERT_EQUAL(d.retries, 2);
    CU_ASSERT_EQUAL(d.aborts, 2);
    CU_ASSERT_EQUAL(d.abort_bit[2], 2);  /* conflict */
    CU_ASSERT_EQUAL(d.abort_bit[1], 1);  /* retry */
    CU_ASSERT_EQUAL(d.committed, 1);
    CU_ASSERT_EQUAL(d.started, d.committed + d.aborts);
}

/* Conflicts beyond retry_conflict: the lock is taken, and the next
 * skip_conflict acquisitions do not even try. */
static void test_inject_conflict_exhausted(void)
{
    use_inject();
    elide_spin l = ELIDE_SPIN_INITIALIZER;
    elide_stats a, b, d;
    elide_stats_thread(&a);
    elide_inject_script(NULL, 0, ELIDE_ABORT_CONFLICT);
    elide_spin_lock(&l);
    CU_ASSERT_EQUAL(l.word, 1);   /* really held */
    elide_spin_unlock(&l);
    CU_ASSERT_EQUAL(l.word, 0);
    CU_ASSERT_EQUAL(l.hist.skip, dflt.skip_conflict);
    for (unsigned i = 0; i < dflt.skip_conflict; i++) {
        elide_spin_lock(&l);
        CU_ASSERT_EQUAL(l.word, 1);
        elide_spin_unlock(&l);
    }
    elide_stats_thread(&b);
    elide_stats_sub(&d, &b, &a);
    CU_ASSERT_EQUAL(d.acquisitions, 1 + dflt.skip_conflict);
    CU_ASSERT_EQUAL(d.aborts, dflt.retry_conflict + 1);
    CU_ASSERT_EQUAL(d.fallbacks, 1);
    CU_ASSERT_EQUAL(d.skipped, dflt.skip_conflict);
    CU_ASSERT_EQUAL(d.committed, 0);
    elide_inject_counts ic;
    elide_inject_counts_get(&ic);
    CU_ASSERT_EQUAL(ic.begins, dflt.retry_conflict + 1);
}

static void test_inject_capacity(void)
{
    use_inject();
    elide_rwlock rw = ELIDE_RWLOCK_INITIALIZER;
    elide_stats a, b, d;
    elide_stats_thread(&a);
    const unsigned script[] = { ELIDE_ABORT_CAPACITY };
    elide_inject_script(script, 1, S);
    elide_rw_write_lock(&rw);
    CU_ASSERT_EQUAL(rw.writer, 1);
    elide_rw_write_unlock(&rw);
    CU_ASSERT_EQUAL(rw.whist.skip, dflt.skip_capacity);
    CU_ASSERT_EQUAL(rw.rhist.skip, 0);   /* readers keep their own history */
    elide_rw_read_lock(&rw);             /* elided (scripted S after) */
    CU_ASSERT_EQUAL(rw.readers, 0);
    elide_rw_read_unlock(&rw);
    elide_stats_thread(&b);
    elide_stats_sub(&d, &b, &a);
    CU_ASSERT_EQUAL(d.abort_bit[3], 1);
    CU_ASSERT_EQUAL(d.fallbacks, 1);
    CU_ASSERT_EQUAL(d.committed, 1);
}

/* Status 0 everywhere (TSX disabled by microcode): a few aborts, then long
 * doubling skips, so 10000 acquisitions cost only a handful of begins. */
static void test_inject_always_zero(void)
{
    use_inject();
    elide_spin l = ELIDE_SPIN_INITIALIZER;
    elide_stats a, b, d;
    elide_stats_thread(&a);
    elide_inject_script(NULL, 0, 0);
    for (int i = 0; i < 10000; i++) {
        elide_spin_lock(&l);
        elide_spin_unlock(&l);
    }
    elide_stats_thread(&b);
    elide_stats_sub(&d, &b, &a);
    /* 3 aborts, skip 64, 1, skip 128, 1, skip 256, ... 1, skip 8192 */
    CU_ASSERT_EQUAL(d.zero, dflt.zero_streak + 7);
    CU_ASSERT_EQUAL(d.aborts, d.zero);
    CU_ASSERT_EQUAL(d.fallbacks + d.skipped, 10000);
    CU_ASSERT_EQUAL(l.hist.zero_skip, 8192);
    /* one commit forgets the streak */
    const unsigned script[] = { S };
    elide_inject_script(script, 1, 0);
    l.hist.skip = 0;
    elide_spin_lock(&l);
    elide_spin_unlock(&l);
    CU_ASSERT_EQUAL(l.hist.zero_streak, 0);
    CU_ASSERT_EQUAL(l.hist.zero_skip, 0);
}

/* A lock whose locked() answers from a script, to reach the in-transaction
 * busy check (a real lock cannot change between the wait and the check in
 * one thread). */
typedef struct fake_lock {
    const int *answers;
    unsigned n, next;
    int held;
    elide_hist hist;
} fake_lock;
static int fake_locked(fake_lock *f) { return f->next < f->n ? f->answers[f->next++] : 0; }
static void fake_lock_fn(fake_lock *f) { f->held = 1; }
static void fake_unlock_fn(fake_lock *f) { f->held = 0; }
static int fake_trylock_fn(fake_lock *f) { f->held = 1; return 1; }
static elide_hist *fake_hist(fake_lock *f) { return &f->hist; }
ELIDE_PROTOTYPE(fake, fake_lock, fake_hist, fake_locked, fake_lock_fn, fake_unlock_fn,
                fake_trylock_fn, fake_lock_fn, fake_unlock_fn)

static void test_inject_lock_busy(void)
{
    use_inject();
    /* wait: free; in txn: busy (abort 0xff); wait: held, then free; in txn:
     * free (elided); unlock: free (commit). */
    const int answers[] = { 0, 1, 1, 0, 0, 0 };
    fake_lock f = { answers, 6, 0, 0, ELIDE_HIST_INITIALIZER };
    const unsigned script[] = { S, S };
    elide_inject_script(script, 2, 0);
    elide_stats a, b, d;
    elide_stats_thread(&a);
    elide_fake_lock(&f);
    CU_ASSERT_EQUAL(f.held, 0);
    elide_fake_unlock(&f);
    CU_ASSERT_EQUAL(f.next, 6);
    elide_stats_thread(&b);
    elide_stats_sub(&d, &b, &a);
    CU_ASSERT_EQUAL(d.code[ELIDE_CODE_LOCK_BUSY], 1);
    CU_ASSERT_EQUAL(d.abort_bit[0], 1);
    CU_ASSERT_EQUAL(d.waits, 1);
    CU_ASSERT_EQUAL(d.committed, 1);
    elide_inject_counts ic;
    elide_inject_counts_get(&ic);
    CU_ASSERT_EQUAL(ic.aborts, 1);
    CU_ASSERT_EQUAL(ic.last_code, ELIDE_CODE_LOCK_BUSY);
}

/* Busy past retry_busy: skip_busy acquisitions follow without trying. */
static void test_inject_busy_exhausted(void)
{
    use_inject();
    int answers[2 * 64 + 1];
    for (unsigned i = 0; i < 2 * dflt.retry_busy + 2; i += 2) {
        answers[i] = 0;      /* the wait sees it free */
        answers[i + 1] = 1;  /* the transaction sees it held */
    }
    fake_lock f = { answers, 2 * dflt.retry_busy + 2, 0, 0, ELIDE_HIST_INITIALIZER };
    elide_inject_script(NULL, 0, S);
    elide_fake_lock(&f);
    CU_ASSERT_EQUAL(f.held, 1);
    elide_fake_unlock(&f);
    CU_ASSERT_EQUAL(f.held, 0);
    CU_ASSERT_EQUAL(f.hist.skip, dflt.skip_busy);
    elide_inject_counts ic;
    elide_inject_counts_get(&ic);
    CU_ASSERT_EQUAL(ic.aborts, dflt.retry_busy + 1);
}

/* Nesting: the elided depth is per thread, and a lock taken for real inside
 * an elided section is released for real. */
static void test_inject_nesting(void)
{
    use_inject();
    elide_spin outer = ELIDE_SPIN_INITIALIZER, inner = ELIDE_SPIN_INITIALIZER;
    elide_mutex m = ELIDE_MUTEX_INITIALIZER;
    const unsigned script[] = { S };
    elide_inject_script(script, 1, 0);
    elide_spin_lock(&outer);
    elide_spin_lock(&inner);          /* nested begin: flat, succeeds */
    CU_ASSERT_EQUAL(elide_t_depth, 2);
    m.hist.skip = 1;                  /* this one is taken for real */
    elide_mutex_lock(&m);
    CU_ASSERT_EQUAL(m.state, 1);
    CU_ASSERT_EQUAL(elide_t_depth, 2);
    elide_mutex_unlock(&m);
    CU_ASSERT_EQUAL(m.state, 0);
    CU_ASSERT_EQUAL(elide_t_depth, 2);
    elide_spin_unlock(&inner);
    CU_ASSERT_EQUAL(elide_t_depth, 1);
    CU_ASSERT(elide_txn_test());
    elide_spin_unlock(&outer);
    CU_ASSERT_EQUAL(elide_t_depth, 0);
    CU_ASSERT(!elide_txn_test());
    CU_ASSERT_EQUAL(outer.word + inner.word, 0);
}

static void test_inject_trylock(void)
{
    use_inject();
    elide_spin l = ELIDE_SPIN_INITIALIZER;
    const unsigned script[] = { S, ELIDE_ABORT_CONFLICT };
    elide_inject_script(script, 2, 0);
    CU_ASSERT(elide_spin_trylock(&l));   /* elided */
    CU_ASSERT_EQUAL(l.word, 0);
    elide_spin_unlock(&l);
    CU_ASSERT(elide_spin_trylock(&l));   /* aborted: the plain trylock */
    CU_ASSERT_EQUAL(l.word, 1);
    CU_ASSERT(!elide_spin_trylock(&l));  /* held: fails, no transaction */
    elide_spin_unlock(&l);
    CU_ASSERT_EQUAL(l.word, 0);
}

static void test_mode_none_and_hle(void)
{
    const char *modes[] = { "none", "hle" };
    for (int i = 0; i < 2; i++) {
        CU_ASSERT_EQUAL(elide_set_mode(modes[i]), 0);
        CU_ASSERT_STRING_EQUAL(elide_backend_name(), modes[i]);
        elide_stats a, b;
        elide_stats_thread(&a);
        elide_spin l = ELIDE_SPIN_INITIALIZER;
        elide_mutex m = ELIDE_MUTEX_INITIALIZER;
        elide_rwlock rw = ELIDE_RWLOCK_INITIALIZER;
        elide_spin_lock(&l);
        CU_ASSERT_EQUAL(l.word, 1);
        CU_ASSERT(!elide_spin_trylock(&l));
        elide_spin_unlock(&l);
        CU_ASSERT_EQUAL(l.word, 0);
        elide_mutex_lock(&m);
        CU_ASSERT_EQUAL(m.state, 1);
        CU_ASSERT(!elide_mutex_trylock(&m));
        elide_mutex_unlock(&m);
        CU_ASSERT_EQUAL(m.state, 0);
        elide_rw_read_lock(&rw);
        elide_rw_read_lock(&rw);
        CU_ASSERT_EQUAL(rw.readers, 2);
        CU_ASSERT(!elide_rw_write_trylock(&rw));
        elide_rw_read_unlock(&rw);
        elide_rw_read_unlock(&rw);
        elide_rw_write_lock(&rw);
        CU_ASSERT_EQUAL(rw.writer, 1);
        CU_ASSERT(!elide_rw_read_trylock(&rw));
        elide_rw_write_unlock(&rw);
        CU_ASSERT_EQUAL(rw.writer + rw.readers, 0);
        elide_stats_thread(&b);
        CU_ASSERT_EQUAL(memcmp(&a, &b, sizeof a), 0);  /* nothing counted */
    }
}

/* ---- modes and registration ---------------------------------------------- */

static unsigned fake_begin(void) { return ELIDE_ABORT_CAPACITY; }
static void fake_end(void) {}
static void fake_abort(unsigned c) { (void)c; }
static int fake_test(void) { return 0; }

static void test_register_backend(void)
{
    static const elide_backend fb = { "fake", fake_begin, fake_end, fake_abort, fake_test };
    static const elide_backend dup = { "inject", fake_begin, fake_end, fake_abort, fake_test };
    static const elide_backend partial = { "partial", fake_begin, NULL, NULL, NULL };
    CU_ASSERT_EQUAL(elide_backend_register(&fb), 0);
    CU_ASSERT_EQUAL(elide_backend_register(&fb), -1);
    CU_ASSERT_EQUAL(elide_backend_register(&dup), -1);
    CU_ASSERT_EQUAL(elide_backend_register(&partial), -1);
    CU_ASSERT_EQUAL(elide_set_mode("fake"), 0);
    CU_ASSERT_STRING_EQUAL(elide_backend_name(), "fake");
    elide_spin l = ELIDE_SPIN_INITIALIZER;
    elide_spin_lock(&l);
    CU_ASSERT_EQUAL(l.word, 1);
    elide_spin_unlock(&l);
    CU_ASSERT_EQUAL(l.hist.skip, dflt.skip_capacity);
}

static void test_modes_with_messages(void)
{
    FILE *err = tmpfile();
    CU_ASSERT_FATAL(err != NULL);
    elide_options o = { "bogus", "", err };
    CU_ASSERT_EQUAL(elide_init(&o), -1);
    CU_ASSERT_EQUAL(count_lines(err), 1);
    CU_ASSERT_PTR_NOT_NULL(strstr(elide_backend_reason(), "auto"));

    fclose(err);
    err = tmpfile();
    o.mode = "rtm";
    o.err = err;
    CU_ASSERT_EQUAL(elide_init(&o), 0);
    const struct elide_tsx_facts *f = elide_tsx_facts();
    if (f->rtm) {
        CU_ASSERT_STRING_EQUAL(elide_backend_name(), "rtm");
        CU_ASSERT_EQUAL(count_lines(err), 0);
    } else {
        /* warned once; real XBEGIN only where it cannot fault */
        CU_ASSERT_EQUAL(count_lines(err), 1);
        CU_ASSERT_STRING_EQUAL(elide_backend_name(), f->xbegin_executes ? "rtm" : "none");
    }
    fclose(err);

    err = tmpfile();
    o.mode = "emu";
    o.err = err;
    CU_ASSERT_EQUAL(elide_init(&o), 0);
    CU_ASSERT_STRING_EQUAL(elide_backend_name(), "none");  /* emu is not linked here */
    CU_ASSERT_EQUAL(count_lines(err), 1);
    fclose(err);
}

/* ---- statistics output ----------------------------------------------------- */

static void test_stats_print(void)
{
    use_inject();
    elide_inject_script(NULL, 0, ELIDE_EXPLICIT_STATUS(0x42));
    elide_spin l = ELIDE_SPIN_INITIALIZER;
    elide_spin_lock(&l);
    elide_spin_unlock(&l);
    FILE *f = tmpfile();
    CU_ASSERT_FATAL(f != NULL);
    CU_ASSERT_EQUAL(elide_stats_print(f, ELIDE_STATS_JSON), 0);
    CU_ASSERT_EQUAL(elide_stats_print(f, ELIDE_STATS_TEXT), 0);
    char buf[8192];
    rewind(f);
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    buf[n] = '\0';
    CU_ASSERT_PTR_NOT_NULL(strstr(buf, "{\"acquisitions\": "));
    CU_ASSERT_PTR_NOT_NULL(strstr(buf, "\"code_0x42\": "));
    CU_ASSERT_PTR_NOT_NULL(strstr(buf, "\"lock_busy\": "));
    CU_ASSERT_PTR_NOT_NULL(strstr(buf, "\ncommitted "));
    CU_ASSERT_STRING_EQUAL(elide_code_name(ELIDE_CODE_OBJ_BUSY), "obj_busy");
    CU_ASSERT_PTR_NULL(elide_code_name(0x42));
    fclose(f);
}

/* Blocks of exited threads are adopted by new ones, and their counts stay
 * in the totals. */
static void *one_acquisition(void *arg)
{
    elide_spin *l = arg;
    elide_spin_lock(l);
    elide_spin_unlock(l);
    return NULL;
}

static void test_stats_survive_thread_exit(void)
{
    use_inject();
    elide_spin l = ELIDE_SPIN_INITIALIZER;
    elide_stats a, b;
    elide_stats_merge(&a);
    for (int i = 0; i < 100; i++) {
        pthread_t t;
        CU_ASSERT_FATAL(pthread_create(&t, NULL, one_acquisition, &l) == 0);
        pthread_join(t, NULL);
    }
    elide_stats_merge(&b);
    CU_ASSERT_EQUAL(b.acquisitions - a.acquisitions, 100);
    CU_ASSERT_EQUAL(b.acquisitions - a.acquisitions,
                    (b.fallbacks - a.fallbacks) + (b.skipped - a.skipped));
}

int main(void)
{
    if (CU_initialize_registry() != CUE_SUCCESS)
        return 2;
    CU_pSuite p = CU_add_suite("policy", NULL, NULL);
    CU_pSuite e = CU_add_suite("inject", NULL, NULL);
    CU_pSuite m = CU_add_suite("modes", NULL, NULL);
    if (!p || !e || !m)
        return 2;
    CU_ADD(p, test_busy_waits_then_skips);
    CU_ADD(p, test_conflict_retries_then_skips);
    CU_ADD(p, test_capacity_skips_at_once);
    CU_ADD(p, test_other_kinds);
    CU_ADD(p, test_zero_status_backs_off);
    CU_ADD(p, test_skip_zero_means_lock);
    CU_ADD(p, test_region_capacity_shrinks);
    CU_ADD(p, test_region_busy_codes_wait);
    CU_ADD(p, test_region_irrevocable_and_alloc);
    CU_ADD(p, test_region_rest_as_locks);
    CU_ADD(p, test_config_parse);
    CU_ADD(e, test_inject_commit);
    CU_ADD(e, test_inject_conflict_then_commit);
    CU_ADD(e, test_inject_conflict_exhausted);
    CU_ADD(e, test_inject_capacity);
    CU_ADD(e, test_inject_always_zero);
    CU_ADD(e, test_inject_lock_busy);
    CU_ADD(e, test_inject_busy_exhausted);
    CU_ADD(e, test_inject_nesting);
    CU_ADD(e, test_inject_trylock);
    CU_ADD(e, test_stats_print);
    CU_ADD(e, test_stats_survive_thread_exit);
    CU_ADD(m, test_mode_none_and_hle);
    CU_ADD(m, test_register_backend);
    CU_ADD(m, test_modes_with_messages);
    return cu_run();
}
