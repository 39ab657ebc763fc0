/* py_mod_collections.c: collections.deque (ring buffer) and defaultdict in
 * C; the rest of collections is Python source (py_pysrc.c). A deque is a
 * shared mutable object: every operation holds its lock (PY_LOCK), so
 * append/popleft from several threads are atomic. */
#include "py_vm.h"
#include "py_lock.h"

typedef struct {
    py_obj ob;
    pv *buf;
    size_t cap, head, n;
    intptr_t maxlen; /* -1: unbounded */
    pv dict;
} py_deque;

static py_type deque_type, deque_iter_type;

#define DQ(o) ((py_deque *)(o))
#define AT(d, i) ((d)->buf[((d)->head + (i)) & ((d)->cap - 1)])

static int grow_locked(py_deque *d)
{
    if (d->n < d->cap)
        return 0;
    size_t nc = d->cap ? d->cap * 2 : 8;
    pv *nb = GC_MALLOC(nc * sizeof(pv));
    if (!nb) {
        py_raise_nomem();
        return -1;
    }
    for (size_t i = 0; i < d->n; i++)
        nb[i] = AT(d, i);
    d->buf = nb;
    d->cap = nc;
    d->head = 0;
    return 0;
}

static int push_right_locked(py_deque *d, pv v)
{
    if (d->maxlen == 0)
        return 0;
    if (d->maxlen > 0 && (intptr_t)d->n == d->maxlen) {
        d->head = (d->head + 1) & (d->cap - 1);
        d->n--;
    }
    if (grow_locked(d) < 0)
        return -1;
    AT(d, d->n) = v;
    d->n++;
    return 0;
}

static int push_left_locked(py_deque *d, pv v)
{
    if (d->maxlen == 0)
        return 0;
    if (d->maxlen > 0 && (intptr_t)d->n == d->maxlen)
        d->n--;
    if (grow_locked(d) < 0)
        return -1;
    d->head = (d->head - 1) & (d->cap - 1);
    d->buf[d->head] = v;
    d->n++;
    return 0;
}

