/* py_thread.c: OS threads (registered with the GC), the _thread module
 * (locks whose waits release the GIL), thread-local objects, and the elide
 * module (atomic regions, statistics).
 *
 * Concurrency contract: a lock object's `locked` flag and waiter count are
 * protected by its own pthread mutex `mu` (waiters block on `cv` without the
 * GIL). The live-thread count is an atomic. Thread states are linked into
 * all_ts under all_mu (read by elide.stats()).
 */
#include "py_vm.h"
#include "py_lock.h"
#include "py_region.h"

#include <errno.h>
#include <linux/futex.h>
#include <math.h>
#include <sys/syscall.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

/* Stack of interpreter threads: 128 MiB of address space (touched lazily),
 * enough for MAX_C_DEPTH nested VM entries (py_vm.c). */
#define THREAD_STACK (128u << 20)

static int live_threads = 1;
static pthread_mutex_t all_mu = PTHREAD_MUTEX_INITIALIZER;
static py_ts *all_ts;

void py_thread_register(py_ts *ts)
{
    ts->ident = (unsigned long)pthread_self();
    pthread_mutex_lock(&all_mu);
    ts->next_ts = all_ts;
    all_ts = ts;
    pthread_mutex_unlock(&all_mu);
}

static void thread_unregister(py_ts *ts)
{
    pthread_mutex_lock(&all_mu);
    for (py_ts **p = &all_ts; *p; p = &(*p)->next_ts)
        if (*p == ts) {
            *p = ts->next_ts;
            break;
        }
    pthread_mutex_unlock(&all_mu);
}

/* ---------------- locks ----------------
 *
 * A lock is one futex word (Drepper's mutex: 0 free, 1 held, 2 held and a
 * thread may be parked on it), so that it is plain instrumented memory to
 * the simulator and to RTM: a transaction never runs a pthread function.
 *
 * Inside a transaction (PY_RUN_TX, ts->lk == PY_LK_TX) acquiring a free
 * lock is elided, as transactional lock elision does: the region reads the
 * word (so any real acquirer aborts it), pushes the lock on the thread's
 * elided stack and writes nothing; release pops it. Threads that only
 * read what a lock protects then run their critical sections in parallel.
 * A region does not end at a yield point while it holds elided locks (up
 * to 4x its length, py_region.c); when it must end with some still held
 * (a commit at a limit, irrevocable work, a return to C), they are taken
 * for real inside the transaction just before it commits, which makes the
 * acquisition real atomically. A lock that is held for real makes a
 * transactional acquire abort with ELIDE_CODE_LOCK_BUSY (the policy waits
 * and retries, then runs the region with real locks, where it blocks).
 *
 * Concurrency contract: `state` is changed only by atomic operations here
 * and by py_region.c's conversion (a transactional store of 1); waiters
 * park on it with FUTEX_WAIT_PRIVATE, releasers that saw 2 wake one. */

typedef struct {
    py_obj ob;
    uint32_t state;
} py_lockobj;

static py_type lock_type;

pv py_lock_new(void)
{
    return py_new(&lock_type, sizeof(py_lockobj));
}

int py_is_lock(pv o) { return !PY_ISSMALL(o) && o->type == &lock_type; }

static int parse_timeout(pv *a, size_t n, pv kw, int *blocking, double *timeout)
{
    *blocking = 1;
    *timeout = -1;
    pv b = n > 0 ? a[0] : py_kwarg(kw, a + n, "blocking");
    pv t = n > 1 ? a[1] : py_kwarg(kw, a + n, "timeout");
    if (b) {
        int r = py_truth(b);
        if (r < 0)
            return -1;
        *blocking = r;
    }
    if (t && t != py_None && py_as_double(t, timeout) < 0)
        return -1;
    if (!*blocking && *timeout >= 0) {
        py_raise(py_exc_ValueError, "can't specify a timeout for a non-blocking call");
        return -1;
    }
    if (*timeout < 0 && *timeout != -1) {
        py_raise(py_exc_ValueError, "timeout value must be a non-negative number");
        return -1;
    }
    return 0;
}

