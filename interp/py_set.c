/* py_set.c: set and frozenset, with CPython's table layout and probe order
 * (linear probes of 9, then perturbation), so that iteration order (and so
 * printed output) matches CPython for ints and other deterministic hashes.
 *
 * Lock discipline (py_lock.h), as in py_dict.c: every operation takes the
 * set's lock (read for lookups, iteration steps and copies; write for
 * changes) around the part that touches the table, and never calls out
 * while holding it. Keys are hashed before the lock is taken. A probe that
 * meets a key whose equality needs __eq__ (not identical, not both exact
 * str / int / float or tuples of those) returns PR_EQ: the caller unlocks,
 * compares, relocks and resumes the probe if kver (bumped whenever a key is
 * added or removed or the table replaced) is unchanged, else starts over.
 * Work between two objects (update, algebra, comparison, repr) copies the
 * other's table under its read lock (snap_*) and works from the copy.
 *
 * Frozensets are filled only while private (under construction) and never
 * change once published, so reads of an exact frozenset skip the lock.
 * Fields read without the lock: `used` (len(), the iterators' size check)
 * and the frozenset `hash` cache (any thread may store it, always the same
 * value): both accessed atomically. */
#include "py.h"
#include "py_lock.h"

#define SET_MINSIZE 8
#define LINEAR_PROBES 9
#define PERTURB_SHIFT 5
static py_obj dummy_obj;
#define DUMMY (&dummy_obj)

/* ---------------- locking helpers ---------------- */

static inline int lockfree(pv o) { return o->type == &py_frozenset_type; }
static inline void rlock(pv o)
{
    if (py_run != PY_RUN_GIL && !lockfree(o))
        PY_LOCK_R(o);
}
static inline void runlock(pv o)
{
    if (py_run != PY_RUN_GIL && !lockfree(o))
        PY_UNLOCK_R(o);
}
static inline void lock_m(pv o, int w)
{
    if (w)
        PY_LOCK(o);
    else
        rlock(o);
}
static inline void unlock_m(pv o, int w)
{
    if (w)
        PY_UNLOCK(o);
    else
        runlock(o);
}
static inline size_t used_of(pv o) { return __atomic_load_n(&((py_set *)o)->used, __ATOMIC_RELAXED); }
static inline void set_used(py_set *s, size_t n) { __atomic_store_n(&s->used, n, __ATOMIC_RELAXED); }
static inline int live(pv k) { return k && k != DUMMY; }

/* ---------------- key comparison without callouts ---------------- */

static int key_eq_depth(pv a, pv b, int depth)
{
    if (a == b)
        return 1;
    if (PY_ISSMALL(a) || PY_ISSMALL(b)) {
        if (PY_ISSMALL(a) && PY_ISSMALL(b))
            return 0;
        pv o = PY_ISSMALL(a) ? b : a;
        if (o->type == &py_int_type || o->type == &py_str_type)
            return 0; /* big ints are never equal to small ones */
        return -2;
    }
    py_type *ta = a->type, *tb = b->type;
    if (ta == &py_str_type && tb == &py_str_type)
        return py_str_eq(a, b);
    if (ta == &py_int_type && tb == &py_int_type)
        return py_int_cmp(a, b) == 0;
    if (ta == &py_float_type && tb == &py_float_type)
        return py_float_val(a) == py_float_val(b);
    if (ta == &py_tuple_type && tb == &py_tuple_type && depth < 4) {
        py_tuple *x = PY_TUPLE(a), *y = PY_TUPLE(b);
        if (x->n != y->n)
            return 0;
        int unknown = 0;
        for (size_t i = 0; i < x->n; i++) {
            int r = key_eq_depth(x->items[i], y->items[i], depth + 1);
            if (r == 0)
                return 0;
            unknown |= r < 0;
        }
        return unknown ? -2 : 1;
    }
    if ((ta == &py_str_type) != (tb == &py_str_type)) {
        py_type *other = ta == &py_str_type ? tb : ta;
        if (other == &py_int_type || other == &py_float_type || other == &py_tuple_type)
            return 0;
    }
    return -2;
}

