/* py_list.c: list (mutable: every access under PY_LOCK of the list; the
 * built-in operations are atomic with respect to other threads), tuple
 * (immutable), range, slice and the sequence iterators. */
#include "py.h"
#include "py_lock.h"

#include <stdlib.h>

/* ---------------- helpers ---------------- */

intptr_t py_seq_index_norm(intptr_t i, size_t n, int *ok)
{
    if (i < 0)
        i += (intptr_t)n;
    *ok = i >= 0 && (size_t)i < n;
    return i;
}

/* k with bounds that are ints or None, so that computing its indices runs
 * no Python code (the bounds' __index__ runs here): for callers that then
 * compute the indices while holding a lock. */
pv py_slice_ints(pv k)
{
    py_slice *s = (py_slice *)k;
    pv f[3] = {s->start, s->stop, s->step};
    int changed = 0;
    for (int i = 0; i < 3; i++)
        if (f[i] != py_None && !PY_ISSMALL(f[i]) && f[i]->type != &py_int_type) {
            int err = 0;
            intptr_t x = py_index(f[i], &err);
            if (err)
                return NULL;
            f[i] = py_int_from_i64(x);
            changed = 1;
        }
    return changed ? py_slice_new(f[0], f[1], f[2]) : k;
}

pv py_slice_new(pv a, pv b, pv c)
{
    py_slice *s = (py_slice *)py_new(&py_slice_type, sizeof(py_slice));
    s->start = a;
    s->stop = b;
    s->step = c;
    return (pv)s;
}

int py_slice_indices(pv slice, size_t len, intptr_t *start, intptr_t *stop, intptr_t *step, size_t *slen)
{
    py_slice *s = (py_slice *)slice;
    intptr_t st = 1;
    int err = 0;
    if (s->step != py_None) {
        st = py_index(s->step, &err);
        if (err)
            return -1;
        if (st == 0) {
            py_raise(py_exc_ValueError, "slice step cannot be zero");
            return -1;
        }
    }
    intptr_t n = (intptr_t)len;
    intptr_t lo, hi;
    if (s->start == py_None)
        lo = st < 0 ? n - 1 : 0;
    else {
        lo = py_index(s->start, &err);
        if (err)
            return -1;
        if (lo < 0) {
            lo += n;
            if (lo < 0)
                lo = st < 0 ? -1 : 0;
        } else if (lo >= n)
            lo = st < 0 ? n - 1 : n;
    }
    if (s->stop == py_None)
        hi = st < 0 ? -1 : n;
    else {
        hi = py_index(s->stop, &err);
        if (err)
            return -1;
        if (hi < 0) {
            hi += n;
            if (hi < 0)
                hi = st < 0 ? -1 : 0;
        } else if (hi >= n)
            hi = st < 0 ? n - 1 : n;
    }
    size_t cnt = 0;
    if (st > 0 && lo < hi)
        cnt = (size_t)((hi - lo - 1) / st + 1);
    else if (st < 0 && hi < lo)
        cnt = (size_t)((lo - hi - 1) / (-st) + 1);
    *start = lo;
    *stop = hi;
    *step = st;
    *slen = cnt;
    return 0;
}

/* ---------------- list ----------------
 *
 * Lock discipline (py_lock.h): every change holds the list's lock; no lock
 * is held while Python code or another object's methods run (comparisons,
 * repr, key functions work on a snapshot or element by element).
 *
 * Reading one element needs no lock (py_list_get): the items array carries
 * its capacity in a header word, so a reader that loaded `n` and then
 * `items` never indexes past the array it loaded, whatever a writer did in
 * between; each slot holds, at any instant, an element the list really had
 * at that index at some instant of the read. For that, every store to
 * `items` (release, after the array is filled), `n` (release) and to the
 * slots of a published array is atomic, and element moves are done slot by
 * slot (items_move), never with memmove, which a concurrent reader could
 * see torn. */

static inline size_t items_cap(pv *it) { return it ? ((size_t *)it)[-1] : 0; }

static pv *items_alloc(size_t cap)
{
    size_t *raw = py_alloc_checked(sizeof(size_t) + cap * sizeof(pv));
    if (!raw)
        return NULL;
    raw[0] = cap;
    return (pv *)(raw + 1);
}

static inline void item_set(pv *slot, pv v) { __atomic_store_n(slot, v, __ATOMIC_RELEASE); }
static inline pv item_get(pv *slot) { return __atomic_load_n(slot, __ATOMIC_ACQUIRE); }

/* Move n slots, overlap-safe, each slot with one atomic load and store. */
static void items_move(pv *dst, pv *src, size_t n)
{
    if (dst < src)
        for (size_t i = 0; i < n; i++)
            item_set(&dst[i], item_get(&src[i]));
    else
        for (size_t i = n; i-- > 0;)
            item_set(&dst[i], item_get(&src[i]));
}

static inline void list_set_n(py_list *l, size_t n) { __atomic_store_n(&l->n, n, __ATOMIC_RELEASE); }

/* Install a new items array (filled, not yet visible) with n elements.
 * Shrinking stores n first, growing stores items first, so a reader never
 * sees an n that the array it then loads cannot hold. */
static void list_install_locked(py_list *l, pv *items, size_t n)
{
    PY_ASSERT_LOCKED(l);
    if (n < l->n)
        list_set_n(l, n);
    __atomic_store_n(&l->items, items, __ATOMIC_RELEASE);
    l->cap = items_cap(items);
    list_set_n(l, n);
}

static int list_grow_locked(py_list *l, size_t need)
{
    if (need <= l->cap)
        return 0;
    size_t nc = l->cap ? l->cap + (l->cap >> 1) + 4 : 4;
    if (nc < need)
        nc = need;
    if (nc > ((size_t)1 << 40)) {
        py_raise_nomem();
        return -1;
    }
    pv *ni = items_alloc(nc);
    if (!ni)
        return -1;
    if (l->n)
        py_copy(ni, l->items, l->n * sizeof(pv)); /* ni is not published yet */
    __atomic_store_n(&l->items, ni, __ATOMIC_RELEASE);
    l->cap = nc;
    return 0;
}

size_t py_list_len(pv o) { return __atomic_load_n(&PY_LIST(o)->n, __ATOMIC_ACQUIRE); }

pv py_list_get(pv o, size_t i) { return i <= INTPTR_MAX ? py_list_item(o, (intptr_t)i) : NULL; }

int py_list_replace(pv o, pv *items, size_t n)
{
    pv *ni = items_alloc(n ? n : 1);
    if (!ni)
        return -1;
    py_copy(ni, items, n * sizeof(pv));
    py_list *l = PY_LIST(o);
    PY_LOCK(l);
    list_install_locked(l, ni, n);
    PY_UNLOCK(l);
    return 0;
}

/* A copy of the elements taken under the read lock (for work that calls
 * out: repr, comparisons, concatenation of a list with itself). Where
 * locks are not real (one GIL, or inside a transaction, whose view is
 * consistent) it is the list's own array: callers only read it, and an
 * array the list has since replaced stays valid memory (the collector's),
 * as CPython's own loops over a list that their callbacks may change. */
pv *py_list_snapshot(pv o, size_t *n)
{
    py_list *l = PY_LIST(o);
    if (!py_locking()) {
        *n = l->n;
        return l->n ? l->items : (pv *)&l->items;
    }
    for (;;) {
        size_t cap = py_list_len(o);
        pv *buf = py_alloc_checked((cap + 1) * sizeof(pv));
        if (!buf)
            return NULL;
        PY_LOCK_R(l);
        if (l->n <= cap) {
            *n = l->n;
            py_copy(buf, l->items, l->n * sizeof(pv));
            PY_UNLOCK_R(l);
            return buf;
        }
        PY_UNLOCK_R(l);
    }
}

