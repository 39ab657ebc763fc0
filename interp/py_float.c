/* py_float.c: float (boxed double, immutable: no locks). repr and
 * formatting come from py_dtoa. */
#include "py.h"
#include "py_dtoa.h"

#include <math.h>
#include <stdlib.h>
#include <ctype.h>

#define HASH_MOD (((uint64_t)1 << 61) - 1)
#define HASH_BITS 61

pv py_float_new(double d)
{
    py_float *f = (py_float *)py_new(&py_float_type, sizeof(py_float));
    f->d = d;
    return (pv)f;
}

int py_as_double(pv v, double *out)
{
    if (PY_ISSMALL(v)) {
        *out = (double)PY_SMALLVAL(v);
        return 0;
    }
    if (v->type == &py_float_type || py_subtype(v->type, &py_float_type)) {
        *out = py_float_val(v);
        return 0;
    }
    if (PY_ISINT(v)) {
        int ov;
        *out = py_int_to_double(v, &ov);
        if (ov) {
            py_raise(py_exc_OverflowError, "int too large to convert to float");
            return -1;
        }
        return 0;
    }
    pv m = py_type_lookup(py_typeof(v), py_id___float__);
    if (m) {
        pv r = py_call1(m, v);
        if (!r)
            return -1;
        if (PY_ISFLOAT(r)) {
            *out = py_float_val(r);
            return 0;
        }
    }
    py_raise(py_exc_TypeError, "must be real number, not %s", py_tname(v));
    return -1;
}

char *py_float_cstr(double d, char *buf, size_t n)
{
    py_dtoa_repr(d, buf, n);
    return buf;
}

pv py_float_repr_of(double d)
{
    char buf[PY_DTOA_REPR_MAX];
    size_t n = py_dtoa_repr(d, buf, sizeof buf);
    return py_str_new(buf, n);
}

static pv float_repr(pv v) { return py_float_repr_of(py_float_val(v)); }

intptr_t py_hash_double(double v)
{
    if (isinf(v))
        return v > 0 ? 314159 : -314159;
    if (isnan(v))
        return 0;
    int e, sign = 1;
    double m = frexp(v, &e);
    if (m < 0) {
        sign = -1;
        m = -m;
    }
    uint64_t x = 0, y;
    while (m) {
        x = ((x << 28) & HASH_MOD) | x >> (HASH_BITS - 28);
        m *= 268435456.0;
        e -= 28;
        y = (uint64_t)m;
        m -= (double)y;
        x += y;
        if (x >= HASH_MOD)
            x -= HASH_MOD;
    }
    e = e >= 0 ? e % HASH_BITS : HASH_BITS - 1 - ((-1 - e) % HASH_BITS);
    x = ((x << e) & HASH_MOD) | x >> (HASH_BITS - e);
    intptr_t h = (intptr_t)x * sign;
    return h == -1 ? -2 : h;
}

static intptr_t float_hash(pv v) { return py_hash_double(py_float_val(v)); }

/* Both operands as doubles; NotImplemented for foreign types. */
static int coerce2(pv a, pv b, double *x, double *y)
{
    if (!(PY_ISFLOAT(a) || PY_ISINT(a) || py_isinst(a, &py_float_type)) ||
        !(PY_ISFLOAT(b) || PY_ISINT(b) || py_isinst(b, &py_float_type)))
        return 1;
    if (py_as_double(a, x) < 0 || py_as_double(b, y) < 0)
        return -1;
    return 0;
}

static pv float_divmod_parts(double x, double y, double *div, double *mod)
{
    double m = fmod(x, y);
    double d = (x - m) / y;
    if (m) {
        if ((y < 0) != (m < 0)) {
            m += y;
            d -= 1.0;
        }
    } else
        m = copysign(0.0, y);
    if (d) {
        double fd = floor(d);
        if (d - fd > 0.5)
            fd += 1.0;
        d = fd;
    } else
        d = copysign(0.0, x / y);
    *div = d;
    *mod = m;
    return py_None;
}