int py_key_eq_nocall(pv a, pv b) { return key_eq_depth(a, b, 0); }

/* ---------------- table ---------------- */

pv py_set_new(py_type *t)
{
    py_set *s = (py_set *)py_new(t, t->basicsize ? t->basicsize : sizeof(py_set));
    s->table = py_alloc(SET_MINSIZE * sizeof(py_sent));
    s->mask = SET_MINSIZE - 1;
    s->hash = -1;
    return (pv)s;
}

/* Insert a key known to be absent into a table with no dummies. */
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
    PY_ASSERT_LOCKED(s);
    size_t newsize = SET_MINSIZE;
    while (newsize <= minused)
        newsize <<= 1;
    py_sent *nt = py_alloc_checked(newsize * sizeof(py_sent));
    if (!nt)
        return -1;
    for (size_t i = 0; i <= s->mask; i++) {
        py_sent *e = &s->table[i];
        if (live(e->key))
            insert_clean(nt, newsize - 1, e->key, e->hash);
    }
    s->table = nt;
    s->mask = newsize - 1;
    s->fill = s->used;
    s->kver++;
    return 0;
}

/* A probe's position, so that it can resume after an __eq__ run unlocked. */
typedef struct {
    size_t i, perturb, k; /* the linear run at table[i], next offset k in it */
    py_sent *freeslot;    /* the first dummy passed */
    py_sent *e;           /* FOUND: the entry; MISS: where key goes; EQ: the entry to compare */
    pv cmp_key;           /* EQ: e's key */
} probe_st;

enum { PR_MISS, PR_FOUND, PR_EQ };

static void probe_start(probe_st *p, const py_set *s, intptr_t hash)
{
    p->perturb = (size_t)hash;
    p->i = (size_t)hash & s->mask;
    p->k = 0;
    p->freeslot = NULL;
}

/* Walk the probe sequence (lock held, or s a frozenset). */
static int probe_locked(py_set *s, pv key, intptr_t hash, probe_st *p)
{
    if (!lockfree((pv)s))
        PY_ASSERT_LOCKED(s);
    size_t mask = s->mask;
    for (;;) {
        size_t last = p->i + LINEAR_PROBES <= mask ? LINEAR_PROBES : 0;
        for (; p->k <= last; p->k++) {
            py_sent *e = &s->table[p->i + p->k];
            pv ek = e->key;
            if (!ek) {
                p->e = p->freeslot ? p->freeslot : e;
                return PR_MISS;
            }
            if (ek == DUMMY) {
                if (!p->freeslot)
                    p->freeslot = e;
                continue;
            }
            if (ek == key) {
                p->e = e;
                return PR_FOUND;
            }
            if (e->hash != hash)
                continue;
            int r = py_key_eq_nocall(ek, key);
            if (r > 0) {
                p->e = e;
                return PR_FOUND;
            }
            if (r < 0) {
                p->e = e;
                p->cmp_key = ek;
                return PR_EQ;
            }
        }
        p->perturb >>= PERTURB_SHIFT;
        p->i = (p->i * 5 + 1 + p->perturb) & mask;
        p->k = 0;
    }
}

/* Look key (hash h) up with s's lock taken in mode w (0 read, 1 write).
 * Returns with the lock held: PR_FOUND or PR_MISS, p->e as probe_locked
 * left it; or -1 with the lock released and an exception set (a key's
 * __eq__ raised). In gil mode __eq__ runs where it is met, as before; if it
 * changed the set's keys the probe starts over. */