pv py_list_new(size_t n)
{
    py_list *l = (py_list *)py_new(&py_list_type, sizeof(py_list));
    if (n) {
        if (list_grow_locked(l, n) < 0)
            return NULL;
        l->n = n;
    }
    return (pv)l;
}

pv py_list_from(pv *items, size_t n)
{
    pv l = py_list_new(n);
    if (l && n)
        py_copy(PY_LIST(l)->items, items, n * sizeof(pv));
    return l;
}

int py_list_append(pv lo, pv v)
{
    py_list *l = PY_LIST(lo);
    PY_LOCK(l);
    int r = 0;
    if (l->n == l->cap)
        r = list_grow_locked(l, l->n + 1);
    if (r == 0) {
        item_set(&l->items[l->n], v);
        list_set_n(l, l->n + 1);
    }
    PY_UNLOCK(l);
    return r;
}

/* Append src[0..n) (a private buffer, or a tuple's items) under the lock. */
static int append_items(py_list *l, pv *src, size_t n)
{
    PY_LOCK(l);
    int r = list_grow_locked(l, l->n + n);
    if (r == 0) {
        for (size_t i = 0; i < n; i++)
            item_set(&l->items[l->n + i], src[i]);
        list_set_n(l, l->n + n);
    }
    PY_UNLOCK(l);
    return r;
}

int py_list_extend(pv lo, pv it)
{
    if (PY_IS(it, tuple))
        return append_items(PY_LIST(lo), PY_TUPLE(it)->items, PY_TUPLE(it)->n);
    if (PY_ISLIST(it) && it != lo) {
        /* both lists locked together (address order): one consistent copy */
        py_list *l = PY_LIST(lo), *src = PY_LIST(it);
        PY_LOCK2(l, src);
        int r = list_grow_locked(l, l->n + src->n);
        if (r == 0) {
            for (size_t i = 0; i < src->n; i++)
                item_set(&l->items[l->n + i], src->items[i]);
            list_set_n(l, l->n + src->n);
        }
        PY_UNLOCK2(l, src);
        return r;
    }
    if (PY_ISLIST(it)) {
        size_t n;
        pv *src = py_list_snapshot(it, &n);
        return src ? append_items(PY_LIST(lo), src, n) : -1;
    }
    pv iter = py_iter(it);
    if (!iter)
        return -1;
    pv x;
    while ((x = py_next(iter)))
        if (py_list_append(lo, x) < 0)
            return -1;
    return py_cur->exc ? -1 : 0;
}

static pv seq_repr(pv *items, size_t n, const char *open, const char *close, int trailing)
{
    py_sb b = {0};
    py_sb_adds(&b, open);
    for (size_t i = 0; i < n; i++) {
        if (i)
            py_sb_adds(&b, ", ");
        if (py_sb_addrepr(&b, items[i]) < 0)
            return NULL;
    }
    if (trailing && n == 1)
        py_sb_addc(&b, ',');
    py_sb_adds(&b, close);
    return py_sb_finish(&b);
}

static pv list_repr(pv o)
{
    if (py_repr_enter(o))
        return py_str_c("[...]");
    size_t n;
    pv *items = py_list_snapshot(o, &n);
    pv r = items ? seq_repr(items, n, "[", "]", 0) : NULL;
    py_repr_leave(o);
    return r;
}

static intptr_t list_len(pv o) { return (intptr_t)py_list_len(o); }

static pv list_getitem(pv o, pv k)
{
    py_list *l = PY_LIST(o);
    if (PY_ISSMALL(k)) {
        intptr_t i = PY_SMALLVAL(k);
        if (i < 0)
            i += (intptr_t)py_list_len(o);
        pv r = i >= 0 ? py_list_get(o, (size_t)i) : NULL;
        return r ? r : py_raise(py_exc_IndexError, "list index out of range");
    }
    if (PY_IS(k, slice)) {
        intptr_t a, b, st;
        size_t len;
        /* the bounds may call __index__: computed from a length read
         * first, then clipped again under the lock */
        if (py_slice_indices(k, py_list_len(o), &a, &b, &st, &len) < 0)
            return NULL;
        pv r = py_list_new(len);
        if (!r)
            return NULL;
        size_t got = 0;
        PY_LOCK_R(l);
        for (size_t i = 0; i < len; i++) {
            intptr_t j = a + (intptr_t)i * st;
            if (j < 0 || (size_t)j >= l->n)
                break;
            PY_LIST(r)->items[got++] = l->items[j];
        }
        PY_UNLOCK_R(l);
        PY_LIST(r)->n = got;
        return r;
    }
    int err = 0;
    intptr_t i = py_index(k, &err);
    if (err) {
        py_exc_clear();
        return py_raise(py_exc_TypeError, "list indices must be integers or slices, not %s", py_tname(k));
    }
    return list_getitem(o, PY_MKSMALL(i));
}

/* Slice assignment (the sn elements at si) and deletion (si NULL), lock
 * held; si is not l's own array, and whatever it belongs to is locked too
 * or private. */
static int list_ass_slice_locked(py_list *l, pv k, pv *si, size_t sn)
{
    PY_ASSERT_LOCKED(l);
    intptr_t a, b, st;
    size_t len;
    if (py_slice_indices(k, l->n, &a, &b, &st, &len) < 0)
        return -1;
    int src = si != NULL;
    if (st != 1) {
        if (src && sn != len) {
            py_raise(py_exc_ValueError,
                     "attempt to assign sequence of size %zu to extended slice of size %zu", sn, len);
            return -1;
        }
        if (src) {
            for (size_t i = 0; i < len; i++)
                item_set(&l->items[a + (intptr_t)i * st], si[i]);
            return 0;
        }
        /* delete an extended slice: compact into a new array */
        pv *ni = items_alloc(l->cap ? l->cap : 1);
        char *del = GC_MALLOC_ATOMIC(l->n + 1);
        if (!ni || !del) {
            py_raise_nomem();
            return -1;
        }
        memset(del, 0, l->n + 1);
        for (size_t i = 0; i < len; i++)
            del[a + (intptr_t)i * st] = 1;
        size_t w = 0;
        for (size_t i = 0; i < l->n; i++)
            if (!del[i])
                ni[w++] = l->items[i];
        list_install_locked(l, ni, w);
        return 0;
    }
    if (b < a)
        b = a;
    size_t oldn = (size_t)(b - a);
    size_t newlen = l->n - oldn + sn;
    if (newlen < l->n) {
        items_move(l->items + a + sn, l->items + b, l->n - (size_t)b);
        for (size_t i = 0; i < sn; i++)
            item_set(&l->items[a + (intptr_t)i], si[i]);
        size_t oldlen = l->n;
        list_set_n(l, newlen);
        for (size_t i = newlen; i < oldlen; i++)
            item_set(&l->items[i], NULL); /* let the GC have them */
        return 0;
    }
    if (list_grow_locked(l, newlen) < 0)
        return -1;
    size_t oldlen = l->n;
    /* the tail moves right into slots beyond n first: publish n after */
    items_move(l->items + a + sn, l->items + b, oldlen - (size_t)b);
    for (size_t i = 0; i < sn; i++)
        item_set(&l->items[a + (intptr_t)i], si[i]);
    list_set_n(l, newlen);
    return 0;
}

