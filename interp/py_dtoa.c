/* py_dtoa.c: CPython-exact float repr, round() and number formatting.
 *
 * Digits come from glibc's snprintf, which prints the exact decimal value
 * of a double correctly rounded (half to even on exact ties), and strtod,
 * which is correctly rounded: the same guarantees CPython gets from David
 * Gay's dtoa.c. The rules that turn digits into text (when to switch to an
 * exponent, ".0", grouping, zero padding into the digits) follow CPython's
 * Python/pystrtod.c and Python/formatter_unicode.c.
 */
#include "py_dtoa.h"

#include <float.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The allocator of every string and scratch buffer here (py_dtoa.h):
 * libc's by default; the interpreter installs the collector's, with a free
 * that does nothing (see py_dtoa_set_allocator). */
static void *dt_malloc_default(size_t n) { return malloc(n); }
static void *(*dt_malloc)(size_t) = dt_malloc_default;
static void *(*dt_realloc)(void *, size_t) = realloc;
static void (*dt_free)(void *) = free;

void py_dtoa_set_allocator(void *(*m)(size_t), void *(*r)(void *, size_t), void (*f)(void *))
{
    dt_malloc = m;
    dt_realloc = r;
    dt_free = f;
}

void py_dtoa_free(void *p) { dt_free(p); }

/* repr switches to an exponent below 1e-4 and from 1e16 on (CPython's
 * float_repr_style 'short', mode 'r'). */
#define REPR_EXP_LOW (-4)
#define REPR_EXP_HIGH 16
/* Default precision of e/f/g/% when none is given (C and CPython agree). */
#define FMT_DEFAULT_PRECISION 6
/* round(x, n) returns x unchanged when n exceeds the digits a double can
 * have after the point, and a signed zero when n is below the largest
 * exponent: CPython's NDIGITS_MAX and NDIGITS_MIN. */
#define ROUND_NDIGITS_MAX 323
#define ROUND_NDIGITS_MIN (-308)

/* ------------------------------------------------------------------ repr */

static bool is_power_of_two(double ax)
{
    int e;
    return frexp(ax, &e) == 0.5;
}

/* Parses "D.DDDDe[+-]XX" from snprintf %e into digits (trailing zeros
 * stripped) and decpt; returns the digit count. */
static int split_e(const char *s, char *digits, int *decpt)
{
    int n = 0;
    for (; *s && *s != 'e'; s++)
        if (*s >= '0' && *s <= '9')
            digits[n++] = *s;
    *decpt = atoi(s + 1) + 1;
    while (n > 1 && digits[n - 1] == '0')
        n--;
    digits[n] = '\0';
    return n;
}

/* Adds one unit in the last place to an "D.DDDe+XX" string in place. Only
 * called when the first digit cannot carry out (it is not all nines). */
static bool bump_last_digit(char *s)
{
    char *e = strchr(s, 'e');
    for (char *p = e - 1; p >= s; p--) {
        if (*p == '.')
            continue;
        if (*p != '9') {
            (*p)++;
            return true;
        }
        if (p == s)
            return false;
        *p = '0';
    }
    return false;
}

/* Correctly rounded p-digit candidate; true (and the digits) if it reads
 * back as ax. At a power of two the gap below is half the gap above, so the
 * nearest p-digit decimal may miss while the one just above it hits. */
static bool try_digits(double ax, int p, char *digits, int *decpt, int *nd)
{
    char buf[40];
    snprintf(buf, sizeof buf, "%.*e", p - 1, ax);
    if (strtod(buf, NULL) != ax &&
        !(p < 17 && is_power_of_two(ax) && bump_last_digit(buf) && strtod(buf, NULL) == ax))
        return false;
    *nd = split_e(buf, digits, decpt);
    return true;
}

int py_dtoa_shortest(double x, char digits[18], int *decpt)
{
    double ax = fabs(x);
    int nd;
    /* Fast path for normal numbers: if any decimal of at most 15 digits
     * reads back as ax, it is the unique nearest 15-digit decimal to ax
     * (half an ulp, at most 2**-53 * ax, is below half the 15-digit
     * spacing), so the 15-digit rounding with its trailing zeros stripped
     * is the shortest string. Subnormals have coarser ulps: search up. */
    for (int p = ax >= DBL_MIN ? 15 : 1; p <= 16; p++)
        if (try_digits(ax, p, digits, decpt, &nd))
            return nd;
    try_digits(ax, 17, digits, decpt, &nd); /* 17 digits always read back */
    return nd;
}