static void deadline_after(double secs, struct timespec *ts)
{
    clock_gettime(CLOCK_MONOTONIC, ts);
    double whole = floor(secs);
    ts->tv_sec += (time_t)whole;
    ts->tv_nsec += (long)((secs - whole) * 1e9);
    if (ts->tv_nsec >= 1000000000L) {
        ts->tv_sec++;
        ts->tv_nsec -= 1000000000L;
    }
}

/* Time left until dl into *rel; 0 when it has passed. */
static int time_left(const struct timespec *dl, struct timespec *rel)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    rel->tv_sec = dl->tv_sec - now.tv_sec;
    rel->tv_nsec = dl->tv_nsec - now.tv_nsec;
    if (rel->tv_nsec < 0) {
        rel->tv_sec--;
        rel->tv_nsec += 1000000000L;
    }
    return rel->tv_sec >= 0;
}

static int lock_try(py_lockobj *l)
{
    uint32_t z = 0;
    return __atomic_compare_exchange_n(&l->state, &z, 1, 0, __ATOMIC_ACQUIRE, __ATOMIC_RELAXED);
}

/* The contended acquisition, outside any transaction: park until free or
 * until the deadline (timeout < 0: none). 1 acquired, 0 timed out. */
static int lock_wait(py_lockobj *l, double timeout)
{
    struct timespec dl, rel;
    if (timeout >= 0)
        deadline_after(timeout, &dl);
    PY_BLOCKING_BEGIN(py_cur);
    int got = 0;
    uint32_t c = __atomic_exchange_n(&l->state, 2, __ATOMIC_ACQUIRE);
    while (c != 0) {
        if (timeout >= 0 && !time_left(&dl, &rel))
            break;
        long r = syscall(SYS_futex, &l->state, FUTEX_WAIT_PRIVATE, 2, timeout >= 0 ? &rel : NULL,
                         NULL, 0);
        if (r != 0 && errno != EAGAIN && errno != EINTR && errno != ETIMEDOUT)
            py_die("FUTEX_WAIT on a lock failed");
        c = __atomic_exchange_n(&l->state, 2, __ATOMIC_ACQUIRE);
    }
    got = c == 0;
    PY_BLOCKING_END(py_cur);
    return got;
}

static int elided_index(py_ts *ts, pv o)
{
    for (int i = ts->nelided; i-- > 0;)
        if (ts->elided[i] == o)
            return i;
    return -1;
}

/* Returns 1 acquired, 0 timed out (or not free, without blocking). */
int py_lock_acquire_timed(pv o, int blocking, double timeout)
{
    py_lockobj *l = (py_lockobj *)o;
    py_ts *ts = py_cur;
    if (py_run == PY_RUN_TX && ts->lk == PY_LK_TX) {
        if (elided_index(ts, o) < 0 && ts->nelided < PY_ELIDED_MAX) {
            if (__atomic_load_n(&l->state, __ATOMIC_ACQUIRE) == 0) {
                ts->elided[ts->nelided++] = o;
                return 1;
            }
            if (!blocking)
                return 0;
            py_tx_abort(ELIDE_CODE_LOCK_BUSY);
        }
        /* held by this region already (a second acquire waits for another
         * thread's release), or too many: take them for real first */
        py_region_irrevocable(ts, ELIDE_CODE_LOCK_BUSY);
    }
    if (lock_try(l))
        return 1;
    if (!blocking || timeout == 0)
        return 0;
    return lock_wait(l, timeout);
}

int py_lock_release(pv o)
{
    py_lockobj *l = (py_lockobj *)o;
    py_ts *ts = py_cur;
    if (py_run == PY_RUN_TX && ts->lk == PY_LK_TX) {
        int i = elided_index(ts, o);
        if (i >= 0) {
            ts->elided[i] = ts->elided[--ts->nelided];
            return 0;
        }
        /* held for real: a parked waiter needs a wake-up (a system call) */
        if (__atomic_load_n(&l->state, __ATOMIC_ACQUIRE) == 2)
            py_region_irrevocable(ts, ELIDE_CODE_IRREVOCABLE);
    }
    uint32_t old = __atomic_exchange_n(&l->state, 0, __ATOMIC_RELEASE);
    if (old == 0) {
        py_raise(py_exc_RuntimeError, "release unlocked lock");
        return -1;
    }
    if (old == 2)
        syscall(SYS_futex, &l->state, FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0);
    return 0;
}