static int lookup(py_set *s, pv key, intptr_t h, probe_st *p, int w)
{
restart:
    lock_m((pv)s, w);
    probe_start(p, s, h);
    for (;;) {
        int r = probe_locked(s, key, h, p);
        if (r != PR_EQ)
            return r;
        uint64_t kver = s->kver;
        unlock_m((pv)s, w);
        int eq = py_eq(p->cmp_key, key);
        if (eq < 0)
            return -1;
        lock_m((pv)s, w);
        if (s->kver != kver) {
            unlock_m((pv)s, w);
            goto restart;
        }
        if (eq)
            return PR_FOUND;
        p->k++;
    }
}

/* Put key into slot e (from a PR_MISS probe); lock held. */
static int insert_at_locked(py_set *s, pv key, intptr_t hash, py_sent *e)
{
    PY_ASSERT_LOCKED(s);
    int fresh = e->key == NULL;
    e->key = key;
    e->hash = hash;
    set_used(s, s->used + 1);
    s->kver++;
    if (!fresh)
        return 0;
    s->fill++;
    if (s->fill * 5 < s->mask * 3)
        return 0;
    return resize_locked(s, s->used > 50000 ? s->used * 2 : s->used * 4);
}

static void del_at_locked(py_set *s, py_sent *e)
{
    PY_ASSERT_LOCKED(s);
    e->key = DUMMY;
    e->hash = -1;
    set_used(s, s->used - 1);
    s->kver++;
}

static int add_hash(pv o, pv key, intptr_t h)
{
    probe_st p;
    int r = lookup((py_set *)o, key, h, &p, 1);
    if (r < 0)
        return -1;
    if (r == PR_MISS)
        r = insert_at_locked((py_set *)o, key, h, p.e);
    else
        r = 0;
    PY_UNLOCK(o);
    return r;
}

static int contains_hash(pv o, pv key, intptr_t h)
{
    probe_st p;
    int r = lookup((py_set *)o, key, h, &p, 0);
    if (r < 0)
        return -1;
    unlock_m(o, 0);
    return r == PR_FOUND;
}

/* 1 removed, 0 absent, -1 error. */
static int discard_hash(pv o, pv key, intptr_t h)
{
    probe_st p;
    int r = lookup((py_set *)o, key, h, &p, 1);
    if (r < 0)
        return -1;
    if (r == PR_FOUND)
        del_at_locked((py_set *)o, p.e);
    PY_UNLOCK(o);
    return r == PR_FOUND;
}

static void clear_locked(py_set *s, py_sent *table)
{
    PY_ASSERT_LOCKED(s);
    s->table = table;
    s->mask = SET_MINSIZE - 1;
    set_used(s, 0);
    s->fill = 0;
    s->kver++;
}

static void set_clear(pv o)
{
    py_sent *t = py_alloc(SET_MINSIZE * sizeof(py_sent));
    PY_LOCK(o);
    clear_locked((py_set *)o, t);
    PY_UNLOCK(o);
}

/* ---------------- snapshots ---------------- */

/* A copy of a table (or of a dict's keys with their hashes), walked
 * without any lock: size slots, the live ones hold a key. */
typedef struct {
    py_sent *t;
    size_t size, mask, used, fill;
} set_snap;

/* Threads that never run at the same time (gil, hle) need no copy: the
 * table itself is walked. A table is never freed while referenced (GC) and
 * only changes in place between live and dummy, so a change made meanwhile
 * by code the walk calls out to is seen or not, as before locking. */
static inline int serial_threads(void) { return py_run == PY_RUN_GIL || py_run == PY_RUN_HLE; }

static int snap_set(pv o, set_snap *sn)
{
    py_set *s = (py_set *)o;
    if (lockfree(o) || serial_threads()) { /* immutable, or no other thread runs */
        *sn = (set_snap){s->table, s->mask + 1, s->mask, s->used, s->fill};
        return 0;
    }
    rlock(o);
    size_t size = s->mask + 1;
    py_sent *t = py_alloc_checked(size * sizeof(py_sent));
    if (t) {
        py_copy(t, s->table, size * sizeof(py_sent));
        *sn = (set_snap){t, size, s->mask, s->used, s->fill};
    }
    runlock(o);
    return t ? 0 : -1; /* py_alloc_checked raised MemoryError */
}

