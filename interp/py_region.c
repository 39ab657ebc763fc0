/* py_region.c: how interpreter threads run in fine, rtm/emu and hle modes
 * (py_lock.h), the region protocol's slow paths, the abort policy glue, the
 * per-thread statistics and the contended-lock site table. The contracts
 * are in py_lock.h and py_region.h. */
#include "py_region.h"
#include "py_lock.h"
#include "py_vm.h"

#include <stdlib.h>
#include <time.h>

int py_run = PY_RUN_GIL;
int py_tx_usable;
py_run_info py_run_info_g;

/* ---- region lengths --------------------------------------------------
 * A region is the bytecode between PY_REGION_LEN yield points (backward
 * jumps and calls). Each yield point that begins regions keeps its own
 * length (py_code.rlen, log2 + 1; 0 = not yet adapted), as IBM's HTM Ruby
 * did: halved after a capacity abort (SHRINK), doubled after
 * PY_REGION_GROW_AFTER commits in a row, between 1 and 2^PY_REGION_LOG_MAX.
 * 32 in a row: a location whose write set sits near the capacity limit
 * then pays one capacity abort per 33 regions (3%) instead of one in five
 * (measured in emu on bench/workloads/create_objects: 20% of regions
 * aborted on capacity with 4); growing from 16 to 256 takes 128 commits.
 * Why these numbers: a yield point of a plain loop is 30-200 ns of bytecode
 * here, so 16 of them (0.5-3 us) already amortise XBEGIN+XEND (~100
 * cycles) to a few per cent, and 256 (8-50 us) stay well under the timer
 * interrupt period (1-4 ms) that aborts every transaction it hits; the
 * write set of 256 yield points of allocation-heavy code (a float per
 * iteration: 256 half-lines) fits the 32-48 KiB L1D. */
#define PY_REGION_LOG_DEFAULT 4 /* 16 yield points */
#define PY_REGION_LOG_MAX 8     /* 256 */
#define PY_REGION_GROW_AFTER 32
/* Regions of real-lock (fine) execution between attempts are as long as a
 * default region: a shorter one would only add safepoint checks. */
#define PY_REAL_REGION_LEN (1u << PY_REGION_LOG_DEFAULT)

static uint8_t *rlen_table(py_code *co)
{
    uint8_t *r = __atomic_load_n(&co->rlen, __ATOMIC_ACQUIRE);
    if (r)
        return r;
    uint8_t *n = GC_MALLOC_ATOMIC(co->ncode + 1u);
    if (!n)
        return NULL;
    memset(n, 0, co->ncode + 1u);
    if (!__atomic_compare_exchange_n(&co->rlen, &r, n, 0, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE))
        return r;
    return n;
}

static unsigned region_log(py_code *co, uint32_t ip)
{
    uint8_t *r = co ? rlen_table(co) : NULL;
    unsigned v = r && ip <= co->ncode ? __atomic_load_n(&r[ip], __ATOMIC_RELAXED) : 0;
    return v ? v - 1 : PY_REGION_LOG_DEFAULT;
}

static void region_set_log(py_code *co, uint32_t ip, unsigned lg)
{
    uint8_t *r = co ? rlen_table(co) : NULL;
    if (!r || ip > co->ncode)
        return;
    uint8_t v = (uint8_t)(lg + 1);
    if (__atomic_load_n(&r[ip], __ATOMIC_RELAXED) != v)
        __atomic_store_n(&r[ip], v, __ATOMIC_RELAXED);
}

static unsigned log2u(unsigned x)
{
    unsigned l = 0;
    while (x > 1) {
        x >>= 1;
        l++;
    }
    return l;
}

/* A thread's own counters: only the owner writes them, other threads read
 * them with atomic loads (py_stats_collect), so the owner's stores are
 * atomic too (a plain load and a relaxed store: no locked instruction). */
#define ST_ADD(field, v) __atomic_store_n(&(field), (field) + (v), __ATOMIC_RELAXED)

/* ---- time --------------------------------------------------------------- */

static inline uint64_t now_ns(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (uint64_t)t.tv_sec * 1000000000u + (uint64_t)t.tv_nsec;
}

/* ---- the registry of region states ---------------------------------------- */

