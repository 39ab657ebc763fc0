/* py_bytes.c: immutable `bytes` (the layout of py_str with the bytes type:
 * len == nbytes), mutable `bytearray` (a growable buffer), their common
 * methods, str.encode/bytes.decode, and int.to_bytes/int.from_bytes.
 * bytes is immutable: no locks. A bytearray is a shared mutable object:
 * every change holds its lock (py_lock.h), with the arguments converted
 * (py_index, __index__, iteration) before the lock is taken; readers go
 * through bbuf, which copies the buffer under the read lock where locks
 * are real, so no reader pairs a buffer with the length of another. */
#include <ctype.h>
#include <stdlib.h>

#include "py.h"
#include "py_lock.h"

py_type py_bytes_type;

pv py_bytes_new(const char *s, size_t n)
{
    py_str *o = (py_str *)GC_MALLOC_ATOMIC(sizeof(py_str) + n + 1);
    if (!o)
        return py_raise_nomem();
    memset(o, 0, sizeof(py_str));
    o->ob.type = &py_bytes_type;
    o->hash = -1;
    o->len = o->nbytes = n;
    py_copy(o->s, s, n);
    o->s[n] = 0;
    return (pv)o;
}

#define B(o) ((py_str *)(o))
#define ISB(o) (!PY_ISSMALL(o) && (o)->type == &py_bytes_type)

typedef struct { py_obj ob; size_t n, cap; unsigned char *buf; } py_bytearray;
py_type py_bytearray_type;
#define BA(o) ((py_bytearray *)(o))
#define ISBA(o) (!PY_ISSMALL(o) && (o)->type == &py_bytearray_type)

/* the bytes of a bytes or bytearray object; 0 for anything else */
static int bbuf(pv o, const unsigned char **p, size_t *n)
{
    if (ISB(o)) {
        *p = (const unsigned char *)B(o)->s;
        *n = B(o)->nbytes;
        return 1;
    }
    if (ISBA(o)) {
        if (!py_locking()) { /* one GIL, or inside a transaction */
            *p = BA(o)->buf;
            *n = BA(o)->n;
            return 1;
        }
        PY_LOCK_R(o); /* allocation under a lock is allowed */
        size_t k = BA(o)->n;
        unsigned char *c = GC_MALLOC_ATOMIC(k + 1);
        if (c)
            py_copy(c, BA(o)->buf, k);
        PY_UNLOCK_R(o);
        if (!c)
            py_raise_nomem();
        *p = c ? c : (const unsigned char *)"";
        *n = c ? k : 0;
        return 1;
    }
    *p = (const unsigned char *)"";
    *n = 0;
    return 0;
}

static int ba_reserve(py_bytearray *a, size_t need)
{
    if (need <= a->cap)
        return 0;
    size_t cap = a->cap < 8 ? 8 : a->cap;
    while (cap < need)
        cap += cap >> 1;
    unsigned char *nb = GC_MALLOC_ATOMIC(cap + 1);
    if (!nb) {
        py_raise_nomem();
        return -1;
    }
    py_copy(nb, a->buf, a->n);
    a->buf = nb;
    a->cap = cap;
    return 0;
}

pv py_bytearray_new(const void *s, size_t n)
{
    py_bytearray *a = (py_bytearray *)py_new(&py_bytearray_type, sizeof(py_bytearray));
    if (!a || ba_reserve(a, n ? n : 1) < 0) /* buf never NULL: mem* calls get a real pointer */
        return NULL;
    py_copy(a->buf, s, n);
    a->n = n;
    return (pv)a;
}

/* a result of the same kind as self: bytes for bytes, bytearray for bytearray */
static pv mk_like(pv self, const void *s, size_t n)
{
    return ISBA(self) ? py_bytearray_new(s, n) : py_bytes_new((const char *)s, n);
}

static pv bytes_repr(pv o)
{
    const unsigned char *p;
    size_t n;
    bbuf(o, &p, &n);
    int sq = memchr(p, '\'', n) != NULL, dq = memchr(p, '"', n) != NULL;
    char q = sq && !dq ? '"' : '\'';
    py_sb b = {0};
    if (ISBA(o))
        py_sb_adds(&b, "bytearray(");
    py_sb_addc(&b, 'b');
    py_sb_addc(&b, q);
    for (size_t i = 0; i < n; i++) {
        unsigned char c = p[i];
        char buf[8];
        /* CPython's bytearray repr escapes ' inside "..." too */
        if (c == (unsigned char)q || c == '\\' || (c == '\'' && ISBA(o))) {
            py_sb_addc(&b, '\\');
            py_sb_addc(&b, (char)c);
        } else if (c == '\n')
            py_sb_adds(&b, "\\n");
        else if (c == '\r')
            py_sb_adds(&b, "\\r");
        else if (c == '\t')
            py_sb_adds(&b, "\\t");
        else if (c < 32 || c >= 127) {
            snprintf(buf, sizeof buf, "\\x%02x", c);
            py_sb_adds(&b, buf);
        } else
            py_sb_addc(&b, (char)c);
    }
    py_sb_addc(&b, q);
    if (ISBA(o))
        py_sb_addc(&b, ')');
    return py_sb_finish(&b);
}

