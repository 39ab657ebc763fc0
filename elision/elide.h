/* elide.h: libelide, transactional lock elision for C programs.
 *
 * The one public header: it includes the backend contract (elide_backend.h),
 * the TSX facts (elide_cpu.h), the abort policy and its tunables (below), the
 * statistics (elide_stats.h), the elision generator (elide_lock.h) and the
 * three lock types that use it (elide_locks.h).
 *
 *     #include <elide.h>
 *     static elide_spin lk = ELIDE_SPIN_INITIALIZER;
 *     elide_spin_lock(&lk);  ...  elide_spin_unlock(&lk);
 *
 * Build:  cc app.c $(pkg-config --cflags --libs elide)
 *
 * Environment (read once, by elide_init(NULL) or the first elided lock):
 *   ELIDE_MODE=auto|rtm|hle|none|emu|inject   (default auto: rtm where RTM
 *       is in CPUID, not marked always-abort, and a self-test commits; else
 *       none. A forced rtm where CPUID has no RTM warns, and runs XBEGIN only
 *       where elide_tsx_facts()->xbegin_executes, else uses none.)
 *   ELIDE_TUNABLES=name=value:name=value      (the policy numbers below)
 * A bad value gets one line on stderr and the default is kept.
 *
 * Concurrency contract of the mode and the policy numbers:
 * - The mode (backend) and the active config are chosen once: by elide_init()
 *   or elide_set_mode(), or on the first elided lock from ELIDE_MODE and
 *   ELIDE_TUNABLES. They are written only by that call (under an internal
 *   mutex, published with release stores) and read by every lock operation
 *   (acquire loads). Changing the mode again is allowed only while no thread
 *   holds or is acquiring an elided lock (tests do it between phases).
 * - The per-lock history (elide_hist, inside each elided lock) is written
 *   with relaxed atomics by any thread, never inside a transaction; its
 *   updates may race and lose one another, which costs at most an extra
 *   attempt or an extra skipped elision, never correctness.
 */
#ifndef ELIDE_H
#define ELIDE_H

#include <stdint.h>
#include <stdio.h>

#include "elide_backend.h"
#include "elide_cpu.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- the abort policy's numbers --------------------------------------- */

/* X(name, default, max, why): every tunable, once. It generates the config
 * struct, ELIDE_CONFIG_DEFAULT_INITIALIZER and the ELIDE_TUNABLES parser, so
 * there is no second table to keep in step.
 *
 * How the defaults compare (all counts are per acquisition unless noted):
 * - glibc (glibc.elision.*): elision OFF by default since 2.27 (enable=0);
 *   when on: retry_try_xbegin 3, skip_lock_busy 3, skip_lock_internal_abort 3,
 *   skip_trylock_internal_abort 3. One retry budget for every cause.
 * - Concurrency Kit (ck_elide.h CK_ELIDE_CONFIG_DEFAULT_INITIALIZER):
 *   skip_busy 5, retry_busy 256, skip_other 3, retry_other 3,
 *   skip_conflict 2, retry_conflict 5.
 * - TBB (speculative_spin_mutex / speculative_spin_rw_mutex): 10 retries,
 *   any cause, then the real lock; no skipping.
 * - ours: elision ON where RTM is usable (that is elide's point, and auto
 *   mode only picks rtm after a self-test saw transactions commit). We keep
 *   CK's split by cause and its conflict/other numbers (measured by CK on
 *   Haswell), but:
 *   retry_busy 32, not 256: every busy retry here first waits until the lock
 *     is free, so one retry costs a whole critical section of the holder; 256
 *     such waits is a convoy. 32 still rides out a burst of short holders.
 *   skip_capacity 16 (CK folds capacity into "other"): a capacity abort means
 *     this critical section does not fit, and it will not fit on retry.
 *   zero_* (neither glibc nor CK has it): status 0 is what every XBEGIN
 *     returns when microcode disabled TSX (or RTM_ALWAYS_ABORT is set), and
 *     occasionally an interrupt. After zero_streak zero-status aborts in a
 *     row on one lock, skip elision for zero_skip_min acquisitions, doubling
 *     up to zero_skip_max while no transaction commits. Measured in
 *     bench/RESULTS.md (inject mode, every begin returning 0): the amortised
 *     cost per acquisition falls under one percent of an uncontended lock.
 *   wait_spins 4096: how long one WAIT spins for a held lock before it gives
 *     up and queues on the real lock (about 20 us at ~5 ns a pause-step),
 *     so a mutex holder that sleeps is not spun on for a whole time slice.
 */