static pthread_mutex_t reg_mu = PTHREAD_MUTEX_INITIALIZER;
static struct py_region_ts *reg_live;
static py_rstats reg_retired;
static py_abline *ret_lines;   /* lines of exited threads (GC memory) */
static size_t ret_nlines, ret_cap;
static uint64_t ret_lost;

static struct py_region_ts *region_ts_new(void)
{
    struct py_region_ts *r = GC_MALLOC_UNCOLLECTABLE(sizeof *r + PY_CACHELINE);
    if (!r)
        py_die("out of memory for a thread's region state");
    r = (struct py_region_ts *)(((uintptr_t)r + PY_CACHELINE - 1) & ~(uintptr_t)(PY_CACHELINE - 1));
    memset(r, 0, sizeof *r);
    pthread_mutex_lock(&reg_mu);
    r->next = reg_live;
    reg_live = r;
    pthread_mutex_unlock(&reg_mu);
    return r;
}

static void add_stats(py_rstats *to, const py_rstats *from)
{
    const uint64_t *f = (const uint64_t *)from;
    uint64_t *t = (uint64_t *)to;
    for (size_t i = 0; i < sizeof *from / sizeof(uint64_t); i++)
        t[i] += __atomic_load_n(&f[i], __ATOMIC_RELAXED);
}

static void merge_line(py_abline **tab, size_t *n, size_t *cap, const py_abline *l)
{
    for (size_t i = 0; i < *n; i++) {
        py_abline *e = &(*tab)[i];
        if (e->co == l->co && e->ip == l->ip && e->at_line == l->at_line) {
            for (int c = 0; c < PY_AB_NCAUSES; c++)
                e->n[c] += l->n[c];
            if (l->kind)
                e->kind = l->kind;
            return;
        }
    }
    if (*n == *cap) {
        size_t nc = *cap ? *cap * 2 : 64;
        py_abline *nt = GC_MALLOC(nc * sizeof *nt);
        if (!nt)
            return;
        py_copy(nt, *tab, *n * sizeof *nt);
        *tab = nt;
        *cap = nc;
    }
    (*tab)[(*n)++] = *l;
}

static void retire(struct py_region_ts *r)
{
    pthread_mutex_lock(&reg_mu);
    for (struct py_region_ts **p = &reg_live; *p; p = &(*p)->next)
        if (*p == r) {
            *p = r->next;
            break;
        }
    add_stats(&reg_retired, &r->st);
    for (size_t i = 0; i < PY_ABLINES; i++)
        if (r->lines[i].co)
            merge_line(&ret_lines, &ret_nlines, &ret_cap, &r->lines[i]);
    ret_lost += r->lines_lost;
    pthread_mutex_unlock(&reg_mu);
}

static int line_cmp(const void *a, const void *b)
{
    uint64_t x = 0, y = 0;
    for (int c = 0; c < PY_AB_NCAUSES; c++) {
        x += ((const py_abline *)a)->n[c];
        y += ((const py_abline *)b)->n[c];
    }
    return x < y ? 1 : x > y ? -1 : 0;
}

void py_stats_collect(py_rstats *out, py_abline **lines, size_t *nlines, uint64_t *lost)
{
    memset(out, 0, sizeof *out);
    py_abline *tab = NULL;
    size_t n = 0, cap = 0;
    uint64_t lo = 0;
    pthread_mutex_lock(&reg_mu);
    add_stats(out, &reg_retired);
    for (size_t i = 0; i < ret_nlines; i++)
        merge_line(&tab, &n, &cap, &ret_lines[i]);
    lo += ret_lost;
    for (struct py_region_ts *r = reg_live; r; r = r->next) {
        add_stats(out, &r->st);
        for (size_t i = 0; i < PY_ABLINES; i++) {
            py_abline *e = &r->lines[i], l;
            if (!(l.co = __atomic_load_n(&e->co, __ATOMIC_ACQUIRE)))
                continue;
            l.ip = e->ip; /* written before co was published */
            l.at_line = e->at_line;
            for (int c = 0; c < PY_AB_NCAUSES; c++)
                l.n[c] = __atomic_load_n(&e->n[c], __ATOMIC_RELAXED);
            l.kind = __atomic_load_n(&e->kind, __ATOMIC_RELAXED);
            merge_line(&tab, &n, &cap, &l);
        }
        lo += __atomic_load_n(&r->lines_lost, __ATOMIC_RELAXED);
    }
    pthread_mutex_unlock(&reg_mu);
    if (n)
        qsort(tab, n, sizeof *tab, line_cmp);
    if (lines)
        *lines = tab;
    if (nlines)
        *nlines = n;
    if (lost)
        *lost = lo;
}

