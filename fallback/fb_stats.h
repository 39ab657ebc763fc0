/* fb_stats.h: contention statistics of the per-object locks.
 *
 * Recorded only on the contended path (fb_lock_slow / fb_rlock_slow), per
 * thread, in the thread's own cache lines: for each site tag, how many
 * acquisitions were contended and how long the thread was parked waiting;
 * and per thread the totals. The uncontended path writes nothing but the
 * lock word. Threads that are not registered (fb_world.h) are not counted.
 *
 * Concurrency contract: each thread's table is written only by its owner,
 * with relaxed atomic loads and stores (no read-modify-write); a slot's
 * site is stored before its count becomes non-zero (release) and read after
 * the count (acquire). fb_stats_merge reads every table while the owners
 * keep writing, so a merge taken while threads run is a consistent-enough
 * snapshot: each number is one that was true at some instant during the
 * merge. Tables of unregistered threads are folded into a retired table
 * under the registry mutex.
 */
#ifndef FB_STATS_H
#define FB_STATS_H

#include <stddef.h>
#include <stdint.h>

#include "fb_lock.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct fb_site_stat {
    fb_site site;           /* FB_SITE_OTHER: sites that did not fit a table */
    uint64_t contended;     /* acquisitions that took the slow path */
    uint64_t parks;         /* times the thread parked on a futex */
    uint64_t parked_ns;     /* time spent parked */
} fb_site_stat;

typedef struct fb_contention {
    uint64_t contended;     /* sum of every site's contended */
    uint64_t parks;
    uint64_t parked_ns;
    uint64_t threads;       /* registered threads now, plus retired ones */
    uint64_t world_stops;   /* outermost fb_world_stop calls */
    uint64_t world_wait_ns; /* time those spent waiting for threads to park */
} fb_contention;

/* Merge every thread's statistics. Fills *total (if not NULL) and up to cap
 * entries of sites (if not NULL), most contended first (ties: by site), and
 * returns how many distinct sites there are (which may exceed cap).
 * Returns (size_t)-1 with errno ENOMEM if memory ran out. */
size_t fb_stats_merge(fb_contention *total, fb_site_stat *sites, size_t cap);

#ifdef __cplusplus
}
#endif
#endif