static int list_setitem(pv o, pv k, pv v)
{
    py_list *l = PY_LIST(o);
    if (PY_IS(k, slice)) {
        if (!(k = py_slice_ints(k)))
            return -1;
        if (v && PY_IS(v, list) && v != o) {
            /* from another list: both locked together, no copy */
            py_list *src = PY_LIST(v);
            PY_LOCK2(l, src);
            int r = list_ass_slice_locked(l, k, src->items ? src->items : (pv *)&src->items, src->n);
            PY_UNLOCK2(l, src);
            return r;
        }
        pv src = NULL;
        if (v) {
            src = py_to_list(v); /* a private copy (of this list, or of any iterable) */
            if (!src) {
                if (py_exc_matches(py_exc_TypeError)) {
                    py_exc_clear();
                    py_raise(py_exc_TypeError, "can only assign an iterable");
                }
                return -1;
            }
        }
        PY_LOCK(l);
        int r = list_ass_slice_locked(l, k, src ? (PY_LIST(src)->items ? PY_LIST(src)->items
                                                                        : (pv *)&PY_LIST(src)->items)
                                                : NULL,
                                      src ? PY_LIST(src)->n : 0);
        PY_UNLOCK(l);
        return r;
    }
    int err = 0;
    intptr_t i = py_index(k, &err);
    if (err) {
        py_exc_clear();
        py_raise(py_exc_TypeError, "list indices must be integers or slices, not %s", py_tname(k));
        return -1;
    }
    PY_LOCK(l);
    if (i < 0)
        i += (intptr_t)l->n;
    if (i < 0 || (size_t)i >= l->n) {
        PY_UNLOCK(l);
        py_raise(py_exc_IndexError, v ? "list assignment index out of range" : "list assignment index out of range");
        return -1;
    }
    if (v)
        item_set(&l->items[i], v);
    else {
        items_move(l->items + i, l->items + i + 1, l->n - (size_t)i - 1);
        list_set_n(l, l->n - 1);
        item_set(&l->items[l->n], NULL);
    }
    PY_UNLOCK(l);
    return 0;
}

/* Store l[i] = v when i is in range (the VM's STORE_SUBSCR): 1 done, 0 not. */
int py_list_store(pv o, intptr_t i, pv v)
{
    py_list *l = PY_LIST(o);
    int ok = 0;
    PY_LOCK(l);
    if (i < 0)
        i += (intptr_t)l->n;
    if (i >= 0 && (size_t)i < l->n) {
        item_set(&l->items[i], v);
        ok = 1;
    }
    PY_UNLOCK(l);
    return ok;
}

static int list_contains(pv o, pv v)
{
    pv x;
    for (size_t i = 0; (x = py_list_get(o, i)); i++) {
        int r = py_eq(x, v);
        if (r)
            return r;
    }
    return 0;
}

static pv seq_cmp(pv *a, size_t na, pv *b, size_t nb, int op)
{
    size_t i = 0;
    for (; i < na && i < nb; i++) {
        if (a[i] == b[i])
            continue;
        int e = py_eq(a[i], b[i]);
        if (e < 0)
            return NULL;
        if (!e)
            break;
    }
    if (i >= na || i >= nb) {
        int c = (na > nb) - (na < nb);
        switch (op) {
        case PY_LT: return PY_BOOL(c < 0);
        case PY_LE: return PY_BOOL(c <= 0);
        case PY_EQ: return PY_BOOL(c == 0);
        case PY_NE: return PY_BOOL(c != 0);
        case PY_GT: return PY_BOOL(c > 0);
        default: return PY_BOOL(c >= 0);
        }
    }
    if (op == PY_EQ)
        return py_False;
    if (op == PY_NE)
        return py_True;
    return py_richcmp(a[i], b[i], op);
}

static pv list_richcmp(pv a, pv b, int op)
{
    if (!PY_ISLIST(b))
        return py_NotImplemented;
    if ((op == PY_EQ || op == PY_NE) && py_list_len(a) != py_list_len(b))
        return PY_BOOL(op == PY_NE);
    size_t na, nb;
    pv *ia = py_list_snapshot(a, &na), *ib = ia ? py_list_snapshot(b, &nb) : NULL;
    if (!ib)
        return NULL;
    return seq_cmp(ia, na, ib, nb, op);
}

static pv list_add(pv a, pv b)
{
    if (!PY_ISLIST(a) || !PY_ISLIST(b)) {
        if (PY_ISLIST(a) && !(py_typeof(b)->flags & PY_TF_HEAP))
            return py_raise(py_exc_TypeError, "can only concatenate list (not \"%s\") to list", py_tname(b));
        return py_NotImplemented;
    }
    /* both operands locked together (address order; once if the same):
     * one consistent copy of each, straight into the new list */
    py_list *x = PY_LIST(a), *y = PY_LIST(b);
    pv r = py_list_new(0);
    if (!r)
        return NULL;
    py_list *z = PY_LIST(r);
    PY_LOCK2(x, y);
    size_t na = x->n, nb = y->n;
    int ok = list_grow_locked(z, na + nb) == 0;
    if (ok) {
        py_copy(z->items, x->items, na * sizeof(pv)); /* z is not published yet */
        py_copy(z->items + na, y->items, nb * sizeof(pv));
        z->n = na + nb;
    }
    PY_UNLOCK2(x, y);
    return ok ? r : NULL;
}

static pv repeat_items(pv *items, size_t n, pv cnt, int tuple)
{
    int err = 0;
    intptr_t k = py_index(cnt, &err);
    if (err)
        return NULL;
    if (k < 0)
        k = 0;
    if (n && (size_t)k > ((size_t)1 << 36) / n)
        return py_raise_nomem();
    size_t total = n * (size_t)k;
    pv r = tuple ? py_tuple_new(total) : py_list_new(total);
    if (!r)
        return NULL;
    pv *dst = tuple ? PY_TUPLE(r)->items : PY_LIST(r)->items;
    for (intptr_t i = 0; i < k; i++)
        py_copy(dst + (size_t)i * n, items, n * sizeof(pv));
    return r;
}

static pv list_repeat(pv l, pv cnt)
{
    size_t n;
    pv *items = py_list_snapshot(l, &n);
    return items ? repeat_items(items, n, cnt, 0) : NULL;
}

static pv list_mul(pv a, pv b)
{
    if (PY_ISLIST(a) && PY_ISINT(b))
        return list_repeat(a, b);
    if (PY_ISLIST(b) && PY_ISINT(a))
        return list_repeat(b, a);
    if (PY_ISLIST(a) && !(py_typeof(b)->flags & PY_TF_HEAP))
        return py_raise(py_exc_TypeError, "can't multiply sequence by non-int of type '%s'", py_tname(b));
    return py_NotImplemented;
}

/* list iterator: one lock-free element read per step. An iterator shared
 * by threads keeps its position in an atomic word (steps may then repeat
 * or skip an element, as in CPython's free-threaded build; never more). */
typedef struct { py_obj ob; pv seq; size_t i; int rev; } seq_iter;
static py_type list_iter_type, tuple_iter_type, gen_seq_iter_type;

static pv list_iter(pv o)
{
    seq_iter *it = (seq_iter *)py_new(&list_iter_type, sizeof(seq_iter));
    it->seq = o;
    return (pv)it;
}
pv py_list_iter_next(pv o)
{
    seq_iter *it = (seq_iter *)o;
    size_t i = __atomic_load_n(&it->i, __ATOMIC_RELAXED);
    pv r = NULL;
    if (!it->rev) {
        r = py_list_get(it->seq, i);
        if (r)
            __atomic_store_n(&it->i, i + 1, __ATOMIC_RELAXED);
    } else if (i > 0) {
        r = py_list_get(it->seq, i - 1);
        __atomic_store_n(&it->i, r ? i - 1 : 0, __ATOMIC_RELAXED);
    }
    return r;
}
static pv self_iter(pv o) { return o; }
static pv iter_length_hint(pv self, pv *a, size_t n, pv kw)
{
    seq_iter *it = (seq_iter *)self;
    size_t len = PY_ISLIST(it->seq) ? py_list_len(it->seq) : PY_TUPLE(it->seq)->n;
    size_t i = __atomic_load_n(&it->i, __ATOMIC_RELAXED);
    return PY_MKSMALL(it->rev ? i : (len > i ? len - i : 0));
}
static py_type list_iter_type = {.name = "list_iterator", .basicsize = sizeof(seq_iter),
                                 .iter = self_iter, .next = py_list_iter_next};

