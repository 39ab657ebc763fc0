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

/* Lock discipline (py_lock.h): every operation takes the dict's lock, for
 * reading or writing, around the part that touches the tables, and never
 * calls out while holding it. The one callout a lookup can need is __eq__
 * of a key that is not a str, an int, a float or a tuple of those: the
 * probe then returns PROBE_EQ with the entry to compare, the caller drops
 * the lock, compares, takes the lock again and resumes the probe if the
 * entry is still the same one (else starts over).
 *
 * Lookups without the lock (lookup_optimistic: py_dict_get and
 * py_dict_find_str try it first, for keys that need no __eq__) so that
 * threads reading a shared dict never write its lock word: `ver` is a
 * sequence count. A change of more than one word (a new key, a deletion,
 * a resize, a clear) makes it odd first and even again after; a change of
 * one value adds 2. A reader that sees the same even `ver` before and after
 * its probe read a state that existed. Both arrays carry their size in a
 * header word (the index its mask, the entries their capacity), so a probe
 * that raced with a resize never reads outside the array it loaded; probes
 * are bounded by the mask. py_dict_entry_val (py.h, the VM's inline caches)
 * reads one entry checking its key and `kver`. So every field a lock-free
 * reader loads is stored atomically: index slots, ent, entries' hash, key
 * and val, used, ver, kver. */

#define ent_cap py_dict_ent_cap

static inline size_t index_mask(const int32_t *ix) { return ((const size_t *)ix)[-1]; }

static inline void set_index(int32_t *ix, size_t i, int32_t v) { __atomic_store_n(&ix[i], v, __ATOMIC_RELAXED); }

/* The writers' half of the sequence count (lock held). */
static inline void write_begin(py_dict *d) { __atomic_store_n(&d->ver, d->ver + 1, __ATOMIC_RELEASE); }
static inline void write_end(py_dict *d) { __atomic_store_n(&d->ver, d->ver + 1, __ATOMIC_RELEASE); }
static inline void value_changed(py_dict *d) { __atomic_store_n(&d->ver, d->ver + 2, __ATOMIC_RELEASE); }


/* A probe's position, so it can resume after an __eq__ done unlocked. */
typedef struct {
    size_t i, perturb;
    intptr_t freeslot;
    py_dent *ent;      /* the table the position belongs to */
    pv cmp_key;        /* PROBE_EQ: the entry's key to compare */
    intptr_t cmp_ix;   /* PROBE_EQ: the entry */
} probe_st;

enum { PROBE_MISS = -1, PROBE_EQ = -3 };

static void probe_start(probe_st *p, py_dict *d, intptr_t hash)
{
    p->perturb = (size_t)hash;
    p->i = (size_t)hash & d->mask;
    p->freeslot = -1;
    p->ent = d->ent;
}

static void probe_step(probe_st *p, size_t mask)
{
    p->perturb >>= 5;
    p->i = (p->i * 5 + p->perturb + 1) & mask;
}

/* Probe (lock held). Returns the entry index, PROBE_MISS with *slot the
 * index slot where the key would go, or PROBE_EQ: compare p->cmp_key with
 * key outside the lock, then probe_resume. */
static intptr_t probe_locked(py_dict *d, pv key, intptr_t hash, probe_st *p, size_t *slot)
{
    PY_ASSERT_LOCKED(d);
    if (!d->index) {
        *slot = 0;
        return PROBE_MISS;
    }
    for (;; probe_step(p, d->mask)) {
        int32_t ix = d->index[p->i];
        if (ix == DK_EMPTY) {
            *slot = p->freeslot >= 0 ? (size_t)p->freeslot : p->i;
            return PROBE_MISS;
        }
        if (ix == DK_DUMMY) {
            if (p->freeslot < 0)
                p->freeslot = (intptr_t)p->i;
            continue;
        }
        py_dent *e = &d->ent[ix];
        if (e->key == key)
            break;
        if (e->hash != hash)
            continue;
        int r = py_key_eq_nocall(e->key, key);
        if (r > 0)
            break;
        if (r < 0) {
            p->cmp_key = e->key;
            p->cmp_ix = ix;
            return PROBE_EQ;
        }
    }
    *slot = p->i;
    return d->index[p->i];
}