/* Held (by anyone, or elided by this thread's transaction). */
static int lock_locked(pv o)
{
    py_ts *ts = py_cur;
    if (py_run == PY_RUN_TX && ts->lk == PY_LK_TX && elided_index(ts, o) >= 0)
        return 1;
    return __atomic_load_n(&((py_lockobj *)o)->state, __ATOMIC_ACQUIRE) != 0;
}

/* py_region.c, before a transaction commits: the elided locks become real. */
void py_lock_make_real(pv o)
{
    __atomic_store_n(&((py_lockobj *)o)->state, 1, __ATOMIC_RELAXED);
}

static pv lk_acquire(pv s, pv *a, size_t n, pv kw)
{
    int blocking;
    double timeout;
    if (parse_timeout(a, n, kw, &blocking, &timeout) < 0)
        return NULL;
    return PY_BOOL(py_lock_acquire_timed(s, blocking, timeout));
}
static pv lk_release(pv s, pv *a, size_t n, pv kw) { return py_lock_release(s) < 0 ? NULL : py_None; }
static pv lk_locked(pv s, pv *a, size_t n, pv kw) { return PY_BOOL(lock_locked(s)); }
static pv lk_enter(pv s, pv *a, size_t n, pv kw)
{
    py_lock_acquire_timed(s, 1, -1);
    return py_True;
}
static pv lk_exit(pv s, pv *a, size_t n, pv kw) { return py_lock_release(s) < 0 ? NULL : py_False; }
static pv lock_new_t(py_type *t, pv *a, size_t n, pv kw) { return py_lock_new(); }
static pv lock_repr(pv o)
{
    return py_str_fmt("<%s _thread.lock object at %p>", lock_locked(o) ? "locked" : "unlocked", (void *)o);
}
static py_type lock_type = {.name = "lock", .basicsize = sizeof(py_lockobj), .tp_new = lock_new_t,
                            .repr = lock_repr};

/* ---------------- threads ---------------- */

typedef struct {
    pv func, args, kwargs;
    py_ts *ts;
} start_info;

extern void py_print_thread_exception(pv exc, pv func);

static void *thread_main(void *arg)
{
    start_info *si = arg;
    py_ts *ts = si->ts;
    py_cur = ts;
    py_thread_register(ts);
    py_thread_enter(ts);
    pv kwn = NULL;
    pv *buf = PY_TUPLE(si->args)->items;
    size_t n = PY_TUPLE(si->args)->n;
    if (si->kwargs && PY_ISDICT(si->kwargs) && ((py_dict *)si->kwargs)->used) {
        size_t nk = ((py_dict *)si->kwargs)->used;
        buf = py_alloc((n + nk) * sizeof(pv));
        py_copy(buf, PY_TUPLE(si->args)->items, n * sizeof(pv));
        kwn = py_tuple_new(nk);
        size_t pos = 0, i = 0;
        pv k, v;
        while (py_dict_next(si->kwargs, &pos, &k, &v)) {
            PY_TUPLE(kwn)->items[i] = k;
            buf[n + i++] = v;
        }
    }
    pv r = py_call(si->func, buf, n, kwn);
    if (!r) {
        pv e = py_exc_fetch();
        if (e && !py_isinst(e, py_exc_SystemExit))
            py_print_thread_exception(e, si->func);
    }
    __atomic_sub_fetch(&live_threads, 1, __ATOMIC_SEQ_CST);
    thread_unregister(ts);
    py_thread_exit(ts);
    return NULL;
}

static pv th_start_new_thread(pv s, pv *a, size_t n, pv kw)
{
    if (py_nargs("start_new_thread", n, 2, 3) < 0)
        return NULL;
    if (!PY_IS(a[1], tuple))
        return py_raise(py_exc_TypeError, "2nd arg must be a tuple");
    start_info *si = GC_MALLOC_UNCOLLECTABLE(sizeof(start_info));
    si->func = a[0];
    si->args = a[1];
    si->kwargs = n > 2 ? a[2] : NULL;
    si->ts = py_ts_new();
    PY_IRREVOCABLE(py_cur);
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setstacksize(&attr, THREAD_STACK);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    pthread_t tid;
    __atomic_add_fetch(&live_threads, 1, __ATOMIC_SEQ_CST);
    int rc = GC_pthread_create(&tid, &attr, thread_main, si);
    pthread_attr_destroy(&attr);
    if (rc) {
        __atomic_sub_fetch(&live_threads, 1, __ATOMIC_SEQ_CST);
        return py_raise(py_exc_RuntimeError, "can't start new thread");
    }
    return py_int_from_i64((int64_t)(uint64_t)tid);
}