static intptr_t bytes_hash(pv o)
{
    py_str *s = B(o);
    if (s->hash != -1)
        return s->hash;
    uint64_t h = 1099511628211ULL ^ 0x5bd1e995;
    for (size_t i = 0; i < s->nbytes; i++) {
        h ^= (unsigned char)s->s[i];
        h *= 1099511628211ULL;
    }
    intptr_t r = (intptr_t)(h ^ (h >> 29));
    s->hash = r == -1 ? -2 : r;
    return s->hash;
}

static intptr_t bytes_len(pv o)
{
    const unsigned char *p;
    size_t n;
    bbuf(o, &p, &n);
    return (intptr_t)n;
}

static pv bytes_richcmp(pv a, pv b, int op)
{
    const unsigned char *pa, *pb;
    size_t na, nb;
    if (!bbuf(a, &pa, &na) || !bbuf(b, &pb, &nb))
        return py_NotImplemented;
    int c = memcmp(pa, pb, na < nb ? na : nb);
    if (!c)
        c = (na > nb) - (na < nb);
    switch (op) {
    case PY_LT: return PY_BOOL(c < 0);
    case PY_LE: return PY_BOOL(c <= 0);
    case PY_EQ: return PY_BOOL(c == 0);
    case PY_NE: return PY_BOOL(c != 0);
    case PY_GT: return PY_BOOL(c > 0);
    default: return PY_BOOL(c >= 0);
    }
}

static pv bytes_getitem(pv o, pv k)
{
    const unsigned char *p;
    size_t n;
    bbuf(o, &p, &n);
    if (PY_IS(k, slice)) {
        intptr_t a, b, st;
        size_t len;
        if (py_slice_indices(k, n, &a, &b, &st, &len) < 0)
            return NULL;
        char *buf = GC_MALLOC_ATOMIC(len + 1);
        for (size_t i = 0; i < len; i++)
            buf[i] = (char)p[a + (intptr_t)i * st];
        return mk_like(o, buf, len);
    }
    int err = 0;
    intptr_t i = py_index(k, &err);
    if (err) {
        py_exc_clear();
        return py_raise(py_exc_TypeError, "%s indices must be integers or slices, not %s",
                        o->type->name, py_tname(k));
    }
    if (i < 0)
        i += (intptr_t)n;
    if (i < 0 || (size_t)i >= n)
        return py_raise(py_exc_IndexError, ISBA(o) ? "bytearray index out of range" : "index out of range");
    return PY_MKSMALL(p[i]);
}

/* the position of needle in p[lo, hi) (from the right if rev), -1 if absent */
static intptr_t bfind(const unsigned char *p, size_t lo, size_t hi, const unsigned char *q, size_t m, int rev)
{
    if (hi < lo || hi - lo < m)
        return -1;
    if (rev) {
        for (size_t i = hi - m + 1; i-- > lo;)
            if (!memcmp(p + i, q, m))
                return (intptr_t)i;
        return -1;
    }
    for (size_t i = lo; i + m <= hi; i++)
        if (!memcmp(p + i, q, m))
            return (intptr_t)i;
    return -1;
}

/* a needle argument: bytes-like, or an int in range(256) (one byte in *one) */
static int needle(pv v, const unsigned char **q, size_t *m, unsigned char *one)
{
    if (bbuf(v, q, m))
        return 0;
    if (PY_ISINT(v)) {
        intptr_t c = PY_SMALLVAL(v);
        if (c < 0 || c > 255) {
            py_raise(py_exc_ValueError, "byte must be in range(0, 256)");
            return -1;
        }
        *one = (unsigned char)c;
        *q = one;
        *m = 1;
        return 0;
    }
    py_raise(py_exc_TypeError, "a bytes-like object is required, not '%s'", py_tname(v));
    return -1;
}

static int bytes_contains(pv o, pv v)
{
    const unsigned char *p, *q;
    size_t n, m;
    unsigned char one;
    bbuf(o, &p, &n);
    if (needle(v, &q, &m, &one) < 0)
        return -1;
    return bfind(p, 0, n, q, m, 0) >= 0;
}

typedef struct { py_obj ob; pv b; size_t i; } bytes_iter;
static py_type bytes_iter_type;
static pv bytes_iter_next(pv o)
{
    bytes_iter *it = (bytes_iter *)o;
    size_t i = __atomic_load_n(&it->i, __ATOMIC_RELAXED);
    int c = -1;
    if (ISBA(it->b)) {
        PY_LOCK_R(it->b);
        if (i < BA(it->b)->n)
            c = BA(it->b)->buf[i];
        PY_UNLOCK_R(it->b);
    } else if (i < B(it->b)->nbytes)
        c = (unsigned char)B(it->b)->s[i];
    if (c < 0)
        return NULL;
    __atomic_store_n(&it->i, i + 1, __ATOMIC_RELAXED);
    return PY_MKSMALL(c);
}
static pv self_iter(pv o) { return o; }
static py_type bytes_iter_type = {.name = "bytes_iterator", .basicsize = sizeof(bytes_iter),
                                  .iter = self_iter, .next = bytes_iter_next};
static pv bytes_iter_new(pv o)
{
    bytes_iter *it = (bytes_iter *)py_new(&bytes_iter_type, sizeof(bytes_iter));
    it->b = o;
    return (pv)it;
}

static pv bytes_add(pv a, pv b)
{
    const unsigned char *pa, *pb;
    size_t na, nb;
    if (!bbuf(a, &pa, &na))
        return py_NotImplemented;
    if (!bbuf(b, &pb, &nb))
        return py_raise(py_exc_TypeError, "can't concat %s to %s", py_tname(b), py_tname(a));
    char *buf = GC_MALLOC_ATOMIC(na + nb + 1);
    py_copy(buf, pa, na);
    py_copy(buf + na, pb, nb);
    return mk_like(a, buf, na + nb);
}

