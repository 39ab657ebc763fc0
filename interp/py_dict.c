/* py_dict.c: dict (insertion-ordered, open addressing over a compact entry
 * array, as CPython 3.6+), its views and iterators, and the dict-based
 * helpers. Dicts are shared mutable objects: the built-in operations take
 * PY_LOCK (no-op in gil mode) around each access, so each is atomic; `ver`
 * is written only on modification (inline caches compare it). */
#include "py.h"
#include "py_lock.h"

#define DK_EMPTY (-1)
#define DK_DUMMY (-2)
#define MINSIZE 8
#define USABLE(n) (((n) << 1) / 3)

static int keys_eq(pv a, pv b, intptr_t hb)
{
    if (a == b)
        return 1;
    if (PY_IS(a, str) && PY_IS(b, str))
        return py_str_eq(a, b);
    if (PY_ISSMALL(a) && PY_ISSMALL(b))
        return 0;
    (void)hb;
    return py_eq(a, b);
}

/* index slot for key, or the empty slot where it would go */
static intptr_t lookup_locked(py_dict *d, pv key, intptr_t hash, size_t *slot, int *err)
{
    size_t mask = d->mask, perturb = (size_t)hash, i = (size_t)hash & mask;
    intptr_t freeslot = -1;
    *err = 0;
    if (!d->index) {
        *slot = 0;
        return -1;
    }
    for (;;) {
        int32_t ix = d->index[i];
        if (ix == DK_EMPTY) {
            *slot = freeslot >= 0 ? (size_t)freeslot : i;
            return -1;
        }
        if (ix == DK_DUMMY) {
            if (freeslot < 0)
                freeslot = (intptr_t)i;
        } else {
            py_dent *e = &d->ent[ix];
            if (e->key == key)
                goto found;
            if (e->hash == hash) {
                uint64_t ver = d->ver;
                int r = keys_eq(e->key, key, hash);
                if (r < 0) {
                    *err = 1;
                    return -1;
                }
                if (ver != d->ver) /* mutated by __eq__: start over */
                    return lookup_locked(d, key, hash, slot, err);
                if (r)
                    goto found;
            }
        }
        perturb >>= 5;
        i = (i * 5 + perturb + 1) & mask;
        continue;
    found:
        *slot = i;
        return ix;
    }
}

static int resize_locked(py_dict *d, size_t minused)
{
    size_t size = MINSIZE;
    while (size <= minused * 3 / 2 + 1 || USABLE(size) <= minused)
        size <<= 1;
    /* through the per-thread free lists: small dicts are the common case
     * (instance attributes) and must not take the GC's allocation lock */
    int32_t *ni = py_alloc_checked(size * sizeof(int32_t));
    py_dent *ne = ni ? py_alloc_checked(USABLE(size) * sizeof(py_dent)) : NULL;
    if (!ni || !ne) {
        py_raise_nomem();
        return -1;
    }
    memset(ni, 0xff, size * sizeof(int32_t));
    size_t k = 0;
    for (size_t j = 0; j < d->nent; j++) {
        py_dent *e = &d->ent[j];
        if (!e->key)
            continue;
        ne[k] = *e;
        size_t perturb = (size_t)e->hash, i = (size_t)e->hash & (size - 1);
        while (ni[i] != DK_EMPTY) {
            perturb >>= 5;
            i = (i * 5 + perturb + 1) & (size - 1);
        }
        ni[i] = (int32_t)k++;
    }
    d->index = ni;
    d->ent = ne;
    d->mask = size - 1;
    d->entcap = USABLE(size);
    d->nent = k;
    return 0;
}

pv py_dict_new(void)
{
    py_dict *d = (py_dict *)py_new(&py_dict_type, sizeof(py_dict));
    return (pv)d;
}

intptr_t py_dict_lookup_index(pv o, pv key, intptr_t hash)
{
    size_t slot;
    int err;
    return lookup_locked((py_dict *)o, key, hash, &slot, &err);
}