/* ---- abort causes ----------------------------------------------------------- */

int py_abort_cause(unsigned s)
{
    if (s & ELIDE_ABORT_CONFLICT)
        return PY_AB_conflict;
    if (s & ELIDE_ABORT_CAPACITY)
        return PY_AB_capacity;
    if (s & ELIDE_ABORT_EXPLICIT) {
        switch (ELIDE_ABORT_CODE(s)) {
        case ELIDE_CODE_OBJ_BUSY: return PY_AB_obj_busy;
        case ELIDE_CODE_LOCK_BUSY: return PY_AB_lock_busy;
        case ELIDE_CODE_WORLD_STOP: return PY_AB_world_stop;
        case ELIDE_CODE_IRREVOCABLE: return PY_AB_irrevocable;
        case ELIDE_CODE_ALLOC: return PY_AB_alloc;
        default: return PY_AB_explicit_other;
        }
    }
    if (s & ELIDE_ABORT_RETRY)
        return PY_AB_retry;
    if (s == 0)
        return PY_AB_zero;
    return PY_AB_other;
}

const char *py_abort_cause_name(int c)
{
    static const char *const names[] = {
#define PY_AB_NAME(n, d) #n,
        PY_AB_CAUSES(PY_AB_NAME)
#undef PY_AB_NAME
    };
    return (unsigned)c < PY_AB_NCAUSES ? names[c] : "?";
}

static py_abline *line_slot(struct py_region_ts *r, py_code *co, uint32_t ip, int at)
{
    uintptr_t h = ((uintptr_t)co >> 4) * 31u + ip * 7u + (unsigned)at;
    for (unsigned k = 0; k < 8; k++) {
        py_abline *e = &r->lines[(h + k) % PY_ABLINES];
        if (e->co == co && e->ip == ip && e->at_line == at)
            return e;
        if (!e->co) {
            e->ip = ip;
            e->at_line = at;
            __atomic_store_n(&e->co, co, __ATOMIC_RELEASE);
            return e;
        }
    }
    return NULL;
}

/* emu only: where the thread really was, what the conflicting line held,
 * and whether the abort was injected (py_region_emu.c in the emu build;
 * a weak no-op here). */
__attribute__((weak)) void py_region_emu_attribute(int *cause, int *at_line, const char **kind)
{
    (void)cause;
    (void)at_line;
    (void)kind;
}

static void record_abort(py_ts *ts, unsigned status)
{
    struct py_region_ts *r = ts->rg;
    int cause = py_abort_cause(status);
    int at = 0;
    const char *kind = NULL;
    py_region_emu_attribute(&cause, &at, &kind);
    ST_ADD(r->st.aborts, 1);
    ST_ADD(r->st.cause[cause], 1);
    if (status & ELIDE_ABORT_RETRY)
        ST_ADD(r->st.retry_bit, 1);
    if ((status & ELIDE_ABORT_EXPLICIT) && cause != PY_AB_injected)
        ST_ADD(r->st.code[ELIDE_ABORT_CODE(status)], 1);
    if (!r->co)
        return;
    py_abline *l = line_slot(r, r->co, r->ip, at);
    if (!l) {
        ST_ADD(r->lines_lost, 1);
        return;
    }
    ST_ADD(l->n[cause], 1);
    if (kind)
        __atomic_store_n(&l->kind, kind, __ATOMIC_RELAXED);
}

/* ---- the region protocol (PY_RUN_TX) ------------------------------------ */

_Noreturn void py_tx_abort(unsigned code)
{
    elide_txn_abort(code);
    /* the rtm and emu backends never return from an abort inside a
     * transaction; anything else is a broken invariant */
    py_die("a transaction abort returned");
}

extern void py_lock_make_real(pv lock);

