/* fb_lock.c: the contended paths of the per-object lock, futex wrappers,
 * and the FB_DEBUG held-lock bookkeeping. The concurrency contract is in
 * fb_lock.h. */
#define FB_BUILD_CORE 1
#include "fb_internal.h"

#include <errno.h>
#include <limits.h>
#include <linux/futex.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

/* Spins (each one PAUSE and a reload) before a contended acquirer parks.
 * The critical sections these locks guard are single object operations
 * (a dict probe, a list append): tens to a few hundred nanoseconds, while
 * parking and being woken costs two system calls and a context switch,
 * several microseconds. 128 PAUSEs is about 1-5 us (PAUSE is ~10 cycles on
 * older Intel, ~40-140 on Skylake and later and on AMD Zen), so a holder
 * that is running finishes within the spin, and a holder that was
 * preempted (likely on a 2-vCPU guest) does not keep us burning its CPU for
 * long. Measured with bench/fb_bench.c's contended rows (2 threads, ~50 ns
 * critical section; 2-vCPU EPYC guest, noisy, built with -DFB_SPIN_LIMIT=N):
 * N=0 parks on 2.2% of acquisitions at 88 ns/op; N=128 parks on <0.01% at
 * 62 ns/op; N=1024 is no faster (64 ns/op) and burns more CPU when the
 * holder is preempted. The -D override exists only for that experiment. */
#ifndef FB_SPIN_LIMIT
#define FB_SPIN_LIMIT 128
#endif

/* Object locks one thread may hold at once: the two of fb_lock2. */
#define FB_HELD_MAX 2

static inline void fb_cpu_relax(void)
{
#if defined(__x86_64__) || defined(__i386__)
    __builtin_ia32_pause();
#else
    __asm__ __volatile__("" ::: "memory");
#endif
}

void fb_die_at(const char *file, const char *func, int line, const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "elide fallback: %s:%d: %s: ", file, line, func);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    abort();
}

void fb_lock_misuse(const fb_lock_t *l, const char *what,
                    const char *file, const char *func, int line)
{
    fb_die_at(file, func, line, "lock %p %s (word 0x%x)", (const void *)l, what,
              (unsigned)atomic_load_explicit(&l->word, memory_order_relaxed));
}

static void futex_wait_for(_Atomic uint32_t *addr, uint32_t expected, const struct timespec *rel)
{
    long r = syscall(SYS_futex, (uint32_t *)addr, FUTEX_WAIT_PRIVATE, expected,
                     rel, NULL, 0);
    if (r != 0 && errno != EAGAIN && errno != EINTR && errno != ETIMEDOUT)
        fb_die("FUTEX_WAIT_PRIVATE failed: errno %d", errno);
}

void fb_futex_wait(_Atomic uint32_t *addr, uint32_t expected)
{
    futex_wait_for(addr, expected, NULL);
}

void fb_futex_wake_all(_Atomic uint32_t *addr)
{
    if (syscall(SYS_futex, (uint32_t *)addr, FUTEX_WAKE_PRIVATE, INT_MAX,
                NULL, NULL, 0) < 0)
        fb_die("FUTEX_WAKE_PRIVATE failed: errno %d", errno);
}

#ifdef FB_DEBUG_YIELD
#include <sched.h>
/* Yield on about one call in four; per-thread xorshift, no shared state. */
void fb_debug_yield(void)
{
    static _Thread_local uint32_t x;
    if (!x)
        x = (uint32_t)(uintptr_t)&x | 1u;
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    if ((x & 3) == 0)
        sched_yield();
}
#endif

uint64_t fb_now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/* What one contended acquisition cost; recorded once it succeeds. */
typedef struct fb_wait {
    unsigned spins;
    uint64_t parks, parked_ns;
} fb_wait;

static void fb_wait_done(const fb_wait *wt, fb_site site)
{
    if (fb_self)
        fb_stats_record(&fb_self->stats, site, wt->parks, wt->parked_ns);
}

/* Spin once more if the budget allows; returns 0 when it is time to park. */
static int fb_spin(fb_wait *wt)
{
    if (wt->spins + 1 > FB_SPIN_LIMIT)      /* (no warning when it is 0) */
        return 0;
    wt->spins++;
    fb_cpu_relax();
    return 1;
}

/* How long a parked thread sleeps before it looks at the word again: the
 * bound on a wake-up lost to fb_unlock's plain store (fb_lock.h), which
 * needs a waiter to set FB_K between that release's load and store. */
#define FB_PARK_TIMEOUT_NS 1000000

/* Set FB_K in the word we last saw as *w and park until a release (or any
 * change of the word, or the timeout). A failed CAS leaves the fresh value
 * in *w and does not park: the caller re-examines it. Waking every waiter on
 * release (rather than one) is what keeps this correct with readers and
 * writers on one futex: each woken thread re-sets FB_K before it parks
 * again, and a woken reader cannot swallow a writer's wake-up. */
static void fb_park(fb_lock_t *l, uint32_t *w, fb_wait *wt)
{
    static const struct timespec timeout = { 0, FB_PARK_TIMEOUT_NS };
    if (!(*w & FB_K) &&
        !atomic_compare_exchange_weak_explicit(&l->word, w, *w | FB_K,
                                               memory_order_relaxed,
                                               memory_order_relaxed))
        return;
    FB_YIELD();                          /* K set, not asleep yet */
    uint64_t t0 = fb_now_ns();
    futex_wait_for(&l->word, *w | FB_K, &timeout);
    wt->parked_ns += fb_now_ns() - t0;
    wt->parks++;
    *w = atomic_load_explicit(&l->word, memory_order_relaxed);
}