pv py_list_reversed(pv o)
{
    seq_iter *it = (seq_iter *)py_new(&list_iter_type, sizeof(seq_iter));
    it->seq = o;
    it->i = py_list_len(o);
    it->rev = 1;
    it->ob.type = &list_iter_type;
    return (pv)it;
}

/* merge sort (stable) over (key, value) pairs */
typedef struct { pv k, v; } kv;
static int kv_less(kv *a, kv *b, int reverse, int *err)
{
    int r = reverse ? py_lt(a->k, b->k) : py_lt(b->k, a->k);
    if (r < 0)
        *err = 1;
    return r > 0; /* "b strictly before a" */
}
static void merge_sort(kv *a, kv *tmp, size_t n, int reverse, int *err)
{
    if (n < 2 || *err)
        return;
    if (n <= 8) {
        for (size_t i = 1; i < n && !*err; i++) {
            kv x = a[i];
            size_t j = i;
            while (j > 0 && kv_less(&a[j - 1], &x, reverse, err))
                a[j] = a[j - 1], j--;
            a[j] = x;
        }
        return;
    }
    size_t m = n / 2;
    merge_sort(a, tmp, m, reverse, err);
    merge_sort(a + m, tmp, n - m, reverse, err);
    if (*err)
        return;
    if (!kv_less(&a[m - 1], &a[m], reverse, err))
        return; /* already ordered */
    py_copy(tmp, a, m * sizeof(kv));
    size_t i = 0, j = m, k = 0;
    while (i < m && j < n && !*err) {
        if (kv_less(&tmp[i], &a[j], reverse, err))
            a[k++] = a[j++];
        else
            a[k++] = tmp[i++];
    }
    while (i < m)
        a[k++] = tmp[i++];
}

/* As CPython: the elements are detached (the list appears empty) while the
 * keys are computed and compared, with no lock held; they are put back
 * under the lock, and a list changed meanwhile is an error. */
pv py_list_sort(pv o, pv key, int reverse)
{
    py_list *l = PY_LIST(o);
    PY_LOCK(l);
    size_t n = l->n;
    pv *saved = l->items;
    __atomic_store_n(&l->items, NULL, __ATOMIC_RELEASE);
    list_set_n(l, 0);
    l->cap = 0;
    PY_UNLOCK(l);
    kv *a = GC_MALLOC((n + 1) * sizeof(kv)), *tmp = GC_MALLOC((n / 2 + 2) * sizeof(kv));
    int err = !a || !tmp;
    if (err)
        py_raise_nomem();
    for (size_t i = 0; i < n && !err; i++) {
        a[i].v = saved[i];
        if (key && key != py_None) {
            a[i].k = py_call1(key, saved[i]);
            err = !a[i].k;
        } else
            a[i].k = saved[i];
    }
    if (!err)
        merge_sort(a, tmp, n, reverse, &err);
    pv *sorted = items_alloc(n + 1);
    if (!sorted)
        return NULL;
    for (size_t i = 0; i < n; i++)
        sorted[i] = err ? saved[i] : a[i].v;
    PY_LOCK(l);
    int modified = l->n != 0;
    list_install_locked(l, sorted, n);
    PY_UNLOCK(l);
    if (err)
        return NULL;
    if (modified)
        return py_raise(py_exc_ValueError, "list modified during sort");
    return py_None;
}

/* list methods */
static pv lm_append(pv s, pv *a, size_t n, pv kw)
{
    if (py_nargs("append", n, 1, 1) < 0)
        return NULL;
    return py_list_append(s, a[0]) < 0 ? NULL : py_None;
}
static pv lm_extend(pv s, pv *a, size_t n, pv kw)
{
    if (py_nargs("extend", n, 1, 1) < 0)
        return NULL;
    return py_list_extend(s, a[0]) < 0 ? NULL : py_None;
}
static pv lm_insert(pv s, pv *a, size_t n, pv kw)
{
    if (py_nargs("insert", n, 2, 2) < 0)
        return NULL;
    int err = 0;
    intptr_t i = py_index(a[0], &err);
    if (err)
        return NULL;
    py_list *l = PY_LIST(s);
    PY_LOCK(l);
    if (list_grow_locked(l, l->n + 1) < 0) {
        PY_UNLOCK(l);
        return NULL;
    }
    if (i < 0) {
        i += (intptr_t)l->n;
        if (i < 0)
            i = 0;
    }
    if ((size_t)i > l->n)
        i = (intptr_t)l->n;
    items_move(l->items + i + 1, l->items + i, l->n - (size_t)i);
    item_set(&l->items[i], a[1]);
    list_set_n(l, l->n + 1);
    PY_UNLOCK(l);
    return py_None;
}

/* Remove element i (lock held, i in range); returns it. */
static pv del_at_locked(py_list *l, size_t i)
{
    PY_ASSERT_LOCKED(l);
    pv r = l->items[i];
    items_move(l->items + i, l->items + i + 1, l->n - i - 1);
    list_set_n(l, l->n - 1);
    item_set(&l->items[l->n], NULL);
    return r;
}

static pv lm_pop(pv s, pv *a, size_t n, pv kw)
{
    if (py_nargs("pop", n, 0, 1) < 0)
        return NULL;
    py_list *l = PY_LIST(s);
    intptr_t i = -1;
    if (n) {
        int err = 0;
        i = py_index(a[0], &err);
        if (err)
            return NULL;
    }
    PY_LOCK(l);
    if (l->n == 0) {
        PY_UNLOCK(l);
        return py_raise(py_exc_IndexError, "pop from empty list");
    }
    if (i < 0)
        i += (intptr_t)l->n;
    if (i < 0 || (size_t)i >= l->n) {
        PY_UNLOCK(l);
        return py_raise(py_exc_IndexError, "pop index out of range");
    }
    pv r = del_at_locked(l, (size_t)i);
    PY_UNLOCK(l);
    return r;
}

/* remove(x): find x comparing without the lock, then delete it under the
 * lock if it is still where it was found (else search again). */