static pv th_print_exc(pv s, pv *a, size_t n, pv kw)
{
    if (n == 1 && PY_ISEXC(a[0]))
        py_exc_print(a[0], stderr);
    return py_None;
}

void py_print_thread_exception(pv exc, pv func)
{
    pv r = py_repr(func);
    py_exc_clear();
    fprintf(stderr, "Unhandled exception in thread started by %s\n", r ? py_cstr(r) : "?");
    py_exc_print(exc, stderr);
}

static pv th_allocate_lock(pv s, pv *a, size_t n, pv kw) { return py_lock_new(); }
static pv th_get_ident(pv s, pv *a, size_t n, pv kw) { return py_int_from_i64((int64_t)(uint64_t)pthread_self()); }
static pv th_count(pv s, pv *a, size_t n, pv kw) { return PY_MKSMALL(__atomic_load_n(&live_threads, __ATOMIC_SEQ_CST) - 1); }
static pv th_get_native_id(pv s, pv *a, size_t n, pv kw) { return PY_MKSMALL(getpid()); }

/* ---------------- thread-local objects ---------------- */

typedef struct { py_obj ob; pv dicts; } py_local;
static py_type local_type;

static pv local_dict(pv o)
{
    py_local *l = (py_local *)o;
    /* keyed by the thread state: pthread ids are reused after a thread exits */
    pv key = py_int_from_i64((int64_t)(uintptr_t)py_cur);
    pv d = py_dict_get(l->dicts, key);
    if (!d) {
        /* only this thread ever stores under its own key */
        d = py_dict_new();
        py_dict_set(l->dicts, key, d);
    }
    return d;
}
static pv local_getattr(pv o, pv name)
{
    pv d = local_dict(o);
    pv v = py_dict_get(d, name);
    if (v)
        return v;
    if (name == py_id___dict__)
        return d;
    py_type *t = py_typeof(o);
    pv c = py_type_lookup(t, name);
    if (c)
        return py_bind(c, o, t);
    return py_raise(py_exc_AttributeError, "'%s' object has no attribute '%s'", t->name, py_cstr(name));
}
static int local_setattr(pv o, pv name, pv v)
{
    pv d = local_dict(o);
    if (v)
        return py_dict_set(d, name, v);
    return py_dict_del(d, name);
}
static pv local_new(py_type *t, pv *a, size_t n, pv kw)
{
    py_local *l = (py_local *)py_new(t, sizeof(py_local) + sizeof(pv));
    l->dicts = py_dict_new();
    return (pv)l;
}
static py_type local_type = {.name = "_local", .basicsize = sizeof(py_local) + sizeof(pv),
                             .tp_new = local_new, .getattr = local_getattr,
                             .setattr = local_setattr, .flags = PY_TF_BASETYPE};

/* ---------------- the elide module ---------------- */

typedef struct { py_obj ob; } py_atomic;
static py_type atomic_type;

/* `with elide.atomic:` — in gil mode the block is one region: the GIL is
 * not handed over at its yield points (py_gil_yield checks atomic_depth), so
 * the block is atomic unless it blocks (a blocking call releases the GIL,
 * as an irrevocable operation ends a region). */