static pv float_pow(double x, double y)
{
    if (x == 0 && y < 0)
        return py_raise(py_exc_ZeroDivisionError, "0.0 cannot be raised to a negative power");
    if (x < 0 && y != floor(y) && isfinite(y)) {
        /* a negative base to a fractional power is complex, as in CPython */
        extern pv py_complex_new(double re, double im);
        double len = pow(-x, y), phase = M_PI * y;
        return py_complex_new(len * cos(phase), len * sin(phase));
    }
    double r = pow(x, y);
    if (isinf(r) && isfinite(x) && isfinite(y))
        return py_raise(py_exc_OverflowError, "(34, 'Numerical result out of range')");
    return py_float_new(r);
}

static pv float_binop(int op, pv a, pv b)
{
    double x, y;
    int c = coerce2(a, b, &x, &y);
    if (c)
        return c < 0 ? NULL : py_NotImplemented;
    double d, m;
    switch (op) {
    case PY_NB_ADD: return py_float_new(x + y);
    case PY_NB_SUB: return py_float_new(x - y);
    case PY_NB_MUL: return py_float_new(x * y);
    case PY_NB_TRUEDIV:
        if (y == 0)
            return py_raise(py_exc_ZeroDivisionError, "float division by zero");
        return py_float_new(x / y);
    case PY_NB_FLOORDIV:
        if (y == 0)
            return py_raise(py_exc_ZeroDivisionError, "float floor division by zero");
        float_divmod_parts(x, y, &d, &m);
        return py_float_new(d);
    case PY_NB_MOD:
        if (y == 0)
            return py_raise(py_exc_ZeroDivisionError, "float modulo");
        float_divmod_parts(x, y, &d, &m);
        return py_float_new(m);
    case PY_NB_POW: return float_pow(x, y);
    default: return py_NotImplemented;
    }
}

#define NB(name, op) static pv name(pv a, pv b) { return float_binop(op, a, b); }
NB(f_add, PY_NB_ADD) NB(f_sub, PY_NB_SUB) NB(f_mul, PY_NB_MUL) NB(f_div, PY_NB_TRUEDIV)
NB(f_fdiv, PY_NB_FLOORDIV) NB(f_mod, PY_NB_MOD) NB(f_pow, PY_NB_POW)

static pv float_richcmp(pv a, pv b, int op)
{
    double x = py_float_val(a), y;
    if (PY_ISFLOAT(b) || py_isinst(b, &py_float_type))
        y = py_float_val(b);
    else if (PY_ISINT(b)) {
        if (isnan(x))
            return PY_BOOL(op == PY_NE);
        /* exact comparison: defer to int's comparison with float */
        static const int sw[] = {PY_GT, PY_GE, PY_EQ, PY_NE, PY_LT, PY_LE};
        return py_richcmp(b, a, sw[op]);
    } else
        return py_NotImplemented;
    switch (op) {
    case PY_LT: return PY_BOOL(x < y);
    case PY_LE: return PY_BOOL(x <= y);
    case PY_EQ: return PY_BOOL(x == y);
    case PY_NE: return PY_BOOL(x != y);
    case PY_GT: return PY_BOOL(x > y);
    default: return PY_BOOL(x >= y);
    }
}

static pv f_neg(pv v) { return py_float_new(-py_float_val(v)); }
static pv f_pos(pv v) { return PY_ISFLOAT(v) ? v : py_float_new(py_float_val(v)); }
static pv f_abs(pv v) { return py_float_new(fabs(py_float_val(v))); }
static int f_truth(pv v) { return py_float_val(v) != 0; }

