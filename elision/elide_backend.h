/* elide_backend.h: the transactional-memory backend interface of libelide.
 *
 * Public and installed: it is how a backend that lives outside libelide
 * proper (the software HTM simulator `emu`, in libelide_emu) plugs in, and how
 * tests reach the same primitives the elided locks use.
 *
 * Status words use exactly the layout of Intel RTM's EAX after an abort, so
 * the abort policy cannot tell one backend from another:
 *   bit 0 EXPLICIT (XABORT ran; the code is in bits 31:24)
 *   bit 1 RETRY    (the hardware thinks a retry may succeed)
 *   bit 2 CONFLICT (another agent touched a line in the read or write set)
 *   bit 3 CAPACITY (the read or write set overflowed)
 *   bit 4 DEBUG    (a debug breakpoint was hit)
 *   bit 5 NESTED   (the abort happened in a nested transaction)
 * A status of 0 is an abort for some other reason (an interrupt, a fault, an
 * instruction that always aborts, or TSX disabled by microcode).
 *
 * Concurrency contract: a backend is chosen once, before threads start
 * (elide_init or the first elided lock), and never changes afterwards; the
 * table itself is read-only after registration. Transactions are per thread.
 */
#ifndef ELIDE_BACKEND_H
#define ELIDE_BACKEND_H

#ifdef __cplusplus
extern "C" {
#endif

#define ELIDE_STARTED        (~0u)
#define ELIDE_ABORT_EXPLICIT (1u << 0)
#define ELIDE_ABORT_RETRY    (1u << 1)
#define ELIDE_ABORT_CONFLICT (1u << 2)
#define ELIDE_ABORT_CAPACITY (1u << 3)
#define ELIDE_ABORT_DEBUG    (1u << 4)
#define ELIDE_ABORT_NESTED   (1u << 5)
#define ELIDE_ABORT_CODE(status) (((status) >> 24) & 0xffu)
/* The status an explicit abort with `code` produces (RETRY is never set). */
#define ELIDE_EXPLICIT_STATUS(code) (ELIDE_ABORT_EXPLICIT | ((unsigned)(code) & 0xffu) << 24)

/* Named explicit abort codes. Every code elide itself uses is one of these,
 * and the statistics count each by name (DESIGN.md section 6). 0xff for a
 * busy lock is the value glibc and Concurrency Kit use, so mixed traces read
 * the same. */
#define ELIDE_CODE_LOCK_BUSY   0xffu  /* the elided lock (or the GIL word) is held */
#define ELIDE_CODE_OBJ_BUSY    0xfeu  /* a per-object lock read in the region is held */
#define ELIDE_CODE_IRREVOCABLE 0xfdu  /* the region reached I/O or a system call */
#define ELIDE_CODE_WORLD_STOP  0xfcu  /* a stop-the-world was requested */
#define ELIDE_CODE_ALLOC       0xfbu  /* allocation needed the GC's slow path */
#define ELIDE_CODE_USER_MAX    0xefu  /* codes 0..0xef are free for programs */

typedef struct elide_backend {
    const char *name;
    /* Begin a transaction. Returns ELIDE_STARTED inside it; after an abort
     * it returns a second time, with the abort status, and every write made
     * since begin has been undone. Flat nesting, as RTM. NULL for a backend
     * that does not run transactions (none, hle).
     * Neither gcc 12 nor clang 14 accepts __attribute__((returns_twice)) on
     * a function pointer, so libelide never calls this pointer from C: its
     * callers use elide_txn_begin() (elide.h), declared returns_twice and
     * implemented as a tail jump through this pointer, so a begin that
     * returns twice (emu) returns into the caller's own frame. */
    unsigned (*begin)(void);
    void (*end)(void);                /* commit the innermost transaction */
    void (*abort_code)(unsigned code);/* abort with an explicit 8-bit code */
    int (*test)(void);                /* non-zero while in a transaction */
} elide_backend;

/* Register a backend under b->name so ELIDE_MODE=<name> can select it.
 * Returns 0, or -1 when the table is full or the name is taken. Call before
 * any lock is elided (a constructor is the usual place). */
int elide_backend_register(const elide_backend *b);

#ifdef __cplusplus
}
#endif
#endif