/* Writes the digits of 0.DIGITS * 10**decpt in repr's fixed notation. */
static size_t fixed_from_digits(char *out, const char *d, int nd, int decpt)
{
    size_t n = 0;
    if (decpt <= 0) {
        out[n++] = '0';
        out[n++] = '.';
        for (int i = 0; i < -decpt; i++)
            out[n++] = '0';
        memcpy(out + n, d, (size_t)nd);
        return n + (size_t)nd;
    }
    for (int i = 0; i < decpt; i++)
        out[n++] = i < nd ? d[i] : '0';
    out[n++] = '.';
    if (nd <= decpt)
        out[n++] = '0';
    for (int i = decpt; i < nd; i++)
        out[n++] = d[i];
    return n;
}

static size_t exp_from_digits(char *out, const char *d, int nd, int decpt)
{
    size_t n = 0;
    out[n++] = d[0];
    if (nd > 1) {
        out[n++] = '.';
        memcpy(out + n, d + 1, (size_t)nd - 1);
        n += (size_t)nd - 1;
    }
    int e = decpt - 1;
    n += (size_t)sprintf(out + n, "e%c%02d", e < 0 ? '-' : '+', abs(e));
    return n;
}

size_t py_dtoa_repr(double x, char *buf, size_t size)
{
    char tmp[PY_DTOA_REPR_MAX + 8];
    size_t n = 0;
    if (isnan(x)) {
        n = (size_t)sprintf(tmp, "nan");
    } else if (isinf(x)) {
        n = (size_t)sprintf(tmp, x < 0 ? "-inf" : "inf");
    } else {
        if (signbit(x))
            tmp[n++] = '-';
        if (x == 0) {
            memcpy(tmp + n, "0.0", 3);
            n += 3;
        } else {
            char d[18];
            int decpt, nd = py_dtoa_shortest(x, d, &decpt);
            bool use_exp = decpt <= REPR_EXP_LOW || decpt > REPR_EXP_HIGH;
            n += use_exp ? exp_from_digits(tmp + n, d, nd, decpt)
                         : fixed_from_digits(tmp + n, d, nd, decpt);
        }
    }
    tmp[n] = '\0';
    if (size > 0)
        snprintf(buf, size, "%s", tmp);
    return n;
}

/* ----------------------------------------------------------------- round */

/* Rounds the decimal integer string s (digits only) to a multiple of
 * 10**k, half to even; sticky says the value had a nonzero fraction below
 * s. Writes the result (maybe one digit longer) to out. */
static void round_int_string(const char *s, int k, bool sticky, char *out)
{
    int len = (int)strlen(s);
    int keep = len - k; /* digits that survive */
    if (keep < 0) {
        strcpy(out, "0");
        return;
    }
    int first = keep < len ? s[keep] - '0' : 0;
    bool rest_zero = !sticky;
    for (int i = keep + 1; i < len; i++)
        if (s[i] != '0')
            rest_zero = false;
    int last = keep > 0 ? s[keep - 1] - '0' : 0;
    bool up = first > 5 || (first == 5 && (!rest_zero || (last & 1)));
    out[0] = '0';
    memcpy(out + 1, s, (size_t)keep);
    int i = keep;
    for (; up && i >= 1; i--) {
        if (out[i] == '9') {
            out[i] = '0';
        } else {
            out[i]++;
            up = false;
        }
    }
    if (up)
        out[0] = '1';
    for (int j = 0; j < k; j++)
        out[keep + 1 + j] = '0';
    out[keep + 1 + k] = '\0';
}

/* round(x, n) for n < 0: the integer part is printed exactly and rounded
 * as a decimal string; the fraction only breaks ties. */
static double round_negative(double x, int ndigits)
{
    double ip = trunc(fabs(x));
    char s[400], r[800];
    snprintf(s, sizeof s, "%.0f", ip);
    round_int_string(s, -ndigits, fabs(x) != ip, r);
    double v = strtod(r, NULL);
    return signbit(x) ? -v : v;
}

