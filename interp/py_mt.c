/* py_mt.c: MT19937 and CPython 3.11's random algorithms (see py_mt.h).
 *
 * The generator is Matsumoto and Nishimura's MT19937 (2002 initialisation),
 * which CPython's _randommodule.c uses unchanged; the algorithms above it
 * follow Lib/random.py of CPython 3.11 step by step, because a seeded
 * program's output depends on the exact number of 32-bit words drawn.
 */
#include "py_mt.h"

#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Scratch memory (seeding, sampling): libc's by default; the interpreter
 * installs the collector's with a free that does nothing, for the reason
 * py_dtoa.h gives (a free inside a simulated transaction). */
static void *mt_malloc_default(size_t n) { return malloc(n); }
static void *(*mt_malloc)(size_t) = mt_malloc_default;
static void (*mt_free)(void *) = free;

void py_mt_set_allocator(void *(*alloc)(size_t), void (*release)(void *))
{
    mt_malloc = alloc;
    mt_free = release;
}

/* zeroed, as calloc */
static void *mt_calloc(size_t n, size_t size)
{
    if (size && n > SIZE_MAX / size)
        return NULL;
    void *p = mt_malloc(n * size);
    if (p)
        memset(p, 0, n * size);
    return p;
}

/* MT19937 parameters (the algorithm's, not tunables). */
#define MT_M 397
#define MT_MATRIX_A 0x9908b0dfU
#define MT_UPPER_MASK 0x80000000U
#define MT_LOWER_MASK 0x7fffffffU
/* Seed the reference code uses when a generator was never seeded. */
#define MT_DEFAULT_SEED 5489U

void py_mt_init_genrand(py_mt *m, uint32_t s)
{
    m->mt[0] = s;
    for (int i = 1; i < PY_MT_N; i++) {
        uint32_t prev = m->mt[i - 1];
        m->mt[i] = 1812433253U * (prev ^ (prev >> 30)) + (uint32_t)i;
    }
    m->mti = PY_MT_N;
}

void py_mt_init_by_array(py_mt *m, const uint32_t *key, size_t len)
{
    static const uint32_t zero_key[1] = {0};
    if (len == 0) { /* CPython never passes an empty key; [0] is its "zero" */
        key = zero_key;
        len = 1;
    }
    py_mt_init_genrand(m, 19650218U);
    size_t i = 1, j = 0;
    for (size_t k = PY_MT_N > len ? PY_MT_N : len; k; k--) {
        uint32_t prev = m->mt[i - 1];
        m->mt[i] = (m->mt[i] ^ ((prev ^ (prev >> 30)) * 1664525U)) + key[j] + (uint32_t)j;
        if (++i >= PY_MT_N) {
            m->mt[0] = m->mt[PY_MT_N - 1];
            i = 1;
        }
        if (++j >= len)
            j = 0;
    }
    for (size_t k = PY_MT_N - 1; k; k--) {
        uint32_t prev = m->mt[i - 1];
        m->mt[i] = (m->mt[i] ^ ((prev ^ (prev >> 30)) * 1566083941U)) - (uint32_t)i;
        if (++i >= PY_MT_N) {
            m->mt[0] = m->mt[PY_MT_N - 1];
            i = 1;
        }
    }
    m->mt[0] = 0x80000000U; /* MSB is 1, assuring a non-zero initial array */
}

static uint32_t mt_twist(uint32_t a, uint32_t b, uint32_t far)
{
    uint32_t y = (a & MT_UPPER_MASK) | (b & MT_LOWER_MASK);
    return far ^ (y >> 1) ^ ((y & 1U) ? MT_MATRIX_A : 0U);
}

static void mt_refill(py_mt *m)
{
    if (m->mti == PY_MT_N + 1)
        py_mt_init_genrand(m, MT_DEFAULT_SEED);
    int kk = 0;
    for (; kk < PY_MT_N - MT_M; kk++)
        m->mt[kk] = mt_twist(m->mt[kk], m->mt[kk + 1], m->mt[kk + MT_M]);
    for (; kk < PY_MT_N - 1; kk++)
        m->mt[kk] = mt_twist(m->mt[kk], m->mt[kk + 1], m->mt[kk + (MT_M - PY_MT_N)]);
    m->mt[PY_MT_N - 1] = mt_twist(m->mt[PY_MT_N - 1], m->mt[0], m->mt[MT_M - 1]);
    m->mti = 0;
}

