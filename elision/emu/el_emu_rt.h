/* el_emu_rt.h: the emu transaction engine, shared by el_emu_rt.c (begin,
 * end, abort, doom) and el_emu_hooks.c (the __tsan_* entry points). The
 * fast paths of every access are inline here; slow paths are ..._slow.
 *
 * Concurrency contract: see the top of el_emu_rt.c (ownership records,
 * seq, doom, requester wins). Fields of el_emu_tx are owned by their thread
 * unless marked "shared" below.
 */
#ifndef ELIDE_EL_EMU_RT_H
#define ELIDE_EL_EMU_RT_H

#include "el_emu_internal.h"

#include <sched.h>
#include <stdatomic.h>

#define EL_EMU_TLS __attribute__((tls_model("initial-exec")))
#define EL_EMU_NONTX 0xffffffffu   /* orec writer while a non-tx atomic runs */
#define EL_EMU_RING 256            /* abort records kept per thread */

/* own = version << 32 | writer: one word, so a transaction releases a line
 * (writer 0, version + 1) with one plain release store. */
typedef struct el_emu_orec {
    _Atomic uint64_t own;
    _Atomic uint64_t readers;
} el_emu_orec;
#define EL_EMU_VERSION_MASK 0xffffffff00000000ull
#define EL_EMU_VERSION_ONE  0x100000000ull

/* The layout is el_emu_asm.S's: keep both in step. */
typedef struct el_emu_ctx {
    uint64_t rbx, rbp, r12, r13, r14, r15, rsp, rip;
    uint32_t mxcsr;
    uint16_t fpucw;
} el_emu_ctx;
_Static_assert(__builtin_offsetof(el_emu_ctx, rsp) == 48, "asm layout");
_Static_assert(__builtin_offsetof(el_emu_ctx, mxcsr) == 64, "asm layout");
_Static_assert(__builtin_offsetof(el_emu_ctx, fpucw) == 68, "asm layout");

typedef struct el_emu_tx {
    /* shared: written by dooming threads (under doom_lock), read by owner */
    _Alignas(64) _Atomic uint64_t doom;
    uintptr_t doom_line;
    const void *doom_pc;       /* the dooming access's code address */
    int doom_by_tx, doom_by_slot;
    atomic_flag doom_lock;
    /* shared: written by the owner, read by threads that wait for it */
    _Alignas(64) _Atomic uint64_t seq;
    /* owner only */
    _Alignas(64) uint64_t seq_local;
    unsigned depth;
    unsigned slot;
    uint32_t id;               /* slot + 1: the orec writer value */
    uint64_t bit;              /* 1 << slot: the orec reader bit */
    uint64_t rng, inject_t;
    unsigned inject_gen;
    unsigned abort_status;
    const void *other_pc;      /* for the abort being recorded: the other party's access */
    int aliased;               /* for the abort being recorded: a record alias */
    el_emu_vec rset, wset;     /* line addresses read / owned for writing */
    el_emu_cap cap;
    el_emu_ctx ctx, scratch;   /* outermost begin; nested begins write scratch */
    uintptr_t stack_lo, stack_top, win_lo;
    size_t win_len;
    unsigned char *win;        /* the saved stack window (GC-scanned memory) */
    elide_emu_stats st;
    uint64_t ring_head, ring_tail;
    elide_emu_abort_info ring[EL_EMU_RING];
    el_emu_log log;
} el_emu_tx;

typedef struct el_emu_globals {
    elide_emu_config cfg;
    unsigned long read_lines, window;
    int record;
    uint64_t inject_t;
    _Atomic unsigned inject_gen;
    _Atomic(elide_emu_abort_hook) hook;
} el_emu_globals;


/* EL_EMU_OREC_COUNT records, mapped by a constructor (el_emu_rt.c) */
extern el_emu_orec *el_emu_orecs;
extern el_emu_tx *_Atomic el_emu_slots[ELIDE_EMU_MAX_THREADS];
extern el_emu_globals el_emu_g;
extern __thread el_emu_tx *el_emu_self EL_EMU_TLS;

void el_emu_init(void);
void el_emu_thread_exit(void *t);
el_emu_ctx *el_emu_begin_ctx(void);
unsigned el_emu_begin_c(void);
void el_emu_finish(el_emu_tx *t, int restore);
__attribute__((noreturn)) void el_emu_abort(el_emu_tx *t, unsigned status, elide_emu_cause cause,
                                            const void *pc, uintptr_t line, int other_tx,
                                            int other_slot);
