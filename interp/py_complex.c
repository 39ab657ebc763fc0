/* py_complex.c: complex numbers (immutable: no locks), `1j` literals, and
 * cmath-free arithmetic as CPython's complexobject.c. */
#include "py.h"
#include "py_dtoa.h"

#include <math.h>
#include <stdlib.h>

typedef struct { py_obj ob; double re, im; } py_complex;
py_type py_complex_type;

pv py_complex_new(double re, double im)
{
    py_complex *c = (py_complex *)py_new(&py_complex_type, sizeof(py_complex));
    c->re = re;
    c->im = im;
    return (pv)c;
}

#define C(o) ((py_complex *)(o))

/* float repr without a trailing ".0", as complex_repr does */
static void part_repr(double d, char *buf, size_t n)
{
    py_dtoa_repr(d, buf, n);
    size_t l = strlen(buf);
    if (l > 2 && !strcmp(buf + l - 2, ".0"))
        buf[l - 2] = 0;
}

static pv complex_repr(pv o)
{
    char re[40], im[40];
    part_repr(C(o)->im, im, sizeof im);
    if (C(o)->re == 0 && !signbit(C(o)->re))
        return py_str_fmt("%sj", im);
    part_repr(C(o)->re, re, sizeof re);
    int neg = signbit(C(o)->im) || (isnan(C(o)->im) && 0);
    return py_str_fmt("(%s%s%sj)", re, neg ? "" : "+", im);
}

static int to_complex(pv v, double *re, double *im)
{
    if (!PY_ISSMALL(v) && v->type == &py_complex_type) {
        *re = C(v)->re;
        *im = C(v)->im;
        return 1;
    }
    if (PY_ISINT(v) || PY_ISFLOAT(v)) {
        if (py_as_double(v, re) < 0)
            return -1;
        *im = 0;
        return 1;
    }
    return 0;
}

static pv complex_pow(double ar, double ai, double br, double bi)
{
    if (br == 0 && bi == 0)
        return py_complex_new(1, 0);
    if (ar == 0 && ai == 0) {
        if (bi != 0 || br < 0)
            return py_raise(py_exc_ZeroDivisionError, "0.0 to a negative or complex power");
        return py_complex_new(0, 0);
    }
    if (bi == 0 && br == floor(br) && fabs(br) <= 100) {
        /* integer power by repeated multiplication (as CPython's c_powu) */
        long n = (long)br;
        double rr = 1, ri = 0, xr = ar, xi = ai;
        unsigned long k = (unsigned long)(n < 0 ? -n : n);
        while (k) {
            if (k & 1) {
                double t = rr * xr - ri * xi;
                ri = rr * xi + ri * xr;
                rr = t;
            }
            double t = xr * xr - xi * xi;
            xi = 2 * xr * xi;
            xr = t;
            k >>= 1;
        }
        if (n < 0) {
            double d = rr * rr + ri * ri;
            return py_complex_new(rr / d, -ri / d);
        }
        return py_complex_new(rr, ri);
    }
    double vabs = hypot(ar, ai), len = pow(vabs, br), at = atan2(ai, ar), phase = at * br;
    if (bi != 0) {
        len /= exp(at * bi);
        phase += bi * log(vabs);
    }
    return py_complex_new(len * cos(phase), len * sin(phase));
}

static pv complex_binop(int op, pv a, pv b)
{
    double ar, ai, br, bi;
    int ka = to_complex(a, &ar, &ai), kb = to_complex(b, &br, &bi);
    if (ka < 0 || kb < 0)
        return NULL;
    if (!ka || !kb)
        return py_NotImplemented;
    switch (op) {
    case PY_NB_ADD: return py_complex_new(ar + br, ai + bi);
    case PY_NB_SUB: return py_complex_new(ar - br, ai - bi);
    case PY_NB_MUL: return py_complex_new(ar * br - ai * bi, ar * bi + ai * br);
    case PY_NB_TRUEDIV: {
        /* Smith's algorithm, as CPython's _Py_c_quot */
        double abs_br = fabs(br), abs_bi = fabs(bi);
        if (abs_br >= abs_bi) {
            if (abs_br == 0)
                return py_raise(py_exc_ZeroDivisionError, "complex division by zero");
            double ratio = bi / br, denom = br + bi * ratio;
            return py_complex_new((ar + ai * ratio) / denom, (ai - ar * ratio) / denom);
        }
        double ratio = br / bi, denom = br * ratio + bi;
        return py_complex_new((ar * ratio + ai) / denom, (ai * ratio - ar) / denom);
    }
    case PY_NB_POW: return complex_pow(ar, ai, br, bi);
    case PY_NB_FLOORDIV:
    case PY_NB_MOD:
        return py_raise(py_exc_TypeError, "unsupported operand type(s) for %s: '%s' and '%s'",
                        op == PY_NB_MOD ? "%" : "//", py_tname(a), py_tname(b));
    default: return py_NotImplemented;
    }
}
#define NB(name, op) static pv name(pv a, pv b) { return complex_binop(op, a, b); }
NB(c_add, PY_NB_ADD) NB(c_sub, PY_NB_SUB) NB(c_mul, PY_NB_MUL) NB(c_div, PY_NB_TRUEDIV)
NB(c_pow, PY_NB_POW) NB(c_fdiv, PY_NB_FLOORDIV) NB(c_mod, PY_NB_MOD)

