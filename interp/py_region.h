/* py_region.h: how interpreter threads run in each mode (py_lock.h gives the
 * modes), the per-thread region state and statistics, and the run's report.
 *
 * Concurrency contract:
 * - py_run, py_tx_usable and the run description (py_run_info) are written
 *   once by py_run_init on the main thread before any interpreter thread
 *   exists; read-only afterwards.
 * - A py_region_ts belongs to one thread: only its owner writes it (outside
 *   transactions, except the few fields py_lock.h names), on its own cache
 *   lines. py_stats_collect reads every live one with relaxed loads (a
 *   snapshot of monotonic counters) and the totals of exited threads, which
 *   a thread folds in at exit under the registry mutex (py_region.c).
 * - A code object's region lengths (py_code.rlen, one byte per instruction)
 *   are read and written by any thread outside transactions with relaxed
 *   atomics, and written only when the value changes (DESIGN.md rule 3);
 *   a lost update costs one adaptation step, never correctness.
 * - The site table (contended locks by type and line) is protected by its
 *   mutex; it is touched only on a contended acquisition.
 */
#ifndef PY_REGION_H
#define PY_REGION_H

#include "elide.h"
#include "py.h"
#include "py_mode.h"

/* Abort causes as the report groups them (one abort counts once, in the
 * first group its status matches, in this order). */
#define PY_AB_CAUSES(X)                                                        \
    X(conflict, "conflict: another thread wrote a line this region read or wrote") \
    X(capacity, "capacity: the region's read or write set did not fit")       \
    X(obj_busy, "explicit obj_busy: an object lock was held by a fine-mode thread") \
    X(lock_busy, "explicit lock_busy: a Python lock the region acquires was held") \
    X(world_stop, "explicit world_stop: a stop-the-world was requested")      \
    X(irrevocable, "explicit irrevocable: I/O or a system call inside a critical section") \
    X(alloc, "explicit alloc: allocation needed the GC's slow path")           \
    X(explicit_other, "explicit, another code")                                \
    X(retry, "retry bit alone: the hardware suggests a retry")                 \
    X(zero, "status 0: interrupt, fault, unsupported instruction, or TSX disabled") \
    X(injected, "emu: injected by ELIDE_EMU_INJECT")                           \
    X(alias, "emu: false conflict, another line shared the simulator's ownership record") \
    X(other, "debug, nested or unknown bits")
enum {
#define PY_AB_ENUM(n, d) PY_AB_##n,
    PY_AB_CAUSES(PY_AB_ENUM)
#undef PY_AB_ENUM
    PY_AB_NCAUSES
};
int py_abort_cause(unsigned status);
const char *py_abort_cause_name(int cause);

/* The counters of one thread (or their sum). */
typedef struct py_rstats {
    uint64_t regions;        /* regions run, with or without a transaction */
    uint64_t started;        /* transactions begun (attempts) */
    uint64_t committed;
    uint64_t aborts;
    uint64_t cause[PY_AB_NCAUSES];
    uint64_t retry_bit;      /* aborts with the RETRY bit set (any cause) */
    uint64_t code[256];      /* explicit aborts by code */
    uint64_t fallbacks;      /* regions run with real locks after an abort */
    uint64_t skipped;        /* regions run with real locks without trying */
    uint64_t shrinks;        /* retries with a shorter region */
    uint64_t waits;          /* waits for a busy lock or world before a retry */
    uint64_t early;          /* transactions committed early (irrevocable work, C return) */
    uint64_t tx_points;      /* yield points covered by committed transactions */
    uint64_t tx_ns;          /* time inside transactions (committed and aborted) */
    uint64_t real_ns;        /* time in regions run with real locks */
    uint64_t gil_yields;     /* gil: handovers at yield points */
    uint64_t atomic_tx;      /* `with elide.atomic:` blocks committed as one transaction */
    uint64_t atomic_world;   /* ... run with the world stopped instead */
} py_rstats;

/* Aborts by source line: where the region began (rtm cannot say where
 * inside it the abort happened; emu can, and fills `at_line`). */
typedef struct py_abline {
    py_code *co;
    uint32_t ip;             /* instruction of the yield point that began the region */
    int at_line;             /* emu: line the thread was on when it aborted, else 0 */
    uint64_t n[PY_AB_NCAUSES];
    const char *kind;        /* emu: the type of the object on the conflicting line */
} py_abline;

#define PY_ABLINES 256       /* per thread; more distinct lines go to `lost` */

struct py_region_ts {
    py_rstats st;
    /* the policy's state for the current region and this thread */
    elide_history hist;
    unsigned skip;           /* regions left to run with real locks */
    int force_real;          /* the next attempt runs with real locks */
    unsigned len;            /* the current region's length (yield points) */
    unsigned commits_row;    /* commits in a row at this thread */
    py_code *co;             /* where the current region began */
    uint32_t ip;
    uint64_t t0;             /* when the current attempt began (ns) */
    int in_tx_time;          /* t0 counts as transaction time */
    uint64_t lines_lost;
    py_abline lines[PY_ABLINES];
    struct py_region_ts *next; /* registry of live threads */
};

/* What the run was asked and what it does (for --stats and elide.stats()). */
typedef struct py_run_info {
    py_mode mode;
    char reason[PY_MODE_REASON_LEN + 128];
    const char *backend;     /* libelide backend of rtm/emu/hle */
} py_run_info;
extern py_run_info py_run_info_g;
extern int py_tx_usable;     /* PY_RUN_TX: the backend really runs transactions */

/* Choose how threads run, before the interpreter thread starts. Returns 0,
 * or prints one message and returns 2 (the exit status). */
int py_run_init(const py_mode_choice *c);
/* Every interpreter thread, first thing / last thing. */
void py_thread_enter(py_ts *ts);
void py_thread_exit(py_ts *ts);

/* Sum of every thread's counters, and the merged line table (most aborts
 * first; *nlines set; free with GC). */
void py_stats_collect(py_rstats *out, py_abline **lines, size_t *nlines, uint64_t *lost);
/* The run's report: --stats (text), --stats=json (ELIDE_STATS, ELIDE_STATS_FILE). */
int py_stats_report(FILE *f, int json, double wall_s);
pv py_stats_dict(void);      /* elide.stats() */
/* Contended-lock sites (fine mode and fallen-back regions). */
typedef struct py_site_info {
    const char *type;
    py_code *co;
    int line;
} py_site_info;
int py_site_lookup(uint32_t site, py_site_info *out);

/* `with elide.atomic:` (py_thread.c): 1 when the block now runs as one
 * transaction, 0 when it could not (the caller stops the world); end. */
int py_region_atomic_begin(py_ts *ts);
void py_region_atomic_end(py_ts *ts);

#endif