/* The keys of a dict in order, with the hashes the dict stored for them
 * (read under the dict's read lock; the layout is py_dict.c's). */
static int snap_dict(pv o, set_snap *sn)
{
    py_dict *d = (py_dict *)o;
    PY_LOCK_R(d);
    py_sent *t = py_alloc_checked((d->used + 1) * sizeof(py_sent));
    size_t k = 0;
    if (t)
        for (size_t i = 0; i < d->nent; i++)
            if (d->ent[i].key) {
                t[k].key = d->ent[i].key;
                t[k].hash = d->ent[i].hash;
                k++;
            }
    PY_UNLOCK_R(d);
    if (!t)
        return -1;
    *sn = (set_snap){t, k, 0, k, k};
    return 0;
}

static int snap_any(pv o, set_snap *sn) { return PY_ISDICT(o) ? snap_dict(o, sn) : snap_set(o, sn); }

/* Add a snapshot's keys to s in the snapshot's order (no lock held), as
 * CPython's set_merge: grow first, copy slot for slot or insert without
 * probing when s is empty. Keys that need no __eq__ go in under one lock;
 * a key that does is added on its own. */
static int merge_snap(pv o, const set_snap *sn, int from_set)
{
    py_set *s = (py_set *)o;
    size_t i = 0;
    PY_LOCK(o);
    if ((s->fill + sn->used) * 5 >= s->mask * 3 && resize_locked(s, (s->used + sn->used) * 2) < 0)
        goto fail;
    if (from_set && s->fill == 0) {
        if (s->mask == sn->mask && sn->fill == sn->used) {
            for (i = 0; i < sn->size; i++)
                if (live(sn->t[i].key))
                    s->table[i] = sn->t[i];
            s->fill = sn->used;
            set_used(s, sn->used);
        } else {
            size_t n = 0;
            for (i = 0; i < sn->size; i++)
                if (live(sn->t[i].key)) {
                    insert_clean(s->table, s->mask, sn->t[i].key, sn->t[i].hash);
                    n++;
                }
            s->fill += n;
            set_used(s, s->used + n);
        }
        s->kver++;
        PY_UNLOCK(o);
        return 0;
    }
    for (;;) {
        for (; i < sn->size; i++) {
            pv k = sn->t[i].key;
            if (!live(k))
                continue;
            probe_st p;
            probe_start(&p, s, sn->t[i].hash);
            int r = probe_locked(s, k, sn->t[i].hash, &p);
            if (r == PR_EQ)
                break;
            if (r == PR_MISS && insert_at_locked(s, k, sn->t[i].hash, p.e) < 0)
                goto fail;
        }
        PY_UNLOCK(o);
        if (i >= sn->size)
            return 0;
        if (add_hash(o, sn->t[i].key, sn->t[i].hash) < 0)
            return -1;
        i++;
        PY_LOCK(o);
    }
fail:
    PY_UNLOCK(o);
    return -1;
}

static int set_update(pv s, pv other)
{
    set_snap sn;
    if (PY_ISSETLIKE(other) || PY_ISDICT(other))
        return snap_any(other, &sn) < 0 ? -1 : merge_snap(s, &sn, !PY_ISDICT(other));
    pv it = py_iter(other);
    if (!it)
        return -1;
    pv x;
    while ((x = py_next(it))) {
        intptr_t h = py_hash(x);
        if (h == -1 || add_hash(s, x, h) < 0)
            return -1;
    }
    return py_cur->exc ? -1 : 0;
}

static pv set_copy_as(pv s, py_type *t)
{
    pv n = py_set_new(t);
    if (set_update(n, s) < 0)
        return NULL;
    return n;
}

/* ---------------- the C API ---------------- */

int py_set_add(pv o, pv key)
{
    intptr_t h = py_hash(key);
    return h == -1 ? -1 : add_hash(o, key, h);
}

