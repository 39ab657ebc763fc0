/* py_obj.c: the generic object protocol (repr, hash, compare, attributes,
 * calls, iteration, operators) and the `object`, `type`, None, bool types.
 * Class dicts are shared mutable objects: accessed under PY_LOCK (no-op in
 * gil mode); py_type_epoch is bumped (written) only when a class changes. */
#include "py.h"
#include "py_lock.h"
#include "py_vm.h"

#include <stdlib.h>

#define PY_DEF_ID(n) pv py_id_##n;
PY_IDS(PY_DEF_ID)

uint64_t py_type_epoch = 1;

_Noreturn void py_die_at(const char *file, const char *fn, int line, const char *msg)
{
    fprintf(stderr, "elide: fatal: %s (%s, %s:%d)\n", msg, fn, file, line);
    abort();
}

int py_subtype(py_type *a, py_type *b)
{
    if (a->mro && (a->flags & PY_TF_HEAP)) {
        py_tuple *m = PY_TUPLE(a->mro);
        for (size_t i = 0; i < m->n; i++)
            if (m->items[i] == (pv)b)
                return 1;
        return 0;
    }
    for (; a; a = a->base)
        if (a == b)
            return 1;
    return 0;
}

const char *py_tname(pv v) { return py_typeof(v)->name; }

/* ---------------- repr / str ---------------- */

int py_repr_enter(pv v)
{
    py_ts *ts = py_cur;
    int n = ts->repr_n < 64 ? ts->repr_n : 64; /* deeper levels are not tracked */
    for (int i = 0; i < n; i++)
        if (ts->repr_stack[i] == v)
            return 1;
    if (ts->repr_n < 64)
        ts->repr_stack[ts->repr_n] = v;
    ts->repr_n++;
    return 0;
}

void py_repr_leave(pv v)
{
    (void)v;
    py_cur->repr_n--;
}

pv py_repr(pv v)
{
    py_type *t = py_typeof(v);
    if (!t->repr)
        return py_str_fmt("<%s object at %p>", t->name, (void *)v);
    if (py_enter_recursive(" while getting the repr of an object"))
        return NULL;
    pv r = t->repr(v);
    py_leave_recursive();
    if (r && !PY_ISSTR(r))
        return py_raise(py_exc_TypeError, "__repr__ returned non-string (type %s)", py_tname(r));
    return r;
}

pv py_str_of(pv v)
{
    if (PY_IS(v, str))
        return v;
    py_type *t = py_typeof(v);
    if (!t->str)
        return py_repr(v);
    pv r = t->str(v);
    if (r && !PY_ISSTR(r))
        return py_raise(py_exc_TypeError, "__str__ returned non-string (type %s)", py_tname(r));
    return r;
}

/* ---------------- hash / compare / truth ---------------- */

intptr_t py_hash(pv v)
{
    if (PY_ISSMALL(v))
        return py_int_hash(v);
    py_type *t = v->type;
    if (t == &py_str_type)
        return py_str_hash(v);
    if (!t->hash) {
        py_raise(py_exc_TypeError, "unhashable type: '%s'", t->name);
        return -1;
    }
    return t->hash(v);
}

static const int swapped_op[] = {PY_GT, PY_GE, PY_EQ, PY_NE, PY_LT, PY_LE};
static const char *const op_sym[] = {"<", "<=", "==", "!=", ">", ">="};

pv py_richcmp(pv a, pv b, int op)
{
    py_type *ta = py_typeof(a), *tb = py_typeof(b);
    pv r;
    int tried_b = 0;
    if (ta != tb && tb->richcmp && py_subtype(tb, ta)) {
        tried_b = 1;
        r = tb->richcmp(b, a, swapped_op[op]);
        if (r != py_NotImplemented)
            return r;
    }
    if (ta->richcmp) {
        r = ta->richcmp(a, b, op);
        if (r != py_NotImplemented)
            return r;
    }
    if (!tried_b && tb->richcmp) {
        r = tb->richcmp(b, a, swapped_op[op]);
        if (r != py_NotImplemented)
            return r;
    }
    if (op == PY_EQ)
        return PY_BOOL(a == b);
    if (op == PY_NE)
        return PY_BOOL(a != b);
    return py_raise(py_exc_TypeError, "'%s' not supported between instances of '%s' and '%s'",
                    op_sym[op], ta->name, tb->name);
}

int py_eq(pv a, pv b)
{
    if (a == b)
        return 1;
    if (PY_ISSMALL(a) && PY_ISSMALL(b))
        return 0;
    if (PY_IS(a, str) && PY_IS(b, str))
        return py_str_eq(a, b);
    pv r = py_richcmp(a, b, PY_EQ);
    if (!r)
        return -1;
    return r == py_True ? 1 : r == py_False ? 0 : py_truth(r);
}

int py_lt(pv a, pv b)
{
    if (PY_ISSMALL(a) && PY_ISSMALL(b))
        return PY_SMALLVAL(a) < PY_SMALLVAL(b);
    pv r = py_richcmp(a, b, PY_LT);
    if (!r)
        return -1;
    return r == py_True ? 1 : r == py_False ? 0 : py_truth(r);
}

int py_truth(pv v)
{
    if (v == py_True)
        return 1;
    if (v == py_False || v == py_None)
        return 0;
    if (PY_ISSMALL(v))
        return PY_SMALLVAL(v) != 0;
    py_type *t = v->type;
    if (t->truth)
        return t->truth(v);
    if (t->len) {
        intptr_t n = t->len(v);
        return n < 0 ? -1 : n > 0;
    }
    return 1;
}

/* ---------------- attributes ---------------- */

/* Per-thread, direct-mapped cache of MRO lookups, keyed by (type, name),
 * valid while py_type_epoch is unchanged (bumped by every class change and
 * class creation, so a recycled type address cannot hit). Per thread, so a
 * read never writes shared memory; an entry is written only on a miss.
 * 1024 entries: 32 KiB per thread, enough for the hot attribute names of
 * the benchmark programs without measurable conflict misses. */
#define MCACHE_SIZE 1024
struct py_mcache_ent { py_type *t; pv name; uint64_t epoch; pv v; };

static pv type_lookup_mro(py_type *t, pv name);

pv py_type_lookup(py_type *t, pv name)
{
    py_ts *ts = py_cur;
    if (__builtin_expect(!ts->mcache, 0)) {
        ts->mcache = GC_MALLOC_ATOMIC_UNCOLLECTABLE(MCACHE_SIZE * sizeof(struct py_mcache_ent));
        if (!ts->mcache)
            return type_lookup_mro(t, name);
        memset(ts->mcache, 0, MCACHE_SIZE * sizeof(struct py_mcache_ent));
    }
    uint64_t ep = __atomic_load_n(&py_type_epoch, __ATOMIC_ACQUIRE);
    struct py_mcache_ent *e = &ts->mcache[(((uintptr_t)t >> 4) ^ ((uintptr_t)name >> 4)) & (MCACHE_SIZE - 1)];
    if (e->t == t && e->name == name && e->epoch == ep)
        return e->v;
    pv v = type_lookup_mro(t, name);
    e->t = t;
    e->name = name;
    e->epoch = ep;
    e->v = v;
    return v;
}

static pv type_lookup_mro(py_type *t, pv name)
{
    pv mro = t->mro;
    if (!mro) {
        for (; t; t = t->base) {
            pv v = t->dict ? py_dict_get(t->dict, name) : NULL;
            if (v)
                return v;
        }
        return NULL;
    }
    py_tuple *m = PY_TUPLE(mro);
    for (size_t i = 0; i < m->n; i++) {
        py_type *c = (py_type *)m->items[i];
        if (!c->dict)
            continue;
        pv v = py_dict_get(c->dict, name);
        if (v)
            return v;
    }
    return NULL;
}

pv py_instance_dict(pv o)
{
    if (PY_ISSMALL(o))
        return NULL;
    py_type *t = o->type;
    if (t == &py_type_type || py_subtype(t, &py_type_type))
        return ((py_type *)o)->dict;
    if (t == &py_module_type)
        return ((py_module *)o)->dict;
    if (!t->dictoffset)
        return NULL;
    /* created on demand; two threads racing to create it agree on one
     * (compare-and-swap), so no attribute is stored into a lost dict */
    pv *slot = (pv *)((char *)o + t->dictoffset);
    pv d = __atomic_load_n(slot, __ATOMIC_ACQUIRE);
    if (d)
        return d;
    pv nd = py_dict_new();
    if (__atomic_compare_exchange_n(slot, &d, nd, 0, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE))
        return nd;
    return d;
}

