/* py_dtoa.h: float repr, round(x, n) and the format-spec mini-language for
 * floats and ints, with CPython 3.11's exact output.
 *
 * Concurrency contract: every function here is pure. Each reads only its
 * arguments and writes only the caller's buffer, a string it malloc()s and
 * returns, or the caller's error struct; there is no shared or static mutable
 * state, so any thread may call any function at any time. Results never
 * depend on the locale: the interpreter never calls setlocale(), so
 * snprintf and strtod run in the "C" locale (decimal point '.'), which is
 * what CPython's own formatting uses. Functions that return a string
 * allocate it with the module's allocator (libc's malloc unless
 * py_dtoa_set_allocator was called, before any thread formats): the caller
 * releases it with py_dtoa_free, or copies it into a GC string.
 *
 * Strings are UTF-8; only the fill character may be non-ASCII.
 *
 * How the interpreter maps Python to these:
 *   repr(float), str(float)   -> py_dtoa_repr
 *   format(x, spec), f"{x:spec}", str.format
 *                             -> py_fmt_parse_spec then py_fmt_double or
 *                                py_fmt_int64; a bignum formats its digits
 *                                (GMP, in the base of spec.type) and calls
 *                                py_fmt_pad
 *   round(x, n)               -> py_dtoa_round
 *   '%.3f' % x and friends    -> a py_fmt_spec filled from the conversion
 *                                flags ('-' align '<', '0' fill '0' align
 *                                '=', '+', ' ', '#', width, precision, type);
 *                                '%r'/'%s' of a float use py_dtoa_repr.
 */
#ifndef ELIDE_INTERP_PY_DTOA_H
#define ELIDE_INTERP_PY_DTOA_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Replace malloc/realloc/free (call once, before any formatting). The
 * interpreter passes the collector's allocator and a free that does
 * nothing: formatting runs inside transactions, and under the simulator a
 * free() of memory the transaction wrote is undone wrongly by the rollback
 * (it restores the bytes free() had linked into the allocator's lists). */
void py_dtoa_set_allocator(void *(*alloc)(size_t), void *(*re)(void *, size_t), void (*release)(void *));
void py_dtoa_free(void *p);

/* Longest repr of a double plus NUL: "-2.2250738585072014e-308" is 24. */
#define PY_DTOA_REPR_MAX 32

/* Shortest round-trip digits of |x| for finite x != 0: writes up to 17
 * digits and a NUL to digits, the decimal exponent to *decpt (|x| is
 * 0.DIGITS * 10**decpt) and returns the digit count. */
int py_dtoa_shortest(double x, char digits[18], int *decpt);

/* repr(x) as CPython: '1.5', '1e+16', '1e-05', '0.0001', '-0.0', 'inf',
 * 'nan'. Writes at most size bytes including the NUL; returns the length it
 * needed (as snprintf). */
size_t py_dtoa_repr(double x, char *buf, size_t size);

/* round(x, ndigits): correctly rounded (half to even on the exact binary
 * value), as CPython. Returns 0, or -1 when the result overflows
 * (OverflowError "rounded value too large to represent"). */
int py_dtoa_round(double x, int64_t ndigits, double *out);

/* --- the format-spec mini-language -------------------------------------- */

/* [[fill]align][sign][z][#][0][width][grouping][.precision][type] */
typedef struct py_fmt_spec {
    uint32_t fill;     /* fill code point; ' ' unless given or '0' flag */
    char align;        /* '<' '>' '=' '^'; the default_align if not given */
    char sign;         /* '+', '-', ' ', or 0 when not given */
    bool no_neg_0;     /* 'z': negative zero after rounding prints as zero */
    bool alt;          /* '#' */
    char grouping;     /* ',' or '_', or 0 */
    int64_t width;     /* -1 when not given */
    int64_t precision; /* -1 when not given */
    char type;         /* presentation type, 0 when not given */
} py_fmt_spec;

typedef enum py_fmt_errkind {
    PY_FMT_OK = 0,
    PY_FMT_VALUE_ERROR,    /* ValueError */
    PY_FMT_OVERFLOW_ERROR, /* OverflowError */
    PY_FMT_MEMORY_ERROR    /* MemoryError */
} py_fmt_errkind;

typedef struct py_fmt_error {
    py_fmt_errkind kind;
    char msg[160]; /* CPython's message, for the exception */
} py_fmt_error;

/* Parses spec[0..len). default_align is '>' for numbers, '<' for str;
 * type_name ("float", "int", "str") only goes into error messages. Returns
 * 0, or -1 with *err filled. Type-specific checks happen when formatting. */
int py_fmt_parse_spec(const char *spec, size_t len, char default_align,
                      const char *type_name, py_fmt_spec *out, py_fmt_error *err);

/* format(x, spec) for a float. NULL with *err on error. */
char *py_fmt_double(double x, const py_fmt_spec *spec, py_fmt_error *err);

/* format(v, spec) for an int (types b c d o x X n, '', and the float types,
 * which format float(v)). NULL with *err on error. */
char *py_fmt_int64(int64_t v, const py_fmt_spec *spec, py_fmt_error *err);

/* Checks that spec suits an int (sign/alt with 'c', precision, grouping
 * with the type, unknown type). 0 or -1 with *err. py_fmt_int64 calls it;
 * a bignum formatter calls it before converting its digits. */
int py_fmt_check_int_spec(const py_fmt_spec *spec, py_fmt_error *err);

/* The integer padding step: digits is the magnitude of an int written in
 * the base of spec->type (lowercase hex for 'x'; 'X' is uppercased here),
 * without sign or prefix. Adds the sign, the '#' prefix, grouping and fill
 * as CPython does. NULL only when out of memory. */
char *py_fmt_pad(const char *digits, bool negative, const py_fmt_spec *spec);

#endif