int py_dtoa_round(double x, int64_t ndigits, double *out)
{
    if (ndigits > ROUND_NDIGITS_MAX || x == 0 || !isfinite(x)) {
        *out = x;
        return 0;
    }
    if (ndigits < ROUND_NDIGITS_MIN) {
        *out = 0.0 * x;
        return 0;
    }
    double v;
    if (ndigits >= 0) {
        char buf[700]; /* 309 integer digits + '.' + 323 + sign */
        snprintf(buf, sizeof buf, "%.*f", (int)ndigits, x);
        v = strtod(buf, NULL);
    } else {
        v = round_negative(x, (int)ndigits);
    }
    if (isinf(v))
        return -1;
    *out = v;
    return 0;
}

/* ------------------------------------------------------ string building */

typedef struct sbuf {
    char *p;
    size_t len, cap;
    bool oom;
} sbuf;

static void sb_reserve(sbuf *b, size_t extra)
{
    if (b->oom || b->len + extra + 1 <= b->cap)
        return;
    size_t cap = b->cap ? b->cap : 32;
    while (cap < b->len + extra + 1) {
        if (cap > SIZE_MAX / 2) {
            b->oom = true;
            return;
        }
        cap *= 2;
    }
    char *np = dt_realloc(b->p, cap);
    if (!np) {
        b->oom = true;
        return;
    }
    b->p = np;
    b->cap = cap;
}

static void sb_put(sbuf *b, const char *s, size_t n)
{
    sb_reserve(b, n);
    if (b->oom)
        return;
    memcpy(b->p + b->len, s, n);
    b->len += n;
    b->p[b->len] = '\0';
}

static size_t utf8_encode(uint32_t cp, char *out)
{
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xc0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3f));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (char)(0xe0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
        out[2] = (char)(0x80 | (cp & 0x3f));
        return 3;
    }
    out[0] = (char)(0xf0 | (cp >> 18));
    out[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
    out[3] = (char)(0x80 | (cp & 0x3f));
    return 4;
}

static void sb_fill(sbuf *b, uint32_t cp, int64_t count)
{
    char u[4];
    size_t n = utf8_encode(cp, u);
    if (count > 0 && (uint64_t)count > SIZE_MAX / 8) {
        b->oom = true;
        return;
    }
    sb_reserve(b, n * (size_t)(count > 0 ? count : 0));
    for (int64_t i = 0; i < count && !b->oom; i++)
        sb_put(b, u, n);
}

static char *sb_finish(sbuf *b)
{
    if (b->oom) {
        dt_free(b->p);
        return NULL;
    }
    if (!b->p)
        sb_put(b, "", 0);
    return b->p;
}

static void set_error(py_fmt_error *err, py_fmt_errkind kind, const char *fmt, ...)
{
    if (!err)
        return;
    err->kind = kind;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->msg, sizeof err->msg, fmt, ap);
    va_end(ap);
}

static char *no_memory(py_fmt_error *err)
{
    set_error(err, PY_FMT_MEMORY_ERROR, "out of memory");
    return NULL;
}

/* ------------------------------------------------------------- parsing */

static bool is_align(char c)
{
    return c == '<' || c == '>' || c == '=' || c == '^';
}

/* Decodes one UTF-8 code point at s (len > 0); returns its byte length. */
static size_t utf8_decode(const unsigned char *s, size_t len, uint32_t *cp)
{
    size_t n = s[0] < 0x80 ? 1 : s[0] < 0xe0 ? 2 : s[0] < 0xf0 ? 3 : 4;
    if (n > len || (n > 1 && s[0] < 0xc0)) {
        *cp = s[0];
        return 1;
    }
    uint32_t v = n == 1 ? s[0] : (uint32_t)(s[0] & (0x7f >> n));
    for (size_t i = 1; i < n; i++)
        v = (v << 6) | (s[i] & 0x3f);
    *cp = v;
    return n;
}

