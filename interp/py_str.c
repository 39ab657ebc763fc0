/* py_str.c: str (UTF-8 with a code-point count and an ASCII flag: indexing
 * is O(1) for ASCII strings), interning, the string builder, and the three
 * formatting languages (format specs, str.format, %).
 * Strings are immutable: no locks (the cached hash is loaded and stored
 * atomically). The intern table is shared: lock-free lookups, insertions
 * under intern_mu (see intern_find). */
#include "py.h"
#include "py_dtoa.h"
#include "py_lock.h"

#include <ctype.h>
#include <stdlib.h>
#include <wctype.h>

static pv ascii_chars[128];

/* ---------------- construction ---------------- */

static size_t utf8_count(const char *s, size_t n, int *ascii)
{
    size_t c = 0;
    int a = 1;
    for (size_t i = 0; i < n; i++) {
        unsigned char b = (unsigned char)s[i];
        if (b >= 0x80)
            a = 0;
        if ((b & 0xC0) != 0x80)
            c++;
    }
    *ascii = a;
    return c;
}

pv py_str_new(const char *s, size_t n)
{
    if (n == 1 && (unsigned char)s[0] < 128 && ascii_chars[(unsigned char)s[0]])
        return ascii_chars[(unsigned char)s[0]];
    py_str *o = (py_str *)GC_MALLOC_ATOMIC(sizeof(py_str) + n + 1);
    if (!o)
        return py_raise_nomem();
    memset(o, 0, sizeof(py_str));
    o->ob.type = &py_str_type;
    o->hash = -1;
    int ascii;
    o->len = utf8_count(s, n, &ascii);
    o->ascii = (uint8_t)ascii;
    o->nbytes = n;
    py_copy(o->s, s, n);
    o->s[n] = 0;
    return (pv)o;
}

pv py_str_c(const char *s) { return py_str_new(s, strlen(s)); }

