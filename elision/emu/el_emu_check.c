/* el_emu_check.c: the lock-discipline check of the simulator.
 *
 * DESIGN.md section 4: a transaction must subscribe to (read) the lock word
 * of every object it touches, so that a thread that holds that lock for
 * real aborts it. A transaction that skips the subscription can read an
 * object in the middle of another thread's critical section and commit a
 * state that never existed: strong isolation alone does not catch that,
 * because the other thread's stores may all have landed before the
 * transaction read them.
 *
 * With the check on (ELIDE_EMU_CHECK=1, or elide_emu_set_check), a program
 * reports its real lock acquisitions (elide_emu_lock_held / _released; the
 * fallback layer does when built with FB_EMU_CHECK). Every plain store a
 * thread makes outside a transaction while it holds locks marks the 8-byte
 * words it wrote, in their line's mark, with the most recent lock and that
 * acquisition's number (word granularity, so an object's immutable header
 * fields, which share a line with its lock and its mutable fields, are not
 * taken for written ones). A plain load inside a transaction of a marked
 * word whose lock is still held by that
 * acquisition, by another thread, when the transaction has not read the
 * lock word, is a violation: it is counted, reported once per code address
 * on stderr, and the transaction aborts (cause ELIDE_EMU_UNSUBSCRIBED,
 * status CONFLICT, as the conflict it hides). Atomic loads are exempt: a
 * program's deliberate lock-free readers use atomics, as under TSan.
 *
 * Concurrency contract: the tables are arrays of atomics written by any
 * thread with relaxed stores; a mark or a live entry may be overwritten by
 * a colliding one (the check then misses that case: it never reports a
 * false violation, since the hold number must match the live one). The held
 * set is per thread.
 */
#define ELIDE_EMU_BUILD_CORE 1
#include "el_emu_rt.h"

#include <stdio.h>
#include <stdlib.h>

int el_emu_check_on;
__thread el_emu_held el_emu_held_self EL_EMU_TLS;

#define MARKS (1u << 16) /* lines marked at once: 4 MiB of recently stored-to memory */
#define LIVE 4096        /* locks held at once, over every thread */

typedef struct {
    _Atomic uintptr_t line;
    _Atomic uintptr_t lock;
    _Atomic uint64_t hold;
    _Atomic unsigned words; /* bit i: bytes 8i..8i+7 of the line were stored to */
} mark_t;

/* The 8-byte words of line l that [a, a + n) touches, as a bit mask. */
static unsigned words_of(uintptr_t l, uintptr_t a, size_t n)
{
    uintptr_t lo = a > l ? a : l, hi = a + n < l + EL_EMU_LINE ? a + n : l + EL_EMU_LINE;
    unsigned m = 0;
    for (uintptr_t w = (lo - l) / 8; w <= (hi - 1 - l) / 8; w++)
        m |= 1u << w;
    return m;
}
typedef struct {
    _Atomic uintptr_t lock;
    _Atomic uint64_t hold;
} live_t;

static mark_t marks[MARKS];
static live_t live[LIVE];
static _Atomic uint64_t hold_seq;
static _Atomic uint64_t violations;

static size_t hash_ptr(uintptr_t p, size_t n) { return (size_t)((p >> 3) * 0x9e3779b97f4a7c15ull >> 20) & (n - 1); }

void elide_emu_set_check(int on) { el_emu_check_on = on != 0; }
unsigned long elide_emu_violations(void) { return (unsigned long)atomic_load(&violations); }

static live_t *live_slot(uintptr_t lock, int insert)
{
    size_t h = hash_ptr(lock, LIVE);
    for (size_t k = 0; k < 16; k++) {
        live_t *e = &live[(h + k) & (LIVE - 1)];
        uintptr_t cur = atomic_load_explicit(&e->lock, memory_order_relaxed);
        if (cur == lock)
            return e;
        if (insert && (cur == 0 || atomic_load_explicit(&e->hold, memory_order_relaxed) == 0)) {
            atomic_store_explicit(&e->lock, lock, memory_order_relaxed);
            return e;
        }
    }
    return NULL;
}

void elide_emu_lock_held(const void *lock)
{
    if (!el_emu_check_on)
        return;
    el_emu_held *h = &el_emu_held_self;
    uint64_t id = atomic_fetch_add(&hold_seq, 1) + 1;
    if (h->n < EL_EMU_HELD_MAX) {
        h->lock[h->n] = (uintptr_t)lock;
        h->hold[h->n] = id;
        h->n++;
    }
    live_t *e = live_slot((uintptr_t)lock, 1);
    if (e)
        atomic_store_explicit(&e->hold, id, memory_order_release);
}

