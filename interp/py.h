/* py.h: the interpreter's internal core header (objects, types, errors).
 *
 * Concurrency contract:
 * - Immutable objects (int, float, str, tuple, code, range, slice, function
 *   code/name fields) are never written after construction and need no lock.
 * - Mutable objects (list, dict, set, instance/class dicts, module globals,
 *   cells, deque, lock/queue internals) carry a lock word in their header
 *   (py_obj.lock). Every access goes through PY_LOCK/PY_UNLOCK (py_lock.h);
 *   functions that need the caller to hold it end in `_locked`.
 * - In `gil` mode the GIL serialises bytecode; the lock macros are no-ops.
 * - Per-thread state (py_ts) is written only by its own thread and is padded
 *   to 64-byte lines. Shared globals written after startup: the GIL
 *   (py_gil.c, its own contract), py_type_epoch (written when a class dict
 *   changes, read by inline caches), the intern table (under its mutex).
 * Not for use outside interp/.
 */
#ifndef PY_H
#define PY_H

#define GC_THREADS
#include <gc.h>
#include "fb_lock.h"
#include <gmp.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

typedef struct py_obj py_obj;
typedef py_obj *pv;
typedef struct py_type py_type;
typedef struct py_ts py_ts;
typedef struct py_frame py_frame;
typedef struct py_code py_code;

/* Every heap object starts with this header. `lock` is the per-object lock
 * word of DESIGN.md section 4 (py_lock.h; unused in gil and hle modes). */
struct py_obj {
    py_type *type;
    fb_lock_t lock;
    uint32_t oflags;
};

/* ---- tagged small ints: low bit 1, value in the upper 63 bits ---- */
#define PY_ISSMALL(v) (((uintptr_t)(v)) & 1)
#define PY_SMALLVAL(v) (((intptr_t)(v)) >> 1)
#define PY_MKSMALL(i) ((pv)(((uintptr_t)(intptr_t)(i) << 1) | 1))
/* Small ints are kept within +-2^61 so that sums of two never overflow the
 * tagged representation before the range check. */
#define PY_SMALL_MAX (((intptr_t)1 << 61) - 1)
#define PY_SMALL_MIN (-PY_SMALL_MAX)
#define PY_FITS_SMALL(i) ((i) >= PY_SMALL_MIN && (i) <= PY_SMALL_MAX)

/* ---- slots ---- */
enum {
    PY_NB_ADD, PY_NB_SUB, PY_NB_MUL, PY_NB_TRUEDIV, PY_NB_FLOORDIV, PY_NB_MOD,
    PY_NB_POW, PY_NB_LSHIFT, PY_NB_RSHIFT, PY_NB_AND, PY_NB_OR, PY_NB_XOR,
    PY_NB_MATMUL, PY_NB_COUNT
};
enum { PY_LT, PY_LE, PY_EQ, PY_NE, PY_GT, PY_GE };

typedef pv (*py_binfn)(pv a, pv b);
typedef pv (*py_callfn)(pv f, pv *args, size_t n, pv kwnames);
typedef pv (*py_newfn)(py_type *t, pv *args, size_t n, pv kwnames);

enum {
    PY_TF_HEAP = 1,       /* defined by a class statement */
    PY_TF_BASETYPE = 2,   /* may be subclassed */
    PY_TF_EXC = 4,        /* BaseException or a subclass */
    PY_TF_HAS_GETATTR = 8,/* user __getattr__ somewhere in the MRO */
    PY_TF_HAS_GETATTRIBUTE = 16,
};

struct py_type {
    py_obj ob;
    const char *name;
    py_type *base;
    pv dict;       /* class attributes (py_dict) */
    pv mro;        /* tuple of types, self first (C3 linearization) */
    pv bases;      /* tuple of the direct bases, or NULL: (base,) */
    pv module;     /* str or NULL */
    uint32_t flags;
    size_t basicsize;
    size_t dictoffset; /* 0: instances have no __dict__ */
    pv (*repr)(pv);
    pv (*str)(pv);
    intptr_t (*hash)(pv);      /* -1 with exception set on error */
    pv (*richcmp)(pv, pv, int);/* may return py_NotImplemented */
    pv (*iter)(pv);
    pv (*next)(pv);            /* NULL without exception: exhausted */
    py_callfn call;
    pv (*getattr)(pv, pv);
    int (*setattr)(pv, pv, pv);/* value NULL: delete */
    intptr_t (*len)(pv);       /* -1 on error */
    pv (*getitem)(pv, pv);
    int (*setitem)(pv, pv, pv);/* value NULL: delete */
    int (*contains)(pv, pv);   /* -1 on error */
    int (*truth)(pv);          /* -1 on error */
    pv (*neg)(pv);
    pv (*pos)(pv);
    pv (*invert)(pv);
    pv (*absf)(pv);
    py_newfn tp_new;           /* the type's constructor: type(...) */
    py_binfn nb[PY_NB_COUNT];
    pv slots_names;            /* __slots__ as given (accepted, not enforced) */
    /* set (0 -> 1, never back) when an instance dict holds a name the class
     * also defines; any thread may set it, so it is accessed atomically
     * (py_type_shadowed / py_type_set_shadowed) */
    uint32_t shadow;
};
static inline int py_type_shadowed(py_type *t) { return __atomic_load_n(&t->shadow, __ATOMIC_ACQUIRE) != 0; }
static inline void py_type_set_shadowed(py_type *t)
{
    if (!py_type_shadowed(t))
        __atomic_store_n(&t->shadow, 1, __ATOMIC_RELEASE);
}