pv py_str_fmt(const char *fmt, ...)
{
    char buf[256];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    if (n < (int)sizeof buf)
        return py_str_new(buf, (size_t)n);
    char *big = GC_MALLOC_ATOMIC((size_t)n + 1);
    va_start(ap, fmt);
    vsnprintf(big, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return py_str_new(big, (size_t)n);
}

size_t py_utf8_encode(uint32_t cp, char *out)
{
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (cp >> 18));
    out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

static uint32_t utf8_decode(const unsigned char *p, size_t *adv)
{
    uint32_t c = p[0];
    if (c < 0x80) {
        *adv = 1;
        return c;
    }
    /* malformed (only from unchecked sources): one byte, never read past
     * the terminating NUL, which is not a continuation byte */
    int need = (c & 0xE0) == 0xC0 ? 1 : (c & 0xF0) == 0xE0 ? 2 : (c & 0xF8) == 0xF0 ? 3 : -1;
    for (int i = 1; i <= need; i++)
        if ((p[i] & 0xC0) != 0x80)
            need = -1;
    if (need < 0) {
        *adv = 1;
        return c;
    }
    if ((c & 0xE0) == 0xC0) {
        *adv = 2;
        return ((c & 0x1F) << 6) | (p[1] & 0x3F);
    }
    if ((c & 0xF0) == 0xE0) {
        *adv = 3;
        return ((c & 0x0F) << 12) | ((p[1] & 0x3F) << 6) | (p[2] & 0x3F);
    }
    *adv = 4;
    return ((c & 0x07) << 18) | ((p[1] & 0x3F) << 12) | ((p[2] & 0x3F) << 6) | (p[3] & 0x3F);
}

pv py_str_from_cp(uint32_t cp)
{
    if (cp < 128 && ascii_chars[cp])
        return ascii_chars[cp];
    char b[4];
    return py_str_new(b, py_utf8_encode(cp, b));
}

/* byte offset of code point i */
static size_t cp_off(pv s, size_t i)
{
    py_str *o = (py_str *)s;
    if (o->ascii)
        return i;
    size_t off = 0;
    while (i && off < o->nbytes) {
        off++;
        while (off < o->nbytes && ((unsigned char)o->s[off] & 0xC0) == 0x80)
            off++;
        i--;
    }
    return off;
}

uint32_t py_str_at(pv s, size_t i)
{
    py_str *o = (py_str *)s;
    if (o->ascii)
        return (unsigned char)o->s[i];
    size_t adv;
    return utf8_decode((unsigned char *)o->s + cp_off(s, i), &adv);
}

static pv substr(pv s, size_t a, size_t b) /* code points [a, b) */
{
    size_t oa = cp_off(s, a), ob = ((py_str *)s)->ascii ? b : oa + cp_off(py_str_new(py_cstr(s) + oa, py_sbytes(s) - oa), b - a);
    return py_str_new(py_cstr(s) + oa, ob - oa);
}

/* ---------------- hashing, equality, interning ---------------- */

intptr_t py_str_hash(pv s)
{
    py_str *o = (py_str *)s;
    intptr_t c = __atomic_load_n(&o->hash, __ATOMIC_RELAXED);
    if (c != -1)
        return c;
    uint64_t h = 1469598103934665603ULL;
    for (size_t i = 0; i < o->nbytes; i++) {
        h ^= (unsigned char)o->s[i];
        h *= 1099511628211ULL;
    }
    h ^= h >> 29;
    intptr_t r = (intptr_t)h;
    if (r == -1)
        r = -2;
    /* immutable content: every thread computes the same value; the cache
     * is loaded and stored atomically since any thread may fill it */
    __atomic_store_n(&o->hash, r, __ATOMIC_RELAXED);
    return r;
}

int py_str_eq(pv a, pv b)
{
    py_str *x = (py_str *)a, *y = (py_str *)b;
    if (a == b)
        return 1;
    if (x->nbytes != y->nbytes)
        return 0;
    if (x->interned && y->interned)
        return 0;
    intptr_t hx = __atomic_load_n(&x->hash, __ATOMIC_RELAXED), hy = __atomic_load_n(&y->hash, __ATOMIC_RELAXED);
    if (hx != -1 && hy != -1 && hx != hy)
        return 0;
    return memcmp(x->s, y->s, x->nbytes) == 0;
}

/* The intern table: lookups take no lock (the table and its entries are
 * published with release stores and read with acquire loads; a table is
 * never changed after it is replaced, and the old one stays valid for any
 * reader still on it, since it is collectable memory that reader points
 * to); insertions serialize on intern_mu and are irrevocable in a region
 * (a pthread mutex cannot be rolled back by the simulator). */
typedef struct {
    size_t mask, used;
    pv e[];
} intern_table;
static pthread_mutex_t intern_mu = PTHREAD_MUTEX_INITIALIZER;
static intern_table *intern_tab; /* a GC root (static data) */

static pv intern_find(const char *s, size_t n, intptr_t h)
{
    intern_table *t = __atomic_load_n(&intern_tab, __ATOMIC_ACQUIRE);
    if (!t)
        return NULL;
    for (size_t i = (size_t)h & t->mask;; i = (i + 1) & t->mask) {
        pv e = __atomic_load_n(&t->e[i], __ATOMIC_ACQUIRE);
        if (!e)
            return NULL;
        if (py_str_hash(e) == h && py_sbytes(e) == n && !memcmp(py_cstr(e), s, n))
            return e;
    }
}

static void table_put(intern_table *t, pv s)
{
    size_t j = (size_t)py_str_hash(s) & t->mask;
    while (t->e[j])
        j = (j + 1) & t->mask;
    __atomic_store_n(&t->e[j], s, __ATOMIC_RELEASE);
    t->used++;
}

static void intern_insert(pv s)
{
    intern_table *t = intern_tab;
    if (!t || (t->used + 1) * 2 > t->mask) {
        size_t nm = t ? t->mask * 2 + 1 : 1023;
        intern_table *nt = GC_MALLOC(sizeof(intern_table) + (nm + 1) * sizeof(pv));
        if (!nt)
            py_die("out of memory for the intern table");
        nt->mask = nm;
        for (size_t i = 0; t && i <= t->mask; i++)
            if (t->e[i])
                table_put(nt, t->e[i]);
        __atomic_store_n(&intern_tab, nt, __ATOMIC_RELEASE);
        t = nt;
    }
    table_put(t, s);
}

pv py_intern_str(pv s)
{
    if (((py_str *)s)->interned)
        return s;
    intptr_t h = py_str_hash(s);
    pv e = intern_find(py_cstr(s), py_sbytes(s), h);
    if (e)
        return e;
    PY_IRREVOCABLE(py_cur);
    pthread_mutex_lock(&intern_mu);
    e = intern_find(py_cstr(s), py_sbytes(s), h);
    if (!e) {
        if (py_sbytes(s) == 1 && (unsigned char)py_cstr(s)[0] < 128 &&
            ascii_chars[(unsigned char)py_cstr(s)[0]] == s) {
            e = s;
        } else {
            py_str *c = (py_str *)GC_MALLOC_ATOMIC_UNCOLLECTABLE(sizeof(py_str) + py_sbytes(s) + 1);
            py_copy(c, s, sizeof(py_str) + py_sbytes(s) + 1);
            e = (pv)c;
        }
        ((py_str *)e)->interned = 1;
        intern_insert(e);
    }
    pthread_mutex_unlock(&intern_mu);
    return e;
}

pv py_intern(const char *s)
{
    pv t = py_str_c(s);
    return t ? py_intern_str(t) : NULL;
}

pv py_str_concat(pv a, pv b)
{
    size_t na = py_sbytes(a), nb = py_sbytes(b);
    if (!nb)
        return a;
    if (!na)
        return b;
    py_str *o = (py_str *)GC_MALLOC_ATOMIC(sizeof(py_str) + na + nb + 1);
    if (!o)
        return py_raise_nomem();
    memset(o, 0, sizeof(py_str));
    o->ob.type = &py_str_type;
    o->hash = -1;
    o->len = py_slen(a) + py_slen(b);
    o->ascii = ((py_str *)a)->ascii & ((py_str *)b)->ascii;
    o->nbytes = na + nb;
    py_copy(o->s, py_cstr(a), na);
    py_copy(o->s + na, py_cstr(b), nb);
    o->s[na + nb] = 0;
    return (pv)o;
}

/* ---------------- builder ---------------- */

void py_sb_add(py_sb *b, const char *s, size_t n)
{
    if (b->len + n + 1 > b->cap) {
        size_t nc = b->cap ? b->cap * 2 : 64;
        while (nc < b->len + n + 1)
            nc *= 2;
        char *nb = GC_MALLOC_ATOMIC(nc);
        if (!nb)
            py_die("out of memory");
        if (b->len)
            py_copy(nb, b->buf, b->len);
        b->buf = nb;
        b->cap = nc;
    }
    py_copy(b->buf + b->len, s, n);
    b->len += n;
}
void py_sb_adds(py_sb *b, const char *s) { py_sb_add(b, s, strlen(s)); }
void py_sb_addc(py_sb *b, char c) { py_sb_add(b, &c, 1); }
void py_sb_addv(py_sb *b, pv s) { py_sb_add(b, py_cstr(s), py_sbytes(s)); }
int py_sb_addrepr(py_sb *b, pv v)
{
    pv r = py_repr(v);
    if (!r)
        return -1;
    py_sb_addv(b, r);
    return 0;
}
pv py_sb_finish(py_sb *b) { return py_str_new(b->buf ? b->buf : "", b->len); }

/* ---------------- repr ---------------- */

/* str.isprintable and repr: CPython treats every character of the Unicode
   categories Cc, Cf, Cs, Co, Cn, Zl, Zp and Zs (but space) as unprintable;
   glibc's iswprint counts the spaces (Zs), the format characters (Cf) and
   the private use areas as printable, so those are listed here. */
static int uni_printable(uint32_t c)
{
    if (c < 0x80)
        return c >= 0x20 && c != 0x7f;
    if (c < 0xa1 || c == 0xad || c == 0x61c || c == 0x6dd || c == 0x70f || c == 0x890 || c == 0x891 || c == 0x8e2 ||
        c == 0x1680 || c == 0x180e || c == 0x202f || c == 0x205f || c == 0x3000 ||
        c == 0xfeff || c == 0x110bd || c == 0x110cd || c == 0xe0001)
        return 0;
    if ((c >= 0x600 && c <= 0x605) || (c >= 0x2000 && c <= 0x200f) ||
        (c >= 0x2028 && c <= 0x202e) || (c >= 0x2060 && c <= 0x206f) ||
        (c >= 0xd800 && c <= 0xf8ff) || (c >= 0xfff9 && c <= 0xfffb) ||
        (c >= 0x13430 && c <= 0x1343f) || (c >= 0x1bca0 && c <= 0x1bca3) ||
        (c >= 0x1d173 && c <= 0x1d17a) || (c >= 0xe0020 && c <= 0xe007f) || c >= 0xf0000)
        return 0;
    return iswprint((wint_t)c) != 0;
}

pv py_str_repr(pv s)
{
    const char *p = py_cstr(s);
    size_t n = py_sbytes(s);
    int sq = memchr(p, '\'', n) != NULL, dq = memchr(p, '"', n) != NULL;
    char q = (sq && !dq) ? '"' : '\'';
    py_sb b = {0};
    py_sb_addc(&b, q);
    for (size_t i = 0; i < n;) {
        unsigned char c = (unsigned char)p[i];
        if (c >= 0x80) {
            size_t adv;
            uint32_t cp = utf8_decode((const unsigned char *)p + i, &adv);
            if (!uni_printable(cp)) {
                char e[12];
                snprintf(e, sizeof e, cp < 0x100 ? "\\x%02x" : cp < 0x10000 ? "\\u%04x" : "\\U%08x", cp);
                py_sb_adds(&b, e);
            } else
                py_sb_add(&b, p + i, adv);
            i += adv;
            continue;
        }
        i++;
        if (c == (unsigned char)q || c == '\\') {
            py_sb_addc(&b, '\\');
            py_sb_addc(&b, (char)c);
        } else if (c == '\n')
            py_sb_adds(&b, "\\n");
        else if (c == '\r')
            py_sb_adds(&b, "\\r");
        else if (c == '\t')
            py_sb_adds(&b, "\\t");
        else if (c < 32 || c == 127) {
            char e[8];
            snprintf(e, sizeof e, "\\x%02x", c);
            py_sb_adds(&b, e);
        } else
            py_sb_addc(&b, (char)c);
    }
    py_sb_addc(&b, q);
    return py_sb_finish(&b);
}

static pv str_repr_slot(pv s) { return py_str_repr(s); }
static pv str_str_slot(pv s)
{
    if (PY_IS(s, str))
        return s;
    return py_str_new(py_cstr(s), py_sbytes(s));
}
static intptr_t str_hash_slot(pv s) { return py_str_hash(s); }
static intptr_t str_len(pv s) { return (intptr_t)py_slen(s); }

static pv str_richcmp(pv a, pv b, int op)
{
    if (!PY_ISSTR(b))
        return py_NotImplemented;
    if (op == PY_EQ)
        return PY_BOOL(py_str_eq(a, b));
    if (op == PY_NE)
        return PY_BOOL(!py_str_eq(a, b));
    size_t na = py_sbytes(a), nb = py_sbytes(b);
    int c = memcmp(py_cstr(a), py_cstr(b), na < nb ? na : nb);
    if (c == 0)
        c = (na > nb) - (na < nb);
    switch (op) {
    case PY_LT: return PY_BOOL(c < 0);
    case PY_LE: return PY_BOOL(c <= 0);
    case PY_GT: return PY_BOOL(c > 0);
    default: return PY_BOOL(c >= 0);
    }
}

static pv str_add(pv a, pv b)
{
    if (!PY_ISSTR(a) || !PY_ISSTR(b)) {
        if (PY_ISSTR(a))
            return py_raise(py_exc_TypeError, "can only concatenate str (not \"%s\") to str",
                            py_tname(b));
        return py_NotImplemented;
    }
    return py_str_concat(a, b);
}

static pv str_repeat(pv s, pv nv)
{
    int err = 0;
    intptr_t n = py_index(nv, &err);
    if (err)
        return NULL;
    size_t nb = py_sbytes(s);
    if (n <= 0 || nb == 0)
        return py_str_new("", 0);
    if ((size_t)n > ((size_t)1 << 40) / nb)
        return py_raise(py_exc_MemoryError, "repeated string is too long");
    char *buf = GC_MALLOC_ATOMIC(nb * (size_t)n + 1);
    if (!buf)
        return py_raise_nomem();
    for (intptr_t i = 0; i < n; i++)
        py_copy(buf + (size_t)i * nb, py_cstr(s), nb);
    return py_str_new(buf, nb * (size_t)n);
}

static pv str_mul(pv a, pv b)
{
    if (PY_ISSTR(a) && PY_ISINT(b))
        return str_repeat(a, b);
    if (PY_ISSTR(b) && PY_ISINT(a))
        return str_repeat(b, a);
    if (PY_ISSTR(a) && !PY_ISINT(b) && !(py_typeof(b)->flags & PY_TF_HEAP))
        return py_raise(py_exc_TypeError, "can't multiply sequence by non-int of type '%s'", py_tname(b));
    return py_NotImplemented;
}

static pv str_mod(pv a, pv b)
{
    if (!PY_ISSTR(a))
        return py_NotImplemented;
    return py_str_percent(a, b);
}

static pv str_getitem(pv s, pv k)
{
    size_t n = py_slen(s);
    if (PY_ISSMALL(k) || PY_ISINT(k)) {
        int err = 0;
        intptr_t i = py_index(k, &err);
        if (err)
            return NULL;
        if (i < 0)
            i += (intptr_t)n;
        if (i < 0 || (size_t)i >= n)
            return py_raise(py_exc_IndexError, "string index out of range");
        if (((py_str *)s)->ascii)
            return ascii_chars[(unsigned char)py_cstr(s)[i]];
        return py_str_from_cp(py_str_at(s, (size_t)i));
    }
    if (PY_IS(k, slice)) {
        intptr_t a, b, st;
        size_t len;
        if (py_slice_indices(k, n, &a, &b, &st, &len) < 0)
            return NULL;
        if (st == 1)
            return substr(s, (size_t)a, (size_t)a + len);
        py_sb sb = {0};
        for (size_t i = 0; i < len; i++) {
            char buf[4];
            py_sb_add(&sb, buf, py_utf8_encode(py_str_at(s, (size_t)(a + (intptr_t)i * st)), buf));
        }
        return py_sb_finish(&sb);
    }
    if (py_typeof(k)->flags & PY_TF_HEAP && py_type_lookup(py_typeof(k), py_id___index__)) {
        int err = 0;
        intptr_t i = py_index(k, &err);
        return err ? NULL : str_getitem(s, PY_MKSMALL(i));
    }
    return py_raise(py_exc_TypeError, "string indices must be integers, not '%s'", py_tname(k));
}

static int str_find_raw(pv h, pv nd, size_t from) /* byte offset or -1 */
{
    const char *hs = py_cstr(h), *ns = py_cstr(nd);
    size_t hn = py_sbytes(h), nn = py_sbytes(nd);
    if (nn == 0)
        return from <= hn ? (int)from : -1;
    if (nn > hn)
        return -1;
    const char *p = hs + from;
    while (p + nn <= hs + hn) {
        const char *q = memchr(p, ns[0], (size_t)(hs + hn - p));
        if (!q || q + nn > hs + hn)
            return -1;
        if (!memcmp(q, ns, nn))
            return (int)(q - hs);
        p = q + 1;
    }
    return -1;
}

static int str_contains(pv s, pv v)
{
    if (!PY_ISSTR(v)) {
        py_raise(py_exc_TypeError, "'in <string>' requires string as left operand, not %s", py_tname(v));
        return -1;
    }
    return str_find_raw(s, v, 0) >= 0;
}

/* iterator */
typedef struct { py_obj ob; pv s; size_t off; } str_iter;
static py_type str_iter_type;
static pv str_iter_new(pv s)
{
    str_iter *it = (str_iter *)py_new(&str_iter_type, sizeof(str_iter));
    it->s = s;
    return (pv)it;
}
static pv str_iter_next(pv o)
{
    str_iter *it = (str_iter *)o;
    size_t n = py_sbytes(it->s);
    if (it->off >= n)
        return NULL;
    const unsigned char *p = (const unsigned char *)py_cstr(it->s) + it->off;
    if (*p < 128) {
        it->off++;
        return ascii_chars[*p];
    }
    size_t adv;
    utf8_decode(p, &adv);
    pv r = py_str_new((const char *)p, adv);
    it->off += adv;
    return r;
}
static pv self_iter(pv o) { return o; }
static py_type str_iter_type = {.name = "str_ascii_iterator", .basicsize = sizeof(str_iter),
                                .iter = self_iter, .next = str_iter_next};

/* ---------------- methods ---------------- */

#define SELF_STR(s) (s)
#define ARGN(lo, hi) if (py_nargs(fname, n, lo, hi) < 0) return NULL
#define NEED_STR(v, what) if (!PY_ISSTR(v)) return py_raise(py_exc_TypeError, "%s arg must be None or str", what)

static int is_ws(unsigned char c) { return c == ' ' || (c >= 9 && c <= 13) || c == 0x1c || c == 0x1d || c == 0x1e || c == 0x1f; }

static pv do_strip(pv s, pv *a, size_t n, int left, int right)
{
    const char *p = py_cstr(s);
    size_t lo = 0, hi = py_sbytes(s);
    if (n && a[0] != py_None) {
        if (!PY_ISSTR(a[0]))
            return py_raise(py_exc_TypeError, "strip arg must be None or str");
        const char *chars = py_cstr(a[0]);
        if (((py_str *)s)->ascii && ((py_str *)a[0])->ascii) {
            while (left && lo < hi && strchr(chars, p[lo]) && p[lo])
                lo++;
            while (right && hi > lo && strchr(chars, p[hi - 1]) && p[hi - 1])
                hi--;
            return py_str_new(p + lo, hi - lo);
        }
        /* code-point wise */
        size_t len = py_slen(s), i = 0, j = len;
        while (left && i < j) {
            pv c = py_str_from_cp(py_str_at(s, i));
            if (str_find_raw(a[0], c, 0) < 0)
                break;
            i++;
        }
        while (right && j > i) {
            pv c = py_str_from_cp(py_str_at(s, j - 1));
            if (str_find_raw(a[0], c, 0) < 0)
                break;
            j--;
        }
        return substr(s, i, j);
    }
    while (left && lo < hi && is_ws((unsigned char)p[lo]))
        lo++;
    while (right && hi > lo && is_ws((unsigned char)p[hi - 1]))
        hi--;
    if (lo == 0 && hi == py_sbytes(s))
        return s;
    return py_str_new(p + lo, hi - lo);
}
static pv m_strip(pv s, pv *a, size_t n, pv kw) { return do_strip(s, a, n, 1, 1); }
static pv m_lstrip(pv s, pv *a, size_t n, pv kw) { return do_strip(s, a, n, 1, 0); }
static pv m_rstrip(pv s, pv *a, size_t n, pv kw) { return do_strip(s, a, n, 0, 1); }

static pv m_split_impl(pv s, pv *a, size_t n, pv kw, int rev)
{
    pv sep = n > 0 ? a[0] : py_None;
    intptr_t maxsplit = -1;
    if (n > 1) {
        int err = 0;
        maxsplit = py_index(a[1], &err);
        if (err)
            return NULL;
    }
    if (kw) {
        pv v = py_kwarg(kw, a + n, "sep");
        if (v)
            sep = v;
        v = py_kwarg(kw, a + n, "maxsplit");
        if (v) {
            int err = 0;
            maxsplit = py_index(v, &err);
            if (err)
                return NULL;
        }
    }
    pv out = py_list_new(0);
    const char *p = py_cstr(s);
    size_t len = py_sbytes(s);
    if (sep == py_None) {
        if (!rev) {
            size_t i = 0;
            while (1) {
                while (i < len && is_ws((unsigned char)p[i]))
                    i++;
                if (i >= len)
                    break;
                if (maxsplit >= 0 && (intptr_t)PY_LIST(out)->n >= maxsplit) {
                    py_list_append(out, py_str_new(p + i, len - i));
                    break;
                }
                size_t j = i;
                while (j < len && !is_ws((unsigned char)p[j]))
                    j++;
                py_list_append(out, py_str_new(p + i, j - i));
                i = j;
            }
        } else {
            size_t i = len;
            while (1) {
                while (i > 0 && is_ws((unsigned char)p[i - 1]))
                    i--;
                if (i == 0)
                    break;
                if (maxsplit >= 0 && (intptr_t)PY_LIST(out)->n >= maxsplit) {
                    py_list_append(out, py_str_new(p, i));
                    break;
                }
                size_t j = i;
                while (j > 0 && !is_ws((unsigned char)p[j - 1]))
                    j--;
                py_list_append(out, py_str_new(p + j, i - j));
                i = j;
            }
            pv l = out;
            size_t m = PY_LIST(l)->n;
            for (size_t k = 0; k < m / 2; k++) {
                pv t = PY_LIST(l)->items[k];
                PY_LIST(l)->items[k] = PY_LIST(l)->items[m - 1 - k];
                PY_LIST(l)->items[m - 1 - k] = t;
            }
        }
        return out;
    }
    if (!PY_ISSTR(sep))
        return py_raise(py_exc_TypeError, "must be str or None, not %s", py_tname(sep));
    size_t sn = py_sbytes(sep);
    if (sn == 0)
        return py_raise(py_exc_ValueError, "empty separator");
    const char *sp = py_cstr(sep);
    if (!rev) {
        size_t i = 0;
        while (1) {
            const char *q = NULL;
            if (maxsplit < 0 || (intptr_t)PY_LIST(out)->n < maxsplit) {
                for (size_t k = i; k + sn <= len; k++)
                    if (p[k] == sp[0] && !memcmp(p + k, sp, sn)) {
                        q = p + k;
                        break;
                    }
            }
            if (!q) {
                py_list_append(out, py_str_new(p + i, len - i));
                break;
            }
            py_list_append(out, py_str_new(p + i, (size_t)(q - p) - i));
            i = (size_t)(q - p) + sn;
        }
        return out;
    }
    size_t e = len;
    pv tmp = py_list_new(0);
    while (1) {
        intptr_t found = -1;
        if (maxsplit < 0 || (intptr_t)PY_LIST(tmp)->n < maxsplit) {
            for (intptr_t k = (intptr_t)e - (intptr_t)sn; k >= 0; k--)
                if (!memcmp(p + k, sp, sn)) {
                    found = k;
                    break;
                }
        }
        if (found < 0) {
            py_list_append(tmp, py_str_new(p, e));
            break;
        }
        py_list_append(tmp, py_str_new(p + found + sn, e - (size_t)found - sn));
        e = (size_t)found;
    }
    for (size_t k = PY_LIST(tmp)->n; k-- > 0;)
        py_list_append(out, PY_LIST(tmp)->items[k]);
    return out;
}
static pv m_split(pv s, pv *a, size_t n, pv kw) { return m_split_impl(s, a, n, kw, 0); }
static pv m_rsplit(pv s, pv *a, size_t n, pv kw) { return m_split_impl(s, a, n, kw, 1); }

static pv m_splitlines(pv s, pv *a, size_t n, pv kw)
{
    int keep = 0;
    if (n)
        keep = py_truth(a[0]);
    if (kw) {
        pv k = py_kwarg(kw, a + n, "keepends");
        if (k)
            keep = py_truth(k);
    }
    pv out = py_list_new(0);
    const char *p = py_cstr(s);
    size_t len = py_sbytes(s), i = 0;
    while (i < len) {
        size_t j = i;
        while (j < len && p[j] != '\n' && p[j] != '\r' && p[j] != '\v' && p[j] != '\f' &&
               p[j] != 0x1c && p[j] != 0x1d && p[j] != 0x1e)
            j++;
        size_t e = j;
        if (j < len) {
            if (p[j] == '\r' && j + 1 < len && p[j + 1] == '\n')
                j += 2;
            else
                j++;
        }
        py_list_append(out, py_str_new(p + i, (keep ? j : e) - i));
        i = j;
    }
    return out;
}

/* Join items[0..cnt), or, l not NULL, the elements of list l read one at
 * a time with py_list_item (no copy; the loop calls no Python code, and a
 * list another thread changes meanwhile gives some interleaving of its
 * states, never a read out of bounds). */
static pv join_seq(pv sep, pv *items, size_t cnt, pv l)
{
    py_sb b = {0};
    pv x;
    for (size_t i = 0; l ? (x = py_list_item(l, (intptr_t)i)) != NULL : i < cnt; i++) {
        if (!l)
            x = items[i];
        if (!PY_ISSTR(x))
            return py_raise(py_exc_TypeError, "sequence item %zu: expected str instance, %s found",
                            i, py_tname(x));
        if (i)
            py_sb_addv(&b, sep);
        py_sb_addv(&b, x);
    }
    return py_sb_finish(&b);
}

pv py_str_join(pv sep, pv it)
{
    if (PY_IS(it, tuple))
        return join_seq(sep, PY_TUPLE(it)->items, PY_TUPLE(it)->n, NULL);
    if (PY_ISLIST(it))
        return join_seq(sep, NULL, 0, it);
    pv l = py_to_list(it); /* a new, private list */
    return l ? join_seq(sep, PY_LIST(l)->items, PY_LIST(l)->n, NULL) : NULL;
}
static pv m_join(pv s, pv *a, size_t n, pv kw)
{
    const char *fname = "join";
    ARGN(1, 1);
    return py_str_join(s, a[0]);
}

static pv m_replace(pv s, pv *a, size_t n, pv kw)
{
    const char *fname = "replace";
    ARGN(2, 3);
    if (!PY_ISSTR(a[0]) || !PY_ISSTR(a[1]))
        return py_raise(py_exc_TypeError, "replace() argument must be str");
    intptr_t count = -1;
    if (n > 2) {
        int err = 0;
        count = py_index(a[2], &err);
        if (err)
            return NULL;
    }
    const char *p = py_cstr(s), *o = py_cstr(a[0]);
    size_t len = py_sbytes(s), on = py_sbytes(a[0]);
    py_sb b = {0};
    if (on == 0) {
        /* insert between every code point */
        size_t cps = py_slen(s);
        intptr_t done = 0;
        for (size_t i = 0; i <= cps; i++) {
            if (count < 0 || done < count) {
                py_sb_addv(&b, a[1]);
                done++;
            }
            if (i < cps) {
                char buf[4];
                py_sb_add(&b, buf, py_utf8_encode(py_str_at(s, i), buf));
            }
        }
        return py_sb_finish(&b);
    }
    size_t i = 0;
    intptr_t done = 0;
    while (i < len) {
        if ((count < 0 || done < count) && i + on <= len && p[i] == o[0] && !memcmp(p + i, o, on)) {
            py_sb_addv(&b, a[1]);
            i += on;
            done++;
        } else
            py_sb_addc(&b, p[i++]);
    }
    if (!done)
        return s;
    return py_sb_finish(&b);
}

/* find family: returns code point index or -1 */
static int get_range(pv s, pv *a, size_t n, size_t *lo, size_t *hi)
{
    size_t len = py_slen(s);
    *lo = 0;
    *hi = len;
    for (size_t k = 1; k < 3 && k < n; k++) {
        if (a[k] == py_None)
            continue;
        int err = 0;
        intptr_t v = py_index(a[k], &err);
        if (err)
            return -1;
        if (v < 0) {
            v += (intptr_t)len;
            if (v < 0)
                v = 0;
        }
        if ((size_t)v > len)
            v = (intptr_t)len;
        if (k == 1)
            *lo = (size_t)v;
        else
            *hi = (size_t)v;
    }
    return 0;
}

static intptr_t find_impl(pv s, pv *a, size_t n, int rev, const char *fname)
{
    if (py_nargs(fname, n, 1, 3) < 0)
        return -2;
    if (!PY_ISSTR(a[0])) {
        py_raise(py_exc_TypeError, "must be str, not %s", py_tname(a[0]));
        return -2;
    }
    size_t lo, hi;
    if (get_range(s, a, n, &lo, &hi) < 0)
        return -2;
    if (lo > hi)
        return -1;
    if (n > 1 && PY_ISSMALL(a[1]) && PY_SMALLVAL(a[1]) > (intptr_t)py_slen(s))
        return -1; /* a start past the end finds nothing, not even "" */
    size_t nl = py_slen(a[0]);
    if (nl > hi - lo)
        return -1;
    if (((py_str *)s)->ascii) {
        const char *p = py_cstr(s), *q = py_cstr(a[0]);
        if (!rev) {
            for (size_t i = lo; i + nl <= hi; i++)
                if (!memcmp(p + i, q, nl))
                    return (intptr_t)i;
        } else {
            for (size_t i = hi - nl + 1; i-- > lo;)
                if (!memcmp(p + i, q, nl))
                    return (intptr_t)i;
        }
        return -1;
    }
    size_t nb = py_sbytes(a[0]);
    if (!rev) {
        for (size_t i = lo; i + nl <= hi; i++)
            if (!memcmp(py_cstr(s) + cp_off(s, i), py_cstr(a[0]), nb))
                return (intptr_t)i;
    } else {
        for (size_t i = hi - nl + 1; i-- > lo;)
            if (!memcmp(py_cstr(s) + cp_off(s, i), py_cstr(a[0]), nb))
                return (intptr_t)i;
    }
    return -1;
}
static pv m_find(pv s, pv *a, size_t n, pv kw)
{
    intptr_t r = find_impl(s, a, n, 0, "find");
    return r == -2 ? NULL : PY_MKSMALL(r);
}
static pv m_rfind(pv s, pv *a, size_t n, pv kw)
{
    intptr_t r = find_impl(s, a, n, 1, "rfind");
    return r == -2 ? NULL : PY_MKSMALL(r);
}
static pv m_index(pv s, pv *a, size_t n, pv kw)
{
    intptr_t r = find_impl(s, a, n, 0, "index");
    if (r == -1)
        return py_raise(py_exc_ValueError, "substring not found");
    return r == -2 ? NULL : PY_MKSMALL(r);
}
static pv m_rindex(pv s, pv *a, size_t n, pv kw)
{
    intptr_t r = find_impl(s, a, n, 1, "rindex");
    if (r == -1)
        return py_raise(py_exc_ValueError, "substring not found");
    return r == -2 ? NULL : PY_MKSMALL(r);
}
static pv m_count(pv s, pv *a, size_t n, pv kw)
{
    const char *fname = "count";
    ARGN(1, 3);
    if (!PY_ISSTR(a[0]))
        return py_raise(py_exc_TypeError, "must be str, not %s", py_tname(a[0]));
    size_t lo, hi;
    if (get_range(s, a, n, &lo, &hi) < 0)
        return NULL;
    if (lo > hi)
        return PY_MKSMALL(0);
    pv sub = substr(s, lo, hi);
    size_t nn = py_sbytes(a[0]);
    if (nn == 0)
        return PY_MKSMALL(py_slen(sub) + 1);
    intptr_t c = 0;
    const char *p = py_cstr(sub), *q = py_cstr(a[0]);
    size_t len = py_sbytes(sub);
    for (size_t i = 0; i + nn <= len;) {
        if (!memcmp(p + i, q, nn)) {
            c++;
            i += nn;
        } else
            i++;
    }
    return PY_MKSMALL(c);
}

static pv startsends(pv s, pv *a, size_t n, int ends, const char *fname)
{
    ARGN(1, 3);
    size_t lo, hi;
    if (get_range(s, a, n, &lo, &hi) < 0)
        return NULL;
    pv pre = a[0];
    if (PY_IS(pre, tuple)) {
        for (size_t i = 0; i < PY_TUPLE(pre)->n; i++) {
            pv a2[3] = {PY_TUPLE(pre)->items[i], n > 1 ? a[1] : py_None, n > 2 ? a[2] : py_None};
            pv r = startsends(s, a2, n, ends, fname);
            if (r != py_False)
                return r;
        }
        return py_False;
    }
    if (!PY_ISSTR(pre))
        return py_raise(py_exc_TypeError, "%s first arg must be str or a tuple of str, not %s",
                        fname, py_tname(pre));
    size_t pn = py_slen(pre);
    if (lo > hi || hi - lo < pn)
        return py_False;
    size_t off = ends ? cp_off(s, hi - pn) : cp_off(s, lo);
    return PY_BOOL(!memcmp(py_cstr(s) + off, py_cstr(pre), py_sbytes(pre)));
}
static pv m_startswith(pv s, pv *a, size_t n, pv kw) { return startsends(s, a, n, 0, "startswith"); }
static pv m_endswith(pv s, pv *a, size_t n, pv kw) { return startsends(s, a, n, 1, "endswith"); }

static pv map_wide(pv s, wint_t (*f)(wint_t))
{
    py_sb b = {0};
    size_t n = py_slen(s);
    for (size_t i = 0; i < n; i++) {
        char buf[4];
        uint32_t c = py_str_at(s, i);
        py_sb_add(&b, buf, py_utf8_encode((uint32_t)f((wint_t)c), buf));
    }
    return py_sb_finish(&b);
}

static pv map_chars(pv s, int (*f)(int))
{
    if (!((py_str *)s)->ascii && (f == toupper || f == tolower))
        return map_wide(s, f == toupper ? towupper : towlower);
    size_t n = py_sbytes(s);
    char *b = GC_MALLOC_ATOMIC(n + 1);
    const char *p = py_cstr(s);
    for (size_t i = 0; i < n; i++)
        b[i] = (unsigned char)p[i] < 128 ? (char)f((unsigned char)p[i]) : p[i];
    return py_str_new(b, n);
}

static pv m_lower(pv s, pv *a, size_t n, pv kw) { return map_chars(s, tolower); }
static int swapc(int c) { return isupper(c) ? tolower(c) : toupper(c); }
static pv m_swapcase(pv s, pv *a, size_t n, pv kw) { return map_chars(s, swapc); }
static pv m_capitalize(pv s, pv *a, size_t n, pv kw)
{
    pv r = map_chars(s, tolower);
    if (py_sbytes(r) && (unsigned char)py_cstr(r)[0] < 128) {
        char *b = GC_MALLOC_ATOMIC(py_sbytes(r) + 1);
        py_copy(b, py_cstr(r), py_sbytes(r));
        b[0] = (char)toupper((unsigned char)b[0]);
        return py_str_new(b, py_sbytes(r));
    }
    return r;
}
static pv m_title(pv s, pv *a, size_t n, pv kw)
{
    size_t len = py_sbytes(s);
    char *b = GC_MALLOC_ATOMIC(len + 1);
    const char *p = py_cstr(s);
    int prev = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)p[i];
        if (c < 128 && isalpha(c)) {
            b[i] = (char)(prev ? tolower(c) : toupper(c));
            prev = 1;
        } else {
            b[i] = (char)c;
            prev = c >= 128 ? prev : 0;
        }
    }
    return py_str_new(b, len);
}