int py_set_contains(pv o, pv key)
{
    intptr_t h = py_hash(key);
    if (h == -1) {
        if (PY_ISSETLIKE(key) && py_exc_matches(py_exc_TypeError)) {
            py_exc_clear(); /* set in set: compare as frozenset */
            pv f = py_set_new(&py_frozenset_type);
            if (set_update(f, key) < 0)
                return -1;
            return py_set_contains(o, f);
        }
        return -1;
    }
    return contains_hash(o, key, h);
}

int py_set_discard(pv o, pv key)
{
    intptr_t h = py_hash(key);
    return h == -1 ? -1 : discard_hash(o, key, h);
}

/* One step of an iteration, under the read lock for that step only. */
int py_set_next(pv o, size_t *pos, pv *k)
{
    py_set *s = (py_set *)o;
    int found = 0;
    rlock(o);
    while (*pos <= s->mask) {
        py_sent *e = &s->table[(*pos)++];
        if (live(e->key)) {
            *k = e->key;
            found = 1;
            break;
        }
    }
    runlock(o);
    return found;
}

/* ---------------- slots ---------------- */

static pv set_repr(pv o)
{
    const char *tn = py_typeof(o)->name;
    set_snap sn;
    if (snap_set(o, &sn) < 0)
        return NULL;
    if (!sn.used)
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
    int first = 1;
    for (size_t i = 0; i < sn.size; i++) {
        pv k = sn.t[i].key;
        if (!live(k))
            continue;
        if (!first)
            py_sb_adds(&b, ", ");
        first = 0;
        if (py_sb_addrepr(&b, k) < 0) {
            py_repr_leave(o);
            return NULL;
        }
    }
    py_sb_adds(&b, plain ? "}" : "})");
    py_repr_leave(o);
    return py_sb_finish(&b);
}

static intptr_t set_len(pv o) { return (intptr_t)used_of(o); }
static int set_contains_slot(pv o, pv k) { return py_set_contains(o, k); }

/* An iterator shared by threads is not locked (as dict iterators): its
 * fields are loaded and stored atomically, so concurrent next() calls may
 * return a key twice or skip one, but each step reads the table under the
 * set's lock and never outside it. */
typedef struct { py_obj ob; pv s; size_t pos, used; } set_iter;
static py_type set_iter_type;
static pv set_iter_new(pv o)
{
    set_iter *it = (set_iter *)py_new(&set_iter_type, sizeof(set_iter));
    it->s = o;
    it->used = used_of(o);
    return (pv)it;
}
static pv set_iter_next(pv o)
{
    set_iter *it = (set_iter *)o;
    pv s = __atomic_load_n(&it->s, __ATOMIC_ACQUIRE);
    if (!s)
        return NULL;
    if (used_of(s) != it->used) {
        __atomic_store_n(&it->s, NULL, __ATOMIC_RELEASE);
        return py_raise(py_exc_RuntimeError, "Set changed size during iteration");
    }
    pv k;
    size_t pos = __atomic_load_n(&it->pos, __ATOMIC_RELAXED);
    int ok = py_set_next(s, &pos, &k);
    __atomic_store_n(&it->pos, pos, __ATOMIC_RELAXED);
    if (!ok) {
        __atomic_store_n(&it->s, NULL, __ATOMIC_RELEASE);
        return NULL;
    }
    return k;
}
static pv self_iter(pv o) { return o; }
static py_type set_iter_type = {.name = "set_iterator", .basicsize = sizeof(set_iter),
                                .iter = self_iter, .next = set_iter_next};

static int subset_of(pv a, pv b)
{
    if (used_of(a) > used_of(b))
        return 0;
    set_snap sn;
    if (snap_set(a, &sn) < 0)
        return -1;
    for (size_t i = 0; i < sn.size; i++)
        if (live(sn.t[i].key)) {
            int r = contains_hash(b, sn.t[i].key, sn.t[i].hash);
            if (r <= 0)
                return r;
        }
    return 1;
}

