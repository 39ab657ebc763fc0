/* py_set.c: set and frozenset, with CPython's table layout and probe order
 * (linear probes of 9, then perturbation), so that iteration order (and so
 * printed output) matches CPython for ints and other deterministic hashes.
 * A set is a shared mutable object: operations take PY_LOCK (no-op in gil
 * mode); frozensets are immutable. */
#include "py.h"
#include "py_lock.h"

#define SET_MINSIZE 8
#define LINEAR_PROBES 9
#define PERTURB_SHIFT 5
static py_obj dummy_obj;
#define DUMMY (&dummy_obj)

pv py_set_new(py_type *t)
{
    py_set *s = (py_set *)py_new(t, t->basicsize ? t->basicsize : sizeof(py_set));
    s->table = py_alloc(SET_MINSIZE * sizeof(py_sent));
    s->mask = SET_MINSIZE - 1;
    s->hash = -1;
    return (pv)s;
}

static void insert_clean(py_sent *table, size_t mask, pv key, intptr_t hash)
{
    size_t perturb = (size_t)hash, i = (size_t)hash & mask;
    for (;;) {
        py_sent *e = &table[i];
        if (!e->key)
            goto found;
        if (i + LINEAR_PROBES <= mask) {
            for (int j = 0; j < LINEAR_PROBES; j++) {
                e++;
                if (!e->key)
                    goto found;
            }
        }
        perturb >>= PERTURB_SHIFT;
        i = (i * 5 + 1 + perturb) & mask;
        continue;
    found:
        e->key = key;
        e->hash = hash;
        return;
    }
}

static int resize_locked(py_set *s, size_t minused)
{
    size_t newsize = SET_MINSIZE;
    while (newsize <= minused)
        newsize <<= 1;
    py_sent *nt = py_alloc_checked(newsize * sizeof(py_sent));
    if (!nt) {
        py_raise_nomem();
        return -1;
    }
    for (size_t i = 0; i <= s->mask; i++) {
        py_sent *e = &s->table[i];
        if (e->key && e->key != DUMMY)
            insert_clean(nt, newsize - 1, e->key, e->hash);
    }
    s->table = nt;
    s->mask = newsize - 1;
    s->fill = s->used;
    return 0;
}

static int add_entry_locked(py_set *s, pv key, intptr_t hash)
{
restart:;
    size_t mask = s->mask, perturb = (size_t)hash, i = (size_t)hash & mask;
    py_sent *freeslot = NULL, *e;
    for (;;) {
        e = &s->table[i];
        int probes = (i + LINEAR_PROBES <= mask) ? LINEAR_PROBES : 0;
        do {
            if (e->hash == 0 && e->key == NULL)
                goto found_unused_or_dummy;
            if (e->hash == hash && e->key != DUMMY) {
                pv ek = e->key;
                if (ek == key)
                    return 0;
                py_sent *table = s->table;
                int r = py_eq(ek, key);
                if (r < 0)
                    return -1;
                if (table != s->table || e->key != ek)
                    goto restart;
                if (r)
                    return 0;
                mask = s->mask;
            } else if (e->key == DUMMY && !freeslot)
                freeslot = e;
            e++;
        } while (probes--);
        perturb >>= PERTURB_SHIFT;
        i = (i * 5 + 1 + perturb) & mask;
    }
found_unused_or_dummy:
    if (freeslot) {
        s->used++;
        freeslot->key = key;
        freeslot->hash = hash;
        return 0;
    }
    s->fill++;
    s->used++;
    e->key = key;
    e->hash = hash;
    if (s->fill * 5 < mask * 3)
        return 0;
    return resize_locked(s, s->used > 50000 ? s->used * 2 : s->used * 4);
}

static py_sent *find_locked(py_set *s, pv key, intptr_t hash, int *err)
{
    size_t mask = s->mask, perturb = (size_t)hash, i = (size_t)hash & mask;
    *err = 0;
    for (;;) {
        py_sent *e = &s->table[i];
        int probes = (i + LINEAR_PROBES <= mask) ? LINEAR_PROBES : 0;
        do {
            if (e->hash == 0 && e->key == NULL)
                return NULL;
            if (e->hash == hash && e->key != DUMMY) {
                if (e->key == key)
                    return e;
                int r = py_eq(e->key, key);
                if (r < 0) {
                    *err = 1;
                    return NULL;
                }
                if (r)
                    return e;
            }
            e++;
        } while (probes--);
        perturb >>= PERTURB_SHIFT;
        i = (i * 5 + 1 + perturb) & mask;
    }
}

