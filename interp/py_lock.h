/* py_lock.h: the lock boundary of the interpreter (DESIGN.md section 4).
 *
 * Concurrency contract: every access to a shared mutable object (list, dict,
 * set, instance and class attribute dicts, module globals, cells, deque,
 * lock/queue internals) is bracketed by PY_LOCK(o)/PY_UNLOCK(o) on that
 * object; an operation on two objects takes PY_LOCK2(a, b), which locks in
 * address order. Functions that need the caller to hold the lock are named
 * `..._locked`. The lock word is py_obj.lock.
 *
 * In `gil` mode (the only mode of this issue) the GIL already serialises all
 * bytecode, so the macros compile to nothing; the elision issue gives them
 * their `fine` and transactional meanings without touching call sites.
 *
 * PY_YIELD_POINT(ts) sits at every backward jump and call in the VM. In gil
 * mode it hands the GIL over when another thread has asked for it (after the
 * switch interval); the elision issue ends and begins a region there.
 * PY_IRREVOCABLE(ts) is called before I/O, sleeping, blocking waits and thread
 * starts; in gil mode it does nothing (the blocking call itself drops the GIL
 * through PY_BLOCKING_BEGIN/END).
 */
#ifndef PY_LOCK_H
#define PY_LOCK_H

#include "py_gil.h"

#define PY_LOCK(o) ((void)(o))
#define PY_UNLOCK(o) ((void)(o))
#define PY_LOCK_R(o) ((void)(o))
#define PY_UNLOCK_R(o) ((void)(o))
#define PY_LOCK2(a, b) ((void)(a), (void)(b))
#define PY_UNLOCK2(a, b) ((void)(a), (void)(b))

#define PY_YIELD_POINT(ts)                                                     \
    do {                                                                       \
        if (__builtin_expect(                                                  \
                __atomic_load_n(&py_gil.drop_request, __ATOMIC_RELAXED), 0))   \
            py_gil_yield(ts);                                                  \
    } while (0)

#define PY_IRREVOCABLE(ts) ((void)(ts))

/* Around a blocking call: drop the GIL, block, take it back. */
#define PY_BLOCKING_BEGIN(ts) py_gil_release(ts)
#define PY_BLOCKING_END(ts) py_gil_acquire(ts)

#endif
