/* emu_test_util.h: helpers shared by the instrumented emu tests.
 *
 * raw_load / raw_store are compiled without instrumentation: a side channel
 * the simulator does not see, so two threads can line up the moments inside
 * their transactions without the signal itself conflicting.
 *
 * el_tlock is a minimal elided spin lock (the shape of libelide's): acquire
 * begins a transaction inside a helper that RETURNS to the caller's critical
 * section, subscribes to the lock word, and falls back to taking the lock
 * after a few aborts. Concurrency: `held` is the only shared field; a
 * transaction reads it (so a real acquisition aborts every elided holder).
 */
#ifndef ELIDE_TESTS_EMU_UTIL_H
#define ELIDE_TESTS_EMU_UTIL_H

#include <stdatomic.h>
#include <stdint.h>

#include "elide_emu.h"

#define NOTSAN __attribute__((no_sanitize("thread"), noinline, unused))

static NOTSAN void raw_store(volatile int *p, int v) { *p = v; }
static NOTSAN int raw_load(volatile int *p) { return *p; }

/* Spin until *p == v, making instrumented accesses to a private line so a
 * doomed transaction notices (an abort leaves this function). */
static __attribute__((unused)) void spin_until(volatile int *p, int v, volatile long *priv)
{
    while (raw_load(p) != v)
        (*priv)++;
}

typedef struct el_tlock {
    _Atomic int held;
    char pad[60];
} el_tlock;

typedef struct el_tlock_counts {
    unsigned long commits, fallbacks, aborts, conflict, capacity, explicit_busy, other;
} el_tlock_counts;

/* retries before taking the lock for real: enough that injected and
 * conflict aborts rarely exhaust them, few enough that a workload that
 * cannot commit still progresses */
#define EL_TLOCK_TRIES 8

static __attribute__((noinline, unused)) void el_tlock_acquire(el_tlock *l, el_tlock_counts *c)
{
    for (int i = 0; i < EL_TLOCK_TRIES; i++) {
        unsigned s = el_emu_begin();
        if (s == ELIDE_STARTED) {
            if (atomic_load_explicit(&l->held, memory_order_relaxed))
                el_emu_abort_code(ELIDE_CODE_LOCK_BUSY);
            return;
        }
        c->aborts++;
        if (s & ELIDE_ABORT_CONFLICT)
            c->conflict++;
        else if (s & ELIDE_ABORT_CAPACITY)
            c->capacity++;
        else if ((s & ELIDE_ABORT_EXPLICIT) && ELIDE_ABORT_CODE(s) == ELIDE_CODE_LOCK_BUSY)
            c->explicit_busy++;
        else
            c->other++;
        if (s & ELIDE_ABORT_CAPACITY)
            break;
        while (atomic_load_explicit(&l->held, memory_order_relaxed))
            __builtin_ia32_pause();
    }
    c->fallbacks++;
    for (;;) {
        if (!atomic_exchange(&l->held, 1))
            return;
        while (atomic_load_explicit(&l->held, memory_order_relaxed))
            __builtin_ia32_pause();
    }
}

static __attribute__((noinline, unused)) void el_tlock_release(el_tlock *l, el_tlock_counts *c)
{
    if (el_emu_test()) {
        el_emu_end();
        c->commits++;
    } else {
        atomic_store(&l->held, 0);
    }
}

#endif