__attribute__((noreturn)) void el_emu_doomed_slow(el_emu_tx *t, const void *pc);
__attribute__((noreturn)) void el_emu_inject_slow(el_emu_tx *t, uint64_t r, const void *pc);
__attribute__((noreturn)) void el_emu_on_stack(void *sp, void (*fn)(void *), void *arg);
__attribute__((noreturn)) void el_emu_resume(const el_emu_ctx *c, unsigned status);
uint64_t el_emu_doom(unsigned slot, uintptr_t line, int by_tx, int by_slot, const void *pc);
void el_emu_wait_end(el_emu_tx *me, unsigned slot, uint64_t q, const void *pc);
void el_emu_evict_readers(el_emu_tx *me, el_emu_orec *o, uintptr_t line, const void *pc);
void el_emu_evict_writer(el_emu_tx *me, el_emu_orec *o, uintptr_t line, const void *pc);
void el_emu_tx_read_slow(el_emu_tx *t, el_emu_orec *o, uintptr_t line, const void *pc);
void el_emu_tx_write_slow(el_emu_tx *t, el_emu_orec *o, uintptr_t line, const void *pc);

static inline void el_emu_relax(void)
{
    __builtin_ia32_pause();
}

/* Spin a little, then give the core away: with more threads than cores
 * the one we wait for may not be running. 64 pauses is about the cost of
 * one rollback of a small transaction. */
static inline void el_emu_backoff(unsigned *spins)
{
    if (++*spins < 64)
        el_emu_relax();
    else
        sched_yield();
}

static inline el_emu_orec *el_emu_orec_of(uintptr_t line)
{
    return &el_emu_orecs[el_emu_orec_index(line)];
}

/* Has another thread doomed the running transaction? Called after every
 * registration, so a doomed transaction never goes on to use what it read. */
static inline void el_emu_check_doom(el_emu_tx *t, const void *pc)
{
    uint64_t d = atomic_load_explicit(&t->doom, memory_order_acquire);
    if (__builtin_expect((uint32_t)(d >> 32) == (uint32_t)t->seq_local && (uint32_t)d, 0))
        el_emu_doomed_slow(t, pc);
}

static inline void el_emu_after_access(el_emu_tx *t, const void *pc)
{
    el_emu_check_doom(t, pc);
    if (__builtin_expect(t->inject_t != 0, 0)) {
        uint64_t r = el_emu_rng_next(&t->rng);
        if (r < t->inject_t)
            el_emu_inject_slow(t, r, pc);
    }
}

static inline uint32_t el_emu_writer(el_emu_orec *o)
{
    return (uint32_t)atomic_load_explicit(&o->own, memory_order_acquire);
}

/* Take the line for `id` if nobody holds it; else 0 and *holder (which may
 * read 0 if the line was released meanwhile: try again). */
static inline int el_emu_own_try(el_emu_orec *o, uint32_t id, uint32_t *holder)
{
    uint64_t x = atomic_load_explicit(&o->own, memory_order_relaxed);
    if ((uint32_t)x == 0 &&
        atomic_compare_exchange_strong(&o->own, &x, (x & EL_EMU_VERSION_MASK) | id))
        return 1;
    *holder = (uint32_t)x;
    return 0;
}

/* ---- transactional accesses -------------------------------------------- */

static inline void el_emu_tx_read(el_emu_tx *t, uintptr_t a, size_t n, const void *pc)
{
    uintptr_t l = el_emu_line_of(a), last = el_emu_line_of(a + n - 1);
    for (;; l += EL_EMU_LINE) {
        el_emu_orec *o = el_emu_orec_of(l);
        if ((uint32_t)atomic_load_explicit(&o->own, memory_order_relaxed) != t->id &&
            !(atomic_load_explicit(&o->readers, memory_order_relaxed) & t->bit))
            el_emu_tx_read_slow(t, o, l, pc);
        if (l == last)
            break;
    }
    el_emu_after_access(t, pc);
}

/* Own every line, then save the old bytes: the log holds committed values. */
static inline void el_emu_tx_write(el_emu_tx *t, uintptr_t a, size_t n, const void *pc)
{
    uintptr_t l = el_emu_line_of(a), last = el_emu_line_of(a + n - 1);
    for (;; l += EL_EMU_LINE) {
        el_emu_orec *o = el_emu_orec_of(l);
        if ((uint32_t)atomic_load_explicit(&o->own, memory_order_relaxed) != t->id)
            el_emu_tx_write_slow(t, o, l, pc);
        if (l == last)
            break;
    }
    el_emu_log_save(&t->log, a, n);
    el_emu_after_access(t, pc);
}