/* Look key up with d's lock taken in `mode` (0 read, 1 write). Returns with
 * the lock held: the entry index, or PROBE_MISS (*slot set). Returns -2
 * with the lock released and an exception set when a key's __eq__ raised.
 * In gil mode __eq__ runs where it is found, as before; it may mutate the
 * dict, and then the probe starts over (the table it walked is gone). */
static intptr_t lookup(py_dict *d, pv key, intptr_t hash, size_t *slot, int mode)
{
    probe_st p;
restart:
    mode ? PY_LOCK(d) : PY_LOCK_R(d);
    probe_start(&p, d, hash);
    for (;;) {
        intptr_t ix = probe_locked(d, key, hash, &p, slot);
        if (ix != PROBE_EQ)
            return ix;
        uint64_t kver = d->kver;
        mode ? PY_UNLOCK(d) : PY_UNLOCK_R(d);
        int r = py_eq(p.cmp_key, key);
        if (r < 0)
            return -2;
        mode ? PY_LOCK(d) : PY_LOCK_R(d);
        if (d->kver != kver || d->ent != p.ent || d->ent[p.cmp_ix].key != p.cmp_key) {
            mode ? PY_UNLOCK(d) : PY_UNLOCK_R(d);
            goto restart;
        }
        if (r) {
            *slot = p.i;
            return p.cmp_ix;
        }
        probe_step(&p, d->mask);
    }
}

