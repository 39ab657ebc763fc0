/* elide_emu.h: the software HTM simulator `emu`, public API.
 *
 * Code compiled with -fsanitize=thread and linked with elide_emu_rt (not
 * libtsan) runs simulated RTM transactions: every instrumented load, store,
 * atomic and memcpy/memmove/memset calls the runtime, which detects conflicts
 * at 64-byte line granularity, keeps an undo log and rolls back. The status
 * words have exactly the layout of elide_backend.h (RTM's EAX).
 *
 *     unsigned s = ELIDE_EMU_BEGIN();
 *     if (s == ELIDE_STARTED) { ...; ELIDE_EMU_END(); }
 *     else { ... s is the abort status, every write since begin is undone ... }
 *
 * See README.md beside this file for the design and how to build against it.
 *
 * Concurrency contract:
 * - Transactions are per thread; a thread registers itself (takes one of
 *   ELIDE_EMU_MAX_THREADS slots) at its first begin, and gives the slot back
 *   when it exits. A thread that finds no free slot never starts a
 *   transaction: its begins return status 0 (as RTM disabled by microcode).
 * - elide_emu_configure() may only be called before the first begin of any
 *   thread; afterwards it returns -1 and changes nothing.
 * - The abort records and statistics of a thread are written only by that
 *   thread; elide_emu_aborts_read / elide_emu_stats_self read the caller's
 *   own. elide_emu_stats_total sums every slot with relaxed loads (exact once
 *   the other threads have stopped, approximate while they run).
 */
#ifndef ELIDE_EMU_H
#define ELIDE_EMU_H

#include <stddef.h>
#include <stdint.h>

#include "elide_backend.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The readers of a line are a 64-bit mask of thread slots. */
#define ELIDE_EMU_MAX_THREADS 64

/* Begin: returns ELIDE_STARTED inside the transaction; after an abort it
 * returns again, with the abort status. A real function that returns twice
 * (written in assembly): it saves the callee-saved registers, the stack
 * pointer and the return address, and snapshots the caller's stack window,
 * so it may be called from a helper that then returns to its own caller (as
 * the elided locks of libelide do). Flat nesting as RTM. */
unsigned el_emu_begin(void) __attribute__((returns_twice));
/* Commit (outermost) or leave a nested level. Outside a transaction it dies
 * with a message, as XEND raises #GP. */
void el_emu_end(void);
/* Abort with an explicit 8-bit code; a no-op outside a transaction (XABORT). */
void el_emu_abort_code(unsigned code);
/* Non-zero inside a transaction (XTEST). */
int el_emu_test(void);

#define ELIDE_EMU_BEGIN()      el_emu_begin()
#define ELIDE_EMU_END()        el_emu_end()
#define ELIDE_EMU_ABORT(code)  el_emu_abort_code(code)
#define ELIDE_EMU_TEST()       el_emu_test()

/* The backend struct the runtime registers (name "emu") from a constructor
 * when libelide is linked in; libelide may also register it itself. */
const elide_backend *elide_emu_backend(void);

/* ---- configuration ------------------------------------------------------ */

/* X(name, default, why). Read from ELIDE_TUNABLES ("name=value:..." as
 * libelide's) at the first begin, or set by elide_emu_configure. */
#define ELIDE_EMU_CONFIG_FIELDS(X)                                             \
    X(emu_l1d_size, 32768,                                                     \
      "write-set capacity in bytes: the L1D size of every Intel core with "   \
      "TSX (Haswell..Sapphire Rapids: 32 KiB, 48 KiB from Ice Lake)")          \
    X(emu_l1d_ways, 8,                                                         \
      "L1D associativity (8 on Haswell..Skylake; 12 from Ice Lake)")           \
    X(emu_read_lines, 16384,                                                   \
      "read-set bound in lines: RTM tracks reads beyond L1D (in L2 / a "      \
      "bloom filter); 1 MiB of lines is the order Intel documents")            \
    X(emu_stack_window, 4096,                                                  \
      "bytes of the caller's stack saved at begin; frames of functions that "  \
      "return during the transaction live there and are rewritten by "         \
      "uninstrumented code (calls, spills)")                                   \
    X(emu_record_aborts, 1,                                                    \
      "1: keep per-thread abort records (cause, code address, line)")

typedef struct elide_emu_config {
#define ELIDE_EMU_CONFIG_FIELD_(name, def, why) unsigned long name;
    ELIDE_EMU_CONFIG_FIELDS(ELIDE_EMU_CONFIG_FIELD_)
#undef ELIDE_EMU_CONFIG_FIELD_
    double inject_p;        /* ELIDE_EMU_INJECT: abort probability per access */
    unsigned long seed;     /* ELIDE_EMU_SEED */
} elide_emu_config;

#define ELIDE_EMU_CONFIG_DEFAULT_(name, def, why) def,
#define ELIDE_EMU_CONFIG_DEFAULT_INITIALIZER \
    { ELIDE_EMU_CONFIG_FIELDS(ELIDE_EMU_CONFIG_DEFAULT_) 0.0, 1 }