pv py_dict_get(pv o, pv key)
{
    py_dict *d = (py_dict *)o;
    if (!d->used) {
        if (!PY_ISSMALL(key) && !key->type->hash) /* {}[[]] is a TypeError */
            py_hash(key);
        return NULL;
    }
    intptr_t h = py_hash(key);
    if (h == -1)
        return NULL;
    size_t slot;
    int err;
    PY_LOCK_R(o);
    intptr_t ix = lookup_locked(d, key, h, &slot, &err);
    pv r = ix >= 0 ? d->ent[ix].val : NULL;
    PY_UNLOCK_R(o);
    return r;
}

pv py_dict_gets(pv d, const char *key) { return py_dict_get(d, py_intern(key)); }

static int insert_locked(py_dict *d, pv key, intptr_t h, pv v)
{
    size_t slot;
    int err;
    intptr_t ix = lookup_locked(d, key, h, &slot, &err);
    if (err)
        return -1;
    if (ix >= 0) {
        if (d->ent[ix].val != v) {
            d->ent[ix].val = v;
            d->ver++;
        }
        return 0;
    }
    if (!d->index || d->nent >= d->entcap) {
        if (resize_locked(d, d->used + 1) < 0)
            return -1;
        ix = lookup_locked(d, key, h, &slot, &err);
    }
    d->ent[d->nent].hash = h;
    d->ent[d->nent].key = key;
    d->ent[d->nent].val = v;
    d->index[slot] = (int32_t)d->nent;
    d->nent++;
    d->used++;
    d->ver++;
    d->kver++;
    return 0;
}

int py_dict_set(pv o, pv key, pv v)
{
    intptr_t h = py_hash(key);
    if (h == -1)
        return -1;
    PY_LOCK(o);
    int r = insert_locked((py_dict *)o, key, h, v);
    PY_UNLOCK(o);
    return r;
}

int py_dict_sets(pv d, const char *key, pv v) { return py_dict_set(d, py_intern(key), v); }

int py_dict_del(pv o, pv key)
{
    py_dict *d = (py_dict *)o;
    intptr_t h = py_hash(key);
    if (h == -1)
        return -1;
    size_t slot;
    int err;
    PY_LOCK(o);
    intptr_t ix = d->used ? lookup_locked(d, key, h, &slot, &err) : -1;
    if (ix < 0) {
        PY_UNLOCK(o);
        if (!py_cur->exc) {
            pv r = py_repr(key);
            if (r)
                py_raise_obj(py_exc_new(py_exc_KeyError, &key, 1));
        }
        return -1;
    }
    d->index[slot] = DK_DUMMY;
    d->ent[ix].key = NULL;
    d->ent[ix].val = NULL;
    d->used--;
    d->ver++;
    d->kver++;
    PY_UNLOCK(o);
    return 0;
}

int py_dict_next(pv o, size_t *pos, pv *k, pv *v)
{
    py_dict *d = (py_dict *)o;
    while (*pos < d->nent) {
        py_dent *e = &d->ent[(*pos)++];
        if (e->key) {
            *k = e->key;
            if (v)
                *v = e->val;
            return 1;
        }
    }
    return 0;
}

pv py_dict_copy(pv o)
{
    pv n = py_dict_new();
    size_t pos = 0;
    pv k, v;
    PY_LOCK_R(o);
    while (py_dict_next(o, &pos, &k, &v))
        insert_locked((py_dict *)n, k, ((py_dict *)o)->ent[pos - 1].hash, v);
    PY_UNLOCK_R(o);
    return n;
}

int py_dict_update(pv d, pv other)
{
    if (PY_ISDICT(other)) {
        size_t pos = 0;
        pv k, v;
        while (py_dict_next(other, &pos, &k, &v))
            if (py_dict_set(d, k, v) < 0)
                return -1;
        return 0;
    }
    pv keys = py_getattr_opt(other, py_id_keys);
    if (keys) {
        pv ks = py_call0(keys);
        if (!ks)
            return -1;
        pv it = py_iter(ks);
        if (!it)
            return -1;
        pv k;
        while ((k = py_next(it))) {
            pv v = py_getitem(other, k);
            if (!v || py_dict_set(d, k, v) < 0)
                return -1;
        }
        return py_cur->exc ? -1 : 0;
    }
    if (py_cur->exc)
        return -1;
    pv it = py_iter(other);
    if (!it)
        return -1;
    pv item;
    size_t idx = 0;
    while ((item = py_next(it))) {
        pv seq = py_to_tuple(item);
        if (!seq) {
            py_exc_clear();
            py_raise(py_exc_TypeError, "cannot convert dictionary update sequence element #%zu to a sequence", idx);
            return -1;
        }
        if (PY_TUPLE(seq)->n != 2) {
            py_raise(py_exc_ValueError,
                     "dictionary update sequence element #%zu has length %zu; 2 is required", idx,
                     PY_TUPLE(seq)->n);
            return -1;
        }
        if (py_dict_set(d, PY_TUPLE(seq)->items[0], PY_TUPLE(seq)->items[1]) < 0)
            return -1;
        idx++;
    }
    return py_cur->exc ? -1 : 0;
}

