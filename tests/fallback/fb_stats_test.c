/* fb_stats_test.c: contention statistics add up. White-box tests of the
 * per-thread site table (overflow, merge) and black-box ones through real
 * contended locks. */
#include "fb_harness.h"

#define FB_BUILD_CORE 1
#include "fb_internal.h"

#include <CUnit/Basic.h>

#include "cu_run.h"

static long fb_scale = 1;

/* The merged entry for site, or a zero entry. */
static fb_site_stat find_site(fb_site site)
{
    fb_site_stat all[512], none = { site, 0, 0, 0 };
    size_t n = fb_stats_merge(NULL, all, 512);
    if (n == (size_t)-1 || n > 512)
        return none;
    for (size_t i = 0; i < n; i++)
        if (all[i].site == site)
            return all[i];
    return none;
}

/* ---- the table: more sites than slots, and the merge ---- */

static void test_table_overflow(void)
{
    static fb_site_table t;
    memset(&t, 0, sizeof t);
    unsigned nsites = FB_STATS_SLOTS + 36;
    for (unsigned s = 0; s < nsites; s++)        /* site 0 is an ordinary tag */
        for (unsigned k = 0; k <= s % 3; k++)
            fb_stats_record(&t, s, 1, 10);
    uint64_t used = 0, sum = 0;
    for (unsigned i = 0; i < FB_STATS_SLOTS; i++) {
        uint64_t c = atomic_load(&t.slot[i].contended);
        used += c != 0;
        sum += c;
    }
    sum += atomic_load(&t.other.contended);
    CU_ASSERT_EQUAL(used, FB_STATS_SLOTS);        /* every slot taken */
    CU_ASSERT(atomic_load(&t.other.contended) > 0); /* the rest overflowed */

    fb_sitemap m = { NULL, 0, 0 };
    CU_ASSERT_EQUAL_FATAL(fb_sitemap_add_table(&m, &t), 0);
    CU_ASSERT_EQUAL_FATAL(fb_sitemap_add_table(&m, &t), 0);  /* two threads' worth */
    uint64_t msum = 0, mparks = 0, mns = 0;
    for (size_t i = 0; i < m.cap; i++) {
        msum += m.e[i].contended;
        mparks += m.e[i].parks;
        mns += m.e[i].parked_ns;
    }
    CU_ASSERT_EQUAL(m.n, FB_STATS_SLOTS + 1);     /* 64 sites and OTHER */
    CU_ASSERT_EQUAL(msum, 2 * sum);
    CU_ASSERT_EQUAL(mparks, 2 * sum);
    CU_ASSERT_EQUAL(mns, 20 * sum);
    uint64_t expect = 0;
    for (unsigned s = 0; s < nsites; s++)
        expect += s % 3 + 1;
    CU_ASSERT_EQUAL(sum, expect);
    fb_sitemap_free(&m);
}

/* ---- one deterministic contended acquisition, parked ---- */

#define PARK_SITE 0xabc001u

typedef struct park_arg {
    fb_lock_t lock;
    _Atomic int registered;
} park_arg;

static void park_body(fb_tctx *c)
{
    park_arg *p = c->arg;
    fb_thread_register();
    atomic_store(&p->registered, 1);
    fb_lock(&p->lock, PARK_SITE);
    fb_unlock(&p->lock);
    fb_thread_unregister();     /* the statistics outlive the thread */
}

static void *park_runner(void *p)
{
    fb_run_threads(1, park_body, p);
    return NULL;
}

static void test_parked_acquisition(void)
{
    park_arg p = { FB_LOCK_INIT, 0 };
    fb_contention before, after;
    CU_ASSERT_NOT_EQUAL_FATAL(fb_stats_merge(&before, NULL, 0), (size_t)-1);
    fb_lock(&p.lock, 1);               /* main is not registered: not counted */
    pthread_t r;
    CU_ASSERT_FATAL(pthread_create(&r, NULL, park_runner, &p) == 0);
    CU_ASSERT_FATAL(fb_wait_until(fb_has_waiters, &p.lock));
    fb_sleep_ms(10);
    fb_unlock(&p.lock);
    CU_ASSERT_EQUAL(pthread_join(r, NULL), 0);
    fb_site_stat s = find_site(PARK_SITE);
    CU_ASSERT_EQUAL(s.contended, 1);
    CU_ASSERT(s.parks >= 1);
    CU_ASSERT(s.parked_ns > 0);
    CU_ASSERT_NOT_EQUAL_FATAL(fb_stats_merge(&after, NULL, 0), (size_t)-1);
    CU_ASSERT_EQUAL(after.contended - before.contended, 1);
    CU_ASSERT_EQUAL(after.parks - before.parks, s.parks);
    CU_ASSERT_EQUAL(after.threads - before.threads, 1);
}