/* The config in use (defaults + environment, or what configure set). */
void elide_emu_config_get(elide_emu_config *out);
/* Replace it; only before the first transaction. 0, or -1 (too late, or
 * an invalid geometry; a message goes to stderr). */
int elide_emu_configure(const elide_emu_config *c);
/* Abort injection can be changed at any time (tests switch it per phase);
 * p in [0, 1]; each thread's generator is reseeded from seed and its slot. */
void elide_emu_set_inject(double p, unsigned long seed);

/* ---- abort attribution ---------------------------------------------------- */

typedef enum elide_emu_cause {
    ELIDE_EMU_CONFLICT_TX = 0,  /* another transaction touched our line */
    ELIDE_EMU_CONFLICT_NONTX,   /* a non-transactional access touched it */
    ELIDE_EMU_CAPACITY_WRITE,   /* a written line overflowed its L1D set */
    ELIDE_EMU_CAPACITY_READ,    /* the read set exceeded emu_read_lines */
    ELIDE_EMU_EXPLICIT,         /* el_emu_abort_code */
    ELIDE_EMU_INJECTED,         /* ELIDE_EMU_INJECT (status says which kind) */
    ELIDE_EMU_UNSUBSCRIBED,     /* the lock-discipline check: see elide_emu_set_check */
    ELIDE_EMU_CAUSES
} elide_emu_cause;

typedef struct elide_emu_abort_info {
    unsigned status;            /* the RTM status begin returned */
    elide_emu_cause cause;
    const void *pc;             /* instrumented code address where the abort
                                   was taken (for a conflict: the first
                                   access after the other party struck) */
    uintptr_t line;             /* conflicting / overflowing line address, 0 if none */
    int other_is_tx;            /* conflicts: 1 the other party was a transaction */
    int other_slot;             /* conflicts with a transaction: its slot, else -1 */
    const void *other_pc;       /* conflicts: the code address of the other
                                   party's access that struck, else NULL */
    int aliased;                /* conflicts: 1 if `line` is in neither this
                                   transaction's read nor its write set: the
                                   other access hit a line that shares an
                                   ownership record with one of ours (a
                                   false conflict; hardware tracks lines
                                   exactly). Counted in by_cause as a
                                   conflict all the same. */
} elide_emu_abort_info;

/* Copy (oldest first) and forget up to `max` of the calling thread's abort
 * records not read yet; returns how many. The ring keeps the latest 256;
 * older unread ones are counted in elide_emu_stats.records_lost. */
size_t elide_emu_aborts_read(elide_emu_abort_info *out, size_t max);

/* ---- the lock-discipline check ----------------------------------------- */

/* On (ELIDE_EMU_CHECK=1 at the first begin, or this call): a transaction
 * whose plain load reads a line that another thread stored to, outside any
 * transaction, while holding a lock it still holds, and that has not read
 * that lock's word first, is a violation of the elision discipline (it
 * could commit an object in the middle of a critical section): counted in
 * elide_emu_violations(), reported once per code address on stderr, and
 * aborted with cause ELIDE_EMU_UNSUBSCRIBED (status CONFLICT). Real
 * acquisitions are reported by the program (the fallback layer does when
 * compiled with FB_EMU_CHECK): lock is the address of the lock word.
 * Atomic loads are never checked (deliberate lock-free reads). The check
 * can miss a case when its tables collide; it never reports a false one. */
void elide_emu_set_check(int on);
unsigned long elide_emu_violations(void);
void elide_emu_lock_held(const void *lock);
void elide_emu_lock_released(const void *lock);

/* A function the runtime calls on the aborting thread after the abort is
 * recorded and before the rollback, so it still sees the transaction's own
 * writes (where the program was when it aborted: the interpreter reads its
 * current source line there). It must be code compiled WITHOUT the
 * instrumentation (its accesses would otherwise be transactional), must not
 * allocate from the collector, block, or begin a transaction. NULL removes
 * it. May be set at any time; each abort reads it once. */
typedef void (*elide_emu_abort_hook)(const elide_emu_abort_info *info);
void elide_emu_set_abort_hook(elide_emu_abort_hook fn);

typedef struct elide_emu_stats {
    unsigned long begins, commits, aborts, nested_begins;
    unsigned long by_cause[ELIDE_EMU_CAUSES];
    unsigned long records_lost;
    unsigned long conflicts_aliased;  /* of the conflicts: record aliases */
} elide_emu_stats;

void elide_emu_stats_self(elide_emu_stats *out);
/* Sum over every thread that ever ran in the process (slots are reused, the
 * counts of a thread that exited stay in its slot). */
void elide_emu_stats_total(elide_emu_stats *out);
const char *elide_emu_cause_name(elide_emu_cause c);

#ifdef __cplusplus
}
#endif
#endif