/* ---------------- slots ---------------- */

static pv dict_repr(pv o)
{
    py_dict *d = (py_dict *)o;
    if (!d->used)
        return py_str_c("{}");
    if (py_repr_enter(o))
        return py_str_c("{...}");
    py_sb b = {0};
    py_sb_addc(&b, '{');
    size_t pos = 0;
    pv k, v;
    int first = 1;
    while (py_dict_next(o, &pos, &k, &v)) {
        if (!first)
            py_sb_adds(&b, ", ");
        first = 0;
        if (py_sb_addrepr(&b, k) < 0)
            goto fail;
        py_sb_adds(&b, ": ");
        if (py_sb_addrepr(&b, v) < 0)
            goto fail;
    }
    py_sb_addc(&b, '}');
    py_repr_leave(o);
    return py_sb_finish(&b);
fail:
    py_repr_leave(o);
    return NULL;
}

static intptr_t dict_len(pv o) { return (intptr_t)((py_dict *)o)->used; }

static pv dict_getitem(pv o, pv k)
{
    pv v = py_dict_get(o, k);
    if (v || py_cur->exc)
        return v;
    py_type *t = o->type;
    if (t != &py_dict_type) {
        if (((py_dict *)o)->dflt) {
            pv f = ((py_dict *)o)->dflt;
            if (f != py_None) {
                pv nv = py_call0(f);
                if (!nv || py_dict_set(o, k, nv) < 0)
                    return NULL;
                return nv;
            }
        }
        pv m = py_type_lookup(t, py_id___missing__);
        if (m)
            return py_call2(m, o, k);
    }
    return py_raise_obj(py_exc_new(py_exc_KeyError, &k, 1));
}

static int dict_setitem(pv o, pv k, pv v)
{
    return v ? py_dict_set(o, k, v) : py_dict_del(o, k);
}

static int dict_contains(pv o, pv k)
{
    pv v = py_dict_get(o, k);
    return v ? 1 : py_cur->exc ? -1 : 0;
}

static pv dict_richcmp(pv a, pv b, int op)
{
    if (!PY_ISDICT(b) || (op != PY_EQ && op != PY_NE))
        return py_NotImplemented;
    int eq = ((py_dict *)a)->used == ((py_dict *)b)->used;
    size_t pos = 0;
    pv k, v;
    while (eq && py_dict_next(a, &pos, &k, &v)) {
        pv w = py_dict_get(b, k);
        if (!w) {
            if (py_cur->exc)
                return NULL;
            eq = 0;
            break;
        }
        int r = py_eq(v, w);
        if (r < 0)
            return NULL;
        eq = r;
    }
    return PY_BOOL(op == PY_EQ ? eq : !eq);
}

/* iterators and views */
enum { DV_KEYS, DV_VALUES, DV_ITEMS };
typedef struct { py_obj ob; pv d; size_t pos, used; int kind; } dict_iter;
typedef struct { py_obj ob; pv d; int kind; } dict_view;
static py_type dict_iter_type, dict_view_type;