static void region_commit(py_ts *ts, int early)
{
    struct py_region_ts *r = ts->rg;
    if (ts->cs != 0)
        py_die("a region ended with an elided lock open");
    /* Python locks still held elided are taken for real by this very
     * transaction (each was free when it was read: a writer would have
     * aborted us) */
    for (int i = 0; i < ts->nelided; i++)
        py_lock_make_real(ts->elided[i]);
    ts->nelided = 0;
    elide_txn_end();
    ts->lk = PY_LK_REAL;
    uint64_t t = now_ns();
    ST_ADD(r->st.committed, 1);
    ST_ADD(r->st.tx_ns, t - r->t0);
    int covered = (int)r->len - ts->rg_left;
    ST_ADD(r->st.tx_points, covered > 0 ? (uint64_t)covered : 0);
    if (early)
        ST_ADD(r->st.early, 1);
    r->t0 = t;
    r->in_tx_time = 0;
    r->hist.zero_streak = 0;
    r->hist.zero_skip = 0;
    if (!early && ++r->commits_row >= PY_REGION_GROW_AFTER) {
        r->commits_row = 0;
        unsigned lg = log2u(r->len);
        if (lg < PY_REGION_LOG_MAX)
            region_set_log(r->co, r->ip, lg + 1);
    }
}

/* End the region that is running (a transaction commits; a real-lock
 * region just ends), reach a safepoint, and note where the next begins. */
static void region_next_at(py_ts *ts, py_code *co, uint32_t ip)
{
    struct py_region_ts *r = ts->rg;
    if (ts->lk == PY_LK_TX)
        region_commit(ts, 0);
    else if (!r->in_tx_time)
        ST_ADD(r->st.real_ns, now_ns() - r->t0);
    fb_safepoint();
    r->co = co;
    r->ip = ip;
    r->hist.busy_tries = r->hist.conflict_tries = r->hist.other_tries = 0;
    r->len = 0;
}

/* Run this region with real locks (fine mode), as long as a default one. */
static int plan_real(py_ts *ts)
{
    struct py_region_ts *r = ts->rg;
    ts->lk = PY_LK_REAL;
    ts->rg_left = PY_REAL_REGION_LEN;
    r->len = PY_REAL_REGION_LEN;
    r->t0 = now_ns();
    r->in_tx_time = 0;
    ST_ADD(r->st.regions, 1);
    return 0;
}


static int region_plan(py_ts *ts)
{
    struct py_region_ts *r = ts->rg;
    if (!py_tx_usable || ts->atomic_depth > 0) /* an atomic block that holds the world */
        return plan_real(ts);
    if (r->force_real) {
        r->force_real = 0;
        ST_ADD(r->st.fallbacks, 1);
        return plan_real(ts);
    }
    if (r->skip) {
        r->skip--;
        ST_ADD(r->st.skipped, 1);
        return plan_real(ts);
    }
    /* the free lists are topped up here, between regions, so that a
     * transaction never needs the GC's slow path */
    py_alloc_topup(ts);
    if (!r->len) {
        r->len = 1u << region_log(r->co, r->ip);
        ST_ADD(r->st.regions, 1);
    }
    ts->rg_left = (int)r->len;
    ST_ADD(r->st.started, 1);
    r->t0 = now_ns();
    r->in_tx_time = 1;
    return 1;
}

static void region_started(py_ts *ts)
{
    ts->lk = PY_LK_TX;
    ts->cs = 0;
    ts->rg_level = ts->vm_depth;
}

static void wait_busy(void)
{
    if (fb_world_stopping()) {
        fb_safepoint();
        return;
    }
    for (int i = 0; i < 64; i++)
        __builtin_ia32_pause();
}