static pv set_richcmp(pv a, pv b, int op)
{
    if (!PY_ISSETLIKE(b))
        return py_NotImplemented;
    size_t na = used_of(a), nb = used_of(b);
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
        if (used_of(b) > used_of(a)) {
            pv tmp = a;
            a = b;
            b = tmp;
        }
        set_snap sn;
        if (snap_set(b, &sn) < 0)
            return NULL;
        for (size_t i = 0; i < sn.size; i++) {
            pv k = sn.t[i].key;
            if (!live(k))
                continue;
            int r = contains_hash(a, k, sn.t[i].hash);
            if (r < 0 || (r && add_hash(res, k, sn.t[i].hash) < 0))
                return NULL;
        }
        return res;
    }
    pv it = py_iter(b);
    if (!it)
        return NULL;
    pv k;
    while ((k = py_next(it))) {
        intptr_t h = py_hash(k);
        if (h == -1)
            return NULL;
        int r = contains_hash(a, k, h);
        if (r < 0 || (r && add_hash(res, k, h) < 0))
            return NULL;
    }
    return py_cur->exc ? NULL : res;
}

/* s -= other, in place (CPython's set_difference_update_internal). */
static int difference_update(pv s, pv other)
{
    if (s == other) {
        set_clear(s);
        return 0;
    }
    if (PY_ISSETLIKE(other) || PY_ISDICT(other)) {
        set_snap sn;
        if (snap_any(other, &sn) < 0)
            return -1;
        for (size_t i = 0; i < sn.size; i++)
            if (live(sn.t[i].key) && discard_hash(s, sn.t[i].key, sn.t[i].hash) < 0)
                return -1;
        return 0;
    }
    pv it = py_iter(other);
    if (!it)
        return -1;
    pv k;
    while ((k = py_next(it)))
        if (py_set_discard(s, k) < 0)
            return -1;
    return py_cur->exc ? -1 : 0;
}

/* a - b as CPython's set_difference: a copy of a minus b when b is small
 * or not a set/dict, else the keys of a not in b. */
static pv set_difference2(pv a, pv b, py_type *t)
{
    size_t bn;
    if (PY_ISSETLIKE(b))
        bn = used_of(b);
    else if (PY_ISDICT(b))
        bn = (size_t)py_len(b);
    else
        bn = SIZE_MAX;
    if (bn == SIZE_MAX || (used_of(a) >> 2) > bn) {
        pv res = set_copy_as(a, t);
        return res && difference_update(res, b) == 0 ? res : NULL;
    }
    pv res = py_set_new(t);
    set_snap sn;
    if (snap_set(a, &sn) < 0)
        return NULL;
    for (size_t i = 0; i < sn.size; i++) {
        pv k = sn.t[i].key;
        if (!live(k))
            continue;
        int r;
        if (PY_ISDICT(b)) {
            r = py_dict_get(b, k) != NULL;
            if (!r && py_cur->exc)
                return NULL;
        } else if ((r = contains_hash(b, k, sn.t[i].hash)) < 0)
            return NULL;
        if (!r && add_hash(res, k, sn.t[i].hash) < 0)
            return NULL;
    }
    return res;
}

/* s ^= other, in place (CPython's set_symmetric_difference_update). */
static int symdiff_update(pv s, pv other)
{
    if (!PY_ISSETLIKE(other) && !PY_ISDICT(other)) {
        pv o = py_set_new(&py_set_type);
        if (set_update(o, other) < 0)
            return -1;
        other = o;
    }
    if (s == other) {
        set_clear(s);
        return 0;
    }
    set_snap sn;
    if (snap_any(other, &sn) < 0)
        return -1;
    for (size_t i = 0; i < sn.size; i++) {
        pv k = sn.t[i].key;
        if (!live(k))
            continue;
        int r = discard_hash(s, k, sn.t[i].hash);
        if (r < 0 || (!r && add_hash(s, k, sn.t[i].hash) < 0))
            return -1;
    }
    return 0;
}