static pv pred(pv s, int (*f)(int), int empty_ok)
{
    size_t n = py_sbytes(s);
    if (!n)
        return PY_BOOL(empty_ok);
    const char *p = py_cstr(s);
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)p[i] >= 128 || !f((unsigned char)p[i]))
            return py_False;
    return py_True;
}
/* Unicode decimal digits (category Nd) come in blocks of ten; these are the
 * blocks' first code points (the Basic Multilingual Plane ones and the
 * mathematical digits). */
static const uint32_t nd_blocks[] = {
    0x30, 0x660, 0x6F0, 0x7C0, 0x966, 0x9E6, 0xA66, 0xAE6, 0xB66, 0xBE6, 0xC66, 0xCE6,
    0xD66, 0xDE6, 0xE50, 0xED0, 0xF20, 0x1040, 0x1090, 0x17E0, 0x1810, 0x1946, 0x19D0,
    0x1A80, 0x1A90, 0x1B50, 0x1BB0, 0x1C40, 0x1C50, 0xA620, 0xA8D0, 0xA900, 0xA9D0,
    0xA9F0, 0xAA50, 0xABF0, 0xFF10, 0x104A0, 0x1D7CE, 0x1D7D8, 0x1D7E2, 0x1D7EC, 0x1D7F6};

