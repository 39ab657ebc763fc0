/* py_alloc.c: the allocator's slow path and the thread states.
 * Free lists are per thread (py_ts.freel): no sharing. GC_malloc_many gives a
 * linked batch of same-size objects; when the batch is used up the next
 * allocation of that size comes here. Thread states are uncollectable (they
 * are roots: the GC does not scan thread-local storage). */
#include "py.h"
#include "py_dtoa.h"
#include "py_mt.h"
#include "py_lock.h"

#include <stdlib.h>

__thread py_ts *py_cur;
int py_recursion_limit = 1000;

/* Put one GC_malloc_many batch of class c (objects of (c + 1) * 16 bytes)
 * on the thread's list; 0 if the collector had no memory. */
static int refill(py_ts *ts, size_t c)
{
    void *batch = GC_malloc_many((c + 1) << 4);
    if (!batch)
        return 0;
    uint32_t n = 1;
    void *tail = batch;
    while (GC_NEXT(tail)) {
        tail = GC_NEXT(tail);
        n++;
    }
    GC_NEXT(tail) = ts->freel[c];
    ts->freel[c] = batch;
    ts->freen[c] += n;
    ts->freeused |= 1u << c;
    return 1;
}

/* A region's worth: 8 KiB of each class in use (512 objects of 16 bytes,
 * 32 of 256), two collector blocks. A region of 256 yield points that
 * allocates one dict per yield point (three objects of 40..128 bytes)
 * fits; the top-up costs a test per class in use at each region start. */
#define PY_TOPUP_BYTES 8192u

void py_alloc_topup(py_ts *ts)
{
    for (uint32_t used = ts->freeused; used; used &= used - 1) {
        size_t c = (size_t)__builtin_ctz(used);
        while (ts->freen[c] < PY_TOPUP_BYTES / ((c + 1) << 4))
            if (!refill(ts, c))
                return;
    }
}

void *py_alloc_slow(size_t size)
{
    /* never the GC's slow path inside a transaction (DESIGN.md section 5):
     * the region ends here, or aborts and is retried after py_alloc_topup */
    if (py_run == PY_RUN_TX && py_cur && py_cur->lk == PY_LK_TX)
        py_region_irrevocable(py_cur, ELIDE_CODE_ALLOC);
    size_t c = (size + 15) >> 4;
    if (c - 1 < PY_ALLOC_CLASSES && py_cur && refill(py_cur, c - 1)) {
        void *p = py_cur->freel[c - 1];
        py_cur->freel[c - 1] = GC_NEXT(p);
        py_cur->freen[c - 1]--;
        memset(p, 0, c << 4);
        return p;
    }
    void *p = GC_MALLOC(size);
    if (!p) {
        py_raise_nomem();
        /* callers of py_alloc do not check: die cleanly instead of crashing */
        fputs("MemoryError: out of memory\n", stderr);
        exit(1);
    }
    return p;
}

void *py_alloc_checked(size_t size)
{
    if (size <= PY_ALLOC_CLASSES * 16)
        return py_alloc(size);
    void *p = GC_MALLOC(size);
    if (!p)
        py_raise_nomem();
    return p;
}

void *py_alloc_atomic(size_t size)
{
    void *p = GC_MALLOC_ATOMIC(size);
    if (!p) {
        fputs("MemoryError: out of memory\n", stderr);
        exit(1);
    }
    return p;
}

static void *oom_fn(size_t n)
{
    (void)n;
    return NULL;
}

/* Initial heap: 32 MiB. With the default (a few hundred KiB, grown as
 * needed) float- and object-heavy loops collect hundreds of times a second,
 * each time stopping the world with signals; measured on bench/programs
 * nbody: 1.3 s of system time without, 0.05 s with (the pages are only
 * touched as they are used, so small programs do not pay for them).
 * GC_INITIAL_HEAP_SIZE in the environment still overrides it. */
#define PY_INITIAL_HEAP (32u << 20)

/* The formatting (py_dtoa.c) and random (py_mt.c) helpers' scratch memory:
 * the collector's, and never freed or moved explicitly (GC_FREE, or a
 * GC_REALLOC that moves, links the old block into a free list; inside a
 * simulated transaction the rollback would then write the transaction's
 * old bytes over that link). */
static void *scratch_alloc(size_t n) { return GC_MALLOC_ATOMIC(n); }
static void *scratch_realloc(void *p, size_t n)
{
    void *q = GC_MALLOC_ATOMIC(n);
    if (q && p) {
        size_t old = GC_size(p);
        memcpy(q, p, old < n ? old : n);
    }
    return q;
}
static void scratch_free(void *p) { (void)p; }

void py_alloc_init(void)
{
    GC_set_oom_fn(oom_fn);
    py_dtoa_set_allocator(scratch_alloc, scratch_realloc, scratch_free);
    py_mt_set_allocator(scratch_alloc, scratch_free);
    if (!getenv("GC_INITIAL_HEAP_SIZE") && GC_get_heap_size() < PY_INITIAL_HEAP)
        GC_expand_hp(PY_INITIAL_HEAP - GC_get_heap_size());
}

py_ts *py_ts_new(void)
{
    /* 64-byte aligned (own cache lines); uncollectable, so the interior
     * pointer is enough to keep it */
    char *raw = GC_MALLOC_UNCOLLECTABLE(sizeof(py_ts) + PY_CACHELINE);
    if (!raw)
        py_die("out of memory for a thread state");
    py_ts *ts = (py_ts *)(((uintptr_t)raw + PY_CACHELINE - 1) & ~(uintptr_t)(PY_CACHELINE - 1));
    memset(ts, 0, sizeof *ts);
    return ts;
}
