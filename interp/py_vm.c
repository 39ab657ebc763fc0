/* py_vm.c: the bytecode VM.
 *
 * Python-to-Python calls do not recurse in C: CALL pushes a frame (from the
 * thread's frame arena, GC memory) and the same loop continues; RETURN pops
 * it. Builtins that call back into Python (sorted(key=), __eq__ from a dict
 * lookup, generators resumed from C) re-enter py_vm_run, bounded by the
 * recursion limit. Yield points (PY_YIELD_POINT) sit at backward jumps and
 * calls. Inline caches (py_code.caches) are written only on a miss, i.e.
 * when their content changes (DESIGN.md section 6 rule 3).
 * Concurrency: frames are per thread; shared objects are reached through
 * the object operations, which take the object locks (py_lock.h).
 */
#define _GNU_SOURCE 1 /* pthread_getattr_np */
#include "py_vm.h"
#include "py_lock.h"

#include <stdlib.h>

/* Frame arena chunk: 16 Ki words (128 KiB), about 200 frames of typical
 * functions. The collector scans a whole chunk conservatively at every
 * collection, so it is kept small; deep recursion spills into new chunks,
 * and a chunk is kept as a spare when the stack shrinks back out of it, so
 * calls at a chunk boundary do not allocate each time. */
#define ARENA_WORDS (16 * 1024)
/* Nested VM entries from C (builtins calling back into Python) are bounded
 * by the recursion limit too; this cap protects the C stack when the limit is
 * raised: each entry costs well under 2 KiB of C stack and our threads run
 * on 256 MiB stacks (py_thread.c, main.c). */
#define MAX_C_DEPTH 20000


static py_frame *frame_alloc(py_ts *ts, py_code *co)
{
    size_t words = (size_t)(co->nlocals + co->ncells + co->nfree + co->stacksize);
    size_t w = (sizeof(py_frame) + words * sizeof(pv) + 7) / 8;
    pv *prev = ts->stack_cur, *prev_end = ts->stack_end;
    if (!ts->stack_cur || ts->stack_cur + w > ts->stack_end) {
        size_t cw = w > ARENA_WORDS ? w : ARENA_WORDS;
        pv *chunk = (cw == ARENA_WORDS && ts->arena_spare) ? ts->arena_spare : GC_MALLOC(cw * sizeof(pv));
        if (chunk == ts->arena_spare)
            ts->arena_spare = NULL;
        if (!chunk)
            return NULL;
        ts->stack_cur = chunk;
        ts->stack_end = chunk + cw;
    }
    py_frame *f = (py_frame *)ts->stack_cur;
    ts->stack_cur += w;
    memset(f, 0, offsetof(py_frame, blocks));
    memset(f->fast, 0, (size_t)(co->nlocals + co->ncells + co->nfree) * sizeof(pv));
    f->arena_prev = prev;
    f->arena_prev_end = prev_end;
    f->code = co;
    f->size = words;
    f->flags = PY_FR_ARENA;
    return f;
}

static void frame_release(py_ts *ts, py_frame *f)
{
    if (!(f->flags & PY_FR_ARENA))
        return;
    if (f->arena_prev_end != ts->stack_end && ts->stack_end - (pv *)f == ARENA_WORDS)
        ts->arena_spare = (pv *)f; /* leaving a chunk: f was its first frame */
    ts->stack_cur = f->arena_prev;
    ts->stack_end = f->arena_prev_end;
}

/* Heap frames (generators, module and class bodies) occupy whole cache
 * lines: they are too big for the per-thread size classes, and objects the
 * collector hands out from its shared lists lie side by side whatever
 * thread asked, so two threads' generator frames shared a line and every
 * resume of one aborted the other's transaction (emu, bench/workloads/
 * generator: 40-80% of regions at 4 threads). */
py_frame *py_frame_new_heap(py_code *co, pv globals, pv locals, pv func)
{
    size_t words = (size_t)(co->nlocals + co->ncells + co->nfree + co->stacksize);
    size_t bytes = (sizeof(py_frame) + words * sizeof(pv) + PY_CACHELINE - 1) & ~(size_t)(PY_CACHELINE - 1);
    py_frame *f = GC_memalign(PY_CACHELINE, bytes);
    if (!f)
        return (py_frame *)py_raise_nomem();
    memset(f, 0, bytes);
    f->code = co;
    f->globals = globals;
    f->builtins = py_builtins;
    f->locals = locals;
    f->func = func;
    f->size = words;
    return f;
}

int py_frame_line(py_frame *f)
{
    if (!f->code->ncode)
        return f->code->firstline;
    uint32_t i = f->ip ? f->ip - 1 : 0;
    if (i >= f->code->ncode)
        i = f->code->ncode - 1;
    return f->code->lines[i];
}

pv py_handling_exc(void) { return py_cur->handling; }

/* The lowest address this thread's C stack may use before a nested VM
 * entry is refused: whatever the recursion limit says, a thread whose stack
 * is smaller than MAX_C_DEPTH entries need (an embedding program's main
 * thread, sanitizer builds with larger frames) gets RecursionError, never a
 * stack overflow. The margin is room for the deepest C path between two
 * checks (a repr of a big container, the compiler under ASan). */
#define STACK_MARGIN (512u << 10)

static char *stack_floor(py_ts *ts)
{
    if (!ts->stack_floor) {
        pthread_attr_t a;
        void *lo;
        size_t sz;
        char *floor = (char *)1; /* unknown: only the depth counters limit */
        if (pthread_getattr_np(pthread_self(), &a) == 0) {
            if (pthread_attr_getstack(&a, &lo, &sz) == 0 && sz > 2 * STACK_MARGIN)
                floor = (char *)lo + STACK_MARGIN;
            pthread_attr_destroy(&a);
        }
        ts->stack_floor = floor;
    }
    return ts->stack_floor;
}

int py_enter_recursive(const char *where)
{
    py_ts *ts = py_cur;
    if (ts->depth + 1 > py_recursion_limit + 50 || ts->c_depth + 1 > MAX_C_DEPTH ||
        (char *)__builtin_frame_address(0) < stack_floor(ts)) {
        py_raise(py_exc_RecursionError, "maximum recursion depth exceeded%s", where);
        return -1;
    }
    ts->depth++;
    ts->c_depth++;
    return 0;
}

/* ---------------- argument binding ---------------- */

static const char *fname(py_func *fn) { return py_cstr(fn->qualname); }

static int missing_error(py_func *fn, pv names, const char *kind)
{
    size_t n = PY_LIST(names)->n;
    py_sb b = {0};
    for (size_t i = 0; i < n; i++) {
        if (i)
            py_sb_adds(&b, n == 2 ? " and " : i + 1 == n ? ", and " : ", ");
        py_sb_addc(&b, '\'');
        py_sb_addv(&b, PY_LIST(names)->items[i]);
        py_sb_addc(&b, '\'');
    }
    pv s = py_sb_finish(&b);
    py_raise(py_exc_TypeError, "%s() missing %zu required %s argument%s: %s", fname(fn), n, kind,
             n == 1 ? "" : "s", py_cstr(s));
    return -1;
}

static int too_many_error(py_func *fn, size_t given, size_t kwgiven)
{
    py_code *co = fn->code;
    size_t nd = fn->defaults ? PY_TUPLE(fn->defaults)->n : 0;
    size_t max = (size_t)co->argcount, min = max - nd;
    char take[64];
    if (nd)
        snprintf(take, sizeof take, "from %zu to %zu positional arguments", min, max);
    else
        snprintf(take, sizeof take, "%zu positional argument%s", max, max == 1 ? "" : "s");
    if (kwgiven)
        py_raise(py_exc_TypeError, "%s() takes %s but %zu positional argument%s (and %zu keyword-only argument%s) were given",
                 fname(fn), take, given, given == 1 ? "" : "s", kwgiven, kwgiven == 1 ? "" : "s");
    else
        py_raise(py_exc_TypeError, "%s() takes %s but %zu %s given", fname(fn), take, given,
                 given == 1 ? "was" : "were");
    return -1;
}

static intptr_t find_param(py_code *co, pv name, int limit)
{
    pv *vn = PY_TUPLE(co->varnames)->items;
    for (int j = 0; j < limit; j++)
        if (vn[j] == name)
            return j;
    for (int j = 0; j < limit; j++)
        if (py_str_eq(vn[j], name))
            return j;
    return -1;
}