/* ---- non-transactional accesses (strong isolation) ------------------------ */

void el_emu_nontx_read_slow(uintptr_t a, size_t n, const void *pc);
el_emu_orec *el_emu_atomic_enter(uintptr_t a, size_t n, int write, const void *pc);
static inline void el_emu_atomic_leave(el_emu_orec *o)
{
    if (o)   /* writer EL_EMU_NONTX -> 0; only we change the word meanwhile */
        atomic_store_explicit(&o->own, atomic_load_explicit(&o->own, memory_order_relaxed) &
                                           EL_EMU_VERSION_MASK, memory_order_release);
}
uint32_t el_emu_nontx_load_enter_slow(el_emu_orec *o, uintptr_t line, const void *pc);
/* A non-transactional atomic load, seqlock-style: note the line's version
 * with no transactional writer, load, and accept only if still so. */
static inline uint32_t el_emu_nontx_load_enter(uintptr_t a, const void *pc)
{
    el_emu_orec *o = el_emu_orec_of(el_emu_line_of(a));
    uint64_t x = atomic_load(&o->own);
    if (__builtin_expect((uint32_t)x == 0 || (uint32_t)x == EL_EMU_NONTX, 1))
        return (uint32_t)(x >> 32);
    return el_emu_nontx_load_enter_slow(o, el_emu_line_of(a), pc);
}
static inline int el_emu_nontx_load_ok(uintptr_t a, uint32_t v)
{
    uint64_t x = atomic_load(&el_emu_orec_of(el_emu_line_of(a))->own);
    return ((uint32_t)x == 0 || (uint32_t)x == EL_EMU_NONTX) && (uint32_t)(x >> 32) == v;
}
void el_emu_nontx_write_slow(uintptr_t a, size_t n, const void *pc);

static inline void el_emu_nontx_read(uintptr_t a, size_t n, const void *pc)
{
    uintptr_t l = el_emu_line_of(a), last = el_emu_line_of(a + n - 1);
    for (;; l += EL_EMU_LINE) {
        uint32_t w = el_emu_writer(el_emu_orec_of(l));
        if (__builtin_expect(w != 0 && w != EL_EMU_NONTX, 0)) {
            el_emu_nontx_read_slow(a, n, pc);
            return;
        }
        if (l == last)
            break;
    }
}

static inline void el_emu_nontx_write(uintptr_t a, size_t n, const void *pc)
{
    uintptr_t l = el_emu_line_of(a), last = el_emu_line_of(a + n - 1);
    for (;; l += EL_EMU_LINE) {
        el_emu_orec *o = el_emu_orec_of(l);
        if (__builtin_expect(((uint32_t)atomic_load_explicit(&o->own, memory_order_acquire) |
                              atomic_load_explicit(&o->readers, memory_order_relaxed)) != 0, 0)) {
            el_emu_nontx_write_slow(a, n, pc);
            break;
        }
        if (l == last)
            break;
    }
}

/* ---- the lock-discipline check (el_emu_check.c) ---------------------------- */

#define EL_EMU_HELD_MAX 4
typedef struct el_emu_held {
    int n;
    uintptr_t lock[EL_EMU_HELD_MAX];
    uint64_t hold[EL_EMU_HELD_MAX];
} el_emu_held;
extern int el_emu_check_on;
extern __thread el_emu_held el_emu_held_self EL_EMU_TLS;
void el_emu_check_mark(uintptr_t a, size_t n);
void el_emu_check_read(el_emu_tx *t, uintptr_t a, size_t n, const void *pc);

/* Plain (non-atomic) accesses: the only ones the check looks at. */
static inline void el_emu_read(uintptr_t a, size_t n, const void *pc)
{
    el_emu_tx *t = el_emu_self;
    if (t && t->depth) {
        if (__builtin_expect(el_emu_check_on, 0))
            el_emu_check_read(t, a, n, pc);
        el_emu_tx_read(t, a, n, pc);
    } else
        el_emu_nontx_read(a, n, pc);
}

static inline void el_emu_write(uintptr_t a, size_t n, const void *pc)
{
    el_emu_tx *t = el_emu_self;
    if (t && t->depth)
        el_emu_tx_write(t, a, n, pc);
    else {
        if (__builtin_expect(el_emu_check_on, 0) && el_emu_held_self.n)
            el_emu_check_mark(a, n);
        el_emu_nontx_write(a, n, pc);
    }
}

#endif