/* ---- built-in object layouts ---- */
typedef struct { py_obj ob; mpz_t z; } py_bigint;
typedef struct { py_obj ob; double d; } py_float;
typedef struct {
    py_obj ob;
    intptr_t hash;   /* -1 until computed */
    size_t len;      /* code points */
    size_t nbytes;   /* UTF-8 bytes */
    uint8_t ascii;
    uint8_t interned;
    char s[];        /* UTF-8, NUL-terminated */
} py_str;
typedef struct { py_obj ob; size_t n, cap; pv *items; pv dict; } py_list;
typedef struct { py_obj ob; intptr_t hash; size_t n; pv items[]; } py_tuple;
typedef struct { intptr_t hash; pv key; pv val; } py_dent;
typedef struct {
    py_obj ob;
    size_t used;      /* live entries */
    size_t nent;      /* entries used including deleted */
    size_t entcap;
    size_t mask;      /* index table size - 1 */
    int32_t *index;   /* -1 empty, -2 deleted, else entry number */
    py_dent *ent;
    uint64_t ver;     /* changes on every insert/delete/value store */
    uint64_t kver;    /* changes only when keys are added or removed (entry indices stay valid) */
    pv dict;          /* instance dict for subclasses */
    pv dflt;          /* defaultdict factory, or NULL */
} py_dict;
typedef struct { intptr_t hash; pv key; } py_sent;
typedef struct {
    py_obj ob;
    size_t used, fill, mask;
    py_sent *table;
    intptr_t hash; /* frozenset cache */
    pv dict;
    uint64_t kver; /* changes when a key is added or removed or the table replaced (lock held) */
} py_set;
/* big: NULL, or a tuple (start, stop, step, len) of Python ints when any does
 * not fit the small fields (iteration and len() then need the small path) */
typedef struct { py_obj ob; intptr_t start, stop, step, len; pv big; } py_range;
typedef struct { py_obj ob; pv start, stop, step; } py_slice;
/* A cell is one word: read and written atomically, without its lock (a
 * single load or store needs none; a transaction reading it is aborted by
 * any other thread's store to it, as for any line it read). */
typedef struct { py_obj ob; pv v; } py_cell;
static inline pv py_cell_get(pv c) { return __atomic_load_n(&((py_cell *)c)->v, __ATOMIC_ACQUIRE); }
static inline void py_cell_set(pv c, pv v) { __atomic_store_n(&((py_cell *)c)->v, v, __ATOMIC_RELEASE); }
typedef struct { py_obj ob; pv dict; pv name; } py_module;
typedef struct { py_obj ob; pv self; pv func; } py_method;
typedef struct { py_obj ob; pv f; } py_wrapper; /* staticmethod/classmethod */
typedef struct { py_obj ob; pv fget, fset, fdel, doc; } py_property;
typedef struct { py_obj ob; pv name; size_t offset; } py_member; /* a __slots__ field */

typedef pv (*py_cfn)(pv self, pv *args, size_t n, pv kwnames);
typedef struct {
    py_obj ob;
    const char *name;
    py_cfn fn;
    pv self;       /* bound self, module, or NULL */
    py_type *owner;/* for method descriptors: the type */
    int is_method; /* a descriptor in a type dict: binds self on access */
} py_cfunc;

enum {
    PY_CO_VARARGS = 1, PY_CO_VARKW = 2, PY_CO_GENERATOR = 4,
    PY_CO_NESTED_CLASS = 8, PY_CO_MODULE = 16, PY_CO_CLASSBODY = 32,
};
/* An inline cache entry (one per instruction, in the code object, shared
 * by every thread that runs the code). Four words of content under a
 * sequence word: readers (py_cache_read) copy the content and check that
 * seq was even and unchanged around the copy, so they never use a torn
 * entry (the type of one fill with the slot of another); a writer
 * (py_cache_write) takes seq from even to odd with a CAS, or gives up if
 * another thread is filling the entry, stores, and makes seq even again.
 * Every field is accessed atomically (relaxed; seq acquire/release), which
 * costs nothing on x86 beyond keeping the compiler honest. Callers write
 * only when the content changes (DESIGN.md rule 3).
 *
 * A polymorphic site (one instruction seeing instances of several types:
 * richards' `t.fn(...)` over four Task classes) would rewrite its entry at
 * every change of type. Every thread running the code reads that line (and
 * its neighbours' entries on it), so with two threads each rewrite cost
 * the other core a miss: richards' LOAD_METHOD rewrote 3,500 times a run,
 * and two threads ran 1.6x as fast as one. Once an entry has been written
 * PY_CACHE_REWRITES times (seq counts them), a fill for another key (a)
 * under the same b (the type epoch: the entry is still right for its own
 * type) is dropped: the site keeps serving its type, the others take the
 * uncached path, and nothing is written. A new epoch (b) or the same key
 * still refills. */