/* __slots__ members: a pointer field at a fixed offset in the instance. */
static pv member_repr(pv o)
{
    return py_str_fmt("<member '%s' of objects>", py_cstr(((py_member *)o)->name));
}
py_type py_member_type = {.name = "member_descriptor", .basicsize = sizeof(py_member), .repr = member_repr};

pv py_member_get(pv d, pv o)
{
    py_member *m = (py_member *)d;
    pv v = *(pv *)((char *)o + m->offset);
    if (!v)
        return py_raise(py_exc_AttributeError, "'%s' object has no attribute '%s'", py_tname(o), py_cstr(m->name));
    return v;
}

static int setup_slots(py_type *t, py_type *base, pv slots)
{
    pv names = PY_ISSTR(slots) ? py_tuple_pack(1, slots) : py_to_tuple(slots);
    if (!names)
        return -1;
    size_t start = base == &py_object_type ? sizeof(py_obj) : base->basicsize;
    size_t k = 0;
    int want_dict = 0;
    for (size_t i = 0; i < PY_TUPLE(names)->n; i++) {
        pv nm = PY_TUPLE(names)->items[i];
        if (!PY_ISSTR(nm)) {
            py_raise(py_exc_TypeError, "__slots__ items must be strings, not '%s'", py_tname(nm));
            return -1;
        }
        if (!strcmp(py_cstr(nm), "__dict__")) {
            want_dict = 1;
            continue;
        }
        if (!strcmp(py_cstr(nm), "__weakref__"))
            continue;
        py_member *m = (py_member *)py_new(&py_member_type, sizeof(py_member));
        m->name = py_intern_str(nm);
        m->offset = start + k * sizeof(pv);
        if (py_dict_get(t->dict, m->name)) {
            py_raise(py_exc_ValueError, "'%s' in __slots__ conflicts with class variable", py_cstr(nm));
            return -1;
        }
        py_dict_set(t->dict, m->name, (pv)m);
        k++;
    }
    t->basicsize = start + k * sizeof(pv);
    t->dictoffset = 0;
    if (want_dict) {
        t->dictoffset = t->basicsize;
        t->basicsize += sizeof(pv);
    }
    return 0;
}

/* Is t's nearest builtin base a variable-size layout (str, tuple, bytes)? Its
   subclasses have no room for an instance dict after the builtin part. */
static int var_sized_base(py_type *t)
{
    extern py_type py_bytes_type;
    while (t && (t->flags & PY_TF_HEAP))
        t = t->base;
    return t == &py_str_type || t == &py_tuple_type || t == &py_bytes_type;
}

static int is_data_descr(pv d)
{
    return PY_IS(d, property) || PY_IS(d, member);
}

pv py_bind(pv d, pv self, py_type *t)
{
    if (PY_ISSMALL(d))
        return d;
    py_type *dt = d->type;
    if (dt == &py_func_type)
        return self ? py_method_new(self, d) : d;
    if (dt == &py_cfunc_type) {
        py_cfunc *c = (py_cfunc *)d;
        if (c->is_method == 1 && self)
            return py_cfunc_new(c->name, c->fn, self);
        if (c->is_method == 2) /* class method */
            return py_cfunc_new(c->name, c->fn, (pv)t);
        return d;
    }
    if (dt == &py_staticmethod_type)
        return ((py_wrapper *)d)->f;
    if (dt == &py_classmethod_type)
        return py_method_new((pv)t, ((py_wrapper *)d)->f);
    if (dt == &py_member_type)
        return self ? py_member_get(d, self) : d;
    if (dt == &py_property_type) {
        if (!self)
            return d;
        py_property *p = (py_property *)d;
        if (!p->fget || p->fget == py_None)
            return py_raise(py_exc_AttributeError, "property of '%s' object has no getter", t->name);
        return py_call1(p->fget, self);
    }
    if (dt->flags & PY_TF_HEAP) {
        pv get = py_type_lookup(dt, py_id___get__);
        if (get) {
            pv args[3] = {d, self ? self : py_None, (pv)t};
            return py_call(get, args, 3, NULL);
        }
    }
    return d;
}

static pv attr_error(pv o, pv name)
{
    if (PY_ISTYPE(o))
        return py_raise(py_exc_AttributeError, "type object '%s' has no attribute '%s'",
                        ((py_type *)o)->name, py_cstr(name));
    if (PY_IS(o, module))
        return py_raise(py_exc_AttributeError, "module '%s' has no attribute '%s'",
                        py_cstr(((py_module *)o)->name), py_cstr(name));
    return py_raise(py_exc_AttributeError, "'%s' object has no attribute '%s'", py_tname(o),
                    py_cstr(name));
}

pv py_generic_getattr(pv o, pv name)
{
    py_type *t = py_typeof(o);
    pv d = py_type_lookup(t, name);
    if (d && !PY_ISSMALL(d) && (is_data_descr(d) || ((d->type->flags & PY_TF_HEAP) &&
                                                     py_type_lookup(d->type, py_id___set__))))
        return py_bind(d, o, t);
    if (!PY_ISSMALL(o) && t->dictoffset) {
        pv dict = __atomic_load_n((pv *)((char *)o + t->dictoffset), __ATOMIC_ACQUIRE);
        if (dict) {
            pv v = py_dict_get(dict, name);
            if (v)
                return v;
        }
    }
    if (d)
        return py_bind(d, o, t);
    if (name == py_id___class__)
        return (pv)t;
    if (name == py_id___dict__) {
        pv dd = py_instance_dict(o);
        if (dd)
            return dd;
    }
    return NULL;
}

static pv getattr_hook(pv o, pv name)
{
    pv ga = py_type_lookup(py_typeof(o), py_id___getattr__);
    if (!ga)
        return NULL;
    pv args[2] = {o, name};
    return py_call(ga, args, 2, NULL);
}

pv py_getattr_opt(pv o, pv name)
{
    py_type *t = py_typeof(o);
    pv v;
    if (t->getattr)
        v = t->getattr(o, name);
    else
        v = py_generic_getattr(o, name);
    if (v)
        return v;
    if (py_cur->exc) {
        if (!py_exc_matches(py_exc_AttributeError))
            return NULL;
        py_exc_clear();
    }
    if (t->flags & PY_TF_HAS_GETATTR) {
        v = getattr_hook(o, name);
        if (v || !py_exc_matches(py_exc_AttributeError))
            return v;
        py_exc_clear();
    }
    return NULL;
}

pv py_getattr(pv o, pv name)
{
    pv v = py_getattr_opt(o, name);
    if (!v && !py_cur->exc)
        return attr_error(o, name);
    return v;
}

pv py_getattr_s(pv o, const char *name) { return py_getattr(o, py_intern(name)); }

int py_generic_setattr(pv o, pv name, pv v)
{
    py_type *t = py_typeof(o);
    pv d = py_type_lookup(t, name);
    if (d && PY_IS(d, member)) {
        py_member *m = (py_member *)d;
        pv *slot = (pv *)((char *)o + m->offset);
        if (!v && !*slot) {
            py_raise(py_exc_AttributeError, "'%s' object has no attribute '%s'", t->name, py_cstr(name));
            return -1;
        }
        *slot = v;
        return 0;
    }
    if (d && PY_IS(d, property)) {
        py_property *p = (py_property *)d;
        pv f = v ? p->fset : p->fdel;
        if (!f || f == py_None) {
            py_raise(py_exc_AttributeError, "property '%s' of '%s' object has no %s", py_cstr(name),
                     py_tname(o), v ? "setter" : "deleter");
            return -1;
        }
        pv r = v ? py_call2(f, o, v) : py_call1(f, o);
        return r ? 0 : -1;
    }
    if (d && !PY_ISSMALL(d) && (d->type->flags & PY_TF_HEAP)) {
        pv set = py_type_lookup(d->type, v ? py_id___set__ : py_id___delete__);
        if (set) {
            pv args[3] = {d, o, v};
            return py_call(set, args, v ? 3 : 2, NULL) ? 0 : -1;
        }
    }
    pv dict = py_instance_dict(o);
    if (!dict) {
        py_raise(py_exc_AttributeError, "'%s' object has no attribute '%s'", t->name, py_cstr(name));
        return -1;
    }
    if (d && v && !PY_ISTYPE(o) && !PY_IS(o, module))
        py_type_set_shadowed(t); /* method caches must now check instance dicts */
    int r;
    if (v)
        r = py_dict_set(dict, name, v);
    else {
        r = py_dict_del(dict, name);
        if (r < 0) {
            py_exc_clear();
            py_raise(py_exc_AttributeError, "'%s' object has no attribute '%s'", t->name,
                     py_cstr(name));
        }
    }
    return r;
}