static pv dict_iter_new(pv d, int kind)
{
    dict_iter *it = (dict_iter *)py_new(&dict_iter_type, sizeof(dict_iter));
    it->d = d;
    it->kind = kind;
    it->used = ((py_dict *)d)->used;
    return (pv)it;
}
static pv dict_iter_slot(pv o) { return dict_iter_new(o, DV_KEYS); }
static pv dict_iter_next(pv o)
{
    dict_iter *it = (dict_iter *)o;
    py_dict *d = (py_dict *)it->d;
    if (!d)
        return NULL;
    if (d->used != it->used) {
        it->d = NULL;
        return py_raise(py_exc_RuntimeError, "dictionary changed size during iteration");
    }
    pv k, v;
    PY_LOCK_R(it->d);
    int ok = py_dict_next((pv)d, &it->pos, &k, &v);
    PY_UNLOCK_R(it->d);
    if (!ok) {
        it->d = NULL;
        return NULL;
    }
    return it->kind == DV_KEYS ? k : it->kind == DV_VALUES ? v : py_tuple_pack(2, k, v);
}
static pv self_iter(pv o) { return o; }
static py_type dict_iter_type = {.name = "dict_keyiterator", .basicsize = sizeof(dict_iter),
                                 .iter = self_iter, .next = dict_iter_next};

static pv view_new(pv d, int kind)
{
    dict_view *v = (dict_view *)py_new(&dict_view_type, sizeof(dict_view));
    v->d = d;
    v->kind = kind;
    return (pv)v;
}
static pv view_iter(pv o) { return dict_iter_new(((dict_view *)o)->d, ((dict_view *)o)->kind); }
static intptr_t view_len(pv o) { return (intptr_t)((py_dict *)((dict_view *)o)->d)->used; }
static int view_contains(pv o, pv k)
{
    dict_view *v = (dict_view *)o;
    if (v->kind == DV_KEYS)
        return dict_contains(v->d, k);
    if (v->kind == DV_ITEMS) {
        if (!PY_IS(k, tuple) || PY_TUPLE(k)->n != 2)
            return 0;
        pv x = py_dict_get(v->d, PY_TUPLE(k)->items[0]);
        if (!x)
            return py_cur->exc ? -1 : 0;
        return py_eq(x, PY_TUPLE(k)->items[1]);
    }
    size_t pos = 0;
    pv kk, vv;
    while (py_dict_next(v->d, &pos, &kk, &vv)) {
        int r = py_eq(vv, k);
        if (r)
            return r;
    }
    return 0;
}
static pv view_repr(pv o)
{
    dict_view *v = (dict_view *)o;
    pv l = py_to_list(o);
    if (!l)
        return NULL;
    pv r = py_repr(l);
    if (!r)
        return NULL;
    static const char *const names[] = {"dict_keys", "dict_values", "dict_items"};
    return py_str_fmt("%s(%s)", names[v->kind], py_cstr(r));
}
static pv view_setop(pv a, pv b, int op)
{
    if (!(!PY_ISSMALL(a) && a->type == &dict_view_type) && !PY_ISSETLIKE(a))
        return py_NotImplemented;
    pv sa = py_set_new(&py_set_type);
    pv it = py_iter(a);
    pv x;
    if (!it)
        return NULL;
    while ((x = py_next(it)))
        py_set_add(sa, x);
    pv sb = py_set_new(&py_set_type);
    it = py_iter(b);
    if (!it)
        return NULL;
    while ((x = py_next(it)))
        py_set_add(sb, x);
    return py_binop(op, sa, sb);
}
static pv view_and(pv a, pv b) { return view_setop(a, b, PY_NB_AND); }
static pv view_or(pv a, pv b) { return view_setop(a, b, PY_NB_OR); }
static pv view_sub(pv a, pv b) { return view_setop(a, b, PY_NB_SUB); }
static pv view_xor(pv a, pv b) { return view_setop(a, b, PY_NB_XOR); }
static pv view_richcmp(pv a, pv b, int op)
{
    if (op != PY_EQ && op != PY_NE)
        return py_NotImplemented;
    dict_view *v = (dict_view *)a;
    if (v->kind == DV_VALUES)
        return PY_BOOL((a == b) == (op == PY_EQ));
    pv sa = view_setop(a, py_tuple_new(0), PY_NB_OR);
    pv sb;
    if ((!PY_ISSMALL(b) && b->type == &dict_view_type) || PY_ISSETLIKE(b))
        sb = view_setop(b, py_tuple_new(0), PY_NB_OR);
    else
        return py_NotImplemented;
    if (!sa || !sb)
        return NULL;
    return py_richcmp(sa, sb, op);
}
static pv view_reversed(pv s, pv *a, size_t n, pv kw)
{
    pv l = py_to_list(s);
    if (!l)
        return NULL;
    extern pv py_list_reversed(pv);
    return py_list_reversed(l);
}
static pv view_isdisjoint(pv s, pv *a, size_t n, pv kw)
{
    pv it = py_iter(a[0]);
    pv x;
    if (!it)
        return NULL;
    while ((x = py_next(it))) {
        int r = view_contains(s, x);
        if (r)
            return r < 0 ? NULL : py_False;
    }
    return py_True;
}
static py_type dict_view_type = {.name = "dict_keys", .basicsize = sizeof(dict_view),
                                 .iter = view_iter, .len = view_len, .contains = view_contains,
                                 .repr = view_repr, .richcmp = view_richcmp,
                                 .nb = {[PY_NB_AND] = view_and, [PY_NB_OR] = view_or,
                                        [PY_NB_SUB] = view_sub, [PY_NB_XOR] = view_xor}};