#define ELIDE_CONFIG_FIELDS(X)                                                 \
    X(retry_busy, 32, 1000000,                                                 \
      "waits-then-retries after an abort because the lock was held")           \
    X(skip_busy, 4, 1000000,                                                   \
      "acquisitions to skip elision once retry_busy is spent")                 \
    X(retry_conflict, 5, 1000000,                                              \
      "retries after a conflict or RETRY-bit abort")                           \
    X(skip_conflict, 2, 1000000,                                               \
      "acquisitions to skip once retry_conflict is spent")                     \
    X(retry_other, 3, 1000000,                                                 \
      "retries after debug, nested, zero or other explicit aborts")            \
    X(skip_other, 3, 1000000,                                                  \
      "acquisitions to skip once retry_other is spent")                        \
    X(skip_capacity, 16, 1000000,                                              \
      "acquisitions to skip after a capacity abort (no retry)")                \
    X(zero_streak, 3, 1000000,                                                 \
      "zero-status aborts in a row (per lock) before the long skip")           \
    X(zero_skip_min, 64, 1u << 30,                                             \
      "first long skip after zero_streak zero-status aborts")                  \
    X(zero_skip_max, 65536, 1u << 30,                                          \
      "cap of the doubling long skip")                                         \
    X(wait_spins, 4096, 1u << 30,                                              \
      "pause-steps one WAIT spins on a held lock before taking it")

typedef struct elide_config {
#define ELIDE_CONFIG_FIELD_(name, def, max, why) unsigned name;
    ELIDE_CONFIG_FIELDS(ELIDE_CONFIG_FIELD_)
#undef ELIDE_CONFIG_FIELD_
} elide_config;

#define ELIDE_CONFIG_DEFAULT_(name, def, max, why) def,
#define ELIDE_CONFIG_DEFAULT_INITIALIZER \
    { ELIDE_CONFIG_FIELDS(ELIDE_CONFIG_DEFAULT_) }

/* Parse "name=value:name=value" (GLIBC_TUNABLES style) into *c. Items named
 * emu_* belong to the simulator (libelide_emu) and are skipped. Each bad
 * item (unknown name, not a number, out of range) gets one line on `err`
 * (if not NULL) and leaves that field as it was. Returns the number of bad
 * items. */
int elide_config_parse(elide_config *c, const char *spec, FILE *err);
/* The config the locks use (a copy). */
void elide_config_get(elide_config *out);
/* Replace it (same rule as changing the mode). */
void elide_config_set(const elide_config *c);

/* ---- the abort policy ------------------------------------------------- */

typedef enum elide_action {
    ELIDE_RETRY = 0, /* begin again at once (still never while the lock is held) */
    ELIDE_WAIT,      /* wait until the lock is free, then begin again */
    ELIDE_SKIP,      /* take the lock, and do not elide the next `skip` acquisitions */
    ELIDE_LOCK,      /* take the lock this time */
    ELIDE_SHRINK,    /* regions only (elide_region_policy): retry with a shorter region */
} elide_action;

/* What the policy knows: counts for this acquisition and, carried in the
 * lock's elide_hist between acquisitions, the zero-status streak. */
typedef struct elide_history {
    unsigned busy_tries;     /* this acquisition: aborts on a held lock so far */
    unsigned conflict_tries; /* this acquisition: conflict / RETRY-bit aborts */
    unsigned other_tries;    /* this acquisition: any other abort */
    unsigned zero_streak;    /* this lock: zero-status aborts since the last commit or non-zero abort */
    unsigned zero_skip;      /* this lock: length of the last long skip, 0 if none */
} elide_history;

typedef struct elide_decision {
    elide_action action;
    unsigned skip;           /* for ELIDE_SKIP */
    elide_history next;      /* the history after this abort */
} elide_decision;

/* The policy: a pure function of the config, the abort status (never
 * ELIDE_STARTED) and the history. Table (tries are counted before this abort):
 *   EXPLICIT, code LOCK_BUSY   busy_tries < retry_busy ? WAIT : SKIP skip_busy
 *   CAPACITY                   SKIP skip_capacity
 *   CONFLICT or RETRY bit      conflict_tries < retry_conflict ? RETRY : SKIP skip_conflict
 *   0 (no bit at all)          h.zero_streak+1 >= c->zero_streak ? SKIP long : as "other"
 *   anything else              other_tries < retry_other ? RETRY : SKIP skip_other
 * where "SKIP long" is zero_skip_min the first time and doubles (capped at
 * zero_skip_max) for each further long skip before a commit. A SKIP of 0
 * acquisitions (a skip_* tunable set to 0) is returned as LOCK. A non-zero
 * abort resets zero_streak (not zero_skip); a commit resets both. */
