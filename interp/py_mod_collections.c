/* py_mod_collections.c: collections.deque (ring buffer) and defaultdict in
 * C; the rest of collections is Python source (py_pysrc.c). A deque is a
 * shared mutable object: every operation holds its lock (PY_LOCK), so
 * append/popleft from several threads are atomic (details below). */
#include "py_vm.h"
#include "py_lock.h"

/* Lock discipline (py_lock.h): every operation on a deque holds its lock
 * (read for reads, write for changes) around the part that touches the
 * buffer, and calls nothing that can run Python code meanwhile. Operations
 * that compare elements (count, index, remove, `in`) read one element at a
 * time under the lock and compare it unlocked; `state` (bumped by every
 * change of the length, as in CPython) tells them whether the deque changed
 * meanwhile. Work from another deque or a list starts from a copy taken
 * under that object's lock. `n` and `maxlen` are also read without the lock
 * (len(), truth, the maxlen attribute): stored atomically. */
typedef struct {
    py_obj ob;
    pv *buf;
    size_t cap, head, n;
    size_t state;    /* bumped when elements are added or removed */
    intptr_t maxlen; /* -1: unbounded */
    pv dict;
} py_deque;

static py_type deque_type, deque_iter_type;

#define DQ(o) ((py_deque *)(o))
#define AT(d, i) ((d)->buf[((d)->head + (i)) & ((d)->cap - 1)])

static inline size_t len_of(pv o) { return __atomic_load_n(&DQ(o)->n, __ATOMIC_RELAXED); }
static inline intptr_t maxlen_of(pv o) { return __atomic_load_n(&DQ(o)->maxlen, __ATOMIC_RELAXED); }

/* Set the length (lock held): a change of the element count. */
static inline void set_n_locked(py_deque *d, size_t n)
{
    __atomic_store_n(&d->n, n, __ATOMIC_RELAXED);
    d->state++;
}

static int grow_locked(py_deque *d)
{
    PY_ASSERT_LOCKED(d);
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
    PY_ASSERT_LOCKED(d);
    if (d->maxlen == 0)
        return 0;
    if (d->maxlen > 0 && (intptr_t)d->n == d->maxlen) {
        AT(d, 0) = NULL;
        d->head = (d->head + 1) & (d->cap - 1);
        set_n_locked(d, d->n - 1);
    }
    if (grow_locked(d) < 0)
        return -1;
    AT(d, d->n) = v;
    set_n_locked(d, d->n + 1);
    return 0;
}

static int push_left_locked(py_deque *d, pv v)
{
    PY_ASSERT_LOCKED(d);
    if (d->maxlen == 0)
        return 0;
    if (d->maxlen > 0 && (intptr_t)d->n == d->maxlen) {
        AT(d, d->n - 1) = NULL;
        set_n_locked(d, d->n - 1);
    }
    if (grow_locked(d) < 0)
        return -1;
    d->head = (d->head - 1) & (d->cap - 1);
    d->buf[d->head] = v;
    set_n_locked(d, d->n + 1);
    return 0;
}

/* Remove element i (lock held, i < n). */
static void del_at_locked(py_deque *d, size_t i)
{
    PY_ASSERT_LOCKED(d);
    for (size_t j = i; j + 1 < d->n; j++)
        AT(d, j) = AT(d, j + 1);
    AT(d, d->n - 1) = NULL;
    set_n_locked(d, d->n - 1);
}

/* A private copy of the elements, under the read lock. */
static pv *dq_snapshot(pv s, size_t *n)
{
    py_deque *d = DQ(s);
    PY_LOCK_R(s);
    pv *out = py_alloc_checked((d->n + 1) * sizeof(pv));
    if (out) {
        for (size_t i = 0; i < d->n; i++)
            out[i] = AT(d, i);
        *n = d->n;
    }
    PY_UNLOCK_R(s);
    return out; /* NULL: py_alloc_checked raised MemoryError */
}

/* Element i of a deque still in state st: 1 (*v set), 0 past the end,
 * -1 the deque changed since (no exception set). */
static int item_in_state(pv s, size_t st, size_t i, pv *v)
{
    py_deque *d = DQ(s);
    int r = 1;
    PY_LOCK_R(s);
    if (d->state != st)
        r = -1;
    else if (i >= d->n)
        r = 0;
    else
        *v = AT(d, i);
    PY_UNLOCK_R(s);
    return r;
}