/* Reads a run of decimal digits; -1 with *err on overflow. */
static int parse_int(const char *s, size_t len, size_t *pos, int64_t *out,
                     py_fmt_error *err)
{
    int64_t v = 0;
    size_t start = *pos;
    for (; *pos < len && s[*pos] >= '0' && s[*pos] <= '9'; (*pos)++) {
        if (v > (INT64_MAX - 9) / 10) {
            set_error(err, PY_FMT_VALUE_ERROR, "Too many decimal digits in format string");
            return -1;
        }
        v = v * 10 + (s[*pos] - '0');
    }
    *out = *pos > start ? v : -1;
    return 0;
}

static void parse_fill_align(const char *s, size_t len, size_t *pos, py_fmt_spec *o,
                             bool *fill_given, bool *align_given)
{
    uint32_t cp = 0;
    size_t n = len ? utf8_decode((const unsigned char *)s, len, &cp) : 0;
    if (n && n < len && is_align(s[n])) {
        o->fill = cp;
        o->align = s[n];
        *fill_given = *align_given = true;
        *pos = n + 1;
    } else if (len && is_align(s[0])) {
        o->align = s[0];
        *align_given = true;
        *pos = 1;
    }
}

static int parse_grouping(const char *s, size_t len, size_t *pos, py_fmt_spec *o,
                          py_fmt_error *err)
{
    if (*pos < len && (s[*pos] == ',' || s[*pos] == '_')) {
        o->grouping = s[(*pos)++];
        if (*pos < len && (s[*pos] == ',' || s[*pos] == '_')) {
            if (s[*pos] == o->grouping)
                set_error(err, PY_FMT_VALUE_ERROR, "Cannot specify '%c' with '%c'.",
                          o->grouping, o->grouping);
            else
                set_error(err, PY_FMT_VALUE_ERROR, "Cannot specify both ',' and '_'.");
            return -1;
        }
    }
    return 0;
}

static int check_grouping_type(const py_fmt_spec *o, py_fmt_error *err)
{
    if (!o->grouping)
        return 0;
    switch (o->type) {
    case 0: case 'd': case 'e': case 'f': case 'g': case 'E': case 'G': case '%':
    case 'F':
        return 0;
    case 'b': case 'o': case 'x': case 'X':
        if (o->grouping == '_')
            return 0;
        break;
    default:
        break;
    }
    set_error(err, PY_FMT_VALUE_ERROR, "Cannot specify '%c' with '%c'.", o->grouping,
              o->type);
    return -1;
}

int py_fmt_parse_spec(const char *s, size_t len, char default_align,
                      const char *type_name, py_fmt_spec *o, py_fmt_error *err)
{
    *o = (py_fmt_spec){.fill = ' ', .align = default_align, .width = -1, .precision = -1};
    if (err)
        err->kind = PY_FMT_OK;
    size_t pos = 0;
    bool fill_given = false, align_given = false;
    parse_fill_align(s, len, &pos, o, &fill_given, &align_given);
    if (pos < len && (s[pos] == '+' || s[pos] == '-' || s[pos] == ' '))
        o->sign = s[pos++];
    if (pos < len && s[pos] == 'z')
        o->no_neg_0 = true, pos++;
    if (pos < len && s[pos] == '#')
        o->alt = true, pos++;
    if (!fill_given && pos < len && s[pos] == '0') {
        o->fill = '0';
        if (!align_given && default_align == '>')
            o->align = '=';
        pos++;
    }
    if (parse_int(s, len, &pos, &o->width, err) < 0 ||
        parse_grouping(s, len, &pos, o, err) < 0)
        return -1;
    if (pos < len && s[pos] == '.') {
        pos++;
        if (parse_int(s, len, &pos, &o->precision, err) < 0)
            return -1;
        if (o->precision < 0) {
            set_error(err, PY_FMT_VALUE_ERROR, "Format specifier missing precision");
            return -1;
        }
    }
    if (len - pos > 1) {
        set_error(err, PY_FMT_VALUE_ERROR,
                  "Invalid format specifier '%.*s' for object of type '%s'", (int)len,
                  s, type_name);
        return -1;
    }
    if (pos < len)
        o->type = s[pos];
    return check_grouping_type(o, err);
}

/* ------------------------------------------------------------- padding */

/* Groups the digits digits[0..n) with sep every size digits, zero-filling
 * on the left up to min_width characters as CPython's
 * _PyUnicode_InsertThousandsGrouping (never a leading separator). */
