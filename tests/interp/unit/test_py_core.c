/* test_py_core.c: CUnit tests of interpreter internals: bignums (GMP glue),
 * float repr through float objects, dict (order, deletion, resize, hashing of
 * equal keys), set iteration order as CPython, and compile+run round trips. */
#include <CUnit/CUnit.h>
#include <stdio.h>
#include <string.h>

#include "cu_run.h"
#include "py_vm.h"

static void init_runtime(void)
{
    GC_INIT();
    py_cur = py_ts_new();
    py_runtime_init(0, NULL);
}

static const char *S(pv v)
{
    pv r = py_repr(v);
    CU_ASSERT_PTR_NOT_NULL_FATAL(r);
    return py_cstr(r);
}

static pv I(const char *s) { return py_int_from_str(s, strlen(s), 10); }

/* ---- bignum ---- */

static void test_small_overflow_to_big(void)
{
    pv a = PY_MKSMALL(PY_SMALL_MAX);
    pv b = py_binop(PY_NB_ADD, a, PY_MKSMALL(1));
    CU_ASSERT_FALSE(PY_ISSMALL(b));
    CU_ASSERT_STRING_EQUAL(S(b), "2305843009213693952");
    pv c = py_binop(PY_NB_SUB, b, PY_MKSMALL(1));
    CU_ASSERT_TRUE(PY_ISSMALL(c)); /* normalised back to a tagged int */
}

static void test_big_mul_pow(void)
{
    pv r = py_binop(PY_NB_POW, PY_MKSMALL(2), PY_MKSMALL(100));
    CU_ASSERT_STRING_EQUAL(S(r), "1267650600228229401496703205376");
    pv f = py_binop(PY_NB_MUL, I("123456789012345678901234567890"), I("-987654321098765432109876543210"));
    CU_ASSERT_STRING_EQUAL(S(f), "-121932631137021795226185032733622923332237463801111263526900");
}

static void test_floordiv_mod_signs(void)
{
    pv big = I("100000000000000000000");
    CU_ASSERT_STRING_EQUAL(S(py_binop(PY_NB_FLOORDIV, py_neg(big), PY_MKSMALL(7))), "-14285714285714285715");
    CU_ASSERT_STRING_EQUAL(S(py_binop(PY_NB_MOD, py_neg(big), PY_MKSMALL(7))), "5");
    CU_ASSERT_STRING_EQUAL(S(py_binop(PY_NB_MOD, PY_MKSMALL(-7), PY_MKSMALL(3))), "2");
    CU_ASSERT_STRING_EQUAL(S(py_binop(PY_NB_FLOORDIV, PY_MKSMALL(7), PY_MKSMALL(-2))), "-4");
    CU_ASSERT_PTR_NULL(py_binop(PY_NB_MOD, big, PY_MKSMALL(0)));
    CU_ASSERT_TRUE(py_exc_matches(py_exc_ZeroDivisionError));
    py_exc_clear();
}

static void test_big_hash_and_eq(void)
{
    /* hash(2**61 - 1) == 0 and hash(-1) == -2, as CPython */
    pv m = py_binop(PY_NB_SUB, py_binop(PY_NB_POW, PY_MKSMALL(2), PY_MKSMALL(61)), PY_MKSMALL(1));
    CU_ASSERT_EQUAL(py_hash(m), 0);
    CU_ASSERT_EQUAL(py_hash(PY_MKSMALL(-1)), -2);
    CU_ASSERT_EQUAL(py_hash(py_float_new(3.0)), py_hash(PY_MKSMALL(3)));
    CU_ASSERT_EQUAL(py_eq(I("10000000000000000000000"), py_float_new(1e22)), 1);
}

static void test_shifts_and_bits(void)
{
    CU_ASSERT_STRING_EQUAL(S(py_binop(PY_NB_LSHIFT, PY_MKSMALL(1), PY_MKSMALL(70))), "1180591620717411303424");
    CU_ASSERT_STRING_EQUAL(S(py_binop(PY_NB_RSHIFT, PY_MKSMALL(-5), PY_MKSMALL(1))), "-3");
    CU_ASSERT_STRING_EQUAL(S(py_binop(PY_NB_AND, I("-1"), I("18446744073709551615"))), "18446744073709551615");
    CU_ASSERT_STRING_EQUAL(S(py_int_format_base(PY_MKSMALL(-255), 16, 1)), "'-0xff'");
}

/* ---- float repr ---- */