int py_setattr(pv o, pv name, pv v)
{
    py_type *t = py_typeof(o);
    if (t->setattr)
        return t->setattr(o, name, v);
    if (PY_ISSMALL(o) || !(t->dictoffset || (t->flags & PY_TF_HEAP))) {
        pv d = py_type_lookup(t, name);
        if (d && PY_IS(d, property))
            return py_generic_setattr(o, name, v);
        py_raise(py_exc_AttributeError, "'%s' object has no attribute '%s'", t->name,
                 py_cstr(name));
        return -1;
    }
    return py_generic_setattr(o, name, v);
}

/* ---------------- calls ---------------- */

pv py_call(pv f, pv *args, size_t n, pv kwnames)
{
    py_type *t = py_typeof(f);
    if (t == &py_func_type)
        return py_call_func(f, args, n, kwnames);
    if (t == &py_cfunc_type) {
        py_cfunc *c = (py_cfunc *)f;
        if (!(c->is_method == 1 && !c->self))
            return c->fn(c->self, args, n, kwnames);
    }
    if (!t->call)
        return py_raise(py_exc_TypeError, "'%s' object is not callable", t->name);
    return t->call(f, args, n, kwnames);
}

pv py_call0(pv f) { return py_call(f, NULL, 0, NULL); }
pv py_call1(pv f, pv a) { return py_call(f, &a, 1, NULL); }
pv py_call2(pv f, pv a, pv b)
{
    pv args[2] = {a, b};
    return py_call(f, args, 2, NULL);
}

/* Look a dunder up on the type, call it with self first (no bound object). */
static pv call_lookup(pv o, pv name, pv *args, size_t n, int *found)
{
    py_type *t = py_typeof(o);
    pv d = py_type_lookup(t, name);
    *found = d != NULL;
    if (!d)
        return NULL;
    pv buf[8];
    if (n < 7 && !PY_ISSMALL(d) &&
        (d->type == &py_func_type || (d->type == &py_cfunc_type && ((py_cfunc *)d)->is_method == 1))) {
        buf[0] = o;
        py_copy(buf + 1, args, n * sizeof(pv));
        return py_call(d, buf, n + 1, NULL);
    }
    pv b = py_bind(d, o, t);
    if (!b)
        return NULL;
    return py_call(b, args, n, NULL);
}

pv py_call_method(pv o, const char *name, pv *args, size_t n)
{
    pv m = py_getattr(o, py_intern(name));
    if (!m)
        return NULL;
    return py_call(m, args, n, NULL);
}

/* ---------------- iteration / containers ---------------- */

pv py_iter(pv v)
{
    py_type *t = py_typeof(v);
    if (t->iter)
        return t->iter(v);
    if (t->getitem && !PY_ISDICT(v))
        return py_seq_iter_new(v);
    return py_raise(py_exc_TypeError, "'%s' object is not iterable", t->name);
}

pv py_next(pv it)
{
    py_type *t = py_typeof(it);
    if (!t->next)
        return py_raise(py_exc_TypeError, "'%s' object is not an iterator", t->name);
    return t->next(it);
}

intptr_t py_len(pv v)
{
    py_type *t = py_typeof(v);
    if (!t->len) {
        py_raise(py_exc_TypeError, "object of type '%s' has no len()", t->name);
        return -1;
    }
    return t->len(v);
}

pv py_getitem(pv o, pv k)
{
    py_type *t = py_typeof(o);
    if (t->getitem)
        return t->getitem(o, k);
    if (PY_ISTYPE(o)) {
        pv cg = py_type_lookup((py_type *)o, py_id___class_getitem__);
        if (cg)
            return py_call(py_bind(cg, NULL, (py_type *)o), &k, 1, NULL);
        if (o == (pv)&py_list_type || o == (pv)&py_dict_type || o == (pv)&py_tuple_type ||
            o == (pv)&py_set_type || o == (pv)&py_type_type || o == (pv)&py_frozenset_type)
            return o; /* list[int] annotations */
    }
    return py_raise(py_exc_TypeError, "'%s' object is not subscriptable", t->name);
}

int py_setitem(pv o, pv k, pv v)
{
    py_type *t = py_typeof(o);
    if (!t->setitem) {
        py_raise(py_exc_TypeError, "'%s' object does not support item assignment", t->name);
        return -1;
    }
    return t->setitem(o, k, v);
}

int py_delitem(pv o, pv k)
{
    py_type *t = py_typeof(o);
    if (!t->setitem) {
        py_raise(py_exc_TypeError, "'%s' object doesn't support item deletion", t->name);
        return -1;
    }
    return t->setitem(o, k, NULL);
}

int py_contains(pv o, pv v)
{
    py_type *t = py_typeof(o);
    if (t->contains)
        return t->contains(o, v);
    pv it = py_iter(o);
    if (!it) {
        if (py_exc_matches(py_exc_TypeError)) {
            py_exc_clear();
            py_raise(py_exc_TypeError, "argument of type '%s' is not iterable", t->name);
        }
        return -1;
    }
    pv x;
    while ((x = py_next(it))) {
        int r = py_eq(x, v);
        if (r)
            return r;
    }
    return py_cur->exc ? -1 : 0;
}

pv py_to_list(pv v)
{
    pv l = py_list_new(0);
    if (py_list_extend(l, v) < 0)
        return NULL;
    return l;
}

pv py_to_tuple(pv v)
{
    if (PY_IS(v, tuple))
        return v;
    pv l = py_to_list(v);
    if (!l)
        return NULL;
    return py_tuple_from(PY_LIST(l)->items, PY_LIST(l)->n);
}

/* ---------------- operators ---------------- */

static const char *const nb_sym[] = {"+", "-", "*", "/", "//", "%", "** or pow()", "<<", ">>",
                                     "&", "|", "^", "@"};

pv py_binop(int op, pv a, pv b)
{
    if (PY_ISSMALL(a) && PY_ISSMALL(b))
        return py_int_binop(op, a, b);
    py_type *ta = py_typeof(a), *tb = py_typeof(b);
    py_binfn fa = ta->nb[op], fb = ta == tb ? NULL : tb->nb[op];
    pv r;
    if (fb && fa != fb && py_subtype(tb, ta)) {
        r = fb(a, b);
        if (r != py_NotImplemented)
            return r;
        fb = NULL;
    }
    if (fa) {
        r = fa(a, b);
        if (r != py_NotImplemented)
            return r;
    }
    if (fb && fb != fa) {
        r = fb(a, b);
        if (r != py_NotImplemented)
            return r;
    }
    if (op == PY_NB_MOD && PY_ISSTR(a))
        return py_str_percent(a, b);
    return py_raise(py_exc_TypeError, "unsupported operand type(s) for %s: '%s' and '%s'",
                    nb_sym[op], ta->name, tb->name);
}

static pv const *inplace_ids[PY_NB_COUNT] = {
    &py_id___iadd__, &py_id___isub__, &py_id___imul__, &py_id___itruediv__,
    &py_id___ifloordiv__, &py_id___imod__, &py_id___ipow__, &py_id___ilshift__,
    &py_id___irshift__, &py_id___iand__, &py_id___ior__, &py_id___ixor__, &py_id___imatmul__};

extern py_type py_bytearray_type;

pv py_inplace(int op, pv a, pv b)
{
    if (PY_ISSMALL(a) && PY_ISSMALL(b))
        return py_int_binop(op, a, b);
    py_type *ta = py_typeof(a);
    if (PY_ISLIST(a) && !(ta->flags & PY_TF_HEAP)) {
        if (op == PY_NB_ADD)
            return py_list_extend(a, b) < 0 ? NULL : a;
    } else if (ta->flags & PY_TF_HEAP || PY_ISLIST(a) || PY_ISSETLIKE(a) || PY_ISDICT(a) ||
               ta == &py_bytearray_type) {
        int found;
        pv r = call_lookup(a, *inplace_ids[op], &b, 1, &found);
        if (found && (!r || r != py_NotImplemented))
            return r;
    }
    return py_binop(op, a, b);
}

static pv unary(pv v, pv (*f)(pv), const char *sym)
{
    if (!f)
        return py_raise(py_exc_TypeError, "bad operand type for %s: '%s'", sym, py_tname(v));
    return f(v);
}

pv py_neg(pv v) { return unary(v, py_typeof(v)->neg, "unary -"); }
pv py_pos(pv v) { return unary(v, py_typeof(v)->pos, "unary +"); }
pv py_invert(pv v) { return unary(v, py_typeof(v)->invert, "unary ~"); }
pv py_abs(pv v) { return unary(v, py_typeof(v)->absf, "abs()"); }

/* ---------------- slot wrappers for classes ---------------- */

static pv slot_call(pv o, pv name, pv *args, size_t n)
{
    int found;
    pv r = call_lookup(o, name, args, n, &found);
    if (!found && !py_cur->exc)
        return py_raise(py_exc_TypeError, "'%s' object has no %s", py_tname(o), py_cstr(name));
    return r;
}

