/* py_int.c: int. Small ints are unboxed (tagged, py.h); larger ones are GMP
 * integers whose limbs live in GC memory (mp_set_memory_functions). Ints are
 * immutable: no locks. Arithmetic on two small ints allocates nothing unless
 * the result leaves the small range. */
#include "py.h"
#include "py_lock.h"

#include <ctype.h>
#include <math.h>
#include <stdlib.h>

#define HASH_MOD (((uint64_t)1 << 61) - 1) /* CPython's _PyHASH_MODULUS */

static void *gmp_alloc(size_t n)
{
    void *p = GC_MALLOC_ATOMIC(n);
    if (!p)
        py_die("out of memory in GMP");
    return p;
}
/* A new block, the old one left to the collector: GC_REALLOC frees a block
 * it moves, and a free inside a simulated transaction is undone wrongly by
 * its rollback (py_alloc.c, scratch_realloc). */
static void *gmp_realloc(void *p, size_t old, size_t n)
{
    void *q = GC_MALLOC_ATOMIC(n);
    if (!q)
        py_die("out of memory in GMP");
    py_copy(q, p, old < n ? old : n);
    return q;
}
static void gmp_free(void *p, size_t n) { (void)p; (void)n; }

static py_bigint *big_new(void)
{
    py_bigint *b = (py_bigint *)py_new(&py_int_type, sizeof(py_bigint));
    mpz_init(b->z);
    return b;
}

pv py_int_from_i64(int64_t i)
{
    if (PY_FITS_SMALL(i))
        return PY_MKSMALL(i);
    py_bigint *b = big_new();
    mpz_set_si(b->z, i);
    return (pv)b;
}

pv py_int_from_mpz(const mpz_t z)
{
    if (mpz_fits_slong_p(z)) {
        long v = mpz_get_si(z);
        if (PY_FITS_SMALL(v))
            return PY_MKSMALL(v);
    }
    py_bigint *b = big_new();
    mpz_set(b->z, z);
    return (pv)b;
}

/* Value of a bool or int-subclass instance as a plain int. */
static pv as_plain(pv v)
{
    if (PY_ISSMALL(v) || v->type == &py_int_type)
        return v;
    if (v->type == &py_bool_type)
        return PY_MKSMALL(v == py_True);
    return v; /* int subclass: laid out as py_bigint */
}

void py_int_to_mpz(pv v, mpz_t out)
{
    v = as_plain(v);
    if (PY_ISSMALL(v))
        mpz_set_si(out, PY_SMALLVAL(v));
    else
        mpz_set(out, ((py_bigint *)v)->z);
}

int py_int_to_i64(pv v, int64_t *out)
{
    v = as_plain(v);
    if (PY_ISSMALL(v)) {
        *out = PY_SMALLVAL(v);
        return 0;
    }
    if (mpz_fits_slong_p(((py_bigint *)v)->z)) {
        *out = mpz_get_si(((py_bigint *)v)->z);
        return 0;
    }
    py_raise(py_exc_OverflowError, "Python int too large to convert to C long");
    return -1;
}

double py_int_to_double(pv v, int *overflow)
{
    v = as_plain(v);
    *overflow = 0;
    if (PY_ISSMALL(v))
        return (double)PY_SMALLVAL(v);
    mpz_srcptr z = ((py_bigint *)v)->z;
    if (mpz_sizeinbase(z, 2) > 1024) {
        *overflow = 1;
        return 0;
    }
    /* mpz_get_d truncates; round to nearest by hand for > 53 bits */
    size_t bits = mpz_sizeinbase(z, 2);
    if (bits <= 53)
        return mpz_get_d(z);
    mpz_t t;
    mpz_init(t);
    mpz_abs(t, z);
    size_t shift = bits - 55;
    int sticky = mpz_scan1(t, 0) < shift;
    mpz_fdiv_q_2exp(t, t, shift);
    uint64_t m = mpz_get_ui(t) | (uint64_t)sticky; /* 55 bits + sticky */
    /* round 55 -> 53 bits, half to even */
    uint64_t low = m & 3;
    m >>= 2;
    if (low > 2 || (low == 2 && (m & 1)))
        m++;
    double d = ldexp((double)m, (int)shift + 2);
    if (isinf(d))
        *overflow = 1;
    return mpz_sgn(z) < 0 ? -d : d;
}