static pv lm_remove(pv s, pv *a, size_t n, pv kw)
{
    if (py_nargs("remove", n, 1, 1) < 0)
        return NULL;
    py_list *l = PY_LIST(s);
    pv x;
    for (size_t i = 0; (x = py_list_get(s, i)); i++) {
        int r = x == a[0] ? 1 : py_eq(x, a[0]);
        if (r < 0)
            return NULL;
        if (!r)
            continue;
        PY_LOCK(l);
        if (i < l->n && l->items[i] == x) {
            del_at_locked(l, i);
            PY_UNLOCK(l);
            return py_None;
        }
        PY_UNLOCK(l);
        i = (size_t)-1; /* moved under us: start over */
    }
    return py_raise(py_exc_ValueError, "list.remove(x): x not in list");
}
static pv lm_index(pv s, pv *a, size_t n, pv kw)
{
    if (py_nargs("index", n, 1, 3) < 0)
        return NULL;
    size_t len = py_list_len(s);
    intptr_t lo = 0, hi = (intptr_t)len;
    int err = 0;
    if (n > 1) {
        lo = py_index(a[1], &err);
        if (lo < 0 && (lo += (intptr_t)len) < 0)
            lo = 0;
    }
    if (n > 2) {
        hi = py_index(a[2], &err);
        if (hi < 0 && (hi += (intptr_t)len) < 0)
            hi = 0;
    }
    if (err)
        return NULL;
    pv x;
    for (intptr_t i = lo; i < hi && (x = py_list_get(s, (size_t)i)); i++) {
        int r = py_eq(x, a[0]);
        if (r < 0)
            return NULL;
        if (r)
            return PY_MKSMALL(i);
    }
    pv rr = py_repr(a[0]);
    return py_raise(py_exc_ValueError, "%s is not in list", rr ? py_cstr(rr) : "?");
}
static pv lm_count(pv s, pv *a, size_t n, pv kw)
{
    if (py_nargs("count", n, 1, 1) < 0)
        return NULL;
    intptr_t c = 0;
    pv x;
    for (size_t i = 0; (x = py_list_get(s, i)); i++) {
        int r = py_eq(x, a[0]);
        if (r < 0)
            return NULL;
        c += r;
    }
    return PY_MKSMALL(c);
}
static pv lm_reverse(pv s, pv *a, size_t n, pv kw)
{
    py_list *l = PY_LIST(s);
    PY_LOCK(l);
    for (size_t i = 0; i < l->n / 2; i++) {
        pv t = l->items[i];
        item_set(&l->items[i], l->items[l->n - 1 - i]);
        item_set(&l->items[l->n - 1 - i], t);
    }
    PY_UNLOCK(l);
    return py_None;
}
static void list_clear(py_list *l)
{
    PY_LOCK(l);
    list_set_n(l, 0);
    __atomic_store_n(&l->items, NULL, __ATOMIC_RELEASE);
    l->cap = 0;
    PY_UNLOCK(l);
}
static pv lm_clear(pv s, pv *a, size_t n, pv kw)
{
    list_clear(PY_LIST(s));
    return py_None;
}
static pv lm_copy(pv s, pv *a, size_t n, pv kw)
{
    size_t k;
    pv *items = py_list_snapshot(s, &k);
    return items ? py_list_from(items, k) : NULL;
}
static pv lm_sort(pv s, pv *a, size_t n, pv kw)
{
    if (n)
        return py_raise(py_exc_TypeError, "sort() takes no positional arguments");
    static const char *const allowed[] = {"key", "reverse", NULL};
    if (py_kwcheck("sort", kw, allowed) < 0)
        return NULL;
    pv key = py_kwarg(kw, a, "key"), rev = py_kwarg(kw, a, "reverse");
    int r = rev ? py_truth(rev) : 0;
    if (r < 0)
        return NULL;
    return py_list_sort(s, key, r);
}
static pv lm_reversed(pv s, pv *a, size_t n, pv kw) { return py_list_reversed(s); }
static pv lm_init(pv s, pv *a, size_t n, pv kw)
{
    if (py_nargs("list", n, 0, 1) < 0)
        return NULL;
    list_clear(PY_LIST(s));
    if (n)
        return py_list_extend(s, a[0]) < 0 ? NULL : py_None;
    return py_None;
}
static pv lm_iadd(pv s, pv *a, size_t n, pv kw)
{
    return py_list_extend(s, a[0]) < 0 ? NULL : s;
}
static pv lm_imul(pv s, pv *a, size_t n, pv kw)
{
    pv r = list_repeat(s, a[0]);
    if (!r)
        return NULL;
    py_list *l = PY_LIST(s);
    PY_LOCK(l);
    list_install_locked(l, PY_LIST(r)->items, PY_LIST(r)->n);
    PY_UNLOCK(l);
    return s;
}
static pv lm_getitem(pv s, pv *a, size_t n, pv kw) { return list_getitem(s, a[0]); }
static pv lm_setitem(pv s, pv *a, size_t n, pv kw) { return list_setitem(s, a[0], a[1]) < 0 ? NULL : py_None; }
static pv lm_delitem(pv s, pv *a, size_t n, pv kw) { return list_setitem(s, a[0], NULL) < 0 ? NULL : py_None; }
static pv lm_len(pv s, pv *a, size_t n, pv kw) { return PY_MKSMALL(py_list_len(s)); }
static pv lm_contains(pv s, pv *a, size_t n, pv kw)
{
    int r = list_contains(s, a[0]);
    return r < 0 ? NULL : PY_BOOL(r);
}
static pv lm_iter(pv s, pv *a, size_t n, pv kw) { return list_iter(s); }
static pv lm_add(pv s, pv *a, size_t n, pv kw) { return list_add(s, a[0]); }
static pv lm_repr(pv s, pv *a, size_t n, pv kw) { return list_repr(s); }
static pv lm_eq(pv s, pv *a, size_t n, pv kw) { return list_richcmp(s, a[0], PY_EQ); }

static pv list_new_t(py_type *t, pv *args, size_t n, pv kw)
{
    py_list *l = (py_list *)py_new(t, t->basicsize);
    if (t == &py_list_type) {
        if (py_nargs("list", n, 0, 1) < 0)
            return NULL;
        if (n && py_list_extend((pv)l, args[0]) < 0)
            return NULL;
    }
    return (pv)l;
}

static pv list_call_init(pv l) { return l; }

py_type py_list_type = {
    .name = "list", .basicsize = sizeof(py_list), .dictoffset = offsetof(py_list, dict),
    .repr = list_repr, .len = list_len, .getitem = list_getitem, .setitem = list_setitem,
    .contains = list_contains, .richcmp = list_richcmp, .iter = list_iter,
    .tp_new = list_new_t, .flags = PY_TF_BASETYPE,
    .nb = {[PY_NB_ADD] = list_add, [PY_NB_MUL] = list_mul}};

/* ---------------- tuple ---------------- */

pv py_tuple_new(size_t n)
{
    static py_tuple *empty;
    if (n == 0 && empty)
        return (pv)empty;
    py_tuple *t = (py_tuple *)py_alloc(sizeof(py_tuple) + n * sizeof(pv));
    if (!t)
        return py_raise_nomem();
    t->ob.type = &py_tuple_type;
    t->hash = -1;
    t->n = n;
    if (n == 0 && !empty) {
        empty = GC_MALLOC_UNCOLLECTABLE(sizeof(py_tuple));
        *empty = *t;
        return (pv)empty;
    }
    return (pv)t;
}

pv py_tuple_from(pv *items, size_t n)
{
    pv t = py_tuple_new(n);
    if (t && n)
        py_copy(PY_TUPLE(t)->items, items, n * sizeof(pv));
    return t;
}

pv py_tuple_pack(size_t n, ...)
{
    pv t = py_tuple_new(n);
    va_list ap;
    va_start(ap, n);
    for (size_t i = 0; i < n; i++)
        PY_TUPLE(t)->items[i] = va_arg(ap, pv);
    va_end(ap);
    return t;
}

static pv tuple_repr(pv o)
{
    if (PY_TUPLE(o)->n == 0)
        return py_str_c("()");
    if (py_repr_enter(o))
        return py_str_c("(...)");
    pv r = seq_repr(PY_TUPLE(o)->items, PY_TUPLE(o)->n, "(", ")", 1);
    py_repr_leave(o);
    return r;
}

static intptr_t tuple_hash(pv o)
{
    py_tuple *t = PY_TUPLE(o);
    /* cached by whichever thread computes it first (the same value for
     * all: the tuple is immutable), so loaded and stored atomically */
    intptr_t c = __atomic_load_n(&t->hash, __ATOMIC_RELAXED);
    if (c != -1)
        return c;
    const uint64_t P1 = 11400714785074694791ULL, P2 = 14029467366897019727ULL,
                   P5 = 2870177450012600261ULL;
    uint64_t acc = P5;
    for (size_t i = 0; i < t->n; i++) {
        intptr_t h = py_hash(t->items[i]);
        if (h == -1)
            return -1;
        acc += (uint64_t)h * P2;
        acc = (acc << 31) | (acc >> 33);
        acc *= P1;
    }
    acc += t->n ^ (P5 ^ 3527539UL);
    intptr_t r = acc == (uint64_t)-1 ? 1546275796 : (intptr_t)acc;
    __atomic_store_n(&t->hash, r, __ATOMIC_RELAXED);
    return r;
}

static intptr_t tuple_len(pv o) { return (intptr_t)PY_TUPLE(o)->n; }