static pv parse_float_str(pv s)
{
    const char *p = py_cstr(s);
    size_t n = py_sbytes(s);
    while (n && isspace((unsigned char)*p))
        p++, n--;
    while (n && isspace((unsigned char)p[n - 1]))
        n--;
    char *buf = GC_MALLOC_ATOMIC(n + 1);
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        if (p[i] == '_') {
            if (i == 0 || i + 1 == n || !isdigit((unsigned char)p[i - 1]) ||
                !isdigit((unsigned char)p[i + 1]))
                goto bad;
            continue;
        }
        buf[k++] = p[i];
    }
    buf[k] = 0;
    const char *q = buf;
    if (*q == '+' || *q == '-')
        q++;
    if (!strcasecmp(q, "inf") || !strcasecmp(q, "infinity") || !strcasecmp(q, "nan")) {
        double v = (q[0] | 0x20) == 'n' ? NAN : INFINITY;
        return py_float_new(buf[0] == '-' ? -v : v);
    }
    for (const char *c = q; *c; c++)
        if (!(isdigit((unsigned char)*c) || *c == '.' || *c == 'e' || *c == 'E' || *c == '+' ||
              *c == '-'))
            goto bad;
    if (k) {
        char *end;
        double d = strtod(buf, &end);
        if (*end == 0)
            return py_float_new(d);
    }
bad:;
    pv r = py_repr(s);
    return py_raise(py_exc_ValueError, "could not convert string to float: %s", r ? py_cstr(r) : "?");
}

static pv float_new(py_type *t, pv *args, size_t n, pv kw)
{
    if (n > 1)
        return py_raise(py_exc_TypeError, "float expected at most 1 argument, got %zu", n);
    pv r;
    if (n == 0)
        r = py_float_new(0.0);
    else if (PY_ISSTR(args[0]))
        r = parse_float_str(args[0]);
    else {
        double d;
        if (py_as_double(args[0], &d) < 0) {
            if (py_exc_matches(py_exc_TypeError)) {
                py_exc_clear();
                return py_raise(py_exc_TypeError,
                                "float() argument must be a string or a real number, not '%s'",
                                py_tname(args[0]));
            }
            return NULL;
        }
        r = py_float_new(d);
    }
    if (r && t != &py_float_type) {
        pv o = py_new(t, t->basicsize);
        ((py_float *)o)->d = py_float_val(r);
        return o;
    }
    return r;
}