pv py_int_from_double(double d)
{
    if (isinf(d))
        return py_raise(py_exc_OverflowError, "cannot convert float infinity to integer");
    if (isnan(d))
        return py_raise(py_exc_ValueError, "cannot convert float NaN to integer");
    d = trunc(d);
    if (fabs(d) < 1e18)
        return py_int_from_i64((int64_t)d);
    py_bigint *b = big_new();
    mpz_set_d(b->z, d);
    return (pv)b;
}

int py_int_sign(pv v)
{
    v = as_plain(v);
    if (PY_ISSMALL(v))
        return (PY_SMALLVAL(v) > 0) - (PY_SMALLVAL(v) < 0);
    return mpz_sgn(((py_bigint *)v)->z);
}

size_t py_int_bitlen(pv v)
{
    v = as_plain(v);
    if (PY_ISSMALL(v)) {
        intptr_t x = PY_SMALLVAL(v);
        uint64_t u = x < 0 ? (uint64_t)-x : (uint64_t)x;
        return u ? 64 - __builtin_clzll(u) : 0;
    }
    return mpz_sgn(((py_bigint *)v)->z) ? mpz_sizeinbase(((py_bigint *)v)->z, 2) : 0;
}

intptr_t py_int_hash(pv v)
{
    v = as_plain(v);
    if (PY_ISSMALL(v)) {
        intptr_t x = PY_SMALLVAL(v);
        if (x == -1)
            return -2;
        uint64_t u = x < 0 ? (uint64_t)-x : (uint64_t)x;
        intptr_t h = (intptr_t)(u % HASH_MOD);
        return x < 0 ? (h == 1 ? -2 : -h) : h;
    }
    mpz_srcptr z = ((py_bigint *)v)->z;
    mpz_t a;
    mpz_init(a);
    mpz_abs(a, z);
    intptr_t h = (intptr_t)mpz_fdiv_ui(a, HASH_MOD);
    if (mpz_sgn(z) < 0)
        h = -h;
    return h == -1 ? -2 : h;
}

int py_int_cmp(pv a, pv b)
{
    a = as_plain(a);
    b = as_plain(b);
    if (PY_ISSMALL(a) && PY_ISSMALL(b)) {
        intptr_t x = PY_SMALLVAL(a), y = PY_SMALLVAL(b);
        return (x > y) - (x < y);
    }
    mpz_t x, y;
    mpz_init(x);
    mpz_init(y);
    py_int_to_mpz(a, x);
    py_int_to_mpz(b, y);
    int c = mpz_cmp(x, y);
    return (c > 0) - (c < 0);
}

pv py_int_repr(pv v)
{
    v = as_plain(v);
    if (PY_ISSMALL(v)) {
        char buf[32];
        int n = snprintf(buf, sizeof buf, "%ld", (long)PY_SMALLVAL(v));
        return py_str_new(buf, (size_t)n);
    }
    mpz_srcptr z = ((py_bigint *)v)->z;
    if (mpz_sizeinbase(z, 10) > 4300 + 2) {
        size_t digits = strlen(mpz_get_str(NULL, 10, z)) - (mpz_sgn(z) < 0);
        if (digits > 4300)
            return py_raise(py_exc_ValueError,
                            "Exceeds the limit (4300 digits) for integer string conversion; "
                            "use sys.set_int_max_str_digits() to increase the limit");
    }
    char *s = mpz_get_str(NULL, 10, z);
    return py_str_new(s, strlen(s));
}

pv py_int_format_base(pv v, int base, int prefix)
{
    mpz_t z;
    mpz_init(z);
    py_int_to_mpz(v, z);
    int neg = mpz_sgn(z) < 0;
    mpz_abs(z, z);
    char *digits = mpz_get_str(NULL, base, z);
    const char *pfx = !prefix ? "" : base == 16 ? "0x" : base == 8 ? "0o" : base == 2 ? "0b" : "";
    return py_str_fmt("%s%s%s", neg ? "-" : "", pfx, digits);
}

