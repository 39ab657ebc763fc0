/* fb_world.c: thread registry, safepoints, blocking calls and the world
 * lock. The protocol and its concurrency contract are in fb_world.h. */
#define FB_BUILD_CORE 1
#include "fb_internal.h"

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

struct fb_world_line fb_world_line;      /* zero: the world runs */
_Thread_local fb_thread *fb_self;

/* Protects the registry list and the retired statistics; held briefly,
 * never while waiting for another thread. */
static pthread_mutex_t fb_reg_mu = PTHREAD_MUTEX_INITIALIZER;
static fb_thread *fb_threads;            /* fb_reg_mu */
static fb_sitemap fb_retired;            /* fb_reg_mu */
static uint64_t fb_retired_threads;      /* fb_reg_mu */

/* Held by the thread that holds the world, from stop to start: serializes
 * stoppers. */
static pthread_mutex_t fb_stop_mu = PTHREAD_MUTEX_INITIALIZER;
/* How deeply this thread holds the world (0: it does not). */
static _Thread_local unsigned fb_stop_depth;

/* Written by the world's holder only (under fb_stop_mu), read by merges. */
static _Atomic uint64_t fb_stops, fb_stop_wait_ns;

/* A stopper sleeps on this futex word; a thread that leaves the running
 * state while a stop is requested bumps it and wakes the stopper. Written
 * only during stops, so it has its own line. */
static struct {
    _Alignas(64) _Atomic uint32_t seq;
    char pad[64 - sizeof(uint32_t)];
} fb_park_seq;

static void fb_mutex_lock(pthread_mutex_t *m)
{
    int e = pthread_mutex_lock(m);
    if (e)
        fb_die("pthread_mutex_lock: error %d", e);
}

static void fb_mutex_unlock(pthread_mutex_t *m)
{
    int e = pthread_mutex_unlock(m);
    if (e)
        fb_die("pthread_mutex_unlock: error %d", e);
}

/* Leave RUNNING for `to` (PARKED or BLOCKING); if a stop is requested, the
 * stopper may be waiting for exactly this: tell it. */
static void fb_leave_running(fb_thread *t, fb_tstate to)
{
    atomic_store(&t->state, (uint32_t)to);
    FB_YIELD();                          /* the Dekker window */
    if (atomic_load(&fb_world_line.word)) {
        atomic_fetch_add(&fb_park_seq.seq, 1);
        fb_futex_wake_all(&fb_park_seq.seq);
    }
}

/* t is PARKED or BLOCKING: wait until the world runs, then become RUNNING.
 * The store of RUNNING is followed by a fresh look at the world word: a
 * stopper that saw us not running may have set it meanwhile, and then we
 * must park again without touching anything. */
static void fb_park_world(fb_thread *t)
{
    for (;;) {
        uint32_t w;
        while ((w = atomic_load(&fb_world_line.word)) != 0)
            fb_futex_wait(&fb_world_line.word, w);
        FB_YIELD();                      /* a stopper may count us PARKED here */
        atomic_store(&t->state, (uint32_t)FB_T_RUNNING);
        FB_YIELD();                      /* a new stop may begin here */
        if (!atomic_load(&fb_world_line.word))
            return;
        fb_leave_running(t, FB_T_PARKED);
    }
}

/* Become RUNNING again after PARKED or BLOCKING. */
static void fb_resume(fb_thread *t)
{
    if (fb_stop_depth)                   /* we hold the world ourselves */
        atomic_store(&t->state, (uint32_t)FB_T_RUNNING);
    else
        fb_park_world(t);
}

/* A thread that exits still registered would be RUNNING forever and hang
 * every later stop: a pthread key's destructor unregisters it at exit. */
static pthread_key_t fb_exit_key;
static pthread_once_t fb_exit_once = PTHREAD_ONCE_INIT;

static void fb_unregister_record(fb_thread *t);

static void fb_exit_unregister(void *rec)
{
    if (fb_stop_depth)
        fb_die("a thread exited holding the world");
    fb_unregister_record(rec);
    fb_self = NULL;
}

static void fb_exit_key_create(void)
{
    int e = pthread_key_create(&fb_exit_key, fb_exit_unregister);
    if (e)
        fb_die("pthread_key_create: error %d", e);
}

static void fb_exit_key_set(void *rec)
{
    int e = pthread_setspecific(fb_exit_key, rec);
    if (e)
        fb_die("pthread_setspecific: error %d", e);
}

void fb_thread_register(void)
{
    if (fb_self)
        fb_die("thread registered twice");
    pthread_once(&fb_exit_once, fb_exit_key_create);
    fb_thread *t = aligned_alloc(64, sizeof *t);
    if (!t)
        fb_die("out of memory for a thread record");
    memset(t, 0, sizeof *t);
    atomic_init(&t->state, (uint32_t)FB_T_BLOCKING);
    fb_mutex_lock(&fb_reg_mu);
    t->next = fb_threads;
    if (fb_threads)
        fb_threads->prev = t;
    fb_threads = t;
    fb_mutex_unlock(&fb_reg_mu);
    fb_self = t;
    fb_exit_key_set(t);
    fb_resume(t);
}

