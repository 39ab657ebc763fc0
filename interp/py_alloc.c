/* py_alloc.c: the allocator's slow path and the thread states.
 * Free lists are per thread (py_ts.freel): no sharing. GC_malloc_many gives a
 * linked batch of same-size objects; when the batch is used up the next
 * allocation of that size comes here. Thread states are uncollectable (they
 * are roots: the GC does not scan thread-local storage). */
#include "py.h"
#include "py_dtoa.h"
#include "py_mt.h"
#include "py_lock.h"

#include <stdio.h>
#include <stdlib.h>
#include <gc/gc_inline.h> /* GC_generic_malloc_many */
#include <gc/gc_mark.h>    /* GC_new_kind */
#include <sched.h>
#include <sys/mman.h>

/* The collector calls its hooks (oom_fn, on_heap_resize) with its
 * allocation lock held, from any thread, and an allocation can reach them
 * from inside a transaction (the collector's own fast paths need no
 * leave_tx). On hardware an abort there rolls the lock back with everything
 * else; in the simulator (emu) an instrumented access of a doomed
 * transaction rolls back only what was instrumented, and the collector's
 * lock stayed taken: every later allocation waited for ever
 * (tests/interp/stress/dict_update.py, 16 threads, emu). So no hook is
 * instrumented, nor what it calls: nothing in them can start a rollback. */
#define PY_NO_EMU __attribute__((no_sanitize("thread")))

__thread py_ts *py_cur;
int py_recursion_limit = 1000;

/* The collector hands out the free slots of one heap block (4 KiB) per
 * GC_malloc_many. After a collection that block can still hold other
 * threads' live objects, on the same cache lines as the slots we get: our
 * stores into a new object then conflict with their transactions reading
 * theirs (emu, bench/workloads/build_lists at 4 threads: 2-8% of regions
 * aborted on "tuple" lines). Where transactions run, keep only the slots
 * whose lines hold nothing but slots of this same batch; the others stay
 * unreferenced and the next collection reclaims them. */
#define PY_HBLK 4096u

static void *private_lines(void *batch, size_t sz)
{
    uintptr_t blk = (uintptr_t)batch & ~(uintptr_t)(PY_HBLK - 1);
    size_t nslots = PY_HBLK / sz;
    uint64_t have[PY_HBLK / 16 / 64] = {0};
    for (void *p = batch; p; p = GC_NEXT(p)) {
        uintptr_t a = (uintptr_t)p;
        if ((a & ~(uintptr_t)(PY_HBLK - 1)) != blk || (a - blk) % sz)
            return batch; /* not the layout this relies on: keep them all */
        size_t k = (a - blk) / sz;
        have[k / 64] |= 1ull << (k % 64);
    }
    void *head = NULL, **tail = &head;
    for (void *p = batch, *next; p; p = next) {
        next = GC_NEXT(p);
        uintptr_t a = (uintptr_t)p;
        uintptr_t lo = (a - blk) & ~(uintptr_t)(PY_CACHELINE - 1);
        uintptr_t hi = ((a - blk + sz - 1) | (PY_CACHELINE - 1)) + 1;
        int mine = 1;
        for (size_t k = lo / sz; k * sz < hi && k < nslots && mine; k++)
            mine = (have[k / 64] >> (k % 64)) & 1;
        if (mine) {
            *tail = p;
            tail = &GC_NEXT(p);
        }
    }
    *tail = NULL;
    return head ? head : batch;
}

/* Refills, and why they are batched and serialized.
 *
 * Each GC_generic_malloc_many call hands out the free slots of one 4 KiB
 * heap block, and each call touches the collector's shared state: its
 * allocation lock, its mark lock (twice: the block is swept outside the
 * allocation lock when marking is parallel), its byte counters. With two
 * threads allocating, every one of those cache lines crosses between the
 * cores on every call: on this project's 2-vCPU VM a line takes ~180 ns to
 * cross (a ping-pong round trip is ~360 ns), and a refill went from 0.8 us
 * alone to 1.9 us beside another allocating thread; two threads building
 * dicts ran only 1.15x as fast as one (bench/workloads/build_dicts).
 * Running the same calls from two processes at once scaled 2x, so the
 * sharing was the cost, not the memory.
 *
 * So a thread takes several blocks per refill, back to back, under a lock
 * of ours: the collector's lines then cross once per refill, not once per
 * block, and its own locks are never contended. The number of blocks grows
 * with the refills a class has had on this thread (1 at first, up to
 * PY_REFILL_BLOCKS), so a thread that allocates little holds little.
 * That lock is busy about half the time with two threads allocating flat
 * out, so a thread also refills early, when its list is down to 16 KiB and
 * the lock happens to be free (py_alloc_ahead), instead of waiting for it
 * when the list is empty. build_dicts at 2 threads: 1.15x -> 1.6x with the
 * batches, -> 1.85x with the early refill.
 *
 * The blocks come from a kind of our own (py_kind: traced like the
 * collector's NORMAL kind, whole objects scanned) that the collector does
 * not clear when it sweeps; refill clears them after our lock is released,
 * so the clearing (~30% of a refill's time alone) runs in parallel. Until
 * then the slots hold stale words; a collection that happens in that
 * window (another thread's) may keep what they point to alive for one
 * more cycle, as any conservative scan may. */
