/* el_emu_rt.c: the transaction engine of the emu simulator.
 *
 * Compiled WITHOUT instrumentation; instrumented code calls into it through
 * the __tsan_* hooks (el_emu_hooks.c). Design in README.md beside this file.
 *
 * Concurrency contract:
 * - el_emu_orecs[i] (one per line index, direct mapped): `own` is one word,
 *   version << 32 | writer. writer is 0, the slot+1 of the one transaction
 *   that owns the line for writing, or EL_EMU_NONTX while a
 *   non-transactional atomic runs on the line (held only inside that hook).
 *   It is taken by CAS from writer 0; the owner releases it with a plain
 *   release store (writer 0, version + 1 for a transaction) after restoring
 *   or committing its bytes; non-transactional atomic loads read the version
 *   seqlock-style. `readers` is a mask of slots; each thread sets and clears
 *   only its own bit (seq_cst RMW).
 *   Registering as a reader (RMW on readers, then load own) and acquiring
 *   as a writer (CAS own, then load readers) are both full barriers, so of
 *   two racing parties at least one sees the other (Dekker).
 * - el_emu_tx.seq: written only by its thread; odd while a transaction runs.
 *   Bumped (release) after the transaction released every line, so a thread
 *   that waits for "seq != q" then sees the restored or committed bytes.
 * - el_emu_tx.doom: (seq << 32 | status) written by other threads under
 *   doom_lock, only while seq still equals the tagged value (doom_line /
 *   doom_by_* first, then doom with release); read by the owner with
 *   acquire. A doom tagged with an old seq is ignored.
 * - Requester wins: whoever touches a line that a live transaction holds in
 *   a conflicting way dooms that transaction and waits until it ended (the
 *   doomed one notices at its next instrumented access, rolls back and
 *   releases). A transaction that waits checks its own doom while waiting,
 *   so a cycle of waiters always breaks: each member was doomed by the one
 *   that waits for it. Non-transactional threads own nothing and are never
 *   waited for (except for the few instructions of an atomic hook).
 * - el_emu_slots[]: descriptors are never freed; a slot is reused with its
 *   descriptor when its thread exits (el_emu_slot_used, CAS).
 */
#define _GNU_SOURCE         /* pthread_getattr_np */
#define ELIDE_EMU_BUILD_CORE
#include "el_emu_rt.h"

#include <dlfcn.h>
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

el_emu_orec *el_emu_orecs;

/* The records live in an anonymous mapping, not in BSS: a collector that
 * scans the program's data for roots (Boehm GC, in the interpreter) read
 * the whole table on every collection, 0.14 s of every run's start with
 * 2^22 records. The records hold no pointers. Mapped first thing in
 * el_emu_init_once, which __tsan_init runs from the compiler's module
 * constructor before any instrumented code, and before the configuration
 * parser's wrapped memcmp reaches the hooks. */