#define PY_CACHE_REWRITES 64u
typedef struct { uintptr_t seq, a, b, c, d; } py_cache;
typedef struct { uintptr_t a, b, c, d; } py_cache_val;

/* How threads run (py_lock.h: PY_RUN_*); 0, PY_RUN_GIL, and 3, PY_RUN_HLE,
 * have one GIL, so shared memory needs no atomic protocol beyond it. */
extern int py_run;
static inline int py_one_gil(void) { return py_run == 0 || py_run == 3; }

static inline __attribute__((always_inline)) int py_cache_read(const py_cache *c, py_cache_val *v)
{
    if (py_one_gil()) { /* no concurrent writer: the GIL orders the fills */
        v->a = c->a;
        v->b = c->b;
        v->c = c->c;
        v->d = c->d;
        return 1;
    }
    /* acquire loads (plain moves on x86) keep the second load of seq after
     * the content loads without a fence, which TSan cannot model */
    uintptr_t s = __atomic_load_n(&c->seq, __ATOMIC_ACQUIRE);
    v->a = __atomic_load_n(&c->a, __ATOMIC_ACQUIRE);
    v->b = __atomic_load_n(&c->b, __ATOMIC_ACQUIRE);
    v->c = __atomic_load_n(&c->c, __ATOMIC_ACQUIRE);
    v->d = __atomic_load_n(&c->d, __ATOMIC_ACQUIRE);
    return !(s & 1) && __atomic_load_n(&c->seq, __ATOMIC_RELAXED) == s;
}

static inline void py_cache_write(py_cache *c, uintptr_t a, uintptr_t b, uintptr_t cc, uintptr_t d)
{
    uintptr_t s = __atomic_load_n(&c->seq, __ATOMIC_RELAXED);
    if (__atomic_load_n(&c->a, __ATOMIC_RELAXED) == a && __atomic_load_n(&c->b, __ATOMIC_RELAXED) == b &&
        __atomic_load_n(&c->c, __ATOMIC_RELAXED) == cc && __atomic_load_n(&c->d, __ATOMIC_RELAXED) == d &&
        !(s & 1))
        return; /* same content: write nothing */
    if (s >= 2 * PY_CACHE_REWRITES && __atomic_load_n(&c->a, __ATOMIC_RELAXED) != a &&
        __atomic_load_n(&c->b, __ATOMIC_RELAXED) == b)
        return; /* polymorphic: keep the entry (above) */
    if ((s & 1) || !__atomic_compare_exchange_n(&c->seq, &s, s + 1, 0, __ATOMIC_ACQUIRE, __ATOMIC_RELAXED))
        return;
    __atomic_store_n(&c->a, a, __ATOMIC_RELAXED);
    __atomic_store_n(&c->b, b, __ATOMIC_RELAXED);
    __atomic_store_n(&c->c, cc, __ATOMIC_RELAXED);
    __atomic_store_n(&c->d, d, __ATOMIC_RELAXED);
    __atomic_store_n(&c->seq, s + 2, __ATOMIC_RELEASE);
}
struct py_code {
    py_obj ob;
    uint32_t *code;
    uint32_t ncode;
    int *lines;        /* source line of each instruction */
    py_cache *caches;  /* one per instruction (inline caches) */
    pv consts, names, varnames, cellvars, freevars; /* tuples */
    int argcount, posonly, kwonly;
    int flags;
    int nlocals, ncells, nfree, stacksize;
    int *cell2arg;     /* per cell: argument index or -1 */
    uint8_t *rlen;     /* per instruction: region length (py_region.c), lazily */
    pv name, qualname, filename;
    int firstline;
};
typedef struct {
    py_obj ob;
    py_code *code;
    pv globals, builtins;
    pv name, qualname, module, doc;
    pv defaults;   /* tuple or NULL */
    pv kwdefaults; /* dict or NULL */
    pv closure;    /* tuple of cells or NULL */
    pv dict;
} py_func;

typedef struct {
    py_obj ob;
    pv dict;
    pv args;     /* tuple */
    pv tb;       /* py_tb chain, outermost first */
    pv cause, context;
    int suppress_context;
    pv notes;
} py_exc;
typedef struct py_tb { py_obj ob; struct py_tb *next; py_code *code; int line; } py_tb;

/* A generator is resumed by one thread at a time: py_gen_claim takes
 * `running` from 0 to 1 atomically (a second thread gets "generator already
 * executing", as CPython's free-threaded build), py_gen_unclaim gives it
 * back. `done` is set by the thread that holds the claim. */
typedef struct {
    py_obj ob;
    py_frame *frame;
    pv name, qualname;
    int running, done;
} py_gen;
static inline int py_gen_claim(py_gen *g)
{
    if (py_one_gil()) { /* the GIL orders claims: no atomic needed */
        if (g->running)
            return 0;
        g->running = 1;
        return 1;
    }
    int z = 0;
    return __atomic_compare_exchange_n(&g->running, &z, 1, 0, __ATOMIC_ACQUIRE, __ATOMIC_RELAXED);
}
static inline void py_gen_unclaim(py_gen *g) { __atomic_store_n(&g->running, 0, __ATOMIC_RELEASE); }
static inline int py_gen_done(py_gen *g) { return __atomic_load_n(&g->done, __ATOMIC_ACQUIRE); }
static inline void py_gen_set_done(py_gen *g) { __atomic_store_n(&g->done, 1, __ATOMIC_RELEASE); }