static void put_grouped(sbuf *b, const char *digits, size_t n, char sep, int size,
                        int64_t min_width)
{
    size_t groups = n ? (n - 1) / (size_t)size : 0;
    int64_t len = (int64_t)(n + (sep ? groups : 0));
    int in_group = n ? (int)((n - 1) % (size_t)size) + 1 : 0; /* digits in the leftmost group */
    char *pre = NULL;
    size_t npre = 0;
    if (len < min_width) {
        pre = dt_malloc((size_t)(min_width - len) + 2);
        if (!pre) {
            b->oom = true;
            return;
        }
        /* built right to left in pre, then emitted reversed */
        while (len < min_width) {
            if (sep && in_group == size) {
                pre[npre++] = sep;
                in_group = 0;
                len++;
            }
            pre[npre++] = '0';
            in_group++;
            len++;
        }
    }
    for (size_t i = npre; i-- > 0;)
        sb_put(b, pre + i, 1);
    dt_free(pre);
    for (size_t i = 0; i < n; i++) {
        if (sep && i > 0 && (n - i) % (size_t)size == 0)
            sb_put(b, &sep, 1);
        sb_put(b, digits + i, 1);
    }
}

static size_t grouped_len(size_t n, char sep, int size)
{
    return n + (sep && n ? (n - 1) / (size_t)size : 0);
}

typedef struct number_parts {
    const char *sign;   /* "", "-", "+" or " " */
    const char *prefix; /* "", "0x", ... */
    const char *digits; /* the run that is grouped */
    size_t ndigits;
    const char *rest;   /* after the digits: ".5e+03", "%", or the whole "inf" */
    int group_size;     /* 3 or 4 */
} number_parts;

static const char *sign_text(bool negative, char sign)
{
    if (negative)
        return "-";
    return sign == '+' ? "+" : sign == ' ' ? " " : "";
}

/* Lays out sign, prefix, grouped digits and rest within spec->width. */
static char *layout(const number_parts *np, const py_fmt_spec *spec)
{
    sbuf b = {0};
    size_t lead = strlen(np->sign) + strlen(np->prefix), nrest = strlen(np->rest);
    int64_t min_width = 0;
    if (spec->fill == '0' && spec->align == '=' && spec->width > 0)
        min_width = spec->width - (int64_t)(lead + nrest);
    char sep = spec->grouping;
    size_t ngrouped = grouped_len(np->ndigits, sep, np->group_size);
    if (np->ndigits > 0 && (int64_t)ngrouped < min_width)
        ngrouped = (size_t)min_width;
    int64_t total = (int64_t)(lead + ngrouped + nrest);
    int64_t pad = spec->width > total ? spec->width - total : 0;
    int64_t left = spec->align == '<' ? 0 : spec->align == '^' ? pad / 2 : pad;
    if (spec->align != '=')
        sb_fill(&b, spec->fill, left);
    sb_put(&b, np->sign, strlen(np->sign));
    sb_put(&b, np->prefix, strlen(np->prefix));
    if (spec->align == '=')
        sb_fill(&b, spec->fill, pad);
    if (np->ndigits > 0)
        put_grouped(&b, np->digits, np->ndigits, sep, np->group_size,
                    min_width);
    sb_put(&b, np->rest, nrest);
    if (spec->align != '=')
        sb_fill(&b, spec->fill, pad - left);
    return sb_finish(&b);
}

static const char *int_prefix(const py_fmt_spec *spec)
{
    if (!spec->alt)
        return "";
    switch (spec->type) {
    case 'b': return "0b";
    case 'o': return "0o";
    case 'x': return "0x";
    case 'X': return "0X";
    default: return "";
    }
}

char *py_fmt_pad(const char *digits, bool negative, const py_fmt_spec *spec)
{
    size_t n = strlen(digits);
    char *up = NULL;
    if (spec->type == 'X') {
        up = dt_malloc(n + 1);
        if (!up)
            return NULL;
        for (size_t i = 0; i <= n; i++)
            up[i] = (digits[i] >= 'a' && digits[i] <= 'f') ? (char)(digits[i] - 32) : digits[i];
        digits = up;
    }
    bool by4 = spec->type == 'b' || spec->type == 'o' || spec->type == 'x' ||
               spec->type == 'X';
    number_parts np = {sign_text(negative, spec->sign), int_prefix(spec), digits, n, "",
                       by4 ? 4 : 3};
    char *r = layout(&np, spec);
    dt_free(up);
    return r;
}

