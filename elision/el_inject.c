/* el_inject.c: the fault-injection backend. begin replays the calling
 * thread's script of statuses (or draws random abort statuses); it runs no
 * transaction and isolates nothing, so only single-threaded tests may let
 * begin succeed. Nesting is flat as in RTM: a begin inside a transaction
 * succeeds without consuming the script; an abort can only be taken at the
 * outermost level (there is nothing to roll the inner levels back with).
 *
 * Concurrency contract: the script and counters are per thread; the random
 * seed is a global written by elide_inject_random (relaxed; set it before
 * threads start) and each thread's generator state is its own.
 */
#define ELIDE_BUILD_CORE 1
#include "el_internal.h"

#include <string.h>

#define EL_INJECT_MAX 256 /* longest script; tests use a few dozen */

typedef struct el_inject_thread {
    unsigned script[EL_INJECT_MAX];
    unsigned n, next, after;
    unsigned depth;          /* open (flat) transaction levels */
    uint64_t rng;            /* 0: not seeded yet */
    elide_inject_counts c;
} el_inject_thread;

static __thread el_inject_thread el_inj = { .after = 0 };
static uint64_t el_inject_seed;  /* 0: scripts; else random statuses */
static unsigned el_inject_threads; /* threads seeded so far */

void elide_inject_script(const unsigned *statuses, unsigned n, unsigned after)
{
    if (n > EL_INJECT_MAX)
        el_die("inject script of %u statuses (at most %u)", n, EL_INJECT_MAX);
    if (n > 0)
        memcpy(el_inj.script, statuses, n * sizeof *statuses);
    el_inj.n = n;
    el_inj.next = 0;
    el_inj.after = after;
    el_inj.depth = 0;
    memset(&el_inj.c, 0, sizeof el_inj.c);
}

void elide_inject_random(uint64_t seed)
{
    __atomic_store_n(&el_inject_seed, seed, __ATOMIC_RELAXED);
}

void elide_inject_counts_get(elide_inject_counts *out)
{
    *out = el_inj.c;
}

/* Every kind of abort the policy distinguishes, LOCK_BUSY twice as often
 * since it is the common one under contention. */
static const unsigned el_inject_kinds[] = {
    0,
    ELIDE_ABORT_CONFLICT,
    ELIDE_ABORT_CONFLICT | ELIDE_ABORT_RETRY,
    ELIDE_ABORT_RETRY,
    ELIDE_ABORT_CAPACITY,
    ELIDE_EXPLICIT_STATUS(ELIDE_CODE_LOCK_BUSY),
    ELIDE_EXPLICIT_STATUS(ELIDE_CODE_LOCK_BUSY),
    ELIDE_EXPLICIT_STATUS(0x01),
    ELIDE_ABORT_DEBUG,
    ELIDE_ABORT_NESTED | ELIDE_ABORT_CONFLICT,
};

static unsigned el_inject_random_status(uint64_t seed)
{
    if (el_inj.rng == 0) {
        unsigned idx = __atomic_fetch_add(&el_inject_threads, 1, __ATOMIC_RELAXED);
        el_inj.rng = (seed ^ (0x9e3779b97f4a7c15ull * (idx + 1))) | 1;
    }
    el_inj.rng ^= el_inj.rng << 13; /* xorshift64 */
    el_inj.rng ^= el_inj.rng >> 7;
    el_inj.rng ^= el_inj.rng << 17;
    return el_inject_kinds[el_inj.rng % (sizeof el_inject_kinds / sizeof el_inject_kinds[0])];
}

static unsigned el_inject_begin(void)
{
    el_inj.c.begins++;
    if (el_inj.depth > 0) {
        el_inj.depth++;
        return ELIDE_STARTED;
    }
    uint64_t seed = __atomic_load_n(&el_inject_seed, __ATOMIC_RELAXED);
    unsigned s = seed ? el_inject_random_status(seed)
                      : el_inj.next < el_inj.n ? el_inj.script[el_inj.next++]
                                               : el_inj.after;
    if (s == ELIDE_STARTED) {
        el_inj.depth = 1;
        el_inj.c.started++;
    }
    return s;
}

static void el_inject_end(void)
{
    if (el_inj.depth == 0)
        el_die("inject: end outside a transaction");
    el_inj.depth--;
    el_inj.c.ends++;
}

static void el_inject_abort_code(unsigned code)
{
    if (el_inj.depth == 0)
        el_die("inject: abort outside a transaction");
    if (el_inj.depth > 1)
        el_die("inject: abort in a nested transaction (inject cannot roll back)");
    el_inj.depth = 0;
    el_inj.c.aborts++;
    el_inj.c.last_code = code & 0xffu;
}

static int el_inject_test(void)
{
    return el_inj.depth > 0;
}

const elide_backend el_backend_inject = {
    "inject", el_inject_begin, el_inject_end, el_inject_abort_code, el_inject_test,
};
