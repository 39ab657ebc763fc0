/* emu_tx_test.c: the semantics of emu transactions, compiled instrumented
 * and linked with the emu runtime (issue 3): commit, rollback of heap,
 * globals, stack and memcpy/memset, explicit codes, nesting, capacity,
 * strong isolation, false sharing, injection, attribution.
 * ctest sets ELIDE_TUNABLES=emu_read_lines=4096 for the read-bound test.
 */
#define _GNU_SOURCE /* MAP_FIXED_NOREPLACE */
#define ELIDE_EMU_BUILD_CORE /* el_emu_orec_index, to build an alias */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "cu_run.h"
#include "el_emu_internal.h"
#include "emu_test_util.h"

#define LINE 64

static long g_counter;
static char g_buf[256];
static volatile long g_priv[8] __attribute__((aligned(64)));
static volatile long g_spin[8] __attribute__((aligned(64)));  /* a private line to spin on */

/* ---- commit and rollback ---------------------------------------------------- */

static void t_commit_visible(void)
{
    long *h = malloc(sizeof *h);
    *h = 1;
    unsigned s = el_emu_begin();
    CU_ASSERT_EQUAL_FATAL(s, ELIDE_STARTED);
    CU_ASSERT_TRUE(el_emu_test());
    *h = 2;
    g_counter = 7;
    el_emu_end();
    CU_ASSERT_FALSE(el_emu_test());
    CU_ASSERT_EQUAL(*h, 2);
    CU_ASSERT_EQUAL(g_counter, 7);
    free(h);
}

static __attribute__((noinline)) void scribble(long *heap, long *stack, int n)
{
    for (int i = 0; i < n; i++) {
        heap[i] = -i;
        stack[i] = -i;
    }
    g_counter = 99;
}

static void t_rollback_heap_global_stack(void)
{
    long *heap = malloc(64 * sizeof *heap);
    long stack[64];
    for (int i = 0; i < 64; i++)
        heap[i] = stack[i] = i;
    g_counter = 5;
    volatile int round = 0;
    unsigned s = el_emu_begin();
    if (s == ELIDE_STARTED) {
        round = 1;          /* a stack write the window restores */
        scribble(heap, stack, 64);
        el_emu_abort_code(0x42);
        CU_FAIL("abort returned");
    }
    CU_ASSERT_EQUAL(s, ELIDE_EXPLICIT_STATUS(0x42));
    CU_ASSERT_EQUAL(round, 0);
    CU_ASSERT_EQUAL(g_counter, 5);
    int ok = 1;
    for (int i = 0; i < 64; i++)
        ok &= heap[i] == i && stack[i] == i;
    CU_ASSERT_TRUE(ok);
    CU_ASSERT_FALSE(el_emu_test());
    free(heap);
}

static void t_rollback_memcpy_memset(void)
{
    char src[200];
    for (int i = 0; i < 256; i++)
        g_buf[i] = (char)i;
    for (int i = 0; i < 200; i++)
        src[i] = 'x';
    unsigned s = el_emu_begin();
    if (s == ELIDE_STARTED) {
        memcpy(g_buf, src, 200);
        memset(g_buf + 100, 0, 150);
        memmove(g_buf + 1, g_buf, 100);
        el_emu_abort_code(1);
    }
    CU_ASSERT_EQUAL(s, ELIDE_EXPLICIT_STATUS(1));
    int ok = 1;
    for (int i = 0; i < 256; i++)
        ok &= g_buf[i] == (char)i;
    CU_ASSERT_TRUE(ok);
}

/* begin inside a helper that returns to its caller, as an elided lock does */
static __attribute__((noinline)) unsigned helper_begin(int *seen)
{
    int local[32];
    for (int i = 0; i < 32; i++)
        local[i] = i;
    unsigned s = el_emu_begin();
    *seen += 1;
    int sum = 0;
    for (int i = 0; i < 32; i++)
        sum += local[i];
    if (sum != 496)
        return 0xdead;
    return s;
}