int py_set_add(pv o, pv key)
{
    intptr_t h = py_hash(key);
    if (h == -1)
        return -1;
    PY_LOCK(o);
    int r = add_entry_locked((py_set *)o, key, h);
    PY_UNLOCK(o);
    return r;
}

int py_set_contains(pv o, pv key)
{
    intptr_t h = py_hash(key);
    if (h == -1) {
        if (PY_ISSETLIKE(key) && py_exc_matches(py_exc_TypeError)) {
            py_exc_clear(); /* set in set: compare as frozenset */
            pv f = py_set_new(&py_frozenset_type);
            size_t pos = 0;
            pv k;
            while (py_set_next(key, &pos, &k))
                py_set_add(f, k);
            return py_set_contains(o, f);
        }
        return -1;
    }
    int err;
    PY_LOCK_R(o);
    py_sent *e = find_locked((py_set *)o, key, h, &err);
    PY_UNLOCK_R(o);
    return err ? -1 : e != NULL;
}

int py_set_discard(pv o, pv key)
{
    intptr_t h = py_hash(key);
    if (h == -1)
        return -1;
    int err;
    PY_LOCK(o);
    py_sent *e = find_locked((py_set *)o, key, h, &err);
    if (e) {
        e->key = DUMMY;
        e->hash = -1;
        ((py_set *)o)->used--;
    }
    PY_UNLOCK(o);
    return err ? -1 : e != NULL;
}

int py_set_next(pv o, size_t *pos, pv *k)
{
    py_set *s = (py_set *)o;
    while (*pos <= s->mask) {
        py_sent *e = &s->table[(*pos)++];
        if (e->key && e->key != DUMMY) {
            *k = e->key;
            return 1;
        }
    }
    return 0;
}

static int merge_locked(py_set *s, pv other)
{
    if (PY_ISSETLIKE(other)) {
        py_set *o = (py_set *)other;
        if ((s->fill + o->used) * 5 >= s->mask * 3)
            if (resize_locked(s, (s->used + o->used) * 2) < 0)
                return -1;
        if (s->fill == 0 && s->mask == o->mask && o->fill == o->used) {
            for (size_t i = 0; i <= o->mask; i++)
                if (o->table[i].key && o->table[i].key != DUMMY) {
                    s->table[i] = o->table[i];
                }
            s->fill = s->used = o->used;
            return 0;
        }
        if (s->fill == 0) {
            for (size_t i = 0; i <= o->mask; i++)
                if (o->table[i].key && o->table[i].key != DUMMY) {
                    insert_clean(s->table, s->mask, o->table[i].key, o->table[i].hash);
                    s->fill++;
                    s->used++;
                }
            return 0;
        }
        for (size_t i = 0; i <= o->mask; i++)
            if (o->table[i].key && o->table[i].key != DUMMY)
                if (add_entry_locked(s, o->table[i].key, o->table[i].hash) < 0)
                    return -1;
        return 0;
    }
    if (PY_ISDICT(other)) {
        py_dict *d = (py_dict *)other;
        if ((s->fill + d->used) * 5 >= s->mask * 3)
            if (resize_locked(s, (s->used + d->used) * 2) < 0)
                return -1;
        for (size_t i = 0; i < d->nent; i++)
            if (d->ent[i].key && add_entry_locked(s, d->ent[i].key, d->ent[i].hash) < 0)
                return -1;
        return 0;
    }
    pv it = py_iter(other);
    if (!it)
        return -1;
    pv x;
    while ((x = py_next(it))) {
        intptr_t h = py_hash(x);
        if (h == -1 || add_entry_locked(s, x, h) < 0)
            return -1;
    }
    return py_cur->exc ? -1 : 0;
}

static int set_update(pv s, pv other)
{
    PY_LOCK(s);
    int r = merge_locked((py_set *)s, other);
    PY_UNLOCK(s);
    return r;
}

static pv set_copy_as(pv s, py_type *t)
{
    pv n = py_set_new(t);
    if (set_update(n, s) < 0)
        return NULL;
    return n;
}

/* ---------------- slots ---------------- */