int py_bind_args(py_frame *f, py_func *fn, pv *args, size_t n, pv kwnames)
{
    py_code *co = fn->code;
    pv *fast = f->fast;
    size_t argc = (size_t)co->argcount, nkw = PY_NKW(kwnames);
    int flags = co->flags;
    if (n == argc && !nkw && !(flags & (PY_CO_VARARGS | PY_CO_VARKW)) && !co->kwonly) {
        if (n)
            py_copy(fast, args, n * sizeof(pv));
        goto cells;
    }
    size_t ncopy = n < argc ? n : argc;
    if (ncopy)
        py_copy(fast, args, ncopy * sizeof(pv));
    size_t slot = argc + (size_t)co->kwonly;
    if (flags & PY_CO_VARARGS) {
        fast[slot++] = n > argc ? py_tuple_from(args + argc, n - argc) : py_tuple_new(0);
    } else if (n > argc) {
        size_t kwonly_given = 0;
        for (size_t i = 0; i < nkw; i++)
            if (find_param(co, PY_TUPLE(kwnames)->items[i], co->argcount + co->kwonly) >= co->argcount)
                kwonly_given++;
        return too_many_error(fn, n, kwonly_given);
    }
    pv kwdict = NULL;
    if (flags & PY_CO_VARKW) {
        kwdict = py_dict_new();
        fast[slot] = kwdict;
    }
    for (size_t i = 0; i < nkw; i++) {
        pv name = PY_TUPLE(kwnames)->items[i];
        intptr_t j = find_param(co, name, co->argcount + co->kwonly);
        if (j >= 0 && j >= co->posonly) {
            if (fast[j]) {
                py_raise(py_exc_TypeError, "%s() got multiple values for argument '%s'", fname(fn), py_cstr(name));
                return -1;
            }
            fast[j] = args[n + i];
        } else if (kwdict) {
            py_dict_set(kwdict, name, args[n + i]);
        } else if (j >= 0) {
            py_raise(py_exc_TypeError, "%s() got some positional-only arguments passed as keyword arguments: '%s'",
                     fname(fn), py_cstr(name));
            return -1;
        } else {
            py_raise(py_exc_TypeError, "%s() got an unexpected keyword argument '%s'", fname(fn), py_cstr(name));
            return -1;
        }
    }
    if (n < argc) {
        size_t nd = fn->defaults ? PY_TUPLE(fn->defaults)->n : 0;
        pv missing = NULL;
        for (size_t i = n; i < argc; i++) {
            if (fast[i])
                continue;
            if (i >= argc - nd)
                fast[i] = PY_TUPLE(fn->defaults)->items[i - (argc - nd)];
            else {
                if (!missing)
                    missing = py_list_new(0);
                py_list_append(missing, PY_TUPLE(co->varnames)->items[i]);
            }
        }
        if (missing)
            return missing_error(fn, missing, "positional");
    }
    if (co->kwonly) {
        pv missing = NULL;
        for (size_t i = argc; i < argc + (size_t)co->kwonly; i++) {
            if (fast[i])
                continue;
            pv name = PY_TUPLE(co->varnames)->items[i];
            pv d = fn->kwdefaults ? py_dict_get(fn->kwdefaults, name) : NULL;
            if (d)
                fast[i] = d;
            else {
                if (!missing)
                    missing = py_list_new(0);
                py_list_append(missing, name);
            }
        }
        if (missing)
            return missing_error(fn, missing, "keyword-only");
    }
cells:
    if (co->ncells | co->nfree) {
        pv *cells = fast + co->nlocals;
        for (int i = 0; i < co->ncells; i++) {
            int a = co->cell2arg ? co->cell2arg[i] : -1;
            cells[i] = py_cell_new(a >= 0 ? fast[a] : NULL);
        }
        for (int i = 0; i < co->nfree; i++)
            cells[co->ncells + i] = PY_TUPLE(fn->closure)->items[i];
    }
    return 0;
}

static void init_frame(py_frame *f, py_func *fn)
{
    f->func = (pv)fn;
    f->globals = fn->globals;
    f->builtins = fn->builtins;
}

py_frame *py_frame_for_gen(py_func *fn, pv *args, size_t n, pv kwnames)
{
    py_frame *f = py_frame_new_heap(fn->code, fn->globals, NULL, (pv)fn);
    if (!f)
        return NULL;
    f->flags = PY_FR_GEN;
    if (py_bind_args(f, fn, args, n, kwnames) < 0)
        return NULL;
    return f;
}

/* Call a Python function from C: runs a nested VM loop. */
pv py_call_func(pv func, pv *args, size_t n, pv kwnames)
{
    py_func *fn = (py_func *)func;
    py_ts *ts = py_cur;
    if (fn->code->flags & PY_CO_GENERATOR) {
        py_frame *gf = py_frame_for_gen(fn, args, n, kwnames);
        return gf ? py_gen_new(gf) : NULL;
    }
    if (py_enter_recursive("") < 0)
        return NULL;
    py_frame *f = frame_alloc(ts, fn->code);
    if (!f) {
        py_leave_recursive();
        return py_raise_nomem();
    }
    init_frame(f, fn);
    if (py_bind_args(f, fn, args, n, kwnames) < 0) {
        frame_release(ts, f);
        py_leave_recursive();
        return NULL;
    }
    f->flags |= PY_FR_ENTRY;
    pv r = py_vm_run(ts, f);
    py_leave_recursive();
    return r;
}

pv py_eval_code(py_code *co, pv globals, pv locals)
{
    py_ts *ts = py_cur;
    py_frame *f = py_frame_new_heap(co, globals, locals == globals ? NULL : locals, NULL);
    if (!f)
        return NULL;
    f->flags = PY_FR_ENTRY;
    if (py_enter_recursive("") < 0)
        return NULL;
    pv r = py_vm_run(ts, f);
    py_leave_recursive();
    return r;
}

/* ---------------- helpers used by the loop ---------------- */

static pv name_error(pv name)
{
    return py_raise(py_exc_NameError, "name '%s' is not defined", py_cstr(name));
}

/* LOAD_GLOBAL's cache: (globals, globals->kver) and either the entry index
 * in globals (c == -1, d the index; the value is read from the entry, so
 * rebinding a global does not invalidate it) or the builtins version and
 * the value (c = builtins->ver, d = value). Versions are read before the
 * lookup they describe, so a change racing with the fill leaves a cache
 * that misses, never one that lies. */
static pv load_global_slow(py_frame *f, pv name, py_cache *c)
{
    py_dict *g = (py_dict *)f->globals, *b = (py_dict *)f->builtins;
    uint64_t gk = __atomic_load_n(&g->kver, __ATOMIC_ACQUIRE);
    uint64_t bv = __atomic_load_n(&b->ver, __ATOMIC_ACQUIRE);
    pv v;
    intptr_t ix = py_dict_find_str(f->globals, name, &v);
    if (ix >= 0 && v) {
        py_cache_write(c, (uintptr_t)g, gk, (uintptr_t)-1, (uintptr_t)ix);
        return v;
    }
    v = py_dict_get(f->builtins, name);
    if (!v)
        return py_cur->exc ? NULL : name_error(name);
    py_cache_write(c, (uintptr_t)g, gk, bv, (uintptr_t)v);
    return v;
}

static pv load_name(py_frame *f, pv name)
{
    pv v;
    if (f->locals) {
        if (PY_IS(f->locals, dict))
            v = py_dict_get(f->locals, name);
        else {
            v = py_getitem(f->locals, name);
            if (!v) {
                if (!py_exc_matches(py_exc_KeyError))
                    return NULL;
                py_exc_clear();
            }
        }
        if (v)
            return v;
        if (py_cur->exc)
            return NULL;
    }
    v = py_dict_get(f->globals, name);
    if (v)
        return v;
    v = py_dict_get(f->builtins, name);
    if (v)
        return v;
    return py_cur->exc ? NULL : name_error(name);
}

static inline uint64_t type_epoch(void)
{
    return __atomic_load_n(&py_type_epoch, __ATOMIC_ACQUIRE);
}

/* A class attribute that load_attr may cache by value: immutable and not a
 * descriptor. */
static int cacheable_class_const(pv cls)
{
    return PY_ISSMALL(cls) || cls->type == &py_int_type || cls->type == &py_float_type ||
           cls->type == &py_str_type || cls->type == &py_tuple_type || cls == py_None ||
           cls->type == &py_bool_type;
}

static inline py_dict *inst_dict(pv o, py_type *t)
{
    return __atomic_load_n((py_dict **)((char *)o + t->dictoffset), __ATOMIC_ACQUIRE);
}

static inline pv slot_load(pv o, size_t off)
{
    return __atomic_load_n((pv *)((char *)o + off), __ATOMIC_ACQUIRE);
}

static inline void slot_store(pv o, size_t off, pv v)
{
    __atomic_store_n((pv *)((char *)o + off), v, __ATOMIC_RELEASE);
}

/* A site that sees several types (a base class's method on instances of
 * its subclasses) may try the entry index cached for another type on the
 * instance in hand, when the class has no attribute of that name: when one
 * __init__ set the attributes in the same order it is the same entry, and
 * the dict entry check is by key, so nothing else needs to match. Keeping
 * the cache as it is spares a search and a rewrite at every change of
 * type. */
static inline int other_type_entry(int hit, const py_cache_val *cv, py_type *t)
{
    return hit && (uintptr_t)t != cv->a && cv->c < (uintptr_t)-2;
}

/* Attribute load with an inline cache. Cache layouts (a = type or module
 * dict, b = type epoch or dict version):
 *   module attribute      a = module dict, b = its ver, d = value
 *   __slots__ member      c = -2, d = offset
 *   class constant        c = -1, d = value
 *   instance-dict entry   c = entry index */