static size_t state_of(pv s)
{
    PY_LOCK_R(s);
    size_t st = DQ(s)->state;
    PY_UNLOCK_R(s);
    return st;
}

static pv not_in(pv v)
{
    pv r = py_repr(v);
    return r ? py_raise(py_exc_ValueError, "%s is not in deque", py_cstr(r)) : NULL;
}

static pv mutated(void) { return py_raise(py_exc_RuntimeError, "deque mutated during iteration"); }

/* The first index whose element equals v: >= 0, -1 none, -2 error
 * (exception set); *st_out the state the index belongs to. */
static intptr_t find_eq(pv s, pv v, size_t *st_out)
{
    size_t st = state_of(s);
    pv x;
    for (size_t i = 0;; i++) {
        int r = item_in_state(s, st, i, &x);
        if (r == 0)
            return -1;
        if (r < 0) {
            mutated();
            return -2;
        }
        int eq = py_eq(x, v);
        if (eq < 0)
            return -2;
        if (eq) {
            *st_out = st;
            return (intptr_t)i;
        }
    }
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
    AT(d, d->n - 1) = NULL;
    set_n_locked(d, d->n - 1);
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
    set_n_locked(d, d->n - 1);
    PY_UNLOCK(s);
    return v;
}
/* The elements of an iterable as a private array: a copy taken under the
 * lock for a deque or a list, else the iterable run into a new list. */
