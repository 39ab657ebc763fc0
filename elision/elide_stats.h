/* elide_stats.h: libelide's per-thread statistics (included by elide.h).
 *
 * Concurrency contract:
 * - Each thread owns one block (struct elide_stats on its own 64-byte lines,
 *   nothing else on them: no false sharing). Only the owner writes it, with
 *   relaxed atomic load+store (no locked instruction); readers merge with
 *   relaxed loads, so a merge taken while threads run is a consistent-enough
 *   snapshot of monotonic counters, never a torn one.
 * - Blocks are registered on a thread's first counted event (or by
 *   elide_thread_register) by a CAS push onto a lock-free list; they are
 *   never freed. When a thread exits, its block is marked free (release) and
 *   the next new thread adopts it (CAS on its owner flag): its counts stay
 *   in the totals, and the list stays as long as the most threads ever
 *   alive at once.
 * - No counter is written inside a transaction except `committed` of a
 *   nested commit (rolled back with the outer transaction, as it should be).
 */
#ifndef ELIDE_STATS_H
#define ELIDE_STATS_H

#include <stdint.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct elide_stats {
    uint64_t acquisitions; /* elided lock/trylock calls in a transactional mode */
    uint64_t started;      /* transactions begun (attempts) */
    uint64_t committed;    /* ... and committed */
    uint64_t aborts;       /* ... and aborted */
    uint64_t abort_bit[6]; /* aborts with ELIDE_ABORT_<bit> set: explicit, retry, conflict, capacity, debug, nested */
    uint64_t zero;         /* aborts with status 0 */
    uint64_t fallbacks;    /* acquisitions that tried, then took the lock for real */
    uint64_t skipped;      /* acquisitions that took the lock without trying (policy skip) */
    uint64_t waits;        /* waits for a held lock before a (re)try */
    uint64_t retries;      /* begins after the first, within one acquisition */
    uint64_t code[256];    /* explicit aborts by code */
} elide_stats;

typedef enum elide_stats_format {
    ELIDE_STATS_TEXT = 0,
    ELIDE_STATS_JSON = 1,
} elide_stats_format;

/* Register the calling thread's block now (threads made by other libraries,
 * e.g. Google Benchmark's, call it up front so their first lock does not). */
void elide_thread_register(void);
/* The calling thread's own counts (a copy). */
void elide_stats_thread(elide_stats *out);
/* The sum over every block ever registered. */
void elide_stats_merge(elide_stats *out);
/* out = a - b, field by field (for "what happened during this run"). */
void elide_stats_sub(elide_stats *out, const elide_stats *a, const elide_stats *b);
/* Print merged totals, or a given set. Returns 0, or -1 on a write error. */
int elide_stats_print(FILE *out, elide_stats_format fmt);
int elide_stats_fprint(FILE *out, const elide_stats *s, elide_stats_format fmt);
/* "lock_busy", "obj_busy", ...; NULL for an unnamed code. */
const char *elide_code_name(unsigned code);

#ifdef __cplusplus
}
#endif
#endif