static __attribute__((noinline)) void clobber_stack(void)
{
    volatile char junk[2048];
    for (int i = 0; i < 2048; i++)
        junk[i] = (char)0xAA;
    (void)junk[7];
}

static void t_begin_in_returning_helper(void)
{
    int seen = 0;
    unsigned s = helper_begin(&seen);
    if (s == ELIDE_STARTED) {
        clobber_stack();    /* overwrite the dead frame of helper_begin */
        el_emu_abort_code(7);
    }
    CU_ASSERT_EQUAL(s, ELIDE_EXPLICIT_STATUS(7));
    CU_ASSERT_EQUAL(seen, 1);   /* `seen` is rolled back, then counted again */
}

static void t_explicit_codes_round_trip(void)
{
    volatile int ok = 1;   /* locals live across a begin are volatile, as with setjmp */
    for (volatile unsigned code = 0; code < 256; code++) {
        unsigned s = el_emu_begin();
        if (s == ELIDE_STARTED)
            el_emu_abort_code(code);
        ok &= s == ELIDE_EXPLICIT_STATUS(code) && ELIDE_ABORT_CODE(s) == code &&
              !(s & ELIDE_ABORT_RETRY);
    }
    CU_ASSERT_TRUE(ok);
    el_emu_abort_code(3);   /* outside a transaction: a no-op, as XABORT */
    CU_ASSERT_FALSE(el_emu_test());
}

static void t_nesting(void)
{
    g_counter = 0;
    unsigned s = el_emu_begin();
    CU_ASSERT_EQUAL_FATAL(s, ELIDE_STARTED);
    g_counter = 1;
    CU_ASSERT_EQUAL(el_emu_begin(), ELIDE_STARTED);
    g_counter = 2;
    el_emu_end();           /* inner: only leaves the level */
    CU_ASSERT_TRUE(el_emu_test());
    el_emu_end();
    CU_ASSERT_FALSE(el_emu_test());
    CU_ASSERT_EQUAL(g_counter, 2);

    /* an abort in a nested level aborts the outermost, with NESTED */
    g_counter = 0;
    volatile int level = 0;
    s = el_emu_begin();
    if (s == ELIDE_STARTED) {
        level = 1;
        g_counter = 1;
        unsigned s2 = el_emu_begin();
        if (s2 == ELIDE_STARTED) {
            level = 2;
            el_emu_abort_code(0x55);
        }
        CU_FAIL("the inner begin returned a second time");
    }
    CU_ASSERT_EQUAL(s, ELIDE_EXPLICIT_STATUS(0x55) | ELIDE_ABORT_NESTED);
    CU_ASSERT_EQUAL(level, 0);
    CU_ASSERT_EQUAL(g_counter, 0);
    CU_ASSERT_FALSE(el_emu_test());
}

/* ---- capacity ------------------------------------------------------------------- */

static char *g_big;         /* 1 MiB, line aligned */
#define SET_STRIDE 4096     /* 64 sets x 64 B: the same set of the default L1D */

static unsigned write_lines(char *base, int n, size_t stride)
{
    unsigned s = el_emu_begin();
    if (s == ELIDE_STARTED) {
        for (int i = 0; i < n; i++)
            base[(size_t)i * stride] = 1;
        el_emu_end();
    }
    return s;
}

static unsigned read_lines(char *base, int n)
{
    volatile long sum = 0;
    unsigned s = el_emu_begin();
    if (s == ELIDE_STARTED) {
        for (int i = 0; i < n; i++)
            sum += base[(size_t)i * LINE];
        el_emu_end();
    }
    (void)sum;
    return s;
}