/* ---------------- methods ---------------- */

static pv dm_keys(pv s, pv *a, size_t n, pv kw) { return view_new(s, DV_KEYS); }
static pv dm_values(pv s, pv *a, size_t n, pv kw) { return view_new(s, DV_VALUES); }
static pv dm_items(pv s, pv *a, size_t n, pv kw) { return view_new(s, DV_ITEMS); }
static pv dm_get(pv s, pv *a, size_t n, pv kw)
{
    if (py_nargs("get", n, 1, 2) < 0)
        return NULL;
    pv v = py_dict_get(s, a[0]);
    if (v || py_cur->exc)
        return v;
    return n > 1 ? a[1] : py_None;
}
static pv dm_setdefault(pv s, pv *a, size_t n, pv kw)
{
    if (py_nargs("setdefault", n, 1, 2) < 0)
        return NULL;
    PY_LOCK(s);
    pv v = py_dict_get(s, a[0]);
    if (!v && !py_cur->exc) {
        v = n > 1 ? a[1] : py_None;
        if (py_dict_set(s, a[0], v) < 0)
            v = NULL;
    }
    PY_UNLOCK(s);
    return v;
}
static pv dm_pop(pv s, pv *a, size_t n, pv kw)
{
    if (py_nargs("pop", n, 1, 2) < 0)
        return NULL;
    PY_LOCK(s);
    pv v = py_dict_get(s, a[0]);
    if (v)
        py_dict_del(s, a[0]);
    PY_UNLOCK(s);
    if (v || py_cur->exc)
        return v;
    if (n > 1)
        return a[1];
    return py_raise_obj(py_exc_new(py_exc_KeyError, a, 1));
}
static pv dm_popitem(pv s, pv *a, size_t n, pv kw)
{
    py_dict *d = (py_dict *)s;
    PY_LOCK(s);
    for (size_t i = d->nent; i-- > 0;) {
        if (d->ent[i].key) {
            pv k = d->ent[i].key, v = d->ent[i].val;
            py_dict_del(s, k);
            d->nent = i;
            PY_UNLOCK(s);
            return py_tuple_pack(2, k, v);
        }
    }
    PY_UNLOCK(s);
    return py_raise(py_exc_KeyError, "popitem(): dictionary is empty");
}
static pv dm_update(pv s, pv *a, size_t n, pv kw)
{
    if (py_nargs("update", n, 0, 1) < 0)
        return NULL;
    if (n && py_dict_update(s, a[0]) < 0)
        return NULL;
    for (size_t i = 0; i < PY_NKW(kw); i++)
        if (py_dict_set(s, PY_TUPLE(kw)->items[i], a[n + i]) < 0)
            return NULL;
    return py_None;
}
static pv dm_clear(pv s, pv *a, size_t n, pv kw)
{
    py_dict *d = (py_dict *)s;
    PY_LOCK(s);
    d->index = NULL;
    d->ent = NULL;
    d->used = d->nent = d->entcap = d->mask = 0;
    d->ver++;
    d->kver++;
    PY_UNLOCK(s);
    return py_None;
}
static pv dm_copy(pv s, pv *a, size_t n, pv kw)
{
    pv c = py_dict_copy(s);
    if (s->type != &py_dict_type && ((py_dict *)s)->dflt) {
        c->type = s->type;
        ((py_dict *)c)->dflt = ((py_dict *)s)->dflt;
    }
    return c;
}
static pv dm_fromkeys(pv cls, pv *a, size_t n, pv kw)
{
    if (py_nargs("fromkeys", n, 1, 2) < 0)
        return NULL;
    pv d = py_call0(cls);
    if (!d)
        return NULL;
    pv it = py_iter(a[0]);
    if (!it)
        return NULL;
    pv k;
    while ((k = py_next(it)))
        if (py_setitem(d, k, n > 1 ? a[1] : py_None) < 0)
            return NULL;
    return py_cur->exc ? NULL : d;
}
static pv dm_init(pv s, pv *a, size_t n, pv kw) { return dm_update(s, a, n, kw); }
static pv dm_getitem(pv s, pv *a, size_t n, pv kw) { return dict_getitem(s, a[0]); }
static pv dm_setitem(pv s, pv *a, size_t n, pv kw) { return py_dict_set(s, a[0], a[1]) < 0 ? NULL : py_None; }
static pv dm_delitem(pv s, pv *a, size_t n, pv kw) { return py_dict_del(s, a[0]) < 0 ? NULL : py_None; }
static pv dm_contains(pv s, pv *a, size_t n, pv kw)
{
    int r = dict_contains(s, a[0]);
    return r < 0 ? NULL : PY_BOOL(r);
}
static pv dm_len(pv s, pv *a, size_t n, pv kw) { return PY_MKSMALL(((py_dict *)s)->used); }
static pv dm_iter(pv s, pv *a, size_t n, pv kw) { return dict_iter_new(s, DV_KEYS); }
static pv dm_repr(pv s, pv *a, size_t n, pv kw) { return dict_repr(s); }
static pv dm_reversed(pv s, pv *a, size_t n, pv kw) { return view_reversed(view_new(s, DV_KEYS), a, n, kw); }
static pv dict_or(pv a, pv b)
{
    if (!PY_ISDICT(a) || !PY_ISDICT(b))
        return py_NotImplemented;
    pv c = py_dict_copy(a);
    return py_dict_update(c, b) < 0 ? NULL : c;
}
static pv dm_ior(pv s, pv *a, size_t n, pv kw) { return py_dict_update(s, a[0]) < 0 ? NULL : s; }