/* ---- arithmetic ---- */

static pv big_result(mpz_t r) { return py_int_from_mpz(r); }

static pv zero_div(int op)
{
    return py_raise(py_exc_ZeroDivisionError, op == PY_NB_MOD ? "integer modulo by zero"
                                                              : "integer division or modulo by zero");
}

static pv int_truediv(pv a, pv b)
{
    if (PY_ISSMALL(a) && PY_ISSMALL(b)) {
        intptr_t x = PY_SMALLVAL(a), y = PY_SMALLVAL(b);
        if (y == 0)
            return py_raise(py_exc_ZeroDivisionError, "division by zero");
        if (x < ((intptr_t)1 << 53) && x > -((intptr_t)1 << 53) && y < ((intptr_t)1 << 53) &&
            y > -((intptr_t)1 << 53))
            return py_float_new((double)x / (double)y);
    }
    if (py_int_sign(b) == 0)
        return py_raise(py_exc_ZeroDivisionError, "division by zero");
    mpq_t q;
    mpq_init(q);
    mpz_t x, y;
    mpz_init(x);
    mpz_init(y);
    py_int_to_mpz(a, x);
    py_int_to_mpz(b, y);
    mpq_set_num(q, x);
    mpq_set_den(q, y);
    mpq_canonicalize(q);
    double d = mpq_get_d(q);
    if (isinf(d))
        return py_raise(py_exc_OverflowError, "integer division result too large for a float");
    return py_float_new(d);
}

static pv int_pow_big(pv a, pv b)
{
    int64_t e;
    if (py_int_to_i64(b, &e) < 0) {
        py_exc_clear();
        int ov;
        return py_float_new(pow(py_int_to_double(a, &ov), INFINITY));
    }
    if (e < 0) {
        int ov1, ov2;
        double x = py_int_to_double(a, &ov1), y = (double)e;
        if (x == 0)
            return py_raise(py_exc_ZeroDivisionError, "0.0 cannot be raised to a negative power");
        return py_float_new(pow(x, y));
        (void)ov2;
    }
    mpz_t x, r;
    mpz_init(x);
    mpz_init(r);
    py_int_to_mpz(a, x);
    if (mpz_cmpabs_ui(x, 1) > 0 && (uint64_t)e * mpz_sizeinbase(x, 2) > ((uint64_t)1 << 34))
        return py_raise(py_exc_MemoryError, "integer too large");
    mpz_pow_ui(r, x, (unsigned long)e);
    return big_result(r);
}

static pv small_pow(intptr_t x, intptr_t e, pv a, pv b)
{
    if (e < 0)
        return int_pow_big(a, b);
    intptr_t r = 1, base = x;
    intptr_t ee = e;
    while (ee) {
        if (ee & 1) {
            if (__builtin_mul_overflow(r, base, &r) || !PY_FITS_SMALL(r))
                return int_pow_big(a, b);
        }
        ee >>= 1;
        if (ee && (__builtin_mul_overflow(base, base, &base) || !PY_FITS_SMALL(base)))
            return int_pow_big(a, b);
    }
    return PY_MKSMALL(r);
}

static pv small_binop(int op, intptr_t x, intptr_t y, pv a, pv b)
{
    intptr_t r;
    switch (op) {
    case PY_NB_ADD: r = x + y; break;
    case PY_NB_SUB: r = x - y; break;
    case PY_NB_MUL:
        if (__builtin_mul_overflow(x, y, &r))
            return NULL;
        break;
    case PY_NB_FLOORDIV:
        if (y == 0)
            return zero_div(op);
        r = x / y;
        if ((x % y != 0) && ((x < 0) != (y < 0)))
            r--;
        break;
    case PY_NB_MOD:
        if (y == 0)
            return zero_div(op);
        r = x % y;
        if (r != 0 && ((r < 0) != (y < 0)))
            r += y;
        break;
    case PY_NB_AND: r = x & y; break;
    case PY_NB_OR: r = x | y; break;
    case PY_NB_XOR: r = x ^ y; break;
    case PY_NB_LSHIFT:
        if (y < 0)
            return py_raise(py_exc_ValueError, "negative shift count");
        if (y >= 62 || x == 0)
            return x == 0 ? PY_MKSMALL(0) : NULL;
        r = x * ((intptr_t)1 << y);
        if ((r >> y) != x)
            return NULL;
        break;
    case PY_NB_RSHIFT:
        if (y < 0)
            return py_raise(py_exc_ValueError, "negative shift count");
        r = y >= 63 ? (x < 0 ? -1 : 0) : x >> y;
        break;
    case PY_NB_TRUEDIV: return int_truediv(a, b);
    case PY_NB_POW: return small_pow(x, y, a, b);
    default: return py_NotImplemented;
    }
    return PY_FITS_SMALL(r) ? PY_MKSMALL(r) : NULL;
}