static void t_capacity_write(void)
{
    unsigned s = write_lines(g_big, 1000, LINE);
    CU_ASSERT_TRUE(s != ELIDE_STARTED && (s & ELIDE_ABORT_CAPACITY));
    CU_ASSERT_EQUAL(write_lines(g_big, 8, SET_STRIDE), ELIDE_STARTED);
    s = write_lines(g_big, 9, SET_STRIDE);
    CU_ASSERT_EQUAL(s, ELIDE_ABORT_CAPACITY);
    /* 9 lines over two sets fit; the whole L1D (512 lines) fits */
    CU_ASSERT_EQUAL(write_lines(g_big + LINE, 9, SET_STRIDE / 2), ELIDE_STARTED);
    CU_ASSERT_EQUAL(write_lines(g_big, 512, LINE), ELIDE_STARTED);
    CU_ASSERT_EQUAL(write_lines(g_big, 513, LINE), ELIDE_ABORT_CAPACITY);
    elide_emu_abort_info r[256];
    size_t n = elide_emu_aborts_read(r, 256);
    CU_ASSERT_TRUE_FATAL(n >= 1);
    CU_ASSERT_EQUAL(r[n - 1].cause, ELIDE_EMU_CAPACITY_WRITE);
}

static void t_capacity_read(void)
{
    elide_emu_config c;
    elide_emu_config_get(&c);
    CU_ASSERT_EQUAL_FATAL(c.emu_read_lines, 4096);   /* from ctest's ELIDE_TUNABLES */
    CU_ASSERT_EQUAL(read_lines(g_big, 4000), ELIDE_STARTED);  /* + a few stack lines */
    CU_ASSERT_EQUAL(read_lines(g_big, 4097), ELIDE_ABORT_CAPACITY);
    elide_emu_abort_info r;
    while (elide_emu_aborts_read(&r, 1) == 1 && r.cause != ELIDE_EMU_CAPACITY_READ)
        ;
    CU_ASSERT_EQUAL(r.cause, ELIDE_EMU_CAPACITY_READ);
}

/* ---- two threads ------------------------------------------------------------------ */

static volatile int sig_a __attribute__((aligned(64)));
static volatile int sig_b __attribute__((aligned(64)));
static _Atomic long g_shared_atomic __attribute__((aligned(64)));
static long g_line[16] __attribute__((aligned(64)));
static long g_other_line[8] __attribute__((aligned(64)));
/* each on its own line: a shared line here would be a conflict of its own */
static unsigned res_a __attribute__((aligned(64)));
static unsigned res_b __attribute__((aligned(64)));
static long seen_by_b __attribute__((aligned(64)));

/* A reads g_shared_atomic in a transaction; B increments it non-
 * transactionally: A must abort with CONFLICT, attributed to a non-tx. */
static void *iso_a(void *arg)
{
    int first = 1;
    unsigned s = el_emu_begin();
    if (s == ELIDE_STARTED) {
        long v = atomic_load_explicit(&g_shared_atomic, memory_order_relaxed);
        (void)v;
        raw_store(&sig_a, 1);
        spin_until(&sig_b, 1, &g_spin[0]);
        el_emu_end();
    }
    res_a = s;
    (void)first;
    elide_emu_abort_info r;
    if (s != ELIDE_STARTED && elide_emu_aborts_read(&r, 1) == 1) {
        CU_ASSERT_EQUAL(r.cause, ELIDE_EMU_CONFLICT_NONTX);
        CU_ASSERT_EQUAL(r.line, (uintptr_t)&g_shared_atomic);
        CU_ASSERT_EQUAL(r.other_is_tx, 0);
        CU_ASSERT_PTR_NOT_NULL(r.other_pc);
        CU_ASSERT_EQUAL(r.aliased, 0);
    }
    return arg;
}

static void *iso_b(void *arg)
{
    while (!raw_load(&sig_a))
        ;
    atomic_fetch_add(&g_shared_atomic, 1);
    raw_store(&sig_b, 1);
    return arg;
}

static void run_pair(void *(*a)(void *), void *(*b)(void *))
{
    pthread_t ta, tb;
    sig_a = sig_b = 0;
    pthread_create(&ta, NULL, a, NULL);
    pthread_create(&tb, NULL, b, NULL);
    pthread_join(ta, NULL);
    pthread_join(tb, NULL);
}