static int u_decimal(uint32_t c)
{
    for (size_t i = 0; i < sizeof nd_blocks / sizeof *nd_blocks; i++)
        if (c >= nd_blocks[i] && c < nd_blocks[i] + 10)
            return 1;
    return 0;
}
static int u_digit(uint32_t c)
{
    return u_decimal(c) || c == 0xB2 || c == 0xB3 || c == 0xB9 || c == 0x2070 ||
           (c >= 0x2074 && c <= 0x2079) || (c >= 0x2080 && c <= 0x2089) ||
           (c >= 0x2460 && c <= 0x2468) || (c >= 0x2474 && c <= 0x247C) ||
           (c >= 0x2488 && c <= 0x2490) || c == 0x24EA || (c >= 0x2776 && c <= 0x277E);
}
static int u_numeric(uint32_t c)
{
    static const uint32_t cjk[] = {0x3007, 0x4E00, 0x4E8C, 0x4E09, 0x56DB, 0x4E94, 0x516D, 0x4E03,
                                   0x516B, 0x4E5D, 0x5341, 0x767E, 0x5343, 0x4E07, 0x96F6, 0x5104};
    if (u_digit(c) || c == 0xBC || c == 0xBD || c == 0xBE || (c >= 0x2150 && c <= 0x2189) ||
        (c >= 0x2460 && c <= 0x249B) || (c >= 0x3021 && c <= 0x3029))
        return 1;
    for (size_t i = 0; i < sizeof cjk / sizeof *cjk; i++)
        if (c == cjk[i])
            return 1;
    return 0;
}
static pv upred(pv s, int (*f)(uint32_t))
{
    size_t n = py_slen(s);
    if (!n)
        return py_False;
    for (size_t i = 0; i < n; i++)
        if (!f(py_str_at(s, i)))
            return py_False;
    return py_True;
}
static pv m_isdigit(pv s, pv *a, size_t n, pv kw) { return upred(s, u_digit); }
static pv m_isdecimal(pv s, pv *a, size_t n, pv kw) { return upred(s, u_decimal); }
static pv m_isnumeric(pv s, pv *a, size_t n, pv kw) { return upred(s, u_numeric); }
static pv m_casefold(pv s, pv *a, size_t n, pv kw)
{
    pv r = map_chars(s, tolower);
    if (((py_str *)r)->ascii || !strstr(py_cstr(r), "\xc3\x9f"))
        return r;
    py_sb b = {0};
    for (size_t i = 0; i < py_slen(r); i++) {
        uint32_t c = py_str_at(r, i);
        char buf[4];
        if (c == 0xdf)
            py_sb_adds(&b, "ss");
        else
            py_sb_add(&b, buf, py_utf8_encode(c, buf));
    }
    return py_sb_finish(&b);
}
static pv m_isalpha(pv s, pv *a, size_t n, pv kw)
{
    if (!((py_str *)s)->ascii && py_slen(s)) {
        for (size_t i = 0; i < py_slen(s); i++) {
            uint32_t c = py_str_at(s, i);
            if (c < 128 ? !isalpha((int)c) : (c < 0xC0 || c == 0xD7 || c == 0xF7))
                return py_False;
        }
        return py_True;
    }
    return pred(s, isalpha, 0);
}
static pv m_isalnum(pv s, pv *a, size_t n, pv kw) { return pred(s, isalnum, 0); }
static int isspc(int c) { return is_ws((unsigned char)c); }
static pv m_isspace(pv s, pv *a, size_t n, pv kw) { return pred(s, isspc, 0); }
static pv m_isupper(pv s, pv *a, size_t n, pv kw)
{
    int cased = 0;
    for (const char *p = py_cstr(s); *p; p++) {
        if (islower((unsigned char)*p))
            return py_False;
        if (isupper((unsigned char)*p))
            cased = 1;
    }
    return PY_BOOL(cased);
}
static pv m_islower(pv s, pv *a, size_t n, pv kw)
{
    int cased = 0;
    for (const char *p = py_cstr(s); *p; p++) {
        if (isupper((unsigned char)*p))
            return py_False;
        if (islower((unsigned char)*p))
            cased = 1;
    }
    return PY_BOOL(cased);
}
static pv m_istitle(pv s, pv *a, size_t n, pv kw)
{
    int prev = 0, cased = 0;
    for (const char *p = py_cstr(s); *p; p++) {
        unsigned char c = (unsigned char)*p;
        if (isupper(c)) {
            if (prev)
                return py_False;
            prev = cased = 1;
        } else if (islower(c)) {
            if (!prev)
                return py_False;
            prev = cased = 1;
        } else
            prev = 0;
    }
    return PY_BOOL(cased);
}
static pv m_isidentifier(pv s, pv *a, size_t n, pv kw)
{
    const char *p = py_cstr(s);
    if (!*p || isdigit((unsigned char)*p))
        return py_False;
    for (; *p; p++)
        if (!(isalnum((unsigned char)*p) || *p == '_' || (unsigned char)*p >= 128))
            return py_False;
    return py_True;
}
static pv m_isascii(pv s, pv *a, size_t n, pv kw) { return PY_BOOL(((py_str *)s)->ascii); }
static pv m_isprintable(pv s, pv *a, size_t n, pv kw)
{
    for (size_t i = 0; i < py_slen(s); i++) {
        uint32_t c = py_str_at(s, i);
        if (!uni_printable(c))
            return py_False;
    }
    return py_True;
}
static pv m_upper_full(pv s, pv *a, size_t n, pv kw)
{
    /* the one special casing programs meet: German sharp s */
    if (!((py_str *)s)->ascii && strstr(py_cstr(s), "\xc3\x9f")) {
        py_sb b = {0};
        for (size_t i = 0; i < py_slen(s); i++) {
            uint32_t c = py_str_at(s, i);
            char buf[4];
            if (c == 0xdf)
                py_sb_adds(&b, "SS");
            else
                py_sb_add(&b, buf, py_utf8_encode((uint32_t)towupper((wint_t)c), buf));
        }
        return py_sb_finish(&b);
    }
    return map_chars(s, toupper);
}