typedef struct { py_obj ob; pv dict; } py_inst; /* plain class instance */

/* ---- the built-in types ---- */
#define PY_TYPES(X) X(type) X(object) X(int) X(bool) X(float) X(str) X(list) \
    X(tuple) X(dict) X(set) X(frozenset) X(range) X(slice) X(none) X(notimpl) \
    X(ellipsis) X(cell) X(module) X(method) X(cfunc) X(func) X(code) X(gen) \
    X(staticmethod) X(classmethod) X(property) X(exc) X(tb) X(super) X(frame) X(member)
#define PY_DECL_TYPE(n) extern py_type py_##n##_type;
PY_TYPES(PY_DECL_TYPE)

extern py_obj py_None_obj, py_NotImplemented_obj, py_Ellipsis_obj;
extern py_obj py_True_obj, py_False_obj; /* bools are objects of py_bool_type */
#define py_None (&py_None_obj)
#define py_NotImplemented (&py_NotImplemented_obj)
#define py_Ellipsis (&py_Ellipsis_obj)
#define py_True (&py_True_obj)
#define py_False (&py_False_obj)
#define PY_BOOL(c) ((c) ? py_True : py_False)

static inline py_type *py_typeof(pv v)
{
    return PY_ISSMALL(v) ? &py_int_type : v->type;
}
#define PY_IS(v, T) (!PY_ISSMALL(v) && (v)->type == &py_##T##_type)
int py_subtype(py_type *a, py_type *b);
static inline int py_isinst(pv v, py_type *t)
{
    py_type *vt = py_typeof(v);
    return vt == t || py_subtype(vt, t);
}
#define PY_ISSTR(v) (!PY_ISSMALL(v) && ((v)->type == &py_str_type || py_subtype((v)->type, &py_str_type)))
#define PY_ISINT(v) (PY_ISSMALL(v) || (v)->type == &py_int_type || (v)->type == &py_bool_type || py_subtype((v)->type, &py_int_type))
#define PY_ISBIG(v) (!PY_ISSMALL(v) && (v)->type == &py_int_type)
#define PY_ISFLOAT(v) (!PY_ISSMALL(v) && (v)->type == &py_float_type)
#define PY_ISLIST(v) (!PY_ISSMALL(v) && ((v)->type == &py_list_type || py_subtype((v)->type, &py_list_type)))
#define PY_ISTUPLE(v) (!PY_ISSMALL(v) && ((v)->type == &py_tuple_type || py_subtype((v)->type, &py_tuple_type)))
#define PY_ISDICT(v) (!PY_ISSMALL(v) && ((v)->type == &py_dict_type || py_subtype((v)->type, &py_dict_type)))
#define PY_ISTYPE(v) (!PY_ISSMALL(v) && ((v)->type == &py_type_type || py_subtype((v)->type, &py_type_type)))
#define PY_ISEXC(v) (!PY_ISSMALL(v) && ((v)->type->flags & PY_TF_EXC))
#define PY_ISSETLIKE(v) (!PY_ISSMALL(v) && (py_isinst(v, &py_set_type) || py_isinst(v, &py_frozenset_type)))

/* ---- allocation (py_alloc.c) ----
 * One inline entry point. Small sizes come from per-thread free lists
 * refilled with GC_malloc_many, so the elision issue can forbid the slow
 * path inside a region. */
void *py_alloc_slow(size_t size);
/* Between regions (py_region.c): every size class this thread uses holds
 * at least a region's worth of objects, so a transaction never refills. */
void py_alloc_topup(py_ts *ts);
/* When the list of class c is down to py_alloc_low[c] objects (16 KiB of
 * them), py_alloc_ahead refills it early if that needs no waiting
 * (py_alloc.c). */
#define PY_ALLOC_LOW(c) (16384u / (((c) + 1) << 4))
static const uint16_t py_alloc_low[16] = {
    PY_ALLOC_LOW(0), PY_ALLOC_LOW(1), PY_ALLOC_LOW(2), PY_ALLOC_LOW(3),
    PY_ALLOC_LOW(4), PY_ALLOC_LOW(5), PY_ALLOC_LOW(6), PY_ALLOC_LOW(7),
    PY_ALLOC_LOW(8), PY_ALLOC_LOW(9), PY_ALLOC_LOW(10), PY_ALLOC_LOW(11),
    PY_ALLOC_LOW(12), PY_ALLOC_LOW(13), PY_ALLOC_LOW(14), PY_ALLOC_LOW(15)};
void py_alloc_ahead(py_ts *ts, size_t c);
void *py_alloc_checked(size_t size); /* NULL with MemoryError raised when out of memory */
void *py_alloc_lines(size_t size);   /* zeroed, on cache lines of its own (py_alloc.c) */
void py_alloc_init(void);
/* Per-thread size classes: slots of 16..256 bytes in 16-byte steps. That
 * covers all fixed-size objects and the small tables (lists up to 30 items,
 * the first set and dict tables), so the common allocations never take the
 * GC lock. A slot of 16c bytes holds objects of up to 16c - 1: with interior
 * pointers on, the collector keeps one byte past every object (so that a
 * pointer just past its end does not hold the next slot alive), and asking
 * it for 16c bytes would take a slot of 16c + 16 (a 24-byte float took 48). */