static pv tuple_getitem(pv o, pv k)
{
    py_tuple *t = PY_TUPLE(o);
    if (PY_ISSMALL(k)) {
        intptr_t i = PY_SMALLVAL(k);
        if (i < 0)
            i += (intptr_t)t->n;
        if (i < 0 || (size_t)i >= t->n)
            return py_raise(py_exc_IndexError, "tuple index out of range");
        return t->items[i];
    }
    if (PY_IS(k, slice)) {
        intptr_t a, b, st;
        size_t len;
        if (py_slice_indices(k, t->n, &a, &b, &st, &len) < 0)
            return NULL;
        if (st == 1 && len == t->n && PY_IS(o, tuple))
            return o;
        pv r = py_tuple_new(len);
        for (size_t i = 0; i < len; i++)
            PY_TUPLE(r)->items[i] = t->items[a + (intptr_t)i * st];
        return r;
    }
    int err = 0;
    intptr_t i = py_index(k, &err);
    if (err) {
        py_exc_clear();
        return py_raise(py_exc_TypeError, "tuple indices must be integers or slices, not %s", py_tname(k));
    }
    return tuple_getitem(o, PY_MKSMALL(i));
}

static int tuple_contains(pv o, pv v)
{
    py_tuple *t = PY_TUPLE(o);
    for (size_t i = 0; i < t->n; i++) {
        int r = py_eq(t->items[i], v);
        if (r)
            return r;
    }
    return 0;
}

static pv tuple_richcmp(pv a, pv b, int op)
{
    if (!PY_ISTUPLE(b))
        return py_NotImplemented;
    if ((op == PY_EQ || op == PY_NE) && PY_TUPLE(a)->n != PY_TUPLE(b)->n)
        return PY_BOOL(op == PY_NE);
    return seq_cmp(PY_TUPLE(a)->items, PY_TUPLE(a)->n, PY_TUPLE(b)->items, PY_TUPLE(b)->n, op);
}

static pv tuple_add(pv a, pv b)
{
    if (!PY_ISTUPLE(a) || !PY_ISTUPLE(b)) {
        if (PY_ISTUPLE(a) && !(py_typeof(b)->flags & PY_TF_HEAP))
            return py_raise(py_exc_TypeError, "can only concatenate tuple (not \"%s\") to tuple", py_tname(b));
        return py_NotImplemented;
    }
    size_t na = PY_TUPLE(a)->n, nb = PY_TUPLE(b)->n;
    pv r = py_tuple_new(na + nb);
    py_copy(PY_TUPLE(r)->items, PY_TUPLE(a)->items, na * sizeof(pv));
    py_copy(PY_TUPLE(r)->items + na, PY_TUPLE(b)->items, nb * sizeof(pv));
    return r;
}

static pv tuple_mul(pv a, pv b)
{
    if (PY_ISTUPLE(a) && PY_ISINT(b))
        return repeat_items(PY_TUPLE(a)->items, PY_TUPLE(a)->n, b, 1);
    if (PY_ISTUPLE(b) && PY_ISINT(a))
        return repeat_items(PY_TUPLE(b)->items, PY_TUPLE(b)->n, a, 1);
    return py_NotImplemented;
}

static pv tuple_iter(pv o)
{
    seq_iter *it = (seq_iter *)py_new(&tuple_iter_type, sizeof(seq_iter));
    it->seq = o;
    return (pv)it;
}
static pv tuple_iter_next(pv o)
{
    seq_iter *it = (seq_iter *)o;
    py_tuple *t = PY_TUPLE(it->seq);
    return it->i < t->n ? t->items[it->i++] : NULL;
}
static py_type tuple_iter_type = {.name = "tuple_iterator", .basicsize = sizeof(seq_iter),
                                  .iter = self_iter, .next = tuple_iter_next};

static pv tm_index(pv s, pv *a, size_t n, pv kw)
{
    if (py_nargs("index", n, 1, 3) < 0)
        return NULL;
    py_tuple *t = PY_TUPLE(s);
    for (size_t i = 0; i < t->n; i++) {
        int r = py_eq(t->items[i], a[0]);
        if (r < 0)
            return NULL;
        if (r)
            return PY_MKSMALL(i);
    }
    return py_raise(py_exc_ValueError, "tuple.index(x): x not in tuple");
}
static pv tm_count(pv s, pv *a, size_t n, pv kw)
{
    if (py_nargs("count", n, 1, 1) < 0)
        return NULL;
    py_tuple *t = PY_TUPLE(s);
    intptr_t c = 0;
    for (size_t i = 0; i < t->n; i++) {
        int r = py_eq(t->items[i], a[0]);
        if (r < 0)
            return NULL;
        c += r;
    }
    return PY_MKSMALL(c);
}
static pv tm_getnewargs(pv s, pv *a, size_t n, pv kw) { return py_tuple_pack(1, py_tuple_from(PY_TUPLE(s)->items, PY_TUPLE(s)->n)); }
static pv tm_len(pv s, pv *a, size_t n, pv kw) { return PY_MKSMALL(PY_TUPLE(s)->n); }
static pv tm_getitem(pv s, pv *a, size_t n, pv kw) { return tuple_getitem(s, a[0]); }

static pv tuple_new_t(py_type *t, pv *args, size_t n, pv kw)
{
    if (py_nargs("tuple", n, 0, 1) < 0)
        return NULL;
    pv r = n ? py_to_tuple(args[0]) : py_tuple_new(0);
    if (!r || t == &py_tuple_type)
        return r;
    size_t k = PY_TUPLE(r)->n;
    py_tuple *o = (py_tuple *)GC_MALLOC(sizeof(py_tuple) + k * sizeof(pv));
    o->ob.type = t;
    o->hash = -1;
    o->n = k;
    py_copy(o->items, PY_TUPLE(r)->items, k * sizeof(pv));
    return (pv)o;
}

py_type py_tuple_type = {
    .name = "tuple", .basicsize = sizeof(py_tuple), .repr = tuple_repr, .hash = tuple_hash,
    .len = tuple_len, .getitem = tuple_getitem, .contains = tuple_contains,
    .richcmp = tuple_richcmp, .iter = tuple_iter, .tp_new = tuple_new_t, .flags = PY_TF_BASETYPE,
    .nb = {[PY_NB_ADD] = tuple_add, [PY_NB_MUL] = tuple_mul}};

/* ---------------- sequence iterator (old __getitem__ protocol) ---------------- */

static pv gen_seq_next(pv o)
{
    seq_iter *it = (seq_iter *)o;
    if (!it->seq)
        return NULL;
    pv r = py_getitem(it->seq, PY_MKSMALL(it->i));
    if (!r) {
        if (py_exc_matches(py_exc_IndexError) || py_exc_matches(py_exc_StopIteration))
            py_exc_clear();
        it->seq = NULL;
        return NULL;
    }
    it->i++;
    return r;
}
static py_type gen_seq_iter_type = {.name = "iterator", .basicsize = sizeof(seq_iter),
                                    .iter = self_iter, .next = gen_seq_next};
pv py_seq_iter_new(pv seq)
{
    seq_iter *it = (seq_iter *)py_new(&gen_seq_iter_type, sizeof(seq_iter));
    it->seq = seq;
    return (pv)it;
}

/* ---------------- range ---------------- */

typedef struct { py_obj ob; intptr_t cur, step, left; } range_iter;
static py_type range_iter_type;