/* -------------------------------------------------------------- floats */

static bool is_float_type(char t)
{
    return t == 0 || t == 'e' || t == 'E' || t == 'f' || t == 'F' || t == 'g' ||
           t == 'G' || t == 'n' || t == '%';
}

static char *vformat_alloc(const char *fmt, int prec, double x)
{
    int n = snprintf(NULL, 0, fmt, prec, x);
    char *s = n >= 0 ? dt_malloc((size_t)n + 4) : NULL; /* room for ".0" or "%" */
    if (s)
        snprintf(s, (size_t)n + 1, fmt, prec, x);
    return s;
}

/* Removes trailing zeros (and a bare point) from the mantissa of s. */
static void strip_zeros(char *s)
{
    char *e = strpbrk(s, "eE");
    char *end = e ? e : s + strlen(s);
    if (!memchr(s, '.', (size_t)(end - s)))
        return;
    char *p = end;
    while (p[-1] == '0')
        p--;
    if (p[-1] == '.')
        p--;
    memmove(p, end, strlen(end) + 1);
}

/* 'g' as CPython's format_float_short: p significant digits, an exponent
 * when decpt <= -4 or decpt > p (p - 1 for the no-type form, which must
 * keep a digit after the point). */
static char *general_body(double ax, int p, bool alt, bool add_dot_0, bool upper)
{
    if (p == 0)
        p = 1;
    char *s = vformat_alloc(alt ? "%#.*e" : "%.*e", p - 1, ax);
    if (!s)
        return NULL;
    int x = atoi(strchr(s, 'e') + 1);
    if (!(x < -4 || x >= (add_dot_0 ? p - 1 : p))) {
        dt_free(s);
        s = vformat_alloc(alt ? "%#.*f" : "%.*f", p - 1 - x, ax);
        if (!s)
            return NULL;
    }
    if (!alt)
        strip_zeros(s);
    if (add_dot_0 && !strpbrk(s, ".e"))
        strcat(s, ".0");
    for (char *c = s; upper && *c; c++)
        if (*c == 'e')
            *c = 'E';
    return s;
}

/* The float's text without sign, for the type (already mapped: 'n' -> 'g',
 * '%' -> 'f'); ax >= 0 and finite. */
static char *float_body(double ax, char type, int64_t precision, bool alt)
{
    if (type == 0 && precision < 0) {
        char r[PY_DTOA_REPR_MAX];
        py_dtoa_repr(ax, r, sizeof r);
        char *s = dt_malloc(strlen(r) + 3); /* room for '.' or '%' */
        if (!s)
            return NULL;
        char *e = strchr(r, 'e');
        if (alt && e && !strchr(r, '.')) /* '#' keeps a point: 1.e+20 */
            sprintf(s, "%.*s.%s", (int)(e - r), r, e);
        else
            strcpy(s, r);
        return s;
    }
    int prec = precision < 0 ? FMT_DEFAULT_PRECISION : (int)precision;
    if (type == 0 || type == 'g' || type == 'G')
        return general_body(ax, prec, alt, type == 0, type == 'G');
    char fmt[8];
    snprintf(fmt, sizeof fmt, "%%%s.*%c", alt ? "#" : "", type);
    return vformat_alloc(fmt, prec, ax);
}

static bool all_zero_digits(const char *s)
{
    for (; *s && *s != 'e' && *s != 'E'; s++)
        if (*s >= '1' && *s <= '9')
            return false;
    return true;
}

static char *nonfinite_body(double x, char type)
{
    bool upper = type == 'E' || type == 'F' || type == 'G';
    const char *t = isnan(x) ? (upper ? "NAN" : "nan") : (upper ? "INF" : "inf");
    char *s = dt_malloc(5);
    if (s)
        sprintf(s, "%s%s", t, type == '%' ? "%" : "");
    return s;
}

static int check_float_spec(const py_fmt_spec *spec, py_fmt_error *err)
{
    if (!is_float_type(spec->type)) {
        set_error(err, PY_FMT_VALUE_ERROR,
                  "Unknown format code '%c' for object of type 'float'", spec->type);
        return -1;
    }
    if (spec->precision > INT_MAX) {
        set_error(err, PY_FMT_VALUE_ERROR, "precision too big");
        return -1;
    }
    return 0;
}