static pv big_binop(int op, pv a, pv b)
{
    mpz_t x, y, r;
    mpz_init(x);
    mpz_init(y);
    mpz_init(r);
    py_int_to_mpz(a, x);
    py_int_to_mpz(b, y);
    switch (op) {
    case PY_NB_ADD: mpz_add(r, x, y); break;
    case PY_NB_SUB: mpz_sub(r, x, y); break;
    case PY_NB_MUL: mpz_mul(r, x, y); break;
    case PY_NB_FLOORDIV:
        if (!mpz_sgn(y))
            return zero_div(op);
        mpz_fdiv_q(r, x, y);
        break;
    case PY_NB_MOD:
        if (!mpz_sgn(y))
            return zero_div(op);
        mpz_fdiv_r(r, x, y);
        break;
    case PY_NB_AND: mpz_and(r, x, y); break;
    case PY_NB_OR: mpz_ior(r, x, y); break;
    case PY_NB_XOR: mpz_xor(r, x, y); break;
    case PY_NB_LSHIFT:
    case PY_NB_RSHIFT: {
        if (mpz_sgn(y) < 0)
            return py_raise(py_exc_ValueError, "negative shift count");
        if (!mpz_fits_slong_p(y)) {
            if (op == PY_NB_LSHIFT && mpz_sgn(x))
                return py_raise(py_exc_OverflowError, "too many digits in integer");
            return PY_MKSMALL(op == PY_NB_RSHIFT && mpz_sgn(x) < 0 ? -1 : 0);
        }
        long s = mpz_get_si(y);
        if (op == PY_NB_LSHIFT) {
            if (s > (1L << 34))
                return py_raise(py_exc_MemoryError, "integer too large");
            mpz_mul_2exp(r, x, (mp_bitcnt_t)s);
        } else
            mpz_fdiv_q_2exp(r, x, (mp_bitcnt_t)s);
        break;
    }
    case PY_NB_TRUEDIV: return int_truediv(a, b);
    case PY_NB_POW: return int_pow_big(a, b);
    default: return py_NotImplemented;
    }
    return big_result(r);
}

pv py_int_binop(int op, pv a, pv b)
{
    if (!PY_ISINT(a) || !PY_ISINT(b))
        return py_NotImplemented;
    a = as_plain(a);
    b = as_plain(b);
    if (PY_ISSMALL(a) && PY_ISSMALL(b)) {
        pv r = small_binop(op, PY_SMALLVAL(a), PY_SMALLVAL(b), a, b);
        if (r || py_cur->exc)
            return r;
    }
    return big_binop(op, a, b);
}

pv py_int_pow3(pv a, pv b, pv m)
{
    mpz_t x, y, z, r;
    mpz_init(x);
    mpz_init(y);
    mpz_init(z);
    mpz_init(r);
    py_int_to_mpz(a, x);
    py_int_to_mpz(b, y);
    py_int_to_mpz(m, z);
    if (!mpz_sgn(z))
        return py_raise(py_exc_ValueError, "pow() 3rd argument cannot be 0");
    if (mpz_sgn(y) < 0) {
        if (!mpz_invert(x, x, z))
            return py_raise(py_exc_ValueError, "base is not invertible for the given modulus");
        mpz_neg(y, y);
    }
    mpz_powm(r, x, y, z);
    if (mpz_sgn(z) < 0 && mpz_sgn(r) > 0) {
        mpz_t az;
        mpz_init(az);
        mpz_add(r, r, z);
    } else if (mpz_sgn(z) > 0 && mpz_sgn(r) < 0)
        mpz_add(r, r, z);
    return big_result(r);
}