static void region_aborted(py_ts *ts, unsigned status)
{
    struct py_region_ts *r = ts->rg;
    ST_ADD(r->st.tx_ns, now_ns() - r->t0);
    r->in_tx_time = 0;
    r->commits_row = 0;
    record_abort(ts, status);
    elide_config cfg;
    elide_config_get(&cfg);
    elide_decision d = elide_region_policy(&cfg, status, r->hist, r->len);
    r->hist = d.next;
    switch (d.action) {
    case ELIDE_RETRY:
        break;
    case ELIDE_WAIT:
        ST_ADD(r->st.waits, 1);
        wait_busy();
        break;
    case ELIDE_SHRINK:
        ST_ADD(r->st.shrinks, 1);
        r->len = r->len > 1 ? r->len / 2 : 1;
        region_set_log(r->co, r->ip, log2u(r->len));
        break;
    case ELIDE_SKIP:
        r->skip = d.skip > 0 ? d.skip - 1 : 0;
        r->force_real = 1;
        break;
    case ELIDE_LOCK:
        r->force_real = 1;
        break;
    }
    if ((status & ELIDE_ABORT_CONFLICT) && r->len > 1)
        region_set_log(r->co, r->ip, log2u(r->len) - 1);
}

/* A region holding elided Python locks runs on past its length (the
 * critical section should commit as one transaction), up to the longest
 * region length: the region's own length may have shrunk to a few yield
 * points after aborts elsewhere, and a critical section cut short is
 * taken for real, which aborts every other thread that elided the same
 * lock (a skip-list lookup under one lock is 20-40 yield points; with
 * 4x a shrunk length the lock went real and the elision collapsed). */
#define PY_REGION_STRETCH (1 << PY_REGION_LOG_MAX)

__attribute__((noinline)) void py_region_boundary(py_ts *ts, py_code *co, uint32_t ip)
{
    if (ts->lk == PY_LK_TX &&
        (ts->atomic_tx ||
         (ts->nelided && ts->rg_left > -PY_REGION_STRETCH)))
        return;
    region_next_at(ts, co, ip);
    while (region_plan(ts)) {
        unsigned s = elide_txn_begin();
        if (s == ELIDE_STARTED) {
            if (fb_world_stopping())
                py_tx_abort(ELIDE_CODE_WORLD_STOP);
            region_started(ts);
            return;
        }
        region_aborted(ts, s);
    }
}

/* Irrevocable work (I/O, a system call, the GC's slow path) reached inside
 * a transaction: with no elided lock open the region so far commits and the
 * rest of it runs with real locks; inside a critical section the
 * transaction aborts with `code` and the policy reruns it with real locks. */
void py_region_irrevocable(py_ts *ts, unsigned code)
{
    if (ts->lk != PY_LK_TX)
        return;
    if (ts->cs != 0 || ts->atomic_tx) /* an atomic block cannot end early */
        py_tx_abort(code);
    region_commit(ts, 1);
    ts->rg->t0 = now_ns();
}

/* py_vm_run is returning to C: a transaction it began must not outlive its
 * frame (the simulator restores only a window of the stack above begin). */
void py_region_leave_run(py_ts *ts)
{
    if (ts->lk == PY_LK_TX && ts->rg_level == ts->vm_depth) {
        region_commit(ts, 1);
        ts->rg->t0 = now_ns();
        ts->rg_left = 1;
    }
}

/* ---- `with elide.atomic:` ---------------------------------------------------
 * The block is one transaction while it can commit (DESIGN.md section 3):
 * it begins here (in this helper's frame, as py_region_boundary's), yield
 * points do not end it, irrevocable work inside it aborts it, and
 * py_region_atomic_end commits it. After PY_ATOMIC_TRIES attempts, or at
 * the policy's first answer other than retry or wait (capacity: it does
 * not fit; irrevocable: it makes a system call), the caller runs it with
 * the world stopped instead, so it is atomic either way. 8 tries: as
 * retry_conflict (5) plus a few waits for a busy world or lock. */
#define PY_ATOMIC_TRIES 8