static pv dq_append(pv s, pv *a, size_t n, pv kw)
{
    if (py_nargs("append", n, 1, 1) < 0)
        return NULL;
    PY_LOCK(s);
    int r = push_right_locked(DQ(s), a[0]);
    PY_UNLOCK(s);
    return r < 0 ? NULL : py_None;
}
static pv dq_appendleft(pv s, pv *a, size_t n, pv kw)
{
    if (py_nargs("appendleft", n, 1, 1) < 0)
        return NULL;
    PY_LOCK(s);
    int r = push_left_locked(DQ(s), a[0]);
    PY_UNLOCK(s);
    return r < 0 ? NULL : py_None;
}
static pv dq_pop(pv s, pv *a, size_t n, pv kw)
{
    py_deque *d = DQ(s);
    PY_LOCK(s);
    if (!d->n) {
        PY_UNLOCK(s);
        return py_raise(py_exc_IndexError, "pop from an empty deque");
    }
    pv v = AT(d, d->n - 1);
    d->n--;
    PY_UNLOCK(s);
    return v;
}
static pv dq_popleft(pv s, pv *a, size_t n, pv kw)
{
    py_deque *d = DQ(s);
    PY_LOCK(s);
    if (!d->n) {
        PY_UNLOCK(s);
        return py_raise(py_exc_IndexError, "pop from an empty deque");
    }
    pv v = d->buf[d->head];
    d->buf[d->head] = NULL;
    d->head = (d->head + 1) & (d->cap - 1);
    d->n--;
    PY_UNLOCK(s);
    return v;
}
static pv dq_extend(pv s, pv *a, size_t n, pv kw)
{
    pv l = py_to_list(a[0]);
    if (!l)
        return NULL;
    PY_LOCK(s);
    for (size_t i = 0; i < PY_LIST(l)->n; i++)
        push_right_locked(DQ(s), PY_LIST(l)->items[i]);
    PY_UNLOCK(s);
    return py_None;
}
static pv dq_extendleft(pv s, pv *a, size_t n, pv kw)
{
    pv l = py_to_list(a[0]);
    if (!l)
        return NULL;
    PY_LOCK(s);
    for (size_t i = 0; i < PY_LIST(l)->n; i++)
        push_left_locked(DQ(s), PY_LIST(l)->items[i]);
    PY_UNLOCK(s);
    return py_None;
}
static pv dq_clear(pv s, pv *a, size_t n, pv kw)
{
    PY_LOCK(s);
    DQ(s)->n = 0;
    DQ(s)->head = 0;
    DQ(s)->buf = NULL;
    DQ(s)->cap = 0;
    PY_UNLOCK(s);
    return py_None;
}
static pv dq_rotate(pv s, pv *a, size_t n, pv kw)
{
    py_deque *d = DQ(s);
    intptr_t k = 1;
    int err = 0;
    if (n)
        k = py_index(a[0], &err);
    if (err)
        return NULL;
    PY_LOCK(s);
    if (d->n) {
        k %= (intptr_t)d->n;
        if (k < 0)
            k += (intptr_t)d->n;
        for (intptr_t i = 0; i < k; i++) {
            pv v = AT(d, d->n - 1);
            d->n--;
            push_left_locked(d, v);
        }
    }
    PY_UNLOCK(s);
    return py_None;
}
static pv dq_count(pv s, pv *a, size_t n, pv kw)
{
    py_deque *d = DQ(s);
    intptr_t c = 0;
    for (size_t i = 0; i < d->n; i++) {
        int r = py_eq(AT(d, i), a[0]);
        if (r < 0)
            return NULL;
        c += r;
    }
    return PY_MKSMALL(c);
}
static pv dq_index(pv s, pv *a, size_t n, pv kw)
{
    py_deque *d = DQ(s);
    for (size_t i = 0; i < d->n; i++) {
        int r = py_eq(AT(d, i), a[0]);
        if (r < 0)
            return NULL;
        if (r)
            return PY_MKSMALL(i);
    }
    return py_raise(py_exc_ValueError, "deque.index(x): x not in deque");
}
static pv dq_remove(pv s, pv *a, size_t n, pv kw)
{
    py_deque *d = DQ(s);
    for (size_t i = 0; i < d->n; i++) {
        int r = py_eq(AT(d, i), a[0]);
        if (r < 0)
            return NULL;
        if (r) {
            PY_LOCK(s);
            for (size_t j = i; j + 1 < d->n; j++)
                AT(d, j) = AT(d, j + 1);
            d->n--;
            PY_UNLOCK(s);
            return py_None;
        }
    }
    return py_raise(py_exc_ValueError, "deque.remove(x): x not in deque");
}
static pv dq_reverse(pv s, pv *a, size_t n, pv kw)
{
    py_deque *d = DQ(s);
    PY_LOCK(s);
    for (size_t i = 0; i < d->n / 2; i++) {
        pv t = AT(d, i);
        AT(d, i) = AT(d, d->n - 1 - i);
        AT(d, d->n - 1 - i) = t;
    }
    PY_UNLOCK(s);
    return py_None;
}
static pv dq_insert(pv s, pv *a, size_t n, pv kw)
{
    if (py_nargs("insert", n, 2, 2) < 0)
        return NULL;
    py_deque *d = DQ(s);
    int err = 0;
    intptr_t i = py_index(a[0], &err);
    if (err)
        return NULL;
    if (i < 0)
        i += (intptr_t)d->n;
    if (i < 0)
        i = 0;
    if ((size_t)i > d->n)
        i = (intptr_t)d->n;
    PY_LOCK(s);
    if (push_right_locked(d, py_None) == 0) {
        for (size_t j = d->n - 1; j > (size_t)i; j--)
            AT(d, j) = AT(d, j - 1);
        AT(d, i) = a[1];
    }
    PY_UNLOCK(s);
    return py_None;
}
static pv dq_copy(pv s, pv *a, size_t n, pv kw);
static intptr_t dq_len(pv s) { return (intptr_t)DQ(s)->n; }
static pv dq_getitem(pv s, pv k)
{
    py_deque *d = DQ(s);
    int err = 0;
    intptr_t i = py_index(k, &err);
    if (err)
        return NULL;
    if (i < 0)
        i += (intptr_t)d->n;
    if (i < 0 || (size_t)i >= d->n)
        return py_raise(py_exc_IndexError, "deque index out of range");
    return AT(d, i);
}
static int dq_setitem(pv s, pv k, pv v)
{
    py_deque *d = DQ(s);
    int err = 0;
    intptr_t i = py_index(k, &err);
    if (err)
        return -1;
    if (i < 0)
        i += (intptr_t)d->n;
    if (i < 0 || (size_t)i >= d->n) {
        py_raise(py_exc_IndexError, "deque index out of range");
        return -1;
    }
    PY_LOCK(s);
    if (v)
        AT(d, i) = v;
    else {
        for (size_t j = (size_t)i; j + 1 < d->n; j++)
            AT(d, j) = AT(d, j + 1);
        d->n--;
    }
    PY_UNLOCK(s);
    return 0;
}
static int dq_contains(pv s, pv v)
{
    py_deque *d = DQ(s);
    for (size_t i = 0; i < d->n; i++) {
        int r = py_eq(AT(d, i), v);
        if (r)
            return r;
    }
    return 0;
}
static pv dq_repr(pv s)
{
    py_deque *d = DQ(s);
    if (py_repr_enter(s))
        return py_str_c("[...]");
    py_sb b = {0};
    py_sb_adds(&b, "deque([");
    for (size_t i = 0; i < d->n; i++) {
        if (i)
            py_sb_adds(&b, ", ");
        if (py_sb_addrepr(&b, AT(d, i)) < 0) {
            py_repr_leave(s);
            return NULL;
        }
    }
    py_sb_addc(&b, ']');
    if (d->maxlen >= 0) {
        char buf[48];
        snprintf(buf, sizeof buf, ", maxlen=%ld", (long)d->maxlen);
        py_sb_adds(&b, buf);
    }
    py_sb_addc(&b, ')');
    py_repr_leave(s);
    return py_sb_finish(&b);
}
static pv dq_richcmp(pv a, pv b, int op)
{
    if (!py_isinst(b, &deque_type))
        return py_NotImplemented;
    pv la = py_to_list(a), lb = py_to_list(b);
    return la && lb ? py_richcmp(la, lb, op) : NULL;
}

