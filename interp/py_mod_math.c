/* py_mod_math.c: the math and time modules. Pure functions, no shared
 * state; time.sleep releases the GIL. */
#include "py_vm.h"
#include "py_lock.h"

#include <errno.h>
#include <math.h>
#include <time.h>

static int getd(pv v, double *d) { return py_as_double(v, d); }

static pv math_err(double r, double x)
{
    if (isnan(r) && !isnan(x))
        return py_raise(py_exc_ValueError, "math domain error");
    if (isinf(r) && isfinite(x))
        return py_raise(py_exc_OverflowError, "math range error");
    return py_float_new(r);
}

#define MATH1(name, expr)                                                      \
    static pv m_##name(pv s, pv *a, size_t n, pv kw)                           \
    {                                                                          \
        double x;                                                              \
        if (py_nargs(#name, n, 1, 1) < 0 || getd(a[0], &x) < 0)                \
            return NULL;                                                       \
        return math_err(expr, x);                                              \
    }
MATH1(exp, exp(x)) MATH1(sin, sin(x)) MATH1(cos, cos(x)) MATH1(tan, tan(x))
MATH1(asin, asin(x)) MATH1(acos, acos(x)) MATH1(atan, atan(x)) MATH1(sinh, sinh(x))
MATH1(cosh, cosh(x)) MATH1(tanh, tanh(x)) MATH1(fabs, fabs(x)) MATH1(expm1, expm1(x))
MATH1(log1p, log1p(x)) MATH1(degrees, x * 180.0 / M_PI) MATH1(radians, x * M_PI / 180.0)
MATH1(asinh, asinh(x)) MATH1(acosh, acosh(x)) MATH1(atanh, atanh(x)) MATH1(erf, erf(x))
MATH1(erfc, erfc(x)) MATH1(gamma, tgamma(x)) MATH1(lgamma, lgamma(x)) MATH1(cbrt, cbrt(x))

static pv m_sqrt(pv s, pv *a, size_t n, pv kw)
{
    double x;
    if (py_nargs("sqrt", n, 1, 1) < 0 || getd(a[0], &x) < 0)
        return NULL;
    if (x < 0)
        return py_raise(py_exc_ValueError, "math domain error");
    return py_float_new(sqrt(x));
}

static pv int_log(pv v, double base_log)
{
    /* log of a big int: use its bit length to avoid overflow */
    size_t bits = py_int_bitlen(v);
    if (bits < 1000) {
        int ov;
        double d = py_int_to_double(v, &ov);
        return py_float_new(log(d) / base_log);
    }
    pv sh = py_int_binop(PY_NB_RSHIFT, v, PY_MKSMALL((intptr_t)bits - 60));
    int ov;
    double d = py_int_to_double(sh, &ov);
    return py_float_new((log(d) + (double)(bits - 60) * log(2.0)) / base_log);
}

static pv m_log(pv s, pv *a, size_t n, pv kw)
{
    if (py_nargs("log", n, 1, 2) < 0)
        return NULL;
    double base_log = 1.0;
    if (n == 2) {
        double b;
        if (getd(a[1], &b) < 0)
            return NULL;
        if (b <= 0 || b == 1)
            return py_raise(b == 1 ? py_exc_ZeroDivisionError : py_exc_ValueError,
                            b == 1 ? "float division by zero" : "math domain error");
        base_log = log(b);
    }
    if (PY_ISINT(a[0])) {
        if (py_int_sign(a[0]) <= 0)
            return py_raise(py_exc_ValueError, "math domain error");
        return int_log(a[0], base_log);
    }
    double x;
    if (getd(a[0], &x) < 0)
        return NULL;
    if (x <= 0)
        return py_raise(py_exc_ValueError, "math domain error");
    return py_float_new(log(x) / base_log);
}
static pv m_log2(pv s, pv *a, size_t n, pv kw)
{
    double x;
    if (py_nargs("log2", n, 1, 1) < 0)
        return NULL;
    if (PY_ISINT(a[0]) && py_int_sign(a[0]) > 0 && py_int_bitlen(a[0]) > 1000)
        return int_log(a[0], log(2.0));
    if (getd(a[0], &x) < 0)
        return NULL;
    if (x <= 0)
        return py_raise(py_exc_ValueError, "math domain error");
    return py_float_new(log2(x));
}
static pv m_log10(pv s, pv *a, size_t n, pv kw)
{
    double x;
    if (py_nargs("log10", n, 1, 1) < 0)
        return NULL;
    if (PY_ISINT(a[0]) && py_int_sign(a[0]) > 0 && py_int_bitlen(a[0]) > 1000)
        return int_log(a[0], log(10.0));
    if (getd(a[0], &x) < 0)
        return NULL;
    if (x <= 0)
        return py_raise(py_exc_ValueError, "math domain error");
    return py_float_new(log10(x));
}
static pv m_pow(pv s, pv *a, size_t n, pv kw)
{
    double x, y;
    if (py_nargs("pow", n, 2, 2) < 0 || getd(a[0], &x) < 0 || getd(a[1], &y) < 0)
        return NULL;
    if (x == 0 && y < 0)
        return py_raise(py_exc_ValueError, "math domain error");
    double r = pow(x, y);
    if (isnan(r) && !isnan(x) && !isnan(y))
        return py_raise(py_exc_ValueError, "math domain error");
    if (isinf(r) && isfinite(x) && isfinite(y))
        return py_raise(py_exc_OverflowError, "math range error");
    return py_float_new(r);
}
static pv m_atan2(pv s, pv *a, size_t n, pv kw)
{
    double x, y;
    if (py_nargs("atan2", n, 2, 2) < 0 || getd(a[0], &y) < 0 || getd(a[1], &x) < 0)
        return NULL;
    return py_float_new(atan2(y, x));
}
static pv m_hypot(pv s, pv *a, size_t n, pv kw)
{
    double acc = 0;
    for (size_t i = 0; i < n; i++) {
        double x;
        if (getd(a[i], &x) < 0)
            return NULL;
        acc = hypot(acc, x);
    }
    return py_float_new(acc);
}
static pv m_fmod(pv s, pv *a, size_t n, pv kw)
{
    double x, y;
    if (py_nargs("fmod", n, 2, 2) < 0 || getd(a[0], &x) < 0 || getd(a[1], &y) < 0)
        return NULL;
    if (y == 0 && !isnan(x))
        return py_raise(py_exc_ValueError, "math domain error");
    return py_float_new(fmod(x, y));
}
static pv m_copysign(pv s, pv *a, size_t n, pv kw)
{
    double x, y;
    if (py_nargs("copysign", n, 2, 2) < 0 || getd(a[0], &x) < 0 || getd(a[1], &y) < 0)
        return NULL;
    return py_float_new(copysign(x, y));
}
static pv round_to_int(pv v, double (*f)(double), pv dunder)
{
    if (PY_ISINT(v))
        return py_int_binop(PY_NB_ADD, v, PY_MKSMALL(0));
    if (py_typeof(v)->flags & PY_TF_HEAP) {
        pv m = py_type_lookup(py_typeof(v), dunder);
        if (m)
            return py_call1(m, v);
    }
    double x;
    if (getd(v, &x) < 0)
        return NULL;
    return py_int_from_double(f(x));
}
static pv m_floor(pv s, pv *a, size_t n, pv kw) { return py_nargs("floor", n, 1, 1) < 0 ? NULL : round_to_int(a[0], floor, py_id___floor__); }
static pv m_ceil(pv s, pv *a, size_t n, pv kw) { return py_nargs("ceil", n, 1, 1) < 0 ? NULL : round_to_int(a[0], ceil, py_id___ceil__); }
static pv m_trunc(pv s, pv *a, size_t n, pv kw) { return py_nargs("trunc", n, 1, 1) < 0 ? NULL : round_to_int(a[0], trunc, py_id___trunc__); }
static pv m_isnan(pv s, pv *a, size_t n, pv kw)
{
    double x;
    return py_nargs("isnan", n, 1, 1) < 0 || getd(a[0], &x) < 0 ? NULL : PY_BOOL(isnan(x));
}
static pv m_isinf(pv s, pv *a, size_t n, pv kw)
{
    double x;
    return py_nargs("isinf", n, 1, 1) < 0 || getd(a[0], &x) < 0 ? NULL : PY_BOOL(isinf(x));
}
static pv m_isfinite(pv s, pv *a, size_t n, pv kw)
{
    double x;
    return py_nargs("isfinite", n, 1, 1) < 0 || getd(a[0], &x) < 0 ? NULL : PY_BOOL(isfinite(x));
}
static pv m_modf(pv s, pv *a, size_t n, pv kw)
{
    double x, ip;
    if (py_nargs("modf", n, 1, 1) < 0 || getd(a[0], &x) < 0)
        return NULL;
    double fp = modf(x, &ip);
    return py_tuple_pack(2, py_float_new(fp), py_float_new(ip));
}
static pv m_frexp(pv s, pv *a, size_t n, pv kw)
{
    double x;
    int e;
    if (py_nargs("frexp", n, 1, 1) < 0 || getd(a[0], &x) < 0)
        return NULL;
    double m = frexp(x, &e);
    return py_tuple_pack(2, py_float_new(m), PY_MKSMALL(e));
}
static pv m_ldexp(pv s, pv *a, size_t n, pv kw)
{
    double x;
    int err = 0;
    if (py_nargs("ldexp", n, 2, 2) < 0 || getd(a[0], &x) < 0)
        return NULL;
    intptr_t e = py_index(a[1], &err);
    if (err)
        return NULL;
    return math_err(ldexp(x, (int)e), x);
}
static pv need_int(pv v, const char *fn)
{
    if (!PY_ISINT(v))
        return py_raise(py_exc_TypeError, "'%s' object cannot be interpreted as an integer", py_tname(v));
    (void)fn;
    return v;
}
static pv m_factorial(pv s, pv *a, size_t n, pv kw)
{
    if (py_nargs("factorial", n, 1, 1) < 0 || !need_int(a[0], "factorial"))
        return NULL;
    if (py_int_sign(a[0]) < 0)
        return py_raise(py_exc_ValueError, "factorial() not defined for negative values");
    int64_t k;
    if (py_int_to_i64(a[0], &k) < 0)
        return NULL;
    mpz_t z;
    mpz_init(z);
    mpz_fac_ui(z, (unsigned long)k);
    return py_int_from_mpz(z);
}
static pv m_gcd(pv s, pv *a, size_t n, pv kw)
{
    mpz_t r, x;
    mpz_init(r);
    mpz_init(x);
    for (size_t i = 0; i < n; i++) {
        if (!need_int(a[i], "gcd"))
            return NULL;
        py_int_to_mpz(a[i], x);
        mpz_gcd(r, r, x);
    }
    return py_int_from_mpz(r);
}
static pv m_lcm(pv s, pv *a, size_t n, pv kw)
{
    mpz_t r, x;
    mpz_init_set_ui(r, 1);
    mpz_init(x);
    for (size_t i = 0; i < n; i++) {
        if (!need_int(a[i], "lcm"))
            return NULL;
        py_int_to_mpz(a[i], x);
        mpz_lcm(r, r, x);
    }
    return py_int_from_mpz(r);
}
static pv m_isqrt(pv s, pv *a, size_t n, pv kw)
{
    if (py_nargs("isqrt", n, 1, 1) < 0 || !need_int(a[0], "isqrt"))
        return NULL;
    if (py_int_sign(a[0]) < 0)
        return py_raise(py_exc_ValueError, "isqrt() argument must be nonnegative");
    mpz_t x;
    mpz_init(x);
    py_int_to_mpz(a[0], x);
    mpz_sqrt(x, x);
    return py_int_from_mpz(x);
}
static pv m_comb(pv s, pv *a, size_t n, pv kw)
{
    int64_t nn, k;
    if (py_nargs("comb", n, 2, 2) < 0 || py_int_to_i64(a[0], &nn) < 0 || py_int_to_i64(a[1], &k) < 0)
        return NULL;
    if (nn < 0 || k < 0)
        return py_raise(py_exc_ValueError, "%s must be a non-negative integer", nn < 0 ? "n" : "k");
    mpz_t z;
    mpz_init(z);
    if (k <= nn)
        mpz_bin_uiui(z, (unsigned long)nn, (unsigned long)k);
    return py_int_from_mpz(z);
}
static pv m_perm(pv s, pv *a, size_t n, pv kw)
{
    int64_t nn, k;
    if (py_nargs("perm", n, 1, 2) < 0 || py_int_to_i64(a[0], &nn) < 0)
        return NULL;
    k = nn;
    if (n > 1 && a[1] != py_None && py_int_to_i64(a[1], &k) < 0)
        return NULL;
    if (nn < 0 || k < 0)
        return py_raise(py_exc_ValueError, "%s must be a non-negative integer", nn < 0 ? "n" : "k");
    mpz_t z;
    mpz_init_set_ui(z, k <= nn ? 1 : 0);
    for (int64_t i = 0; i < k && k <= nn; i++)
        mpz_mul_ui(z, z, (unsigned long)(nn - i));
    return py_int_from_mpz(z);
}
static pv m_prod(pv s, pv *a, size_t n, pv kw)
{
    if (py_nargs("prod", n, 1, 1) < 0)
        return NULL;
    pv acc = py_kwarg(kw, a + n, "start");
    if (!acc)
        acc = PY_MKSMALL(1);
    pv it = py_iter(a[0]), x;
    if (!it)
        return NULL;
    while ((x = py_next(it)))
        if (!(acc = py_binop(PY_NB_MUL, acc, x)))
            return NULL;
    return py_cur->exc ? NULL : acc;
}
static pv m_fsum(pv s, pv *a, size_t n, pv kw)
{
    /* Shewchuk's algorithm, as CPython's math.fsum */
    if (py_nargs("fsum", n, 1, 1) < 0)
        return NULL;
    pv it = py_iter(a[0]), x;
    if (!it)
        return NULL;
    double partials[512];
    size_t np = 0;
    while ((x = py_next(it))) {
        double v;
        if (getd(x, &v) < 0)
            return NULL;
        size_t i = 0;
        for (size_t j = 0; j < np; j++) {
            double y = partials[j];
            if (fabs(v) < fabs(y)) {
                double t = v;
                v = y;
                y = t;
            }
            double hi = v + y, lo = y - (hi - v);
            if (lo != 0.0)
                partials[i++] = lo;
            v = hi;
        }
        if (i >= 511)
            return py_raise(py_exc_MemoryError, "fsum partials overflow");
        partials[i++] = v;
        np = i;
    }
    if (py_cur->exc)
        return NULL;
    double hi = 0;
    if (np) {
        hi = partials[--np];
        double lo = 0;
        while (np) {
            double xx = hi, y = partials[--np];
            hi = xx + y;
            double yr = hi - xx;
            lo = y - yr;
            if (lo != 0.0)
                break;
        }
        if (np && ((lo < 0 && partials[np - 1] < 0) || (lo > 0 && partials[np - 1] > 0))) {
            double y = lo * 2, xx = hi + y, yr = xx - hi;
            if (y == yr)
                hi = xx;
        }
    }
    return py_float_new(hi);
}
static pv m_isclose(pv s, pv *a, size_t n, pv kw)
{
    double x, y, rt = 1e-9, at = 0;
    if (py_nargs("isclose", n, 2, 2) < 0 || getd(a[0], &x) < 0 || getd(a[1], &y) < 0)
        return NULL;
    pv v = py_kwarg(kw, a + n, "rel_tol");
    if (v && getd(v, &rt) < 0)
        return NULL;
    v = py_kwarg(kw, a + n, "abs_tol");
    if (v && getd(v, &at) < 0)
        return NULL;
    if (x == y)
        return py_True;
    if (isinf(x) || isinf(y))
        return py_False;
    double d = fabs(x - y);
    return PY_BOOL(d <= fabs(rt * y) || d <= fabs(rt * x) || d <= at);
}
static pv m_dist(pv s, pv *a, size_t n, pv kw)
{
    if (py_nargs("dist", n, 2, 2) < 0)
        return NULL;
    pv p = py_to_tuple(a[0]), q = py_to_tuple(a[1]);
    if (!p || !q)
        return NULL;
    if (PY_TUPLE(p)->n != PY_TUPLE(q)->n)
        return py_raise(py_exc_ValueError, "both points must have the same number of dimensions");
    double acc = 0;
    for (size_t i = 0; i < PY_TUPLE(p)->n; i++) {
        double x, y;
        if (getd(PY_TUPLE(p)->items[i], &x) < 0 || getd(PY_TUPLE(q)->items[i], &y) < 0)
            return NULL;
        acc = hypot(acc, x - y);
    }
    return py_float_new(acc);
}

typedef struct { const char *n; py_cfn f; } fn_entry;
static void add_fns(pv m, const fn_entry *fns, size_t k)
{
    for (size_t i = 0; i < k; i++)
        py_dict_sets(((py_module *)m)->dict, fns[i].n, py_cfunc_new(fns[i].n, fns[i].f, m));
}

pv py_mod_math(void)
{
    pv m = py_module_new("math");
    static const fn_entry fns[] = {
        {"exp", m_exp}, {"sin", m_sin}, {"cos", m_cos}, {"tan", m_tan}, {"asin", m_asin},
        {"acos", m_acos}, {"atan", m_atan}, {"sinh", m_sinh}, {"cosh", m_cosh}, {"tanh", m_tanh},
        {"fabs", m_fabs}, {"expm1", m_expm1}, {"log1p", m_log1p}, {"degrees", m_degrees},
        {"radians", m_radians}, {"asinh", m_asinh}, {"acosh", m_acosh}, {"atanh", m_atanh},
        {"erf", m_erf}, {"erfc", m_erfc}, {"gamma", m_gamma}, {"lgamma", m_lgamma},
        {"cbrt", m_cbrt}, {"sqrt", m_sqrt}, {"log", m_log}, {"log2", m_log2},
        {"log10", m_log10}, {"pow", m_pow}, {"atan2", m_atan2}, {"hypot", m_hypot},
        {"fmod", m_fmod}, {"copysign", m_copysign}, {"floor", m_floor}, {"ceil", m_ceil},
        {"trunc", m_trunc}, {"isnan", m_isnan}, {"isinf", m_isinf}, {"isfinite", m_isfinite},
        {"modf", m_modf}, {"frexp", m_frexp}, {"ldexp", m_ldexp}, {"factorial", m_factorial},
        {"gcd", m_gcd}, {"lcm", m_lcm}, {"isqrt", m_isqrt}, {"comb", m_comb}, {"perm", m_perm},
        {"prod", m_prod}, {"fsum", m_fsum}, {"isclose", m_isclose}, {"dist", m_dist}};
    add_fns(m, fns, sizeof fns / sizeof *fns);
    pv d = ((py_module *)m)->dict;
    py_dict_sets(d, "pi", py_float_new(M_PI));
    py_dict_sets(d, "e", py_float_new(M_E));
    py_dict_sets(d, "tau", py_float_new(2 * M_PI));
    py_dict_sets(d, "inf", py_float_new(INFINITY));
    py_dict_sets(d, "nan", py_float_new(NAN));
    return m;
}

/* ---------------- time ---------------- */

static double now(clockid_t c)
{
    struct timespec ts;
    clock_gettime(c, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}
static int64_t now_ns(clockid_t c)
{
    struct timespec ts;
    clock_gettime(c, &ts);
    return (int64_t)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}
static pv t_time(pv s, pv *a, size_t n, pv kw) { return py_float_new(now(CLOCK_REALTIME)); }
static pv t_perf(pv s, pv *a, size_t n, pv kw) { return py_float_new(now(CLOCK_MONOTONIC)); }
static pv t_process(pv s, pv *a, size_t n, pv kw) { return py_float_new(now(CLOCK_PROCESS_CPUTIME_ID)); }
static pv t_time_ns(pv s, pv *a, size_t n, pv kw) { return py_int_from_i64(now_ns(CLOCK_REALTIME)); }
static pv t_perf_ns(pv s, pv *a, size_t n, pv kw) { return py_int_from_i64(now_ns(CLOCK_MONOTONIC)); }
static pv t_sleep(pv s, pv *a, size_t n, pv kw)
{
    double d;
    if (py_nargs("sleep", n, 1, 1) < 0 || getd(a[0], &d) < 0)
        return NULL;
    if (d < 0)
        return py_raise(py_exc_ValueError, "sleep length must be non-negative");
    PY_IRREVOCABLE(py_cur);
    struct timespec ts = {(time_t)d, (long)((d - floor(d)) * 1e9)};
    PY_BLOCKING_BEGIN(py_cur);
    while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
        ;
    PY_BLOCKING_END(py_cur);
    return py_None;
}
static pv t_strftime(pv s, pv *a, size_t n, pv kw)
{
    if (n < 1 || !PY_ISSTR(a[0]))
        return py_raise(py_exc_TypeError, "strftime() argument 1 must be str");
    time_t t = time(NULL);
    struct tm tm;
    localtime_r(&t, &tm);
    char buf[512];
    size_t k = strftime(buf, sizeof buf, py_cstr(a[0]), &tm);
    return py_str_new(buf, k);
}

pv py_mod_time(void)
{
    pv m = py_module_new("time");
    static const fn_entry fns[] = {
        {"time", t_time}, {"perf_counter", t_perf}, {"monotonic", t_perf},
        {"process_time", t_process}, {"time_ns", t_time_ns}, {"perf_counter_ns", t_perf_ns},
        {"monotonic_ns", t_perf_ns}, {"sleep", t_sleep}, {"strftime", t_strftime}};
    add_fns(m, fns, sizeof fns / sizeof *fns);
    return m;
}

/* ---------------- _os (the C half of os) ---------------- */

#include <dirent.h>
#include <sys/stat.h>
#include <unistd.h>

extern char **environ;

static pv o_environ(pv s, pv *a, size_t n, pv kw)
{
    pv d = py_dict_new();
    for (char **e = environ; e && *e; e++) {
        const char *eq = strchr(*e, '=');
        if (eq)
            py_dict_set(d, py_str_new(*e, (size_t)(eq - *e)), py_str_c(eq + 1));
    }
    return d;
}
static pv o_getpid(pv s, pv *a, size_t n, pv kw) { return PY_MKSMALL(getpid()); }
static pv o_getcwd(pv s, pv *a, size_t n, pv kw)
{
    char buf[4096];
    return getcwd(buf, sizeof buf) ? py_str_c(buf) : py_raise(py_exc_OSError, "getcwd failed");
}
static pv o_cpu_count(pv s, pv *a, size_t n, pv kw) { return PY_MKSMALL(sysconf(_SC_NPROCESSORS_ONLN)); }
static int stat_mode(pv *a, size_t n, mode_t *m)
{
    struct stat st;
    if (n != 1 || !PY_ISSTR(a[0]) || stat(py_cstr(a[0]), &st) < 0)
        return 0;
    *m = st.st_mode;
    return 1;
}
static pv o_exists(pv s, pv *a, size_t n, pv kw)
{
    mode_t m;
    return PY_BOOL(stat_mode(a, n, &m));
}
static pv o_isfile(pv s, pv *a, size_t n, pv kw)
{
    mode_t m;
    return PY_BOOL(stat_mode(a, n, &m) && S_ISREG(m));
}
static pv o_isdir(pv s, pv *a, size_t n, pv kw)
{
    mode_t m;
    return PY_BOOL(stat_mode(a, n, &m) && S_ISDIR(m));
}
static pv o_listdir(pv s, pv *a, size_t n, pv kw)
{
    const char *p = n && PY_ISSTR(a[0]) ? py_cstr(a[0]) : ".";
    DIR *d = opendir(p);
    if (!d)
        return py_raise(py_exc_FileNotFoundError, "[Errno 2] No such file or directory: '%s'", p);
    pv l = py_list_new(0);
    struct dirent *e;
    while ((e = readdir(d)))
        if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
            py_list_append(l, py_str_c(e->d_name));
    closedir(d);
    return l;
}
static pv o_remove(pv s, pv *a, size_t n, pv kw)
{
    if (n != 1 || !PY_ISSTR(a[0]))
        return py_raise(py_exc_TypeError, "remove() argument must be str");
    if (unlink(py_cstr(a[0])) < 0)
        return py_raise(py_exc_FileNotFoundError, "[Errno %d] %s: '%s'", errno, strerror(errno), py_cstr(a[0]));
    return py_None;
}

pv py_mod__os(void)
{
    pv m = py_module_new("_os");
    static const fn_entry fns[] = {
        {"environ", o_environ}, {"getpid", o_getpid}, {"getcwd", o_getcwd},
        {"cpu_count", o_cpu_count}, {"exists", o_exists}, {"isfile", o_isfile},
        {"isdir", o_isdir}, {"listdir", o_listdir}, {"remove", o_remove}};
    add_fns(m, fns, sizeof fns / sizeof *fns);
    return m;
}