static inline __attribute__((always_inline)) pv load_attr(pv o, pv name, py_cache *c)
{
    if (!PY_ISSMALL(o)) {
        py_type *t = o->type;
        py_cache_val cv;
        int hit = py_cache_read(c, &cv);
        if (t == &py_module_type) {
            /* module attribute: cached by (dict, version) */
            py_dict *md = (py_dict *)((py_module *)o)->dict;
            uint64_t ver = __atomic_load_n(&md->ver, __ATOMIC_ACQUIRE);
            if (hit && cv.a == (uintptr_t)md && cv.b == ver)
                return (pv)cv.d;
            pv v = py_dict_get((pv)md, name);
            if (v) {
                py_cache_write(c, (uintptr_t)md, ver, 0, (uintptr_t)v);
                return v;
            }
            return py_getattr(o, name);
        }
        if (hit && (uintptr_t)t == cv.a && cv.b == type_epoch()) {
            if (cv.c == (uintptr_t)-2) { /* a __slots__ member at offset d */
                pv v = slot_load(o, cv.d);
                if (v)
                    return v;
                return py_getattr(o, name);
            }
            if (cv.c == (uintptr_t)-1 && !py_type_shadowed(t))
                return (pv)cv.d; /* a plain class attribute (constant) */
            py_dict *d = inst_dict(o, t);
            pv v = d ? py_dict_entry_val((pv)d, cv.c, name) : NULL;
            if (v)
                return v;
        }
        pv cls = NULL;
        int looked = 0;
        if ((t->flags & PY_TF_HEAP) && t->getattr == NULL) {
            uint64_t ep = type_epoch();
            pv m = cls = py_type_lookup(t, name);
            looked = 1;
            if (m && PY_IS(m, member)) {
                size_t off = ((py_member *)m)->offset;
                py_cache_write(c, (uintptr_t)t, ep, (uintptr_t)-2, off);
                pv v = slot_load(o, off);
                return v ? v : py_getattr(o, name);
            }
        }
        if ((t->flags & PY_TF_HEAP) && t->dictoffset && t->getattr == NULL) {
            uint64_t ep = type_epoch();
            if (!looked)
                cls = py_type_lookup(t, name);
            py_dict *d = inst_dict(o, t);
            if (cls && !py_type_shadowed(t) &&
                cacheable_class_const(cls)) {
                py_cache_write(c, (uintptr_t)t, ep, (uintptr_t)-1, (uintptr_t)cls);
                return cls;
            }
            if (!cls && d) {
                if (other_type_entry(hit, &cv, t)) {
                    pv v = py_dict_entry_val((pv)d, cv.c, name);
                    if (v)
                        return v;
                }
                pv v;
                intptr_t ix = py_dict_find_str((pv)d, name, &v);
                if (ix >= 0 && v) {
                    py_cache_write(c, (uintptr_t)t, ep, (uintptr_t)ix, 0);
                    return v;
                }
            }
        }
    }
    return py_getattr(o, name);
}

static inline __attribute__((always_inline)) int store_attr(pv o, pv name, pv v, py_cache *c)
{
    if (!PY_ISSMALL(o)) {
        py_type *t = o->type;
        py_cache_val cv;
        int hit = py_cache_read(c, &cv);
        if (hit && (uintptr_t)t == cv.a && cv.b == type_epoch()) {
            if (cv.c == (uintptr_t)-2) {
                slot_store(o, cv.d, v); /* a __slots__ member */
                return 0;
            }
            py_dict *d = inst_dict(o, t);
            if (d && cv.c != (uintptr_t)-1 && py_dict_entry_store((pv)d, cv.c, name, v))
                return 0;
            /* the class has no descriptor for name (checked when the
             * cache was filled, same epoch): a plain instance-dict store */
            if (cv.c != (uintptr_t)-1)
                return py_dict_set(py_instance_dict(o), name, v);
        }
        if ((t->flags & PY_TF_HEAP) && t->setattr == NULL) {
            uint64_t ep = type_epoch();
            pv m = py_type_lookup(t, name);
            if (m && PY_IS(m, member)) {
                size_t off = ((py_member *)m)->offset;
                py_cache_write(c, (uintptr_t)t, ep, (uintptr_t)-2, off);
                slot_store(o, off, v);
                return 0;
            }
            if (t->dictoffset && (!m || (!PY_ISSMALL(m) && m->type != &py_property_type &&
                                          !(m->type->flags & PY_TF_HEAP)))) {
                if (m)
                    py_type_set_shadowed(t);
                py_dict *cd = inst_dict(o, t);
                if (!m && cd && other_type_entry(hit, &cv, t) &&
                    py_dict_entry_store((pv)cd, cv.c, name, v))
                    return 0;
                py_dict *d = (py_dict *)py_instance_dict(o);
                if (py_dict_set((pv)d, name, v) < 0)
                    return -1;
                pv cur;
                intptr_t ix = py_dict_find_str((pv)d, name, &cur);
                if (ix >= 0)
                    py_cache_write(c, (uintptr_t)t, ep, (uintptr_t)ix, 0);
                return 0;
            }
        }
    }
    return py_setattr(o, name, v);
}

/* LOAD_METHOD: (function, self) without a bound-method object when possible.
 * Cache: a = type, b = epoch, c = the function found on the type, d = 1 when
 * instances of the type are neither types nor modules (whose attributes
 * shadow the type's differently), so a hit does not walk the MRO again. */
static inline __attribute__((always_inline)) int load_method(pv o, pv name, pv *meth, pv *self, py_cache *c)
{
    py_type *t = py_typeof(o);
    pv d = NULL;
    uintptr_t plain = 0;
    uint64_t ep = type_epoch();
    py_cache_val cv;
    if (py_cache_read(c, &cv) && (uintptr_t)t == cv.a && cv.b == ep) {
        d = (pv)cv.c;
        plain = cv.d;
    } else if (t->getattr == NULL) {
        d = py_type_lookup(t, name);
        if (d && !PY_ISSMALL(d) && (d->type == &py_func_type ||
                                    (d->type == &py_cfunc_type && ((py_cfunc *)d)->is_method == 1))) {
            plain = t != &py_module_type && !py_subtype(t, &py_type_type);
            py_cache_write(c, (uintptr_t)t, ep, (uintptr_t)d, plain);
        } else
            d = NULL;
    }
    if (d && plain) {
        /* an instance attribute of the same name shadows the method */
        if (!PY_ISSMALL(o) && t->dictoffset && py_type_shadowed(t)) {
            py_dict *dd = inst_dict(o, t);
            pv sv;
            if (dd && py_dict_find_str((pv)dd, name, &sv) >= 0)
                d = NULL;
        }
        if (d && t->getattr == NULL) {
            *meth = d;
            *self = o;
            return 0;
        }
    }
    pv v = py_getattr(o, name);
    if (!v)
        return -1;
    *meth = v;
    *self = NULL;
    return 0;
}

static pv format_value(pv v, int flags, pv spec)
{
    int conv = flags & 3;
    if (conv == 1)
        v = py_str_of(v);
    else if (conv == 2)
        v = py_repr(v);
    else if (conv == 3) /* !a: the builtin ascii() */
        v = py_call1(py_dict_gets(py_builtins, "ascii"), v);
    if (!v)
        return NULL;
    if (!spec && PY_IS(v, str))
        return v;
    if (!spec && PY_ISSMALL(v))
        return py_int_repr(v);
    return py_format(v, spec ? spec : py_str_new("", 0));
}

static int unpack_iterable(pv seq, int before, int after, pv *out /* top first */)
{
    pv *items;
    size_t n;
    pv tmp = NULL;
    if (PY_IS(seq, tuple)) {
        items = PY_TUPLE(seq)->items;
        n = PY_TUPLE(seq)->n;
    } else if (PY_IS(seq, list) && after < 0 && py_list_len(seq) == (size_t)before) {
        /* the common case, element by element without a copy; a list that
         * shrank meanwhile takes the general path below */
        int i = 0;
        for (; i < before; i++) {
            pv v = py_list_item(seq, i);
            if (!v)
                break;
            out[before - 1 - i] = v;
        }
        if (i == before && py_list_len(seq) == (size_t)before)
            return 0;
        items = py_list_snapshot(seq, &n);
        if (!items)
            return -1;
    } else if (PY_IS(seq, list)) {
        items = py_list_snapshot(seq, &n);
        if (!items)
            return -1;
    } else {
        if (!py_typeof(seq)->iter && !py_typeof(seq)->getitem) {
            py_raise(py_exc_TypeError, "cannot unpack non-iterable %s object", py_tname(seq));
            return -1;
        }
        tmp = py_to_list(seq);
        if (!tmp)
            return -1;
        items = PY_LIST(tmp)->items;
        n = PY_LIST(tmp)->n;
    }
    if (after < 0) {
        if (n != (size_t)before) {
            if (n < (size_t)before)
                py_raise(py_exc_ValueError, "not enough values to unpack (expected %d, got %zu)", before, n);
            else
                py_raise(py_exc_ValueError, "too many values to unpack (expected %d)", before);
            return -1;
        }
        for (int i = 0; i < before; i++)
            out[before - 1 - i] = items[i];
        return 0;
    }
    if (n < (size_t)(before + after)) {
        py_raise(py_exc_ValueError, "not enough values to unpack (expected at least %d, got %zu)",
                 before + after, n);
        return -1;
    }
    int total = before + 1 + after;
    int k = total - 1;
    for (int i = 0; i < before; i++)
        out[k--] = items[i];
    out[k--] = py_list_from(items + before, n - (size_t)before - (size_t)after);
    for (size_t i = n - (size_t)after; i < n; i++)
        out[k--] = items[i];
    return 0;
}