static pv pad(pv s, size_t width, uint32_t fill, int align) /* align: '<' '>' '^' */
{
    size_t len = py_slen(s);
    if (width <= len)
        return s;
    size_t total = width - len, left = align == '>' ? total : (align == '^' || align == 'c') ? total / 2 : 0;
    if (align == 'c' && (total & 1) && (width & 1))
        left = total / 2 + 1; /* str.center's rounding; format's '^' rounds down */
    size_t right = total - left;
    char fb[4];
    size_t fl = py_utf8_encode(fill, fb);
    py_sb b = {0};
    for (size_t i = 0; i < left; i++)
        py_sb_add(&b, fb, fl);
    py_sb_addv(&b, s);
    for (size_t i = 0; i < right; i++)
        py_sb_add(&b, fb, fl);
    return py_sb_finish(&b);
}
static pv just(pv s, pv *a, size_t n, int align, const char *fname)
{
    ARGN(1, 2);
    int err = 0;
    intptr_t w = py_index(a[0], &err);
    if (err)
        return NULL;
    uint32_t fill = ' ';
    if (n > 1) {
        if (!PY_ISSTR(a[1]) || py_slen(a[1]) != 1)
            return py_raise(py_exc_TypeError, "The fill character must be exactly one character long");
        fill = py_str_at(a[1], 0);
    }
    return w < 0 ? s : pad(s, (size_t)w, fill, align);
}
static pv m_ljust(pv s, pv *a, size_t n, pv kw) { return just(s, a, n, '<', "ljust"); }
static pv m_rjust(pv s, pv *a, size_t n, pv kw) { return just(s, a, n, '>', "rjust"); }
static pv m_center(pv s, pv *a, size_t n, pv kw) { return just(s, a, n, 'c', "center"); }
static pv m_zfill(pv s, pv *a, size_t n, pv kw)
{
    const char *fname = "zfill";
    ARGN(1, 1);
    int err = 0;
    intptr_t w = py_index(a[0], &err);
    if (err)
        return NULL;
    size_t len = py_slen(s);
    if (w <= (intptr_t)len)
        return s;
    py_sb b = {0};
    const char *p = py_cstr(s);
    size_t start = 0;
    if (*p == '+' || *p == '-') {
        py_sb_addc(&b, *p);
        start = 1;
    }
    for (size_t i = 0; i < (size_t)w - len; i++)
        py_sb_addc(&b, '0');
    py_sb_add(&b, p + start, py_sbytes(s) - start);
    return py_sb_finish(&b);
}
static pv partition(pv s, pv *a, size_t n, int rev, const char *fname)
{
    ARGN(1, 1);
    if (!PY_ISSTR(a[0]))
        return py_raise(py_exc_TypeError, "must be str, not %s", py_tname(a[0]));
    if (!py_sbytes(a[0]))
        return py_raise(py_exc_ValueError, "empty separator");
    const char *p = py_cstr(s), *q = py_cstr(a[0]);
    size_t len = py_sbytes(s), qn = py_sbytes(a[0]);
    intptr_t f = -1;
    if (!rev) {
        for (size_t i = 0; i + qn <= len; i++)
            if (!memcmp(p + i, q, qn)) {
                f = (intptr_t)i;
                break;
            }
    } else {
        for (intptr_t i = (intptr_t)len - (intptr_t)qn; i >= 0; i--)
            if (!memcmp(p + i, q, qn)) {
                f = i;
                break;
            }
    }
    pv e = py_str_new("", 0);
    if (f < 0)
        return rev ? py_tuple_pack(3, e, e, s) : py_tuple_pack(3, s, e, e);
    return py_tuple_pack(3, py_str_new(p, (size_t)f), a[0],
                         py_str_new(p + f + qn, len - (size_t)f - qn));
}
static pv m_partition(pv s, pv *a, size_t n, pv kw) { return partition(s, a, n, 0, "partition"); }
static pv m_rpartition(pv s, pv *a, size_t n, pv kw) { return partition(s, a, n, 1, "rpartition"); }
static pv m_expandtabs(pv s, pv *a, size_t n, pv kw)
{
    intptr_t ts = 8;
    if (n) {
        int err = 0;
        ts = py_index(a[0], &err);
        if (err)
            return NULL;
    }
    py_sb b = {0};
    size_t col = 0;
    for (const char *p = py_cstr(s); *p; p++) {
        if (*p == '\t') {
            if (ts > 0) {
                size_t sp = (size_t)ts - col % (size_t)ts;
                for (size_t i = 0; i < sp; i++)
                    py_sb_addc(&b, ' ');
                col += sp;
            }
        } else {
            py_sb_addc(&b, *p);
            col = (*p == '\n' || *p == '\r') ? 0 : col + (((unsigned char)*p & 0xC0) != 0x80);
        }
    }
    return py_sb_finish(&b);
}
static pv m_removeprefix(pv s, pv *a, size_t n, pv kw)
{
    const char *fname = "removeprefix";
    ARGN(1, 1);
    size_t k = py_sbytes(a[0]);
    if (PY_ISSTR(a[0]) && k <= py_sbytes(s) && !memcmp(py_cstr(s), py_cstr(a[0]), k))
        return py_str_new(py_cstr(s) + k, py_sbytes(s) - k);
    return s;
}
static pv m_removesuffix(pv s, pv *a, size_t n, pv kw)
{
    const char *fname = "removesuffix";
    ARGN(1, 1);
    size_t k = py_sbytes(a[0]), l = py_sbytes(s);
    if (PY_ISSTR(a[0]) && k && k <= l && !memcmp(py_cstr(s) + l - k, py_cstr(a[0]), k))
        return py_str_new(py_cstr(s), l - k);
    return s;
}
static pv m_format(pv s, pv *a, size_t n, pv kw) { return py_str_format(s, a, n, kw); }
static pv m_format_map(pv s, pv *a, size_t n, pv kw)
{
    const char *fname = "format_map";
    ARGN(1, 1);
    pv keys = py_to_list(a[0]);
    if (!keys)
        return NULL;
    size_t k = PY_LIST(keys)->n;
    pv *vals = py_alloc((k + 1) * sizeof(pv));
    for (size_t i = 0; i < k; i++) {
        vals[i] = py_getitem(a[0], PY_LIST(keys)->items[i]);
        if (!vals[i])
            return NULL;
    }
    return py_str_format(s, vals, 0, py_tuple_from(PY_LIST(keys)->items, k));
}
static pv m_encode(pv s, pv *a, size_t n, pv kw) { return s; }
static pv m_str_dunder_format(pv s, pv *a, size_t n, pv kw)
{
    const char *fname = "__format__";
    ARGN(1, 1);
    return py_format(s, a[0]);
}
static pv m_translate(pv s, pv *a, size_t n, pv kw)
{
    const char *fname = "translate";
    ARGN(1, 1);
    py_sb b = {0};
    for (size_t i = 0; i < py_slen(s); i++) {
        uint32_t c = py_str_at(s, i);
        pv r = py_getitem(a[0], PY_MKSMALL(c));
        char buf[4];
        if (!r) {
            if (!py_exc_matches(py_exc_LookupError))
                return NULL;
            py_exc_clear();
            py_sb_add(&b, buf, py_utf8_encode(c, buf));
        } else if (r == py_None)
            continue;
        else if (PY_ISINT(r))
            py_sb_add(&b, buf, py_utf8_encode((uint32_t)PY_SMALLVAL(r), buf));
        else if (PY_ISSTR(r))
            py_sb_addv(&b, r);
    }
    return py_sb_finish(&b);
}
static pv m_maketrans(pv s, pv *a, size_t n, pv kw)
{
    pv d = py_dict_new();
    if (n == 1) {
        size_t pos = 0;
        pv k, v;
        while (py_dict_next(a[0], &pos, &k, &v))
            py_dict_set(d, PY_ISSTR(k) ? PY_MKSMALL(py_str_at(k, 0)) : k, v);
        return d;
    }
    if (n < 2 || !PY_ISSTR(a[0]) || !PY_ISSTR(a[1]) || py_slen(a[0]) != py_slen(a[1]))
        return py_raise(py_exc_ValueError, "the first two maketrans arguments must have equal length");
    for (size_t i = 0; i < py_slen(a[0]); i++)
        py_dict_set(d, PY_MKSMALL(py_str_at(a[0], i)), PY_MKSMALL(py_str_at(a[1], i)));
    if (n > 2)
        for (size_t i = 0; i < py_slen(a[2]); i++)
            py_dict_set(d, PY_MKSMALL(py_str_at(a[2], i)), py_None);
    return d;
}
static pv m_getnewargs(pv s, pv *a, size_t n, pv kw) { return py_tuple_pack(1, str_str_slot(s)); }