/* ranges whose bounds do not fit the small fields: arithmetic on Python ints */
static pv big_range_new(pv *args, size_t n)
{
    pv start = n == 1 ? PY_MKSMALL(0) : args[0], stop = n == 1 ? args[0] : args[1];
    pv step = n == 3 ? args[2] : PY_MKSMALL(1);
    if (py_int_sign(step) == 0)
        return py_raise(py_exc_ValueError, "range() arg 3 must not be zero");
    pv len;
    int pos = py_int_sign(step) > 0;
    pv diff = pos ? py_binop(PY_NB_SUB, stop, start) : py_binop(PY_NB_SUB, start, stop);
    if (py_int_sign(diff) <= 0)
        len = PY_MKSMALL(0);
    else {
        pv st = pos ? step : py_neg(step);
        len = py_binop(PY_NB_ADD, py_binop(PY_NB_FLOORDIV, py_binop(PY_NB_SUB, diff, PY_MKSMALL(1)), st), PY_MKSMALL(1));
    }
    py_range *r = (py_range *)py_new(&py_range_type, sizeof(py_range));
    r->big = py_tuple_pack(4, start, stop, step, len);
    r->len = -1;
    return (pv)r;
}

static pv big_range_item(py_range *r, pv idx)
{
    py_tuple *b = PY_TUPLE(r->big);
    pv i = idx;
    if (py_int_sign(i) < 0)
        i = py_binop(PY_NB_ADD, i, b->items[3]);
    if (py_int_sign(i) < 0 || py_int_cmp(i, b->items[3]) >= 0)
        return py_raise(py_exc_IndexError, "range object index out of range");
    return py_binop(PY_NB_ADD, b->items[0], py_binop(PY_NB_MUL, i, b->items[2]));
}

static pv range_new_t(py_type *t, pv *args, size_t n, pv kw)
{
    if (n < 1 || n > 3) {
        if (n == 0)
            return py_raise(py_exc_TypeError, "range expected at least 1 argument, got 0");
        return py_raise(py_exc_TypeError, "range expected at most 3 arguments, got %zu", n);
    }
    intptr_t v[3] = {0, 0, 1};
    for (size_t i = 0; i < n; i++) {
        if (PY_ISFLOAT(args[i]) || (!PY_ISINT(args[i]) && !(py_typeof(args[i])->flags & PY_TF_HEAP)))
            return py_raise(py_exc_TypeError, "'%s' object cannot be interpreted as an integer",
                            py_tname(args[i]));
        if (PY_ISINT(args[i]) && py_int_bitlen(args[i]) > 61)
            return big_range_new(args, n);
        int err = 0;
        v[i] = py_index(args[i], &err);
        if (err)
            return NULL;
    }
    py_range *r = (py_range *)py_new(&py_range_type, sizeof(py_range));
    if (n == 1) {
        r->start = 0;
        r->stop = v[0];
        r->step = 1;
    } else {
        r->start = v[0];
        r->stop = v[1];
        r->step = n == 3 ? v[2] : 1;
    }
    if (r->step == 0)
        return py_raise(py_exc_ValueError, "range() arg 3 must not be zero");
    if (r->step > 0)
        r->len = r->start < r->stop ? (r->stop - r->start - 1) / r->step + 1 : 0;
    else
        r->len = r->start > r->stop ? (r->start - r->stop - 1) / (-r->step) + 1 : 0;
    return (pv)r;
}

static pv range_repr(pv o)
{
    py_range *r = (py_range *)o;
    if (r->big) {
        py_tuple *b = PY_TUPLE(r->big);
        pv a = py_repr(b->items[0]), z = py_repr(b->items[1]), s = py_repr(b->items[2]);
        if (PY_ISSMALL(b->items[2]) && PY_SMALLVAL(b->items[2]) == 1)
            return py_str_fmt("range(%s, %s)", py_cstr(a), py_cstr(z));
        return py_str_fmt("range(%s, %s, %s)", py_cstr(a), py_cstr(z), py_cstr(s));
    }
    if (r->step == 1)
        return py_str_fmt("range(%ld, %ld)", (long)r->start, (long)r->stop);
    return py_str_fmt("range(%ld, %ld, %ld)", (long)r->start, (long)r->stop, (long)r->step);
}
static intptr_t range_len(pv o)
{
    py_range *r = (py_range *)o;
    if (r->big) {
        int64_t l;
        if (py_int_to_i64(PY_TUPLE(r->big)->items[3], &l) < 0 || !PY_FITS_SMALL(l)) {
            py_exc_clear();
            py_raise(py_exc_OverflowError, "Python int too large to convert to C ssize_t");
            return -1;
        }
        return (intptr_t)l;
    }
    return r->len;
}
static int range_truth(pv o)
{
    py_range *r = (py_range *)o;
    return r->big ? py_int_sign(PY_TUPLE(r->big)->items[3]) != 0 : r->len != 0;
}
static pv range_getitem(pv o, pv k)
{
    py_range *r = (py_range *)o;
    if (r->big) {
        if (!PY_ISINT(k))
            return py_raise(py_exc_TypeError, "range indices must be integers");
        return big_range_item(r, k);
    }
    if (PY_IS(k, slice)) {
        intptr_t a, b, st;
        size_t len;
        if (py_slice_indices(k, (size_t)r->len, &a, &b, &st, &len) < 0)
            return NULL;
        py_range *s = (py_range *)py_new(&py_range_type, sizeof(py_range));
        s->start = r->start + a * r->step;
        s->step = r->step * st;
        s->stop = s->start + (intptr_t)len * s->step;
        s->len = (intptr_t)len;
        return (pv)s;
    }
    int err = 0;
    intptr_t i = py_index(k, &err);
    if (err)
        return NULL;
    if (i < 0)
        i += r->len;
    if (i < 0 || i >= r->len)
        return py_raise(py_exc_IndexError, "range object index out of range");
    return PY_MKSMALL(r->start + i * r->step);
}
static int range_contains(pv o, pv v)
{
    py_range *r = (py_range *)o;
    if (r->big) {
        if (!PY_ISINT(v))
            return 0;
        py_tuple *b = PY_TUPLE(r->big);
        pv i = py_binop(PY_NB_SUB, v, b->items[0]);
        pv q = py_binop(PY_NB_FLOORDIV, i, b->items[2]);
        if (!i || !q)
            return -1;
        pv back = py_binop(PY_NB_ADD, b->items[0], py_binop(PY_NB_MUL, q, b->items[2]));
        return py_int_sign(q) >= 0 && py_int_cmp(q, b->items[3]) < 0 && py_int_cmp(back, v) == 0;
    }
    if (!PY_ISSMALL(v)) {
        if (PY_ISINT(v) || PY_ISFLOAT(v) || !PY_ISINT(v)) {
            /* generic: compare each (rare) */
            for (intptr_t i = 0; i < r->len; i++) {
                int e = py_eq(PY_MKSMALL(r->start + i * r->step), v);
                if (e)
                    return e;
            }
        }
        return 0;
    }
    intptr_t x = PY_SMALLVAL(v);
    if (r->step > 0 ? (x < r->start || x >= r->stop) : (x > r->start || x <= r->stop))
        return 0;
    return (x - r->start) % r->step == 0;
}
static pv range_iter_slot(pv o)
{
    py_range *r = (py_range *)o;
    if (r->big)
        return py_raise(py_exc_OverflowError, "Python int too large to convert to C long");
    range_iter *it = (range_iter *)py_new(&range_iter_type, sizeof(range_iter));
    it->cur = r->start;
    it->step = r->step;
    it->left = r->len;
    return (pv)it;
}
static pv range_iter_next(pv o)
{
    range_iter *it = (range_iter *)o;
    if (it->left <= 0)
        return NULL;
    it->left--;
    intptr_t v = it->cur;
    it->cur += it->step;
    return PY_MKSMALL(v);
}
static py_type range_iter_type = {.name = "range_iterator", .basicsize = sizeof(range_iter),
                                  .iter = self_iter, .next = range_iter_next};
pv py_range_reversed(pv o)
{
    py_range *r = (py_range *)o;
    if (r->big)
        return py_raise(py_exc_OverflowError, "Python int too large to convert to C long");
    range_iter *it = (range_iter *)py_new(&range_iter_type, sizeof(range_iter));
    it->cur = r->start + (r->len - 1) * r->step;
    it->step = -r->step;
    it->left = r->len;
    return (pv)it;
}
static pv rm_start(pv s, pv *a, size_t n, pv kw);
static pv rm_stop(pv s, pv *a, size_t n, pv kw);
static pv rm_step(pv s, pv *a, size_t n, pv kw);