static void t_strong_isolation_atomic(void)
{
    g_shared_atomic = 10;
    run_pair(iso_a, iso_b);
    CU_ASSERT_EQUAL(res_a, ELIDE_ABORT_CONFLICT | ELIDE_ABORT_RETRY);
    CU_ASSERT_EQUAL(g_shared_atomic, 11);
}

/* A writes g_line[0] in a transaction; B reads it plainly: B must see the
 * old value (A is aborted and rolled back first). */
static void *dirty_a(void *arg)
{
    unsigned s = el_emu_begin();
    if (s == ELIDE_STARTED) {
        g_line[0] = 42;
        raw_store(&sig_a, 1);
        spin_until(&sig_b, 1, &g_spin[0]);
        el_emu_end();
    }
    res_a = s;
    return arg;
}

static void *dirty_b(void *arg)
{
    while (!raw_load(&sig_a))
        ;
    seen_by_b = g_line[0];
    raw_store(&sig_b, 1);
    return arg;
}

static void t_no_dirty_read(void)
{
    g_line[0] = 1;
    run_pair(dirty_a, dirty_b);
    CU_ASSERT_EQUAL(seen_by_b, 1);
    CU_ASSERT_EQUAL(res_a, ELIDE_ABORT_CONFLICT | ELIDE_ABORT_RETRY);
    CU_ASSERT_EQUAL(g_line[0], 1);
}

/* An ownership-record alias: A reads one line, B stores non-transactionally
 * to a line of another address-space region that shares A's record. The
 * simulator may add such a false conflict (hardware would not) but must
 * say so: the abort is a conflict whose `aliased` is set. */
static volatile long g_alias_read[8] __attribute__((aligned(64)));
static _Atomic long *alias_word;

/* map a page holding a line of another region that shares the record of
 * `x`; NULL if none of the candidates could be mapped */