uint32_t py_mt_genrand32(py_mt *m)
{
    if (m->mti >= PY_MT_N)
        mt_refill(m);
    uint32_t y = m->mt[m->mti++];
    y ^= y >> 11;
    y ^= (y << 7) & 0x9d2c5680U;
    y ^= (y << 15) & 0xefc60000U;
    y ^= y >> 18;
    return y;
}

void py_mt_seed_words(py_mt *m, const uint32_t *words, size_t nwords)
{
    while (nwords > 0 && words[nwords - 1] == 0)
        nwords--; /* CPython's key has exactly bit_length(|a|) bits */
    py_mt_init_by_array(m, words, nwords);
}

void py_mt_seed_i64(py_mt *m, int64_t a)
{
    uint64_t mag = a < 0 ? (uint64_t)0 - (uint64_t)a : (uint64_t)a;
    uint32_t key[2] = {(uint32_t)mag, (uint32_t)(mag >> 32)};
    py_mt_seed_words(m, key, 2);
}

void py_mt_getstate(const py_mt *m, uint32_t state[PY_MT_N + 1])
{
    for (int i = 0; i < PY_MT_N; i++)
        state[i] = m->mt[i];
    state[PY_MT_N] = (uint32_t)m->mti;
}

int py_mt_setstate(py_mt *m, const uint32_t state[PY_MT_N + 1])
{
    if (state[PY_MT_N] > PY_MT_N)
        return -1;
    for (int i = 0; i < PY_MT_N; i++)
        m->mt[i] = state[i];
    m->mti = (int)state[PY_MT_N];
    return 0;
}

/* ---- random.seed(str | bytes): CPython's version-2 seeding ----------------
 * seed(a) for str/bytes uses int.from_bytes(a + sha512(a).digest(), "big")
 * as the integer seed, so SHA-512 (FIPS 180-4) is needed here. Its constants
 * are the first 64 bits of the fractional parts of the square roots (H0)
 * and cube roots (K) of the first primes; tests check the digest against
 * python3's hashlib. */

static const uint64_t SHA512_H0[8] = {0x6a09e667f3bcc908ULL, 0xbb67ae8584caa73bULL, 0x3c6ef372fe94f82bULL, 0xa54ff53a5f1d36f1ULL, 0x510e527fade682d1ULL, 0x9b05688c2b3e6c1fULL, 0x1f83d9abfb41bd6bULL, 0x5be0cd19137e2179ULL};

static const uint64_t SHA512_K[80] = {
    0x428a2f98d728ae22ULL, 0x7137449123ef65cdULL, 0xb5c0fbcfec4d3b2fULL, 0xe9b5dba58189dbbcULL,
    0x3956c25bf348b538ULL, 0x59f111f1b605d019ULL, 0x923f82a4af194f9bULL, 0xab1c5ed5da6d8118ULL,
    0xd807aa98a3030242ULL, 0x12835b0145706fbeULL, 0x243185be4ee4b28cULL, 0x550c7dc3d5ffb4e2ULL,
    0x72be5d74f27b896fULL, 0x80deb1fe3b1696b1ULL, 0x9bdc06a725c71235ULL, 0xc19bf174cf692694ULL,
    0xe49b69c19ef14ad2ULL, 0xefbe4786384f25e3ULL, 0x0fc19dc68b8cd5b5ULL, 0x240ca1cc77ac9c65ULL,
    0x2de92c6f592b0275ULL, 0x4a7484aa6ea6e483ULL, 0x5cb0a9dcbd41fbd4ULL, 0x76f988da831153b5ULL,
    0x983e5152ee66dfabULL, 0xa831c66d2db43210ULL, 0xb00327c898fb213fULL, 0xbf597fc7beef0ee4ULL,
    0xc6e00bf33da88fc2ULL, 0xd5a79147930aa725ULL, 0x06ca6351e003826fULL, 0x142929670a0e6e70ULL,
    0x27b70a8546d22ffcULL, 0x2e1b21385c26c926ULL, 0x4d2c6dfc5ac42aedULL, 0x53380d139d95b3dfULL,
    0x650a73548baf63deULL, 0x766a0abb3c77b2a8ULL, 0x81c2c92e47edaee6ULL, 0x92722c851482353bULL,
    0xa2bfe8a14cf10364ULL, 0xa81a664bbc423001ULL, 0xc24b8b70d0f89791ULL, 0xc76c51a30654be30ULL,
    0xd192e819d6ef5218ULL, 0xd69906245565a910ULL, 0xf40e35855771202aULL, 0x106aa07032bbd1b8ULL,
    0x19a4c116b8d2d0c8ULL, 0x1e376c085141ab53ULL, 0x2748774cdf8eeb99ULL, 0x34b0bcb5e19b48a8ULL,
    0x391c0cb3c5c95a63ULL, 0x4ed8aa4ae3418acbULL, 0x5b9cca4f7763e373ULL, 0x682e6ff3d6b2b8a3ULL,
    0x748f82ee5defb2fcULL, 0x78a5636f43172f60ULL, 0x84c87814a1f0ab72ULL, 0x8cc702081a6439ecULL,
    0x90befffa23631e28ULL, 0xa4506cebde82bde9ULL, 0xbef9a3f7b2c67915ULL, 0xc67178f2e372532bULL,
    0xca273eceea26619cULL, 0xd186b8c721c0c207ULL, 0xeada7dd6cde0eb1eULL, 0xf57d4f7fee6ed178ULL,
    0x06f067aa72176fbaULL, 0x0a637dc5a2c898a6ULL, 0x113f9804bef90daeULL, 0x1b710b35131c471bULL,
    0x28db77f523047d84ULL, 0x32caab7b40c72493ULL, 0x3c9ebe0a15c9bebcULL, 0x431d67c49c100d4cULL,
    0x4cc5d4becb3e42b6ULL, 0x597f299cfc657e2aULL, 0x5fcb6fab3ad6faecULL, 0x6c44198c4a475817ULL,
};