static pv m_is_integer(pv self, pv *a, size_t n, pv kw)
{
    double d = py_float_val(self);
    return PY_BOOL(isfinite(d) && d == floor(d));
}
static pv m_trunc(pv self, pv *a, size_t n, pv kw) { return py_int_from_double(py_float_val(self)); }
static pv m_floor(pv self, pv *a, size_t n, pv kw) { return py_int_from_double(floor(py_float_val(self))); }
static pv m_ceil(pv self, pv *a, size_t n, pv kw) { return py_int_from_double(ceil(py_float_val(self))); }
static pv m_round(pv self, pv *a, size_t n, pv kw)
{
    double d = py_float_val(self);
    if (n == 0 || a[0] == py_None) {
        double r = nearbyint(d); /* default rounding mode: half to even */
        return py_int_from_double(r);
    }
    int err = 0;
    intptr_t nd = py_index(a[0], &err);
    if (err)
        return NULL;
    double out;
    if (!isfinite(d))
        return py_float_new(d);
    if (py_dtoa_round(d, nd, &out) < 0)
        return py_raise(py_exc_OverflowError, "rounded value too large to represent");
    return py_float_new(out);
}
static pv m_format(pv self, pv *a, size_t n, pv kw)
{
    if (n != 1)
        return py_raise(py_exc_TypeError, "__format__ takes 1 argument");
    return py_format(self, a[0]);
}
static pv m_as_ratio(pv self, pv *a, size_t n, pv kw)
{
    double d = py_float_val(self);
    if (isinf(d))
        return py_raise(py_exc_OverflowError, "cannot convert Infinity to integer ratio");
    if (isnan(d))
        return py_raise(py_exc_ValueError, "cannot convert NaN to integer ratio");
    int e;
    double m = frexp(d, &e);
    for (int i = 0; i < 300 && m != floor(m); i++) {
        m *= 2.0;
        e--;
    }
    pv num = py_int_from_double(m), den = PY_MKSMALL(1);
    pv sh = PY_MKSMALL(e < 0 ? -e : e);
    if (e > 0)
        num = py_int_binop(PY_NB_LSHIFT, num, sh);
    else
        den = py_int_binop(PY_NB_LSHIFT, den, sh);
    return py_tuple_pack(2, num, den);
}
static pv m_real(pv self, pv *a, size_t n, pv kw) { return self; }
static pv m_imag(pv self, pv *a, size_t n, pv kw) { return py_float_new(0.0); }
/* float.hex(): CPython always prints 13 hex digits of mantissa. */
static pv m_hex(pv self, pv *a, size_t n, pv kw)
{
    double d = py_float_val(self);
    if (isnan(d))
        return py_str_c("nan");
    if (isinf(d))
        return py_str_c(d > 0 ? "inf" : "-inf");
    if (d == 0)
        return py_str_c(signbit(d) ? "-0x0.0p+0" : "0x0.0p+0");
    int e;
    double m = frexp(fabs(d), &e); /* m in [0.5, 1) */
    m *= 2;
    e -= 1;
    if (e < -1022) { /* subnormal: CPython prints 0x0.xxxp-1022 */
        m = ldexp(m, e + 1022);
        e = -1022;
    }
    int lead = (int)m;
    m -= lead;
    char digits[14];
    for (int i = 0; i < 13; i++) {
        m *= 16;
        int dg = (int)m;
        digits[i] = "0123456789abcdef"[dg];
        m -= dg;
    }
    digits[13] = 0;
    return py_str_fmt("%s0x%d.%sp%+d", d < 0 ? "-" : "", lead, digits, e);
}
static pv m_fromhex(pv self, pv *a, size_t n, pv kw)
{
    if (n != 1 || !PY_ISSTR(a[0]))
        return py_raise(py_exc_TypeError, "fromhex() argument must be str");
    return py_float_new(strtod(py_cstr(a[0]), NULL));
}
static pv m_getnewargs(pv self, pv *a, size_t n, pv kw) { return py_tuple_pack(1, py_float_new(py_float_val(self))); }

py_type py_float_type = {
    .name = "float", .basicsize = sizeof(py_float), .repr = float_repr, .hash = float_hash,
    .richcmp = float_richcmp, .truth = f_truth, .neg = f_neg, .pos = f_pos, .absf = f_abs,
    .tp_new = float_new, .flags = PY_TF_BASETYPE,
    .nb = {f_add, f_sub, f_mul, f_div, f_fdiv, f_mod, f_pow}};

void py_float_init(void)
{
    py_type_ready(&py_float_type);
    py_add_method(&py_float_type, "is_integer", m_is_integer);
    py_add_method(&py_float_type, "__trunc__", m_trunc);
    py_add_method(&py_float_type, "__int__", m_trunc);
    py_add_method(&py_float_type, "__floor__", m_floor);
    py_add_method(&py_float_type, "__ceil__", m_ceil);
    py_add_method(&py_float_type, "__round__", m_round);
    py_add_method(&py_float_type, "__format__", m_format);
    py_add_method(&py_float_type, "as_integer_ratio", m_as_ratio);
    py_add_method(&py_float_type, "conjugate", m_real);
    py_add_method(&py_float_type, "hex", m_hex);
    py_add_method(&py_float_type, "__getnewargs__", m_getnewargs);
    py_add_cls_method(&py_float_type, "fromhex", m_fromhex);
    py_add_getter(&py_float_type, "real", m_real);
    py_add_getter(&py_float_type, "imag", m_imag);
}