#define NB(name, op) static pv name(pv a, pv b) { return py_int_binop(op, a, b); }
NB(int_add, PY_NB_ADD) NB(int_sub, PY_NB_SUB) NB(int_mul, PY_NB_MUL)
NB(int_div, PY_NB_TRUEDIV) NB(int_fdiv, PY_NB_FLOORDIV) NB(int_mod, PY_NB_MOD)
NB(int_pow, PY_NB_POW) NB(int_lsh, PY_NB_LSHIFT) NB(int_rsh, PY_NB_RSHIFT)
NB(int_and, PY_NB_AND) NB(int_or, PY_NB_OR) NB(int_xor, PY_NB_XOR)

static pv int_neg(pv v)
{
    v = as_plain(v);
    if (PY_ISSMALL(v))
        return PY_MKSMALL(-PY_SMALLVAL(v));
    mpz_t r;
    mpz_init(r);
    mpz_neg(r, ((py_bigint *)v)->z);
    return big_result(r);
}
static pv int_pos(pv v) { return as_plain(v); }
static pv int_abs(pv v) { return py_int_sign(v) < 0 ? int_neg(v) : as_plain(v); }
static pv int_invert(pv v)
{
    v = as_plain(v);
    if (PY_ISSMALL(v))
        return PY_MKSMALL(~PY_SMALLVAL(v));
    mpz_t r;
    mpz_init(r);
    mpz_com(r, ((py_bigint *)v)->z);
    return big_result(r);
}
static int int_truth(pv v) { return py_int_sign(v) != 0; }
static intptr_t int_hash_slot(pv v) { return py_int_hash(v); }
static pv int_repr_slot(pv v) { return py_int_repr(v); }

static pv int_richcmp(pv a, pv b, int op)
{
    int c;
    if (PY_ISINT(b))
        c = py_int_cmp(a, b);
    else if (PY_ISFLOAT(b)) {
        double y = py_float_val(b);
        if (isnan(y))
            return PY_BOOL(op == PY_NE);
        if (isinf(y))
            c = y > 0 ? -1 : 1;
        else {
            double fl = floor(y);
            pv yi = py_int_from_double(fl);
            c = py_int_cmp(a, yi);
            if (c == 0 && fl != y)
                c = -1;
        }
    } else
        return py_NotImplemented;
    switch (op) {
    case PY_LT: return PY_BOOL(c < 0);
    case PY_LE: return PY_BOOL(c <= 0);
    case PY_EQ: return PY_BOOL(c == 0);
    case PY_NE: return PY_BOOL(c != 0);
    case PY_GT: return PY_BOOL(c > 0);
    default: return PY_BOOL(c >= 0);
    }
}

static int digit_val(int c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'z')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'Z')
        return c - 'A' + 10;
    return 99;
}

pv py_int_from_str(const char *s, size_t n, int base)
{
    const char *orig = s;
    size_t on = n;
    while (n && isspace((unsigned char)*s))
        s++, n--;
    while (n && isspace((unsigned char)s[n - 1]))
        n--;
    int neg = 0;
    if (n && (*s == '+' || *s == '-'))
        neg = *s == '-', s++, n--;
    if (n >= 2 && s[0] == '0') {
        int c = s[1] | 0x20, pb = c == 'x' ? 16 : c == 'o' ? 8 : c == 'b' ? 2 : 0;
        if (pb && (base == 0 || base == pb)) {
            base = pb;
            s += 2, n -= 2;
            if (n && *s == '_')
                s++, n--;
        }
    }
    if (base == 0) {
        base = 10;
        if (n > 1 && s[0] == '0') {
            for (size_t i = 0; i < n; i++)
                if (s[i] != '0' && s[i] != '_')
                    goto bad;
        }
    }
    char *buf = GC_MALLOC_ATOMIC(n + 1);
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '_') {
            if (i == 0 || i + 1 == n || s[i + 1] == '_')
                goto bad;
            continue;
        }
        if (digit_val((unsigned char)s[i]) >= base)
            goto bad;
        buf[k++] = s[i];
    }
    if (!k)
        goto bad;
    buf[k] = 0;
    if (k < 18 && base == 10) {
        long long v = strtoll(buf, NULL, 10);
        return py_int_from_i64(neg ? -v : v);
    }
    mpz_t z;
    mpz_init(z);
    mpz_set_str(z, buf, base);
    if (neg)
        mpz_neg(z, z);
    return big_result(z);
