/* fb_lock.h: the per-object lock word of elide's fine-grained mode.
 *
 * One 32-bit word in each shared mutable object's header, usable for reading
 * (shared) or writing (exclusive):
 *
 *   bit 0      FB_W   held for writing
 *   bit 1      FB_K   waiters: some thread is parked (or about to park) on
 *                     this word and the releaser must wake them
 *   bits 2-31  readers, counted in units of FB_R (up to 2^30 - 1)
 *
 * Uncontended, fb_lock / fb_rlock / fb_runlock are one atomic
 * read-modify-write each (the readers' fast path also does one plain load
 * first) and fb_unlock is a load and a store (see there). Contended, a
 * thread spins a bounded number of times and then parks on the word with
 * FUTEX_WAIT_PRIVATE (1 ms at most); a release calls FUTEX_WAKE_PRIVATE
 * only when FB_K was set. Readers defer to FB_K (a waiting writer), so a
 * stream of readers cannot starve a writer.
 *
 * Concurrency contract:
 * - The word is written only by atomic RMWs in this file and fb_lock.c:
 *   acquire ordering on every successful acquisition, release on every
 *   release, so the data an object's lock protects is ordered by the word.
 * - Transactions never take the lock: fb_elide / fb_elide_r read the word
 *   (a plain load), which puts it in the transaction's read set, and abort
 *   with ELIDE_CODE_OBJ_BUSY when it is held. A later acquisition by a
 *   fine-mode thread writes the word and so aborts the transaction.
 * - Locks are not recursive, for reading or for writing: a thread that
 *   re-takes a lock it holds deadlocks (FB_DEBUG builds die instead).
 * - Lock order: a thread holds at most two object locks, taken together with
 *   fb_lock2 (address order). Taking a second lock any other way is a bug
 *   that FB_DEBUG builds catch.
 * - No object lock is held across a safepoint, a blocking call or a world
 *   stop (fb_world.h explains why); FB_DEBUG builds check it.
 * - A function that requires a lock is named ..._locked and starts with
 *   FB_ASSERT_LOCKED / FB_ASSERT_WLOCKED.
 *
 * FB_DEBUG (CMake: -DELIDE_FB_DEBUG=ON, or any Debug build) makes every
 * acquisition and release record the lock in a small per-thread held set, so
 * ownership, order, recursion and held-at-safepoint are checked exactly. It
 * must be the same for every translation unit of a program (it is a PUBLIC
 * definition of the elide_fallback target).
 */
#ifndef FB_LOCK_H
#define FB_LOCK_H

#include <stdatomic.h>
#include <stdint.h>

#include "elide_backend.h"