__attribute__((noinline)) int py_region_atomic_begin(py_ts *ts)
{
    struct py_region_ts *r = ts->rg;
    if (!py_tx_usable)
        return 0;
    /* the region so far ends here: no lock is open at a with statement */
    if (ts->lk == PY_LK_TX)
        region_commit(ts, 1);
    else if (!r->in_tx_time)
        ST_ADD(r->st.real_ns, now_ns() - r->t0);
    py_frame *f = ts->frame;
    r->co = f ? f->code : NULL;
    r->ip = f && f->ip ? f->ip - 1 : 0;
    r->len = 1;
    elide_history h = {0, 0, 0, 0, 0};
    elide_config cfg;
    elide_config_get(&cfg);
    for (unsigned tries = 0; tries < PY_ATOMIC_TRIES; tries++) {
        py_alloc_topup(ts);
        ST_ADD(r->st.started, 1);
        r->t0 = now_ns();
        r->in_tx_time = 1;
        unsigned s = elide_txn_begin();
        if (s == ELIDE_STARTED) {
            if (fb_world_stopping())
                py_tx_abort(ELIDE_CODE_WORLD_STOP);
            ts->lk = PY_LK_TX;
            ts->cs = 0;
            ts->rg_level = -1; /* returns to C do not end it */
            ts->atomic_tx = 1;
            return 1;
        }
        ST_ADD(r->st.tx_ns, now_ns() - r->t0);
        r->in_tx_time = 0;
        record_abort(ts, s);
        elide_decision d = elide_region_policy(&cfg, s, h, 1);
        h = d.next;
        if (d.action == ELIDE_WAIT) {
            ST_ADD(r->st.waits, 1);
            wait_busy();
        } else if (d.action != ELIDE_RETRY)
            break;
    }
    ST_ADD(r->st.atomic_world, 1);
    r->t0 = now_ns();
    return 0;
}

void py_region_atomic_end(py_ts *ts)
{
    if (!ts->atomic_tx)
        return;
    ts->atomic_tx = 0;
    region_commit(ts, 1);
    ST_ADD(ts->rg->st.atomic_tx, 1);
    ts->rg->t0 = now_ns();
    ts->rg_left = 1; /* the next yield point begins a region */
}

/* ---- blocking calls ------------------------------------------------------- */

static elide_spin hle_gil = ELIDE_SPIN_INITIALIZER;
/* Yield points between two XRELEASE/XACQUIRE pairs in hle mode: the same
 * trade-off as a transaction's region (the elided section is one). */
#define PY_HLE_REGION_LEN (1u << PY_REGION_LOG_DEFAULT)

static int py_hle_waiting; /* threads spinning for the real lock */

static void hle_acquire(void)
{
    if (elide_spin_hle_trylock(&hle_gil))
        return;
    __atomic_add_fetch(&py_hle_waiting, 1, __ATOMIC_SEQ_CST);
    elide_spin_hle_lock(&hle_gil);
    __atomic_sub_fetch(&py_hle_waiting, 1, __ATOMIC_SEQ_CST);
}

static void hle_release(void)
{
    elide_spin_hle_unlock(&hle_gil);
}

/* A yield point in hle mode: end the elided section and begin the next; if
 * a thread waits for the (real) lock, let it take it first. */
void py_hle_yield(py_ts *ts)
{
    ts->rg_left = PY_HLE_REGION_LEN;
    if (ts->atomic_depth > 0)
        return;
    hle_release();
    if (__atomic_load_n(&py_hle_waiting, __ATOMIC_RELAXED)) {
        for (int i = 0; i < 256 && __atomic_load_n(&hle_gil.word, __ATOMIC_RELAXED) == 0; i++)
            __builtin_ia32_pause();
        ST_ADD(ts->rg->st.gil_yields, 1);
    }
    hle_acquire();
}

void py_blocking_begin(py_ts *ts)
{
    if (py_run == PY_RUN_HLE) {
        hle_release();
        return;
    }
    if (py_run == PY_RUN_TX)
        py_region_irrevocable(ts, ELIDE_CODE_IRREVOCABLE);
    fb_blocking_begin();
}

void py_blocking_end(py_ts *ts)
{
    if (py_run == PY_RUN_HLE) {
        hle_acquire();
        return;
    }
    fb_blocking_end();
}

/* ---- thread lifecycle ------------------------------------------------------ */

void py_thread_enter(py_ts *ts)
{
    ts->rg = region_ts_new();
    switch (py_run) {
    case PY_RUN_GIL:
        py_gil_acquire(ts);
        break;
    case PY_RUN_HLE:
        ts->rg_left = PY_HLE_REGION_LEN;
        hle_acquire();
        break;
    default:
        fb_thread_register();
        ts->lk = PY_LK_REAL;
        ts->rg_left = 1; /* the first yield point begins a region */
        ts->rg->t0 = now_ns();
        break;
    }
}