static pv bytes_mul(pv a, pv b)
{
    const unsigned char *p;
    size_t l;
    pv s = bbuf(a, &p, &l) ? a : b, k = s == a ? b : a;
    if (!bbuf(s, &p, &l) || !PY_ISINT(k))
        return py_NotImplemented;
    intptr_t n = PY_SMALLVAL(k);
    if (n < 0)
        n = 0;
    char *buf = GC_MALLOC_ATOMIC(l * (size_t)n + 1);
    if (!buf)
        return py_raise_nomem();
    for (intptr_t i = 0; i < n; i++)
        py_copy(buf + (size_t)i * l, p, l);
    return mk_like(s, buf, l * (size_t)n);
}

static pv bytes_new_t(py_type *t, pv *a, size_t n, pv kw)
{
    if (n == 0)
        return py_bytes_new("", 0);
    pv x = a[0];
    if (PY_ISSTR(x)) {
        if (n < 2 && !py_kwarg(kw, a + n, "encoding"))
            return py_raise(py_exc_TypeError, "string argument without an encoding");
        return py_bytes_new(py_cstr(x), py_sbytes(x));
    }
    if (ISB(x))
        return x;
    const unsigned char *xp;
    size_t xn;
    if (ISBA(x) && bbuf(x, &xp, &xn))
        return py_bytes_new((const char *)xp, xn);
    if (PY_ISINT(x)) {
        int err = 0;
        intptr_t k = py_index(x, &err);
        if (err)
            return NULL;
        if (k < 0)
            return py_raise(py_exc_ValueError, "negative count");
        char *buf = GC_MALLOC_ATOMIC((size_t)k + 1);
        memset(buf, 0, (size_t)k + 1);
        return py_bytes_new(buf, (size_t)k);
    }
    pv l = py_to_list(x);
    if (!l)
        return NULL;
    size_t k = PY_LIST(l)->n;
    char *buf = GC_MALLOC_ATOMIC(k + 1);
    for (size_t i = 0; i < k; i++) {
        pv v = PY_LIST(l)->items[i];
        if (!PY_ISSMALL(v) || PY_SMALLVAL(v) < 0 || PY_SMALLVAL(v) > 255)
            return py_raise(py_exc_ValueError, "bytes must be in range(0, 256)");
        buf[i] = (char)PY_SMALLVAL(v);
    }
    return py_bytes_new(buf, k);
}

static pv bm_decode(pv s, pv *a, size_t n, pv kw)
{
    /* UTF-8 (and ASCII/latin-1 for ASCII data); invalid input raises */
    const unsigned char *p;
    size_t len;
    bbuf(s, &p, &len);
    pv enc = n ? a[0] : py_kwarg(kw, a + n, "encoding");
    int latin1 = enc && PY_ISSTR(enc) && (!strcmp(py_cstr(enc), "latin-1") || !strcmp(py_cstr(enc), "latin1") ||
                                          !strcmp(py_cstr(enc), "iso-8859-1"));
    if (latin1) {
        py_sb b = {0};
        for (size_t i = 0; i < len; i++) {
            char buf[4];
            py_sb_add(&b, buf, py_utf8_encode(p[i], buf));
        }
        return py_sb_finish(&b);
    }
    for (size_t i = 0; i < len;) {
        unsigned char c = p[i];
        size_t k = c < 0x80 ? 0 : (c & 0xE0) == 0xC0 ? 1 : (c & 0xF0) == 0xE0 ? 2 : (c & 0xF8) == 0xF0 ? 3 : 9;
        int ok = k != 9 && i + k < len + (k == 0);
        for (size_t j = 1; ok && j <= k; j++)
            ok = (p[i + j] & 0xC0) == 0x80;
        if (!ok)
            return py_raise(py_exc_UnicodeDecodeError,
                            "'utf-8' codec can't decode byte 0x%02x in position %zu: invalid start byte", c, i);
        i += k + 1;
    }
    return py_str_new((const char *)p, len);
}

static pv bm_hex(pv s, pv *a, size_t n, pv kw)
{
    const unsigned char *p;
    size_t len;
    bbuf(s, &p, &len);
    char *buf = GC_MALLOC_ATOMIC(2 * len + 1);
    for (size_t i = 0; i < len; i++)
        snprintf(buf + 2 * i, 3, "%02x", p[i]);
    return py_str_new(buf, 2 * len);
}

static pv sm_encode(pv s, pv *a, size_t n, pv kw) { return py_bytes_new(py_cstr(s), py_sbytes(s)); }

/* optional [start[, end]] arguments of find/count/index, clamped to [0, len] */
static int range_args(pv *a, size_t n, size_t len, size_t *lo, size_t *hi)
{
    intptr_t v[2] = {0, (intptr_t)len};
    for (size_t i = 0; i < 2 && i < n; i++) {
        if (a[i] == py_None)
            continue;
        int err = 0;
        v[i] = py_index(a[i], &err);
        if (err)
            return -1;
        if (v[i] < 0)
            v[i] += (intptr_t)len;
        if (v[i] < 0)
            v[i] = 0;
        if (v[i] > (intptr_t)len)
            v[i] = (intptr_t)len;
    }
    *lo = (size_t)v[0];
    *hi = (size_t)v[1];
    return 0;
}

