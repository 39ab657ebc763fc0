/* py_match.c: the matcher behind MATCH_PATTERN (structural pattern
 * matching). A descriptor is a constant tuple built by the compiler:
 *   ("_",)                    wildcard
 *   ("c", slot)               capture
 *   ("v", j)                  == vals[j]   ("is", const) for None/True/False
 *   ("as", sub, slot)         sub, then capture the subject
 *   ("|", (alts...))          first alternative that matches
 *   ("s", (subs...), star, starslot)  sequence (star: index of *x or -1)
 *   ("m", ((j, sub)...), restslot)    mapping with keys vals[j]
 *   ("k", j, (pos...), ((name, sub)...))  class pattern, class vals[j]
 * Returns the tuple of captures, py_None when the subject does not match,
 * NULL on error. Subjects are read through the normal object operations
 * (which take the object locks). */
#include "py.h"

static int match(pv subj, pv d, pv vals, pv *caps);

static int eqv(pv a, pv b) { return py_eq(a, b); }

static int is_sequence(pv s)
{
    extern py_type py_bytes_type;
    if (PY_ISSTR(s) || PY_ISDICT(s) || py_typeof(s) == &py_bytes_type)
        return 0;
    return PY_ISLIST(s) || PY_ISTUPLE(s) || PY_IS(s, range) ||
           (py_typeof(s)->name && !strcmp(py_typeof(s)->name, "deque"));
}

static int match_seq(pv subj, pv d, pv vals, pv *caps)
{
    if (!is_sequence(subj))
        return 0;
    pv *items;
    size_t n;
    if (PY_ISTUPLE(subj)) {
        items = PY_TUPLE(subj)->items;
        n = PY_TUPLE(subj)->n;
    } else if (PY_ISLIST(subj)) {
        /* match against one consistent copy of a list others may change */
        if (!(items = py_list_snapshot(subj, &n)))
            return -1;
    } else {
        pv l = py_to_list(subj); /* a new, private list */
        if (!l)
            return -1;
        items = PY_LIST(l)->items;
        n = PY_LIST(l)->n;
    }
    py_tuple *subs = PY_TUPLE(PY_TUPLE(d)->items[1]);
    intptr_t star = PY_SMALLVAL(PY_TUPLE(d)->items[2]);
    intptr_t starslot = PY_SMALLVAL(PY_TUPLE(d)->items[3]);
    size_t np = subs->n;
    if (star < 0) {
        if (n != np)
            return 0;
        for (size_t i = 0; i < np; i++) {
            int r = match(items[i], subs->items[i], vals, caps);
            if (r <= 0)
                return r;
        }
        return 1;
    }
    if (n < np - 1)
        return 0;
    size_t after = np - 1 - (size_t)star;
    for (size_t i = 0; i < (size_t)star; i++) {
        int r = match(items[i], subs->items[i], vals, caps);
        if (r <= 0)
            return r;
    }
    for (size_t i = 0; i < after; i++) {
        int r = match(items[n - after + i], subs->items[(size_t)star + 1 + i], vals, caps);
        if (r <= 0)
            return r;
    }
    if (starslot >= 0)
        caps[starslot] = py_list_from(items + star, n - after - (size_t)star);
    return 1;
}

static int match_map(pv subj, pv d, pv vals, pv *caps)
{
    if (!PY_ISDICT(subj))
        return 0;
    py_tuple *items = PY_TUPLE(PY_TUPLE(d)->items[1]);
    intptr_t rest = PY_SMALLVAL(PY_TUPLE(d)->items[2]);
    for (size_t i = 0; i < items->n; i++) {
        py_tuple *kv = PY_TUPLE(items->items[i]);
        pv key = PY_TUPLE(vals)->items[PY_SMALLVAL(kv->items[0])];
        pv v = py_dict_get(subj, key);
        if (!v)
            return py_cur->exc ? -1 : 0;
        int r = match(v, kv->items[1], vals, caps);
        if (r <= 0)
            return r;
    }
    if (rest >= 0) {
        pv rd = py_dict_copy(subj);
        for (size_t i = 0; i < items->n; i++)
            py_dict_del(rd, PY_TUPLE(vals)->items[PY_SMALLVAL(PY_TUPLE(items->items[i])->items[0])]);
        caps[rest] = rd;
    }
    return 1;
}

static int self_matching(py_type *t)
{
    py_type *b[] = {&py_bool_type, &py_int_type, &py_float_type, &py_str_type, &py_list_type,
                    &py_tuple_type, &py_dict_type, &py_set_type, &py_frozenset_type};
    for (size_t i = 0; i < sizeof b / sizeof *b; i++)
        if (t == b[i])
            return 1;
    return 0;
}