typedef struct { py_obj ob; pv d; size_t i; int rev; } dq_iter;
static pv dq_iter_new(pv s)
{
    dq_iter *it = (dq_iter *)py_new(&deque_iter_type, sizeof(dq_iter));
    it->d = s;
    return (pv)it;
}
static pv dq_iter_next(pv o)
{
    dq_iter *it = (dq_iter *)o;
    py_deque *d = DQ(it->d);
    if (it->i >= d->n)
        return NULL;
    size_t i = it->i++;
    return AT(d, it->rev ? d->n - 1 - i : i);
}
static pv self_iter(pv o) { return o; }
static pv dq_reversed(pv s, pv *a, size_t n, pv kw)
{
    dq_iter *it = (dq_iter *)dq_iter_new(s);
    it->rev = 1;
    return (pv)it;
}
static py_type deque_iter_type = {.name = "_deque_iterator", .basicsize = sizeof(dq_iter),
                                  .iter = self_iter, .next = dq_iter_next};

static pv dq_init(pv s, pv *a, size_t n, pv kw)
{
    py_deque *d = DQ(s);
    pv ml = n > 1 ? a[1] : py_kwarg(kw, a + n, "maxlen");
    d->maxlen = -1;
    if (ml && ml != py_None) {
        int err = 0;
        d->maxlen = py_index(ml, &err);
        if (err)
            return NULL;
        if (d->maxlen < 0)
            return py_raise(py_exc_ValueError, "maxlen must be non-negative");
    }
    pv src = n > 0 ? a[0] : py_kwarg(kw, a + n, "iterable");
    d->n = 0;
    if (src && src != py_None)
        return dq_extend(s, &src, 1, NULL);
    return py_None;
}
static pv dq_new_t(py_type *t, pv *a, size_t n, pv kw)
{
    py_deque *d = (py_deque *)py_new(t, sizeof(py_deque));
    d->maxlen = -1;
    if (t == &deque_type && !dq_init((pv)d, a, n, kw))
        return NULL;
    return (pv)d;
}
static pv dq_copy(pv s, pv *a, size_t n, pv kw)
{
    py_deque *d = DQ(s);
    pv args[2] = {py_to_list(s), d->maxlen >= 0 ? PY_MKSMALL(d->maxlen) : py_None};
    return dq_new_t(&deque_type, args, 2, NULL);
}
static pv dq_getattr(pv o, pv name)
{
    if (!strcmp(py_cstr(name), "maxlen"))
        return DQ(o)->maxlen >= 0 ? PY_MKSMALL(DQ(o)->maxlen) : py_None;
    return py_generic_getattr(o, name);
}
static pv dq_iadd(pv s, pv *a, size_t n, pv kw) { return dq_extend(s, a, 1, NULL) ? s : NULL; }
static int dq_truth(pv s) { return DQ(s)->n != 0; }

static py_type deque_type = {.name = "deque", .basicsize = sizeof(py_deque),
                             .dictoffset = offsetof(py_deque, dict), .tp_new = dq_new_t,
                             .len = dq_len, .getitem = dq_getitem, .setitem = dq_setitem,
                             .contains = dq_contains, .repr = dq_repr, .iter = dq_iter_new,
                             .richcmp = dq_richcmp, .getattr = dq_getattr, .truth = dq_truth,
                             .flags = PY_TF_BASETYPE};