static pv str_new(py_type *t, pv *args, size_t n, pv kw)
{
    pv r;
    if (n == 0)
        r = py_str_new("", 0);
    else if (n > 1)
        r = args[0]; /* str(bytes, encoding): bytes are not supported; pass through */
    else
        r = py_str_of(args[0]);
    if (!r || t == &py_str_type)
        return r;
    size_t nb = py_sbytes(r);
    py_str *o = (py_str *)GC_MALLOC(sizeof(py_str) + nb + 1 + sizeof(pv));
    py_copy(o, r, sizeof(py_str) + nb + 1);
    o->ob.type = t;
    o->interned = 0;
    return (pv)o;
}

py_type py_str_type = {
    .name = "str", .basicsize = sizeof(py_str), .repr = str_repr_slot, .str = str_str_slot,
    .hash = str_hash_slot, .richcmp = str_richcmp, .len = str_len, .getitem = str_getitem,
    .contains = str_contains, .iter = str_iter_new, .tp_new = str_new, .flags = PY_TF_BASETYPE,
    .nb = {[PY_NB_ADD] = str_add, [PY_NB_MUL] = str_mul, [PY_NB_MOD] = str_mod}};

/* ---------------- format specs ---------------- */

static pv fmt_err(py_fmt_error *e)
{
    py_type *t = e->kind == PY_FMT_OVERFLOW_ERROR ? py_exc_OverflowError
                 : e->kind == PY_FMT_MEMORY_ERROR ? py_exc_MemoryError : py_exc_ValueError;
    return py_raise(t, "%s", e->msg);
}

static pv take_cstr(char *s)
{
    if (!s)
        return py_raise_nomem();
    pv r = py_str_c(s);
    py_dtoa_free(s);
    return r;
}