void py_thread_exit(py_ts *ts)
{
    switch (py_run) {
    case PY_RUN_GIL:
        ts->rg->st.gil_yields = ts->stats_yields;
        retire(ts->rg);
        py_gil_release(ts);
        return;
    case PY_RUN_HLE:
        hle_release();
        break;
    default:
        if (ts->lk == PY_LK_TX)
            region_commit(ts, 1);
        else
            ST_ADD(ts->rg->st.real_ns, now_ns() - ts->rg->t0);
        fb_thread_unregister();
        break;
    }
    retire(ts->rg);
}

/* ---- contended lock sites (fine mode) -------------------------------------- */

#define PY_SITES_MAX 4096
static pthread_mutex_t site_mu = PTHREAD_MUTEX_INITIALIZER;
static py_site_info *sites;
static uint32_t nsites;

static uint32_t site_of(py_obj *o)
{
    py_ts *ts = py_cur;
    py_frame *f = ts ? ts->frame : NULL;
    py_site_info k = {o->type ? o->type->name : "?", f ? f->code : NULL, f ? py_frame_line(f) : 0};
    uint32_t id = FB_SITE_OTHER;
    pthread_mutex_lock(&site_mu);
    for (uint32_t i = 0; i < nsites; i++)
        if (sites[i].co == k.co && sites[i].line == k.line && !strcmp(sites[i].type, k.type)) {
            id = i;
            goto out;
        }
    if (!sites)
        sites = GC_MALLOC_UNCOLLECTABLE(PY_SITES_MAX * sizeof *sites);
    if (sites && nsites < PY_SITES_MAX) {
        sites[nsites] = k;
        id = nsites++;
    }
out:
    pthread_mutex_unlock(&site_mu);
    return id;
}

int py_site_lookup(uint32_t site, py_site_info *out)
{
    int ok = 0;
    pthread_mutex_lock(&site_mu);
    if (site < nsites) {
        *out = sites[site];
        ok = 1;
    }
    pthread_mutex_unlock(&site_mu);
    return ok;
}

void py_lock_contended(py_obj *o, int write)
{
    fb_site s = site_of(o);
    if (write)
        fb_lock(&o->lock, s);
    else
        fb_rlock(&o->lock, s);
}

/* ---- choosing how threads run --------------------------------------------- */

int py_run_init(const py_mode_choice *c)
{
    py_run_info_g.mode = c->mode;
    snprintf(py_run_info_g.reason, sizeof py_run_info_g.reason, "%s", c->reason);
    switch (c->mode) {
    case PY_MODE_GIL:
        py_run = PY_RUN_GIL;
        return 0;
    case PY_MODE_FINE:
        py_run = PY_RUN_FINE;
        return 0;
    case PY_MODE_HLE:
        py_run = PY_RUN_HLE;
        py_run_info_g.backend = elide_tsx_facts()->hle ? "hle (XACQUIRE/XRELEASE elide the GIL)"
                                                       : "hle (no HLE in CPUID: a plain spinlock GIL)";
        return 0;
    case PY_MODE_RTM:
    case PY_MODE_EMU: {
        const char *want = c->mode == PY_MODE_RTM ? "rtm" : "emu";
        if (c->mode == PY_MODE_RTM && !elide_tsx_facts()->xbegin_executes) {
            fprintf(stderr, "elide: --mode=rtm: this CPU cannot execute XBEGIN (no RTM in CPUID and no "
                            "sign of TSX silicon), so rtm cannot run here; use --mode=fine, or "
                            "--mode=emu for the simulator\n");
            return 2;
        }
        elide_options o = {want, NULL, stderr};
        if (elide_init(&o) != 0 || strcmp(elide_backend_name(), want) != 0) {
            fprintf(stderr, "elide: --mode=%s: this build or CPU cannot run %s transactions (%s)\n",
                    want, want, elide_backend_reason());
            return 2;
        }
        py_run = PY_RUN_TX;
        py_tx_usable = 1;
        py_run_info_g.backend = want;
        return 0;
    }
    default:
        break;
    }
    fprintf(stderr, "elide: mode '%s' cannot run\n", py_mode_name(c->mode));
    return 2;
}