static pv slot_repr(pv o) { return slot_call(o, py_id___repr__, NULL, 0); }
static pv slot_str(pv o) { return slot_call(o, py_id___str__, NULL, 0); }
static intptr_t slot_hash(pv o)
{
    pv h = py_type_lookup(py_typeof(o), py_id___hash__);
    if (h == py_None) {
        py_raise(py_exc_TypeError, "unhashable type: '%s'", py_tname(o));
        return -1;
    }
    pv r = slot_call(o, py_id___hash__, NULL, 0);
    if (!r)
        return -1;
    if (!PY_ISINT(r)) {
        py_raise(py_exc_TypeError, "__hash__ method should return an integer");
        return -1;
    }
    intptr_t hv = py_int_hash(r);
    return hv;
}

static pv const *cmp_ids[] = {&py_id___lt__, &py_id___le__, &py_id___eq__,
                              &py_id___ne__, &py_id___gt__, &py_id___ge__};

static pv slot_richcmp(pv a, pv b, int op)
{
    int found;
    pv r = call_lookup(a, *cmp_ids[op], &b, 1, &found);
    if (found)
        return r;
    if (op == PY_NE) {
        r = call_lookup(a, py_id___eq__, &b, 1, &found);
        if (!found || !r || r == py_NotImplemented)
            return found ? r : py_NotImplemented;
        int t = py_truth(r);
        return t < 0 ? NULL : PY_BOOL(!t);
    }
    return py_NotImplemented;
}

static pv slot_iter(pv o) { return slot_call(o, py_id___iter__, NULL, 0); }
static pv slot_next(pv o)
{
    pv r = slot_call(o, py_id___next__, NULL, 0);
    if (!r && py_exc_matches(py_exc_StopIteration))
        py_exc_clear();
    return r;
}
static pv slot_tcall(pv o, pv *args, size_t n, pv kw)
{
    py_type *t = py_typeof(o);
    pv d = py_type_lookup(t, py_id___call__);
    if (!d)
        return py_raise(py_exc_TypeError, "'%s' object is not callable", t->name);
    if (PY_IS(d, func)) {
        size_t nk = PY_NKW(kw);
        pv *buf = py_alloc((n + nk + 1) * sizeof(pv));
        buf[0] = o;
        py_copy(buf + 1, args, (n + nk) * sizeof(pv));
        return py_call_func(d, buf, n + 1, kw);
    }
    pv b = py_bind(d, o, t);
    return b ? py_call(b, args, n, kw) : NULL;
}
static pv slot_getattr_fn(pv o, pv name)
{
    pv d = py_type_lookup(py_typeof(o), py_id___getattribute__);
    if (d && !(PY_IS(d, cfunc))) {
        pv args[2] = {o, name};
        return py_call(d, args, 2, NULL);
    }
    return py_generic_getattr(o, name);
}
static int slot_setattr(pv o, pv name, pv v)
{
    int found;
    pv args[2] = {name, v};
    pv r = call_lookup(o, v ? py_id___setattr__ : py_id___delattr__, args, v ? 2 : 1, &found);
    if (!found)
        return py_generic_setattr(o, name, v);
    return r ? 0 : -1;
}
static intptr_t slot_len(pv o)
{
    pv r = slot_call(o, py_id___len__, NULL, 0);
    if (!r)
        return -1;
    int err = 0;
    intptr_t n = py_index(r, &err);
    if (err)
        return -1;
    if (n < 0) {
        py_raise(py_exc_ValueError, "__len__() should return >= 0");
        return -1;
    }
    return n;
}
static pv slot_getitem(pv o, pv k) { return slot_call(o, py_id___getitem__, &k, 1); }
static int slot_setitem(pv o, pv k, pv v)
{
    pv args[2] = {k, v};
    pv r = v ? slot_call(o, py_id___setitem__, args, 2) : slot_call(o, py_id___delitem__, args, 1);
    return r ? 0 : -1;
}
static int slot_contains(pv o, pv v)
{
    int found;
    pv r = call_lookup(o, py_id___contains__, &v, 1, &found);
    if (!found) {
        pv it = py_iter(o);
        if (!it)
            return -1;
        pv x;
        while ((x = py_next(it))) {
            int e = py_eq(x, v);
            if (e)
                return e;
        }
        return py_cur->exc ? -1 : 0;
    }
    return r ? py_truth(r) : -1;
}
static int slot_truth(pv o)
{
    int found;
    pv r = call_lookup(o, py_id___bool__, NULL, 0, &found);
    if (found) {
        if (!r)
            return -1;
        if (r != py_True && r != py_False) {
            py_raise(py_exc_TypeError, "__bool__ should return bool, returned %s", py_tname(r));
            return -1;
        }
        return r == py_True;
    }
    r = call_lookup(o, py_id___len__, NULL, 0, &found);
    if (found) {
        if (!r)
            return -1;
        return py_truth(r);
    }
    return 1;
}
static pv slot_neg(pv o) { return slot_call(o, py_id___neg__, NULL, 0); }
static pv slot_pos(pv o) { return slot_call(o, py_id___pos__, NULL, 0); }
static pv slot_invert(pv o) { return slot_call(o, py_id___invert__, NULL, 0); }
static pv slot_abs(pv o) { return slot_call(o, py_id___abs__, NULL, 0); }

static pv const *nb_ids[PY_NB_COUNT][2] = {
    {&py_id___add__, &py_id___radd__}, {&py_id___sub__, &py_id___rsub__},
    {&py_id___mul__, &py_id___rmul__}, {&py_id___truediv__, &py_id___rtruediv__},
    {&py_id___floordiv__, &py_id___rfloordiv__}, {&py_id___mod__, &py_id___rmod__},
    {&py_id___pow__, &py_id___rpow__}, {&py_id___lshift__, &py_id___rlshift__},
    {&py_id___rshift__, &py_id___rrshift__}, {&py_id___and__, &py_id___rand__},
    {&py_id___or__, &py_id___ror__}, {&py_id___xor__, &py_id___rxor__},
    {&py_id___matmul__, &py_id___rmatmul__}};

static pv slot_binop(int op, pv a, pv b)
{
    py_type *ta = py_typeof(a), *tb = py_typeof(b);
    int found;
    if ((ta->flags & PY_TF_HEAP) && ta->nb[op]) {
        pv r = call_lookup(a, *nb_ids[op][0], &b, 1, &found);
        if (found && r != py_NotImplemented)
            return r;
        /* a builtin base (e.g. int subclass) may still handle it */
        if (!found && ta->base && !(ta->base->flags & PY_TF_HEAP) && ta->base->nb[op]) {
            py_type *bt = ta;
            while (bt->flags & PY_TF_HEAP)
                bt = bt->base;
            if (bt->nb[op]) {
                r = bt->nb[op](a, b);
                if (r != py_NotImplemented)
                    return r;
            }
        }
    }
    if ((tb->flags & PY_TF_HEAP) && tb != ta) {
        pv r = call_lookup(b, *nb_ids[op][1], &a, 1, &found);
        if (found)
            return r;
    } else if (tb == ta && (tb->flags & PY_TF_HEAP) && a != b) {
        /* same class: CPython does not try the reflected method */
    }
    return py_NotImplemented;
}
#define SLOT_NB(i, n) static pv slot_nb_##n(pv a, pv b) { return slot_binop(i, a, b); }
SLOT_NB(0, add) SLOT_NB(1, sub) SLOT_NB(2, mul) SLOT_NB(3, truediv) SLOT_NB(4, floordiv)
SLOT_NB(5, mod) SLOT_NB(6, pow) SLOT_NB(7, lshift) SLOT_NB(8, rshift) SLOT_NB(9, and)
SLOT_NB(10, or) SLOT_NB(11, xor) SLOT_NB(12, matmul)
static py_binfn slot_nb[PY_NB_COUNT] = {slot_nb_add, slot_nb_sub, slot_nb_mul, slot_nb_truediv,
    slot_nb_floordiv, slot_nb_mod, slot_nb_pow, slot_nb_lshift, slot_nb_rshift, slot_nb_and,
    slot_nb_or, slot_nb_xor, slot_nb_matmul};

/* Is the first class in t's MRO that defines name a class (not a builtin)?
   A builtin that lacks the name (int has no __str__) does not stop the walk:
   class IE(int, Mixin) takes Mixin.__str__, as in CPython. */