void elide_emu_lock_released(const void *lock)
{
    if (!el_emu_check_on)
        return;
    el_emu_held *h = &el_emu_held_self;
    for (int i = h->n; i-- > 0;)
        if (h->lock[i] == (uintptr_t)lock) {
            h->lock[i] = h->lock[h->n - 1];
            h->hold[i] = h->hold[h->n - 1];
            h->n--;
            break;
        }
    live_t *e = live_slot((uintptr_t)lock, 0);
    if (e)
        atomic_store_explicit(&e->hold, 0, memory_order_release);
}

void el_emu_check_mark(uintptr_t a, size_t n)
{
    el_emu_held *h = &el_emu_held_self;
    uintptr_t l = el_emu_line_of(a), last = el_emu_line_of(a + n - 1);
    uintptr_t lock = h->lock[h->n - 1];
    uint64_t hold = h->hold[h->n - 1];
    for (;; l += EL_EMU_LINE) {
        mark_t *m = &marks[hash_ptr(l, MARKS)];
        unsigned w = words_of(l, a, n);
        if (atomic_load_explicit(&m->line, memory_order_relaxed) == l &&
            atomic_load_explicit(&m->hold, memory_order_relaxed) == hold)
            atomic_fetch_or_explicit(&m->words, w, memory_order_relaxed);
        else {
            atomic_store_explicit(&m->lock, lock, memory_order_relaxed);
            atomic_store_explicit(&m->hold, hold, memory_order_relaxed);
            atomic_store_explicit(&m->words, w, memory_order_relaxed);
            atomic_store_explicit(&m->line, l, memory_order_release);
        }
        if (l == last)
            break;
    }
}

static int held_by_me(uintptr_t lock)
{
    el_emu_held *h = &el_emu_held_self;
    for (int i = 0; i < h->n; i++)
        if (h->lock[i] == lock)
            return 1;
    return 0;
}

static void report(const void *pc, uintptr_t line, uintptr_t lock)
{
    static _Atomic(const void *) seen[64];
    for (int i = 0; i < 64; i++) {
        const void *s = atomic_load(&seen[i]);
        if (s == pc)
            return;
        if (!s) {
            if (!atomic_compare_exchange_strong(&seen[i], &s, pc) && s == pc)
                return;
            break;
        }
    }
    fprintf(stderr, "elide emu: lock discipline: a transaction read line %#lx, written under lock %p "
                    "that another thread holds, without reading that lock word (code %p)\n",
            (unsigned long)line, (void *)lock, pc);
}

void el_emu_check_read(el_emu_tx *t, uintptr_t a, size_t n, const void *pc)
{
    uintptr_t l = el_emu_line_of(a), last = el_emu_line_of(a + n - 1);
    for (;; l += EL_EMU_LINE) {
        mark_t *m = &marks[hash_ptr(l, MARKS)];
        if (atomic_load_explicit(&m->line, memory_order_acquire) == l &&
            (atomic_load_explicit(&m->words, memory_order_relaxed) & words_of(l, a, n))) {
            uintptr_t lock = atomic_load_explicit(&m->lock, memory_order_relaxed);
            uint64_t hold = atomic_load_explicit(&m->hold, memory_order_relaxed);
            live_t *e = lock ? live_slot(lock, 0) : NULL;
            if (e && hold && atomic_load_explicit(&e->hold, memory_order_acquire) == hold &&
                !held_by_me(lock)) {
                el_emu_orec *o = el_emu_orec_of(el_emu_line_of(lock));
                int subscribed = (atomic_load_explicit(&o->readers, memory_order_relaxed) & t->bit) ||
                                 (uint32_t)atomic_load_explicit(&o->own, memory_order_relaxed) == t->id;
                if (!subscribed) {
                    atomic_fetch_add(&violations, 1);
                    report(pc, l, lock);
                    el_emu_abort(t, ELIDE_ABORT_CONFLICT, ELIDE_EMU_UNSUBSCRIBED, pc, l, 0, -1);
                }
            }
        }
        if (l == last)
            break;
    }
}

/* ELIDE_EMU_CHECK=1 (0 or unset: off), read before main so that locks
 * taken before the first transaction are known too. */
__attribute__((constructor)) static void el_emu_check_env(void)
{
    const char *e = getenv("ELIDE_EMU_CHECK");
    if (!e || !*e || (e[0] == '0' && !e[1]))
        return;
    if (e[0] == '1' && !e[1]) {
        el_emu_check_on = 1;
        return;
    }
    fprintf(stderr, "elide emu: ELIDE_EMU_CHECK=%s: expected 0 or 1\n", e);
    exit(2);
}