#define PY_REFILL_BLOCKS 16u

static int py_kind;
static int refill_word; /* the refill lock: 0 free, 1 held */

static void refill_lock(void)
{
    /* a test-and-test-and-set lock that yields after a while: a holder
     * stopped by the collector or preempted (more threads than cores) must
     * not be spun against for a whole time slice. Not an fb_lock: this is
     * a leaf lock taken below object locks, outside their address order. */
    for (unsigned n = 0; __atomic_exchange_n(&refill_word, 1, __ATOMIC_ACQUIRE);) {
        while (__atomic_load_n(&refill_word, __ATOMIC_RELAXED)) {
            if (++n < 4096) {
#if defined(__x86_64__) || defined(__i386__)
                __builtin_ia32_pause();
#endif
            } else {
                sched_yield();
            }
        }
    }
}

static void refill_unlock(void) { __atomic_store_n(&refill_word, 0, __ATOMIC_RELEASE); }

static int refill_trylock(void)
{
    return !__atomic_load_n(&refill_word, __ATOMIC_RELAXED) &&
           !__atomic_exchange_n(&refill_word, 1, __ATOMIC_ACQUIRE);
}

/* Up to nblocks blocks of sz-byte slots into blocks[] (the refill lock
 * held); how many the collector gave. */
static unsigned take_blocks(size_t sz, unsigned nblocks, void **blocks)
{
    unsigned got = 0;
    while (got < nblocks) {
        void *b = NULL;
        GC_generic_malloc_many(sz, py_kind, &b);
        if (!b)
            break;
        blocks[got++] = b;
    }
    return got;
}

/* Clear the blocks (all but the link in each object's first word) and put
 * them on the thread's list of class c. (Clearing a wholly free block with
 * one memset instead of one per object made no measurable difference: the
 * cost is the first touch of the lines.) */
static void add_blocks(py_ts *ts, size_t c, size_t sz, void **blocks, unsigned got)
{
    for (unsigned k = 0; k < got; k++) {
        void *batch = blocks[k];
        for (void *p = batch; p; p = GC_NEXT(p))
            memset((char *)p + sizeof(void *), 0, sz - sizeof(void *));
        if (py_run == PY_RUN_TX)
            batch = private_lines(batch, sz);
        uint32_t n = 1;
        void *tail = batch;
        while (GC_NEXT(tail)) {
            tail = GC_NEXT(tail);
            n++;
        }
        GC_NEXT(tail) = ts->freel[c];
        ts->freel[c] = batch;
        ts->freen[c] += n;
    }
    ts->freeused |= 1u << c;
    if (ts->refills[c] < 4 * PY_REFILL_BLOCKS)
        ts->refills[c]++;
}

/* how many blocks the next refill of class c takes on this thread */
static unsigned refill_blocks(const py_ts *ts, size_t c)
{
    unsigned n = 1u + ts->refills[c] / 4u;
    return n < PY_REFILL_BLOCKS ? n : PY_REFILL_BLOCKS;
}

/* Refill class c (slots of (c + 1) * 16 bytes); 0 if the collector had no
 * memory at all. */
static int refill(py_ts *ts, size_t c)
{
    size_t sz = (c + 1) << 4; /* py.h: PY_ALLOC_CLASS; no extra byte: ours */
    void *blocks[PY_REFILL_BLOCKS];
    refill_lock();
    unsigned got = take_blocks(sz, refill_blocks(ts, c), blocks);
    refill_unlock();
    if (got)
        add_blocks(ts, c, sz, blocks, got);
    return got != 0;
}

/* py.h: the list of class c is down to PY_ALLOC_LOW objects. Refill it now
 * if the refill lock is free: the thread then does not wait for the lock
 * when the list runs out (another thread's refill, 5-15 us). Never inside
 * a transaction (py_alloc_topup keeps those lists full between regions). */
