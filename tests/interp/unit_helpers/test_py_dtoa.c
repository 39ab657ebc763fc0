/* test_py_dtoa.c: interp/py_dtoa.c against output that CPython 3.11
 * produced (py_dtoa_ref.h, written by gen_dtoa_ref.py): repr of ~6000
 * doubles (every power of two, random bit patterns, decimal-looking values),
 * format() of floats and ints over many specs including the error messages,
 * and round(x, n). The functions are pure, so no thread test is needed. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cu_run.h"
#include "py_dtoa.h"
#include "py_dtoa_ref.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

static double from_bits(uint64_t b)
{
    double d;
    memcpy(&d, &b, sizeof d);
    return d;
}

static void test_repr_reference(void)
{
    size_t bad = 0;
    for (size_t i = 0; i < NELEM(ref_repr); i++) {
        char buf[PY_DTOA_REPR_MAX];
        size_t n = py_dtoa_repr(from_bits(ref_repr[i].bits), buf, sizeof buf);
        if (strcmp(buf, ref_repr[i].text) != 0 || n != strlen(buf)) {
            if (bad++ < 10)
                printf("\nrepr %016llx: got %s want %s", (unsigned long long)ref_repr[i].bits,
                       buf, ref_repr[i].text);
        }
    }
    CU_ASSERT_EQUAL(bad, 0);
}

static void test_repr_small_buffer(void)
{
    char buf[4];
    CU_ASSERT_EQUAL(py_dtoa_repr(-1234.5, buf, sizeof buf), 7);
    CU_ASSERT_STRING_EQUAL(buf, "-12");
    char d[18];
    int decpt;
    CU_ASSERT_EQUAL(py_dtoa_shortest(0.3, d, &decpt), 1);
    CU_ASSERT_STRING_EQUAL(d, "3");
    CU_ASSERT_EQUAL(decpt, 0);
}

/* Compares a formatting result with the reference text, which is the
 * output or "!V:msg" / "!O:msg" for a ValueError / OverflowError. */
static int check_fmt(const char *got, const py_fmt_error *err, const char *want)
{
    char buf[200];
    if (got)
        return strcmp(got, want) == 0;
    snprintf(buf, sizeof buf, "!%c:%s",
             err->kind == PY_FMT_VALUE_ERROR ? 'V' : err->kind == PY_FMT_OVERFLOW_ERROR ? 'O' : 'M',
             err->msg);
    return strcmp(buf, want) == 0;
}

static char *fmt_double(double x, const char *spec_text, py_fmt_error *err)
{
    py_fmt_spec spec;
    if (py_fmt_parse_spec(spec_text, strlen(spec_text), '>', "float", &spec, err) < 0)
        return NULL;
    return py_fmt_double(x, &spec, err);
}

static char *fmt_int(int64_t v, const char *spec_text, py_fmt_error *err)
{
    py_fmt_spec spec;
    if (py_fmt_parse_spec(spec_text, strlen(spec_text), '>', "int", &spec, err) < 0)
        return NULL;
    return py_fmt_int64(v, &spec, err);
}

static void test_format_double_reference(void)
{
    size_t bad = 0;
    for (size_t i = 0; i < NELEM(ref_fmt_double); i++) {
        py_fmt_error err = {0};
        char *got = fmt_double(from_bits(ref_fmt_double[i].bits), ref_fmt_double[i].spec, &err);
        if (!check_fmt(got, &err, ref_fmt_double[i].text) && bad++ < 15)
            printf("\nformat(%.17g, '%s'): got '%s' (%s) want '%s'",
                   from_bits(ref_fmt_double[i].bits), ref_fmt_double[i].spec,
                   got ? got : "NULL", got ? "" : err.msg, ref_fmt_double[i].text);
        free(got);
    }
    CU_ASSERT_EQUAL(bad, 0);
}

