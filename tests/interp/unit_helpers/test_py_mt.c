/* test_py_mt.c: interp/py_mt.c against numbers that CPython 3.11 produced
 * (py_mt_ref.h, written by gen_mt_ref.py). Single-threaded: a py_mt has no
 * shared state. */
#include <stdint.h>
#include <string.h>

#include "cu_run.h"
#include "py_mt.h"
#include "py_mt_ref.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

static void check_random(py_mt *m, const double *ref, size_t n)
{
    for (size_t i = 0; i < n; i++)
        CU_ASSERT_EQUAL(py_mt_random(m), ref[i]); /* bit-exact, not approximate */
}

static void test_seed_small_ints(void)
{
    py_mt m;
    py_mt_seed_i64(&m, 42);
    check_random(&m, ref_seed42_random, NELEM(ref_seed42_random));
    py_mt_seed_i64(&m, 0);
    check_random(&m, ref_seed0_random, NELEM(ref_seed0_random));
    py_mt_seed_i64(&m, -42); /* the absolute value seeds */
    check_random(&m, ref_seedm42_random, NELEM(ref_seedm42_random));
    py_mt_seed_i64(&m, 123456789012345LL);
    check_random(&m, ref_seed_i64_random, NELEM(ref_seed_i64_random));
}

static void test_seed_words(void)
{
    py_mt m;
    const uint32_t big[] = {7, 0, 0, 16}; /* 2**100 + 7 */
    py_mt_seed_words(&m, big, NELEM(big));
    check_random(&m, ref_seedbig_random, NELEM(ref_seedbig_random));
    const uint32_t p32[] = {0, 1, 0, 0}; /* 2**32, with leading zero words */
    py_mt_seed_words(&m, p32, NELEM(p32));
    check_random(&m, ref_seed2p32_random, NELEM(ref_seed2p32_random));
    py_mt_seed_words(&m, NULL, 0); /* 0: key [0] */
    check_random(&m, ref_seed0_random, NELEM(ref_seed0_random));
}

static void test_getrandbits(void)
{
    py_mt m;
    py_mt_seed_i64(&m, 1);
    for (size_t i = 0; i < NELEM(ref_seed1_bits32); i++)
        CU_ASSERT_EQUAL(py_mt_genrand32(&m), ref_seed1_bits32[i]);
    py_mt_seed_i64(&m, 1);
    for (size_t i = 0; i < NELEM(ref_seed1_bits7); i++)
        CU_ASSERT_EQUAL(py_mt_getrandbits64(&m, 7), ref_seed1_bits7[i]);
    py_mt_seed_i64(&m, 1);
    for (size_t i = 0; i < NELEM(ref_seed1_bits50); i++)
        CU_ASSERT_EQUAL(py_mt_getrandbits64(&m, 50), ref_seed1_bits50[i]);
    py_mt_seed_i64(&m, 1);
    uint32_t w[4] = {0, 0, 0, 0};
    py_mt_getrandbits_words(&m, 100, w);
    CU_ASSERT_EQUAL(memcmp(w, ref_seed1_bits100, sizeof w), 0);
    CU_ASSERT_EQUAL(py_mt_getrandbits64(&m, 0), 0);
}

static void test_randrange(void)
{
    py_mt m;
    int64_t v;
    py_mt_seed_i64(&m, 7);
    for (size_t i = 0; i < NELEM(ref_seed7_randrange100); i++) {
        CU_ASSERT_EQUAL(py_mt_randrange1(&m, 100, &v), PY_MT_OK);
        CU_ASSERT_EQUAL(v, ref_seed7_randrange100[i]);
    }
    py_mt_seed_i64(&m, 7);
    for (size_t i = 0; i < NELEM(ref_seed7_randrange_step); i++) {
        CU_ASSERT_EQUAL(py_mt_randrange(&m, -50, 50, 7, &v), PY_MT_OK);
        CU_ASSERT_EQUAL(v, ref_seed7_randrange_step[i]);
    }
    py_mt_seed_i64(&m, 7);
    for (size_t i = 0; i < NELEM(ref_seed7_randrange_negstep); i++) {
        CU_ASSERT_EQUAL(py_mt_randrange(&m, 50, -50, -3, &v), PY_MT_OK);
        CU_ASSERT_EQUAL(v, ref_seed7_randrange_negstep[i]);
    }
}