static pv find_common(pv s, pv *a, size_t n, int rev, int raise)
{
    const unsigned char *p, *q;
    size_t len, m, lo, hi;
    unsigned char one;
    if (n < 1)
        return py_raise(py_exc_TypeError, "find() takes at least 1 argument (0 given)");
    bbuf(s, &p, &len);
    if (needle(a[0], &q, &m, &one) < 0 || range_args(a + 1, n - 1, len, &lo, &hi) < 0)
        return NULL;
    intptr_t r = bfind(p, lo, hi, q, m, rev);
    if (r < 0 && raise)
        return py_raise(py_exc_ValueError, "subsection not found");
    return PY_MKSMALL(r);
}
static pv bm_find(pv s, pv *a, size_t n, pv kw) { return find_common(s, a, n, 0, 0); }
static pv bm_rfind(pv s, pv *a, size_t n, pv kw) { return find_common(s, a, n, 1, 0); }
static pv bm_index(pv s, pv *a, size_t n, pv kw) { return find_common(s, a, n, 0, 1); }
static pv bm_rindex(pv s, pv *a, size_t n, pv kw) { return find_common(s, a, n, 1, 1); }

static pv bm_count(pv s, pv *a, size_t n, pv kw)
{
    const unsigned char *p, *q;
    size_t len, m, lo, hi;
    unsigned char one;
    if (n < 1)
        return py_raise(py_exc_TypeError, "count() takes at least 1 argument (0 given)");
    bbuf(s, &p, &len);
    if (needle(a[0], &q, &m, &one) < 0 || range_args(a + 1, n - 1, len, &lo, &hi) < 0)
        return NULL;
    if (!m)
        return PY_MKSMALL(hi >= lo ? hi - lo + 1 : 0);
    intptr_t c = 0, r;
    while ((r = bfind(p, lo, hi, q, m, 0)) >= 0) {
        c++;
        lo = (size_t)r + m;
    }
    return PY_MKSMALL(c);
}

static pv affix_common(pv s, pv *a, size_t n, int end, const char *name)
{
    const unsigned char *p, *q;
    size_t len, m, lo, hi;
    if (n < 1)
        return py_raise(py_exc_TypeError, "%s() takes at least 1 argument (0 given)", name);
    bbuf(s, &p, &len);
    if (range_args(a + 1, n - 1, len, &lo, &hi) < 0)
        return NULL;
    pv t = a[0];
    size_t k = PY_IS(t, tuple) ? PY_TUPLE(t)->n : 1;
    for (size_t i = 0; i < k; i++) {
        pv x = PY_IS(t, tuple) ? PY_TUPLE(t)->items[i] : t;
        if (!bbuf(x, &q, &m))
            return py_raise(py_exc_TypeError, "%s first arg must be bytes or a tuple of bytes, not %s", name,
                            py_tname(x));
        if (hi >= lo && hi - lo >= m && !memcmp(p + (end ? hi - m : lo), q, m))
            return py_True;
    }
    return py_False;
}
static pv bm_startswith(pv s, pv *a, size_t n, pv kw) { return affix_common(s, a, n, 0, "startswith"); }
static pv bm_endswith(pv s, pv *a, size_t n, pv kw) { return affix_common(s, a, n, 1, "endswith"); }

static pv bm_join(pv s, pv *a, size_t n, pv kw)
{
    const unsigned char *sep, *q;
    size_t sn, m;
    bbuf(s, &sep, &sn);
    if (n != 1)
        return py_raise(py_exc_TypeError, "join() takes exactly one argument (%zu given)", n);
    pv l = py_to_list(a[0]);
    if (!l)
        return NULL;
    py_sb b = {0};
    for (size_t i = 0; i < PY_LIST(l)->n; i++) {
        pv x = PY_LIST(l)->items[i];
        if (!bbuf(x, &q, &m))
            return py_raise(py_exc_TypeError, "sequence item %zu: expected a bytes-like object, %s found", i,
                            py_tname(x));
        if (i)
            py_sb_add(&b, (const char *)sep, sn);
        py_sb_add(&b, (const char *)q, m);
    }
    return mk_like(s, b.buf ? b.buf : "", b.len);
}

static int bspace(unsigned char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }

static pv strip_common(pv s, pv *a, size_t n, int left, int right)
{
    const unsigned char *p, *q = NULL;
    size_t len, m = 0;
    bbuf(s, &p, &len);
    if (n && a[0] != py_None && !bbuf(a[0], &q, &m))
        return py_raise(py_exc_TypeError, "a bytes-like object is required, not '%s'", py_tname(a[0]));
    size_t lo = 0, hi = len;
#define STRIPPED(c) (q ? memchr(q, (c), m) != NULL : bspace(c))
    while (left && lo < hi && STRIPPED(p[lo]))
        lo++;
    while (right && hi > lo && STRIPPED(p[hi - 1]))
        hi--;
#undef STRIPPED
    return mk_like(s, p + lo, hi - lo);
}
static pv bm_strip(pv s, pv *a, size_t n, pv kw) { return strip_common(s, a, n, 1, 1); }
static pv bm_lstrip(pv s, pv *a, size_t n, pv kw) { return strip_common(s, a, n, 1, 0); }
static pv bm_rstrip(pv s, pv *a, size_t n, pv kw) { return strip_common(s, a, n, 0, 1); }