static pv do_raise(int kind, pv exc, pv cause)
{
    py_ts *ts = py_cur;
    if (kind == 0) {
        if (!ts->handling)
            return py_raise(py_exc_RuntimeError, "No active exception to reraise");
        ts->exc = ts->handling;
        return NULL;
    }
    if (PY_ISTYPE(exc)) {
        if (!(((py_type *)exc)->flags & PY_TF_EXC))
            return py_raise(py_exc_TypeError, "exceptions must derive from BaseException");
        exc = py_call0(exc);
        if (!exc)
            return NULL;
    }
    if (!PY_ISEXC(exc))
        return py_raise(py_exc_TypeError, "exceptions must derive from BaseException");
    if (kind == 2) {
        if (PY_ISTYPE(cause)) {
            cause = py_call0(cause);
            if (!cause)
                return NULL;
        }
        if (cause != py_None && !PY_ISEXC(cause))
            return py_raise(py_exc_TypeError, "exception causes must derive from BaseException");
        ((py_exc *)exc)->cause = cause == py_None ? NULL : cause;
        ((py_exc *)exc)->suppress_context = 1;
    }
    return py_raise_obj(exc);
}

static int exc_match(pv exc, pv t)
{
    if (PY_IS(t, tuple)) {
        for (size_t i = 0; i < PY_TUPLE(t)->n; i++) {
            int r = exc_match(exc, PY_TUPLE(t)->items[i]);
            if (r)
                return r;
        }
        return 0;
    }
    if (!PY_ISTYPE(t) || !(((py_type *)t)->flags & PY_TF_EXC)) {
        py_raise(py_exc_TypeError, "catching classes that do not inherit from BaseException is not allowed");
        return -1;
    }
    return py_isinst(exc, (py_type *)t);
}

static void add_traceback(pv exc, py_frame *f)
{
    if (!exc || !PY_ISEXC(exc))
        return;
    py_exc *e = (py_exc *)exc;
    py_tb *tb = (py_tb *)py_new(&py_tb_type, sizeof(py_tb));
    tb->code = f->code;
    tb->line = py_frame_line(f);
    tb->next = (py_tb *)e->tb;
    e->tb = (pv)tb;
}

extern pv py_build_class(pv func, pv name, pv bases, pv kw);
extern pv py_import_from(pv mod, pv name);
extern int py_import_star(py_frame *f, pv mod);
extern int py_print_expr(pv v);
extern pv py_dict_merge_kw(pv d, pv other, pv func);

static pv call_ex(pv f, pv args, pv kw)
{
    size_t n = PY_TUPLE(args)->n;
    if (!kw || ((py_dict *)kw)->used == 0)
        return py_call(f, PY_TUPLE(args)->items, n, NULL);
    size_t nk = ((py_dict *)kw)->used;
    pv *buf = py_alloc((n + nk) * sizeof(pv));
    py_copy(buf, PY_TUPLE(args)->items, n * sizeof(pv));
    pv names = py_tuple_new(nk);
    size_t pos = 0, i = 0;
    pv k, v;
    while (py_dict_next(kw, &pos, &k, &v)) {
        if (!PY_ISSTR(k))
            return py_raise(py_exc_TypeError, "keywords must be strings");
        PY_TUPLE(names)->items[i] = py_intern_str(k);
        buf[n + i++] = v;
    }
    return py_call(f, buf, n, names);
}

/* ---------------- the loop ---------------- */

#if defined(__GNUC__) && !defined(PY_FORCE_SWITCH)
#define PY_COMPUTED_GOTO 1
#endif