static int user_defines(py_type *t, pv name)
{
    if (t->mro) {
        py_tuple *m = PY_TUPLE(t->mro);
        for (size_t i = 0; i < m->n; i++) {
            py_type *c = (py_type *)m->items[i];
            if (c->dict && py_dict_get(c->dict, name))
                return (c->flags & PY_TF_HEAP) != 0;
        }
        return 0;
    }
    for (py_type *c = t; c; c = c->base) {
        if (!(c->flags & PY_TF_HEAP))
            return 0;
        if (c->dict && py_dict_get(c->dict, name))
            return 1;
    }
    return 0;
}

void py_type_fix_slots(py_type *t)
{
    py_type *b = t->base;
#define FIX(slot, fn, id) t->slot = user_defines(t, py_id_##id) ? fn : b->slot;
    FIX(repr, slot_repr, __repr__)
    FIX(str, slot_str, __str__)
    FIX(richcmp, slot_richcmp, __eq__)
    if (t->richcmp != slot_richcmp &&
        (user_defines(t, py_id___lt__) || user_defines(t, py_id___le__) ||
         user_defines(t, py_id___gt__) || user_defines(t, py_id___ge__) ||
         user_defines(t, py_id___ne__)))
        t->richcmp = slot_richcmp;
    FIX(iter, slot_iter, __iter__)
    FIX(next, slot_next, __next__)
    FIX(call, slot_tcall, __call__)
    FIX(len, slot_len, __len__)
    FIX(getitem, slot_getitem, __getitem__)
    FIX(contains, slot_contains, __contains__)
    FIX(neg, slot_neg, __neg__)
    FIX(pos, slot_pos, __pos__)
    FIX(invert, slot_invert, __invert__)
    FIX(absf, slot_abs, __abs__)
    FIX(getattr, slot_getattr_fn, __getattribute__)
#undef FIX
    t->setitem = (user_defines(t, py_id___setitem__) || user_defines(t, py_id___delitem__))
                     ? slot_setitem : b->setitem;
    t->setattr = (user_defines(t, py_id___setattr__) || user_defines(t, py_id___delattr__))
                     ? slot_setattr : b->setattr;
    t->truth = (user_defines(t, py_id___bool__) || user_defines(t, py_id___len__)) ? slot_truth
                                                                                  : b->truth;
    pv h = py_dict_get(t->dict, py_id___hash__);
    if (h == py_None)
        t->hash = NULL;
    else if (user_defines(t, py_id___hash__))
        t->hash = slot_hash;
    else if (user_defines(t, py_id___eq__))
        t->hash = NULL; /* defining __eq__ without __hash__ makes instances unhashable */
    else
        t->hash = b->hash;
    for (int i = 0; i < PY_NB_COUNT; i++)
        t->nb[i] = (user_defines(t, *nb_ids[i][0]) || user_defines(t, *nb_ids[i][1]))
                       ? slot_nb[i] : b->nb[i];
    if (user_defines(t, py_id___getattr__))
        t->flags |= PY_TF_HAS_GETATTR;
    else if (b->flags & PY_TF_HAS_GETATTR)
        t->flags |= PY_TF_HAS_GETATTR;
}

/* ---------------- the `type` type ---------------- */

static pv type_repr(pv o)
{
    py_type *t = (py_type *)o;
    if (t->module && PY_ISSTR(t->module) && strcmp(py_cstr(t->module), "builtins"))
        return py_str_fmt("<class '%s.%s'>", py_cstr(t->module), t->name);
    return py_str_fmt("<class '%s'>", t->name);
}

static pv slot_new_call(py_type *t, pv *args, size_t n, pv kw)
{
    pv nw = py_type_lookup(t, py_id___new__);
    if (PY_IS(nw, staticmethod))
        nw = ((py_wrapper *)nw)->f;
    size_t nk = PY_NKW(kw);
    pv *buf = py_alloc((n + nk + 1) * sizeof(pv));
    buf[0] = (pv)t;
    py_copy(buf + 1, args, (n + nk) * sizeof(pv));
    return py_call(nw, buf, n + 1, kw);
}

static pv object_init_fn;

static pv type_call(pv o, pv *args, size_t n, pv kw)
{
    py_type *t = (py_type *)o;
    if (t == &py_type_type && n == 1 && !kw)
        return (pv)py_typeof(args[0]);
    if (!t->tp_new)
        return py_raise(py_exc_TypeError, "cannot create '%s' instances", t->name);
    pv obj = t->tp_new(t, args, n, kw);
    if (!obj || !(t->flags & PY_TF_HEAP) || !py_isinst(obj, t))
        return obj;
    pv init = py_type_lookup(t, py_id___init__);
    if (!init || init == object_init_fn)
        return obj;
    pv r;
    if (PY_IS(init, func)) {
        size_t nk = PY_NKW(kw);
        pv sbuf[8];
        pv *buf = n + nk + 1 <= 8 ? sbuf : py_alloc((n + nk + 1) * sizeof(pv));
        buf[0] = obj;
        py_copy(buf + 1, args, (n + nk) * sizeof(pv));
        r = py_call_func(init, buf, n + 1, kw);
    } else {
        pv b = py_bind(init, obj, t);
        r = b ? py_call(b, args, n, kw) : NULL;
    }
    if (!r)
        return NULL;
    if (r != py_None)
        return py_raise(py_exc_TypeError, "__init__() should return None, not '%s'", py_tname(r));
    return obj;
}

static pv type_getattr(pv o, pv name)
{
    py_type *t = (py_type *)o;
    /* metaclass data descriptors first (e.g. __name__) */
    pv meta = py_type_lookup(py_typeof(o), name);
    if (meta && PY_IS(meta, property))
        return py_bind(meta, o, py_typeof(o));
    pv d = py_type_lookup(t, name);
    if (d) {
        if (PY_ISSMALL(d))
            return d;
        if (d->type == &py_func_type || d->type == &py_property_type)
            return d;
        if (d->type == &py_cfunc_type && ((py_cfunc *)d)->is_method == 1)
            return d;
        return py_bind(d, NULL, t);
    }
    if (name == py_id___name__)
        return py_str_c(t->name);
    if (name == py_id___qualname__)
        return py_str_c(t->name);
    if (name == py_id___mro__)
        return t->mro;
    if (name == py_id___dict__)
        return t->dict;
    if (name == py_id___base__)
        return t->base ? (pv)t->base : py_None;
    if (name == py_id___bases__)
        return t->bases ? t->bases : t->base ? py_tuple_pack(1, (pv)t->base) : py_tuple_new(0);
    if (name == py_id___module__)
        return t->module ? t->module : py_str_c("builtins");
    if (name == py_id___class__)
        return (pv)py_typeof(o);
    if (name == py_id___doc__)
        return py_None;
    if (meta)
        return py_bind(meta, o, py_typeof(o));
    return NULL;
}

static int type_setattr(pv o, pv name, pv v)
{
    py_type *t = (py_type *)o;
    if (!(t->flags & PY_TF_HEAP)) {
        py_raise(py_exc_TypeError, "cannot set '%s' attribute of immutable type '%s'",
                 py_cstr(name), t->name);
        return -1;
    }
    int r = v ? py_dict_set(t->dict, name, v) : py_dict_del(t->dict, name);
    __atomic_add_fetch(&py_type_epoch, 1, __ATOMIC_RELEASE);
    const char *s = py_cstr(name);
    if (s[0] == '_' && s[1] == '_')
        py_type_fix_slots(t);
    return r;
}

static pv type_new(py_type *meta, pv *args, size_t n, pv kw)
{
    if (n == 1)
        return (pv)py_typeof(args[0]);
    if (n != 3)
        return py_raise(py_exc_TypeError, "type() takes 1 or 3 arguments");
    if (!PY_ISSTR(args[0]) || !PY_ISTUPLE(args[1]) || !PY_ISDICT(args[2]))
        return py_raise(py_exc_TypeError, "type.__new__() argument types must be str, tuple, dict");
    pv t = py_type_new_heap(py_cstr(args[0]), args[1], args[2]);
    if (t && meta != &py_type_type)
        t->type = meta;
    return t;
}

static intptr_t ptr_hash(pv o)
{
    uintptr_t y = (uintptr_t)o;
    y = (y >> 4) | (y << (8 * sizeof(y) - 4));
    return (intptr_t)y == -1 ? -2 : (intptr_t)y;
}

static pv type_richcmp(pv a, pv b, int op)
{
    if (op == PY_EQ)
        return PY_BOOL(a == b);
    if (op == PY_NE)
        return PY_BOOL(a != b);
    return py_NotImplemented;
}

static pv type_mro_m(pv self, pv *a, size_t n, pv kw) { return py_to_list(((py_type *)self)->mro); }
static pv type_subclasses(pv self, pv *a, size_t n, pv kw) { return py_list_new(0); }