static void test_randint(void)
{
    py_mt m;
    int64_t v;
    py_mt_seed_i64(&m, 3);
    for (size_t i = 0; i < NELEM(ref_seed3_randint); i++) {
        CU_ASSERT_EQUAL(py_mt_randint(&m, 1, 6, &v), PY_MT_OK);
        CU_ASSERT_EQUAL(v, ref_seed3_randint[i]);
    }
    py_mt_seed_i64(&m, 3);
    for (size_t i = 0; i < NELEM(ref_seed3_randint_big); i++) {
        CU_ASSERT_EQUAL(py_mt_randint(&m, -1000000000000000LL, 1000000000000000LL, &v),
                        PY_MT_OK);
        CU_ASSERT_EQUAL(v, ref_seed3_randint_big[i]);
    }
}

static void test_range_errors(void)
{
    py_mt m;
    int64_t v = 12345;
    char buf[96];
    py_mt_seed_i64(&m, 1);
    CU_ASSERT_EQUAL(py_mt_randrange1(&m, 0, &v), PY_MT_EMPTY_RANGE);
    CU_ASSERT_EQUAL(py_mt_randrange(&m, 5, 5, 1, &v), PY_MT_EMPTY_RANGE_UNIT);
    CU_ASSERT_EQUAL(py_mt_randrange(&m, 0, 10, 0, &v), PY_MT_ZERO_STEP);
    CU_ASSERT_EQUAL(py_mt_randrange(&m, 0, 10, -1, &v), PY_MT_EMPTY_RANGE);
    CU_ASSERT_EQUAL(py_mt_randint(&m, 5, 2, &v), PY_MT_EMPTY_RANGE_UNIT);
    CU_ASSERT_EQUAL(py_mt_randint(&m, 0, INT64_MAX, &v), PY_MT_OVERFLOW);
    CU_ASSERT_EQUAL(v, 12345); /* untouched on error */
    /* python3: random.randint(5, 2) -> ValueError with this text */
    py_mt_randrange_error(PY_MT_EMPTY_RANGE_UNIT, 5, 3, buf, sizeof buf);
    CU_ASSERT_STRING_EQUAL(buf, "empty range for randrange() (5, 3, -2)");
    py_mt_randrange_error(PY_MT_ZERO_STEP, 0, 10, buf, sizeof buf);
    CU_ASSERT_STRING_EQUAL(buf, "zero step for randrange()");
    /* a full-width int64 range is one draw of 64 bits, no overflow */
    CU_ASSERT_EQUAL(py_mt_randrange(&m, INT64_MIN, INT64_MAX, 1, &v), PY_MT_OK);
    CU_ASSERT(v >= INT64_MIN && v < INT64_MAX);
}

static void test_shuffle(void)
{
    py_mt m;
    size_t p[1000];
    for (size_t i = 0; i < 10; i++)
        p[i] = i;
    py_mt_seed_i64(&m, 5);
    py_mt_shuffle_size(&m, p, 10);
    CU_ASSERT_EQUAL(memcmp(p, ref_seed5_shuffle10, sizeof ref_seed5_shuffle10), 0);
    void *q[10];
    for (size_t i = 0; i < 10; i++)
        q[i] = (void *)(uintptr_t)(i + 1);
    py_mt_seed_i64(&m, 5);
    py_mt_shuffle_ptr(&m, q, 10);
    for (size_t i = 0; i < 10; i++)
        CU_ASSERT_EQUAL((uintptr_t)q[i], ref_seed5_shuffle10[i] + 1);
    for (size_t i = 0; i < 1000; i++)
        p[i] = i;
    py_mt_seed_i64(&m, 5);
    py_mt_shuffle_size(&m, p, 1000);
    CU_ASSERT_EQUAL(memcmp(p, ref_seed5_shuffle1000_head,
                           sizeof ref_seed5_shuffle1000_head), 0);
}