bad:;
    pv r = py_str_new(orig, on);
    pv rr = py_repr(r);
    return py_raise(py_exc_ValueError, "invalid literal for int() with base %d: %s", base ? base : 10,
                    rr ? py_cstr(rr) : "?");
}

intptr_t py_index(pv v, int *err)
{
    if (PY_ISSMALL(v))
        return PY_SMALLVAL(v);
    if (PY_ISINT(v)) {
        int64_t x;
        if (py_int_to_i64(v, &x) < 0) {
            py_exc_clear();
            py_raise(py_exc_IndexError, "cannot fit 'int' into an index-sized integer");
            *err = 1;
            return -1;
        }
        return (intptr_t)x;
    }
    if (py_typeof(v)->flags & PY_TF_HEAP) {
        pv m = py_type_lookup(py_typeof(v), py_id___index__);
        if (m) {
            pv r = py_call1(m, v);
            if (r && PY_ISINT(r))
                return py_index(r, err);
        }
    }
    py_raise(py_exc_TypeError, "'%s' object cannot be interpreted as an integer", py_tname(v));
    *err = 1;
    return -1;
}

static pv int_new(py_type *t, pv *args, size_t n, pv kw)
{
    pv x = n ? args[0] : PY_MKSMALL(0);
    pv basev = n > 1 ? args[1] : NULL;
    if (kw) {
        pv b = py_kwarg(kw, args + n, "base");
        if (b)
            basev = b;
    }
    pv r;
    if (basev) {
        int err = 0;
        intptr_t base = py_index(basev, &err);
        if (err)
            return NULL;
        if (!PY_ISSTR(x))
            return py_raise(py_exc_TypeError, "int() can't convert non-string with explicit base");
        if (base != 0 && (base < 2 || base > 36))
            return py_raise(py_exc_ValueError, "int() base must be >= 2 and <= 36, or 0");
        r = py_int_from_str(py_cstr(x), py_sbytes(x), (int)base);
    } else if (PY_ISINT(x))
        r = as_plain(x);
    else if (PY_ISFLOAT(x))
        r = py_int_from_double(py_float_val(x));
    else if (PY_ISSTR(x))
        r = py_int_from_str(py_cstr(x), py_sbytes(x), 10);
    else {
        pv m = py_type_lookup(py_typeof(x), py_id___int__);
        if (!m)
            m = py_type_lookup(py_typeof(x), py_id___index__);
        if (!m)
            m = py_type_lookup(py_typeof(x), py_id___trunc__);
        if (!m)
            return py_raise(py_exc_TypeError,
                            "int() argument must be a string, a bytes-like object or a real number, not '%s'",
                            py_tname(x));
        r = py_call1(m, x);
        if (r && PY_ISFLOAT(r))
            r = py_int_from_double(py_float_val(r));
    }
    if (!r || t == &py_int_type)
        return r;
    py_bigint *b = (py_bigint *)py_new(t, t->basicsize);
    mpz_init(b->z);
    py_int_to_mpz(r, b->z);
    return (pv)b;
}

