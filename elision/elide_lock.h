/* elide_lock.h: elision generated over a fixed lock interface (included by
 * elide.h), in the way of Concurrency Kit's CK_ELIDE_PROTOTYPE.
 *
 *   ELIDE_PROTOTYPE(N, T, HIST, LOCKED, LOCK, UNLOCK, TRYLOCK, HLE_LOCK, HLE_UNLOCK)
 *
 * gives a lock type T, whose plain operations are LOCK(T*), UNLOCK(T*),
 * TRYLOCK(T*) -> int and LOCKED(T*) -> int (non-zero while someone holds it
 * in the way this elision conflicts with), the elided operations
 *
 *   void elide_N_lock(T *), void elide_N_unlock(T *), int elide_N_trylock(T *)
 *
 * HIST(T*) -> elide_hist* is where the lock keeps its policy history;
 * HLE_LOCK/HLE_UNLOCK are the XACQUIRE/XRELEASE forms used in hle mode (pass
 * LOCK/UNLOCK for a lock without one).
 *
 * What an elided lock does, by mode (elide_g_kind, read once per call):
 *   none: the plain operation, behind one predictable branch.
 *   hle:  HLE_LOCK / HLE_UNLOCK, inline too (a second predictable branch).
 *   txn (rtm, emu, inject): skip if the history says so; otherwise wait until
 *     the lock is free, begin; inside, read the lock word (LOCKED puts it in
 *     the read set) and abort with ELIDE_CODE_LOCK_BUSY if it is held, else
 *     run the critical section transactionally. After an abort the policy
 *     (elide_policy) says retry, wait, skip or lock.
 *   Unlock commits when this thread has elided acquisitions open
 *   (elide_t_depth > 0) and the lock word is free; else it really unlocks.
 *   On hardware this cannot confuse the two: a thread inside a transaction
 *   never takes a lock for real (any abort unwinds to the outermost begin,
 *   outside every transaction), and a lock we hold for real reads as held.
 *   One restriction follows for a lock whose LOCKED does not show our own
 *   real hold (a reader of elide_rwlock: LOCKED is "a writer holds it"):
 *   release a real read lock only when no elided section that began after
 *   it is still open (release in LIFO order, as scoped locking does).
 *
 * Concurrency contract: elide_t_depth is per thread, written by its owner
 * (inside transactions, so an abort rolls it back). The slow paths change no
 * stack local between begin and the abort that returns to it, so a begin
 * that returns twice by restoring registers (emu) is safe.
 */
#ifndef ELIDE_LOCK_H
#define ELIDE_LOCK_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Per-lock policy history. Written with relaxed atomics, outside
 * transactions, by whichever thread aborted or skipped. */
typedef struct elide_hist {
    uint32_t skip;        /* acquisitions left to take without trying */
    uint32_t zero_streak; /* zero-status aborts since the last commit / non-zero abort */
    uint32_t zero_skip;   /* length of the last long skip (0: none yet) */
} elide_hist;
#define ELIDE_HIST_INITIALIZER { 0, 0, 0 }

/* elide_g_kind: what every elided operation branches on. */
enum {
    ELIDE_KIND_NONE = 0,  /* plain locks */
    ELIDE_KIND_TXN = 1,   /* a backend with begin/end: rtm, emu, inject */
    ELIDE_KIND_HLE = 2,   /* XACQUIRE/XRELEASE forms */
    ELIDE_KIND_UNSET = 3, /* not chosen yet: the first slow path calls elide_init */
};
extern unsigned char elide_g_kind;
extern __thread unsigned elide_t_depth; /* elided acquisitions this thread has open */

static inline unsigned elide_kind(void)
{
    return __atomic_load_n(&elide_g_kind, __ATOMIC_ACQUIRE);
}

/* One acquisition's attempt state (a stack local of the slow path). */
typedef struct elide_attempt {
    uint32_t busy_tries, conflict_tries, other_tries;
    uint32_t begins;
} elide_attempt;

/* Out of line (el_elide.c); names end in _ as they are for the macro only. */
void elide_kind_resolve_(void);                       /* elide_init(NULL) if UNSET */
int elide_acq_start_(elide_hist *h, elide_attempt *a); /* 0: skip elision this time */
void elide_before_begin_(elide_attempt *a);
int elide_wait_step_(elide_attempt *a, unsigned *spins); /* 0: stop waiting, take the lock */
int elide_after_abort_(elide_hist *h, elide_attempt *a, unsigned status); /* 0: take the lock */
void elide_committed_(elide_hist *h);

#define ELIDE_LIKELY(x) __builtin_expect(!!(x), 1)