void py_alloc_ahead(py_ts *ts, size_t c)
{
    if (py_run == PY_RUN_TX || !refill_trylock())
        return;
    size_t sz = (c + 1) << 4;
    void *blocks[PY_REFILL_BLOCKS];
    unsigned got = take_blocks(sz, refill_blocks(ts, c), blocks);
    refill_unlock();
    if (got)
        add_blocks(ts, c, sz, blocks, got);
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

/* never the GC's slow path inside a transaction (DESIGN.md section 5):
 * the region ends here, or aborts and is retried after py_alloc_topup */
static void leave_tx(void)
{
    if (py_run == PY_RUN_TX && py_cur && py_cur->lk == PY_LK_TX)
        py_region_irrevocable(py_cur, ELIDE_CODE_ALLOC);
}

/* callers of py_alloc do not check: die cleanly instead of crashing */
static _Noreturn void nomem_exit(void)
{
    py_raise_nomem();
    fputs("MemoryError: out of memory\n", stderr);
    exit(1);
}

void *py_alloc_slow(size_t size)
{
    leave_tx();
    size_t c = PY_ALLOC_CLASS(size);
    if (c - 1 < PY_ALLOC_CLASSES && py_cur && refill(py_cur, c - 1)) {
        void *p = py_cur->freel[c - 1];
        py_cur->freel[c - 1] = GC_NEXT(p);
        py_cur->freen[c - 1]--;
        GC_NEXT(p) = NULL;
        return p;
    }
    void *p = GC_MALLOC(size);
    if (!p)
        nomem_exit();
    return p;
}

/* Memory on cache lines of its own (start and end on a line boundary), for
 * data every thread reads and no allocation of another thread may share:
 * a code object's instructions, constants, names and inline caches. A
 * line shared with another thread's new object turned every read of the
 * constants into a conflict with that thread's allocations (emu,
 * bench/workloads/build_lists: 2-10% of regions, in some runs). */
void *py_alloc_lines(size_t size)
{
    leave_tx();
    size = (size + PY_CACHELINE - 1) & ~(size_t)(PY_CACHELINE - 1);
    void *p = GC_memalign(PY_CACHELINE, size ? size : PY_CACHELINE);
    if (!p)
        nomem_exit();
    memset(p, 0, size);
    return p;
}

void *py_alloc_checked(size_t size)
{
    if (size <= PY_ALLOC_MAX)
        return py_alloc(size);
    leave_tx();
    void *p = GC_MALLOC(size);
    if (!p)
        py_raise_nomem();
    return p;
}

PY_NO_EMU static void *oom_fn(size_t n)
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

/* Transparent huge pages for the collector's heap. Every object is new
 * memory until the next collection, so an allocation-heavy loop first
 * touches the heap page by page, and in a VM each 4 KiB fault is costly:
 * on this project's 2-vCPU KVM guest, bench/workloads/build_dicts (1 thread,
 * 300000 dicts) spent most of its time in page faults. Where the kernel's
 * THP policy is "madvise" (Debian's default) only advised ranges get huge
 * pages, and the collector has no hook for its mappings: so after every
 * heap growth, the anonymous mappings that hold heap sections are found in
 * /proc/self/maps and advised (again: madvise is idempotent). Where THP is
 * off, or /proc is missing, nothing changes. */
#define PY_HUGEPAGE ((uintptr_t)2 << 20)

PY_NO_EMU static void heap_hugepages(void)
{
    FILE *f = fopen("/proc/self/maps", "r");
    if (!f)
        return;
    char line[512];
    while (fgets(line, sizeof line, f)) {
        unsigned long lo, hi;
        char perms[5];
        if (sscanf(line, "%lx-%lx %4s", &lo, &hi, perms) != 3 || perms[0] != 'r' || perms[1] != 'w')
            continue;
        uintptr_t a = ((uintptr_t)lo + PY_HUGEPAGE - 1) & ~(PY_HUGEPAGE - 1);
        uintptr_t b = (uintptr_t)hi & ~(PY_HUGEPAGE - 1);
        if (a < b && (GC_is_heap_ptr((void *)lo) || GC_is_heap_ptr((void *)(hi - 1))))
            madvise((void *)a, b - a, MADV_HUGEPAGE);
    }
    fclose(f);
}

PY_NO_EMU static void on_heap_resize(GC_word new_size)
{
    (void)new_size;
    heap_hugepages();
}

void py_alloc_init(void)
{
    GC_set_oom_fn(oom_fn);
    py_kind = (int)GC_new_kind(GC_new_free_list(), GC_DS_LENGTH, 1, 0);
    GC_set_on_heap_resize(on_heap_resize);
    py_dtoa_set_allocator(scratch_alloc, scratch_realloc, scratch_free);
    py_mt_set_allocator(scratch_alloc, scratch_free);
    if (!getenv("GC_INITIAL_HEAP_SIZE") && GC_get_heap_size() < PY_INITIAL_HEAP)
        GC_expand_hp(PY_INITIAL_HEAP - GC_get_heap_size());
    heap_hugepages(); /* the heap GC_INIT made, before the hook was set */
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