static pv set_repr(pv o)
{
    py_set *s = (py_set *)o;
    int frozen = !py_isinst(o, &py_set_type);
    const char *tn = py_typeof(o)->name;
    if (!s->used)
        return py_str_fmt("%s()", tn);
    if (py_repr_enter(o))
        return py_str_fmt("%s(...)", tn);
    py_sb b = {0};
    int plain = o->type == &py_set_type;
    if (!plain) {
        py_sb_adds(&b, tn);
        py_sb_adds(&b, "({");
    } else
        py_sb_addc(&b, '{');
    size_t pos = 0;
    pv k;
    int first = 1;
    while (py_set_next(o, &pos, &k)) {
        if (!first)
            py_sb_adds(&b, ", ");
        first = 0;
        if (py_sb_addrepr(&b, k) < 0) {
            py_repr_leave(o);
            return NULL;
        }
    }
    py_sb_adds(&b, plain ? "}" : "})");
    (void)frozen;
    py_repr_leave(o);
    return py_sb_finish(&b);
}

static intptr_t set_len(pv o) { return (intptr_t)((py_set *)o)->used; }
static int set_contains_slot(pv o, pv k) { return py_set_contains(o, k); }

typedef struct { py_obj ob; pv s; size_t pos, used; } set_iter;
static py_type set_iter_type;
static pv set_iter_new(pv o)
{
    set_iter *it = (set_iter *)py_new(&set_iter_type, sizeof(set_iter));
    it->s = o;
    it->used = ((py_set *)o)->used;
    return (pv)it;
}
static pv set_iter_next(pv o)
{
    set_iter *it = (set_iter *)o;
    if (!it->s)
        return NULL;
    if (((py_set *)it->s)->used != it->used) {
        it->s = NULL;
        return py_raise(py_exc_RuntimeError, "Set changed size during iteration");
    }
    pv k;
    if (!py_set_next(it->s, &it->pos, &k)) {
        it->s = NULL;
        return NULL;
    }
    return k;
}
static pv self_iter(pv o) { return o; }
static py_type set_iter_type = {.name = "set_iterator", .basicsize = sizeof(set_iter),
                                .iter = self_iter, .next = set_iter_next};

static int subset_of(pv a, pv b)
{
    if (((py_set *)a)->used > ((py_set *)b)->used)
        return 0;
    size_t pos = 0;
    pv k;
    while (py_set_next(a, &pos, &k)) {
        int r = py_set_contains(b, k);
        if (r <= 0)
            return r;
    }
    return 1;
}

static pv set_richcmp(pv a, pv b, int op)
{
    if (!PY_ISSETLIKE(b))
        return py_NotImplemented;
    size_t na = ((py_set *)a)->used, nb = ((py_set *)b)->used;
    int r;
    switch (op) {
    case PY_EQ:
    case PY_NE:
        r = na == nb ? subset_of(a, b) : 0;
        if (r < 0)
            return NULL;
        return PY_BOOL(op == PY_EQ ? r : !r);
    case PY_LE: r = subset_of(a, b); break;
    case PY_GE: r = subset_of(b, a); break;
    case PY_LT: r = na < nb ? subset_of(a, b) : 0; break;
    default: r = nb < na ? subset_of(b, a) : 0; break;
    }
    return r < 0 ? NULL : PY_BOOL(r);
}

static pv set_intersection2(pv a, pv b, py_type *t)
{
    pv res = py_set_new(t);
    if (PY_ISSETLIKE(b)) {
        if (((py_set *)b)->used > ((py_set *)a)->used) {
            pv tmp = a;
            a = b;
            b = tmp;
        }
        size_t pos = 0;
        pv k;
        while (py_set_next(b, &pos, &k)) {
            int r = py_set_contains(a, k);
            if (r < 0 || (r && py_set_add(res, k) < 0))
                return NULL;
        }
        return res;
    }
    pv it = py_iter(b);
    if (!it)
        return NULL;
    pv k;
    while ((k = py_next(it))) {
        int r = py_set_contains(a, k);
        if (r < 0 || (r && py_set_add(res, k) < 0))
            return NULL;
    }
    return py_cur->exc ? NULL : res;
}