char *py_fmt_double(double x, const py_fmt_spec *spec, py_fmt_error *err)
{
    if (err)
        err->kind = PY_FMT_OK;
    if (check_float_spec(spec, err) < 0)
        return NULL;
    char type = spec->type == 'n' ? 'g' : spec->type;
    bool negative = !isnan(x) && signbit(x);
    char *body;
    if (!isfinite(x))
        body = nonfinite_body(x, type);
    else if (type == '%')
        body = float_body(fabs(x) * 100.0, 'f', spec->precision, spec->alt);
    else
        body = float_body(fabs(x), type, spec->precision, spec->alt);
    if (!body)
        return no_memory(err);
    if (type == '%' && isfinite(x))
        strcat(body, "%"); /* bodies are allocated with room for two more */
    if (negative && spec->no_neg_0 && isfinite(x) && all_zero_digits(body))
        negative = false;
    size_t nd = strspn(body, "0123456789");
    number_parts np = {sign_text(negative, spec->sign), "", body, nd, body + nd, 3};
    char *r = layout(&np, spec);
    dt_free(body);
    return r ? r : no_memory(err);
}

/* ---------------------------------------------------------------- ints */

int py_fmt_check_int_spec(const py_fmt_spec *spec, py_fmt_error *err)
{
    if (spec->type != 0 && !strchr("bcdoxXn", spec->type)) {
        if (is_float_type(spec->type))
            return 0; /* formats float(v) */
        set_error(err, PY_FMT_VALUE_ERROR,
                  "Unknown format code '%c' for object of type 'int'", spec->type);
        return -1;
    }
    if (spec->precision >= 0) {
        set_error(err, PY_FMT_VALUE_ERROR,
                  "Precision not allowed in integer format specifier");
        return -1;
    }
    if (spec->no_neg_0) {
        set_error(err, PY_FMT_VALUE_ERROR,
                  "Negative zero coercion (z) not allowed in integer format specifier");
        return -1;
    }
    if (spec->type == 'c' && (spec->sign || spec->alt)) {
        set_error(err, PY_FMT_VALUE_ERROR,
                  spec->sign ? "Sign not allowed with integer format specifier 'c'"
                             : "Alternate form (#) not allowed with integer format "
                               "specifier 'c'");
        return -1;
    }
    return 0;
}

/* Magnitude digits of v in base 2, 8, 10 or 16 (lowercase). */
static void u64_digits(uint64_t m, unsigned base, char *out)
{
    char tmp[72];
    size_t n = 0;
    do {
        tmp[n++] = "0123456789abcdef"[m % base];
        m /= base;
    } while (m);
    for (size_t i = 0; i < n; i++)
        out[i] = tmp[n - 1 - i];
    out[n] = '\0';
}

static char *format_char(int64_t v, const py_fmt_spec *spec, py_fmt_error *err)
{
    if (v < 0 || v >= 0x110000) {
        set_error(err, PY_FMT_OVERFLOW_ERROR, "%%c arg not in range(0x110000)");
        return NULL;
    }
    char u[5] = {0};
    utf8_encode((uint32_t)v, u);
    number_parts np = {"", "", "", 0, u, 3};
    char *r = layout(&np, spec);
    return r ? r : no_memory(err);
}

char *py_fmt_int64(int64_t v, const py_fmt_spec *spec, py_fmt_error *err)
{
    if (err)
        err->kind = PY_FMT_OK;
    if (py_fmt_check_int_spec(spec, err) < 0)
        return NULL;
    if (spec->type != 0 && spec->type != 'n' && is_float_type(spec->type))
        return py_fmt_double((double)v, spec, err);
    if (spec->type == 'c')
        return format_char(v, spec, err);
    unsigned base = spec->type == 'b' ? 2 : spec->type == 'o' ? 8
                    : (spec->type == 'x' || spec->type == 'X') ? 16 : 10;
    uint64_t mag = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
    char digits[72];
    u64_digits(mag, base, digits);
    char *r = py_fmt_pad(digits, v < 0, spec);
    return r ? r : no_memory(err);
}