#define ELIDE_PROTOTYPE(N, T, HIST, LOCKED, LOCK, UNLOCK, TRYLOCK, HLE_LOCK,   \
                        HLE_UNLOCK)                                            \
    /* Elide one acquisition: 1 = inside a transaction, 0 = take the lock. */  \
    static __attribute__((noinline, unused)) int elide_##N##_txn_slow(T *l)    \
    {                                                                          \
        elide_hist *h = HIST(l);                                               \
        elide_attempt a;                                                       \
        if (!elide_acq_start_(h, &a))                                          \
            return 0;                                                          \
        for (;;) {                                                             \
            unsigned spins = 0;                                                \
            while (LOCKED(l))                                                  \
                if (!elide_wait_step_(&a, &spins))                             \
                    return 0;                                                  \
            elide_before_begin_(&a);                                           \
            unsigned s = elide_txn_begin();                                    \
            if (s == ELIDE_STARTED) {                                          \
                if (!LOCKED(l)) {                                              \
                    elide_t_depth++;                                           \
                    return 1;                                                  \
                }                                                              \
                elide_txn_abort(ELIDE_CODE_LOCK_BUSY);                         \
                /* only inject returns from its abort */                       \
                s = ELIDE_EXPLICIT_STATUS(ELIDE_CODE_LOCK_BUSY);               \
            }                                                                  \
            if (!elide_after_abort_(h, &a, s))                                 \
                return 0;                                                      \
        }                                                                      \
    }                                                                          \
    static __attribute__((noinline, unused)) void elide_##N##_lock_slow(T *l)  \
    {                                                                          \
        unsigned k = elide_kind();                                             \
        if (k == ELIDE_KIND_UNSET) {                                           \
            elide_kind_resolve_();                                             \
            k = elide_kind();                                                  \
        }                                                                      \
        if (k == ELIDE_KIND_HLE)                                               \
            HLE_LOCK(l);                                                       \
        else if (k == ELIDE_KIND_NONE || !elide_##N##_txn_slow(l))             \
            LOCK(l);                                                           \
    }                                                                          \
    static inline __attribute__((unused)) void elide_##N##_lock(T *l)          \
    {                                                                          \
        unsigned k = elide_kind();                                             \
        if (ELIDE_LIKELY(k == ELIDE_KIND_NONE))                                \
            LOCK(l);                                                           \
        else if (k == ELIDE_KIND_HLE)                                          \
            HLE_LOCK(l);                                                       \
        else                                                                   \
            elide_##N##_lock_slow(l);                                          \
    }                                                                          \
    static __attribute__((noinline, unused)) void elide_##N##_unlock_slow(T *l)\
    {                                                                          \
        if (elide_kind() == ELIDE_KIND_HLE) {                                  \
            HLE_UNLOCK(l);                                                     \
        } else if (elide_t_depth > 0 && !LOCKED(l)) {                          \
            elide_t_depth--;                                                   \
            elide_txn_end();                                                   \
            elide_committed_(HIST(l));                                         \
        } else {                                                               \
            UNLOCK(l);                                                         \
        }                                                                      \
    }                                                                          \
    static inline __attribute__((unused)) void elide_##N##_unlock(T *l)        \
    {                                                                          \
        unsigned k = elide_kind();                                             \
        if (ELIDE_LIKELY(k == ELIDE_KIND_NONE))                                \
            UNLOCK(l);                                                         \
        else if (k == ELIDE_KIND_HLE)                                          \
            HLE_UNLOCK(l);                                                     \
        else                                                                   \
            elide_##N##_unlock_slow(l);                                        \
    }                                                                          \
    /* One transactional attempt; then the plain trylock (no waiting). */      \
    static __attribute__((noinline, unused)) int elide_##N##_trylock_slow(T *l)\
    {                                                                          \
        unsigned k = elide_kind();                                             \
        if (k == ELIDE_KIND_UNSET) {                                           \
            elide_kind_resolve_();                                             \
            k = elide_kind();                                                  \
        }                                                                      \
        if (k != ELIDE_KIND_TXN)                                               \
            return TRYLOCK(l);                                                 \
        elide_hist *h = HIST(l);                                               \
        elide_attempt a;                                                       \
        if (elide_acq_start_(h, &a) && !LOCKED(l)) {                           \
            elide_before_begin_(&a);                                           \
            unsigned s = elide_txn_begin();                                    \
            if (s == ELIDE_STARTED) {                                          \
                if (!LOCKED(l)) {                                              \
                    elide_t_depth++;                                           \
                    return 1;                                                  \
                }                                                              \
                elide_txn_abort(ELIDE_CODE_LOCK_BUSY);                         \
                s = ELIDE_EXPLICIT_STATUS(ELIDE_CODE_LOCK_BUSY);               \
            }                                                                  \
            elide_after_abort_(h, &a, s);                                      \
        }                                                                      \
        return TRYLOCK(l);                                                     \
    }                                                                          \
    static inline __attribute__((unused)) int elide_##N##_trylock(T *l)       \
    {                                                                          \
        if (ELIDE_LIKELY(elide_kind() == ELIDE_KIND_NONE))                     \
            return TRYLOCK(l);                                                 \
        return elide_##N##_trylock_slow(l);                                    \
    }

#ifdef __cplusplus
}
#endif
#endif