static pv m_bit_length(pv self, pv *a, size_t n, pv kw) { return PY_MKSMALL(py_int_bitlen(self)); }
static pv m_bit_count(pv self, pv *a, size_t n, pv kw)
{
    mpz_t z;
    mpz_init(z);
    py_int_to_mpz(self, z);
    mpz_abs(z, z);
    return PY_MKSMALL(mpz_popcount(z));
}
static pv m_conjugate(pv self, pv *a, size_t n, pv kw) { return as_plain(self); }
static pv m_index(pv self, pv *a, size_t n, pv kw) { return as_plain(self); }
static pv m_real(pv self, pv *a, size_t n, pv kw) { return as_plain(self); }
static pv m_imag(pv self, pv *a, size_t n, pv kw) { return PY_MKSMALL(0); }
static pv m_denominator(pv self, pv *a, size_t n, pv kw) { return PY_MKSMALL(1); }
static pv m_int_format(pv self, pv *a, size_t n, pv kw)
{
    if (n != 1)
        return py_raise(py_exc_TypeError, "__format__ takes 1 argument");
    return py_format(self, a[0]);
}
static pv m_int_round(pv self, pv *a, size_t n, pv kw)
{
    if (n == 0 || a[0] == py_None)
        return as_plain(self);
    int err = 0;
    intptr_t nd = py_index(a[0], &err);
    if (err)
        return NULL;
    if (nd >= 0)
        return as_plain(self);
    /* round half to even at 10**-nd */
    mpz_t x, p, q, r, h;
    mpz_inits(x, p, q, r, h, NULL);
    py_int_to_mpz(self, x);
    mpz_ui_pow_ui(p, 10, (unsigned long)-nd);
    mpz_fdiv_qr(q, r, x, p);
    mpz_mul_2exp(h, r, 1);
    int c = mpz_cmp(h, p);
    if (c > 0 || (c == 0 && mpz_odd_p(q)))
        mpz_add_ui(q, q, 1);
    mpz_mul(q, q, p);
    return big_result(q);
}
static pv m_to_bytes_len(pv self, pv *a, size_t n, pv kw) { return PY_MKSMALL((py_int_bitlen(self) + 7) / 8); }
static pv m_int_trunc(pv self, pv *a, size_t n, pv kw) { return as_plain(self); }
static pv m_as_integer_ratio(pv self, pv *a, size_t n, pv kw) { return py_tuple_pack(2, as_plain(self), PY_MKSMALL(1)); }
static pv m_int_getnewargs(pv self, pv *a, size_t n, pv kw) { return py_tuple_pack(1, as_plain(self)); }

py_type py_int_type = {
    .name = "int", .basicsize = sizeof(py_bigint), .repr = int_repr_slot, .hash = int_hash_slot,
    .richcmp = int_richcmp, .truth = int_truth, .neg = int_neg, .pos = int_pos,
    .invert = int_invert, .absf = int_abs, .tp_new = int_new, .flags = PY_TF_BASETYPE,
    .nb = {int_add, int_sub, int_mul, int_div, int_fdiv, int_mod, int_pow, int_lsh, int_rsh,
           int_and, int_or, int_xor, NULL}};

void py_int_init(void)
{
    mp_set_memory_functions(gmp_alloc, gmp_realloc, gmp_free);
    py_type_ready(&py_int_type);
    py_type_ready(&py_bool_type);
    py_add_method(&py_int_type, "bit_length", m_bit_length);
    py_add_method(&py_int_type, "bit_count", m_bit_count);
    py_add_method(&py_int_type, "conjugate", m_conjugate);
    py_add_method(&py_int_type, "__index__", m_index);
    py_add_method(&py_int_type, "__int__", m_index);
    py_add_method(&py_int_type, "__format__", m_int_format);
    py_add_method(&py_int_type, "__round__", m_int_round);
    py_add_method(&py_int_type, "__trunc__", m_int_trunc);
    py_add_method(&py_int_type, "__floor__", m_int_trunc);
    py_add_method(&py_int_type, "__ceil__", m_int_trunc);
    py_add_method(&py_int_type, "__getnewargs__", m_int_getnewargs);
    py_add_method(&py_int_type, "as_integer_ratio", m_as_integer_ratio);
    py_add_method(&py_int_type, "_byte_len", m_to_bytes_len);
    py_add_getter(&py_int_type, "real", m_real);
    py_add_getter(&py_int_type, "imag", m_imag);
    py_add_getter(&py_int_type, "numerator", m_real);
    py_add_getter(&py_int_type, "denominator", m_denominator);
}