static void test_float_repr(void)
{
    CU_ASSERT_STRING_EQUAL(S(py_float_new(0.1)), "0.1");
    CU_ASSERT_STRING_EQUAL(S(py_float_new(0.1 + 0.2)), "0.30000000000000004");
    CU_ASSERT_STRING_EQUAL(S(py_float_new(1e16)), "1e+16");
    CU_ASSERT_STRING_EQUAL(S(py_float_new(1e-5)), "1e-05");
    CU_ASSERT_STRING_EQUAL(S(py_float_new(-0.0)), "-0.0");
    CU_ASSERT_STRING_EQUAL(S(py_float_new(123456789.0)), "123456789.0");
    CU_ASSERT_STRING_EQUAL(S(py_binop(PY_NB_TRUEDIV, PY_MKSMALL(1), PY_MKSMALL(3))), "0.3333333333333333");
}

static void test_float_format(void)
{
    pv r = py_format(py_float_new(3.14159), py_str_c(".2f"));
    CU_ASSERT_STRING_EQUAL(py_cstr(r), "3.14");
    r = py_str_percent(py_str_c("%5.1f|%-4d|%x"), py_tuple_pack(3, py_float_new(2.25), PY_MKSMALL(7), PY_MKSMALL(255)));
    CU_ASSERT_STRING_EQUAL(py_cstr(r), "  2.2|7   |ff");
}

/* ---- dict ---- */

static void test_dict_order_and_delete(void)
{
    pv d = py_dict_new();
    for (int i = 0; i < 1000; i++)
        CU_ASSERT_EQUAL(py_dict_set(d, PY_MKSMALL(i * 7919 % 1000), PY_MKSMALL(i)), 0);
    CU_ASSERT_EQUAL(((py_dict *)d)->used, 1000);
    for (int i = 0; i < 1000; i += 2)
        CU_ASSERT_EQUAL(py_dict_del(d, PY_MKSMALL(i * 7919 % 1000)), 0);
    CU_ASSERT_EQUAL(((py_dict *)d)->used, 500);
    size_t pos = 0;
    pv k, v;
    int expect = 1, ok = 1;
    while (py_dict_next(d, &pos, &k, &v)) {
        ok &= PY_SMALLVAL(v) == expect;
        expect += 2;
    }
    CU_ASSERT_TRUE(ok); /* insertion order survives deletions and resizes */
    CU_ASSERT_PTR_NULL(py_dict_get(d, PY_MKSMALL(0)));
    CU_ASSERT_EQUAL(py_dict_del(d, PY_MKSMALL(0)), -1);
    CU_ASSERT_TRUE(py_exc_matches(py_exc_KeyError));
    py_exc_clear();
}

static void test_dict_equal_keys(void)
{
    pv d = py_dict_new();
    py_dict_set(d, PY_MKSMALL(1), py_str_c("int"));
    py_dict_set(d, py_float_new(1.0), py_str_c("float"));
    py_dict_set(d, py_True, py_str_c("bool"));
    CU_ASSERT_EQUAL(((py_dict *)d)->used, 1);
    CU_ASSERT_STRING_EQUAL(S(d), "{1: 'bool'}");
    py_dict_set(d, py_str_c("k"), PY_MKSMALL(2));
    CU_ASSERT_PTR_NOT_NULL(py_dict_get(d, py_intern("k")));
    CU_ASSERT_PTR_NULL(py_dict_get(d, py_list_new(0)));
    CU_ASSERT_TRUE(py_exc_matches(py_exc_TypeError)); /* unhashable */
    py_exc_clear();
}

static void test_set_order_as_cpython(void)
{
    pv s = py_set_new(&py_set_type);
    int items[] = {10, 3, 33, 1, 100, 8, 64};
    for (size_t i = 0; i < sizeof items / sizeof *items; i++)
        py_set_add(s, PY_MKSMALL(items[i]));
    /* python3 -c "print({10, 3, 33, 1, 100, 8, 64})" */
    CU_ASSERT_STRING_EQUAL(S(s), "{64, 33, 1, 3, 100, 8, 10}");
}

/* ---- compile and run ---- */

static pv run(const char *src)
{
    pv code = py_compile_source(src, strlen(src), "<test>", PY_MODE_EXEC);
    if (!code)
        return NULL;
    pv g = py_dict_new();
    py_dict_set(g, py_id___builtins__, py_builtins);
    py_dict_set(g, py_id___name__, py_str_c("__main__"));
    if (!py_eval_code((py_code *)code, g, g))
        return NULL;
    return py_dict_gets(g, "result");
}

static void test_compile_run(void)
{
    pv r = run("def f(n):\n    return 1 if n < 2 else n * f(n - 1)\nresult = f(25)\n");
    CU_ASSERT_PTR_NOT_NULL_FATAL(r);
    CU_ASSERT_STRING_EQUAL(S(r), "15511210043330985984000000");
    r = run("result = [x * x for x in range(5) if x % 2]\n");
    CU_ASSERT_STRING_EQUAL(S(r), "[1, 9]");
}