static pv binop_or_type(pv a, pv b)
{
    /* int | str in annotations: return a tuple-like marker (accepted, unused) */
    if ((PY_ISTYPE(a) || a == py_None) && (PY_ISTYPE(b) || b == py_None))
        return py_tuple_pack(2, a, b);
    return py_NotImplemented;
}

py_type py_type_type = {
    .name = "type", .basicsize = sizeof(py_type), .repr = type_repr, .call = type_call,
    .getattr = type_getattr, .setattr = type_setattr, .tp_new = type_new, .hash = ptr_hash,
    .richcmp = type_richcmp, .flags = PY_TF_BASETYPE, .nb = {[PY_NB_OR] = binop_or_type}};

/* ---------------- `object` ---------------- */

static pv object_repr(pv o)
{
    py_type *t = py_typeof(o);
    if (t->module && PY_ISSTR(t->module) && strcmp(py_cstr(t->module), "builtins"))
        return py_str_fmt("<%s.%s object at %p>", py_cstr(t->module), t->name, (void *)o);
    return py_str_fmt("<%s object at %p>", t->name, (void *)o);
}

pv py_object_new(py_type *t, pv *args, size_t n, pv kw)
{
    if ((n || PY_NKW(kw)) && !(t->flags & PY_TF_HEAP))
        return py_raise(py_exc_TypeError, "object() takes no arguments");
    if ((n || PY_NKW(kw)) && py_type_lookup(t, py_id___init__) == object_init_fn)
        return py_raise(py_exc_TypeError, "%s() takes no arguments", t->name);
    pv o = py_new(t, t->basicsize);
    return o;
}

static pv object_new_m(pv self, pv *args, size_t n, pv kw)
{
    if (n < 1 || !PY_ISTYPE(args[0]))
        return py_raise(py_exc_TypeError, "object.__new__(X): X is not a type object");
    py_type *t = (py_type *)args[0];
    py_type *b = t;
    while (b->flags & PY_TF_HEAP)
        b = b->base;
    if (b == &py_object_type)
        return py_new(t, t->basicsize);
    return b->tp_new(t, args + 1, n - 1, kw);
}

static pv object_init_m(pv self, pv *args, size_t n, pv kw) { return py_None; }
static pv object_eq_m(pv self, pv *args, size_t n, pv kw)
{
    return n == 1 && self == args[0] ? py_True : py_NotImplemented;
}
static pv object_ne_m(pv self, pv *args, size_t n, pv kw)
{
    if (n != 1)
        return py_NotImplemented;
    int r = py_eq(self, args[0]);
    return r < 0 ? NULL : PY_BOOL(!r);
}
static pv object_hash_m(pv self, pv *args, size_t n, pv kw) { return PY_MKSMALL(ptr_hash(self) >> 2); }
static pv object_repr_m(pv self, pv *args, size_t n, pv kw) { return object_repr(self); }
static pv object_str_m(pv self, pv *args, size_t n, pv kw) { return py_repr(self); }
static pv object_setattr_m(pv self, pv *args, size_t n, pv kw)
{
    if (n != 2)
        return py_raise(py_exc_TypeError, "__setattr__ expected 2 arguments");
    return py_generic_setattr(self, args[0], args[1]) < 0 ? NULL : py_None;
}
static pv object_delattr_m(pv self, pv *args, size_t n, pv kw)
{
    if (n != 1)
        return py_raise(py_exc_TypeError, "__delattr__ expected 1 argument");
    return py_generic_setattr(self, args[0], NULL) < 0 ? NULL : py_None;
}
static pv object_getattribute_m(pv self, pv *args, size_t n, pv kw)
{
    if (n != 1 || !PY_ISSTR(args[0]))
        return py_raise(py_exc_TypeError, "__getattribute__ expected a str");
    pv v = py_generic_getattr(self, args[0]);
    if (!v && !py_cur->exc)
        return attr_error(self, args[0]);
    return v;
}
static pv object_format_m(pv self, pv *args, size_t n, pv kw)
{
    if (n == 1 && PY_ISSTR(args[0]) && py_slen(args[0]))
        return py_raise(py_exc_TypeError, "unsupported format string passed to %s.__format__",
                        py_tname(self));
    return py_str_of(self);
}
static pv object_init_subclass(pv self, pv *args, size_t n, pv kw) { return py_None; }
static pv object_dir_m(pv self, pv *args, size_t n, pv kw) { return py_list_new(0); }
static pv object_reduce_m(pv self, pv *args, size_t n, pv kw) { return py_None; }

py_type py_object_type = {
    .name = "object", .basicsize = sizeof(py_inst), .repr = object_repr, .hash = ptr_hash,
    .tp_new = py_object_new, .flags = PY_TF_BASETYPE};

/* ---------------- None, NotImplemented, Ellipsis, bool ---------------- */

static pv none_repr(pv o) { return py_str_c("None"); }
static intptr_t none_hash(pv o) { return 0xFCA86420; }
static int none_truth(pv o) { return 0; }
static pv none_new(py_type *t, pv *a, size_t n, pv kw) { return py_None; }
py_type py_none_type = {.name = "NoneType", .basicsize = sizeof(py_obj), .repr = none_repr,
                        .hash = none_hash, .truth = none_truth, .tp_new = none_new};
static pv notimpl_repr(pv o) { return py_str_c("NotImplemented"); }
py_type py_notimpl_type = {.name = "NotImplementedType", .basicsize = sizeof(py_obj),
                           .repr = notimpl_repr, .hash = ptr_hash};
static pv ellipsis_repr(pv o) { return py_str_c("Ellipsis"); }
py_type py_ellipsis_type = {.name = "ellipsis", .basicsize = sizeof(py_obj),
                            .repr = ellipsis_repr, .hash = ptr_hash};

py_obj py_None_obj = {&py_none_type, FB_LOCK_INIT, 0};
py_obj py_NotImplemented_obj = {&py_notimpl_type, FB_LOCK_INIT, 0};
py_obj py_Ellipsis_obj = {&py_ellipsis_type, FB_LOCK_INIT, 0};
py_obj py_True_obj = {&py_bool_type, FB_LOCK_INIT, 1};
py_obj py_False_obj = {&py_bool_type, FB_LOCK_INIT, 0};

static pv bool_repr(pv o) { return py_str_c(o == py_True ? "True" : "False"); }
static pv bool_new(py_type *t, pv *a, size_t n, pv kw)
{
    if (n == 0)
        return py_False;
    if (n > 1)
        return py_raise(py_exc_TypeError, "bool expected at most 1 argument, got %zu", n);
    int r = py_truth(a[0]);
    return r < 0 ? NULL : PY_BOOL(r);
}
static pv bool_and(pv a, pv b)
{
    if (PY_IS(a, bool) && PY_IS(b, bool))
        return PY_BOOL(a == py_True && b == py_True);
    return py_int_binop(PY_NB_AND, a, b);
}
static pv bool_or(pv a, pv b)
{
    if (PY_IS(a, bool) && PY_IS(b, bool))
        return PY_BOOL(a == py_True || b == py_True);
    return py_int_binop(PY_NB_OR, a, b);
}
static pv bool_xor(pv a, pv b)
{
    if (PY_IS(a, bool) && PY_IS(b, bool))
        return PY_BOOL(a != b);
    return py_int_binop(PY_NB_XOR, a, b);
}
py_type py_bool_type = {.name = "bool", .basicsize = sizeof(py_obj), .repr = bool_repr,
                        .tp_new = bool_new,
                        .nb = {[PY_NB_AND] = bool_and, [PY_NB_OR] = bool_or, [PY_NB_XOR] = bool_xor}};

/* ---------------- dunder methods of built-in types ----------------
 * `int.__add__`, `"x".__len__()`, `super().__eq__(o)` on built-in bases:
 * method descriptors that call the C slots. The slot is taken from the
 * nearest built-in type of self (a subclass's own slot would dispatch back
 * to the Python method). */

static py_type *builtin_base(pv self)
{
    py_type *t = py_typeof(self);
    while (t->flags & PY_TF_HEAP)
        t = t->base;
    return t;
}

static int want_args(size_t n, size_t k, const char *name)
{
    if (n == k)
        return 0;
    py_raise(py_exc_TypeError, "expected %zu argument%s, got %zu (%s)", k, k == 1 ? "" : "s", n, name);
    return -1;
}