#ifdef __cplusplus
extern "C" {
#endif

#define FB_W 1u            /* held for writing */
#define FB_K 2u            /* waiters parked: wake on release */
#define FB_R 4u            /* one reader */

typedef struct fb_lock {
    _Atomic uint32_t word;
} fb_lock_t;

#define FB_LOCK_INIT { 0 }

/* A site tag: an opaque id the caller chooses (the interpreter maps it to an
 * object type and a source line). It is only recorded when the acquisition
 * is contended. FB_SITE_OTHER is reserved (the overflow bucket of the
 * statistics); any other value may be used, including 0. */
typedef uint32_t fb_site;
#define FB_SITE_OTHER UINT32_MAX

/* Out of line: contended paths, misuse, debug bookkeeping (fb_lock.c). */
void fb_lock_slow(fb_lock_t *l, fb_site site);
void fb_rlock_slow(fb_lock_t *l, fb_site site);
void fb_unlock_slow(fb_lock_t *l, uint32_t old);
void fb_runlock_slow(fb_lock_t *l);
void fb_debug_acquired(const fb_lock_t *l, int write, int try_);
void fb_debug_released(const fb_lock_t *l, int write);
int fb_debug_holds(const fb_lock_t *l, int write);
void fb_debug_none_held(const char *where);
_Noreturn void fb_lock_misuse(const fb_lock_t *l, const char *what,
                              const char *file, const char *func, int line);

static inline void fb_lock_init(fb_lock_t *l)
{
    atomic_init(&l->word, 0);
}

/* Held at all (by a writer or by readers). A plain load: this is what a
 * transaction reads to elide a write lock. */
static inline int fb_locked(const fb_lock_t *l)
{
    return (atomic_load_explicit(&l->word, memory_order_relaxed) & ~FB_K) != 0;
}

/* Held for writing. What a transaction reads to elide a read lock. */
static inline int fb_wlocked(const fb_lock_t *l)
{
    return (atomic_load_explicit(&l->word, memory_order_relaxed) & FB_W) != 0;
}

/* FB_EMU_CHECK (the simulator build of the interpreter): every real write
 * acquisition and release is reported to the simulator's lock-discipline
 * check (elide_emu.h, elide_emu_set_check). */
#ifdef FB_EMU_CHECK
void elide_emu_lock_held(const void *lock);
void elide_emu_lock_released(const void *lock);
#define FB_EMU_HELD(l) elide_emu_lock_held(l)
#define FB_EMU_RELEASED(l) elide_emu_lock_released(l)
#else
#define FB_EMU_HELD(l) ((void)0)
#define FB_EMU_RELEASED(l) ((void)0)
#endif

#ifdef FB_DEBUG
#define FB_DEBUG_ACQUIRED(l, w) fb_debug_acquired((l), (w), 0)
#define FB_DEBUG_TRIED(l, w) fb_debug_acquired((l), (w), 1)
#define FB_DEBUG_RELEASED(l, w) fb_debug_released((l), (w))
#else
#define FB_DEBUG_ACQUIRED(l, w) ((void)0)
#define FB_DEBUG_TRIED(l, w) ((void)0)
#define FB_DEBUG_RELEASED(l, w) ((void)0)
#endif

/* Take l for writing. */
static inline void fb_lock(fb_lock_t *l, fb_site site)
{
    FB_DEBUG_ACQUIRED(l, 1);            /* checked before it could deadlock */
    uint32_t w = 0;
    if (!atomic_compare_exchange_strong_explicit(&l->word, &w, FB_W,
                                                 memory_order_acquire,
                                                 memory_order_relaxed))
        fb_lock_slow(l, site);
    FB_EMU_HELD(l);
}

/* Take l for writing if that needs no wait. Returns 1 when taken. */
static inline int fb_trylock(fb_lock_t *l)
{
    uint32_t w = 0;
    if (!atomic_compare_exchange_strong_explicit(&l->word, &w, FB_W,
                                                 memory_order_acquire,
                                                 memory_order_relaxed))
        return 0;
    FB_DEBUG_TRIED(l, 1);
    FB_EMU_HELD(l);
    return 1;
}

/* Release a write lock; wakes parked threads only if FB_K was set. Releasing
 * a lock not held for writing dies. When nobody waits the release is a
 * plain store: a locked exchange costs as much as the acquisition's CAS
 * (about 5 ns each on this project's EPYC guest; the pair took 22% of
 * bench/programs/richards in fine mode). A waiter that sets FB_K between
 * the load and the store loses its wake-up with the bit; it parks with a
 * timeout (fb_park), which bounds what that costs it. */
static inline void fb_unlock(fb_lock_t *l)
{
    FB_DEBUG_RELEASED(l, 1);
    FB_EMU_RELEASED(l);
    if (__builtin_expect(atomic_load_explicit(&l->word, memory_order_relaxed) == FB_W, 1)) {
        atomic_store_explicit(&l->word, 0, memory_order_release);
        return;
    }
    fb_unlock_slow(l, atomic_exchange_explicit(&l->word, 0, memory_order_release));
}

/* Take l for reading. Defers to a parked writer (FB_K). */
static inline void fb_rlock(fb_lock_t *l, fb_site site)
{
    FB_DEBUG_ACQUIRED(l, 0);
    uint32_t w = atomic_load_explicit(&l->word, memory_order_relaxed);
    if (__builtin_expect(w & (FB_W | FB_K), 0) ||
        !atomic_compare_exchange_strong_explicit(&l->word, &w, w + FB_R,
                                                 memory_order_acquire,
                                                 memory_order_relaxed))
        fb_rlock_slow(l, site);
}

/* Take l for reading if that needs no wait. Returns 1 when taken. */
static inline int fb_tryrlock(fb_lock_t *l)
{
    uint32_t w = atomic_load_explicit(&l->word, memory_order_relaxed);
    while (!(w & (FB_W | FB_K))) {
        if (atomic_compare_exchange_weak_explicit(&l->word, &w, w + FB_R,
                                                  memory_order_acquire,
                                                  memory_order_relaxed)) {
            FB_DEBUG_TRIED(l, 0);
            return 1;
        }
    }
    return 0;
}

/* Release a read lock. The last reader out wakes parked threads. */
static inline void fb_runlock(fb_lock_t *l)
{
    FB_DEBUG_RELEASED(l, 0);
    uint32_t w = FB_R;                  /* the common case: the only reader */
    if (!atomic_compare_exchange_strong_explicit(&l->word, &w, 0,
                                                 memory_order_release,
                                                 memory_order_relaxed))
        fb_runlock_slow(l);
}

/* Two objects for writing, in address order; the same object once. */
static inline void fb_lock2(fb_lock_t *a, fb_lock_t *b, fb_site site)
{
    if (a == b) {
        fb_lock(a, site);
    } else if ((uintptr_t)a < (uintptr_t)b) {
        fb_lock(a, site);
        fb_lock(b, site);
    } else {
        fb_lock(b, site);
        fb_lock(a, site);
    }
}

static inline void fb_unlock2(fb_lock_t *a, fb_lock_t *b)
{
    fb_unlock(a);
    if (b != a)
        fb_unlock(b);
}

/* Inside a transaction of backend tx: subscribe to l instead of taking it.
 * Aborts the transaction with ELIDE_CODE_OBJ_BUSY when l is held (for
 * writing: any holder; for reading: a writer). Never waits: the abort
 * policy waits for the lock to be free before it retries. */
static inline void fb_elide(const fb_lock_t *l, const elide_backend *tx)
{
    if (fb_locked(l))
        tx->abort_code(ELIDE_CODE_OBJ_BUSY);
}

static inline void fb_elide_r(const fb_lock_t *l, const elide_backend *tx)
{
    if (fb_wlocked(l))
        tx->abort_code(ELIDE_CODE_OBJ_BUSY);
}

/* The one call the interpreter's PY_LOCK needs in every mode: elide l when
 * the caller runs inside a transaction of tx, else take it for writing.
 * tx may be NULL (fine mode: no transactions, test() is never called; on a
 * CPU without TSX even XTEST would fault). Returns 1 when the lock was
 * taken (the caller must fb_unlock it), 0 when it was elided. */
static inline int fb_lock_or_elide(fb_lock_t *l, const elide_backend *tx, fb_site site)
{
    if (tx && tx->test()) {
        fb_elide(l, tx);
        return 0;
    }
    fb_lock(l, site);
    return 1;
}

/* Reading counterpart of fb_lock_or_elide; release with fb_runlock. */
static inline int fb_rlock_or_elide(fb_lock_t *l, const elide_backend *tx, fb_site site)
{
    if (tx && tx->test()) {
        fb_elide_r(l, tx);
        return 0;
    }
    fb_rlock(l, site);
    return 1;
}

/* FB_ASSERT_WLOCKED(l): the caller holds l for writing. FB_ASSERT_LOCKED(l):
 * the caller holds l for reading or writing. Exact (this thread holds it)
 * with FB_DEBUG; "somebody holds it" in other builds without NDEBUG; nothing
 * with NDEBUG. A failure dies with file, function and line. */
#if defined(FB_DEBUG)
#define FB_ASSERT_WLOCKED(l)                                                  \
    (fb_debug_holds((l), 1) ? (void)0                                         \
     : fb_lock_misuse((l), "not held for writing by this thread",            \
                      __FILE__, __func__, __LINE__))
#define FB_ASSERT_LOCKED(l)                                                   \
    (fb_debug_holds((l), 0) ? (void)0                                         \
     : fb_lock_misuse((l), "not held by this thread",                        \
                      __FILE__, __func__, __LINE__))
#elif !defined(NDEBUG)
#define FB_ASSERT_WLOCKED(l)                                                  \
    (fb_wlocked(l) ? (void)0                                                  \
     : fb_lock_misuse((l), "not held for writing", __FILE__, __func__, __LINE__))
#define FB_ASSERT_LOCKED(l)                                                   \
    (fb_locked(l) ? (void)0                                                   \
     : fb_lock_misuse((l), "not held", __FILE__, __func__, __LINE__))
#else
#define FB_ASSERT_WLOCKED(l) ((void)(l))
#define FB_ASSERT_LOCKED(l) ((void)(l))
#endif

#ifdef __cplusplus
}
#endif
#endif