static pv c_neg(pv o) { return py_complex_new(-C(o)->re, -C(o)->im); }
static pv c_pos(pv o) { return o; }
static pv c_abs(pv o)
{
    double r = hypot(C(o)->re, C(o)->im);
    if (isinf(r) && isfinite(C(o)->re) && isfinite(C(o)->im))
        return py_raise(py_exc_OverflowError, "absolute value too large");
    return py_float_new(r);
}
static int c_truth(pv o) { return C(o)->re != 0 || C(o)->im != 0; }

static pv complex_richcmp(pv a, pv b, int op)
{
    double br, bi;
    int kb = to_complex(b, &br, &bi);
    if (kb <= 0)
        return kb < 0 ? NULL : py_NotImplemented;
    if (op != PY_EQ && op != PY_NE)
        return py_NotImplemented;
    int eq = C(a)->re == br && C(a)->im == bi;
    return PY_BOOL(op == PY_EQ ? eq : !eq);
}

static intptr_t complex_hash(pv o)
{
    /* hash(real) + 1000003 * hash(imag), as CPython (_PyHASH_IMAG) */
    uint64_t hr = (uint64_t)py_hash_double(C(o)->re), hi = (uint64_t)py_hash_double(C(o)->im);
    intptr_t h = (intptr_t)(hr + 1000003ULL * hi);
    return h == -1 ? -2 : h;
}

static pv parse_complex(pv s)
{
    const char *p = py_cstr(s);
    char *end;
    while (*p == ' ')
        p++;
    int paren = *p == '(';
    if (paren)
        p++;
    double re = 0, im = 0;
    double v = strtod(p, &end);
    if (end == p) {
        if (*p == 'j' || ((*p == '+' || *p == '-') && p[1] == 'j')) {
            im = *p == '-' ? -1 : 1;
            end = (char *)p + (*p == 'j' ? 1 : 2);
            goto done;
        }
        goto bad;
    }
    if (*end == 'j' || *end == 'J') {
        im = v;
        end++;
    } else {
        re = v;
        if (*end == '+' || *end == '-') {
            const char *q = end;
            double w = strtod(q, &end);
            if (end == q + 1 && (*end == 'j' || *end == 'J'))
                w = *q == '-' ? -1 : 1;
            else if (end == q)
                goto bad;
            if (*end != 'j' && *end != 'J')
                goto bad;
            im = w;
            end++;
        }
    }
done:
    if (paren) {
        if (*end != ')')
            goto bad;
        end++;
    }
    while (*end == ' ')
        end++;
    if (*end)
        goto bad;
    return py_complex_new(re, im);
bad:
    return py_raise(py_exc_ValueError, "complex() arg is a malformed string");
}

static pv complex_new_t(py_type *t, pv *a, size_t n, pv kw)
{
    pv re = n > 0 ? a[0] : py_kwarg(kw, a + n, "real");
    pv im = n > 1 ? a[1] : py_kwarg(kw, a + n, "imag");
    if (re && PY_ISSTR(re)) {
        if (im)
            return py_raise(py_exc_TypeError, "complex() can't take second arg if first is a string");
        return parse_complex(re);
    }
    double rr = 0, ri = 0, ir = 0, ii = 0;
    if (re && to_complex(re, &rr, &ri) <= 0)
        return py_cur->exc ? NULL : py_raise(py_exc_TypeError, "complex() first argument must be a string or a number, not '%s'", py_tname(re));
    if (im && to_complex(im, &ir, &ii) <= 0)
        return py_cur->exc ? NULL : py_raise(py_exc_TypeError, "complex() second argument must be a number, not '%s'", py_tname(im));
    return py_complex_new(rr - ii, ri + ir);
}

static pv cm_conjugate(pv s, pv *a, size_t n, pv kw) { return py_complex_new(C(s)->re, -C(s)->im); }
static pv cm_real(pv s, pv *a, size_t n, pv kw) { return py_float_new(C(s)->re); }
static pv cm_imag(pv s, pv *a, size_t n, pv kw) { return py_float_new(C(s)->im); }
static pv cm_format(pv s, pv *a, size_t n, pv kw)
{
    if (n == 1 && PY_ISSTR(a[0]) && py_sbytes(a[0]) == 0)
        return complex_repr(s);
    char re[64], im[64];
    snprintf(re, sizeof re, "%g", C(s)->re);
    snprintf(im, sizeof im, "%+g", C(s)->im);
    return py_str_fmt("(%s%sj)", re, im);
}

py_type py_complex_type = {.name = "complex", .basicsize = sizeof(py_complex), .repr = complex_repr,
                           .hash = complex_hash, .richcmp = complex_richcmp, .truth = c_truth,
                           .neg = c_neg, .pos = c_pos, .absf = c_abs, .tp_new = complex_new_t,
                           .flags = PY_TF_BASETYPE,
                           .nb = {c_add, c_sub, c_mul, c_div, c_fdiv, c_mod, c_pow}};

void py_complex_init(void)
{
    py_type_ready(&py_complex_type);
    py_add_method(&py_complex_type, "conjugate", cm_conjugate);
    py_add_method(&py_complex_type, "__format__", cm_format);
    py_add_getter(&py_complex_type, "real", cm_real);
    py_add_getter(&py_complex_type, "imag", cm_imag);
    py_dict_sets(py_builtins, "complex", (pv)&py_complex_type);
}