/* a ^ b as CPython: a new set from b, then ^= a. */
static pv set_symdiff2(pv a, pv b, py_type *t)
{
    pv res = py_set_new(t);
    if (set_update(res, b) < 0 || symdiff_update(res, a) < 0)
        return NULL;
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
    intptr_t cached = __atomic_load_n(&s->hash, __ATOMIC_RELAXED);
    if (cached != -1)
        return cached;
    uint64_t h = 0;
    rlock(o);
    for (size_t i = 0; i <= s->mask; i++)
        if (live(s->table[i].key))
            h ^= shuffle_bits((uint64_t)s->table[i].hash);
    h ^= ((uint64_t)s->used + 1) * 1927868237UL;
    runlock(o);
    h ^= (h >> 11) ^ (h >> 25);
    h = h * 69069U + 907133923UL;
    intptr_t r = (intptr_t)h;
    if (r == -1)
        r = 590923713L;
    __atomic_store_n(&s->hash, r, __ATOMIC_RELAXED);
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
        if (live(e->key)) {
            pv k = e->key;
            del_at_locked(so, e);
            PY_UNLOCK(s);
            return k;
        }
    }
    PY_UNLOCK(s);
    return py_raise(py_exc_KeyError, "pop from an empty set");
}
static pv sm_clear(pv s, pv *a, size_t n, pv kw)
{
    set_clear(s);
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
    if (!n)
        return set_copy_as(s, res_type(s));
    pv r = set_difference2(s, a[0], res_type(s));
    for (size_t i = 1; r && i < n; i++)
        if (difference_update(r, a[i]) < 0)
            return NULL;
    return r;
}
static pv sm_symdiff(pv s, pv *a, size_t n, pv kw)
{
    if (py_nargs("symmetric_difference", n, 1, 1) < 0)
        return NULL;
    return set_symdiff2(s, a[0], res_type(s));
}
/* Give s the contents of r, a set no other thread has seen. */
static pv replace_contents(pv s, pv r)
{
    if (!r)
        return NULL;
    py_set *so = (py_set *)s, *ro = (py_set *)r;
    PY_LOCK(s);
    so->table = ro->table;
    so->mask = ro->mask;
    set_used(so, ro->used);
    so->fill = ro->fill;
    so->kver++;
    PY_UNLOCK(s);
    return py_None;
}
static pv sm_intersection_update(pv s, pv *a, size_t n, pv kw) { return replace_contents(s, sm_intersection(s, a, n, kw)); }
static pv sm_difference_update(pv s, pv *a, size_t n, pv kw)
{
    for (size_t i = 0; i < n; i++)
        if (difference_update(s, a[i]) < 0)
            return NULL;
    return py_None;
}
static pv sm_symdiff_update(pv s, pv *a, size_t n, pv kw)
{
    if (py_nargs("symmetric_difference_update", n, 1, 1) < 0)
        return NULL;
    return symdiff_update(s, a[0]) < 0 ? NULL : py_None;
}
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
    return difference_update(s, a[0]) < 0 ? NULL : s;
}
static pv sm_ixor(pv s, pv *a, size_t n, pv kw)
{
    if (!PY_ISSETLIKE(a[0]))
        return py_NotImplemented;
    return symdiff_update(s, a[0]) < 0 ? NULL : s;
}
static pv sm_init(pv s, pv *a, size_t n, pv kw)
{
    if (py_nargs("set", n, 0, 1) < 0)
        return NULL;
    set_clear(s);
    return n && set_update(s, a[0]) < 0 ? NULL : py_None;
}
static pv sm_contains(pv s, pv *a, size_t n, pv kw)
{
    int r = py_set_contains(s, a[0]);
    return r < 0 ? NULL : PY_BOOL(r);
}
static pv sm_len(pv s, pv *a, size_t n, pv kw) { return PY_MKSMALL(used_of(s)); }
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