static pv set_difference2(pv a, pv b, py_type *t)
{
    pv res = py_set_new(t);
    pv other = b;
    if (!PY_ISSETLIKE(b) && !PY_ISDICT(b)) {
        other = py_set_new(&py_set_type);
        if (set_update(other, b) < 0)
            return NULL;
    }
    size_t pos = 0;
    pv k;
    while (py_set_next(a, &pos, &k)) {
        int r = PY_ISDICT(other) ? (py_dict_get(other, k) != NULL) : py_set_contains(other, k);
        if (r < 0 || (!r && py_set_add(res, k) < 0))
            return NULL;
    }
    return res;
}

static pv set_symdiff2(pv a, pv b, py_type *t)
{
    pv res = set_copy_as(a, t);
    pv other = b;
    if (!PY_ISSETLIKE(b)) {
        other = py_set_new(&py_set_type);
        if (set_update(other, b) < 0)
            return NULL;
    }
    size_t pos = 0;
    pv k;
    while (py_set_next(other, &pos, &k)) {
        int r = py_set_discard(res, k);
        if (r < 0 || (!r && py_set_add(res, k) < 0))
            return NULL;
    }
    return res;
}

static py_type *res_type(pv a) { return py_isinst(a, &py_frozenset_type) ? &py_frozenset_type : &py_set_type; }

static pv set_or(pv a, pv b)
{
    if (!PY_ISSETLIKE(a) || !PY_ISSETLIKE(b))
        return py_NotImplemented;
    pv r = set_copy_as(a, res_type(a));
    return r && set_update(r, b) == 0 ? r : NULL;
}
static pv set_and(pv a, pv b)
{
    if (!PY_ISSETLIKE(a) || !PY_ISSETLIKE(b))
        return py_NotImplemented;
    return set_intersection2(a, b, res_type(a));
}
static pv set_sub(pv a, pv b)
{
    if (!PY_ISSETLIKE(a) || !PY_ISSETLIKE(b))
        return py_NotImplemented;
    return set_difference2(a, b, res_type(a));
}
static pv set_xor(pv a, pv b)
{
    if (!PY_ISSETLIKE(a) || !PY_ISSETLIKE(b))
        return py_NotImplemented;
    return set_symdiff2(a, b, res_type(a));
}

static uint64_t shuffle_bits(uint64_t h) { return ((h ^ 89869747UL) ^ (h << 16)) * 3644798167UL; }

static intptr_t frozenset_hash(pv o)
{
    py_set *s = (py_set *)o;
    if (s->hash != -1)
        return s->hash;
    uint64_t h = 0;
    for (size_t i = 0; i <= s->mask; i++)
        if (s->table[i].key && s->table[i].key != DUMMY)
            h ^= shuffle_bits((uint64_t)s->table[i].hash);
    h ^= ((uint64_t)s->used + 1) * 1927868237UL;
    h ^= (h >> 11) ^ (h >> 25);
    h = h * 69069U + 907133923UL;
    intptr_t r = (intptr_t)h;
    if (r == -1)
        r = 590923713L;
    s->hash = r;
    return r;
}

/* ---------------- methods ---------------- */