static void test_choice(void)
{
    py_mt m;
    size_t idx = 99;
    py_mt_seed_i64(&m, 9);
    for (size_t i = 0; i < NELEM(ref_seed9_choice37); i++) {
        CU_ASSERT_EQUAL(py_mt_choice_index(&m, 37, &idx), PY_MT_OK);
        CU_ASSERT_EQUAL(idx, ref_seed9_choice37[i]);
    }
    CU_ASSERT_EQUAL(py_mt_choice_index(&m, 0, &idx), PY_MT_EMPTY_SEQ);
    py_mt_seed_i64(&m, 17);
    for (size_t i = 0; i < NELEM(ref_seed17_choices); i++)
        CU_ASSERT_EQUAL(py_mt_choices_index(&m, 10), ref_seed17_choices[i]);
}

static void check_sample(size_t n, size_t k, const size_t *ref)
{
    py_mt m;
    size_t out[64];
    CU_ASSERT_FATAL(k <= NELEM(out));
    py_mt_seed_i64(&m, 11);
    CU_ASSERT_EQUAL(py_mt_sample_indices(&m, n, (int64_t)k, out), PY_MT_OK);
    CU_ASSERT_EQUAL(memcmp(out, ref, k * sizeof *out), 0);
}

static void test_sample(void)
{
    check_sample(20, 5, ref_seed11_sample_small);        /* pool method */
    check_sample(100000, 8, ref_seed11_sample_large);    /* set method */
    check_sample(30, 30, ref_seed11_sample_all);
    check_sample(200, 40, ref_seed11_sample_mid);        /* pool, k > 5 */
    py_mt m;
    size_t out[4];
    py_mt_seed_i64(&m, 1);
    CU_ASSERT_EQUAL(py_mt_sample_indices(&m, 3, 4, out), PY_MT_BAD_SAMPLE);
    CU_ASSERT_EQUAL(py_mt_sample_indices(&m, 3, -1, out), PY_MT_BAD_SAMPLE);
    CU_ASSERT_EQUAL(py_mt_sample_indices(&m, 0, 0, out), PY_MT_OK);
}

static void test_uniform_and_instance(void)
{
    py_mt m;
    py_mt_seed_i64(&m, 13);
    for (size_t i = 0; i < NELEM(ref_seed13_uniform); i++)
        CU_ASSERT_EQUAL(py_mt_uniform(&m, -2.5, 10.0), ref_seed13_uniform[i]);
    int64_t v;
    py_mt_seed_i64(&m, 99); /* random.Random(99) seeds the same way */
    CU_ASSERT_EQUAL(py_mt_randrange1(&m, 1000, &v), PY_MT_OK);
    CU_ASSERT_EQUAL(v, ref_inst99_mixed[0]);
    CU_ASSERT_EQUAL((int64_t)py_mt_getrandbits64(&m, 3), ref_inst99_mixed[1]);
    CU_ASSERT_EQUAL(py_mt_randint(&m, 0, 1LL << 40, &v), PY_MT_OK);
    CU_ASSERT_EQUAL(v, ref_inst99_mixed[2]);
    CU_ASSERT_EQUAL((int64_t)(py_mt_random(&m) * 9007199254740992.0), ref_inst99_mixed[3]);
}

static void test_getstate_setstate(void)
{
    py_mt m, copy;
    uint32_t st[PY_MT_N + 1];
    py_mt_seed_i64(&m, 42);
    for (int i = 0; i < 3; i++)
        py_mt_random(&m);
    py_mt_getstate(&m, st);
    /* python3: random.seed(42); 3 draws; random.getstate()[1] */
    CU_ASSERT_EQUAL(st[0], ref_seed42_state_probe[0]);
    CU_ASSERT_EQUAL(st[1], ref_seed42_state_probe[1]);
    CU_ASSERT_EQUAL(st[2], ref_seed42_state_probe[2]);
    CU_ASSERT_EQUAL(st[623], ref_seed42_state_probe[3]);
    CU_ASSERT_EQUAL(st[624], ref_seed42_state_probe[4]);
    py_mt_seed_i64(&copy, 7);
    CU_ASSERT_EQUAL(py_mt_setstate(&copy, st), 0);
    check_random(&copy, ref_seed42_after_state, NELEM(ref_seed42_after_state));
    st[PY_MT_N] = PY_MT_N + 1;
    CU_ASSERT_EQUAL(py_mt_setstate(&copy, st), -1);
}