pv py_vm_run(py_ts *ts, py_frame *f)
{
#ifdef PY_COMPUTED_GOTO
    static void *const labels[] = {
#define PY_OP_LABEL(n, e, d) &&L_##n,
        PY_OPCODES(PY_OP_LABEL)
#undef PY_OP_LABEL
    };
#define TARGET(n) L_##n:
#define DISPATCH()                                                             \
    do {                                                                       \
        w = *ip++;                                                             \
        goto *labels[PY_OPOF(w)];                                              \
    } while (0)
#else
#define TARGET(n) case PY_OP_##n:
#define DISPATCH() goto dispatch
#endif
#define ARG ((int)PY_ARGOF(w))
#define PUSH(v) (*sp++ = (v))
#define POP() (*--sp)
#define TOP() (sp[-1])
#define SECOND() (sp[-2])
#define SAVE() (f->ip = (uint32_t)(ip - code), f->sp = (int)(sp - stack_base))
#define LOAD()                                                                 \
    do {                                                                       \
        co = f->code;                                                          \
        code = co->code;                                                       \
        ip = code + f->ip;                                                     \
        fast = f->fast;                                                        \
        stack_base = PY_FRAME_STACK(f);                                        \
        sp = stack_base + f->sp;                                               \
        consts = PY_TUPLE(co->consts)->items;                                  \
        names = PY_TUPLE(co->names)->items;                                    \
    } while (0)
#define CACHE() (&co->caches[ip - code - 1])
/* The current instruction, for a contended lock's site (py_region.c) and
 * tracebacks: saved before operations that may lock a shared object. */
#define SAVE_IP() (f->ip = (uint32_t)(ip - code))
#define GOTO_ERROR() goto error
/* leaving py_vm_run: a transaction this activation began ends here */
#define VM_LEAVE()                                                             \
    do {                                                                       \
        PY_LEAVE_RUN(ts);                                                      \
        ts->vm_depth--;                                                        \
    } while (0)

    py_code *co;
    uint32_t *code, *ip, w;
    pv *fast, *sp, *stack_base, *consts, *names;
    pv kwnames = NULL;
    int reraise = 0;
    py_frame *entry = f;
    f->back = ts->frame;
    ts->frame = f;
    ts->vm_depth++;
    LOAD();
    if (f->flags & 0x100) {
        f->flags &= ~0x100;
        sp--; /* the placeholder pushed by throw */
        goto error;
    }

#ifdef PY_COMPUTED_GOTO
    DISPATCH();
#else
dispatch:
    w = *ip++;
    switch (PY_OPOF(w)) {
#endif

    TARGET(NOP) { DISPATCH(); }
    TARGET(POP_TOP) { sp--; DISPATCH(); }
    TARGET(PUSH_NULL) { PUSH(NULL); DISPATCH(); }
    TARGET(COPY) { pv v = sp[-ARG]; PUSH(v); DISPATCH(); }
    TARGET(SWAP) {
        pv t = sp[-1];
        sp[-1] = sp[-ARG];
        sp[-ARG] = t;
        DISPATCH();
    }
    TARGET(LOAD_CONST) { PUSH(consts[ARG]); DISPATCH(); }
    TARGET(LOAD_FAST) {
        pv v = fast[ARG];
        if (__builtin_expect(!v, 0)) {
            py_raise(py_exc_UnboundLocalError, "cannot access local variable '%s' where it is not associated with a value",
                     py_cstr(PY_TUPLE(co->varnames)->items[ARG]));
            GOTO_ERROR();
        }
        PUSH(v);
        DISPATCH();
    }
    TARGET(STORE_FAST) { fast[ARG] = POP(); DISPATCH(); }
    TARGET(DELETE_FAST) {
        if (!fast[ARG]) {
            py_raise(py_exc_UnboundLocalError, "cannot access local variable '%s' where it is not associated with a value",
                     py_cstr(PY_TUPLE(co->varnames)->items[ARG]));
            GOTO_ERROR();
        }
        fast[ARG] = NULL;
        DISPATCH();
    }
    TARGET(LOAD_DEREF) {
        pv v = py_cell_get(fast[co->nlocals + ARG]);
        if (!v) {
            int i = ARG;
            pv nm = i < co->ncells ? PY_TUPLE(co->cellvars)->items[i] : PY_TUPLE(co->freevars)->items[i - co->ncells];
            if (i < co->ncells)
                py_raise(py_exc_UnboundLocalError, "cannot access local variable '%s' where it is not associated with a value", py_cstr(nm));
            else
                py_raise(py_exc_NameError, "cannot access free variable '%s' where it is not associated with a value in enclosing scope", py_cstr(nm));
            GOTO_ERROR();
        }
        PUSH(v);
        DISPATCH();
    }
    TARGET(STORE_DEREF) {
        py_cell_set(fast[co->nlocals + ARG], POP());
        DISPATCH();
    }
    TARGET(DELETE_DEREF) {
        py_cell_set(fast[co->nlocals + ARG], NULL);
        DISPATCH();
    }
    TARGET(LOAD_CLOSURE) { PUSH(fast[co->nlocals + ARG]); DISPATCH(); }
    TARGET(LOAD_CLASSDEREF) {
        int i = ARG;
        pv nm = i < co->ncells ? PY_TUPLE(co->cellvars)->items[i] : PY_TUPLE(co->freevars)->items[i - co->ncells];
        pv v = f->locals ? py_dict_get(f->locals, nm) : NULL;
        if (!v)
            v = py_cell_get(fast[co->nlocals + i]);
        if (!v) {
            py_raise(py_exc_NameError, "cannot access free variable '%s' where it is not associated with a value in enclosing scope", py_cstr(nm));
            GOTO_ERROR();
        }
        PUSH(v);
        DISPATCH();
    }
    TARGET(LOAD_GLOBAL) {
        py_cache *c = CACHE();
        py_dict *g = (py_dict *)f->globals;
        py_cache_val cv;
        pv v = NULL;
        if (py_cache_read(c, &cv) && cv.a == (uintptr_t)g &&
            cv.b == __atomic_load_n(&g->kver, __ATOMIC_ACQUIRE)) {
            if (cv.c == (uintptr_t)-1)
                v = py_dict_entry_val((pv)g, cv.d, names[ARG]);
            else if (cv.c == __atomic_load_n(&((py_dict *)f->builtins)->ver, __ATOMIC_ACQUIRE))
                v = (pv)cv.d;
        }
        if (!v && !(v = load_global_slow(f, names[ARG], c)))
            GOTO_ERROR();
        PUSH(v);
        DISPATCH();
    }
    TARGET(STORE_GLOBAL) {
        SAVE_IP();
        pv v = POP();
        if (py_dict_set(f->globals, names[ARG], v) < 0)
            GOTO_ERROR();
        DISPATCH();
    }
    TARGET(DELETE_GLOBAL) {
        if (py_dict_del(f->globals, names[ARG]) < 0) {
            py_exc_clear();
            name_error(names[ARG]);
            GOTO_ERROR();
        }
        DISPATCH();
    }
    TARGET(LOAD_NAME) {
        pv v = load_name(f, names[ARG]);
        if (!v)
            GOTO_ERROR();
        PUSH(v);
        DISPATCH();
    }
    TARGET(STORE_NAME) {
        pv v = POP();
        pv ns = f->locals ? f->locals : f->globals;
        if (py_setitem(ns, names[ARG], v) < 0)
            GOTO_ERROR();
        DISPATCH();
    }
    TARGET(DELETE_NAME) {
        pv ns = f->locals ? f->locals : f->globals;
        if (py_delitem(ns, names[ARG]) < 0) {
            py_exc_clear();
            name_error(names[ARG]);
            GOTO_ERROR();
        }
        DISPATCH();
    }
    TARGET(LOAD_ATTR) {
        pv v = load_attr(TOP(), names[ARG], CACHE());
        if (!v)
            GOTO_ERROR();
        TOP() = v;
        DISPATCH();
    }
    TARGET(STORE_ATTR) {
        SAVE_IP();
        pv o = POP(), v = POP();
        if (store_attr(o, names[ARG], v, CACHE()) < 0)
            GOTO_ERROR();
        DISPATCH();
    }
    TARGET(DELETE_ATTR) {
        pv o = POP();
        if (py_setattr(o, names[ARG], NULL) < 0)
            GOTO_ERROR();
        DISPATCH();
    }
    TARGET(LOAD_METHOD) {
        pv m, s;
        if (load_method(TOP(), names[ARG], &m, &s, CACHE()) < 0)
            GOTO_ERROR();
        TOP() = m;
        PUSH(s);
        DISPATCH();
    }
    TARGET(KW_NAMES) { kwnames = consts[ARG]; DISPATCH(); }
    TARGET(CALL) {
        int n = ARG;
        pv kw = kwnames;
        kwnames = NULL;
        size_t nkw = kw ? PY_TUPLE(kw)->n : 0;
        pv *args = sp - n;
        pv self = args[-1], func = args[-2];
        pv *base = args - 2;
        if (self) {
            args--;
            n++;
        }
        size_t npos = (size_t)n - nkw;
        PY_YIELD_POINT(ts, co, (uint32_t)(ip - code - 1));
        if (!PY_ISSMALL(func) && func->type == &py_func_type &&
            !(((py_func *)func)->code->flags & PY_CO_GENERATOR)) {
            py_func *fn = (py_func *)func;
            if (__builtin_expect(ts->depth >= py_recursion_limit, 0)) {
                py_raise(py_exc_RecursionError, "maximum recursion depth exceeded");
                sp = base;
                GOTO_ERROR();
            }
            py_frame *nf = frame_alloc(ts, fn->code);
            if (!nf) {
                py_raise_nomem();
                sp = base;
                GOTO_ERROR();
            }
            init_frame(nf, fn);
            if (py_bind_args(nf, fn, args, npos, kw) < 0) {
                frame_release(ts, nf);
                sp = base;
                GOTO_ERROR();
            }
            sp = base;
            SAVE();
            nf->back = f;
            ts->depth++;
            f = nf;
            ts->frame = f;
            LOAD();
            DISPATCH();
        }
        if (!PY_ISSMALL(func) && func->type == &py_type_type && !self &&
            (((py_type *)func)->flags & PY_TF_HEAP) && ((py_type *)func)->tp_new == py_object_new) {
            /* C(...) for a plain class: allocate, then run __init__ as a
             * frame of this loop (PY_FR_INIT pushes the instance on return) */
            py_type *cls = (py_type *)func;
            pv init = py_type_lookup(cls, py_id___init__);
            if (init && PY_IS(init, func) && !(((py_func *)init)->code->flags & PY_CO_GENERATOR) &&
                ts->depth < py_recursion_limit) {
                pv obj = py_new(cls, cls->basicsize);
                py_func *fn = (py_func *)init;
                py_frame *nf = frame_alloc(ts, fn->code);
                if (!nf) {
                    py_raise_nomem();
                    sp = base;
                    GOTO_ERROR();
                }
                init_frame(nf, fn);
                args[-1] = obj; /* the self slot */
                if (py_bind_args(nf, fn, args - 1, npos + 1, kw) < 0) {
                    frame_release(ts, nf);
                    sp = base;
                    GOTO_ERROR();
                }
                nf->flags |= PY_FR_INIT;
                nf->init_self = obj;
                sp = base;
                SAVE();
                nf->back = f;
                ts->depth++;
                f = nf;
                ts->frame = f;
                LOAD();
                DISPATCH();
            }
        }
        if (!PY_ISSMALL(func) && func->type == &py_method_type && !self &&
            PY_IS(((py_method *)func)->func, func) &&
            !(((py_func *)((py_method *)func)->func)->code->flags & PY_CO_GENERATOR)) {
            /* bound method: self goes into the NULL slot; run this CALL again */
            args[-1] = ((py_method *)func)->self;
            args[-2] = ((py_method *)func)->func;
            ip--;
            kwnames = kw;
            DISPATCH();
        }
        pv r;
        SAVE_IP();
        if (!PY_ISSMALL(func) && func->type == &py_cfunc_type && !((py_cfunc *)func)->is_method) {
            py_cfunc *cf = (py_cfunc *)func;
            r = cf->fn(cf->self, args, npos, kw);
        } else
            r = py_call(func, args, npos, kw);
        sp = base;
        if (!r)
            GOTO_ERROR();
        PUSH(r);
        DISPATCH();
    }
    TARGET(CALL_EX) {
        pv kw = ARG ? POP() : NULL;
        pv args = POP();
        pv self = POP(), func = POP();
        (void)self;
        PY_YIELD_POINT(ts, co, (uint32_t)(ip - code - 1));
        if (!PY_IS(args, tuple)) {
            args = py_to_tuple(args);
            if (!args)
                GOTO_ERROR();
        }
        SAVE();
        pv r = call_ex(func, args, kw);
        if (!r)
            GOTO_ERROR();
        PUSH(r);
        DISPATCH();
    }
    TARGET(BINARY_SUBSCR) {
        pv k = POP(), o = TOP();
        pv r;
        if (PY_ISSMALL(k) && !PY_ISSMALL(o) && o->type == &py_list_type) {
            pv v = py_list_item(o, PY_SMALLVAL(k));
            if (v) {
                TOP() = v;
                DISPATCH();
            }
        }
        SAVE_IP();
        if (!PY_ISSMALL(o) && o->type == &py_dict_type) {
            r = py_dict_get(o, k);
            if (!r) {
                if (!ts->exc)
                    py_raise_obj(py_exc_new(py_exc_KeyError, &k, 1));
                GOTO_ERROR();
            }
        } else if (!(r = py_getitem(o, k)))
            GOTO_ERROR();
        TOP() = r;
        DISPATCH();
    }
    TARGET(STORE_SUBSCR) {
        SAVE_IP();
        pv k = POP(), o = POP(), v = POP();
        if (PY_ISSMALL(k) && !PY_ISSMALL(o) && o->type == &py_list_type) {
            if (py_run == PY_RUN_GIL || py_run == PY_RUN_HLE) {
                /* one GIL: no lock to take, the store inline */
                py_list *l = PY_LIST(o);
                intptr_t i = PY_SMALLVAL(k);
                if (i < 0)
                    i += (intptr_t)l->n;
                if ((uintptr_t)i < l->n) {
                    __atomic_store_n(&l->items[i], v, __ATOMIC_RELEASE);
                    DISPATCH();
                }
            } else if (py_list_store(o, PY_SMALLVAL(k), v))
                DISPATCH();
        }
        if (py_setitem(o, k, v) < 0)
            GOTO_ERROR();
        DISPATCH();
    }
    TARGET(DELETE_SUBSCR) {
        SAVE_IP();
        pv k = POP(), o = POP();
        if (py_delitem(o, k) < 0)
            GOTO_ERROR();
        DISPATCH();
    }
    TARGET(BINARY_OP) {
        pv b = POP(), a = TOP();
        int op = ARG;
        if (PY_ISSMALL(a) && PY_ISSMALL(b)) {
            intptr_t x = PY_SMALLVAL(a), y = PY_SMALLVAL(b), r;
            switch (op & 15) {
            case PY_NB_ADD: r = x + y; goto small_result;
            case PY_NB_SUB: r = x - y; goto small_result;
            case PY_NB_MUL:
                if (__builtin_mul_overflow(x, y, &r))
                    break;
                goto small_result;
            case PY_NB_AND: TOP() = PY_MKSMALL(x & y); DISPATCH();
            case PY_NB_OR: TOP() = PY_MKSMALL(x | y); DISPATCH();
            case PY_NB_XOR: TOP() = PY_MKSMALL(x ^ y); DISPATCH();
            case PY_NB_FLOORDIV:
                if (y > 0) {
                    r = x / y;
                    if ((x % y) && (x < 0))
                        r--;
                    goto small_result;
                }
                break;
            case PY_NB_MOD:
                if (y > 0) {
                    r = x % y;
                    if (r < 0)
                        r += y;
                    goto small_result;
                }
                break;
            default: break;
            }
            goto slow_binop;
        small_result:
            if (PY_FITS_SMALL(r)) {
                TOP() = PY_MKSMALL(r);
                DISPATCH();
            }
        } else if ((PY_ISSMALL(a) || a->type == &py_float_type) &&
                   (PY_ISSMALL(b) || b->type == &py_float_type)) {
            /* float op float, or float with a small int (exact: |int| < 2^61
             * converts to the same double CPython computes) */
            double x = PY_ISSMALL(a) ? (double)PY_SMALLVAL(a) : py_float_val(a);
            double y = PY_ISSMALL(b) ? (double)PY_SMALLVAL(b) : py_float_val(b);
            switch (op & 15) {
            case PY_NB_ADD: TOP() = py_float_new(x + y); DISPATCH();
            case PY_NB_SUB: TOP() = py_float_new(x - y); DISPATCH();
            case PY_NB_MUL: TOP() = py_float_new(x * y); DISPATCH();
            case PY_NB_TRUEDIV:
                if (y != 0) {
                    TOP() = py_float_new(x / y);
                    DISPATCH();
                }
                break;
            default: break;
            }
        } else if ((op & 15) == PY_NB_ADD && !PY_ISSMALL(a) && !PY_ISSMALL(b) &&
                   a->type == &py_str_type && b->type == &py_str_type) {
            pv r = py_str_concat(a, b);
            if (!r)
                GOTO_ERROR();
            TOP() = r;
            DISPATCH();
        }
    slow_binop:;
        pv r = op >= 16 ? py_inplace(op - 16, a, b) : py_binop(op, a, b);
        if (!r)
            GOTO_ERROR();
        TOP() = r;
        DISPATCH();
    }
    TARGET(COMPARE_OP) {
        pv b = POP(), a = TOP();
        int op = ARG;
        if (PY_ISSMALL(a) && PY_ISSMALL(b)) {
            intptr_t x = (intptr_t)a, y = (intptr_t)b;
            int r;
            switch (op) {
            case PY_LT: r = x < y; break;
            case PY_LE: r = x <= y; break;
            case PY_EQ: r = x == y; break;
            case PY_NE: r = x != y; break;
            case PY_GT: r = x > y; break;
            default: r = x >= y; break;
            }
            TOP() = PY_BOOL(r);
            DISPATCH();
        }
        if (!PY_ISSMALL(a) && !PY_ISSMALL(b) && a->type == &py_float_type && b->type == &py_float_type) {
            double x = py_float_val(a), y = py_float_val(b);
            int r;
            switch (op) {
            case PY_LT: r = x < y; break;
            case PY_LE: r = x <= y; break;
            case PY_EQ: r = x == y; break;
            case PY_NE: r = x != y; break;
            case PY_GT: r = x > y; break;
            default: r = x >= y; break;
            }
            TOP() = PY_BOOL(r);
            DISPATCH();
        }
        pv r;
        if (op == PY_EQ || op == PY_NE) {
            if (PY_IS(a, str) && PY_IS(b, str)) {
                int e = py_str_eq(a, b);
                TOP() = PY_BOOL(op == PY_EQ ? e : !e);
                DISPATCH();
            }
        }
        if (py_enter_recursive(" in comparison") < 0)
            GOTO_ERROR();
        r = py_richcmp(a, b, op);
        py_leave_recursive();
        if (!r)
            GOTO_ERROR();
        TOP() = r;
        DISPATCH();
    }
    TARGET(IS_OP) {
        pv b = POP(), a = TOP();
        int r = a == b;
        TOP() = PY_BOOL(ARG ? !r : r);
        DISPATCH();
    }
    TARGET(CONTAINS_OP) {
        SAVE_IP();
        pv c = POP(), v = TOP();
        int r;
        if (!PY_ISSMALL(c) && c->type == &py_dict_type) {
            pv x = py_dict_get(c, v);
            r = x ? 1 : ts->exc ? -1 : 0;
        } else
            r = py_contains(c, v);
        if (r < 0)
            GOTO_ERROR();
        TOP() = PY_BOOL(ARG ? !r : r);
        DISPATCH();
    }
    TARGET(UNARY_NEG) {
        pv v = TOP();
        pv r = PY_ISSMALL(v) ? PY_MKSMALL(-PY_SMALLVAL(v))
               : v->type == &py_float_type ? py_float_new(-py_float_val(v)) : py_neg(v);
        if (!r)
            GOTO_ERROR();
        TOP() = r;
        DISPATCH();
    }
    TARGET(UNARY_POS) {
        pv r = py_pos(TOP());
        if (!r)
            GOTO_ERROR();
        TOP() = r;
        DISPATCH();
    }
    TARGET(UNARY_NOT) {
        int t = py_truth(TOP());
        if (t < 0)
            GOTO_ERROR();
        TOP() = PY_BOOL(!t);
        DISPATCH();
    }
    TARGET(UNARY_INVERT) {
        pv r = py_invert(TOP());
        if (!r)
            GOTO_ERROR();
        TOP() = r;
        DISPATCH();
    }
    TARGET(BUILD_TUPLE) {
        int n = ARG;
        pv t = py_tuple_from(sp - n, (size_t)n);
        sp -= n;
        PUSH(t);
        DISPATCH();
    }
    TARGET(BUILD_LIST) {
        int n = ARG;
        pv l = py_list_from(sp - n, (size_t)n);
        sp -= n;
        PUSH(l);
        DISPATCH();
    }
    TARGET(BUILD_SET) {
        int n = ARG;
        pv s = py_set_new(&py_set_type);
        for (int i = 0; i < n; i++)
            if (py_set_add(s, sp[-n + i]) < 0) {
                sp -= n;
                GOTO_ERROR();
            }
        sp -= n;
        PUSH(s);
        DISPATCH();
    }
    TARGET(BUILD_MAP) {
        int n = ARG;
        pv d = py_dict_new();
        for (int i = 0; i < n; i++)
            if (py_dict_set(d, sp[-2 * n + 2 * i], sp[-2 * n + 2 * i + 1]) < 0) {
                sp -= 2 * n;
                GOTO_ERROR();
            }
        sp -= 2 * n;
        PUSH(d);
        DISPATCH();
    }
    TARGET(BUILD_SLICE) {
        pv c = ARG == 3 ? POP() : py_None;
        pv b = POP(), a = TOP();
        TOP() = py_slice_new(a, b, c);
        DISPATCH();
    }
    TARGET(BUILD_STRING) {
        int n = ARG;
        py_sb b = {0};
        for (int i = 0; i < n; i++)
            py_sb_addv(&b, sp[-n + i]);
        sp -= n;
        PUSH(py_sb_finish(&b));
        DISPATCH();
    }
    TARGET(LIST_APPEND) {
        pv v = POP();
        if (py_list_append(sp[-ARG], v) < 0)
            GOTO_ERROR();
        DISPATCH();
    }
    TARGET(SET_ADD) {
        pv v = POP();
        if (py_set_add(sp[-ARG], v) < 0)
            GOTO_ERROR();
        DISPATCH();
    }
    TARGET(MAP_ADD) {
        pv v = POP(), k = POP();
        if (py_dict_set(sp[-ARG], k, v) < 0)
            GOTO_ERROR();
        DISPATCH();
    }
    TARGET(LIST_EXTEND) {
        pv v = POP();
        if (py_list_extend(sp[-ARG], v) < 0) {
            if (py_exc_matches(py_exc_TypeError) && !py_typeof(v)->iter && !py_typeof(v)->getitem) {
                py_exc_clear();
                py_raise(py_exc_TypeError, "Value after * must be an iterable, not %s", py_tname(v));
            }
            GOTO_ERROR();
        }
        DISPATCH();
    }
    TARGET(SET_UPDATE) {
        pv v = POP();
        pv it = py_iter(v), x;
        if (!it)
            GOTO_ERROR();
        while ((x = py_next(it)))
            if (py_set_add(sp[-ARG], x) < 0)
                GOTO_ERROR();
        if (ts->exc)
            GOTO_ERROR();
        DISPATCH();
    }
    TARGET(DICT_UPDATE) {
        pv v = POP();
        if (py_dict_update(sp[-ARG], v) < 0) {
            if (py_exc_matches(py_exc_AttributeError) || py_exc_matches(py_exc_TypeError)) {
                py_exc_clear();
                py_raise(py_exc_TypeError, "'%s' object is not a mapping", py_tname(v));
            }
            GOTO_ERROR();
        }
        DISPATCH();
    }
    TARGET(DICT_MERGE) {
        pv v = POP();
        pv d = sp[-ARG];
        if (!PY_ISDICT(v) && !py_getattr_opt(v, py_id_keys)) {
            py_exc_clear();
            py_raise(py_exc_TypeError, "argument after ** must be a mapping, not %s", py_tname(v));
            GOTO_ERROR();
        }
        pv tmp = py_dict_new();
        if (py_dict_update(tmp, v) < 0)
            GOTO_ERROR();
        size_t pos = 0;
        pv k, x;
        while (py_dict_next(tmp, &pos, &k, &x)) {
            if (py_dict_get(d, k)) {
                pv fn = sp[-ARG - 3];
                pv qn = fn ? py_getattr_opt(fn, py_id___qualname__) : NULL;
                py_exc_clear();
                py_raise(py_exc_TypeError, "%s() got multiple values for keyword argument '%s'",
                         qn && PY_ISSTR(qn) ? py_cstr(qn) : "function", PY_ISSTR(k) ? py_cstr(k) : "?");
                GOTO_ERROR();
            }
            py_dict_set(d, k, x);
        }
        DISPATCH();
    }
    TARGET(LIST_TO_TUPLE) {
        pv l = TOP();
        TOP() = py_tuple_from(PY_LIST(l)->items, PY_LIST(l)->n);
        DISPATCH();
    }
    TARGET(FORMAT_VALUE) {
        pv spec = (ARG & 4) ? POP() : NULL;
        pv r = format_value(TOP(), ARG, spec);
        if (!r)
            GOTO_ERROR();
        TOP() = r;
        DISPATCH();
    }
    TARGET(JUMP) {
        uint32_t *t = code + ARG;
        if (t < ip)
            PY_YIELD_POINT(ts, co, (uint32_t)(ip - code - 1));
        ip = t;
        DISPATCH();
    }
    TARGET(POP_JUMP_IF_FALSE) {
        pv v = POP();
        if (v == py_False) {
            ip = code + ARG;
            DISPATCH();
        }
        if (v == py_True)
            DISPATCH();
        int t = py_truth(v);
        if (t < 0)
            GOTO_ERROR();
        if (!t)
            ip = code + ARG;
        DISPATCH();
    }
    TARGET(POP_JUMP_IF_TRUE) {
        pv v = POP();
        if (v == py_True) {
            ip = code + ARG;
            DISPATCH();
        }
        if (v == py_False)
            DISPATCH();
        int t = py_truth(v);
        if (t < 0)
            GOTO_ERROR();
        if (t)
            ip = code + ARG;
        DISPATCH();
    }
    TARGET(JUMP_IF_FALSE_OR_POP) {
        int t = py_truth(TOP());
        if (t < 0)
            GOTO_ERROR();
        if (!t)
            ip = code + ARG;
        else
            sp--;
        DISPATCH();
    }
    TARGET(JUMP_IF_TRUE_OR_POP) {
        int t = py_truth(TOP());
        if (t < 0)
            GOTO_ERROR();
        if (t)
            ip = code + ARG;
        else
            sp--;
        DISPATCH();
    }
    TARGET(GET_ITER) {
        pv v = TOP();
        pv it = py_iter(v);
        if (!it)
            GOTO_ERROR();
        TOP() = it;
        DISPATCH();
    }
    TARGET(FOR_ITER) {
        pv it = TOP();
        pv v;
        py_type *t = it->type;
        if (t == &py_gen_type) {
            py_gen *g = (py_gen *)it;
            py_frame *gf = g->frame;
            if (!py_gen_done(g) && ts->depth < py_recursion_limit && py_gen_claim(g)) {
                if (py_gen_done(g) || gf->ip == UINT32_MAX) {
                    py_gen_unclaim(g);
                    goto gen_slow;
                }
                /* resume the generator as a frame of this loop (no C recursion) */
                gf->flags |= PY_FR_INLINE;
                gf->exit_ip = (uint32_t)ARG;
                gf->parent_handling = ts->handling;
                ts->handling = gf->handling;
                if (gf->ip != 0)
                    PY_FRAME_STACK(gf)[gf->sp++] = py_None;
                SAVE();
                gf->back = f;
                ts->depth++;
                f = gf;
                ts->frame = f;
                LOAD();
                DISPATCH();
            }
        gen_slow:
            SAVE();
            v = t->next(it);
        } else
            v = t->next(it);
        if (v) {
            PUSH(v);
            DISPATCH();
        }
        if (ts->exc) {
            if (!py_exc_matches(py_exc_StopIteration))
                GOTO_ERROR();
            py_exc_clear();
        }
        sp--;
        ip = code + ARG;
        DISPATCH();
    }
    TARGET(UNPACK_SEQUENCE) {
        pv seq = POP();
        int n = ARG;
        if (PY_IS(seq, tuple) && PY_TUPLE(seq)->n == (size_t)n) {
            for (int i = 0; i < n; i++)
                sp[n - 1 - i] = PY_TUPLE(seq)->items[i];
            sp += n;
            DISPATCH();
        }
        if (unpack_iterable(seq, n, -1, sp) < 0)
            GOTO_ERROR();
        sp += n;
        DISPATCH();
    }
    TARGET(UNPACK_EX) {
        pv seq = POP();
        int before = ARG & 0xff, after = ARG >> 8;
        if (unpack_iterable(seq, before, after, sp) < 0)
            GOTO_ERROR();
        sp += before + after + 1;
        DISPATCH();
    }
    TARGET(MAKE_FUNCTION) {
        int fl = ARG;
        pv qn = POP();
        py_code *fc = (py_code *)POP();
        py_func *fn = (py_func *)py_func_new(fc, f->globals, qn);
        if (fl & PY_MF_CLOSURE)
            fn->closure = POP();
        if (fl & PY_MF_KWDEFAULTS)
            fn->kwdefaults = POP();
        if (fl & PY_MF_DEFAULTS)
            fn->defaults = POP();
        PUSH((pv)fn);
        DISPATCH();
    }
    TARGET(RETURN_VALUE) {
        pv r = POP();
        if (f == entry) {
            if (f->flags & PY_FR_GEN) {
                f->ip = UINT32_MAX;
                f->sp = 0;
            }
            ts->frame = f->back;
            frame_release(ts, f);
            VM_LEAVE();
            return r;
        }
        py_frame *back = f->back;
        int init = f->flags & PY_FR_INIT;
        pv self = f->init_self;
        if (f->flags & PY_FR_INLINE) {
            /* the generator finished: its loop in the resumer ends */
            uint32_t exit_ip = f->exit_ip;
            py_gen *g = (py_gen *)f->gen;
            py_gen_set_done(g);
            py_gen_unclaim(g);
            f->flags &= ~PY_FR_INLINE;
            f->ip = UINT32_MAX;
            f->sp = 0;
            ts->handling = f->parent_handling;
            ts->depth--;
            f = back;
            ts->frame = f;
            LOAD();
            sp--; /* the generator */
            ip = code + exit_ip;
            DISPATCH();
        }
        frame_release(ts, f);
        ts->depth--;
        f = back;
        ts->frame = f;
        LOAD();
        if (init) {
            if (r != py_None) {
                py_raise(py_exc_TypeError, "__init__() should return None, not '%s'", py_tname(r));
                GOTO_ERROR();
            }
            r = self;
        }
        PUSH(r);
        DISPATCH();
    }
    TARGET(YIELD_VALUE) {
        pv v = POP();
        SAVE();
        if (f != entry && (f->flags & PY_FR_INLINE)) {
            /* back to the FOR_ITER that resumed us, with the value */
            py_gen_unclaim((py_gen *)f->gen);
            f->flags &= ~PY_FR_INLINE;
            f->handling = ts->handling;
            ts->handling = f->parent_handling;
            ts->depth--;
            f = f->back;
            ts->frame = f;
            LOAD();
            PUSH(v);
            DISPATCH();
        }
        ts->frame = f->back;
        VM_LEAVE();
        return v;
    }
    TARGET(GET_YIELD_FROM_ITER) {
        pv v = TOP();
        if (!PY_IS(v, gen)) {
            pv it = py_iter(v);
            if (!it)
                GOTO_ERROR();
            TOP() = it;
        }
        DISPATCH();
    }
    TARGET(SEND) {
        pv v = POP(), sub = TOP();
        pv r;
        SAVE();
        if (PY_IS(sub, gen)) {
            int done;
            r = py_gen_send(sub, v, &done);
            if (done) {
                if (!r) {
                    if (ts->exc)
                        GOTO_ERROR();
                    r = py_None;
                }
                TOP() = r;
                ip = code + ARG;
                DISPATCH();
            }
            if (!r)
                GOTO_ERROR();
        } else {
            if (v == py_None)
                r = py_next(sub);
            else
                r = py_call_method(sub, "send", &v, 1);
            if (!r) {
                if (ts->exc && !py_exc_matches(py_exc_StopIteration))
                    GOTO_ERROR();
                pv val = py_None;
                if (ts->exc) {
                    pv e = py_exc_fetch();
                    py_tuple *a = PY_TUPLE(((py_exc *)e)->args);
                    if (a->n)
                        val = a->items[0];
                }
                TOP() = val;
                ip = code + ARG;
                DISPATCH();
            }
        }
        PUSH(r);
        DISPATCH();
    }
    TARGET(SETUP_FINALLY) {
        if (f->nblocks >= PY_MAXBLOCKS)
            py_die("block stack overflow");
        f->blocks[f->nblocks].handler = ARG;
        f->blocks[f->nblocks].level = (int)(sp - stack_base);
        f->nblocks++;
        DISPATCH();
    }
    TARGET(SETUP_CLEANUP) {
        if (f->nblocks >= PY_MAXBLOCKS)
            py_die("block stack overflow");
        f->blocks[f->nblocks].handler = ARG;
        f->blocks[f->nblocks].level = (int)(sp - stack_base) - 1;
        f->nblocks++;
        DISPATCH();
    }
    TARGET(POP_BLOCK) { f->nblocks--; DISPATCH(); }
    TARGET(PUSH_EXC_INFO) {
        pv e = TOP();
        TOP() = ts->handling ? ts->handling : py_None;
        PUSH(e);
        ts->handling = e;
        DISPATCH();
    }
    TARGET(POP_EXCEPT) {
        pv prev = POP();
        ts->handling = prev == py_None ? NULL : prev;
        DISPATCH();
    }
    TARGET(CHECK_EXC_MATCH) {
        pv t = TOP(), e = SECOND();
        int r = exc_match(e, t);
        if (r < 0)
            GOTO_ERROR();
        TOP() = PY_BOOL(r);
        DISPATCH();
    }
    TARGET(RERAISE_EXC) {
        pv e = POP(), prev = POP();
        ts->handling = prev == py_None ? NULL : prev;
        ts->exc = e;
        reraise = 1;
        GOTO_ERROR();
    }
    TARGET(RAISE) {
        int kind = ARG;
        pv cause = kind == 2 ? POP() : NULL;
        pv exc = kind >= 1 ? POP() : NULL;
        do_raise(kind, exc, cause);
        if (kind == 0)
            reraise = 1;
        GOTO_ERROR();
    }
    TARGET(BEFORE_WITH) {
        pv m = TOP();
        pv enter = py_type_lookup(py_typeof(m), py_id___enter__);
        pv ex = py_type_lookup(py_typeof(m), py_id___exit__);
        if (!enter || !ex) {
            py_raise(py_exc_TypeError, "'%s' object does not support the context manager protocol", py_tname(m));
            GOTO_ERROR();
        }
        pv exb = py_bind(ex, m, py_typeof(m));
        if (!exb)
            GOTO_ERROR();
        TOP() = exb;
        SAVE();
        pv eb = py_bind(enter, m, py_typeof(m));
        pv r = eb ? py_call0(eb) : NULL;
        if (!r)
            GOTO_ERROR();
        PUSH(r);
        DISPATCH();
    }
    TARGET(WITH_EXIT) {
        pv ex = POP();
        pv args[3] = {py_None, py_None, py_None};
        SAVE();
        pv r = py_call(ex, args, 3, NULL);
        if (!r)
            GOTO_ERROR();
        DISPATCH();
    }
    TARGET(WITH_EXCEPT_START) {
        pv e = TOP(), ex = sp[-3];
        py_exc *pe = (py_exc *)e;
        pv args[3] = {(pv)py_typeof(e), e, pe->tb ? pe->tb : py_None};
        SAVE();
        pv r = py_call(ex, args, 3, NULL);
        if (!r)
            GOTO_ERROR();
        PUSH(r);
        DISPATCH();
    }
    TARGET(BUILD_CLASS) {
        pv kw = ARG ? POP() : NULL;
        pv bases = POP(), name = POP(), func = POP();
        SAVE();
        pv cls = py_build_class(func, name, bases, kw);
        if (!cls)
            GOTO_ERROR();
        PUSH(cls);
        DISPATCH();
    }
    TARGET(IMPORT_NAME) {
        pv fromlist = POP(), level = TOP();
        SAVE();
        PY_IRREVOCABLE(ts);
        pv m = py_import(names[ARG], f->globals, fromlist, (int)PY_SMALLVAL(level));
        if (!m)
            GOTO_ERROR();
        TOP() = m;
        DISPATCH();
    }
    TARGET(IMPORT_FROM) {
        SAVE();
        pv v = py_import_from(TOP(), names[ARG]);
        if (!v)
            GOTO_ERROR();
        PUSH(v);
        DISPATCH();
    }
    TARGET(IMPORT_STAR) {
        pv m = POP();
        if (py_import_star(f, m) < 0)
            GOTO_ERROR();
        DISPATCH();
    }
    TARGET(LOAD_ASSERTION_ERROR) { PUSH((pv)py_exc_AssertionError); DISPATCH(); }
    TARGET(SETUP_ANNOTATIONS) { DISPATCH(); }
    TARGET(RETURN_GENERATOR) { DISPATCH(); }
    TARGET(PRINT_EXPR) {
        pv v = POP();
        SAVE();
        if (py_print_expr(v) < 0)
            GOTO_ERROR();
        DISPATCH();
    }
    TARGET(DELETE_LOCAL_NAME) { DISPATCH(); }
    TARGET(MATCH_PATTERN) {
        pv vals = POP();
        extern pv py_match(pv subject, pv desc, pv vals);
        SAVE();
        pv r = py_match(TOP(), consts[ARG], vals);
        if (!r)
            GOTO_ERROR();
        TOP() = r;
        DISPATCH();
    }

#ifndef PY_COMPUTED_GOTO
    default:
        py_die("unknown opcode");
    }
#endif

error:
    /* ts->exc holds the exception; find a handler in this frame or unwind */
    if (!ts->exc)
        py_raise(py_exc_SystemError, "error return without exception set");
    kwnames = NULL;
    if (!reraise) {
        SAVE();
        add_traceback(ts->exc, f);
    }
    reraise = 0;
    for (;;) {
        if (f->nblocks > 0) {
            py_block *b = &f->blocks[--f->nblocks];
            sp = stack_base + b->level;
            pv e = ts->exc;
            ts->exc = NULL;
            PUSH(e);
            ip = code + b->handler;
            DISPATCH();
        }
        /* no handler here: leave the frame */
        if (f == entry) {
            if (f->flags & PY_FR_GEN) {
                f->ip = UINT32_MAX;
                f->sp = 0;
            }
            ts->frame = f->back;
            frame_release(ts, f);
            VM_LEAVE();
            return NULL;
        }
        py_frame *back = f->back;
        if (f->flags & PY_FR_INLINE) {
            /* an exception leaves a generator resumed by FOR_ITER */
            py_gen *g = (py_gen *)f->gen;
            py_gen_set_done(g);
            py_gen_unclaim(g);
            f->flags &= ~PY_FR_INLINE;
            f->ip = UINT32_MAX;
            f->sp = 0;
            ts->handling = f->parent_handling;
            if (py_exc_matches(py_exc_StopIteration)) {
                pv e = py_exc_fetch();
                py_raise(py_exc_RuntimeError, "generator raised StopIteration");
                ((py_exc *)ts->exc)->cause = e;
                ((py_exc *)ts->exc)->context = e;
            }
        }
        frame_release(ts, f);
        ts->depth--;
        f = back;
        ts->frame = f;
        LOAD();
        add_traceback(ts->exc, f);
    }
}