static void test_syntax_error_is_clean(void)
{
    CU_ASSERT_PTR_NULL(run("def f(:\n  pass\n"));
    CU_ASSERT_TRUE(py_exc_matches(py_exc_SyntaxError));
    py_exc_clear();
    char deep[4000];
    memset(deep, '(', 3000);
    deep[3000] = 0;
    CU_ASSERT_PTR_NULL(run(deep)); /* too many nested parentheses, no crash */
    CU_ASSERT_TRUE(py_exc_matches(py_exc_SyntaxError));
    py_exc_clear();
}

static void test_recursion_error(void)
{
    CU_ASSERT_PTR_NULL(run("def f(n):\n    return f(n + 1)\nf(0)\n"));
    CU_ASSERT_TRUE(py_exc_matches(py_exc_RecursionError));
    py_exc_clear();
    CU_ASSERT_EQUAL(py_cur->depth, 0);
}

static void test_deep_structures_do_not_crash(void)
{
    /* regression: the repr cycle guard read past its 64-entry table */
    pv r = run("import sys\nsys.setrecursionlimit(100000)\nl = []\n"
               "for i in range(30000):\n    l = [l]\n"
               "try:\n    repr(l)\n    result = 'no error'\n"
               "except RecursionError:\n    result = 'RecursionError'\n"
               "sys.setrecursionlimit(1000)\n");
    CU_ASSERT_PTR_NOT_NULL_FATAL(r);
    CU_ASSERT_STRING_EQUAL(py_cstr(r), "RecursionError");
    r = run("l = [1]\nl.append(l)\nd = {}\nd[1] = d\nresult = repr(l) + repr(d)\n");
    CU_ASSERT_STRING_EQUAL(py_cstr(r), "[1, [...]]{1: {...}}");
}

/* A site that keeps seeing other types stops rewriting its inline cache
 * (py.h: PY_CACHE_REWRITES); its own type, or a new epoch, still fills. */
static void test_polymorphic_cache_stops_rewriting(void)
{
    py_cache c;
    memset(&c, 0, sizeof c);
    for (uintptr_t i = 0; i < 4 * PY_CACHE_REWRITES; i++) {
        uintptr_t type = 0x1000 + 0x10 * (i & 1); /* two types, their methods */
        py_cache_write(&c, type, 7, type + 1, 0);
    }
    CU_ASSERT_EQUAL(c.seq, 2 * PY_CACHE_REWRITES);
    uintptr_t a = c.a;
    py_cache_write(&c, a ^ 0x10, 7, 1, 0); /* another type, same epoch */
    CU_ASSERT_EQUAL(c.a, a);
    py_cache_write(&c, a, 7, 999, 0); /* its own type */
    CU_ASSERT_EQUAL(c.c, 999);
    py_cache_write(&c, a ^ 0x10, 8, 5, 0); /* a new epoch: any type */
    CU_ASSERT_EQUAL(c.a, a ^ 0x10);
    CU_ASSERT_EQUAL(c.b, 8);
    CU_ASSERT_EQUAL(c.seq & 1, 0);
}

int main(void)
{
    init_runtime();
    if (CU_initialize_registry() != CUE_SUCCESS)
        return 2;
    CU_pSuite big = CU_add_suite("bignum", NULL, NULL);
    CU_ADD(big, test_small_overflow_to_big);
    CU_ADD(big, test_big_mul_pow);
    CU_ADD(big, test_floordiv_mod_signs);
    CU_ADD(big, test_big_hash_and_eq);
    CU_ADD(big, test_shifts_and_bits);
    CU_pSuite fl = CU_add_suite("float", NULL, NULL);
    CU_ADD(fl, test_float_repr);
    CU_ADD(fl, test_float_format);
    CU_pSuite dict = CU_add_suite("dict", NULL, NULL);
    CU_ADD(dict, test_dict_order_and_delete);
    CU_ADD(dict, test_dict_equal_keys);
    CU_ADD(dict, test_set_order_as_cpython);
    CU_pSuite vm = CU_add_suite("vm", NULL, NULL);
    CU_ADD(vm, test_compile_run);
    CU_ADD(vm, test_syntax_error_is_clean);
    CU_ADD(vm, test_recursion_error);
    CU_ADD(vm, test_deep_structures_do_not_crash);
    CU_ADD(vm, test_polymorphic_cache_stops_rewriting);
    return cu_run();
}