static uint64_t rotr64(uint64_t x, unsigned n)
{
    return (x >> n) | (x << (64 - n));
}

static void sha512_block(uint64_t h[8], const unsigned char *p)
{
    uint64_t w[80], v[8];
    for (int i = 0; i < 16; i++) {
        w[i] = 0;
        for (int j = 0; j < 8; j++)
            w[i] = (w[i] << 8) | p[8 * i + j];
    }
    for (int i = 16; i < 80; i++) {
        uint64_t s0 = rotr64(w[i - 15], 1) ^ rotr64(w[i - 15], 8) ^ (w[i - 15] >> 7);
        uint64_t s1 = rotr64(w[i - 2], 19) ^ rotr64(w[i - 2], 61) ^ (w[i - 2] >> 6);
        w[i] = w[i - 16] + s0 + w[i - 7] + s1;
    }
    memcpy(v, h, sizeof v);
    for (int i = 0; i < 80; i++) {
        uint64_t s1 = rotr64(v[4], 14) ^ rotr64(v[4], 18) ^ rotr64(v[4], 41);
        uint64_t ch = (v[4] & v[5]) ^ (~v[4] & v[6]);
        uint64_t t1 = v[7] + s1 + ch + SHA512_K[i] + w[i];
        uint64_t s0 = rotr64(v[0], 28) ^ rotr64(v[0], 34) ^ rotr64(v[0], 39);
        uint64_t maj = (v[0] & v[1]) ^ (v[0] & v[2]) ^ (v[1] & v[2]);
        memmove(v + 1, v, 7 * sizeof v[0]);
        v[4] += t1;
        v[0] = t1 + s0 + maj;
    }
    for (int i = 0; i < 8; i++)
        h[i] += v[i];
}

void py_mt_sha512(const unsigned char *data, size_t len, unsigned char out[64])
{
    uint64_t h[8];
    unsigned char tail[256] = {0};
    memcpy(h, SHA512_H0, sizeof h);
    size_t full = len / 128, rest = len % 128;
    for (size_t i = 0; i < full; i++)
        sha512_block(h, data + 128 * i);
    memcpy(tail, data + 128 * full, rest);
    tail[rest] = 0x80;
    size_t tlen = rest + 1 + 16 <= 128 ? 128 : 256;
    uint64_t bits = (uint64_t)len * 8; /* lengths below 2**61 bytes */
    for (int j = 0; j < 8; j++)
        tail[tlen - 1 - j] = (unsigned char)(bits >> (8 * j));
    for (size_t off = 0; off < tlen; off += 128)
        sha512_block(h, tail + off);
    for (int i = 0; i < 8; i++)
        for (int j = 0; j < 8; j++)
            out[8 * i + j] = (unsigned char)(h[i] >> (56 - 8 * j));
}

int py_mt_seed_bytes(py_mt *m, const unsigned char *data, size_t len)
{
    size_t total = len + 64, nwords = (total + 3) / 4;
    unsigned char *buf = mt_malloc(total);
    uint32_t *words = mt_calloc(nwords, sizeof *words);
    if (!buf || !words) {
        mt_free(buf);
        mt_free(words);
        return -1;
    }
    memcpy(buf, data, len);
    py_mt_sha512(data, len, buf + len);
    /* buf is a big-endian integer; key words are little-endian */
    for (size_t i = 0; i < total; i++)
        words[i / 4] |= (uint32_t)buf[total - 1 - i] << (8 * (i % 4));
    py_mt_seed_words(m, words, nwords);
    mt_free(buf);
    mt_free(words);
    return 0;
}