/* Take t out of the registry, keeping its statistics, and free it. */
static void fb_unregister_record(fb_thread *t)
{
    fb_leave_running(t, FB_T_BLOCKING);
    fb_mutex_lock(&fb_reg_mu);
    if (t->prev)
        t->prev->next = t->next;
    else
        fb_threads = t->next;
    if (t->next)
        t->next->prev = t->prev;
    if (fb_sitemap_add_table(&fb_retired, &t->stats) != 0)
        fb_die("out of memory for the retired statistics");
    fb_retired_threads++;
    fb_mutex_unlock(&fb_reg_mu);
    free(t);
}

void fb_thread_unregister(void)
{
    fb_thread *t = fb_self;
    if (!t)
        fb_die("unregistering a thread that is not registered");
    if (fb_stop_depth)
        fb_die("unregistering a thread that holds the world");
    fb_debug_none_held("fb_thread_unregister");
    fb_exit_key_set(NULL);
    fb_unregister_record(t);
    fb_self = NULL;
}

int fb_thread_registered(void)
{
    return fb_self != NULL;
}

void fb_safepoint_slow(void)
{
    fb_thread *t = fb_self;
    fb_debug_none_held("fb_safepoint");
    if (!t || fb_stop_depth)
        return;
    fb_leave_running(t, FB_T_PARKED);
    fb_park_world(t);
}

void fb_blocking_begin(void)
{
    fb_thread *t = fb_self;
    if (!t || t->blocking_depth++)
        return;
    fb_debug_none_held("fb_blocking_begin");
    fb_leave_running(t, FB_T_BLOCKING);
}

void fb_blocking_end(void)
{
    fb_thread *t = fb_self;
    if (!t)
        return;
    if (!t->blocking_depth)
        fb_die("fb_blocking_end without fb_blocking_begin");
    if (--t->blocking_depth)
        return;
    fb_resume(t);
}

/* How many registered threads other than self are RUNNING. */
static unsigned fb_count_running(const fb_thread *self)
{
    unsigned n = 0;
    fb_mutex_lock(&fb_reg_mu);
    for (const fb_thread *th = fb_threads; th; th = th->next)
        if (th != self && atomic_load(&th->state) == FB_T_RUNNING)
            n++;
    fb_mutex_unlock(&fb_reg_mu);
    return n;
}

/* Sleep until no other registered thread is RUNNING. The sequence number
 * is read before the count: a thread that leaves RUNNING after we counted
 * it bumps the number, so the futex wait returns at once. */
static void fb_wait_parked(const fb_thread *self)
{
    for (;;) {
        uint32_t seq = atomic_load(&fb_park_seq.seq);
        FB_YIELD();                      /* threads park between read and count */
        if (!fb_count_running(self))
            return;
        fb_futex_wait(&fb_park_seq.seq, seq);
    }
}

void fb_world_stop(void)
{
    fb_debug_none_held("fb_world_stop");
    if (fb_stop_depth++)
        return;
    fb_thread *t = fb_self;
    if (t)                     /* another stopper may be waiting for us */
        fb_leave_running(t, FB_T_BLOCKING);
    fb_mutex_lock(&fb_stop_mu);
    if (t)                     /* the world runs: the last holder restarted it */
        atomic_store(&t->state, (uint32_t)FB_T_RUNNING);
    uint64_t t0 = fb_now_ns();
    atomic_store(&fb_world_line.word, 1);
    FB_YIELD();
    fb_wait_parked(t);
    fb_stop_wait_ns += fb_now_ns() - t0;
    fb_stops++;
}

void fb_world_start(void)
{
    if (!fb_stop_depth)
        fb_die("fb_world_start by a thread that does not hold the world");
    if (--fb_stop_depth)
        return;
    atomic_store(&fb_world_line.word, 0);
    fb_futex_wake_all(&fb_world_line.word);
    fb_mutex_unlock(&fb_stop_mu);
    if (fb_self && fb_self->blocking_depth)   /* stopped inside a blocking call */
        fb_leave_running(fb_self, FB_T_BLOCKING);
}

void fb_world_stop_stats(uint64_t *stops, uint64_t *wait_ns)
{
    *stops = atomic_load(&fb_stops);
    *wait_ns = atomic_load(&fb_stop_wait_ns);
}

int fb_world_held(void)
{
    return fb_stop_depth != 0;
}

int fb_world_collect_stats(fb_sitemap *m, uint64_t *threads)
{
    int r = 0;
    uint64_t n = 0;
    fb_mutex_lock(&fb_reg_mu);
    for (size_t i = 0; i < fb_retired.cap && r == 0; i++)
        r = fb_sitemap_add(m, &fb_retired.e[i]);
    for (const fb_thread *th = fb_threads; th && r == 0; th = th->next, n++)
        r = fb_sitemap_add_table(m, &th->stats);
    *threads = n + fb_retired_threads;
    fb_mutex_unlock(&fb_reg_mu);
    return r;
}