/* random.randint(10**20, 10**21) = 10**20 + _randbelow(9 * 10**20 + 1). */
static void test_randbelow_bignum(void)
{
    typedef unsigned __int128 u128;
    const u128 e20 = (u128)10000000000ULL * 10000000000ULL;
    const u128 width = 9 * e20 + 1;
    const uint32_t n[3] = {(uint32_t)width, (uint32_t)(width >> 32), (uint32_t)(width >> 64)};
    py_mt m;
    py_mt_seed_i64(&m, 3);
    for (size_t i = 0; i < 4; i++) {
        uint32_t r[3];
        py_mt_randbelow_words(&m, n, 3, r);
        u128 v = e20 + ((u128)r[0] | ((u128)r[1] << 32) | ((u128)r[2] << 64));
        const uint32_t *want = &ref_seed3_randint_e20_e21[3 * i];
        CU_ASSERT_EQUAL((uint32_t)v, want[0]);
        CU_ASSERT_EQUAL((uint32_t)(v >> 32), want[1]);
        CU_ASSERT_EQUAL((uint32_t)(v >> 64), want[2]);
    }
}

static void test_sha512(void)
{
    unsigned char msg[768], out[64];
    for (size_t i = 0; i < sizeof msg; i++)
        msg[i] = (unsigned char)i;
    py_mt_sha512(msg, 0, out);
    CU_ASSERT_EQUAL(memcmp(out, ref_sha512_0, 64), 0);
    py_mt_sha512((const unsigned char *)"abc", 3, out);
    CU_ASSERT_EQUAL(memcmp(out, ref_sha512_1, 64), 0);
    unsigned char fill[128];
    memset(fill, 'x', 111); /* padding fits the last block */
    py_mt_sha512(fill, 111, out);
    CU_ASSERT_EQUAL(memcmp(out, ref_sha512_2, 64), 0);
    memset(fill, 'y', 112); /* padding spills into a second block */
    py_mt_sha512(fill, 112, out);
    CU_ASSERT_EQUAL(memcmp(out, ref_sha512_3, 64), 0);
    memset(fill, 'z', 128);
    py_mt_sha512(fill, 128, out);
    CU_ASSERT_EQUAL(memcmp(out, ref_sha512_4, 64), 0);
    py_mt_sha512(msg, sizeof msg, out);
    CU_ASSERT_EQUAL(memcmp(out, ref_sha512_5, 64), 0);
}

static void test_seed_str_bytes(void)
{
    py_mt m;
    const char *s[] = {"hello", "\x00\x01" "bytes", "h\xc3\xa9llo w\xc3\xb6rld", ""};
    const size_t n[] = {5, 7, 13, 0};
    const double *ref[] = {ref_strseed_0, ref_strseed_1, ref_strseed_2, ref_strseed_3};
    for (int i = 0; i < 4; i++) {
        CU_ASSERT_EQUAL(py_mt_seed_bytes(&m, (const unsigned char *)s[i], n[i]), 0);
        check_random(&m, ref[i], 3);
    }
}

int main(void)
{
    if (CU_initialize_registry() != CUE_SUCCESS)
        return 2;
    CU_pSuite s = CU_add_suite("py_mt", NULL, NULL);
    if (!s)
        return 2;
    CU_ADD(s, test_seed_small_ints);
    CU_ADD(s, test_seed_words);
    CU_ADD(s, test_getrandbits);
    CU_ADD(s, test_randrange);
    CU_ADD(s, test_randint);
    CU_ADD(s, test_range_errors);
    CU_ADD(s, test_shuffle);
    CU_ADD(s, test_choice);
    CU_ADD(s, test_sample);
    CU_ADD(s, test_uniform_and_instance);
    CU_ADD(s, test_getstate_setstate);
    CU_ADD(s, test_randbelow_bignum);
    CU_ADD(s, test_sha512);
    CU_ADD(s, test_seed_str_bytes);
    return cu_run();
}