static pv *items_of(pv src, size_t *n)
{
    if (py_isinst(src, &deque_type))
        return dq_snapshot(src, n);
    if (PY_ISLIST(src))
        return py_list_snapshot(src, n);
    if (PY_IS(src, tuple)) {
        *n = PY_TUPLE(src)->n;
        return PY_TUPLE(src)->items;
    }
    pv l = py_to_list(src); /* private */
    if (!l)
        return NULL;
    *n = PY_LIST(l)->n;
    return PY_LIST(l)->items;
}
static pv extend_side(pv s, pv src, int left)
{
    size_t k;
    pv *items = items_of(src, &k);
    if (!items)
        return NULL;
    int r = 0;
    PY_LOCK(s);
    for (size_t i = 0; r == 0 && i < k; i++)
        r = left ? push_left_locked(DQ(s), items[i]) : push_right_locked(DQ(s), items[i]);
    PY_UNLOCK(s);
    return r < 0 ? NULL : py_None;
}
static pv dq_extend(pv s, pv *a, size_t n, pv kw) { return extend_side(s, a[0], 0); }
static pv dq_extendleft(pv s, pv *a, size_t n, pv kw) { return extend_side(s, a[0], 1); }
static void clear_locked(py_deque *d)
{
    d->head = 0;
    d->buf = NULL;
    d->cap = 0;
    set_n_locked(d, 0);
}
static pv dq_clear(pv s, pv *a, size_t n, pv kw)
{
    PY_LOCK(s);
    clear_locked(DQ(s));
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
        /* move the last element to the front, k times */
        for (intptr_t i = 0; i < k; i++) {
            pv v = AT(d, d->n - 1);
            AT(d, d->n - 1) = NULL;
            d->head = (d->head - 1) & (d->cap - 1);
            d->buf[d->head] = v;
        }
    }
    PY_UNLOCK(s);
    return py_None;
}
static pv dq_count(pv s, pv *a, size_t n, pv kw)
{
    size_t st = state_of(s);
    intptr_t c = 0;
    pv x;
    for (size_t i = 0;; i++) {
        int r = item_in_state(s, st, i, &x);
        if (r == 0)
            break;
        if (r < 0)
            return mutated();
        int eq = py_eq(x, a[0]);
        if (eq < 0)
            return NULL;
        c += eq;
    }
    return PY_MKSMALL(c);
}
static pv dq_index(pv s, pv *a, size_t n, pv kw)
{
    size_t st;
    intptr_t i = find_eq(s, a[0], &st);
    if (i == -2)
        return NULL;
    if (i < 0)
        return not_in(a[0]);
    return PY_MKSMALL(i);
}
static pv dq_remove(pv s, pv *a, size_t n, pv kw)
{
    size_t st;
    intptr_t i = find_eq(s, a[0], &st);
    if (i == -2)
        return NULL;
    if (i < 0)
        return not_in(a[0]);
    py_deque *d = DQ(s);
    PY_LOCK(s);
    if (d->state != st) {
        PY_UNLOCK(s);
        return py_raise(py_exc_IndexError, "deque mutated during remove().");
    }
    del_at_locked(d, (size_t)i);
    PY_UNLOCK(s);
    return py_None;
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
    PY_LOCK(s);
    if (i < 0)
        i += (intptr_t)d->n;
    if (i < 0)
        i = 0;
    if ((size_t)i > d->n)
        i = (intptr_t)d->n;
    int r = push_right_locked(d, py_None);
    if (r == 0) {
        for (size_t j = d->n - 1; j > (size_t)i; j--)
            AT(d, j) = AT(d, j - 1);
        AT(d, i) = a[1];
    }
    PY_UNLOCK(s);
    return r < 0 ? NULL : py_None;
}
static pv dq_copy(pv s, pv *a, size_t n, pv kw);
static intptr_t dq_len(pv s) { return (intptr_t)len_of(s); }
static pv dq_getitem(pv s, pv k)
{
    py_deque *d = DQ(s);
    int err = 0;
    intptr_t i = py_index(k, &err);
    if (err)
        return NULL;
    pv v = NULL;
    PY_LOCK_R(s);
    if (i < 0)
        i += (intptr_t)d->n;
    if (i >= 0 && (size_t)i < d->n)
        v = AT(d, i);
    PY_UNLOCK_R(s);
    return v ? v : py_raise(py_exc_IndexError, "deque index out of range");
}
static int dq_setitem(pv s, pv k, pv v)
{
    py_deque *d = DQ(s);
    int err = 0;
    intptr_t i = py_index(k, &err);
    if (err)
        return -1;
    PY_LOCK(s);
    if (i < 0)
        i += (intptr_t)d->n;
    if (i < 0 || (size_t)i >= d->n) {
        PY_UNLOCK(s);
        py_raise(py_exc_IndexError, "deque index out of range");
        return -1;
    }
    if (v)
        AT(d, i) = v;
    else
        del_at_locked(d, (size_t)i);
    PY_UNLOCK(s);
    return 0;
}
static int dq_contains(pv s, pv v)
{
    size_t st;
    intptr_t i = find_eq(s, v, &st);
    return i == -2 ? -1 : i >= 0;
}
static pv dq_repr(pv s)
{
    size_t n;
    pv *items = dq_snapshot(s, &n);
    if (!items)
        return NULL;
    if (py_repr_enter(s))
        return py_str_c("[...]");
    py_sb b = {0};
    py_sb_adds(&b, "deque([");
    for (size_t i = 0; i < n; i++) {
        if (i)
            py_sb_adds(&b, ", ");
        if (py_sb_addrepr(&b, items[i]) < 0) {
            py_repr_leave(s);
            return NULL;
        }
    }
    py_sb_addc(&b, ']');
    intptr_t ml = maxlen_of(s);
    if (ml >= 0) {
        char buf[48];
        snprintf(buf, sizeof buf, ", maxlen=%ld", (long)ml);
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
    size_t na, nb;
    pv *ia = dq_snapshot(a, &na), *ib = ia ? dq_snapshot(b, &nb) : NULL;
    if (!ib)
        return NULL;
    pv la = py_list_from(ia, na), lb = py_list_from(ib, nb);
    return la && lb ? py_richcmp(la, lb, op) : NULL;
}

/* An iterator shared by threads is not locked: its position is loaded and
 * stored atomically, so concurrent next() calls may return an element
 * twice or skip one; each step reads the deque under its lock. */
typedef struct { py_obj ob; pv d; size_t i, state; int rev; } dq_iter;
static pv dq_iter_new(pv s)
{
    dq_iter *it = (dq_iter *)py_new(&deque_iter_type, sizeof(dq_iter));
    it->d = s;
    it->state = state_of(s);
    return (pv)it;
}
static pv dq_iter_next(pv o)
{
    dq_iter *it = (dq_iter *)o;
    py_deque *d = __atomic_load_n((py_deque **)&it->d, __ATOMIC_ACQUIRE);
    if (!d)
        return NULL;
    size_t i = __atomic_load_n(&it->i, __ATOMIC_RELAXED);
    pv v = NULL;
    int changed = 0;
    PY_LOCK_R(d);
    if (d->state != it->state)
        changed = 1;
    else if (i < d->n)
        v = AT(d, it->rev ? d->n - 1 - i : i);
    PY_UNLOCK_R(d);
    if (!v) { /* exhausted for good, as CPython's counter reaching 0 */
        __atomic_store_n(&it->d, NULL, __ATOMIC_RELEASE);
        return changed ? mutated() : NULL;
    }
    __atomic_store_n(&it->i, i + 1, __ATOMIC_RELAXED);
    return v;
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
    intptr_t maxlen = -1;
    if (ml && ml != py_None) {
        int err = 0;
        maxlen = py_index(ml, &err);
        if (err)
            return NULL;
        if (maxlen < 0)
            return py_raise(py_exc_ValueError, "maxlen must be non-negative");
    }
    pv src = n > 0 ? a[0] : py_kwarg(kw, a + n, "iterable");
    size_t k = 0;
    pv *items = NULL;
    if (src && src != py_None && !(items = items_of(src, &k)))
        return NULL;
    int r = 0;
    PY_LOCK(s);
    __atomic_store_n(&d->maxlen, maxlen, __ATOMIC_RELAXED);
    clear_locked(d);
    for (size_t i = 0; r == 0 && i < k; i++)
        r = push_right_locked(d, items[i]);
    PY_UNLOCK(s);
    return r < 0 ? NULL : py_None;
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
    size_t k;
    pv *items = dq_snapshot(s, &k);
    if (!items)
        return NULL;
    intptr_t ml = maxlen_of(s);
    pv args[2] = {py_list_from(items, k), ml >= 0 ? PY_MKSMALL(ml) : py_None};
    return dq_new_t(&deque_type, args, 2, NULL);
}
static pv dq_getattr(pv o, pv name)
{
    if (!strcmp(py_cstr(name), "maxlen")) {
        intptr_t ml = maxlen_of(o);
        return ml >= 0 ? PY_MKSMALL(ml) : py_None;
    }
    return py_generic_getattr(o, name);
}
static pv dq_iadd(pv s, pv *a, size_t n, pv kw) { return dq_extend(s, a, 1, NULL) ? s : NULL; }
static int dq_truth(pv s) { return len_of(s) != 0; }

static py_type deque_type = {.name = "deque", .basicsize = sizeof(py_deque),
                             .dictoffset = offsetof(py_deque, dict), .tp_new = dq_new_t,
                             .len = dq_len, .getitem = dq_getitem, .setitem = dq_setitem,
                             .contains = dq_contains, .repr = dq_repr, .iter = dq_iter_new,
                             .richcmp = dq_richcmp, .getattr = dq_getattr, .truth = dq_truth,
                             .flags = PY_TF_BASETYPE};

/* ---------------- defaultdict ---------------- */

/* The factory (py_dict.dflt) may be replaced by any thread (the
 * default_factory attribute): loaded and stored atomically here. It is
 * only ever called with no lock held. */
static py_type defaultdict_type;

static inline pv dflt_of(pv o) { return __atomic_load_n(&((py_dict *)o)->dflt, __ATOMIC_ACQUIRE); }
static inline void dflt_store(pv o, pv f) { __atomic_store_n(&((py_dict *)o)->dflt, f, __ATOMIC_RELEASE); }

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
    pv f = py_None;
    if (n > 0) {
        if (a[0] != py_None && !py_typeof(a[0])->call && !PY_IS(a[0], func) && !PY_IS(a[0], cfunc))
            return py_raise(py_exc_TypeError, "first argument must be callable or None");
        f = a[0];
        a++;
        n--;
    }
    dflt_store(s, f);
    if (n && py_dict_update(s, a[0]) < 0)
        return NULL;
    for (size_t i = 0; i < PY_NKW(kw); i++)
        py_dict_set(s, PY_TUPLE(kw)->items[i], a[n + i]);
    return py_None;
}
static pv dd_repr(pv s)
{
    pv df = dflt_of(s);
    pv f = df && df != py_None ? py_repr(df) : py_str_c("None");
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
    if (!strcmp(py_cstr(name), "default_factory")) {
        pv f = dflt_of(o);
        return f ? f : py_None;
    }
    return py_generic_getattr(o, name);
}
static int dd_setattr(pv o, pv name, pv v)
{
    if (!strcmp(py_cstr(name), "default_factory")) {
        dflt_store(o, v ? v : py_None);
        return 0;
    }
    return py_generic_setattr(o, name, v);
}
static pv dd_missing(pv s, pv *a, size_t n, pv kw)
{
    pv f = dflt_of(s);
    if (!f || f == py_None)
        return py_raise_obj(py_exc_new(py_exc_KeyError, a, 1));
    pv v = py_call0(f);
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