static int match_class(pv subj, pv d, pv vals, pv *caps)
{
    pv cls = PY_TUPLE(vals)->items[PY_SMALLVAL(PY_TUPLE(d)->items[1])];
    if (!PY_ISTYPE(cls)) {
        py_raise(py_exc_TypeError, "called match pattern must be a class");
        return -1;
    }
    if (!py_isinst(subj, (py_type *)cls))
        return 0;
    py_tuple *pos = PY_TUPLE(PY_TUPLE(d)->items[2]);
    py_tuple *kws = PY_TUPLE(PY_TUPLE(d)->items[3]);
    if (pos->n) {
        if (self_matching((py_type *)cls)) {
            if (pos->n > 1) {
                py_raise(py_exc_TypeError, "%s() accepts 1 positional sub-pattern (%zu given)",
                         ((py_type *)cls)->name, pos->n);
                return -1;
            }
            int r = match(subj, pos->items[0], vals, caps);
            if (r <= 0)
                return r;
        } else {
            pv ma = py_getattr_opt(cls, py_intern("__match_args__"));
            if (!ma) {
                if (py_cur->exc)
                    return -1;
                py_raise(py_exc_TypeError, "%s() accepts 0 positional sub-patterns (%zu given)",
                         ((py_type *)cls)->name, pos->n);
                return -1;
            }
            pv mt = py_to_tuple(ma);
            if (!mt)
                return -1;
            if (PY_TUPLE(mt)->n < pos->n) {
                py_raise(py_exc_TypeError, "%s() accepts %zu positional sub-patterns (%zu given)",
                         ((py_type *)cls)->name, PY_TUPLE(mt)->n, pos->n);
                return -1;
            }
            for (size_t i = 0; i < pos->n; i++) {
                pv v = py_getattr_opt(subj, py_intern_str(PY_TUPLE(mt)->items[i]));
                if (!v)
                    return py_cur->exc ? -1 : 0;
                int r = match(v, pos->items[i], vals, caps);
                if (r <= 0)
                    return r;
            }
        }
    }
    for (size_t i = 0; i < kws->n; i++) {
        py_tuple *kv = PY_TUPLE(kws->items[i]);
        pv v = py_getattr_opt(subj, kv->items[0]);
        if (!v)
            return py_cur->exc ? -1 : 0;
        int r = match(v, kv->items[1], vals, caps);
        if (r <= 0)
            return r;
    }
    return 1;
}

static int match(pv subj, pv d, pv vals, pv *caps)
{
    py_tuple *t = PY_TUPLE(d);
    const char *k = py_cstr(t->items[0]);
    switch (k[0]) {
    case '_': return 1;
    case 'c':
        caps[PY_SMALLVAL(t->items[1])] = subj;
        return 1;
    case 'v': return eqv(subj, PY_TUPLE(vals)->items[PY_SMALLVAL(t->items[1])]);
    case 'i': return subj == t->items[1];
    case 'a': {
        int r = match(subj, t->items[1], vals, caps);
        if (r > 0)
            caps[PY_SMALLVAL(t->items[2])] = subj;
        return r;
    }
    case '|': {
        py_tuple *alts = PY_TUPLE(t->items[1]);
        for (size_t i = 0; i < alts->n; i++) {
            int r = match(subj, alts->items[i], vals, caps);
            if (r)
                return r;
        }
        return 0;
    }
    case 's': return match_seq(subj, d, vals, caps);
    case 'm': return match_map(subj, d, vals, caps);
    case 'k': return match_class(subj, d, vals, caps);
    default:
        py_raise(py_exc_SystemError, "bad match pattern descriptor");
        return -1;
    }
}

static size_t count_slots(pv d)
{
    /* the largest capture slot + 1 */
    py_tuple *t = PY_TUPLE(d);
    const char *k = py_cstr(t->items[0]);
    size_t m = 0;
#define MAXS(x) do { size_t _v = (x); if (_v > m) m = _v; } while (0)
    switch (k[0]) {
    case 'c': MAXS((size_t)PY_SMALLVAL(t->items[1]) + 1); break;
    case 'a':
        MAXS((size_t)PY_SMALLVAL(t->items[2]) + 1);
        MAXS(count_slots(t->items[1]));
        break;
    case '|':
        for (size_t i = 0; i < PY_TUPLE(t->items[1])->n; i++)
            MAXS(count_slots(PY_TUPLE(t->items[1])->items[i]));
        break;
    case 's':
        for (size_t i = 0; i < PY_TUPLE(t->items[1])->n; i++)
            if (PY_TUPLE(t->items[1])->items[i] != py_None)
                MAXS(count_slots(PY_TUPLE(t->items[1])->items[i]));
        if (PY_SMALLVAL(t->items[3]) >= 0)
            MAXS((size_t)PY_SMALLVAL(t->items[3]) + 1);
        break;
    case 'm':
        for (size_t i = 0; i < PY_TUPLE(t->items[1])->n; i++)
            MAXS(count_slots(PY_TUPLE(PY_TUPLE(t->items[1])->items[i])->items[1]));
        if (PY_SMALLVAL(t->items[2]) >= 0)
            MAXS((size_t)PY_SMALLVAL(t->items[2]) + 1);
        break;
    case 'k':
        for (size_t i = 0; i < PY_TUPLE(t->items[2])->n; i++)
            MAXS(count_slots(PY_TUPLE(t->items[2])->items[i]));
        for (size_t i = 0; i < PY_TUPLE(t->items[3])->n; i++)
            MAXS(count_slots(PY_TUPLE(PY_TUPLE(t->items[3])->items[i])->items[1]));
        break;
    default: break;
    }
#undef MAXS
    return m;
}

pv py_match(pv subject, pv desc, pv vals)
{
    size_t n = count_slots(desc);
    pv caps_buf[16];
    pv *caps = n <= 16 ? caps_buf : py_alloc(n * sizeof(pv));
    for (size_t i = 0; i < n; i++)
        caps[i] = py_None;
    int r = match(subject, desc, vals, caps);
    if (r < 0)
        return NULL;
    if (!r)
        return py_None;
    return py_tuple_from(caps, n);
}