static pv sm_add(pv s, pv *a, size_t n, pv kw)
{
    if (py_nargs("add", n, 1, 1) < 0)
        return NULL;
    return py_set_add(s, a[0]) < 0 ? NULL : py_None;
}
static pv sm_discard(pv s, pv *a, size_t n, pv kw)
{
    if (py_nargs("discard", n, 1, 1) < 0)
        return NULL;
    return py_set_discard(s, a[0]) < 0 ? NULL : py_None;
}
static pv sm_remove(pv s, pv *a, size_t n, pv kw)
{
    if (py_nargs("remove", n, 1, 1) < 0)
        return NULL;
    int r = py_set_discard(s, a[0]);
    if (r < 0)
        return NULL;
    if (!r)
        return py_raise_obj(py_exc_new(py_exc_KeyError, a, 1));
    return py_None;
}
static pv sm_pop(pv s, pv *a, size_t n, pv kw)
{
    py_set *so = (py_set *)s;
    PY_LOCK(s);
    for (size_t i = 0; i <= so->mask; i++) {
        py_sent *e = &so->table[i];
        if (e->key && e->key != DUMMY) {
            pv k = e->key;
            e->key = DUMMY;
            e->hash = -1;
            so->used--;
            PY_UNLOCK(s);
            return k;
        }
    }
    PY_UNLOCK(s);
    return py_raise(py_exc_KeyError, "pop from an empty set");
}
static pv sm_clear(pv s, pv *a, size_t n, pv kw)
{
    py_set *so = (py_set *)s;
    PY_LOCK(s);
    so->table = py_alloc(SET_MINSIZE * sizeof(py_sent));
    so->mask = SET_MINSIZE - 1;
    so->used = so->fill = 0;
    PY_UNLOCK(s);
    return py_None;
}
static pv sm_copy(pv s, pv *a, size_t n, pv kw) { return set_copy_as(s, res_type(s)); }
static pv sm_update(pv s, pv *a, size_t n, pv kw)
{
    for (size_t i = 0; i < n; i++)
        if (set_update(s, a[i]) < 0)
            return NULL;
    return py_None;
}
static pv sm_union(pv s, pv *a, size_t n, pv kw)
{
    pv r = set_copy_as(s, res_type(s));
    for (size_t i = 0; r && i < n; i++)
        if (set_update(r, a[i]) < 0)
            return NULL;
    return r;
}
static pv sm_intersection(pv s, pv *a, size_t n, pv kw)
{
    pv r = s;
    if (!n)
        return set_copy_as(s, res_type(s));
    for (size_t i = 0; r && i < n; i++)
        r = set_intersection2(r, a[i], res_type(s));
    return r;
}
static pv sm_difference(pv s, pv *a, size_t n, pv kw)
{
    pv r = set_copy_as(s, res_type(s));
    for (size_t i = 0; r && i < n; i++)
        r = set_difference2(r, a[i], res_type(s));
    return r;
}
static pv sm_symdiff(pv s, pv *a, size_t n, pv kw)
{
    if (py_nargs("symmetric_difference", n, 1, 1) < 0)
        return NULL;
    return set_symdiff2(s, a[0], res_type(s));
}
static pv replace_contents(pv s, pv r)
{
    if (!r)
        return NULL;
    py_set *so = (py_set *)s, *ro = (py_set *)r;
    PY_LOCK(s);
    so->table = ro->table;
    so->mask = ro->mask;
    so->used = ro->used;
    so->fill = ro->fill;
    PY_UNLOCK(s);
    return py_None;
}
static pv sm_intersection_update(pv s, pv *a, size_t n, pv kw) { return replace_contents(s, sm_intersection(s, a, n, kw)); }
static pv sm_difference_update(pv s, pv *a, size_t n, pv kw) { return replace_contents(s, sm_difference(s, a, n, kw)); }
static pv sm_symdiff_update(pv s, pv *a, size_t n, pv kw) { return replace_contents(s, sm_symdiff(s, a, n, kw)); }
static pv as_set(pv x)
{
    if (PY_ISSETLIKE(x))
        return x;
    pv r = py_set_new(&py_set_type);
    return set_update(r, x) < 0 ? NULL : r;
}
static pv sm_issubset(pv s, pv *a, size_t n, pv kw)
{
    if (py_nargs("issubset", n, 1, 1) < 0)
        return NULL;
    pv o = as_set(a[0]);
    if (!o)
        return NULL;
    int r = subset_of(s, o);
    return r < 0 ? NULL : PY_BOOL(r);
}
static pv sm_issuperset(pv s, pv *a, size_t n, pv kw)
{
    if (py_nargs("issuperset", n, 1, 1) < 0)
        return NULL;
    pv o = as_set(a[0]);
    if (!o)
        return NULL;
    int r = subset_of(o, s);
    return r < 0 ? NULL : PY_BOOL(r);
}
static pv sm_isdisjoint(pv s, pv *a, size_t n, pv kw)
{
    if (py_nargs("isdisjoint", n, 1, 1) < 0)
        return NULL;
    pv it = py_iter(a[0]);
    if (!it)
        return NULL;
    pv k;
    while ((k = py_next(it))) {
        int r = py_set_contains(s, k);
        if (r)
            return r < 0 ? NULL : py_False;
    }
    return py_cur->exc ? NULL : py_True;
}
static pv sm_ior(pv s, pv *a, size_t n, pv kw)
{
    if (!PY_ISSETLIKE(a[0]))
        return py_NotImplemented;
    return set_update(s, a[0]) < 0 ? NULL : s;
}
static pv sm_iand(pv s, pv *a, size_t n, pv kw)
{
    if (!PY_ISSETLIKE(a[0]))
        return py_NotImplemented;
    return replace_contents(s, set_intersection2(s, a[0], &py_set_type)) ? s : NULL;
}
static pv sm_isub(pv s, pv *a, size_t n, pv kw)
{
    if (!PY_ISSETLIKE(a[0]))
        return py_NotImplemented;
    return replace_contents(s, set_difference2(s, a[0], &py_set_type)) ? s : NULL;
}
static pv sm_ixor(pv s, pv *a, size_t n, pv kw)
{
    if (!PY_ISSETLIKE(a[0]))
        return py_NotImplemented;
    return replace_contents(s, set_symdiff2(s, a[0], &py_set_type)) ? s : NULL;
}
static pv sm_init(pv s, pv *a, size_t n, pv kw)
{
    if (py_nargs("set", n, 0, 1) < 0)
        return NULL;
    sm_clear(s, NULL, 0, NULL);
    return n && set_update(s, a[0]) < 0 ? NULL : py_None;
}
static pv sm_contains(pv s, pv *a, size_t n, pv kw)
{
    int r = py_set_contains(s, a[0]);
    return r < 0 ? NULL : PY_BOOL(r);
}
static pv sm_len(pv s, pv *a, size_t n, pv kw) { return PY_MKSMALL(((py_set *)s)->used); }
static pv sm_iter(pv s, pv *a, size_t n, pv kw) { return set_iter_new(s); }