#define PY_ALLOC_CLASSES 16
_Static_assert(PY_ALLOC_CLASSES == sizeof py_alloc_low / sizeof py_alloc_low[0], "py_alloc_low: one per class");
#define PY_ALLOC_CLASS(size) (((size) + 16) >> 4) /* 1-based; the slot is 16 times it */
#define PY_ALLOC_MAX (PY_ALLOC_CLASSES * 16 - 1)  /* the largest size a class takes */
static inline void *py_alloc(size_t size);
static inline pv py_new(py_type *t, size_t size)
{
    pv o = (pv)py_alloc(size);
    o->type = t;
    return o;
}

/* ---- errors (py_exc.c). Convention: NULL / -1 return, exception in ts ---- */
#define PY_EXC_TYPES(X) X(BaseException) X(Exception) X(SystemExit) X(KeyboardInterrupt) \
    X(GeneratorExit) X(StopIteration) X(ArithmeticError) X(ZeroDivisionError) \
    X(OverflowError) X(FloatingPointError) X(AssertionError) X(AttributeError) \
    X(LookupError) X(IndexError) X(KeyError) X(NameError) X(UnboundLocalError) \
    X(TypeError) X(ValueError) X(UnicodeError) X(RuntimeError) X(RecursionError) \
    X(NotImplementedError) X(MemoryError) X(OSError) X(FileNotFoundError) \
    X(ImportError) X(ModuleNotFoundError) X(SyntaxError) X(IndentationError) \
    X(EOFError) X(StopAsyncIteration) X(BufferError) X(TimeoutError) \
    X(PermissionError) X(IsADirectoryError) X(UnicodeDecodeError) X(Warning) \
    X(UserWarning) X(DeprecationWarning) X(TabError) X(FileExistsError) \
    X(UnicodeEncodeError) X(RuntimeWarning) X(ReferenceError) X(SystemError) \
    X(NotADirectoryError) X(ConnectionError) X(BrokenPipeError) X(InterruptedError) \
    X(ChildProcessError) X(ProcessLookupError) X(BlockingIOError) \
    X(PendingDeprecationWarning) X(FutureWarning) X(ImportWarning) X(ResourceWarning) \
    X(SyntaxWarning) X(UnicodeWarning) X(BytesWarning) X(EncodingWarning) \
    X(ConnectionAbortedError) X(ConnectionRefusedError) X(ConnectionResetError) X(UnicodeTranslateError)
#define PY_DECL_EXC(n) extern py_type *py_exc_##n;
PY_EXC_TYPES(PY_DECL_EXC)