static pv at_enter(pv s, pv *a, size_t n, pv kw)
{
    py_ts *ts = py_cur;
    __atomic_store_n(&ts->stats_regions, ts->stats_regions + 1, __ATOMIC_RELAXED);
    if (ts->atomic_depth++ == 0 && (py_run == PY_RUN_FINE || py_run == PY_RUN_TX)) {
        /* rtm/emu: one transaction while it can commit; else (and in
         * fine) stop the world: every other thread parks at its next
         * safepoint for the block */
        if (py_run == PY_RUN_TX && py_region_atomic_begin(ts))
            return s;
        PY_IRREVOCABLE(ts);
        fb_world_stop();
        ts->atomic_world = 1;
    }
    return s;
}
static pv at_exit(pv s, pv *a, size_t n, pv kw)
{
    py_ts *ts = py_cur;
    if (ts->atomic_depth > 0 && --ts->atomic_depth == 0) {
        if (ts->atomic_tx)
            py_region_atomic_end(ts);
        else if (ts->atomic_world) {
            ts->atomic_world = 0;
            fb_world_start();
        }
    }
    return py_False;
}
static pv atomic_repr(pv o) { return py_str_c("<elide.atomic>"); }
static py_type atomic_type = {.name = "atomic", .basicsize = sizeof(py_atomic), .repr = atomic_repr};

static pv el_stats(pv s, pv *a, size_t n, pv kw)
{
    PY_IRREVOCABLE(py_cur); /* the merge takes mutexes */
    pv d = py_stats_dict();
    uint64_t regions = 0;
    int threads = 0;
    pthread_mutex_lock(&all_mu);
    for (py_ts *t = all_ts; t; t = t->next_ts) {
        regions += __atomic_load_n(&t->stats_regions, __ATOMIC_RELAXED);
        threads++;
    }
    pthread_mutex_unlock(&all_mu);
    py_dict_sets(d, "threads", PY_MKSMALL(threads));
    py_dict_sets(d, "atomic_regions", py_int_from_i64((int64_t)regions));
    return d;
}
static pv el_mode(pv s, pv *a, size_t n, pv kw) { return py_str_c(py_mode_name(py_run_info_g.mode)); }

pv py_mod_elide(void)
{
    if (!atomic_type.ob.type) {
        py_type_ready(&atomic_type);
        py_add_method(&atomic_type, "__enter__", at_enter);
        py_add_method(&atomic_type, "__exit__", at_exit);
    }
    pv m = py_module_new("elide");
    pv d = ((py_module *)m)->dict;
    py_dict_sets(d, "atomic", py_new(&atomic_type, sizeof(py_atomic)));
    py_dict_sets(d, "stats", py_cfunc_new("stats", el_stats, m));
    py_dict_sets(d, "mode", py_cfunc_new("mode", el_mode, m));
    return m;
}

pv py_mod_thread(void)
{
    if (!lock_type.ob.type) {
        py_type_ready(&lock_type);
        lock_type.module = py_intern("_thread");
        struct { const char *n; py_cfn f; } lm[] = {
            {"acquire", lk_acquire}, {"release", lk_release}, {"locked", lk_locked},
            {"__enter__", lk_enter}, {"__exit__", lk_exit}, {"acquire_lock", lk_acquire},
            {"release_lock", lk_release}};
        for (size_t i = 0; i < sizeof lm / sizeof *lm; i++)
            py_add_method(&lock_type, lm[i].n, lm[i].f);
        py_type_ready(&local_type);
        local_type.module = py_intern("_thread");
    }
    pv m = py_module_new("_thread");
    pv d = ((py_module *)m)->dict;
    struct { const char *n; py_cfn f; } fns[] = {
        {"start_new_thread", th_start_new_thread}, {"start_new", th_start_new_thread},
        {"allocate_lock", th_allocate_lock}, {"allocate", th_allocate_lock},
        {"get_ident", th_get_ident}, {"_count", th_count}, {"get_native_id", th_get_native_id},
        {"_print_exc", th_print_exc}};
    for (size_t i = 0; i < sizeof fns / sizeof *fns; i++)
        py_dict_sets(d, fns[i].n, py_cfunc_new(fns[i].n, fns[i].f, m));
    py_dict_sets(d, "LockType", (pv)&lock_type);
    py_dict_sets(d, "_local", (pv)&local_type);
    py_dict_sets(d, "error", (pv)py_exc_RuntimeError);
    py_dict_sets(d, "TIMEOUT_MAX", py_float_new(4294967.0));
    return m;
}

int py_threads_alive(void) { return __atomic_load_n(&live_threads, __ATOMIC_SEQ_CST) - 1; }