static pv bm_split(pv s, pv *a, size_t n, pv kw)
{
    const unsigned char *p, *q = NULL;
    size_t len, m = 0;
    bbuf(s, &p, &len);
    pv sepv = n > 0 ? a[0] : py_kwarg(kw, a + n, "sep");
    pv maxv = n > 1 ? a[1] : py_kwarg(kw, a + n, "maxsplit");
    intptr_t maxsplit = -1;
    if (maxv) {
        int err = 0;
        maxsplit = py_index(maxv, &err);
        if (err)
            return NULL;
    }
    if (sepv && sepv != py_None) {
        if (!bbuf(sepv, &q, &m))
            return py_raise(py_exc_TypeError, "a bytes-like object is required, not '%s'", py_tname(sepv));
        if (!m)
            return py_raise(py_exc_ValueError, "empty separator");
    }
    pv out = py_list_new(0);
    size_t i = 0;
    if (q) {
        intptr_t r;
        while (maxsplit-- != 0 && (r = bfind(p, i, len, q, m, 0)) >= 0) {
            py_list_append(out, mk_like(s, p + i, (size_t)r - i));
            i = (size_t)r + m;
        }
        py_list_append(out, mk_like(s, p + i, len - i));
        return out;
    }
    for (;;) {
        while (i < len && bspace(p[i]))
            i++;
        if (i >= len)
            break;
        if (maxsplit-- == 0) {
            size_t e = len;
            while (e > i && bspace(p[e - 1]))
                e--;
            py_list_append(out, mk_like(s, p + i, e - i));
            break;
        }
        size_t j = i;
        while (j < len && !bspace(p[j]))
            j++;
        py_list_append(out, mk_like(s, p + i, j - i));
        i = j;
    }
    return out;
}

static pv bm_replace(pv s, pv *a, size_t n, pv kw)
{
    const unsigned char *p, *o, *w;
    size_t len, on, wn;
    bbuf(s, &p, &len);
    if (n < 2 || !bbuf(a[0], &o, &on) || !bbuf(a[1], &w, &wn))
        return py_raise(py_exc_TypeError, "replace() takes two bytes-like arguments");
    intptr_t count = -1;
    if (n > 2) {
        int err = 0;
        count = py_index(a[2], &err);
        if (err)
            return NULL;
    }
    py_sb b = {0};
    size_t i = 0;
    while (count != 0 && i <= len) {
        intptr_t r = on ? bfind(p, i, len, o, on, 0) : (intptr_t)i;
        if (r < 0)
            break;
        py_sb_add(&b, (const char *)p + i, (size_t)r - i);
        py_sb_add(&b, (const char *)w, wn);
        if (!on) {
            if ((size_t)r < len)
                py_sb_addc(&b, (char)p[r]);
            i = (size_t)r + 1;
        } else
            i = (size_t)r + on;
        count--;
    }
    if (i < len)
        py_sb_add(&b, (const char *)p + i, len - i);
    return mk_like(s, b.buf ? b.buf : "", b.len);
}

static pv case_common(pv s, int up)
{
    const unsigned char *p;
    size_t len;
    bbuf(s, &p, &len);
    unsigned char *buf = GC_MALLOC_ATOMIC(len + 1);
    for (size_t i = 0; i < len; i++) {
        unsigned char c = p[i];
        buf[i] = up ? (c >= 'a' && c <= 'z' ? c - 32 : c) : (c >= 'A' && c <= 'Z' ? c + 32 : c);
    }
    return mk_like(s, buf, len);
}
static pv bm_upper(pv s, pv *a, size_t n, pv kw) { return case_common(s, 1); }
static pv bm_lower(pv s, pv *a, size_t n, pv kw) { return case_common(s, 0); }