static int resize_locked(py_dict *d, size_t minused)
{
    PY_ASSERT_LOCKED(d);
    size_t size = MINSIZE;
    while (size <= minused * 3 / 2 + 1 || USABLE(size) <= minused)
        size <<= 1;
    /* through the per-thread free lists: small dicts are the common case
     * (instance attributes) and must not take the GC's allocation lock */
    /* the index and the entries in one allocation (one fewer per dict:
     * allocation is what limits allocation-heavy threads' scaling, through
     * the collector's lock): [mask][index ...][cap][entries ...] */
    size_t cap = USABLE(size);
    size_t *raw = py_alloc_checked(2 * sizeof(size_t) + size * sizeof(int32_t) + cap * sizeof(py_dent));
    if (!raw) {
        py_raise_nomem();
        return -1;
    }
    raw[0] = size - 1;
    int32_t *ni = (int32_t *)(raw + 1);
    size_t *capw = (size_t *)(ni + size); /* size >= 8: 8-byte aligned */
    capw[0] = cap;
    py_dent *ne = (py_dent *)(capw + 1);
    memset(ni, 0xff, size * sizeof(int32_t));
    size_t k = 0;
    for (size_t j = 0; j < d->nent; j++) {
        py_dent *e = &d->ent[j];
        if (!e->key)
            continue;
        ne[k] = *e; /* ne is not published yet */
        size_t perturb = (size_t)e->hash, i = (size_t)e->hash & (size - 1);
        while (ni[i] != DK_EMPTY) {
            perturb >>= 5;
            i = (i * 5 + perturb + 1) & (size - 1);
        }
        ni[i] = (int32_t)k++;
    }
    __atomic_store_n(&d->index, ni, __ATOMIC_RELEASE);
    __atomic_store_n(&d->ent, ne, __ATOMIC_RELEASE);
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

/* A probe without the lock (see the top of this file). Returns 1 with *ix
 * (the entry, or -1: absent) and *val when the probe read a consistent
 * state, 0 when the caller must take the lock (a writer was busy or came
 * by, or a key needs __eq__). */
static int lookup_optimistic(py_dict *d, pv key, intptr_t hash, intptr_t *ix, pv *val)
{
    uint64_t v1 = __atomic_load_n(&d->ver, __ATOMIC_ACQUIRE);
    if (v1 & 1)
        return 0;
    int32_t *idx = __atomic_load_n(&d->index, __ATOMIC_ACQUIRE);
    py_dent *ent = __atomic_load_n(&d->ent, __ATOMIC_ACQUIRE);
    *ix = -1;
    *val = NULL;
    if (idx && ent) {
        size_t mask = index_mask(idx), cap = ent_cap(ent);
        size_t perturb = (size_t)hash, i = (size_t)hash & mask;
        /* the probe sequence repeats slots until perturb is 0 (13 shifts
         * of 5 bits), then visits every slot in mask + 1 steps: past that
         * the table was not one consistent table (or is full of dummies):
         * the locked path decides */
        for (size_t n = 0;; n++) {
            if (n > mask + 16)
                return 0;
            int32_t e = __atomic_load_n(&idx[i], __ATOMIC_ACQUIRE);
            if (e == DK_EMPTY)
                break;
            if (e >= 0) {
                if ((size_t)e >= cap)
                    return 0;
                pv k = __atomic_load_n(&ent[e].key, __ATOMIC_ACQUIRE);
                int r = k == key;
                if (!r && k && __atomic_load_n(&ent[e].hash, __ATOMIC_RELAXED) == hash &&
                    (r = py_key_eq_nocall(k, key)) < 0)
                    return 0;
                if (r) {
                    *ix = e;
                    *val = __atomic_load_n(&ent[e].val, __ATOMIC_ACQUIRE);
                    break;
                }
            }
            perturb >>= 5;
            i = (i * 5 + perturb + 1) & mask;
        }
    }
    return __atomic_load_n(&d->ver, __ATOMIC_ACQUIRE) == v1 && (*ix < 0 || *val);
}

/* Lookups of an exact str key (attribute and global names): no __eq__ can
 * run; without the lock when that reads a consistent state, else one
 * read-locked critical section. */
intptr_t py_dict_find_str(pv o, pv name, pv *val)
{
    py_dict *d = (py_dict *)o;
    intptr_t h = py_str_hash(name);
    intptr_t oix;
    if (lookup_optimistic(d, name, h, &oix, val))
        return oix;
    probe_st p;
    size_t slot;
    PY_LOCK_R(d);
    probe_start(&p, d, h);
    intptr_t ix = probe_locked(d, name, h, &p, &slot);
    *val = ix >= 0 ? d->ent[ix].val : NULL;
    PY_UNLOCK_R(d);
    return ix >= 0 ? ix : -1;
}

int py_dict_entry_store_slow(pv o, size_t ix, pv key, pv v)
{
    py_dict *d = (py_dict *)o;
    int ok = 0;
    PY_LOCK(d);
    if (ix < d->nent && d->ent[ix].key == key) {
        if (d->ent[ix].val != v) {
            __atomic_store_n(&d->ent[ix].val, v, __ATOMIC_RELEASE);
            value_changed(d);
        }
        ok = 1;
    }
    PY_UNLOCK(d);
    return ok;
}

pv py_dict_get(pv o, pv key)
{
    py_dict *d = (py_dict *)o;
    if (!__atomic_load_n(&d->used, __ATOMIC_RELAXED)) {
        if (!PY_ISSMALL(key) && !key->type->hash) /* {}[[]] is a TypeError */
            py_hash(key);
        return NULL;
    }
    intptr_t h = py_hash(key);
    if (h == -1)
        return NULL;
    intptr_t oix;
    pv r;
    if (lookup_optimistic(d, key, h, &oix, &r))
        return r;
    size_t slot;
    intptr_t ix = lookup(d, key, h, &slot, 0);
    if (ix == -2)
        return NULL;
    r = ix >= 0 ? d->ent[ix].val : NULL;
    PY_UNLOCK_R(d);
    return r;
}

pv py_dict_gets(pv d, const char *key) { return py_dict_get(d, py_intern(key)); }

/* Insert or replace with the lock held and the probe done: ix and slot as
 * lookup returned them. */
static int insert_at_locked(py_dict *d, pv key, intptr_t h, pv v, intptr_t ix, size_t slot)
{
    PY_ASSERT_LOCKED(d);
    if (ix >= 0) {
        if (d->ent[ix].val != v) {
            __atomic_store_n(&d->ent[ix].val, v, __ATOMIC_RELEASE);
            value_changed(d);
        }
        return 0;
    }
    write_begin(d);
    if (!d->index || d->nent >= d->entcap) {
        if (resize_locked(d, d->used + 1) < 0) {
            write_end(d);
            return -1;
        }
        /* the key is not in the dict (the probe said so): find its slot in
         * the new index without comparing */
        size_t mask = d->mask, perturb = (size_t)h, i = (size_t)h & mask;
        while (d->index[i] != DK_EMPTY) {
            perturb >>= 5;
            i = (i * 5 + perturb + 1) & mask;
        }
        slot = i;
    }
    py_dent *e = &d->ent[d->nent];
    __atomic_store_n(&e->hash, h, __ATOMIC_RELAXED);
    __atomic_store_n(&e->val, v, __ATOMIC_RELAXED);
    __atomic_store_n(&e->key, key, __ATOMIC_RELEASE);
    set_index(d->index, slot, (int32_t)d->nent);
    d->nent++;
    __atomic_store_n(&d->used, d->used + 1, __ATOMIC_RELAXED);
    __atomic_store_n(&d->kver, d->kver + 1, __ATOMIC_RELEASE);
    write_end(d);
    return 0;
}

int py_dict_set(pv o, pv key, pv v)
{
    intptr_t h = py_hash(key);
    if (h == -1)
        return -1;
    size_t slot;
    intptr_t ix = lookup((py_dict *)o, key, h, &slot, 1);
    if (ix == -2)
        return -1;
    int r = insert_at_locked((py_dict *)o, key, h, v, ix, slot);
    PY_UNLOCK(o);
    return r;
}

int py_dict_sets(pv d, const char *key, pv v) { return py_dict_set(d, py_intern(key), v); }

static void del_at_locked(py_dict *d, intptr_t ix, size_t slot)
{
    PY_ASSERT_LOCKED(d);
    write_begin(d);
    set_index(d->index, slot, DK_DUMMY);
    __atomic_store_n(&d->ent[ix].key, NULL, __ATOMIC_RELEASE);
    __atomic_store_n(&d->ent[ix].val, NULL, __ATOMIC_RELEASE);
    __atomic_store_n(&d->used, d->used - 1, __ATOMIC_RELAXED);
    __atomic_store_n(&d->kver, d->kver + 1, __ATOMIC_RELEASE);
    write_end(d);
}

/* Remove key; *old (if not NULL) gets its value. 0, or -1 with KeyError
 * (or the exception of a key's __eq__ / __hash__). */
static int dict_pop(pv o, pv key, pv *old)
{
    py_dict *d = (py_dict *)o;
    intptr_t h = py_hash(key);
    if (h == -1)
        return -1;
    size_t slot;
    intptr_t ix = lookup(d, key, h, &slot, 1);
    if (ix == -2)
        return -1;
    if (ix < 0) {
        PY_UNLOCK(d);
        py_raise_obj(py_exc_new(py_exc_KeyError, &key, 1));
        return -1;
    }
    if (old)
        *old = d->ent[ix].val;
    del_at_locked(d, ix, slot);
    PY_UNLOCK(d);
    return 0;
}

int py_dict_del(pv o, pv key) { return dict_pop(o, key, NULL); }

/* Step an iteration position (lock held). */
static int next_locked(py_dict *d, size_t *pos, pv *k, pv *v)
{
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

/* One step of an iteration, under the read lock for that step only. */
int py_dict_next(pv o, size_t *pos, pv *k, pv *v)
{
    PY_LOCK_R(o);
    int r = next_locked((py_dict *)o, pos, k, v);
    PY_UNLOCK_R(o);
    return r;
}

/* A consistent copy of the entries (one read-locked section): n pairs,
 * keys at [2i], values at [2i+1]; hashes in *hashes if not NULL. */
static pv *snapshot(pv o, size_t *n, intptr_t **hashes)
{
    py_dict *d = (py_dict *)o;
    pv *kv;
    intptr_t *hs = NULL;
    for (;;) {
        size_t cap = __atomic_load_n(&d->used, __ATOMIC_RELAXED);
        kv = py_alloc_checked((2 * cap + 1) * sizeof(pv));
        if (hashes)
            hs = py_alloc_checked((cap + 1) * sizeof(intptr_t));
        if (!kv || (hashes && !hs))
            return NULL;
        PY_LOCK_R(d);
        if (d->used <= cap)
            break;
        PY_UNLOCK_R(d);
    }
    size_t k = 0;
    for (size_t j = 0; j < d->nent; j++) {
        py_dent *e = &d->ent[j];
        if (!e->key)
            continue;
        if (hs)
            hs[k] = e->hash;
        kv[2 * k] = e->key;
        kv[2 * k + 1] = e->val;
        k++;
    }
    PY_UNLOCK_R(d);
    *n = k;
    if (hashes)
        *hashes = hs;
    return kv;
}

/* Insert pairs known by hash into d (no other lock held). Keys that need
 * no __eq__ go in under one lock; any other key is inserted on its own. */
static int insert_pairs(pv o, pv *kv, intptr_t *hs, size_t n)
{
    py_dict *d = (py_dict *)o;
    size_t i = 0;
    while (i < n) {
        PY_LOCK(d);
        for (; i < n; i++) {
            probe_st p;
            size_t slot;
            probe_start(&p, d, hs[i]);
            intptr_t ix = probe_locked(d, kv[2 * i], hs[i], &p, &slot);
            if (ix == PROBE_EQ)
                break;
            if (insert_at_locked(d, kv[2 * i], hs[i], kv[2 * i + 1], ix, slot) < 0) {
                PY_UNLOCK(d);
                return -1;
            }
        }
        PY_UNLOCK(d);
        if (i < n) {
            if (py_dict_set(o, kv[2 * i], kv[2 * i + 1]) < 0)
                return -1;
            i++;
        }
    }
    return 0;
}

pv py_dict_copy(pv o)
{
    pv nd = py_dict_new();
    size_t n;
    intptr_t *hs;
    pv *kv = snapshot(o, &n, &hs);
    if (!kv || insert_pairs(nd, kv, hs, n) < 0)
        return NULL;
    return nd;
}

int py_dict_update(pv d, pv other)
{
    if (PY_ISDICT(other)) {
        size_t n;
        intptr_t *hs;
        pv *kv = snapshot(other, &n, &hs);
        return kv ? insert_pairs(d, kv, hs, n) : -1;
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
    size_t n;
    pv *kv = snapshot(o, &n, NULL);
    if (!kv)
        return NULL;
    if (!n)
        return py_str_c("{}");
    if (py_repr_enter(o))
        return py_str_c("{...}");
    py_sb b = {0};
    py_sb_addc(&b, '{');
    for (size_t i = 0; i < n; i++) {
        if (i)
            py_sb_adds(&b, ", ");
        if (py_sb_addrepr(&b, kv[2 * i]) < 0)
            goto fail;
        py_sb_adds(&b, ": ");
        if (py_sb_addrepr(&b, kv[2 * i + 1]) < 0)
            goto fail;
    }
    py_sb_addc(&b, '}');
    py_repr_leave(o);
    return py_sb_finish(&b);
fail:
    py_repr_leave(o);
    return NULL;
}

static intptr_t dict_len(pv o) { return (intptr_t)__atomic_load_n(&((py_dict *)o)->used, __ATOMIC_RELAXED); }

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
    size_t n;
    pv *kv = snapshot(a, &n, NULL);
    if (!kv)
        return NULL;
    int eq = n == (size_t)dict_len(b);
    for (size_t i = 0; eq && i < n; i++) {
        pv k = kv[2 * i], v = kv[2 * i + 1];
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
    it->used = (size_t)dict_len(d);
    return (pv)it;
}
static pv dict_iter_slot(pv o) { return dict_iter_new(o, DV_KEYS); }
/* An iterator shared by threads is not locked (as in CPython's
 * free-threaded build): its fields are loaded and stored atomically, so
 * concurrent next() calls may return an entry twice or skip one, but never
 * read outside the table. */
static pv dict_iter_next(pv o)
{
    dict_iter *it = (dict_iter *)o;
    pv dv = __atomic_load_n(&it->d, __ATOMIC_ACQUIRE);
    if (!dv)
        return NULL;
    if ((size_t)dict_len(dv) != it->used) {
        __atomic_store_n(&it->d, NULL, __ATOMIC_RELEASE);
        return py_raise(py_exc_RuntimeError, "dictionary changed size during iteration");
    }
    pv k, v;
    size_t pos = __atomic_load_n(&it->pos, __ATOMIC_RELAXED);
    int ok = py_dict_next(dv, &pos, &k, &v);
    __atomic_store_n(&it->pos, pos, __ATOMIC_RELAXED);
    if (!ok) {
        __atomic_store_n(&it->d, NULL, __ATOMIC_RELEASE);
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
static intptr_t view_len(pv o) { return dict_len(((dict_view *)o)->d); }
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
/* setdefault: one critical section (lookup and insert), as in CPython. */
static pv dm_setdefault(pv s, pv *a, size_t n, pv kw)
{
    if (py_nargs("setdefault", n, 1, 2) < 0)
        return NULL;
    py_dict *d = (py_dict *)s;
    intptr_t h = py_hash(a[0]);
    if (h == -1)
        return NULL;
    size_t slot;
    intptr_t ix = lookup(d, a[0], h, &slot, 1);
    if (ix == -2)
        return NULL;
    pv v;
    if (ix >= 0)
        v = d->ent[ix].val;
    else {
        v = n > 1 ? a[1] : py_None;
        if (insert_at_locked(d, a[0], h, v, ix, slot) < 0)
            v = NULL;
    }
    PY_UNLOCK(d);
    return v;
}
static pv dm_pop(pv s, pv *a, size_t n, pv kw)
{
    if (py_nargs("pop", n, 1, 2) < 0)
        return NULL;
    pv v;
    if (dict_pop(s, a[0], &v) == 0)
        return v;
    if (n > 1 && py_exc_matches(py_exc_KeyError)) {
        py_exc_clear();
        return a[1];
    }
    return NULL;
}
static pv dm_popitem(pv s, pv *a, size_t n, pv kw)
{
    py_dict *d = (py_dict *)s;
    PY_LOCK(d);
    for (size_t i = d->nent; i-- > 0;) {
        py_dent *e = &d->ent[i];
        if (e->key) {
            pv k = e->key, v = e->val;
            probe_st p;
            probe_start(&p, d, e->hash);
            /* the entry is in the index on its hash's probe sequence */
            while (d->index[p.i] != (int32_t)i)
                probe_step(&p, d->mask);
            del_at_locked(d, (intptr_t)i, p.i);
            d->nent = i;
            PY_UNLOCK(d);
            return py_tuple_pack(2, k, v);
        }
    }
    PY_UNLOCK(d);
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
    PY_LOCK(d);
    write_begin(d);
    __atomic_store_n(&d->index, NULL, __ATOMIC_RELEASE);
    __atomic_store_n(&d->ent, NULL, __ATOMIC_RELEASE);
    __atomic_store_n(&d->used, 0, __ATOMIC_RELAXED);
    d->nent = d->entcap = d->mask = 0;
    __atomic_store_n(&d->kver, d->kver + 1, __ATOMIC_RELEASE);
    write_end(d);
    PY_UNLOCK(d);
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
static pv dm_len(pv s, pv *a, size_t n, pv kw) { return PY_MKSMALL(dict_len(s)); }
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