static pv format_str(pv v, const py_fmt_spec *sp)
{
    if (sp->sign)
        return py_raise(py_exc_ValueError, "Sign not allowed in string format specifier");
    if (sp->alt)
        return py_raise(py_exc_ValueError, "Alternate form (#) not allowed in string format specifier");
    if (sp->align == '=')
        return py_raise(py_exc_ValueError, "'=' alignment not allowed in string format specifier");
    if (sp->type && sp->type != 's')
        return py_raise(py_exc_ValueError, "Unknown format code '%c' for object of type 'str'", sp->type);
    if (sp->precision >= 0 && (size_t)sp->precision < py_slen(v))
        v = substr(v, 0, (size_t)sp->precision);
    if (sp->width > 0)
        v = pad(v, (size_t)sp->width, sp->fill, sp->align);
    return v;
}

static pv format_bigint(pv v, const py_fmt_spec *sp)
{
    py_fmt_error e = {0};
    char t = sp->type;
    if (t == 'e' || t == 'E' || t == 'f' || t == 'F' || t == 'g' || t == 'G' || t == '%') {
        int ov;
        double d = py_int_to_double(v, &ov);
        if (ov)
            return py_raise(py_exc_OverflowError, "int too large to convert to float");
        return take_cstr(py_fmt_double(d, sp, &e)) ?: fmt_err(&e);
    }
    if (py_fmt_check_int_spec(sp, &e) < 0)
        return fmt_err(&e);
    int base = t == 'x' || t == 'X' ? 16 : t == 'o' ? 8 : t == 'b' ? 2 : 10;
    mpz_t z;
    mpz_init(z);
    py_int_to_mpz(v, z);
    int neg = mpz_sgn(z) < 0;
    mpz_abs(z, z);
    char *digits = mpz_get_str(NULL, base, z);
    return take_cstr(py_fmt_pad(digits, neg, sp));
}

pv py_format(pv v, pv spec)
{
    if (!PY_ISSTR(spec))
        return py_raise(py_exc_TypeError, "format spec must be str");
    py_type *t = py_typeof(v);
    if ((t->flags & PY_TF_HEAP) || !(PY_ISINT(v) || PY_ISFLOAT(v) || PY_ISSTR(v))) {
        pv m = py_type_lookup(t, py_id___format__);
        if (m && !(PY_IS(m, cfunc) && !(t->flags & PY_TF_HEAP) && 0)) {
            pv b = py_bind(m, v, t);
            if (!b)
                return NULL;
            if (!(PY_IS(m, cfunc) && (PY_ISINT(v) || PY_ISFLOAT(v) || py_subtype(t, &py_float_type) || PY_ISSTR(v)))) {
                pv r = py_call1(b, spec);
                if (r && !PY_ISSTR(r))
                    return py_raise(py_exc_TypeError, "__format__ must return a str, not %s", py_tname(r));
                return r;
            }
        }
    }
    const char *s = py_cstr(spec);
    size_t sl = py_sbytes(spec);
    if (sl == 0)
        return py_str_of(v);
    py_fmt_spec sp;
    py_fmt_error e = {0};
    if (PY_ISSTR(v)) {
        if (py_fmt_parse_spec(s, sl, '<', "str", &sp, &e) < 0)
            return fmt_err(&e);
        return format_str(v, &sp);
    }
    if (PY_ISINT(v) && !PY_ISFLOAT(v)) {
        if (py_fmt_parse_spec(s, sl, '>', "int", &sp, &e) < 0)
            return fmt_err(&e);
        int64_t x;
        pv pl = v == py_True ? PY_MKSMALL(1) : v == py_False ? PY_MKSMALL(0) : v;
        if (PY_ISSMALL(pl) && py_int_to_i64(pl, &x) == 0)
            return take_cstr(py_fmt_int64(x, &sp, &e)) ?: fmt_err(&e);
        return format_bigint(pl, &sp);
    }
    if (PY_ISFLOAT(v) || py_isinst(v, &py_float_type)) {
        if (py_fmt_parse_spec(s, sl, '>', "float", &sp, &e) < 0)
            return fmt_err(&e);
        return take_cstr(py_fmt_double(py_float_val(v), &sp, &e)) ?: fmt_err(&e);
    }
    return py_raise(py_exc_TypeError, "unsupported format string passed to %s.__format__", t->name);
}

/* ---------------- str.format ---------------- */

static pv field_lookup(const char *name, size_t nl, pv *args, size_t n, pv kw, size_t *autoidx,
                       int *used_auto)
{
    size_t i = 0;
    while (i < nl && name[i] != '.' && name[i] != '[')
        i++;
    pv obj;
    if (i == 0) {
        if (*used_auto == 2)
            return py_raise(py_exc_ValueError,
                            "cannot switch from manual field specification to automatic field numbering");
        *used_auto = 1;
        if (*autoidx >= n)
            return py_raise(py_exc_IndexError,
                            "Replacement index %zu out of range for positional args tuple", *autoidx);
        obj = args[(*autoidx)++];
    } else if (isdigit((unsigned char)name[0])) {
        if (*used_auto == 1)
            return py_raise(py_exc_ValueError,
                            "cannot switch from automatic field numbering to manual field specification");
        *used_auto = 2;
        size_t idx = (size_t)strtoul(name, NULL, 10);
        if (idx >= n)
            return py_raise(py_exc_IndexError,
                            "Replacement index %zu out of range for positional args tuple", idx);
        obj = args[idx];
    } else {
        pv key = py_str_new(name, i);
        obj = kw ? py_kwarg(kw, args + n, py_cstr(key)) : NULL;
        if (!obj)
            return py_raise_obj(py_exc_new(py_exc_KeyError, &key, 1));
    }
    while (i < nl) {
        if (name[i] == '.') {
            size_t j = ++i;
            while (j < nl && name[j] != '.' && name[j] != '[')
                j++;
            obj = py_getattr(obj, py_intern_str(py_str_new(name + i, j - i)));
            if (!obj)
                return NULL;
            i = j;
        } else {
            size_t j = ++i;
            while (j < nl && name[j] != ']')
                j++;
            pv key;
            int alldig = j > i;
            for (size_t k = i; k < j; k++)
                if (!isdigit((unsigned char)name[k]))
                    alldig = 0;
            if (alldig)
                key = PY_MKSMALL(strtol(name + i, NULL, 10));
            else
                key = py_str_new(name + i, j - i);
            obj = py_getitem(obj, key);
            if (!obj)
                return NULL;
            i = j + 1;
        }
    }
    return obj;
}

static pv convert(pv v, char conv)
{
    if (conv == 'a') /* the builtin ascii(): repr with non-ASCII escaped */
        return py_call1(py_dict_gets(py_builtins, "ascii"), v);
    if (conv == 'r')
        return py_repr(v);
    if (conv == 's')
        return py_str_of(v);
    return v;
}

static pv format_impl(pv fmt, pv *args, size_t n, pv kw, size_t *autoidx, int *used_auto, int depth)
{
    if (depth > 2)
        return py_raise(py_exc_ValueError, "Max string recursion exceeded");
    const char *p = py_cstr(fmt);
    size_t len = py_sbytes(fmt);
    py_sb b = {0};
    for (size_t i = 0; i < len;) {
        char c = p[i];
        if (c == '}') {
            if (i + 1 < len && p[i + 1] == '}') {
                py_sb_addc(&b, '}');
                i += 2;
                continue;
            }
            return py_raise(py_exc_ValueError, "Single '}' encountered in format string");
        }
        if (c != '{') {
            py_sb_addc(&b, c);
            i++;
            continue;
        }
        if (i + 1 < len && p[i + 1] == '{') {
            py_sb_addc(&b, '{');
            i += 2;
            continue;
        }
        size_t j = i + 1;
        int lvl = 1;
        while (j < len) {
            if (p[j] == '{')
                lvl++;
            else if (p[j] == '}' && --lvl == 0)
                break;
            j++;
        }
        if (j >= len)
            return py_raise(py_exc_ValueError, "expected '}' before end of string");
        const char *f = p + i + 1;
        size_t fl = j - i - 1;
        size_t ne = 0;
        while (ne < fl && f[ne] != '!' && f[ne] != ':')
            ne++;
        char conv = 0;
        size_t sp = ne;
        if (ne < fl && f[ne] == '!') {
            if (ne + 1 >= fl)
                return py_raise(py_exc_ValueError, "end of string while looking for conversion specifier");
            conv = f[ne + 1];
            if (conv != 'r' && conv != 's' && conv != 'a')
                return py_raise(py_exc_ValueError, "Unknown conversion specifier %c", conv);
            sp = ne + 2;
            if (sp < fl && f[sp] != ':')
                return py_raise(py_exc_ValueError, "expected ':' after conversion specifier");
        }
        pv spec = py_str_new("", 0);
        if (sp < fl && f[sp] == ':') {
            spec = py_str_new(f + sp + 1, fl - sp - 1);
            if (memchr(py_cstr(spec), '{', py_sbytes(spec))) {
                spec = format_impl(spec, args, n, kw, autoidx, used_auto, depth + 1);
                if (!spec)
                    return NULL;
            }
        }
        pv v = field_lookup(f, ne, args, n, kw, autoidx, used_auto);
        if (!v)
            return NULL;
        v = convert(v, conv);
        if (!v)
            return NULL;
        pv r = py_format(v, spec);
        if (!r)
            return NULL;
        py_sb_addv(&b, r);
        i = j + 1;
    }
    return py_sb_finish(&b);
}

pv py_str_format(pv fmt, pv *args, size_t n, pv kw)
{
    size_t autoidx = 0;
    int used_auto = 0;
    return format_impl(fmt, args, n, kw, &autoidx, &used_auto, 0);
}

