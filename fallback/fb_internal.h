/* fb_internal.h: internals of elide_fallback, shared by its .c files and
 * its white-box tests. Not installed; not for the interpreter.
 *
 * Concurrency contract: see fb_world.h (thread records, registry) and
 * fb_stats.h (the site tables). fb_self is thread-local and written only
 * by its thread, in fb_thread_register / fb_thread_unregister.
 */
#ifndef FB_INTERNAL_H
#define FB_INTERNAL_H
#ifndef FB_BUILD_CORE
#error "fb_internal.h is internal to fallback/ (and its tests): define FB_BUILD_CORE"
#endif

#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>

#include "fb.h"

/* Misuse of a lock or an impossible OS failure: print where and die. */
#define fb_die(...) fb_die_at(__FILE__, __func__, __LINE__, __VA_ARGS__)
_Noreturn void fb_die_at(const char *file, const char *func, int line,
                         const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/* FUTEX_WAIT_PRIVATE while *addr == expected (returns early on a wake, a
 * signal or a changed value: callers re-check); FUTEX_WAKE_PRIVATE all. */
void fb_futex_wait(_Atomic uint32_t *addr, uint32_t expected);
void fb_futex_wake_all(_Atomic uint32_t *addr);
uint64_t fb_now_ns(void);

/* FB_DEBUG_YIELD (set for elide_fallback_debug): give up the CPU at random
 * at the points where the protocols' windows are, so the tests that run
 * against that library meet the interleavings a quiet machine hides (the
 * way liburcu's DEBUG_YIELD does). Nothing in other builds. */
#ifdef FB_DEBUG_YIELD
void fb_debug_yield(void);
#define FB_YIELD() fb_debug_yield()
#else
#define FB_YIELD() ((void)0)
#endif

/* Per-thread site table. 64 slots of 32 bytes = 2 KiB per thread: a program
 * seldom has more than a few dozen lock sites that are actually contended,
 * and beyond 64 only the per-site detail is lost (the overflow slot keeps
 * the totals exact). Must be a power of two. */
#define FB_STATS_SLOTS 64

typedef struct fb_site_slot {
    _Atomic uint64_t contended;   /* 0: slot free */
    _Atomic uint64_t parks;
    _Atomic uint64_t parked_ns;
    _Atomic uint32_t site;
} fb_site_slot;

typedef struct fb_site_table {
    fb_site_slot slot[FB_STATS_SLOTS];
    fb_site_slot other;           /* site FB_SITE_OTHER: did not fit */
} fb_site_table;

/* Owner only: count one contended acquisition at site. */
void fb_stats_record(fb_site_table *t, fb_site site, uint64_t parks, uint64_t parked_ns);

typedef enum fb_tstate {
    FB_T_RUNNING = 0,    /* may touch objects; a stop waits for it */
    FB_T_PARKED = 1,     /* parked at a safepoint until the world restarts */
    FB_T_BLOCKING = 2,   /* in a blocking call; touches no object */
} fb_tstate;

typedef struct fb_thread {
    /* Line 1: written by the owner (state, seq_cst) and by the registry. */
    _Alignas(64) _Atomic uint32_t state;   /* fb_tstate */
    unsigned blocking_depth;               /* owner only */
    struct fb_thread *prev, *next;         /* registry mutex */
    /* Own lines: the statistics, written by the owner only. */
    _Alignas(64) fb_site_table stats;
} fb_thread;

extern _Thread_local fb_thread *fb_self;

/* A growable map site -> counts, for merging (not thread-safe). */
typedef struct fb_sitemap {
    fb_site_stat *e;     /* open addressing; contended == 0 marks free */
    size_t cap, n;       /* cap a power of two (or 0) */
} fb_sitemap;

int fb_sitemap_add(fb_sitemap *m, const fb_site_stat *s);    /* 0 or -1 ENOMEM */
int fb_sitemap_add_table(fb_sitemap *m, const fb_site_table *t);
void fb_sitemap_free(fb_sitemap *m);

/* fb_stats.c <- fb_world.c: walk the registry under its mutex, adding every
 * live table and the retired map into m; returns -1 on ENOMEM. */
int fb_world_collect_stats(fb_sitemap *m, uint64_t *threads);
/* fb_stats.c <- fb_world.c: stops so far and their waiting time. */
void fb_world_stop_stats(uint64_t *stops, uint64_t *wait_ns);

#endif