static void test_format_int_reference(void)
{
    size_t bad = 0;
    for (size_t i = 0; i < NELEM(ref_fmt_int); i++) {
        py_fmt_error err = {0};
        char *got = fmt_int(ref_fmt_int[i].v, ref_fmt_int[i].spec, &err);
        if (!check_fmt(got, &err, ref_fmt_int[i].text) && bad++ < 15)
            printf("\nformat(%lld, '%s'): got '%s' (%s) want '%s'",
                   (long long)ref_fmt_int[i].v, ref_fmt_int[i].spec, got ? got : "NULL",
                   got ? "" : err.msg, ref_fmt_int[i].text);
        free(got);
    }
    CU_ASSERT_EQUAL(bad, 0);
}

static void test_pad_for_bignums(void)
{
    /* python3: format(2**70, '_') and format(-2**70, '#x') */
    py_fmt_spec spec;
    py_fmt_error err;
    CU_ASSERT_EQUAL_FATAL(py_fmt_parse_spec("_", 1, '>', "int", &spec, &err), 0);
    char *s = py_fmt_pad("1180591620717411303424", false, &spec);
    CU_ASSERT_STRING_EQUAL(s, "1_180_591_620_717_411_303_424");
    free(s);
    CU_ASSERT_EQUAL_FATAL(py_fmt_parse_spec("#X", 2, '>', "int", &spec, &err), 0);
    s = py_fmt_pad("400000000000000000", true, &spec);
    CU_ASSERT_STRING_EQUAL(s, "-0X400000000000000000");
    free(s);
}

static void test_parse_fields(void)
{
    py_fmt_spec s;
    py_fmt_error err;
    const char *t = "*<+z#012_.3f";
    CU_ASSERT_EQUAL_FATAL(py_fmt_parse_spec(t, strlen(t), '>', "float", &s, &err), 0);
    CU_ASSERT_EQUAL(s.fill, '*');
    CU_ASSERT_EQUAL(s.align, '<'); /* an explicit align survives the '0' flag */
    CU_ASSERT_EQUAL(s.sign, '+');
    CU_ASSERT(s.no_neg_0 && s.alt);
    CU_ASSERT_EQUAL(s.width, 12);
    CU_ASSERT_EQUAL(s.grouping, '_');
    CU_ASSERT_EQUAL(s.precision, 3);
    CU_ASSERT_EQUAL(s.type, 'f');
    CU_ASSERT_EQUAL_FATAL(py_fmt_parse_spec("010", 3, '<', "str", &s, &err), 0);
    CU_ASSERT_EQUAL(s.fill, '0'); /* strings: '0' fills, alignment stays '<' */
    CU_ASSERT_EQUAL(s.align, '<');
    CU_ASSERT_EQUAL(py_fmt_parse_spec("", 0, '<', "str", &s, &err), 0);
    CU_ASSERT_EQUAL(s.width, -1);
    CU_ASSERT_EQUAL(s.type, 0);
}

static void test_round_reference(void)
{
    for (size_t i = 0; i < NELEM(ref_round); i++) {
        double x = from_bits(ref_round[i].bits), r = 12345.0;
        int rc = py_dtoa_round(x, ref_round[i].n, &r);
        if (ref_round[i].overflow) {
            CU_ASSERT_EQUAL(rc, -1);
            continue;
        }
        uint64_t got;
        memcpy(&got, &r, sizeof got);
        CU_ASSERT_EQUAL(rc, 0);
        if (got != ref_round[i].result)
            printf("\nround(%.17g, %lld): got %.17g want %.17g", x, (long long)ref_round[i].n,
                   r, from_bits(ref_round[i].result));
        CU_ASSERT_EQUAL(got, ref_round[i].result);
    }
}

int main(void)
{
    if (CU_initialize_registry() != CUE_SUCCESS)
        return 2;
    CU_pSuite s = CU_add_suite("py_dtoa", NULL, NULL);
    if (!s)
        return 2;
    CU_ADD(s, test_repr_reference);
    CU_ADD(s, test_repr_small_buffer);
    CU_ADD(s, test_parse_fields);
    CU_ADD(s, test_format_double_reference);
    CU_ADD(s, test_format_int_reference);
    CU_ADD(s, test_pad_for_bignums);
    CU_ADD(s, test_round_reference);
    return cu_run();
}