elide_decision elide_policy(const elide_config *c, unsigned status, elide_history h);

/* The same policy for code that runs regions of its own (the interpreter's
 * bytecode regions, DESIGN.md section 3) rather than elided locks. A region
 * has no lock to take; "SKIP n" / "LOCK" mean "run this region, and the
 * next n - 1, without a transaction (fine-grained locks)". Differences from
 * elide_policy, in this order:
 *   CAPACITY with len > 1       SHRINK (retry with a region half as long:
 *                               a shorter one may fit; at len 1, as
 *                               elide_policy: SKIP skip_capacity)
 *   EXPLICIT OBJ_BUSY or        treated as LOCK_BUSY (WAIT until free, then
 *   WORLD_STOP                  retry; SKIP skip_busy after retry_busy): a
 *                               per-object lock or the world is the "lock"
 *                               a region elides
 *   EXPLICIT IRREVOCABLE        LOCK: the region reached I/O or a system
 *                               call inside a critical section; it will again
 *   EXPLICIT ALLOC              RETRY once (the caller refills its free
 *                               lists before it retries), then LOCK
 * `len` is the region's length in the caller's units (yield points). */
elide_decision elide_region_policy(const elide_config *c, unsigned status,
                                   elide_history h, unsigned len);

const char *elide_action_name(elide_action a);

/* ---- mode selection --------------------------------------------------- */

typedef struct elide_options {
    const char *mode;       /* "auto", "rtm", "hle", "none", "emu", "inject" or any registered name; NULL: $ELIDE_MODE, else auto */
    const char *tunables;   /* as ELIDE_TUNABLES; NULL: $ELIDE_TUNABLES */
    FILE *err;              /* where warnings go; NULL: stderr */
} elide_options;

/* Choose the backend and the config. Every elided lock calls elide_init(NULL)
 * on first use if nobody did. Returns 0, or -1 if the mode was not valid (a
 * message was printed and auto was used instead). */
int elide_init(const elide_options *o);
/* elide_init with only the mode given (tunables from the environment). */
int elide_set_mode(const char *mode);
/* The active backend's name ("rtm", "hle", "none", "inject", "emu", ...). */
const char *elide_backend_name(void);
/* One line: why this backend (what was asked, what the CPU has). */
const char *elide_backend_reason(void);

/* ---- transactions, for code that runs regions of its own -------------- */

/* Begin a transaction on the active backend (it must run transactions):
 * ELIDE_STARTED inside, the abort status on the second return. A tail jump
 * to the backend, so a backend's begin that returns twice (emu) lands back
 * in the caller's frame; returns_twice makes the compiler keep locals safe. */
unsigned elide_txn_begin(void) __attribute__((returns_twice));
void elide_txn_end(void);
/* Abort with an explicit code. Hardware and emu never return; the inject
 * backend does return (it has nothing to roll back), and the caller must
 * then behave as if begin had returned ELIDE_EXPLICIT_STATUS(code). */
void elide_txn_abort(unsigned code);
int elide_txn_test(void);

/* ---- the inject backend (tests) --------------------------------------- */

/* ELIDE_MODE=inject, or elide_set_mode("inject"). begin returns the next
 * status of the calling thread's script; a scripted ELIDE_STARTED means
 * begin succeeds (flat nesting, counted), and end then commits. The inject
 * backend isolates nothing: only single-threaded code may script
 * ELIDE_STARTED. */
void elide_inject_script(const unsigned *statuses, unsigned n, unsigned after);
/* Every thread draws abort statuses (never ELIDE_STARTED) from a generator
 * seeded with seed and the thread's registration order; 0 turns it off. */
void elide_inject_random(uint64_t seed);
typedef struct elide_inject_counts {
    unsigned long begins, started, ends, aborts; /* this thread */
    unsigned last_code;
} elide_inject_counts;
void elide_inject_counts_get(elide_inject_counts *out);

#ifdef __cplusplus
}
#endif

#include "elide_stats.h"
#include "elide_lock.h"
#include "elide_locks.h"

#endif