pv py_raise(py_type *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
pv py_raise_obj(pv exc);       /* exc: instance or class */
pv py_raise_nomem(void);
int py_exc_matches(py_type *t);   /* is the pending exception a t? */
pv py_exc_fetch(void);            /* take the pending exception */
void py_exc_clear(void);
pv py_exc_new(py_type *t, pv *args, size_t n);
void py_exc_print(pv exc, FILE *f);
void py_exc_init(void);
pv py_exc_str(pv exc);

/* ---- thread state ---- */
#define PY_CACHELINE 64
/* Python locks one transaction may hold elided at once: more nested `with
 * lock:` blocks than that take the rest for real. */
#define PY_ELIDED_MAX 8
struct py_ts {
    /* hot line: read/written by this thread only */
    pv exc;               /* pending exception */
    pv handling;          /* exception being handled (bare raise, context) */
    py_frame *frame;      /* innermost Python frame */
    int depth;            /* Python frames + C re-entries */
    int c_depth;          /* nested VM entries from C */
    char *stack_floor;    /* lowest C stack address a VM entry may start at (py_vm.c) */
    unsigned long ident;
    pv *stack_cur, *stack_end; /* frame arena */
    pv *arena_spare;      /* a free arena chunk (GC memory: must be reachable from here) */
    /* allocator free lists: own line(s) */
    void *freel[PY_ALLOC_CLASSES] __attribute__((aligned(PY_CACHELINE)));
    uint32_t freen[PY_ALLOC_CLASSES]; /* objects on each list */
    uint32_t freeused;    /* bit c: class c has been refilled (py_alloc_topup) */
    uint8_t refills[PY_ALLOC_CLASSES]; /* refills per class, capped (py_alloc.c) */
    /* repr recursion guard */
    pv repr_stack[64];
    int repr_n;
    pv thread_obj;        /* threading.Thread object, or NULL */
    pv local_dicts;       /* dict: threading.local id -> dict */
    uint64_t stats_regions, stats_yields; /* elide.stats() */
    int atomic_depth;     /* inside `with elide.atomic:` (no GIL handover) */
    struct py_mcache_ent *mcache; /* per-thread type-attribute cache (py_obj.c) */
    int holds_gil;
    struct py_ts *next_ts;
    /* elision state (py_lock.h, py_region.c): own lines, this thread only */
    int lk __attribute__((aligned(PY_CACHELINE))); /* PY_LK_*: what PY_LOCK does now */
    int vm_depth;         /* py_vm_run activations on this thread */
    int cs;               /* elided critical sections open in this transaction */
    int rg_left;          /* yield points left before this region ends */
    int rg_level;         /* c_depth of the py_vm_run that began the transaction */
    struct py_region_ts *rg; /* the region protocol's per-thread state and statistics */
    int nelided;          /* Python locks this transaction elided (py_thread.c) */
    int atomic_tx;        /* this transaction is a `with elide.atomic:` block */
    int atomic_world;     /* this thread stopped the world for an atomic block */
    pv elided[PY_ELIDED_MAX];
    char pad1[PY_CACHELINE];
} __attribute__((aligned(PY_CACHELINE)));

extern __thread py_ts *py_cur;
extern int py_recursion_limit;
py_ts *py_ts_new(void);

static inline void *py_alloc(size_t size)
{
    size_t c = PY_ALLOC_CLASS(size);
    if (c - 1 < PY_ALLOC_CLASSES) {
        py_ts *ts = py_cur;
        void **fl = &ts->freel[c - 1];
        void *p = *fl;
        if (__builtin_expect(p != NULL, 1)) {
            *fl = GC_NEXT(p);
            if (__builtin_expect(--ts->freen[c - 1] == py_alloc_low[c - 1], 0))
                py_alloc_ahead(ts, c - 1);
            GC_NEXT(p) = NULL; /* the rest is zero (py_alloc.c: refill) */
            return p;
        }
    }
    return py_alloc_slow(size);
}

/* memcpy/memmove that accept (NULL, 0): empty arrays are often NULL here */
static inline void py_copy(void *d, const void *s, size_t n) { if (n) memcpy(d, s, n); }
static inline void py_move(void *d, const void *s, size_t n) { if (n) memmove(d, s, n); }

/* ---- generic object protocol (py_obj.c) ---- */
pv py_repr(pv v);
pv py_str_of(pv v);
intptr_t py_hash(pv v);
pv py_richcmp(pv a, pv b, int op);
int py_eq(pv a, pv b);            /* 1, 0, -1 error */
int py_lt(pv a, pv b);
int py_truth(pv v);
pv py_getattr(pv o, pv name);
pv py_getattr_opt(pv o, pv name); /* NULL without exception if missing */
pv py_getattr_s(pv o, const char *name);
int py_setattr(pv o, pv name, pv v);
pv py_generic_getattr(pv o, pv name);
int py_generic_setattr(pv o, pv name, pv v);
pv py_type_lookup(py_type *t, pv name); /* MRO lookup, no exception */
pv py_call(pv f, pv *args, size_t n, pv kwnames);
pv py_call0(pv f);
pv py_call1(pv f, pv a);
pv py_call2(pv f, pv a, pv b);
pv py_call_method(pv o, const char *name, pv *args, size_t n);
pv py_iter(pv v);
pv py_next(pv it);                /* NULL: exhausted (no exc) or error (exc) */
intptr_t py_len(pv v);
pv py_getitem(pv o, pv k);
int py_setitem(pv o, pv k, pv v);
int py_delitem(pv o, pv k);
int py_contains(pv o, pv v);
pv py_binop(int op, pv a, pv b);
pv py_inplace(int op, pv a, pv b);
pv py_neg(pv v);
pv py_pos(pv v);
pv py_invert(pv v);
pv py_abs(pv v);
const char *py_tname(pv v);
pv py_bind(pv descr, pv self, py_type *t); /* descriptor __get__ */
pv py_to_list(pv iterable);       /* new list */
pv py_to_tuple(pv iterable);
int py_repr_enter(pv v);          /* 1 if already being repr'd */
void py_repr_leave(pv v);
void py_obj_init(void);
pv py_type_new_heap(const char *name, pv bases, pv dict);
void py_type_ready(py_type *t);
void py_type_fix_slots(py_type *t);
extern uint64_t py_type_epoch;
py_type *py_type_make(const char *name, py_type *base, size_t size);
pv py_object_new(py_type *t, pv *args, size_t n, pv kw);
int py_check_type_call(pv t);
pv py_instance_dict(pv o);      /* the __dict__ of o, created on demand, or NULL */

/* ---- int (py_int.c) ---- */
pv py_int_from_i64(int64_t i);
pv py_int_from_mpz(const mpz_t z);  /* normalises to small */
pv py_int_from_double(double d);    /* may raise OverflowError/ValueError */
pv py_int_from_str(const char *s, size_t n, int base); /* ValueError */
int py_int_to_i64(pv v, int64_t *out); /* -1 OverflowError */
double py_int_to_double(pv v, int *overflow);
void py_int_to_mpz(pv v, mpz_t out);   /* out initialised by caller */
pv py_int_repr(pv v);
pv py_int_format_base(pv v, int base, int prefix);
intptr_t py_int_hash(pv v);
int py_int_sign(pv v);
pv py_int_binop(int op, pv a, pv b);
pv py_int_pow3(pv a, pv b, pv m);
int py_int_cmp(pv a, pv b);
intptr_t py_index(pv v, int *err);   /* __index__ to intptr_t */
void py_int_init(void);
size_t py_int_bitlen(pv v);

/* ---- float (py_float.c) ---- */
pv py_float_new(double d);
static inline double py_float_val(pv v) { return ((py_float *)v)->d; }
int py_as_double(pv v, double *out); /* int or float; -1 TypeError/Overflow */
pv py_float_repr_of(double d);
intptr_t py_hash_double(double d);
void py_float_init(void);
char *py_float_cstr(double d, char *buf, size_t n); /* repr into buf */

/* ---- str (py_str.c) ---- */
pv py_str_new(const char *s, size_t nbytes);
pv py_str_c(const char *s);
pv py_str_fmt(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
pv py_intern(const char *s);
pv py_intern_str(pv s);
static inline const char *py_cstr(pv s) { return ((py_str *)s)->s; }
static inline size_t py_slen(pv s) { return ((py_str *)s)->len; }
static inline size_t py_sbytes(pv s) { return ((py_str *)s)->nbytes; }
intptr_t py_str_hash(pv s);
int py_str_eq(pv a, pv b);
pv py_str_concat(pv a, pv b);
pv py_str_repr(pv s);
pv py_str_format(pv fmt, pv *args, size_t n, pv kwnames);
pv py_str_percent(pv fmt, pv args);
pv py_format(pv v, pv spec);         /* format(v, spec) */
pv py_str_from_cp(uint32_t cp);
void py_str_init(void);
size_t py_utf8_encode(uint32_t cp, char *out);
uint32_t py_str_at(pv s, size_t i); /* code point i */
pv py_str_join(pv sep, pv iterable);

/* string builder */
typedef struct { char *buf; size_t len, cap; } py_sb;
void py_sb_add(py_sb *b, const char *s, size_t n);
void py_sb_adds(py_sb *b, const char *s);
void py_sb_addc(py_sb *b, char c);
void py_sb_addv(py_sb *b, pv str);
int py_sb_addrepr(py_sb *b, pv v); /* -1 on error */
pv py_sb_finish(py_sb *b);

/* ---- list/tuple (py_list.c) ---- */
pv py_list_new(size_t n);            /* n NULL slots, len n: fill before sharing */
/* Element i of a list (negative counts from the end), read without the lock
 * (py_list.c explains why that is safe); NULL when out of range. */
static inline __attribute__((always_inline)) pv py_list_item(pv o, intptr_t i)
{
    py_list *l = (py_list *)o;
    size_t n = __atomic_load_n(&l->n, __ATOMIC_ACQUIRE);
    if (i < 0)
        i += (intptr_t)n;
    if (i < 0 || (size_t)i >= n)
        return NULL;
    pv *it = __atomic_load_n(&l->items, __ATOMIC_ACQUIRE);
    if (!it || (size_t)i >= ((size_t *)it)[-1])
        return NULL;
    return __atomic_load_n(&it[i], __ATOMIC_ACQUIRE);
}
pv py_list_get(pv l, size_t i);      /* py_list_item for i >= 0 */
size_t py_list_len(pv l);
pv *py_list_snapshot(pv l, size_t *n); /* a private copy of the elements */
int py_list_store(pv l, intptr_t i, pv v); /* l[i] = v under the lock if in range: 1, else 0 */
int py_list_replace(pv l, pv *items, size_t n); /* the whole contents, under the lock */
pv py_list_iter_next(pv it);
pv py_list_from(pv *items, size_t n);
int py_list_append(pv l, pv v);
int py_list_extend(pv l, pv iterable);
pv py_list_sort(pv l, pv key, int reverse); /* returns None or NULL */
pv py_tuple_new(size_t n);
pv py_tuple_from(pv *items, size_t n);
pv py_tuple_pack(size_t n, ...);
#define PY_TUPLE(v) ((py_tuple *)(v))
#define PY_LIST(v) ((py_list *)(v))
void py_list_init(void);
intptr_t py_seq_index_norm(intptr_t i, size_t n, int *ok);
int py_slice_indices(pv slice, size_t len, intptr_t *start, intptr_t *stop, intptr_t *step, size_t *slen);
pv py_slice_new(pv a, pv b, pv c);
pv py_slice_ints(pv slice); /* bounds as ints or None (runs their __index__); NULL on error */
pv py_seq_iter_new(pv seq); /* index-based iterator */

/* ---- dict/set (py_dict.c, py_set.c) ---- */
pv py_dict_new(void);
pv py_dict_get(pv d, pv key);      /* NULL: missing or error (check py_cur->exc) */
pv py_dict_gets(pv d, const char *key);
int py_dict_set(pv d, pv key, pv v);
int py_dict_sets(pv d, const char *key, pv v);
int py_dict_del(pv d, pv key);     /* -1 KeyError */
int py_dict_next(pv d, size_t *pos, pv *k, pv *v);
pv py_dict_copy(pv d);
int py_dict_update(pv d, pv other);
void py_dict_init(void);
/* An exact-str key (no __eq__ can run): entry index or -1, *val its value. */
intptr_t py_dict_find_str(pv d, pv name, pv *val);
/* Entry arrays carry their capacity in the word before entry 0. */
static inline size_t py_dict_ent_cap(const py_dent *e) { return e ? ((const size_t *)e)[-1] : 0; }
/* The value of entry ix if it still holds key, without the lock; NULL when
 * it does not (or the dict's keys changed meanwhile: the caller then takes
 * the slow path). kver is read before and after, so a slot that was deleted
 * and reused for another key between our loads of key and val (popitem
 * shrinks nent) is never taken for the old key's value (py_dict.c). */
static inline __attribute__((always_inline)) pv py_dict_entry_val(pv o, size_t ix, pv key)
{
    py_dict *d = (py_dict *)o;
    uint64_t k1 = __atomic_load_n(&d->kver, __ATOMIC_ACQUIRE);
    py_dent *e = __atomic_load_n(&d->ent, __ATOMIC_ACQUIRE);
    if (ix >= py_dict_ent_cap(e) || __atomic_load_n(&e[ix].key, __ATOMIC_ACQUIRE) != key)
        return NULL;
    pv v = __atomic_load_n(&e[ix].val, __ATOMIC_ACQUIRE);
    return __atomic_load_n(&d->kver, __ATOMIC_ACQUIRE) == k1 ? v : NULL;
}
/* Store v into entry ix if it still holds key (under the lock): 1, else 0. */
int py_dict_entry_store_slow(pv d, size_t ix, pv key, pv v);
pv py_set_new(py_type *t);
int py_set_add(pv s, pv key);
int py_set_contains(pv s, pv key);
int py_set_discard(pv s, pv key);
int py_set_next(pv s, size_t *pos, pv *k);
/* Key equality that runs no Python code (str, int, float, tuples of them;
 * py_set.c, used by dict and set probes): 1 equal, 0 not, -2 unknown
 * (py_eq must decide). */
int py_key_eq_nocall(pv a, pv b);
void py_set_init(void);

/* ---- functions, classes, generators (py_func.c) ---- */
pv py_cfunc_new(const char *name, py_cfn fn, pv self);
void py_add_method(py_type *t, const char *name, py_cfn fn);
void py_add_cls_method(py_type *t, const char *name, py_cfn fn);
void py_add_static(py_type *t, const char *name, py_cfn fn);
void py_add_getter(py_type *t, const char *name, py_cfn fn);
pv py_func_new(py_code *co, pv globals, pv qualname);
pv py_method_new(pv self, pv func);
pv py_cell_new(pv v);
pv py_module_new(const char *name);
pv py_gen_new(py_frame *f);
pv py_gen_send(pv gen, pv v, int *done); /* done=1: returned (value = result) */
pv py_gen_throw(pv gen, pv exc);
void py_func_init(void);

/* ---- argument helpers ---- */
int py_noargs_kw(const char *fname, pv kwnames);
int py_nargs(const char *fname, size_t n, size_t lo, size_t hi);
pv py_kwarg(pv kwnames, pv *kwvals, const char *name); /* NULL if absent */
int py_kwcheck(const char *fname, pv kwnames, const char *const *allowed);
#define PY_NKW(kw) ((kw) ? PY_TUPLE(kw)->n : 0)

/* ---- the VM (py_vm.c) ---- */
pv py_eval_code(py_code *co, pv globals, pv locals);
pv py_call_func(pv f, pv *args, size_t n, pv kwnames);
pv py_vm_run(py_ts *ts, py_frame *f);          /* run f to its return or yield */
py_frame *py_frame_for_gen(py_func *fn, pv *args, size_t n, pv kwnames);
void py_frame_unwind_gen(py_frame *f);
extern int py_switch_interval_us;
int py_enter_recursive(const char *where);   /* -1 RecursionError */
static inline void py_leave_recursive(void) { py_cur->depth--; py_cur->c_depth--; }

/* ---- compiler (py_lex.c, py_parse.c, py_compile.c) ---- */
pv py_compile_source(const char *src, size_t n, const char *filename, int mode); /* code or NULL */
enum { PY_MODE_EXEC, PY_MODE_EVAL, PY_MODE_SINGLE };

/* ---- modules, builtins, runtime ---- */
extern pv py_builtins;     /* dict */
extern pv py_modules;      /* sys.modules dict */
extern pv py_sys_path;     /* list */
void py_builtins_init(void);
pv py_import(pv name, pv globals, pv fromlist, int level);
pv py_import_s(const char *name);
void py_runtime_init(int argc, char **argv);
int py_print_obj(pv v, FILE *f);
pv py_sys_write(const char *which, pv s); /* sys.stdout/err .write */
int py_flush_std(void);

typedef pv (*py_modinit)(void);
pv py_mod_sys(void);
pv py_mod_math(void);
pv py_mod_time(void);
pv py_mod_random(void);
pv py_mod_thread(void);
pv py_mod_io(void);
pv py_mod_elide(void);
void py_sys_set_argv(int argc, char **argv);
void py_sys_set_path0(const char *dir);

/* fatal: impossible OS failures and internal invariants */
#define py_die(msg) py_die_at(__FILE__, __func__, __LINE__, msg)
_Noreturn void py_die_at(const char *file, const char *fn, int line, const char *msg);



#include "py_ids.h"

#endif