double py_mt_random(py_mt *m)
{
    uint32_t a = py_mt_genrand32(m) >> 5, b = py_mt_genrand32(m) >> 6;
    return (a * 67108864.0 + b) * (1.0 / 9007199254740992.0);
}

void py_mt_getrandbits_words(py_mt *m, uint64_t k, uint32_t *out)
{
    for (uint64_t i = 0; k > 0; i++) {
        uint32_t r = py_mt_genrand32(m);
        if (k < 32) {
            r >>= 32 - k; /* the last word keeps its most significant bits */
            k = 0;
        } else {
            k -= 32;
        }
        out[i] = r;
    }
}

uint64_t py_mt_getrandbits64(py_mt *m, unsigned k)
{
    if (k > 64)
        k = 64;
    uint32_t w[2] = {0, 0};
    py_mt_getrandbits_words(m, k, w);
    return (uint64_t)w[0] | ((uint64_t)w[1] << 32);
}

static unsigned bit_length64(uint64_t n)
{
    return n ? 64U - (unsigned)__builtin_clzll(n) : 0U;
}

uint64_t py_mt_randbelow(py_mt *m, uint64_t n)
{
    if (n == 0)
        return 0;
    unsigned k = bit_length64(n);
    uint64_t r = py_mt_getrandbits64(m, k);
    while (r >= n)
        r = py_mt_getrandbits64(m, k);
    return r;
}

/* a < b for two len-word little-endian numbers. */
static bool words_less(const uint32_t *a, const uint32_t *b, size_t len)
{
    for (size_t i = len; i-- > 0;)
        if (a[i] != b[i])
            return a[i] < b[i];
    return false;
}

void py_mt_randbelow_words(py_mt *m, const uint32_t *n, size_t len, uint32_t *out)
{
    uint64_t k = 32 * (uint64_t)(len - 1) + (32U - (unsigned)__builtin_clz(n[len - 1]));
    do
        py_mt_getrandbits_words(m, k, out);
    while (!words_less(out, n, len));
}

py_mt_status py_mt_randrange1(py_mt *m, int64_t stop, int64_t *out)
{
    if (stop <= 0)
        return PY_MT_EMPTY_RANGE;
    *out = (int64_t)py_mt_randbelow(m, (uint64_t)stop);
    return PY_MT_OK;
}

/* Python's a // b for b != 0. */
static __int128 floordiv128(__int128 a, __int128 b)
{
    __int128 q = a / b;
    if ((a % b != 0) && ((a < 0) != (b < 0)))
        q--;
    return q;
}

py_mt_status py_mt_randrange(py_mt *m, int64_t start, int64_t stop, int64_t step,
                             int64_t *out)
{
    __int128 width = (__int128)stop - start;
    if (step == 1) {
        if (width <= 0)
            return PY_MT_EMPTY_RANGE_UNIT;
        if (width > (__int128)UINT64_MAX)
            return PY_MT_OVERFLOW;
        *out = (int64_t)(start + (__int128)py_mt_randbelow(m, (uint64_t)width));
        return PY_MT_OK;
    }
    if (step == 0)
        return PY_MT_ZERO_STEP;
    __int128 n = step > 0 ? floordiv128(width + step - 1, step)
                          : floordiv128(width + step + 1, step);
    if (n <= 0)
        return PY_MT_EMPTY_RANGE;
    *out = (int64_t)(start + (__int128)step * py_mt_randbelow(m, (uint64_t)n));
    return PY_MT_OK;
}

py_mt_status py_mt_randint(py_mt *m, int64_t a, int64_t b, int64_t *out)
{
    if (b == INT64_MAX)
        return PY_MT_OVERFLOW; /* b + 1 is a bignum */
    return py_mt_randrange(m, a, b + 1, 1, out);
}

py_mt_status py_mt_choice_index(py_mt *m, size_t n, size_t *out)
{
    if (n == 0)
        return PY_MT_EMPTY_SEQ;
    *out = (size_t)py_mt_randbelow(m, n);
    return PY_MT_OK;
}

size_t py_mt_choices_index(py_mt *m, size_t n)
{
    return (size_t)floor(py_mt_random(m) * (double)n);
}