/* ---------------- defaultdict ---------------- */

static py_type defaultdict_type;

static pv dd_new_t(py_type *t, pv *a, size_t n, pv kw)
{
    py_dict *d = (py_dict *)py_new(t, t->basicsize);
    extern pv py_dd_init(pv s, pv *a, size_t n, pv kw);
    if (t == &defaultdict_type && !py_dd_init((pv)d, a, n, kw))
        return NULL;
    return (pv)d;
}
pv py_dd_init(pv s, pv *a, size_t n, pv kw);
pv py_dd_init(pv s, pv *a, size_t n, pv kw)
{
    py_dict *d = (py_dict *)s;
    d->dflt = py_None;
    if (n > 0) {
        if (a[0] != py_None && !py_typeof(a[0])->call && !PY_IS(a[0], func) && !PY_IS(a[0], cfunc))
            return py_raise(py_exc_TypeError, "first argument must be callable or None");
        d->dflt = a[0];
        a++;
        n--;
    }
    if (n && py_dict_update(s, a[0]) < 0)
        return NULL;
    for (size_t i = 0; i < PY_NKW(kw); i++)
        py_dict_set(s, PY_TUPLE(kw)->items[i], a[n + i]);
    return py_None;
}
static pv dd_repr(pv s)
{
    py_dict *d = (py_dict *)s;
    pv f = d->dflt && d->dflt != py_None ? py_repr(d->dflt) : py_str_c("None");
    if (!f)
        return NULL;
    pv plain = py_dict_copy(s);
    pv r = py_repr(plain);
    if (!r)
        return NULL;
    return py_str_fmt("defaultdict(%s, %s)", py_cstr(f), py_cstr(r));
}
static pv dd_getattr(pv o, pv name)
{
    if (!strcmp(py_cstr(name), "default_factory"))
        return ((py_dict *)o)->dflt ? ((py_dict *)o)->dflt : py_None;
    return py_generic_getattr(o, name);
}
static int dd_setattr(pv o, pv name, pv v)
{
    if (!strcmp(py_cstr(name), "default_factory")) {
        ((py_dict *)o)->dflt = v ? v : py_None;
        return 0;
    }
    return py_generic_setattr(o, name, v);
}
static pv dd_missing(pv s, pv *a, size_t n, pv kw)
{
    py_dict *d = (py_dict *)s;
    if (!d->dflt || d->dflt == py_None)
        return py_raise_obj(py_exc_new(py_exc_KeyError, a, 1));
    pv v = py_call0(d->dflt);
    if (!v || py_dict_set(s, a[0], v) < 0)
        return NULL;
    return v;
}
static py_type defaultdict_type = {.name = "defaultdict", .tp_new = dd_new_t, .repr = dd_repr,
                                   .getattr = dd_getattr, .setattr = dd_setattr,
                                   .flags = PY_TF_BASETYPE};

pv py_mod__collections(void)
{
    if (!deque_type.ob.type) {
        py_type_ready(&deque_type);
        deque_type.module = py_intern("collections");
        py_type_ready(&deque_iter_type);
        struct { const char *n; py_cfn f; } m[] = {
            {"append", dq_append}, {"appendleft", dq_appendleft}, {"pop", dq_pop},
            {"popleft", dq_popleft}, {"extend", dq_extend}, {"extendleft", dq_extendleft},
            {"clear", dq_clear}, {"rotate", dq_rotate}, {"count", dq_count}, {"index", dq_index},
            {"remove", dq_remove}, {"reverse", dq_reverse}, {"insert", dq_insert},
            {"copy", dq_copy}, {"__copy__", dq_copy}, {"__reversed__", dq_reversed},
            {"__init__", dq_init}, {"__iadd__", dq_iadd}};
        for (size_t i = 0; i < sizeof m / sizeof *m; i++)
            py_add_method(&deque_type, m[i].n, m[i].f);
        deque_type.hash = NULL;
        defaultdict_type.base = &py_dict_type;
        py_type_ready(&defaultdict_type);
        defaultdict_type.module = py_intern("collections");
        py_add_method(&defaultdict_type, "__init__", py_dd_init);
        py_add_method(&defaultdict_type, "__missing__", dd_missing);
    }
    pv m = py_module_new("_collections");
    py_dict_sets(((py_module *)m)->dict, "deque", (pv)&deque_type);
    py_dict_sets(((py_module *)m)->dict, "defaultdict", (pv)&defaultdict_type);
    return m;
}
