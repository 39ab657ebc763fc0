/* py_lock.h: the lock boundary of the interpreter (DESIGN.md sections 3-5).
 *
 * Every access to a shared mutable object (list, dict, set, instance and
 * class attribute dicts, module globals, cells, deque, lock/queue internals)
 * is bracketed by PY_LOCK(o)/PY_UNLOCK(o) on that object, or PY_LOCK_R /
 * PY_UNLOCK_R for a read; an operation on two objects takes PY_LOCK2(a, b),
 * which locks in address order. Functions that need the caller to hold the
 * lock are named `..._locked`. The lock word is py_obj.lock (fb_lock_t).
 *
 * How the threads run (py_run, chosen once by py_run_init before the
 * interpreter thread starts, never changed afterwards) gives the macros their
 * meaning:
 *
 *   PY_RUN_GIL   one real GIL (py_gil.c); the lock macros do nothing
 *   PY_RUN_HLE   one spinlock GIL taken with XACQUIRE / released with
 *                XRELEASE (py_region.c); the lock macros do nothing
 *   PY_RUN_FINE  no GIL: PY_LOCK takes the object's lock for real
 *                (fallback/: one atomic uncontended, parks when contended)
 *   PY_RUN_TX    (rtm, emu) each region (the bytecode between yield points)
 *                is a transaction; inside one (ts->lk == PY_LK_TX) PY_LOCK
 *                only reads the lock word, which subscribes the transaction
 *                to it, and aborts with ELIDE_CODE_OBJ_BUSY when it is held;
 *                a region that fell back (ts->lk == PY_LK_REAL) takes locks
 *                for real, as PY_RUN_FINE
 *
 * The rules every call site keeps (fallback/README.md, "The rules"):
 * 1. No object lock is held across a yield point, a blocking call, a call
 *    into Python code or into another object's methods (hash, eq, repr,
 *    iteration of another object): lock, touch this object's memory, unlock.
 *    (Allocation under a lock is fine: it never takes an object lock.)
 * 2. At most two object locks at once, and then only through PY_LOCK2.
 * 3. Locks are not recursive.
 * A transaction relies on the same rules: a region ends only where no
 * elided lock is open (ts->cs == 0 is asserted there).
 *
 * PY_YIELD_POINT(ts) sits at every backward jump and call of the VM:
 * gil: hand the GIL over when asked; fine: a safepoint (one load); tx: count
 * down the region and, at its end, commit and begin the next transaction;
 * hle: hand the spinlock GIL over when another thread waits.
 * PY_IRREVOCABLE(ts) precedes I/O, sleeping, blocking waits, imports and
 * thread starts: in a transaction it ends the region there (commit when no
 * elided lock is open, else abort with ELIDE_CODE_IRREVOCABLE and rerun the
 * region with real locks), so a system call never runs transactionally.
 * PY_BLOCKING_BEGIN/END bracket a call that may block, holding no lock.
 *
 * Concurrency contract: py_run is written once before any interpreter thread
 * exists; ts->lk, ts->cs and the region fields are the thread's own (py.h).
 */
#ifndef PY_LOCK_H
#define PY_LOCK_H

#include "fb.h"
#include "elide.h"
#include "py_gil.h"

enum { PY_RUN_GIL = 0, PY_RUN_FINE, PY_RUN_TX, PY_RUN_HLE }; /* py_one_gil (py.h) knows 0 and 3 */
extern int py_run;
_Static_assert(PY_RUN_GIL == 0 && PY_RUN_HLE == 3, "py_one_gil in py.h");

/* ts->lk: how this thread's lock macros behave right now. */
enum { PY_LK_NONE = 0, PY_LK_REAL = 1, PY_LK_TX = 2 };

/* Out of line (py_region.c). */
void py_lock_contended(py_obj *o, int write);   /* records the site, then waits */
_Noreturn void py_tx_abort(unsigned code);
/* End the running region and begin the next at yield point (co, ip). It
 * returns inside the new transaction; after an abort, execution comes back
 * into it (the transaction began in its frame; RTM restores that frame with
 * the rest of memory, emu with its stack window), and it returns again, to
 * the same VM state, once a retry starts or the region runs with real
 * locks. So the VM loop itself never calls a returns_twice function. */
void py_region_boundary(py_ts *ts, py_code *co, uint32_t ip);
void py_region_irrevocable(py_ts *ts, unsigned code);
void py_region_leave_run(py_ts *ts);             /* py_vm_run returns: end a tx it began */
void py_blocking_begin(py_ts *ts);
void py_blocking_end(py_ts *ts);
void py_hle_yield(py_ts *ts);

static inline void py_lock_real_w(py_obj *o)
{
    if (__builtin_expect(!fb_trylock(&o->lock), 0))
        py_lock_contended(o, 1);
}

static inline void py_lock_real_r(py_obj *o)
{
    if (__builtin_expect(!fb_tryrlock(&o->lock), 0))
        py_lock_contended(o, 0);
}

static inline void py_lock_w(py_obj *o)
{
    if (py_run == PY_RUN_FINE) {
        py_lock_real_w(o);
    } else if (py_run == PY_RUN_TX) {
        py_ts *ts = py_cur;
        if (ts->lk == PY_LK_TX) {
            if (fb_locked(&o->lock))
                py_tx_abort(ELIDE_CODE_OBJ_BUSY);
            ts->cs++;
        } else
            py_lock_real_w(o);
    }
}

