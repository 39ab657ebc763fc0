/* py_bytes.c: a minimal immutable `bytes` (the layout of py_str with the
 * bytes type: len == nbytes), str.encode/bytes.decode, and
 * int.to_bytes/int.from_bytes. Immutable: no locks. */
#include "py.h"

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

static pv bytes_repr(pv o)
{
    const unsigned char *p = (const unsigned char *)B(o)->s;
    size_t n = B(o)->nbytes;
    int sq = memchr(p, '\'', n) != NULL, dq = memchr(p, '"', n) != NULL;
    char q = sq && !dq ? '"' : '\'';
    py_sb b = {0};
    py_sb_addc(&b, 'b');
    py_sb_addc(&b, q);
    for (size_t i = 0; i < n; i++) {
        unsigned char c = p[i];
        char buf[8];
        if (c == (unsigned char)q || c == '\\') {
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

static intptr_t bytes_len(pv o) { return (intptr_t)B(o)->nbytes; }

static pv bytes_richcmp(pv a, pv b, int op)
{
    if (!ISB(b))
        return py_NotImplemented;
    size_t na = B(a)->nbytes, nb = B(b)->nbytes;
    int c = memcmp(B(a)->s, B(b)->s, na < nb ? na : nb);
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
    size_t n = B(o)->nbytes;
    if (PY_IS(k, slice)) {
        intptr_t a, b, st;
        size_t len;
        if (py_slice_indices(k, n, &a, &b, &st, &len) < 0)
            return NULL;
        char *buf = GC_MALLOC_ATOMIC(len + 1);
        for (size_t i = 0; i < len; i++)
            buf[i] = B(o)->s[a + (intptr_t)i * st];
        return py_bytes_new(buf, len);
    }
    int err = 0;
    intptr_t i = py_index(k, &err);
    if (err)
        return NULL;
    if (i < 0)
        i += (intptr_t)n;
    if (i < 0 || (size_t)i >= n)
        return py_raise(py_exc_IndexError, "index out of range");
    return PY_MKSMALL((unsigned char)B(o)->s[i]);
}

static int bytes_contains(pv o, pv v)
{
    if (PY_ISINT(v)) {
        intptr_t c = PY_SMALLVAL(v);
        return memchr(B(o)->s, (int)c, B(o)->nbytes) != NULL;
    }
    if (!ISB(v)) {
        py_raise(py_exc_TypeError, "a bytes-like object is required, not '%s'", py_tname(v));
        return -1;
    }
    size_t n = B(o)->nbytes, m = B(v)->nbytes;
    for (size_t i = 0; i + m <= n; i++)
        if (!memcmp(B(o)->s + i, B(v)->s, m))
            return 1;
    return 0;
}

typedef struct { py_obj ob; pv b; size_t i; } bytes_iter;
static py_type bytes_iter_type;
static pv bytes_iter_next(pv o)
{
    bytes_iter *it = (bytes_iter *)o;
    if (it->i >= B(it->b)->nbytes)
        return NULL;
    return PY_MKSMALL((unsigned char)B(it->b)->s[it->i++]);
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
    if (!ISB(a) || !ISB(b))
        return py_NotImplemented;
    size_t na = B(a)->nbytes, nb = B(b)->nbytes;
    char *buf = GC_MALLOC_ATOMIC(na + nb + 1);
    py_copy(buf, B(a)->s, na);
    py_copy(buf + na, B(b)->s, nb);
    return py_bytes_new(buf, na + nb);
}

static pv bytes_mul(pv a, pv b)
{
    pv s = ISB(a) ? a : b, k = ISB(a) ? b : a;
    if (!ISB(s) || !PY_ISINT(k))
        return py_NotImplemented;
    intptr_t n = PY_SMALLVAL(k);
    if (n < 0)
        n = 0;
    size_t l = B(s)->nbytes;
    char *buf = GC_MALLOC_ATOMIC(l * (size_t)n + 1);
    for (intptr_t i = 0; i < n; i++)
        py_copy(buf + (size_t)i * l, B(s)->s, l);
    return py_bytes_new(buf, l * (size_t)n);
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
    const unsigned char *p = (const unsigned char *)B(s)->s;
    size_t len = B(s)->nbytes;
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
    size_t len = B(s)->nbytes;
    char *buf = GC_MALLOC_ATOMIC(2 * len + 1);
    for (size_t i = 0; i < len; i++)
        snprintf(buf + 2 * i, 3, "%02x", (unsigned char)B(s)->s[i]);
    return py_str_new(buf, 2 * len);
}

static pv sm_encode(pv s, pv *a, size_t n, pv kw) { return py_bytes_new(py_cstr(s), py_sbytes(s)); }

static pv bm_startswith(pv s, pv *a, size_t n, pv kw)
{
    if (n != 1 || !ISB(a[0]))
        return py_raise(py_exc_TypeError, "startswith first arg must be bytes");
    size_t m = B(a[0])->nbytes;
    return PY_BOOL(m <= B(s)->nbytes && !memcmp(B(s)->s, B(a[0])->s, m));
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

void py_bytes_init(void)
{
    py_type_ready(&py_bytes_type);
    py_type_ready(&bytes_iter_type);
    py_add_method(&py_bytes_type, "decode", bm_decode);
    py_add_method(&py_bytes_type, "hex", bm_hex);
    py_add_method(&py_bytes_type, "startswith", bm_startswith);
    py_add_method(&py_str_type, "encode", sm_encode);
    py_add_method(&py_int_type, "to_bytes", im_to_bytes);
    py_add_cls_method(&py_int_type, "from_bytes", im_from_bytes);
    py_dict_sets(py_builtins, "bytes", (pv)&py_bytes_type);
}