static _Atomic long *map_alias_of(const void *x)
{
    const uintptr_t span = (uintptr_t)EL_EMU_OREC_COUNT << EL_EMU_LINE_SHIFT;
    size_t want = el_emu_orec_index((uintptr_t)x);
    for (uintptr_t k = 1; k < 64; k++) {
        uintptr_t base = ((uintptr_t)x / span + k) * span;
        /* within a region the records follow the lines */
        size_t first = el_emu_orec_index(base);
        uintptr_t y = base + (((want - first) & (EL_EMU_OREC_COUNT - 1)) << EL_EMU_LINE_SHIFT);
        uintptr_t page = y & ~(uintptr_t)4095;
        void *m = mmap((void *)page, 4096, PROT_READ | PROT_WRITE,
                       MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
        if (m == MAP_FAILED)
            continue;
        if (m == (void *)page && el_emu_orec_index(y) == want)
            return (_Atomic long *)y;
        munmap(m, 4096);
    }
    return NULL;
}

static void *alias_a(void *arg)
{
    unsigned s = el_emu_begin();
    if (s == ELIDE_STARTED) {
        long v = g_alias_read[0];
        (void)v;
        raw_store(&sig_a, 1);
        spin_until(&sig_b, 1, &g_spin[0]);
        el_emu_end();
    }
    res_a = s;
    /* the slot's ring may hold an earlier thread's records: take the last */
    elide_emu_abort_info r[256], last = {0};
    for (size_t n; (n = elide_emu_aborts_read(r, 256)) > 0;)
        last = r[n - 1];
    if (s != ELIDE_STARTED) {
        elide_emu_abort_info *rp = &last;
        CU_ASSERT_EQUAL(rp->cause, ELIDE_EMU_CONFLICT_NONTX);
        CU_ASSERT_EQUAL(rp->line, (uintptr_t)alias_word);
        CU_ASSERT_EQUAL(rp->aliased, 1);
    }
    return arg;
}

static void *alias_b(void *arg)
{
    while (!raw_load(&sig_a))
        ;
    atomic_fetch_add(alias_word, 1);
    raw_store(&sig_b, 1);
    return arg;
}

static void t_alias_reported(void)
{
    alias_word = map_alias_of((const void *)g_alias_read);
    CU_ASSERT_PTR_NOT_NULL_FATAL(alias_word);
    CU_ASSERT_NOT_EQUAL(el_emu_line_of(alias_word), el_emu_line_of((uintptr_t)g_alias_read));
    elide_emu_stats before, after;
    elide_emu_stats_total(&before);
    run_pair(alias_a, alias_b);
    elide_emu_stats_total(&after);
    CU_ASSERT_EQUAL(res_a, ELIDE_ABORT_CONFLICT | ELIDE_ABORT_RETRY);
    CU_ASSERT_EQUAL(after.conflicts_aliased - before.conflicts_aliased, 1);
    CU_ASSERT_EQUAL(*alias_word, 1);
    munmap((void *)((uintptr_t)alias_word & ~(uintptr_t)4095), 4096);
}

/* False sharing: A and B write different words; on one line they conflict
 * (B, the requester, wins), on different lines both commit. */
static long *fs_b_word __attribute__((aligned(64)));

static void *fs_a(void *arg)
{
    unsigned s = el_emu_begin();
    if (s == ELIDE_STARTED) {
        g_line[0] = 1;
        raw_store(&sig_a, 1);
        spin_until(&sig_b, 1, &g_spin[0]);
        el_emu_end();
    }
    res_a = s;
    return arg;
}

static void *fs_b(void *arg)
{
    while (!raw_load(&sig_a))
        ;
    unsigned s = el_emu_begin();
    if (s == ELIDE_STARTED) {
        *fs_b_word = 2;
        el_emu_end();
    }
    res_b = s;
    raw_store(&sig_b, 1);
    return arg;
}

static void t_false_sharing(void)
{
    g_line[0] = g_line[1] = 0;
    fs_b_word = &g_line[1];
    run_pair(fs_a, fs_b);
    CU_ASSERT_EQUAL(res_a, ELIDE_ABORT_CONFLICT | ELIDE_ABORT_RETRY);
    CU_ASSERT_EQUAL(res_b, ELIDE_STARTED);
    CU_ASSERT_EQUAL(g_line[0], 0);
    CU_ASSERT_EQUAL(g_line[1], 2);

    fs_b_word = &g_other_line[0];
    run_pair(fs_a, fs_b);
    CU_ASSERT_EQUAL(res_a, ELIDE_STARTED);
    CU_ASSERT_EQUAL(res_b, ELIDE_STARTED);
    CU_ASSERT_EQUAL(g_line[0], 1);
    CU_ASSERT_EQUAL(g_other_line[0], 2);
}

/* ---- injection and attribution ------------------------------------------------------ */

static void inject_run(unsigned *out, int n)
{
    for (int i = 0; i < n; i++) {
        unsigned s = el_emu_begin();
        if (s == ELIDE_STARTED) {
            for (int k = 0; k < 8; k++)
                g_priv[k]++;
            el_emu_end();
        }
        out[i] = s;
    }
}

static void t_injection_reproducible(void)
{
    enum { N = 2000 };
    static unsigned a[N], b[N];
    elide_emu_set_inject(0.01, 1234);
    inject_run(a, N);
    elide_emu_set_inject(0.01, 1234);
    inject_run(b, N);
    elide_emu_set_inject(0, 1);
    CU_ASSERT_EQUAL(memcmp(a, b, sizeof a), 0);
    unsigned aborts = 0, kinds = 0;
    for (int i = 0; i < N; i++) {
        if (a[i] == ELIDE_STARTED)
            continue;
        aborts++;
        unsigned x = a[i];
        kinds |= 1u << (x & ELIDE_ABORT_CONFLICT   ? 2
                        : x & ELIDE_ABORT_CAPACITY ? 3
                        : x & ELIDE_ABORT_DEBUG    ? 4
                        : x & ELIDE_ABORT_RETRY    ? 1
                        : x == 0                   ? 6
                                                   : 7);
    }
    /* 8 to 16 accesses at p = 0.01: 7.7 % to 15 % of 2000 abort */
    CU_ASSERT_TRUE(aborts > 80 && aborts < 500);
    if (!(aborts > 80 && aborts < 500))
        fprintf(stderr, "aborts %u kinds %#x\n", aborts, kinds);
    /* conflict(+retry), capacity, zero, retry, debug all appear */
    CU_ASSERT_EQUAL(kinds, (1u << 1) | (1u << 2) | (1u << 3) | (1u << 4) | (1u << 6));
    unsigned c[N];
    inject_run(c, 100);
    int none = 1;
    for (int i = 0; i < 100; i++)
        none &= c[i] == ELIDE_STARTED;
    CU_ASSERT_TRUE(none);
}

static void t_attribution(void)
{
    elide_emu_abort_info r[256];
    while (elide_emu_aborts_read(r, 256) > 0)
        ;
    elide_emu_stats before, after;
    elide_emu_stats_self(&before);
    unsigned s = el_emu_begin();
    if (s == ELIDE_STARTED)
        el_emu_abort_code(0x21);
    size_t n = elide_emu_aborts_read(r, 256);
    CU_ASSERT_EQUAL_FATAL(n, 1);
    CU_ASSERT_EQUAL(r[0].status, ELIDE_EXPLICIT_STATUS(0x21));
    CU_ASSERT_EQUAL(r[0].cause, ELIDE_EMU_EXPLICIT);
    /* the code address lies in this function */
    CU_ASSERT_TRUE((uintptr_t)r[0].pc > (uintptr_t)t_attribution &&
                   (uintptr_t)r[0].pc < (uintptr_t)t_attribution + 4096);
    elide_emu_stats_self(&after);
    CU_ASSERT_EQUAL(after.aborts - before.aborts, 1);
    CU_ASSERT_EQUAL(after.by_cause[ELIDE_EMU_EXPLICIT] - before.by_cause[ELIDE_EMU_EXPLICIT], 1);
    CU_ASSERT_STRING_EQUAL(elide_emu_cause_name(ELIDE_EMU_CONFLICT_TX), "conflict-tx");
}

static void t_backend_struct(void)
{
    const elide_backend *b = elide_emu_backend();
    CU_ASSERT_STRING_EQUAL(b->name, "emu");
    unsigned s = b->begin();
    if (s == ELIDE_STARTED) {
        CU_ASSERT_TRUE(b->test());
        b->abort_code(9);
    }
    CU_ASSERT_EQUAL(s, ELIDE_EXPLICIT_STATUS(9));
    if (s != ELIDE_EXPLICIT_STATUS(9))
        fprintf(stderr, "status %#x\n", s);
    s = b->begin();
    CU_ASSERT_EQUAL_FATAL(s, ELIDE_STARTED);
    b->end();
    CU_ASSERT_FALSE(b->test());
}

int main(void)
{
    g_big = aligned_alloc(4096, 1 << 20);
    memset(g_big, 0, 1 << 20);
    if (CU_initialize_registry() != CUE_SUCCESS)
        return 2;
    CU_pSuite s = CU_add_suite("emu_tx", NULL, NULL);
    CU_ADD(s, t_commit_visible);
    CU_ADD(s, t_rollback_heap_global_stack);
    CU_ADD(s, t_rollback_memcpy_memset);
    CU_ADD(s, t_begin_in_returning_helper);
    CU_ADD(s, t_explicit_codes_round_trip);
    CU_ADD(s, t_nesting);
    CU_ADD(s, t_capacity_write);
    CU_ADD(s, t_capacity_read);
    CU_ADD(s, t_strong_isolation_atomic);
    CU_ADD(s, t_no_dirty_read);
    CU_ADD(s, t_false_sharing);
    CU_ADD(s, t_alias_reported);
    CU_ADD(s, t_injection_reproducible);
    CU_ADD(s, t_attribution);
    CU_ADD(s, t_backend_struct);
    int rc = cu_run();
    free(g_big);
    return rc;
}