void py_mt_shuffle_size(py_mt *m, size_t *perm, size_t n)
{
    for (size_t i = n; i-- > 1;) {
        size_t j = (size_t)py_mt_randbelow(m, i + 1);
        size_t t = perm[i];
        perm[i] = perm[j];
        perm[j] = t;
    }
}

void py_mt_shuffle_ptr(py_mt *m, void **items, size_t n)
{
    for (size_t i = n; i-- > 1;) {
        size_t j = (size_t)py_mt_randbelow(m, i + 1);
        void *t = items[i];
        items[i] = items[j];
        items[j] = t;
    }
}

/* sample()'s switch between its two methods: CPython compares the population
 * size with the memory of a small set, 21 + 4**ceil(log(3k, 4)) for k > 5. */
static bool sample_uses_pool(size_t n, size_t k)
{
    double setsize = 21.0;
    if (k > 5) {
        double c = ceil(log((double)k * 3.0) / log(4.0));
        setsize += pow(4.0, c); /* exact: a power of two below 2**1024 */
    }
    return (double)n <= setsize;
}

static py_mt_status sample_pool(py_mt *m, size_t n, size_t k, size_t *out)
{
    size_t *pool = mt_malloc((n ? n : 1) * sizeof *pool);
    if (!pool)
        return PY_MT_NOMEM;
    for (size_t i = 0; i < n; i++)
        pool[i] = i;
    for (size_t i = 0; i < k; i++) {
        size_t j = (size_t)py_mt_randbelow(m, n - i);
        out[i] = pool[j];
        pool[j] = pool[n - i - 1]; /* move the non-selected item into the vacancy */
    }
    mt_free(pool);
    return PY_MT_OK;
}

/* Open-addressing set of indices; SIZE_MAX marks an empty slot (an index is
 * always < n <= SIZE_MAX). Returns false if j was already present. */
static bool index_set_add(size_t *slots, size_t mask, size_t j)
{
    size_t h = (j * (size_t)0x9e3779b97f4a7c15ULL) & mask;
    while (slots[h] != SIZE_MAX) {
        if (slots[h] == j)
            return false;
        h = (h + 1) & mask;
    }
    slots[h] = j;
    return true;
}

static py_mt_status sample_set(py_mt *m, size_t n, size_t k, size_t *out)
{
    size_t cap = 8;
    while (cap < 2 * k + 1)
        cap *= 2; /* load factor <= 1/2 keeps probes short */
    size_t *slots = mt_malloc(cap * sizeof *slots);
    if (!slots)
        return PY_MT_NOMEM;
    for (size_t i = 0; i < cap; i++)
        slots[i] = SIZE_MAX;
    for (size_t i = 0; i < k; i++) {
        size_t j = (size_t)py_mt_randbelow(m, n);
        while (!index_set_add(slots, cap - 1, j))
            j = (size_t)py_mt_randbelow(m, n);
        out[i] = j;
    }
    mt_free(slots);
    return PY_MT_OK;
}

py_mt_status py_mt_sample_indices(py_mt *m, size_t n, int64_t k, size_t *out)
{
    if (k < 0 || (uint64_t)k > (uint64_t)n)
        return PY_MT_BAD_SAMPLE;
    if (sample_uses_pool(n, (size_t)k))
        return sample_pool(m, n, (size_t)k, out);
    return sample_set(m, n, (size_t)k, out);
}

double py_mt_uniform(py_mt *m, double a, double b)
{
    return a + (b - a) * py_mt_random(m);
}

const char *py_mt_status_message(py_mt_status st)
{
    switch (st) {
    case PY_MT_EMPTY_RANGE: return "empty range for randrange()";
    case PY_MT_EMPTY_RANGE_UNIT: return "empty range for randrange()";
    case PY_MT_ZERO_STEP: return "zero step for randrange()";
    case PY_MT_EMPTY_SEQ: return "Cannot choose from an empty sequence";
    case PY_MT_BAD_SAMPLE: return "Sample larger than population or is negative";
    case PY_MT_NOMEM: return "out of memory";
    case PY_MT_OK:
    case PY_MT_OVERFLOW: break;
    }
    return NULL;
}

int py_mt_randrange_error(py_mt_status st, int64_t start, int64_t stop, char *buf,
                          size_t size)
{
    if (st == PY_MT_EMPTY_RANGE_UNIT)
        return snprintf(buf, size, "empty range for randrange() (%lld, %lld, %lld)",
                        (long long)start, (long long)stop,
                        (long long)((__int128)stop - start));
    const char *msg = py_mt_status_message(st);
    return snprintf(buf, size, "%s", msg ? msg : "");
}