/* ---- uncontended acquisitions are not counted ---- */

#define QUIET_SITE 0xabc002u

static void test_uncontended_not_counted(void)
{
    fb_lock_t l = FB_LOCK_INIT;
    fb_thread_register();
    for (int i = 0; i < 1000; i++) {
        fb_lock(&l, QUIET_SITE);
        fb_unlock(&l);
        fb_rlock(&l, QUIET_SITE);
        fb_runlock(&l);
    }
    fb_thread_unregister();
    CU_ASSERT_EQUAL(find_site(QUIET_SITE).contended, 0);
}

/* ---- many threads hammer one lock: per-site sums are the totals ---- */

#define HAMMER_SITE0 0x5000u
#define HAMMER_THREADS 4

typedef struct hammer_arg {
    fb_lock_t lock;
    long value, iters;
} hammer_arg;

static void hammer_body(fb_tctx *c)
{
    hammer_arg *h = c->arg;
    fb_thread_register();
    for (long i = 0; i < h->iters; i++) {
        if (i & 1) {
            fb_lock(&h->lock, HAMMER_SITE0 + (fb_site)c->idx);
            h->value++;
            if ((i & 15) == 1)
                sched_yield();     /* get preempted holding it now and then */
            fb_unlock(&h->lock);
        } else {
            fb_rlock(&h->lock, HAMMER_SITE0 + (fb_site)c->idx);
            fb_runlock(&h->lock);
        }
    }
    fb_thread_unregister();
}

static void test_stats_add_up(void)
{
    hammer_arg h = { FB_LOCK_INIT, 0, 20000 * fb_scale };
    fb_contention before, after;
    CU_ASSERT_NOT_EQUAL_FATAL(fb_stats_merge(&before, NULL, 0), (size_t)-1);
    fb_run_threads(HAMMER_THREADS, hammer_body, &h);
    CU_ASSERT_EQUAL(h.value, HAMMER_THREADS * h.iters / 2);

    fb_site_stat all[512];
    size_t n = fb_stats_merge(&after, all, 512);
    CU_ASSERT_FATAL(n != (size_t)-1 && n <= 512);
    uint64_t sites_sum = 0, sites_parks = 0, hammer_sum = 0;
    for (size_t i = 0; i < n; i++) {
        sites_sum += all[i].contended;
        sites_parks += all[i].parks;
        if (i > 0)                                  /* most contended first */
            CU_ASSERT(all[i - 1].contended >= all[i].contended);
        if (all[i].site >= HAMMER_SITE0 && all[i].site < HAMMER_SITE0 + HAMMER_THREADS) {
            CU_ASSERT((long)all[i].contended <= h.iters);
            hammer_sum += all[i].contended;
        }
    }
    CU_ASSERT_EQUAL(sites_sum, after.contended);
    CU_ASSERT_EQUAL(sites_parks, after.parks);
    CU_ASSERT_EQUAL(after.contended - before.contended, hammer_sum);
    CU_ASSERT_EQUAL(after.threads - before.threads, HAMMER_THREADS);
    CU_ASSERT(after.parks >= before.parks && after.parked_ns >= before.parked_ns);
    printf("(%llu contended of %ld acquisitions) ", (unsigned long long)hammer_sum,
           HAMMER_THREADS * h.iters);
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
    CU_pSuite s = CU_add_suite("fb_stats", NULL, NULL);
    if (!s)
        return 2;
    CU_ADD(s, test_table_overflow);
    CU_ADD(s, test_parked_acquisition);
    CU_ADD(s, test_uncontended_not_counted);
    CU_ADD(s, test_stats_add_up);
    return cu_run();
}