/* ---------------- % formatting ---------------- */

static pv percent_one(char conv, pv v, py_fmt_spec *sp, int has_prec)
{
    if (conv == 's' || conv == 'r' || conv == 'a') {
        pv s = conv == 's' ? py_str_of(v) : py_repr(v);
        if (!s)
            return NULL;
        if (has_prec && sp->precision < (int64_t)py_slen(s))
            s = substr(s, 0, (size_t)sp->precision);
        return sp->width > 0 ? pad(s, (size_t)sp->width, ' ', sp->align == '<' ? '<' : '>') : s;
    }
    if (conv == 'c') {
        pv s = PY_ISSTR(v) ? v : PY_ISINT(v) ? py_str_from_cp((uint32_t)PY_SMALLVAL(v)) : NULL;
        if (!s)
            return py_raise(py_exc_TypeError, "%%c requires int or char");
        return sp->width > 0 ? pad(s, (size_t)sp->width, ' ', sp->align == '<' ? '<' : '>') : s;
    }
    py_fmt_error e = {0};
    if (conv == 'd' || conv == 'i' || conv == 'u' || conv == 'x' || conv == 'X' || conv == 'o') {
        pv iv = v;
        if (PY_ISFLOAT(v) && (conv == 'd' || conv == 'i' || conv == 'u'))
            iv = py_int_from_double(py_float_val(v));
        else if (!PY_ISINT(v))
            return py_raise(py_exc_TypeError, "%%%c format: %s is required, not %s", conv,
                            conv == 'x' || conv == 'X' || conv == 'o' ? "an integer" : "a real number",
                            py_tname(v));
        if (!iv)
            return NULL;
        sp->type = (conv == 'i' || conv == 'u') ? 'd' : conv;
        sp->precision = -1;
        pv r;
        if (v == py_True || v == py_False)
            iv = PY_MKSMALL(v == py_True);
        int64_t x;
        if (PY_ISSMALL(iv) && py_int_to_i64(iv, &x) == 0)
            r = take_cstr(py_fmt_int64(x, sp, &e));
        else
            r = format_bigint(iv, sp);
        return r ? r : (e.kind ? fmt_err(&e) : NULL);
    }
    if (strchr("eEfFgG", conv)) {
        double d;
        if (py_as_double(v, &d) < 0) {
            py_exc_clear();
            return py_raise(py_exc_TypeError, "must be real number, not %s", py_tname(v));
        }
        sp->type = conv;
        if (!has_prec)
            sp->precision = 6;
        char *s = py_fmt_double(d, sp, &e);
        return s ? take_cstr(s) : fmt_err(&e);
    }
    return py_raise(py_exc_ValueError, "unsupported format character '%c' (0x%x)", conv, conv);
}

pv py_str_percent(pv fmt, pv args)
{
    const char *p = py_cstr(fmt);
    size_t len = py_sbytes(fmt);
    pv *items;
    size_t nitems, idx = 0;
    int is_map = !PY_IS(args, tuple) && (PY_ISDICT(args) || (py_typeof(args)->getitem && !PY_ISSTR(args) && !PY_ISLIST(args) && (py_typeof(args)->flags & PY_TF_HEAP)));
    if (PY_IS(args, tuple)) {
        items = PY_TUPLE(args)->items;
        nitems = PY_TUPLE(args)->n;
    } else {
        items = &args;
        nitems = 1;
    }
    py_sb b = {0};
    for (size_t i = 0; i < len;) {
        if (p[i] != '%') {
            py_sb_addc(&b, p[i++]);
            continue;
        }
        i++;
        if (i >= len)
            return py_raise(py_exc_ValueError, "incomplete format");
        pv v = NULL;
        if (p[i] == '(') {
            size_t j = i + 1;
            int lvl = 1;
            while (j < len && lvl) {
                if (p[j] == '(')
                    lvl++;
                else if (p[j] == ')')
                    lvl--;
                j++;
            }
            if (lvl)
                return py_raise(py_exc_ValueError, "incomplete format key");
            if (!is_map)
                return py_raise(py_exc_TypeError, "format requires a mapping");
            v = py_getitem(args, py_str_new(p + i + 1, j - i - 2));
            if (!v)
                return NULL;
            i = j;
        }
        py_fmt_spec sp = {.fill = ' ', .align = '>', .width = -1, .precision = -1};
        int zero = 0;
        for (; i < len && strchr("-+ #0", p[i]); i++) {
            if (p[i] == '-')
                sp.align = '<';
            else if (p[i] == '+')
                sp.sign = '+';
            else if (p[i] == ' ' && sp.sign != '+')
                sp.sign = ' ';
            else if (p[i] == '#')
                sp.alt = true;
            else if (p[i] == '0')
                zero = 1;
        }
        if (i < len && p[i] == '*') {
            if (idx >= nitems)
                return py_raise(py_exc_TypeError, "not enough arguments for format string");
            int err = 0;
            sp.width = py_index(items[idx++], &err);
            if (err)
                return NULL;
            if (sp.width < 0) {
                sp.align = '<';
                sp.width = -sp.width;
            }
            i++;
        } else {
            int64_t w = -1;
            while (i < len && isdigit((unsigned char)p[i]))
                w = (w < 0 ? 0 : w * 10) + (p[i++] - '0');
            sp.width = w;
        }
        int has_prec = 0;
        if (i < len && p[i] == '.') {
            i++;
            has_prec = 1;
            int64_t pr = 0;
            if (i < len && p[i] == '*') {
                if (idx >= nitems)
                    return py_raise(py_exc_TypeError, "not enough arguments for format string");
                int err = 0;
                pr = py_index(items[idx++], &err);
                if (err)
                    return NULL;
                i++;
            } else
                while (i < len && isdigit((unsigned char)p[i]))
                    pr = pr * 10 + (p[i++] - '0');
            sp.precision = pr;
        }
        while (i < len && (p[i] == 'l' || p[i] == 'h' || p[i] == 'L'))
            i++;
        if (i >= len)
            return py_raise(py_exc_ValueError, "incomplete format");
        char conv = p[i++];
        if (conv == '%') {
            py_sb_addc(&b, '%');
            continue;
        }
        if (zero && sp.align != '<' && !strchr("srac", conv)) {
            sp.fill = '0';
            sp.align = '=';
        }
        if (!v) {
            if (is_map && !PY_IS(args, tuple))
                v = args;
            else {
                if (idx >= nitems)
                    return py_raise(py_exc_TypeError, "not enough arguments for format string");
                v = items[idx++];
            }
        }
        pv r = percent_one(conv, v, &sp, has_prec);
        if (!r)
            return NULL;
        py_sb_addv(&b, r);
    }
    if (idx < nitems && !is_map && PY_IS(args, tuple))
        return py_raise(py_exc_TypeError, "not all arguments converted during string formatting");
    if (!PY_IS(args, tuple) && !is_map && idx == 0)
        return py_raise(py_exc_TypeError, "not all arguments converted during string formatting");
    return py_sb_finish(&b);
}

void py_str_init(void)
{
    for (int c = 0; c < 128; c++) {
        char ch = (char)c;
        py_str *o = (py_str *)GC_MALLOC_ATOMIC_UNCOLLECTABLE(sizeof(py_str) + 2);
        memset(o, 0, sizeof(py_str));
        o->ob.type = &py_str_type;
        o->hash = -1;
        o->len = o->nbytes = 1;
        o->ascii = 1;
        o->s[0] = ch;
        o->s[1] = 0;
        ascii_chars[c] = (pv)o;
    }
    py_type_ready(&py_str_type);
    py_type_ready(&str_iter_type);
    for (int c = 0; c < 128; c++)
        ascii_chars[c] = py_intern_str(ascii_chars[c]);
    struct { const char *n; py_cfn f; } m[] = {
        {"strip", m_strip}, {"lstrip", m_lstrip}, {"rstrip", m_rstrip}, {"split", m_split},
        {"rsplit", m_rsplit}, {"splitlines", m_splitlines}, {"join", m_join},
        {"replace", m_replace}, {"find", m_find}, {"rfind", m_rfind}, {"index", m_index},
        {"rindex", m_rindex}, {"count", m_count}, {"startswith", m_startswith},
        {"endswith", m_endswith}, {"upper", m_upper_full}, {"lower", m_lower},
        {"casefold", m_casefold}, {"swapcase", m_swapcase}, {"capitalize", m_capitalize},
        {"title", m_title}, {"isdigit", m_isdigit}, {"isdecimal", m_isdecimal},
        {"isnumeric", m_isnumeric}, {"isalpha", m_isalpha}, {"isalnum", m_isalnum},
        {"isspace", m_isspace}, {"isupper", m_isupper}, {"islower", m_islower},
        {"istitle", m_istitle}, {"isidentifier", m_isidentifier}, {"isascii", m_isascii},
        {"isprintable", m_isprintable}, {"ljust", m_ljust}, {"rjust", m_rjust},
        {"center", m_center}, {"zfill", m_zfill}, {"partition", m_partition},
        {"rpartition", m_rpartition}, {"expandtabs", m_expandtabs},
        {"removeprefix", m_removeprefix}, {"removesuffix", m_removesuffix},
        {"format", m_format}, {"format_map", m_format_map}, {"encode", m_encode},
        {"__format__", m_str_dunder_format}, {"translate", m_translate},
        {"__getnewargs__", m_getnewargs}};
    for (size_t i = 0; i < sizeof m / sizeof *m; i++)
        py_add_method(&py_str_type, m[i].n, m[i].f);
    py_add_static(&py_str_type, "maketrans", m_maketrans);
}