static void el_emu_map_orecs(void)
{
    void *m = mmap(NULL, EL_EMU_OREC_COUNT * sizeof(el_emu_orec), PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (m == MAP_FAILED) {
        fprintf(stderr, "elide emu: cannot map %zu MiB of ownership records: %s\n",
                EL_EMU_OREC_COUNT * sizeof(el_emu_orec) >> 20, strerror(errno));
        exit(2);
    }
    el_emu_orecs = m;
}
el_emu_tx *_Atomic el_emu_slots[ELIDE_EMU_MAX_THREADS];
static _Atomic uint64_t el_emu_slot_used;
el_emu_globals el_emu_g;
__thread el_emu_tx *el_emu_self EL_EMU_TLS;
static __thread el_emu_ctx el_emu_noslot_ctx EL_EMU_TLS;
static pthread_once_t el_emu_once = PTHREAD_ONCE_INIT;
static pthread_key_t el_emu_key;
static _Atomic int el_emu_frozen;   /* 1 after the first begin: config fixed */

/* ---- configuration ------------------------------------------------------- */

static void el_emu_apply_config(void)
{
    const elide_emu_config *c = &el_emu_g.cfg;
    el_emu_g.read_lines = c->emu_read_lines;
    el_emu_g.window = c->emu_stack_window;
    el_emu_g.record = c->emu_record_aborts != 0;
    el_emu_g.inject_t = el_emu_inject_threshold(c->inject_p);
    atomic_fetch_add(&el_emu_g.inject_gen, 1);
}

static void el_emu_init_once(void)
{
    el_emu_map_orecs();
    elide_emu_config c = ELIDE_EMU_CONFIG_DEFAULT_INITIALIZER;
    int bad = el_emu_config_parse(&c, getenv("ELIDE_TUNABLES"), stderr);
    bad += el_emu_inject_parse(&c, getenv("ELIDE_EMU_INJECT"), getenv("ELIDE_EMU_SEED"), stderr);
    if (bad || el_emu_config_check(&c, stderr) < 0) {
        fprintf(stderr, "elide emu: fix the environment above; exiting\n");
        exit(2);
    }
    el_emu_g.cfg = c;
    el_emu_apply_config();
    if (pthread_key_create(&el_emu_key, el_emu_thread_exit) != 0)
        el_emu_die("pthread_key_create failed");
}

void el_emu_init(void)
{
    pthread_once(&el_emu_once, el_emu_init_once);
}

void elide_emu_config_get(elide_emu_config *out)
{
    el_emu_init();
    *out = el_emu_g.cfg;
}

int elide_emu_configure(const elide_emu_config *c)
{
    el_emu_init();
    if (atomic_load(&el_emu_frozen)) {
        fprintf(stderr, "elide emu: elide_emu_configure after the first transaction; ignored\n");
        return -1;
    }
    if (el_emu_config_check(c, stderr) < 0)
        return -1;
    el_emu_g.cfg = *c;
    el_emu_apply_config();
    return 0;
}

void elide_emu_set_inject(double p, unsigned long seed)
{
    el_emu_init();
    el_emu_g.cfg.inject_p = p < 0 ? 0 : p > 1 ? 1 : p;
    el_emu_g.cfg.seed = seed;
    el_emu_g.inject_t = el_emu_inject_threshold(el_emu_g.cfg.inject_p);
    atomic_fetch_add(&el_emu_g.inject_gen, 1);
}

/* ---- thread registration ----------------------------------------------- */

static int el_emu_slot_take(void)
{
    uint64_t used = atomic_load(&el_emu_slot_used);
    for (;;) {
        if (used == UINT64_MAX)
            return -1;
        int s = __builtin_ctzll(~used);
        if (atomic_compare_exchange_weak(&el_emu_slot_used, &used, used | 1ull << s))
            return s;
    }
}

/* The top of this thread's stack FRAMES. glibc puts a thread's struct
 * pthread (at the thread pointer) and its static TLS block (below it) at the
 * top of the stack mapping that pthread_getattr_np reports, and starts the
 * frames below them, at tp + sizeof(struct pthread) - static TLS size (the
 * static size includes the TCB). The window must stop there, or a rollback
 * would write back stale TLS and thread-list pointers. Both numbers come
 * from glibc's exports for debuggers and sanitizers; without them, the
 * window stops a page below the lowest TLS variable we know of (safe, and
 * only the outermost frame of the thread may then go unrestored). */
static uintptr_t el_emu_frames_top(uintptr_t tp)
{
    void (*info)(size_t *, size_t *) =
        (void (*)(size_t *, size_t *))dlsym(RTLD_DEFAULT, "_dl_get_tls_static_info");
    const unsigned *pthread_size = dlsym(RTLD_DEFAULT, "_thread_db_sizeof_pthread");
    if (info && pthread_size) {
        size_t size = 0, align = 0;
        info(&size, &align);
        return tp + *pthread_size - size;
    }
    uintptr_t a = (uintptr_t)&el_emu_self, b = (uintptr_t)&errno;
    return (a < b ? a : b) - 4096;
}

static uintptr_t el_emu_stack_top(uintptr_t *bottom)
{
    pthread_attr_t a;
    void *lo;
    size_t size;
    if (pthread_getattr_np(pthread_self(), &a) != 0 || pthread_attr_getstack(&a, &lo, &size) != 0)
        el_emu_die("cannot find this thread's stack (pthread_getattr_np)");
    pthread_attr_destroy(&a);
    *bottom = (uintptr_t)lo;
    uintptr_t top = (uintptr_t)lo + size, tp = (uintptr_t)__builtin_thread_pointer();
    if (tp > (uintptr_t)lo && tp <= top) {
        uintptr_t frames = el_emu_frames_top(tp);
        if (frames < top)
            top = frames;
    }
    return top;
}

static el_emu_tx *el_emu_tx_new(unsigned s)
{
    el_emu_tx *t = el_emu_mem_alloc(sizeof *t);
    t->slot = s;
    t->id = s + 1;
    t->bit = 1ull << s;
    el_emu_log_init(&t->log);
    if (el_emu_cap_init(&t->cap, el_emu_g.cfg.emu_l1d_size, el_emu_g.cfg.emu_l1d_ways) < 0)
        el_emu_die("out of memory for the capacity sets");
    t->win = el_emu_mem_alloc(el_emu_g.window);
    return t;
}

static el_emu_tx *el_emu_register_slow(void)
{
    el_emu_init();
    atomic_store(&el_emu_frozen, 1);
    int s = el_emu_slot_take();
    if (s < 0) {
        static _Atomic int warned;
        if (!atomic_exchange(&warned, 1))
            fprintf(stderr, "elide emu: more than %d threads; the extra ones never start a transaction\n",
                    ELIDE_EMU_MAX_THREADS);
        return NULL;
    }
    el_emu_tx *t = atomic_load(&el_emu_slots[s]);
    if (!t) {
        t = el_emu_tx_new((unsigned)s);
        atomic_store(&el_emu_slots[s], t);
    }
    t->stack_top = el_emu_stack_top(&t->stack_lo);
    uintptr_t tls = (uintptr_t)&el_emu_self;
    if (tls > t->stack_lo && tls < t->stack_top)   /* cheap check of the TLS layout */
        el_emu_die("this thread's TLS (%#lx) lies below its computed frames top (%#lx)",
                   (unsigned long)tls, (unsigned long)t->stack_top);
    t->inject_gen = ~0u;    /* reseed at the first begin */
    el_emu_self = t;
    pthread_setspecific(el_emu_key, t);
    return t;
}

void el_emu_thread_exit(void *arg)
{
    el_emu_tx *t = arg;
    if (t->depth) {         /* the thread ended inside a transaction: roll it back */
        t->win_lo = t->stack_top;   /* but not into its dying stack */
        el_emu_finish(t, 1);
    }
    el_emu_self = NULL;
    atomic_fetch_and(&el_emu_slot_used, ~t->bit);
}

/* ---- doom and wait ------------------------------------------------------- */

uint64_t el_emu_doom(unsigned s, uintptr_t line, int by_tx, int by_slot, const void *pc)
{
    el_emu_tx *v = atomic_load_explicit(&el_emu_slots[s], memory_order_acquire);
    uint64_t q = atomic_load(&v->seq);
    if (!(q & 1))
        return 0;
    while (atomic_flag_test_and_set_explicit(&v->doom_lock, memory_order_acquire))
        el_emu_relax();
    /* Re-read seq under the lock: a doomer that read an old q and was then
     * preempted must not overwrite the doom of the victim's NEXT transaction
     * with a stale tag (that victim would never abort, and its doomer would
     * wait for it forever). If the transaction we saw has ended, there is
     * nothing to doom: a newer one that touches the line finds our claim. */
    if (atomic_load(&v->seq) != q) {
        atomic_flag_clear_explicit(&v->doom_lock, memory_order_release);
        return 0;
    }
    uint64_t d = atomic_load_explicit(&v->doom, memory_order_relaxed);
    if ((uint32_t)(d >> 32) != (uint32_t)q || !(uint32_t)d) {
        v->doom_line = line;
        v->doom_pc = pc;
        v->doom_by_tx = by_tx;
        v->doom_by_slot = by_slot;
        atomic_store_explicit(&v->doom, q << 32 | (ELIDE_ABORT_CONFLICT | ELIDE_ABORT_RETRY),
                              memory_order_release);
    }
    atomic_flag_clear_explicit(&v->doom_lock, memory_order_release);
    return q;
}

void el_emu_wait_end(el_emu_tx *me, unsigned s, uint64_t q, const void *pc)
{
    el_emu_tx *v = atomic_load_explicit(&el_emu_slots[s], memory_order_acquire);
    unsigned spins = 0;
    while (atomic_load_explicit(&v->seq, memory_order_acquire) == q) {
        if (me)
            el_emu_check_doom(me, pc);
        el_emu_backoff(&spins);
    }
}

static int el_emu_vec_has(const el_emu_vec *v, uintptr_t x)
{
    for (size_t i = 0; i < v->n; i++)
        if (v->v[i] == x)
            return 1;
    return 0;
}

void el_emu_doomed_slow(el_emu_tx *t, const void *pc)
{
    t->other_pc = t->doom_pc;
    /* The doomer names its own line; if we never joined that line, our
     * record was shared with another line of ours. Only the owner reads its
     * sets, so this costs a scan on the abort path and no synchronisation.
     * (A line first read after an alias had already set our reader bit is
     * not in the read set either, and is called aliased: rare, since it
     * needs an alias to begin with.) */
    t->aliased = !el_emu_vec_has(&t->rset, t->doom_line) && !el_emu_vec_has(&t->wset, t->doom_line);
    el_emu_abort(t, ELIDE_ABORT_CONFLICT | ELIDE_ABORT_RETRY,
                 t->doom_by_tx ? ELIDE_EMU_CONFLICT_TX : ELIDE_EMU_CONFLICT_NONTX,
                 pc, t->doom_line, t->doom_by_tx, t->doom_by_tx ? t->doom_by_slot : -1);
}

/* Doom every reader of o except `me`, and wait until each has ended. */
void el_emu_evict_readers(el_emu_tx *me, el_emu_orec *o, uintptr_t line, const void *pc)
{
    uint64_t r = atomic_load(&o->readers) & ~(me ? me->bit : 0);
    while (r) {
        unsigned s = (unsigned)__builtin_ctzll(r);
        r &= r - 1;
        uint64_t q = el_emu_doom(s, line, me != NULL, me ? (int)me->slot : -1, pc);
        if (q)
            el_emu_wait_end(me, s, q, pc);
    }
}

/* Wait until no other transaction owns o for writing, dooming it first
 * (a reader, transactional or not, must never see uncommitted bytes). */
void el_emu_evict_writer(el_emu_tx *me, el_emu_orec *o, uintptr_t line, const void *pc)
{
    unsigned spins = 0;
    for (;;) {
        uint32_t w = el_emu_writer(o);
        if (w == 0 || (me && w == me->id))
            return;
        if (w == EL_EMU_NONTX) {   /* a non-transactional atomic, a few instructions */
            if (me)
                el_emu_check_doom(me, pc);
            el_emu_backoff(&spins);
            continue;
        }
        uint64_t q = el_emu_doom(w - 1, line, me != NULL, me ? (int)me->slot : -1, pc);
        if (q)
            el_emu_wait_end(me, w - 1, q, pc);
        else
            el_emu_relax();
    }
}

/* ---- begin / end / abort ---------------------------------------------------- */

el_emu_ctx *el_emu_begin_ctx(void)
{
    el_emu_tx *t = el_emu_self;
    if (!t && !(t = el_emu_register_slow()))
        return &el_emu_noslot_ctx;
    return t->depth ? &t->scratch : &t->ctx;
}

static void el_emu_inject_refresh(el_emu_tx *t)
{
    unsigned g = atomic_load_explicit(&el_emu_g.inject_gen, memory_order_relaxed);
    if (g == t->inject_gen)
        return;
    t->inject_gen = g;
    t->inject_t = el_emu_g.inject_t;
    t->rng = el_emu_rng_seed(el_emu_g.cfg.seed, t->slot);
}

unsigned el_emu_begin_c(void)
{
    el_emu_tx *t = el_emu_self;
    if (!t)
        return 0;           /* no slot: as TSX disabled by microcode */
    if (t->depth) {
        t->depth++;
        t->st.nested_begins++;
        return ELIDE_STARTED;
    }
    uintptr_t lo = t->ctx.rsp - 8, hi = lo + el_emu_g.window;
    if (hi > t->stack_top)
        hi = t->stack_top;
    if (hi < lo)
        el_emu_die("begin above the top of this thread's frames (%#lx > %#lx)",
                   (unsigned long)lo, (unsigned long)t->stack_top);
    t->win_lo = lo;
    t->win_len = hi - lo;
    el_emu_copy(t->win, (const void *)lo, t->win_len);
    el_emu_inject_refresh(t);
    t->seq_local++;
    /* odd: ordered before our first reader bit or line by that RMW */
    atomic_store_explicit(&t->seq, t->seq_local, memory_order_release);
    t->depth = 1;
    t->st.begins++;
    return ELIDE_STARTED;
}

/* Release every line, forget the sets, end the transaction (seq even). */
void el_emu_finish(el_emu_tx *t, int restore)
{
    if (restore)   /* frames below the begin point are dead: never write there */
        el_emu_log_restore(&t->log, t->stack_lo, t->win_lo);
    for (size_t i = 0; i < t->wset.n; i++) {
        uintptr_t l = t->wset.v[i];
        el_emu_orec *o = &el_emu_orecs[el_emu_orec_index(l)];
        uint64_t x = atomic_load_explicit(&o->own, memory_order_relaxed);
        atomic_store_explicit(&o->own, (x & EL_EMU_VERSION_MASK) + EL_EMU_VERSION_ONE,
                              memory_order_release);
        el_emu_cap_remove(&t->cap, l);
    }
    for (size_t i = 0; i < t->rset.n; i++)
        atomic_fetch_and(&el_emu_orecs[el_emu_orec_index(t->rset.v[i])].readers, ~t->bit);
    t->wset.n = t->rset.n = 0;
    el_emu_log_reset(&t->log);
    t->depth = 0;
    t->seq_local++;
    atomic_store_explicit(&t->seq, t->seq_local, memory_order_release);
}

void el_emu_end(void)
{
    el_emu_tx *t = el_emu_self;
    if (!t || !t->depth)
        el_emu_die("el_emu_end outside a transaction (XEND would raise #GP)");
    if (t->depth > 1) {
        t->depth--;
        return;
    }
    el_emu_check_doom(t, __builtin_return_address(0));
    el_emu_finish(t, 0);
    t->st.commits++;
}

int el_emu_test(void)
{
    el_emu_tx *t = el_emu_self;
    return t && t->depth;
}

void el_emu_abort_code(unsigned code)
{
    el_emu_tx *t = el_emu_self;
    if (!t || !t->depth)
        return;             /* XABORT outside a transaction is a no-op */
    el_emu_abort(t, ELIDE_EXPLICIT_STATUS(code), ELIDE_EMU_EXPLICIT,
                 __builtin_return_address(0), 0, 0, -1);
}

static void el_emu_record(el_emu_tx *t, unsigned status, elide_emu_cause cause,
                          const void *pc, uintptr_t line, int other_tx, int other_slot)
{
    const void *other_pc = t->other_pc;
    int aliased = t->aliased;
    t->other_pc = NULL;
    t->aliased = 0;
    t->st.aborts++;
    t->st.by_cause[cause]++;
    t->st.conflicts_aliased += (unsigned long)aliased;
    if (!el_emu_g.record)
        return;
    if (t->ring_head - t->ring_tail == EL_EMU_RING) {
        t->ring_tail++;
        t->st.records_lost++;
    }
    elide_emu_abort_info *r = &t->ring[t->ring_head++ % EL_EMU_RING];
    r->status = status;
    r->cause = cause;
    r->pc = pc;
    r->line = line;
    r->other_is_tx = other_tx;
    r->other_slot = other_slot;
    r->other_pc = other_pc;
    r->aliased = aliased;
    elide_emu_abort_hook h = atomic_load_explicit(&el_emu_g.hook, memory_order_acquire);
    if (h)
        h(r);
}

void elide_emu_set_abort_hook(elide_emu_abort_hook fn)
{
    atomic_store_explicit(&el_emu_g.hook, fn, memory_order_release);
}

__attribute__((noreturn)) static void el_emu_rollback(void *arg)
{
    el_emu_tx *t = arg;
    el_emu_finish(t, 1);
    el_emu_copy((void *)t->win_lo, t->win, t->win_len);
    el_emu_resume(&t->ctx, t->abort_status);
}

void el_emu_abort(el_emu_tx *t, unsigned status, elide_emu_cause cause, const void *pc,
                  uintptr_t line, int other_tx, int other_slot)
{
    if (t->depth > 1)
        status |= ELIDE_ABORT_NESTED;
    el_emu_record(t, status, cause, pc, line, other_tx, other_slot);
    t->abort_status = status;
    /* Roll back on this thread's own stack, below the begin point: every
     * frame there is dead now, the saved window lies above, and the
     * collector still finds the stack pointer inside the thread's stack. */
    uintptr_t sp = (t->win_lo - 512) & ~(uintptr_t)15;
    el_emu_on_stack((void *)sp, el_emu_rollback, t);
}

/* ---- injection ---------------------------------------------------------------- */

void el_emu_inject_slow(el_emu_tx *t, uint64_t r, const void *pc)
{
    static const unsigned kinds[] = {
        ELIDE_ABORT_CONFLICT | ELIDE_ABORT_RETRY,  /* as another core's store */
        ELIDE_ABORT_CAPACITY,                      /* as an eviction */
        0,                                         /* as an interrupt or fault */
        ELIDE_ABORT_RETRY,                         /* transient */
        ELIDE_ABORT_DEBUG,                         /* as a breakpoint */
    };
    unsigned k = (unsigned)((r >> 7) % (sizeof kinds / sizeof kinds[0]));
    el_emu_abort(t, kinds[k], ELIDE_EMU_INJECTED, pc, 0, 0, -1);
}

/* ---- attribution and statistics -------------------------------------------- */

size_t elide_emu_aborts_read(elide_emu_abort_info *out, size_t max)
{
    el_emu_tx *t = el_emu_self;
    size_t n = 0;
    if (!t)
        return 0;
    while (n < max && t->ring_tail != t->ring_head)
        out[n++] = t->ring[t->ring_tail++ % EL_EMU_RING];
    return n;
}

void elide_emu_stats_self(elide_emu_stats *out)
{
    el_emu_tx *t = el_emu_self;
    if (t)
        *out = t->st;
    else
        el_emu_zero(out, sizeof *out);
}

void elide_emu_stats_total(elide_emu_stats *out)
{
    el_emu_zero(out, sizeof *out);
    for (unsigned s = 0; s < ELIDE_EMU_MAX_THREADS; s++) {
        el_emu_tx *t = atomic_load(&el_emu_slots[s]);
        if (!t)
            continue;
        const unsigned long *src = (const unsigned long *)&t->st;
        unsigned long *dst = (unsigned long *)out;
        for (size_t i = 0; i < sizeof *out / sizeof(unsigned long); i++)
            dst[i] += __atomic_load_n(&src[i], __ATOMIC_RELAXED);
    }
}

const char *elide_emu_cause_name(elide_emu_cause c)
{
    static const char *const names[ELIDE_EMU_CAUSES] = {
        "conflict-tx", "conflict-nontx", "capacity-write", "capacity-read", "explicit", "injected",
        "unsubscribed",
    };
    return (unsigned)c < ELIDE_EMU_CAUSES ? names[c] : "?";
}

/* ---- the backend ---------------------------------------------------------- */

static const elide_backend el_emu_backend = {
    .name = "emu",
    .begin = el_emu_begin,
    .end = el_emu_end,
    .abort_code = el_emu_abort_code,
    .test = el_emu_test,
};

const elide_backend *elide_emu_backend(void)
{
    return &el_emu_backend;
}

/* libelide, when linked (weak: the runtime also serves programs without it) */
extern int elide_backend_register(const elide_backend *b) __attribute__((weak));

__attribute__((constructor)) static void el_emu_register_backend(void)
{
    if (elide_backend_register)
        elide_backend_register(&el_emu_backend);
}