static pv set_new_t(py_type *t, pv *args, size_t n, pv kw)
{
    if (py_nargs(t->name, n, 0, 1) < 0)
        return NULL;
    pv s = py_set_new(t);
    int fill = t == &py_set_type || py_subtype(t, &py_frozenset_type);
    if (n && fill && set_update(s, args[0]) < 0)
        return NULL;
    return s;
}

py_type py_set_type = {
    .name = "set", .basicsize = sizeof(py_set), .dictoffset = offsetof(py_set, dict),
    .repr = set_repr, .len = set_len, .contains = set_contains_slot, .iter = set_iter_new,
    .richcmp = set_richcmp, .tp_new = set_new_t, .flags = PY_TF_BASETYPE,
    .nb = {[PY_NB_OR] = set_or, [PY_NB_AND] = set_and, [PY_NB_SUB] = set_sub, [PY_NB_XOR] = set_xor}};
py_type py_frozenset_type = {
    .name = "frozenset", .basicsize = sizeof(py_set), .dictoffset = offsetof(py_set, dict),
    .repr = set_repr, .len = set_len, .contains = set_contains_slot, .iter = set_iter_new,
    .richcmp = set_richcmp, .hash = frozenset_hash, .tp_new = set_new_t, .flags = PY_TF_BASETYPE,
    .nb = {[PY_NB_OR] = set_or, [PY_NB_AND] = set_and, [PY_NB_SUB] = set_sub, [PY_NB_XOR] = set_xor}};

void py_set_init(void)
{
    py_type_ready(&py_set_type);
    py_set_type.hash = NULL;
    py_type_ready(&py_frozenset_type);
    py_type_ready(&set_iter_type);
    struct { const char *n; py_cfn f; int mut; } m[] = {
        {"add", sm_add, 1}, {"discard", sm_discard, 1}, {"remove", sm_remove, 1},
        {"pop", sm_pop, 1}, {"clear", sm_clear, 1}, {"copy", sm_copy, 0},
        {"update", sm_update, 1}, {"union", sm_union, 0}, {"intersection", sm_intersection, 0},
        {"difference", sm_difference, 0}, {"symmetric_difference", sm_symdiff, 0},
        {"intersection_update", sm_intersection_update, 1},
        {"difference_update", sm_difference_update, 1},
        {"symmetric_difference_update", sm_symdiff_update, 1}, {"issubset", sm_issubset, 0},
        {"issuperset", sm_issuperset, 0}, {"isdisjoint", sm_isdisjoint, 0},
        {"__ior__", sm_ior, 1}, {"__iand__", sm_iand, 1}, {"__isub__", sm_isub, 1},
        {"__ixor__", sm_ixor, 1}, {"__init__", sm_init, 1}, {"__contains__", sm_contains, 0},
        {"__len__", sm_len, 0}, {"__iter__", sm_iter, 0}};
    for (size_t i = 0; i < sizeof m / sizeof *m; i++) {
        py_add_method(&py_set_type, m[i].n, m[i].f);
        if (!m[i].mut)
            py_add_method(&py_frozenset_type, m[i].n, m[i].f);
    }
}