static pv w_repr(pv s, pv *a, size_t n, pv kw) { return builtin_base(s)->repr(s); }
static pv w_str(pv s, pv *a, size_t n, pv kw)
{
    py_type *t = builtin_base(s);
    return t->str ? t->str(s) : t->repr(s);
}
static pv w_hash(pv s, pv *a, size_t n, pv kw)
{
    intptr_t h = builtin_base(s)->hash(s);
    return h == -1 && py_cur->exc ? NULL : py_int_from_i64(h);
}
static pv w_len(pv s, pv *a, size_t n, pv kw)
{
    intptr_t l = builtin_base(s)->len(s);
    return l < 0 ? NULL : PY_MKSMALL(l);
}
static pv w_iter(pv s, pv *a, size_t n, pv kw) { return builtin_base(s)->iter(s); }
static pv w_next(pv s, pv *a, size_t n, pv kw)
{
    pv v = builtin_base(s)->next(s);
    if (!v && !py_cur->exc)
        return py_raise_obj(py_exc_new(py_exc_StopIteration, NULL, 0));
    return v;
}
static pv w_bool(pv s, pv *a, size_t n, pv kw)
{
    int r = builtin_base(s)->truth(s);
    return r < 0 ? NULL : PY_BOOL(r);
}
static pv w_neg(pv s, pv *a, size_t n, pv kw) { return builtin_base(s)->neg(s); }
static pv w_pos(pv s, pv *a, size_t n, pv kw) { return builtin_base(s)->pos(s); }
static pv w_abs(pv s, pv *a, size_t n, pv kw) { return builtin_base(s)->absf(s); }
static pv w_invert(pv s, pv *a, size_t n, pv kw) { return builtin_base(s)->invert(s); }
static pv w_getitem(pv s, pv *a, size_t n, pv kw)
{
    return want_args(n, 1, "__getitem__") < 0 ? NULL : builtin_base(s)->getitem(s, a[0]);
}
static pv w_setitem(pv s, pv *a, size_t n, pv kw)
{
    if (want_args(n, 2, "__setitem__") < 0)
        return NULL;
    return builtin_base(s)->setitem(s, a[0], a[1]) < 0 ? NULL : py_None;
}
static pv w_delitem(pv s, pv *a, size_t n, pv kw)
{
    if (want_args(n, 1, "__delitem__") < 0)
        return NULL;
    return builtin_base(s)->setitem(s, a[0], NULL) < 0 ? NULL : py_None;
}
static pv w_contains(pv s, pv *a, size_t n, pv kw)
{
    if (want_args(n, 1, "__contains__") < 0)
        return NULL;
    int r = builtin_base(s)->contains(s, a[0]);
    return r < 0 ? NULL : PY_BOOL(r);
}
static pv w_call(pv s, pv *a, size_t n, pv kw) { return builtin_base(s)->call(s, a, n, kw); }
#define W_CMP(nm, op)                                                          \
    static pv w_##nm(pv s, pv *a, size_t n, pv kw)                             \
    {                                                                          \
        if (want_args(n, 1, "__" #nm "__") < 0)                                \
            return NULL;                                                       \
        return builtin_base(s)->richcmp(s, a[0], op);                          \
    }
W_CMP(lt, PY_LT) W_CMP(le, PY_LE) W_CMP(eq, PY_EQ) W_CMP(ne, PY_NE) W_CMP(gt, PY_GT) W_CMP(ge, PY_GE)
#define W_NB(nm, op)                                                           \
    static pv w_##nm(pv s, pv *a, size_t n, pv kw)                             \
    {                                                                          \
        if (want_args(n, 1, "__" #nm "__") < 0)                                \
            return NULL;                                                       \
        return builtin_base(s)->nb[op](s, a[0]);                               \
    }                                                                          \
    static pv w_r##nm(pv s, pv *a, size_t n, pv kw)                            \
    {                                                                          \
        if (want_args(n, 1, "__r" #nm "__") < 0)                               \
            return NULL;                                                       \
        return builtin_base(s)->nb[op](a[0], s);                               \
    }
W_NB(add, PY_NB_ADD) W_NB(sub, PY_NB_SUB) W_NB(mul, PY_NB_MUL) W_NB(truediv, PY_NB_TRUEDIV)
W_NB(floordiv, PY_NB_FLOORDIV) W_NB(mod, PY_NB_MOD) W_NB(pow, PY_NB_POW)
W_NB(lshift, PY_NB_LSHIFT) W_NB(rshift, PY_NB_RSHIFT) W_NB(and, PY_NB_AND) W_NB(or, PY_NB_OR)
W_NB(xor, PY_NB_XOR) W_NB(matmul, PY_NB_MATMUL)

static void add_wrapper(py_type *t, const char *name, py_cfn fn)
{
    pv k = py_intern(name);
    if (!py_dict_get(t->dict, k))
        py_add_method(t, name, fn);
}

static void install_wrappers(py_type *t)
{
    if (t == &py_object_type || (t->flags & PY_TF_HEAP))
        return;
    if (t->repr) add_wrapper(t, "__repr__", w_repr);
    if (t->str) add_wrapper(t, "__str__", w_str);
    if (t->hash) add_wrapper(t, "__hash__", w_hash);
    else if (!py_dict_get(t->dict, py_intern("__hash__")))
        py_dict_set(t->dict, py_intern("__hash__"), py_None);
    if (t->len) add_wrapper(t, "__len__", w_len);
    if (t->iter) add_wrapper(t, "__iter__", w_iter);
    if (t->next) add_wrapper(t, "__next__", w_next);
    if (t->truth) add_wrapper(t, "__bool__", w_bool);
    if (t->neg) add_wrapper(t, "__neg__", w_neg);
    if (t->pos) add_wrapper(t, "__pos__", w_pos);
    if (t->absf) add_wrapper(t, "__abs__", w_abs);
    if (t->invert) add_wrapper(t, "__invert__", w_invert);
    if (t->getitem) add_wrapper(t, "__getitem__", w_getitem);
    if (t->setitem) {
        add_wrapper(t, "__setitem__", w_setitem);
        add_wrapper(t, "__delitem__", w_delitem);
    }
    if (t->contains) add_wrapper(t, "__contains__", w_contains);
    if (t->call) add_wrapper(t, "__call__", w_call);
    if (t->richcmp) {
        add_wrapper(t, "__lt__", w_lt);
        add_wrapper(t, "__le__", w_le);
        add_wrapper(t, "__eq__", w_eq);
        add_wrapper(t, "__ne__", w_ne);
        add_wrapper(t, "__gt__", w_gt);
        add_wrapper(t, "__ge__", w_ge);
    }
    static const struct { const char *n, *rn; py_cfn f, rf; } nbw[PY_NB_COUNT] = {
        {"__add__", "__radd__", w_add, w_radd}, {"__sub__", "__rsub__", w_sub, w_rsub},
        {"__mul__", "__rmul__", w_mul, w_rmul}, {"__truediv__", "__rtruediv__", w_truediv, w_rtruediv},
        {"__floordiv__", "__rfloordiv__", w_floordiv, w_rfloordiv}, {"__mod__", "__rmod__", w_mod, w_rmod},
        {"__pow__", "__rpow__", w_pow, w_rpow}, {"__lshift__", "__rlshift__", w_lshift, w_rlshift},
        {"__rshift__", "__rrshift__", w_rshift, w_rrshift}, {"__and__", "__rand__", w_and, w_rand},
        {"__or__", "__ror__", w_or, w_ror}, {"__xor__", "__rxor__", w_xor, w_rxor},
        {"__matmul__", "__rmatmul__", w_matmul, w_rmatmul}};
    for (int i = 0; i < PY_NB_COUNT; i++)
        if (t->nb[i]) {
            add_wrapper(t, nbw[i].n, nbw[i].f);
            add_wrapper(t, nbw[i].rn, nbw[i].rf);
        }
}

/* ---------------- heap types ---------------- */

static pv compute_mro(py_type *t)
{
    size_t n = 0;
    for (py_type *c = t; c; c = c->base)
        n++;
    pv m = py_tuple_new(n);
    size_t i = 0;
    for (py_type *c = t; c; c = c->base)
        PY_TUPLE(m)->items[i++] = (pv)c;
    return m;
}

void py_type_ready(py_type *t)
{
    t->ob.type = &py_type_type;
    if (!t->base && t != &py_object_type)
        t->base = &py_object_type;
    if (!t->dict)
        t->dict = py_dict_new();
    t->mro = compute_mro(t);
    if (!t->module)
        t->module = py_intern("builtins");
    py_type *b = t->base;
    if (!b)
        return;
    int own_cmp = t->richcmp != NULL;
#define INH(f) if (!t->f) t->f = b->f;
    INH(repr) INH(str) INH(richcmp) INH(getattr) INH(setattr) INH(truth)
    INH(iter) INH(next) INH(call) INH(len) INH(getitem) INH(setitem) INH(contains)
    INH(neg) INH(pos) INH(invert) INH(absf) INH(tp_new)
    for (int i = 0; i < PY_NB_COUNT; i++)
        INH(nb[i])
    if (!t->hash && !own_cmp)
        t->hash = b->hash;
    if (!t->dictoffset)
        t->dictoffset = b->dictoffset;
    if (!t->basicsize)
        t->basicsize = b->basicsize;
#undef INH
    if (py_id___repr__)
        install_wrappers(t);
}

py_type *py_type_make(const char *name, py_type *base, size_t size)
{
    py_type *t = GC_MALLOC(sizeof(py_type));
    if (!t)
        py_die("out of memory");
    if (base)
        *t = *base;
    t->name = name;
    t->base = base;
    t->basicsize = size ? size : base->basicsize;
    t->dict = NULL;
    t->mro = NULL;
    t->module = NULL;
    py_type_ready(t);
    return t;
}

static int check_base(pv b)
{
    if (!PY_ISTYPE(b)) {
        py_raise(py_exc_TypeError, "bases must be types");
        return -1;
    }
    py_type *bt = (py_type *)b;
    if (!(bt->flags & (PY_TF_BASETYPE | PY_TF_HEAP | PY_TF_EXC))) {
        py_raise(py_exc_TypeError, "type '%s' is not an acceptable base type", bt->name);
        return -1;
    }
    return 0;
}

/* C3 linearization of t with the given bases (CPython's MRO). */
static pv c3_mro(py_type *t, pv bases)
{
    py_tuple *b = PY_TUPLE(bases);
    size_t nl = b->n + 1;
    pv *seqs = py_alloc(nl * sizeof(pv));
    size_t *heads = py_alloc(nl * sizeof(size_t));
    for (size_t i = 0; i < b->n; i++)
        seqs[i] = ((py_type *)b->items[i])->mro;
    seqs[b->n] = bases;
    pv out = py_list_new(0);
    py_list_append(out, (pv)t);
    for (;;) {
        pv cand = NULL;
        int any = 0;
        for (size_t i = 0; i < nl && !cand; i++) {
            if (heads[i] >= PY_TUPLE(seqs[i])->n)
                continue;
            any = 1;
            pv c = PY_TUPLE(seqs[i])->items[heads[i]];
            int in_tail = 0;
            for (size_t j = 0; j < nl && !in_tail; j++)
                for (size_t k = heads[j] + 1; k < PY_TUPLE(seqs[j])->n; k++)
                    if (PY_TUPLE(seqs[j])->items[k] == c)
                        in_tail = 1;
            if (!in_tail)
                cand = c;
        }
        if (!any)
            break;
        if (!cand) {
            py_sb sb = {0};
            for (size_t i = 0; i < b->n; i++) {
                if (i)
                    py_sb_adds(&sb, ", ");
                py_sb_adds(&sb, ((py_type *)b->items[i])->name);
            }
            pv names = py_sb_finish(&sb);
            return py_raise(py_exc_TypeError,
                            "Cannot create a consistent method resolution order (MRO) for bases %s", py_cstr(names));
        }
        py_list_append(out, cand);
        for (size_t i = 0; i < nl; i++)
            if (heads[i] < PY_TUPLE(seqs[i])->n && PY_TUPLE(seqs[i])->items[heads[i]] == cand)
                heads[i]++;
    }
    return py_tuple_from(PY_LIST(out)->items, PY_LIST(out)->n);
}

pv py_type_new_heap(const char *name, pv bases, pv dict)
{
    py_type *base = &py_object_type;
    if (bases && PY_TUPLE(bases)->n) {
        /* the layout comes from the base with the largest instances (the
         * built-in "solid base"); ties go to the first */
        for (size_t i = 0; i < PY_TUPLE(bases)->n; i++) {
            if (check_base(PY_TUPLE(bases)->items[i]) < 0)
                return NULL;
            py_type *bi = (py_type *)PY_TUPLE(bases)->items[i];
            if (i == 0 || bi->basicsize > base->basicsize)
                base = bi;
        }
    } else
        bases = py_tuple_pack(1, (pv)&py_object_type);
    py_type *t = GC_MALLOC(sizeof(py_type));
    if (!t)
        return py_raise_nomem();
    *t = *base;
    t->ob.type = base->ob.type ? base->ob.type : &py_type_type;
    t->name = GC_STRDUP(name);
    t->base = base;
    t->flags = PY_TF_HEAP | (base->flags & PY_TF_EXC);
    t->dict = py_dict_copy(dict);
    t->module = py_dict_get(dict, py_id___module__);
    t->slots_names = NULL;
    pv slots = py_dict_get(t->dict, py_id___slots__);
    if (slots && (base == &py_object_type || ((base->flags & PY_TF_HEAP) && !base->dictoffset &&
                                              base->tp_new == py_object_new))) {
        if (setup_slots(t, base, slots) < 0)
            return NULL;
    } else if (!t->dictoffset) {
        if (base == &py_object_type || base->basicsize == sizeof(py_obj)) {
            t->basicsize = sizeof(py_inst);
            t->dictoffset = offsetof(py_inst, dict);
        } else if (((base->flags & PY_TF_HEAP) && !var_sized_base(base)) || base == &py_int_type ||
                   base == &py_float_type) {
            /* a dict after a fixed-size layout (tuple and str are variable-size: none) */
            t->dictoffset = base->basicsize;
            t->basicsize = base->basicsize + sizeof(pv);
        }
    }
    t->bases = bases;
    __atomic_add_fetch(&py_type_epoch, 1, __ATOMIC_RELEASE); /* invalidates cached lookups of a reused address */
    t->mro = c3_mro(t, bases);
    if (!t->mro)
        return NULL;
    if (py_dict_get(t->dict, py_id___eq__) && !py_dict_get(t->dict, py_id___hash__))
        py_dict_set(t->dict, py_id___hash__, py_None); /* as CPython: __eq__ alone makes it unhashable */
    pv nw = py_dict_get(t->dict, py_id___new__);
    if (nw && PY_IS(nw, func)) {
        pv sm = py_new(&py_staticmethod_type, sizeof(py_wrapper));
        ((py_wrapper *)sm)->f = nw;
        py_dict_set(t->dict, py_id___new__, sm);
    }
    if (py_type_lookup(t, py_id___new__) && user_defines(t, py_id___new__))
        t->tp_new = slot_new_call;
    pv isc = py_dict_get(t->dict, py_id___init_subclass__);
    if (isc && PY_IS(isc, func)) {
        pv cm = py_new(&py_classmethod_type, sizeof(py_wrapper));
        ((py_wrapper *)cm)->f = isc;
        py_dict_set(t->dict, py_id___init_subclass__, cm);
    }
    pv cgi = py_dict_get(t->dict, py_id___class_getitem__); /* an implicit classmethod too */
    if (cgi && PY_IS(cgi, func)) {
        pv cm = py_new(&py_classmethod_type, sizeof(py_wrapper));
        ((py_wrapper *)cm)->f = cgi;
        py_dict_set(t->dict, py_id___class_getitem__, cm);
    }
    py_type_fix_slots(t);
    return (pv)t;
}

int py_check_type_call(pv t) { return PY_ISTYPE(t); }

void py_obj_init(void)
{
#define PY_MK_ID(n) py_id_##n = py_intern(#n);
    PY_IDS(PY_MK_ID)
    py_type *core[] = {&py_object_type, &py_type_type, &py_none_type, &py_notimpl_type,
                       &py_ellipsis_type, &py_member_type};
    for (size_t i = 0; i < sizeof core / sizeof *core; i++)
        py_type_ready(core[i]);
    py_bool_type.base = &py_int_type;
    install_wrappers(&py_str_type); /* readied before the identifiers existed */
    py_add_method(&py_object_type, "__init__", object_init_m);
    object_init_fn = py_dict_get(py_object_type.dict, py_id___init__);
    py_add_static(&py_object_type, "__new__", object_new_m);
    py_add_method(&py_object_type, "__eq__", object_eq_m);
    py_add_method(&py_object_type, "__ne__", object_ne_m);
    py_add_method(&py_object_type, "__hash__", object_hash_m);
    py_add_method(&py_object_type, "__repr__", object_repr_m);
    py_add_method(&py_object_type, "__str__", object_str_m);
    py_add_method(&py_object_type, "__setattr__", object_setattr_m);
    py_add_method(&py_object_type, "__delattr__", object_delattr_m);
    py_add_method(&py_object_type, "__getattribute__", object_getattribute_m);
    py_add_method(&py_object_type, "__format__", object_format_m);
    py_add_method(&py_object_type, "__dir__", object_dir_m);
    py_add_method(&py_object_type, "__reduce__", object_reduce_m);
    py_add_cls_method(&py_object_type, "__init_subclass__", object_init_subclass);
    py_add_method(&py_type_type, "mro", type_mro_m);
    py_add_method(&py_type_type, "__subclasses__", type_subclasses);
}