static inline void py_unlock_w(py_obj *o)
{
    if (py_run == PY_RUN_FINE) {
        fb_unlock(&o->lock);
    } else if (py_run == PY_RUN_TX) {
        py_ts *ts = py_cur;
        if (ts->lk == PY_LK_TX)
            ts->cs--;
        else
            fb_unlock(&o->lock);
    }
}

static inline void py_lock_r(py_obj *o)
{
    if (py_run == PY_RUN_FINE) {
        py_lock_real_r(o);
    } else if (py_run == PY_RUN_TX) {
        py_ts *ts = py_cur;
        if (ts->lk == PY_LK_TX) {
            if (fb_wlocked(&o->lock))
                py_tx_abort(ELIDE_CODE_OBJ_BUSY);
            ts->cs++;
        } else
            py_lock_real_r(o);
    }
}

static inline void py_unlock_r(py_obj *o)
{
    if (py_run == PY_RUN_FINE) {
        fb_runlock(&o->lock);
    } else if (py_run == PY_RUN_TX) {
        py_ts *ts = py_cur;
        if (ts->lk == PY_LK_TX)
            ts->cs--;
        else
            fb_runlock(&o->lock);
    }
}

static inline void py_lock2_w(py_obj *a, py_obj *b)
{
    if (a == b) {
        py_lock_w(a);
    } else if ((uintptr_t)a < (uintptr_t)b) {
        py_lock_w(a);
        py_lock_w(b);
    } else {
        py_lock_w(b);
        py_lock_w(a);
    }
}

static inline void py_unlock2_w(py_obj *a, py_obj *b)
{
    py_unlock_w(a);
    if (b != a)
        py_unlock_w(b);
}

/* Non-zero when this thread's lock macros really lock (fine, or a region
 * that runs outside a transaction): code that must know whether a callee
 * may block on an object lock asks this. */
static inline int py_locking(void)
{
    return py_run == PY_RUN_FINE || (py_run == PY_RUN_TX && py_cur->lk == PY_LK_REAL);
}

/* py_dict_entry_store: with one GIL the store is inline (no lock to take). */
static inline int py_dict_entry_store(pv o, size_t ix, pv key, pv v)
{
    if (py_run == PY_RUN_GIL || py_run == PY_RUN_HLE) {
        py_dict *d = (py_dict *)o;
        if (ix >= d->nent || d->ent[ix].key != key)
            return 0;
        if (d->ent[ix].val != v) {
            __atomic_store_n(&d->ent[ix].val, v, __ATOMIC_RELEASE);
            __atomic_store_n(&d->ver, d->ver + 2, __ATOMIC_RELEASE); /* stays even: py_dict.c */
        }
        return 1;
    }
    return py_dict_entry_store_slow(o, ix, key, v);
}

#define PY_LOCK(o) py_lock_w((py_obj *)(o))
#define PY_UNLOCK(o) py_unlock_w((py_obj *)(o))
#define PY_LOCK_R(o) py_lock_r((py_obj *)(o))
#define PY_UNLOCK_R(o) py_unlock_r((py_obj *)(o))
#define PY_LOCK2(a, b) py_lock2_w((py_obj *)(a), (py_obj *)(b))
#define PY_UNLOCK2(a, b) py_unlock2_w((py_obj *)(a), (py_obj *)(b))

/* Assert (debug builds of fallback/) that the caller holds o's lock; in a
 * transaction or without locks there is nothing to check. */
#define PY_ASSERT_LOCKED(o)                                                    \
    do {                                                                       \
        if (py_locking())                                                      \
            FB_ASSERT_LOCKED(&((py_obj *)(o))->lock);                          \
    } while (0)

/* (co, ip): the code object and instruction index of this yield point,
 * where the next region begins (region lengths and abort lines are kept
 * per yield point). */
#define PY_YIELD_POINT(ts, co, ip)                                             \
    do {                                                                       \
        if (py_run == PY_RUN_GIL) {                                            \
            if (__builtin_expect(                                              \
                    __atomic_load_n(&py_gil.drop_request, __ATOMIC_RELAXED), 0)) \
                py_gil_yield(ts);                                              \
        } else if (py_run == PY_RUN_FINE) {                                    \
            fb_safepoint();                                                    \
        } else if (--(ts)->rg_left <= 0) {                                     \
            if (py_run == PY_RUN_TX)                                           \
                py_region_boundary((ts), (co), (ip));                          \
            else                                                               \
                py_hle_yield(ts);                                              \
        }                                                                      \
    } while (0)

/* py_vm_run returns to its C caller. */
#define PY_LEAVE_RUN(ts)                                                       \
    do {                                                                       \
        if (py_run == PY_RUN_TX)                                               \
            py_region_leave_run(ts);                                           \
    } while (0)

#define PY_IRREVOCABLE(ts)                                                     \
    do {                                                                       \
        if (py_run == PY_RUN_TX && (ts)->lk == PY_LK_TX)                       \
            py_region_irrevocable((ts), ELIDE_CODE_IRREVOCABLE);               \
    } while (0)

/* Around a blocking call: drop the GIL (or leave the running set of the
 * world, ending the region first), block, come back. */
#define PY_BLOCKING_BEGIN(ts)                                                  \
    do {                                                                       \
        if (py_run == PY_RUN_GIL)                                              \
            py_gil_release(ts);                                                \
        else                                                                   \
            py_blocking_begin(ts);                                             \
    } while (0)
#define PY_BLOCKING_END(ts)                                                    \
    do {                                                                       \
        if (py_run == PY_RUN_GIL)                                              \
            py_gil_acquire(ts);                                                \
        else                                                                   \
            py_blocking_end(ts);                                               \
    } while (0)

#endif