void fb_lock_slow(fb_lock_t *l, fb_site site)
{
    fb_wait wt = { 0, 0, 0 };
    uint32_t w = atomic_load_explicit(&l->word, memory_order_relaxed);
    for (;;) {
        if ((w & ~FB_K) == 0) {          /* free: keep FB_K for the others */
            if (atomic_compare_exchange_weak_explicit(&l->word, &w, w | FB_W,
                                                      memory_order_acquire,
                                                      memory_order_relaxed))
                break;
        } else if (fb_spin(&wt)) {
            w = atomic_load_explicit(&l->word, memory_order_relaxed);
        } else {
            fb_park(l, &w, &wt);
        }
    }
    fb_wait_done(&wt, site);
}

void fb_rlock_slow(fb_lock_t *l, fb_site site)
{
    fb_wait wt = { 0, 0, 0 };
    uint32_t w = atomic_load_explicit(&l->word, memory_order_relaxed);
    for (;;) {
        if (!(w & (FB_W | FB_K))) {      /* no writer holds or waits */
            if (w >= UINT32_MAX - FB_R)
                fb_lock_misuse(l, "has too many readers", __FILE__, __func__, __LINE__);
            if (atomic_compare_exchange_weak_explicit(&l->word, &w, w + FB_R,
                                                      memory_order_acquire,
                                                      memory_order_relaxed))
                break;
        } else if (fb_spin(&wt)) {
            w = atomic_load_explicit(&l->word, memory_order_relaxed);
        } else {
            fb_park(l, &w, &wt);
        }
    }
    fb_wait_done(&wt, site);
}

/* fb_unlock saw a word other than FB_W: waiters to wake, or misuse. (The
 * word is already 0; on misuse we die, so that does not matter.) */
void fb_unlock_slow(fb_lock_t *l, uint32_t old)
{
    if (!(old & FB_W))
        fb_die("fb_unlock of lock %p not held for writing (word was 0x%x)",
               (void *)l, (unsigned)old);
    if (old & FB_K)
        fb_futex_wake_all(&l->word);
}

/* Other readers remain, or waiters must be woken by the last reader. */
void fb_runlock_slow(fb_lock_t *l)
{
    uint32_t w = atomic_load_explicit(&l->word, memory_order_relaxed), n;
    do {
        if (w < FB_R || (w & FB_W))
            fb_lock_misuse(l, "released by fb_runlock but not held for reading",
                           __FILE__, __func__, __LINE__);
        n = w - FB_R;
        if (n == FB_K)                   /* last reader: clear K and wake */
            n = 0;
    } while (!atomic_compare_exchange_weak_explicit(&l->word, &w, n,
                                                    memory_order_release,
                                                    memory_order_relaxed));
    if (n == 0 && (w & FB_K))
        fb_futex_wake_all(&l->word);
}

/* ---- FB_DEBUG: the locks this thread holds (only filled when the
 * program is compiled with FB_DEBUG; always empty otherwise). ---- */

typedef struct fb_held {
    const fb_lock_t *lock;
    int write;
} fb_held;

static _Thread_local fb_held fb_held_set[FB_HELD_MAX];
static _Thread_local unsigned fb_held_n;

/* A try never waits, so it cannot deadlock: only the count is checked. */
void fb_debug_acquired(const fb_lock_t *l, int write, int try_)
{
    if (fb_held_n == FB_HELD_MAX)
        fb_lock_misuse(l, "would be a third object lock held at once",
                       __FILE__, __func__, __LINE__);
    for (unsigned i = 0; i < fb_held_n && !try_; i++) {
        if (fb_held_set[i].lock == l)
            fb_lock_misuse(l, "taken again by the thread that holds it (locks are "
                           "not recursive)", __FILE__, __func__, __LINE__);
        if ((uintptr_t)fb_held_set[i].lock > (uintptr_t)l)
            fb_lock_misuse(l, "taken after a lock at a higher address (take two "
                           "with fb_lock2)", __FILE__, __func__, __LINE__);
    }
    fb_held_set[fb_held_n].lock = l;
    fb_held_set[fb_held_n].write = write;
    fb_held_n++;
}

void fb_debug_released(const fb_lock_t *l, int write)
{
    for (unsigned i = 0; i < fb_held_n; i++) {
        if (fb_held_set[i].lock != l)
            continue;
        if (fb_held_set[i].write != write)
            fb_lock_misuse(l, write ? "released for writing but held for reading"
                                    : "released for reading but held for writing",
                           __FILE__, __func__, __LINE__);
        fb_held_set[i] = fb_held_set[--fb_held_n];
        return;
    }
    fb_lock_misuse(l, "released by a thread that does not hold it",
                   __FILE__, __func__, __LINE__);
}

int fb_debug_holds(const fb_lock_t *l, int write)
{
    for (unsigned i = 0; i < fb_held_n; i++)
        if (fb_held_set[i].lock == l)
            return !write || fb_held_set[i].write;
    return 0;
}

void fb_debug_none_held(const char *where)
{
    if (fb_held_n)
        fb_die("%s while holding object lock %p (no object lock may be held at "
               "a safepoint, a blocking call or a world stop)",
               where, (const void *)fb_held_set[0].lock);
}