static pv range_richcmp(pv a, pv b, int op)
{
    if (!PY_IS(b, range) || (op != PY_EQ && op != PY_NE))
        return py_NotImplemented;
    if (((py_range *)a)->big || ((py_range *)b)->big) {
        pv ta = py_tuple_pack(3, rm_start(a, NULL, 0, NULL), rm_stop(a, NULL, 0, NULL), rm_step(a, NULL, 0, NULL));
        pv tb = py_tuple_pack(3, rm_start(b, NULL, 0, NULL), rm_stop(b, NULL, 0, NULL), rm_step(b, NULL, 0, NULL));
        return py_richcmp(ta, tb, op);
    }
    py_range *x = (py_range *)a, *y = (py_range *)b;
    int eq = x->len == y->len && (x->len == 0 || (x->start == y->start && (x->len == 1 || x->step == y->step)));
    return PY_BOOL(op == PY_EQ ? eq : !eq);
}
static intptr_t range_hash(pv o)
{
    py_range *r = (py_range *)o;
    if (r->big)
        return py_hash(r->big);
    pv t = py_tuple_pack(3, PY_MKSMALL(r->len), PY_MKSMALL(r->start), PY_MKSMALL(r->step));
    return py_hash(t);
}
static pv rm_index(pv s, pv *a, size_t n, pv kw)
{
    py_range *r = (py_range *)s;
    if (r->big) {
        if (n == 1 && range_contains(s, a[0]) == 1)
            return py_binop(PY_NB_FLOORDIV, py_binop(PY_NB_SUB, a[0], PY_TUPLE(r->big)->items[0]),
                            PY_TUPLE(r->big)->items[2]);
        return py_raise(py_exc_ValueError, "value is not in range");
    }
    if (n == 1 && range_contains(s, a[0]) == 1)
        return PY_MKSMALL((PY_SMALLVAL(a[0]) - r->start) / r->step);
    return py_raise(py_exc_ValueError, "value is not in range");
}
static pv rm_count(pv s, pv *a, size_t n, pv kw) { return PY_MKSMALL(n == 1 && range_contains(s, a[0]) == 1); }
static pv big_field(pv s, int i, intptr_t small)
{
    py_range *r = (py_range *)s;
    return r->big ? PY_TUPLE(r->big)->items[i] : PY_MKSMALL(small);
}
static pv rm_start(pv s, pv *a, size_t n, pv kw) { return big_field(s, 0, ((py_range *)s)->start); }
static pv rm_stop(pv s, pv *a, size_t n, pv kw) { return big_field(s, 1, ((py_range *)s)->stop); }
static pv rm_step(pv s, pv *a, size_t n, pv kw) { return big_field(s, 2, ((py_range *)s)->step); }

py_type py_range_type = {.name = "range", .basicsize = sizeof(py_range), .repr = range_repr,
                         .len = range_len, .getitem = range_getitem, .contains = range_contains,
                         .iter = range_iter_slot, .tp_new = range_new_t, .richcmp = range_richcmp,
                         .hash = range_hash, .truth = range_truth};

/* ---------------- slice ---------------- */

static pv slice_repr(pv o)
{
    py_slice *s = (py_slice *)o;
    pv a = py_repr(s->start), b = py_repr(s->stop), c = py_repr(s->step);
    if (!a || !b || !c)
        return NULL;
    return py_str_fmt("slice(%s, %s, %s)", py_cstr(a), py_cstr(b), py_cstr(c));
}
static pv slice_new_t(py_type *t, pv *args, size_t n, pv kw)
{
    if (n < 1 || n > 3)
        return py_raise(py_exc_TypeError, "slice expected at least 1 argument, got %zu", n);
    if (n == 1)
        return py_slice_new(py_None, args[0], py_None);
    return py_slice_new(args[0], args[1], n == 3 ? args[2] : py_None);
}
static pv slice_getattr(pv o, pv name)
{
    py_slice *s = (py_slice *)o;
    const char *n = py_cstr(name);
    if (!strcmp(n, "start"))
        return s->start;
    if (!strcmp(n, "stop"))
        return s->stop;
    if (!strcmp(n, "step"))
        return s->step;
    return py_generic_getattr(o, name);
}
static pv sm_indices(pv s, pv *a, size_t n, pv kw)
{
    if (py_nargs("indices", n, 1, 1) < 0)
        return NULL;
    int err = 0;
    intptr_t len = py_index(a[0], &err);
    if (err)
        return NULL;
    intptr_t x, y, z;
    size_t sl;
    if (py_slice_indices(s, (size_t)len, &x, &y, &z, &sl) < 0)
        return NULL;
    return py_tuple_pack(3, PY_MKSMALL(x), PY_MKSMALL(y), PY_MKSMALL(z));
}
static pv slice_richcmp(pv a, pv b, int op)
{
    if (!PY_IS(b, slice) || (op != PY_EQ && op != PY_NE))
        return py_NotImplemented;
    py_slice *x = (py_slice *)a, *y = (py_slice *)b;
    pv ta = py_tuple_pack(3, x->start, x->stop, x->step), tb = py_tuple_pack(3, y->start, y->stop, y->step);
    return py_richcmp(ta, tb, op);
}
py_type py_slice_type = {.name = "slice", .basicsize = sizeof(py_slice), .repr = slice_repr,
                         .tp_new = slice_new_t, .getattr = slice_getattr, .richcmp = slice_richcmp};

void py_list_init(void)
{
    py_type *ts[] = {&py_list_type, &py_tuple_type, &py_range_type, &py_slice_type,
                     &list_iter_type, &tuple_iter_type, &gen_seq_iter_type, &range_iter_type};
    for (size_t i = 0; i < sizeof ts / sizeof *ts; i++)
        py_type_ready(ts[i]);
    struct { const char *n; py_cfn f; } lm[] = {
        {"append", lm_append}, {"extend", lm_extend}, {"insert", lm_insert}, {"pop", lm_pop},
        {"remove", lm_remove}, {"index", lm_index}, {"count", lm_count},
        {"reverse", lm_reverse}, {"clear", lm_clear}, {"copy", lm_copy}, {"sort", lm_sort},
        {"__reversed__", lm_reversed}, {"__init__", lm_init}, {"__iadd__", lm_iadd},
        {"__imul__", lm_imul}, {"__getitem__", lm_getitem}, {"__setitem__", lm_setitem},
        {"__delitem__", lm_delitem}, {"__len__", lm_len}, {"__contains__", lm_contains},
        {"__iter__", lm_iter}, {"__add__", lm_add}, {"__repr__", lm_repr}, {"__eq__", lm_eq}};
    for (size_t i = 0; i < sizeof lm / sizeof *lm; i++)
        py_add_method(&py_list_type, lm[i].n, lm[i].f);
    py_list_type.hash = NULL;
    py_add_method(&py_tuple_type, "index", tm_index);
    py_add_method(&py_tuple_type, "count", tm_count);
    py_add_method(&py_tuple_type, "__getnewargs__", tm_getnewargs);
    py_add_method(&py_tuple_type, "__len__", tm_len);
    py_add_method(&py_tuple_type, "__getitem__", tm_getitem);
    py_add_method(&py_range_type, "index", rm_index);
    py_add_method(&py_range_type, "count", rm_count);
    py_add_getter(&py_range_type, "start", rm_start);
    py_add_getter(&py_range_type, "stop", rm_stop);
    py_add_getter(&py_range_type, "step", rm_step);
    py_add_method(&py_slice_type, "indices", sm_indices);
    py_add_method(&list_iter_type, "__length_hint__", iter_length_hint);
    (void)list_call_init;
}