static pv dict_new_t(py_type *t, pv *args, size_t n, pv kw)
{
    py_dict *d = (py_dict *)py_new(t, t->basicsize);
    if (t == &py_dict_type && dm_update((pv)d, args, n, kw) == NULL)
        return NULL;
    return (pv)d;
}

py_type py_dict_type = {
    .name = "dict", .basicsize = sizeof(py_dict), .dictoffset = offsetof(py_dict, dict),
    .repr = dict_repr, .len = dict_len, .getitem = dict_getitem, .setitem = dict_setitem,
    .contains = dict_contains, .richcmp = dict_richcmp, .iter = dict_iter_slot,
    .tp_new = dict_new_t, .flags = PY_TF_BASETYPE, .nb = {[PY_NB_OR] = dict_or}};

void py_dict_init(void)
{
    py_type_ready(&py_dict_type);
    py_dict_type.hash = NULL;
    py_type_ready(&dict_iter_type);
    py_type_ready(&dict_view_type);
    struct { const char *n; py_cfn f; } m[] = {
        {"keys", dm_keys}, {"values", dm_values}, {"items", dm_items}, {"get", dm_get},
        {"setdefault", dm_setdefault}, {"pop", dm_pop}, {"popitem", dm_popitem},
        {"update", dm_update}, {"clear", dm_clear}, {"copy", dm_copy}, {"__init__", dm_init},
        {"__getitem__", dm_getitem}, {"__setitem__", dm_setitem}, {"__delitem__", dm_delitem},
        {"__contains__", dm_contains}, {"__len__", dm_len}, {"__iter__", dm_iter},
        {"__repr__", dm_repr}, {"__reversed__", dm_reversed}, {"__ior__", dm_ior}};
    for (size_t i = 0; i < sizeof m / sizeof *m; i++)
        py_add_method(&py_dict_type, m[i].n, m[i].f);
    py_add_cls_method(&py_dict_type, "fromkeys", dm_fromkeys);
    py_add_method(&dict_view_type, "__reversed__", view_reversed);
    py_add_method(&dict_view_type, "isdisjoint", view_isdisjoint);
}