static pv is_common(pv s, int (*pred)(int))
{
    const unsigned char *p;
    size_t len;
    bbuf(s, &p, &len);
    for (size_t i = 0; i < len; i++)
        if (!pred(p[i]))
            return py_False;
    return PY_BOOL(len > 0);
}
static int c_space(int c) { return bspace((unsigned char)c); }
static int c_digit(int c) { return c >= '0' && c <= '9'; }
static int c_alpha(int c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
static int c_alnum(int c) { return c_digit(c) || c_alpha(c); }
static pv bm_isspace(pv s, pv *a, size_t n, pv kw) { return is_common(s, c_space); }
static pv bm_isdigit(pv s, pv *a, size_t n, pv kw) { return is_common(s, c_digit); }
static pv bm_isalpha(pv s, pv *a, size_t n, pv kw) { return is_common(s, c_alpha); }
static pv bm_isalnum(pv s, pv *a, size_t n, pv kw) { return is_common(s, c_alnum); }

static pv bm_fromhex(pv cls, pv *a, size_t n, pv kw)
{
    if (n != 1 || !PY_ISSTR(a[0]))
        return py_raise(py_exc_TypeError, "fromhex() argument must be str");
    const char *p = py_cstr(a[0]);
    size_t len = py_sbytes(a[0]);
    py_sb b = {0};
    for (size_t i = 0; i < len;) {
        if (p[i] == ' ') {
            i++;
            continue;
        }
        int hi = i < len && isxdigit((unsigned char)p[i]), lo = i + 1 < len && isxdigit((unsigned char)p[i + 1]);
        if (!hi || !lo)
            return py_raise(py_exc_ValueError, "non-hexadecimal number found in fromhex() arg at position %zu",
                            i + (size_t)hi);
        char h[3] = {p[i], p[i + 1], 0};
        py_sb_addc(&b, (char)strtol(h, NULL, 16));
        i += 2;
    }
    if ((py_type *)cls == &py_bytearray_type)
        return py_bytearray_new(b.buf ? b.buf : "", b.len);
    return py_bytes_new(b.buf ? b.buf : "", b.len);
}

/* ---- bytearray: the mutable operations ---- */

static int byte_value(pv v, unsigned char *out)
{
    int err = 0;
    intptr_t c = py_index(v, &err);
    if (err)
        return -1;
    if (c < 0 || c > 255) {
        py_raise(py_exc_ValueError, "byte must be in range(0, 256)");
        return -1;
    }
    *out = (unsigned char)c;
    return 0;
}

/* the bytes of v for slice assignment, extend and +=: bytes-like, or an
   iterable of ints in range(256); a fresh copy */
static pv as_bytes(pv v)
{
    const unsigned char *p;
    size_t n;
    if (bbuf(v, &p, &n))
        return py_bytes_new((const char *)p, n);
    if (PY_ISINT(v) || PY_ISSTR(v))
        return py_raise(py_exc_TypeError, "can assign only bytes, buffers, or iterables of ints in range(0, 256)");
    return bytes_new_t(&py_bytes_type, &v, 1, NULL);
}

static int ba_ass_slice_locked(py_bytearray *ba, pv k, pv src);

static int ba_ass_slice(pv o, pv k, pv v)
{
    pv src = NULL;
    if (v && !(src = as_bytes(v)))
        return -1;
    if (!(k = py_slice_ints(k)))
        return -1;
    PY_LOCK(o);
    int r = ba_ass_slice_locked(BA(o), k, src);
    PY_UNLOCK(o);
    return r;
}

static int ba_ass_slice_locked(py_bytearray *ba, pv k, pv src)
{
    PY_ASSERT_LOCKED(ba);
    intptr_t a, b, st;
    size_t len;
    if (py_slice_indices(k, ba->n, &a, &b, &st, &len) < 0)
        return -1;
    size_t sn = src ? B(src)->nbytes : 0;
    if (st != 1) {
        if (src && sn != len) {
            py_raise(py_exc_ValueError, "attempt to assign bytes of size %zu to extended slice of size %zu", sn,
                     len);
            return -1;
        }
        if (src) {
            for (size_t i = 0; i < len; i++)
                ba->buf[a + (intptr_t)i * st] = (unsigned char)B(src)->s[i];
            return 0;
        }
        char *del = GC_MALLOC_ATOMIC(ba->n + 1);
        memset(del, 0, ba->n + 1);
        for (size_t i = 0; i < len; i++)
            del[a + (intptr_t)i * st] = 1;
        size_t w = 0;
        for (size_t i = 0; i < ba->n; i++)
            if (!del[i])
                ba->buf[w++] = ba->buf[i];
        ba->n = w;
        return 0;
    }
    if (b < a)
        b = a;
    size_t oldn = (size_t)(b - a), newlen = ba->n - oldn + sn;
    if (ba_reserve(ba, newlen) < 0)
        return -1;
    py_move(ba->buf + a + sn, ba->buf + b, ba->n - (size_t)b);
    py_copy(ba->buf + a, B(src ? src : py_bytes_new("", 0))->s, sn);
    ba->n = newlen;
    return 0;
}

static int ba_setitem(pv o, pv k, pv v)
{
    py_bytearray *ba = BA(o);
    if (PY_IS(k, slice))
        return ba_ass_slice(o, k, v);
    int err = 0;
    intptr_t i = py_index(k, &err);
    if (err) {
        py_exc_clear();
        py_raise(py_exc_TypeError, "bytearray indices must be integers or slices, not %s", py_tname(k));
        return -1;
    }
    unsigned char c = 0;
    if (v && byte_value(v, &c) < 0)
        return -1;
    PY_LOCK(ba);
    if (i < 0)
        i += (intptr_t)ba->n;
    if (i < 0 || (size_t)i >= ba->n) {
        PY_UNLOCK(ba);
        py_raise(py_exc_IndexError, v ? "bytearray index out of range" : "bytearray index out of range");
        return -1;
    }
    if (!v) {
        py_move(ba->buf + i, ba->buf + i + 1, ba->n - (size_t)i - 1);
        ba->n--;
    } else
        ba->buf[i] = c;
    PY_UNLOCK(ba);
    return 0;
}

static pv ba_new_t(py_type *t, pv *a, size_t n, pv kw)
{
    if (n == 0)
        return py_bytearray_new("", 0);
    pv b = bytes_new_t(&py_bytes_type, a, n, kw);
    if (!b)
        return NULL;
    return py_bytearray_new(B(b)->s, B(b)->nbytes);
}

static pv bam_append(pv s, pv *a, size_t n, pv kw)
{
    unsigned char c;
    if (n != 1)
        return py_raise(py_exc_TypeError, "append() takes exactly one argument (%zu given)", n);
    if (byte_value(a[0], &c) < 0)
        return NULL;
    PY_LOCK(s);
    int r = ba_reserve(BA(s), BA(s)->n + 1);
    if (r == 0)
        BA(s)->buf[BA(s)->n++] = c;
    PY_UNLOCK(s);
    return r < 0 ? NULL : py_None;
}

static pv bam_extend(pv s, pv *a, size_t n, pv kw)
{
    if (n != 1)
        return py_raise(py_exc_TypeError, "extend() takes exactly one argument (%zu given)", n);
    pv b = as_bytes(a[0]);
    if (!b)
        return NULL;
    PY_LOCK(s);
    int r = ba_reserve(BA(s), BA(s)->n + B(b)->nbytes);
    if (r == 0) {
        py_copy(BA(s)->buf + BA(s)->n, B(b)->s, B(b)->nbytes);
        BA(s)->n += B(b)->nbytes;
    }
    PY_UNLOCK(s);
    return r < 0 ? NULL : py_None;
}

static pv bam_iadd(pv s, pv *a, size_t n, pv kw)
{
    const unsigned char *p;
    size_t m;
    if (n != 1 || !bbuf(a[0], &p, &m))
        return py_raise(py_exc_TypeError, "can't concat %s to bytearray", n ? py_tname(a[0]) : "nothing");
    return bam_extend(s, a, n, kw) ? s : NULL;
}

static pv bam_pop(pv s, pv *a, size_t n, pv kw)
{
    py_bytearray *ba = BA(s);
    intptr_t i = -1;
    if (n) {
        int err = 0;
        i = py_index(a[0], &err);
        if (err)
            return NULL;
    }
    PY_LOCK(ba);
    if (!ba->n) {
        PY_UNLOCK(ba);
        return py_raise(py_exc_IndexError, "pop from empty bytearray");
    }
    if (i < 0)
        i += (intptr_t)ba->n;
    if (i < 0 || (size_t)i >= ba->n) {
        PY_UNLOCK(ba);
        return py_raise(py_exc_IndexError, "pop index out of range");
    }
    unsigned char c = ba->buf[i];
    py_move(ba->buf + i, ba->buf + i + 1, ba->n - (size_t)i - 1);
    ba->n--;
    PY_UNLOCK(ba);
    return PY_MKSMALL(c);
}

static pv bam_insert(pv s, pv *a, size_t n, pv kw)
{
    py_bytearray *ba = BA(s);
    unsigned char c;
    int err = 0;
    if (n != 2)
        return py_raise(py_exc_TypeError, "insert expected 2 arguments, got %zu", n);
    intptr_t i = py_index(a[0], &err);
    if (err || byte_value(a[1], &c) < 0)
        return NULL;
    PY_LOCK(ba);
    if (ba_reserve(ba, ba->n + 1) < 0) {
        PY_UNLOCK(ba);
        return NULL;
    }
    if (i < 0)
        i += (intptr_t)ba->n;
    if (i < 0)
        i = 0;
    if ((size_t)i > ba->n)
        i = (intptr_t)ba->n;
    py_move(ba->buf + i + 1, ba->buf + i, ba->n - (size_t)i);
    ba->buf[i] = c;
    ba->n++;
    PY_UNLOCK(ba);
    return py_None;
}

static pv bam_remove(pv s, pv *a, size_t n, pv kw)
{
    py_bytearray *ba = BA(s);
    unsigned char c;
    if (n != 1)
        return py_raise(py_exc_TypeError, "remove() takes exactly one argument (%zu given)", n);
    if (byte_value(a[0], &c) < 0)
        return NULL;
    PY_LOCK(ba);
    unsigned char *q = ba->n ? memchr(ba->buf, c, ba->n) : NULL;
    if (q) {
        size_t i = (size_t)(q - ba->buf);
        py_move(ba->buf + i, ba->buf + i + 1, ba->n - i - 1);
        ba->n--;
    }
    PY_UNLOCK(ba);
    return q ? py_None : py_raise(py_exc_ValueError, "value not found in bytearray");
}

static pv bam_reverse(pv s, pv *a, size_t n, pv kw)
{
    py_bytearray *ba = BA(s);
    PY_LOCK(ba);
    for (size_t i = 0, j = ba->n; i + 1 < j; i++, j--) {
        unsigned char t = ba->buf[i];
        ba->buf[i] = ba->buf[j - 1];
        ba->buf[j - 1] = t;
    }
    PY_UNLOCK(ba);
    return py_None;
}

static pv bam_clear(pv s, pv *a, size_t n, pv kw)
{
    PY_LOCK(s);
    BA(s)->n = 0;
    PY_UNLOCK(s);
    return py_None;
}

static pv bam_copy(pv s, pv *a, size_t n, pv kw)
{
    const unsigned char *p;
    size_t k;
    bbuf(s, &p, &k);
    return py_bytearray_new(p, k);
}

/* int.to_bytes(length=1, byteorder='big', *, signed=False) */
static pv im_to_bytes(pv s, pv *a, size_t n, pv kw)
{
    pv lenv = n > 0 ? a[0] : py_kwarg(kw, a + n, "length");
    pv order = n > 1 ? a[1] : py_kwarg(kw, a + n, "byteorder");
    pv sg = py_kwarg(kw, a + n, "signed");
    int64_t len = 1;
    if (lenv && py_int_to_i64(lenv, &len) < 0)
        return NULL;
    int little = order && PY_ISSTR(order) && !strcmp(py_cstr(order), "little");
    int is_signed = sg && py_truth(sg) > 0;
    if (len < 0)
        return py_raise(py_exc_ValueError, "length argument must be non-negative");
    mpz_t z;
    mpz_init(z);
    py_int_to_mpz(s, z);
    if (mpz_sgn(z) < 0) {
        if (!is_signed)
            return py_raise(py_exc_OverflowError, "can't convert negative int to unsigned");
        mpz_t m;
        mpz_init(m);
        mpz_ui_pow_ui(m, 256, (unsigned long)len);
        mpz_add(z, z, m);
    }
    size_t bits = mpz_sgn(z) ? mpz_sizeinbase(z, 2) : 0;
    if (bits > (size_t)len * 8 || (is_signed && mpz_sgn(z) >= 0 && py_int_sign(s) >= 0 && bits == (size_t)len * 8 && len > 0))
        return py_raise(py_exc_OverflowError, "int too big to convert");
    unsigned char *buf = GC_MALLOC_ATOMIC((size_t)len + 1);
    memset(buf, 0, (size_t)len + 1);
    size_t cnt = 0;
    unsigned char *tmp = mpz_export(NULL, &cnt, -1, 1, 0, 0, z);
    for (size_t i = 0; i < cnt && i < (size_t)len; i++)
        buf[little ? i : (size_t)len - 1 - i] = tmp[i];
    return py_bytes_new((const char *)buf, (size_t)len);
}

static pv im_from_bytes(pv cls, pv *a, size_t n, pv kw)
{
    pv data = n > 0 ? a[0] : py_kwarg(kw, a + n, "bytes");
    pv order = n > 1 ? a[1] : py_kwarg(kw, a + n, "byteorder");
    pv sg = py_kwarg(kw, a + n, "signed");
    if (!data)
        return py_raise(py_exc_TypeError, "from_bytes() missing required argument 'bytes'");
    if (!ISB(data)) {
        data = bytes_new_t(&py_bytes_type, &data, 1, NULL);
        if (!data)
            return NULL;
    }
    int little = order && PY_ISSTR(order) && !strcmp(py_cstr(order), "little");
    size_t len = B(data)->nbytes;
    mpz_t z;
    mpz_init(z);
    if (len)
        mpz_import(z, len, little ? -1 : 1, 1, 0, 0, B(data)->s);
    if (sg && py_truth(sg) > 0 && len && (B(data)->s[little ? len - 1 : 0] & 0x80)) {
        mpz_t m;
        mpz_init(m);
        mpz_ui_pow_ui(m, 256, len);
        mpz_sub(z, z, m);
    }
    return py_int_from_mpz(z);
}

py_type py_bytes_type = {.name = "bytes", .basicsize = sizeof(py_str), .repr = bytes_repr,
                         .hash = bytes_hash, .len = bytes_len, .richcmp = bytes_richcmp,
                         .getitem = bytes_getitem, .contains = bytes_contains,
                         .iter = bytes_iter_new, .tp_new = bytes_new_t,
                         .nb = {[PY_NB_ADD] = bytes_add, [PY_NB_MUL] = bytes_mul}};

py_type py_bytearray_type = {.name = "bytearray", .basicsize = sizeof(py_bytearray), .repr = bytes_repr,
                             .len = bytes_len, .richcmp = bytes_richcmp, .getitem = bytes_getitem,
                             .setitem = ba_setitem, .contains = bytes_contains, .iter = bytes_iter_new,
                             .tp_new = ba_new_t, .nb = {[PY_NB_ADD] = bytes_add, [PY_NB_MUL] = bytes_mul}};

static const struct { const char *name; py_cfn fn; } common_methods[] = {
    {"decode", bm_decode}, {"hex", bm_hex}, {"find", bm_find}, {"rfind", bm_rfind},
    {"index", bm_index}, {"rindex", bm_rindex}, {"count", bm_count}, {"startswith", bm_startswith},
    {"endswith", bm_endswith}, {"join", bm_join}, {"strip", bm_strip}, {"lstrip", bm_lstrip},
    {"rstrip", bm_rstrip}, {"split", bm_split}, {"replace", bm_replace}, {"upper", bm_upper},
    {"lower", bm_lower}, {"isspace", bm_isspace}, {"isdigit", bm_isdigit}, {"isalpha", bm_isalpha},
    {"isalnum", bm_isalnum}};

static const struct { const char *name; py_cfn fn; } bytearray_methods[] = {
    {"append", bam_append}, {"extend", bam_extend}, {"pop", bam_pop}, {"insert", bam_insert},
    {"remove", bam_remove}, {"reverse", bam_reverse}, {"clear", bam_clear}, {"copy", bam_copy},
    {"__iadd__", bam_iadd}};

void py_bytes_init(void)
{
    py_type_ready(&py_bytes_type);
    py_type_ready(&py_bytearray_type);
    py_type_ready(&bytes_iter_type);
    for (size_t i = 0; i < sizeof common_methods / sizeof common_methods[0]; i++) {
        py_add_method(&py_bytes_type, common_methods[i].name, common_methods[i].fn);
        py_add_method(&py_bytearray_type, common_methods[i].name, common_methods[i].fn);
    }
    for (size_t i = 0; i < sizeof bytearray_methods / sizeof bytearray_methods[0]; i++)
        py_add_method(&py_bytearray_type, bytearray_methods[i].name, bytearray_methods[i].fn);
    py_add_cls_method(&py_bytes_type, "fromhex", bm_fromhex);
    py_add_cls_method(&py_bytearray_type, "fromhex", bm_fromhex);
    py_dict_sets(py_builtins, "bytearray", (pv)&py_bytearray_type);
    py_add_method(&py_str_type, "encode", sm_encode);
    py_add_method(&py_int_type, "to_bytes", im_to_bytes);
    py_add_cls_method(&py_int_type, "from_bytes", im_from_bytes);
    py_dict_sets(py_builtins, "bytes", (pv)&py_bytes_type);
}
