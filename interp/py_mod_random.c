/* py_mod_random.c: the random module over py_mt (CPython's Mersenne Twister
 * and algorithms). A Random object is a shared mutable object: every draw
 * holds its lock (PY_LOCK) because it advances the state; the generator
 * state and the gauss pair are only touched under it. Nothing that can run
 * Python code or take another object's lock runs while it is held: seeds
 * are hashed before, and a population (which may be a list other threads
 * change) is read with the list API or copied before any draw. */
#include "py_vm.h"
#include "py_lock.h"
#include "py_mt.h"

#include <math.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

typedef struct {
    py_obj ob;
    py_mt mt;
    double gauss_next;
    int has_gauss;
    pv dict;
} py_random;

static py_type random_type;

/* ---- SHA-512 (FIPS 180-4), for random.seed(str/bytes) as CPython 3.11:
 * the seed is int.from_bytes(data + sha512(data).digest(), 'big'). The round
 * constants are computed exactly with GMP (fractional parts of the cube
 * roots of the first 80 primes; the initial state from square roots). */
static uint64_t sha_k[80], sha_h0[8];

/* Computed once (pthread_once: a second thread must not see a half-filled
 * table). */
static void sha_compute_constants(void)
{
    int primes[80], np = 0;
    for (int c = 2; np < 80; c++) {
        int is = 1;
        for (int d = 2; d * d <= c; d++)
            if (c % d == 0)
                is = 0;
        if (is)
            primes[np++] = c;
    }
    mpz_t x, r;
    mpz_init(x);
    mpz_init(r);
    for (int i = 0; i < 80; i++) {
        mpz_set_ui(x, (unsigned long)primes[i]);
        mpz_mul_2exp(x, x, 192);
        mpz_root(r, x, 3);
        sha_k[i] = (uint64_t)mpz_get_ui(r); /* low 64 bits: the fraction */
        if (i < 8) {
            mpz_set_ui(x, (unsigned long)primes[i]);
            mpz_mul_2exp(x, x, 128);
            mpz_sqrt(r, x);
            sha_h0[i] = (uint64_t)mpz_get_ui(r);
        }
    }
}

#define ROR(x, n) (((x) >> (n)) | ((x) << (64 - (n))))
static void sha_block(uint64_t h[8], const unsigned char *p)
{
    uint64_t w[80];
    for (int i = 0; i < 16; i++) {
        w[i] = 0;
        for (int j = 0; j < 8; j++)
            w[i] = (w[i] << 8) | p[i * 8 + j];
    }
    for (int i = 16; i < 80; i++) {
        uint64_t s0 = ROR(w[i - 15], 1) ^ ROR(w[i - 15], 8) ^ (w[i - 15] >> 7);
        uint64_t s1 = ROR(w[i - 2], 19) ^ ROR(w[i - 2], 61) ^ (w[i - 2] >> 6);
        w[i] = w[i - 16] + s0 + w[i - 7] + s1;
    }
    uint64_t a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], hh = h[7];
    for (int i = 0; i < 80; i++) {
        uint64_t S1 = ROR(e, 14) ^ ROR(e, 18) ^ ROR(e, 41);
        uint64_t ch = (e & f) ^ (~e & g);
        uint64_t t1 = hh + S1 + ch + sha_k[i] + w[i];
        uint64_t S0 = ROR(a, 28) ^ ROR(a, 34) ^ ROR(a, 39);
        uint64_t maj = (a & b) ^ (a & c) ^ (b & c);
        uint64_t t2 = S0 + maj;
        hh = g;
        g = f;
        f = e;
        e = d + t1;
        d = c;
        c = b;
        b = a;
        a = t1 + t2;
    }
    h[0] += a; h[1] += b; h[2] += c; h[3] += d; h[4] += e; h[5] += f; h[6] += g; h[7] += hh;
}

static void sha_init_constants(void)
{
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, sha_compute_constants);
}

static void sha512(const unsigned char *data, size_t n, unsigned char out[64])
{
    sha_init_constants();
    uint64_t h[8];
    memcpy(h, sha_h0, sizeof h);
    size_t full = n / 128 * 128;
    for (size_t i = 0; i < full; i += 128)
        sha_block(h, data + i);
    unsigned char tail[256];
    size_t rem = n - full;
    memset(tail, 0, sizeof tail);
    memcpy(tail, data + full, rem);
    tail[rem] = 0x80;
    size_t tl = rem + 1 + 16 <= 128 ? 128 : 256;
    uint64_t bits = (uint64_t)n * 8;
    for (int j = 0; j < 8; j++)
        tail[tl - 1 - j] = (unsigned char)(bits >> (8 * j));
    sha_block(h, tail);
    if (tl == 256)
        sha_block(h, tail + 128);
    for (int i = 0; i < 8; i++)
        for (int j = 0; j < 8; j++)
            out[i * 8 + j] = (unsigned char)(h[i] >> (56 - 8 * j));
}

/* A seed as the words py_mt_seed_words takes (computed without the lock:
 * it may hash a tuple). *time_seed: a = None, seed from the clock. */
typedef struct { uint32_t *words; size_t cnt; int time_seed; } seed_st;

static int seed_prepare(pv a, seed_st *out)
{
    out->time_seed = !a || a == py_None;
    if (out->time_seed)
        return 0;
    pv v = a;
    extern py_type py_bytes_type;
    if (PY_ISSTR(a) || py_typeof(a) == &py_bytes_type) {
        /* version 2 seeding: data + sha512(data), big-endian */
        const py_str *sa = (const py_str *)a;
        size_t n = sa->nbytes;
        unsigned char *buf = GC_MALLOC_ATOMIC(n + 64);
        memcpy(buf, sa->s, n);
        sha512(buf, n, buf + n);
        mpz_t z;
        mpz_init(z);
        mpz_import(z, n + 64, 1, 1, 0, 0, buf);
        v = py_int_from_mpz(z);
    } else if (!PY_ISINT(a)) {
        if (PY_ISFLOAT(a) || PY_IS(a, tuple)) {
            intptr_t h = py_hash(a);
            if (h == -1 && py_cur->exc)
                return -1;
            v = py_int_from_i64(h);
        } else {
            py_raise(py_exc_TypeError, "The only supported seed types are: None,\nint, float, str, bytes, and bytearray.");
            return -1;
        }
    }
    mpz_t z;
    mpz_init(z);
    py_int_to_mpz(v, z);
    mpz_abs(z, z);
    size_t nw = (mpz_sizeinbase(z, 2) + 31) / 32;
    uint32_t *words = GC_MALLOC_ATOMIC((nw + 1) * sizeof(uint32_t));
    size_t cnt = 0;
    mpz_export(words, &cnt, -1, sizeof(uint32_t), 0, 0, z);
    out->words = words;
    out->cnt = cnt;
    return 0;
}

static void seed_apply_locked(py_random *r, const seed_st *sd)
{
    PY_ASSERT_LOCKED(r);
    if (sd->time_seed) {
        struct timespec ts;
        clock_gettime(CLOCK_REALTIME, &ts);
        uint32_t key[4] = {(uint32_t)ts.tv_nsec, (uint32_t)ts.tv_sec, (uint32_t)getpid(),
                           (uint32_t)(uintptr_t)r};
        py_mt_init_by_array(&r->mt, key, 4);
    } else
        py_mt_seed_words(&r->mt, sd->words, sd->cnt);
    r->has_gauss = 0;
}

static int seed_obj(py_random *r, pv a)
{
    seed_st sd;
    if (seed_prepare(a, &sd) < 0)
        return -1;
    PY_LOCK(r);
    seed_apply_locked(r, &sd);
    PY_UNLOCK(r);
    return 0;
}

static pv rnd_new(py_type *t, pv *a, size_t n, pv kw)
{
    py_random *r = (py_random *)py_new(t, sizeof(py_random));
    if (seed_obj(r, n ? a[0] : NULL) < 0)
        return NULL;
    return (pv)r;
}

#define R ((py_random *)s)

static pv r_seed(pv s, pv *a, size_t n, pv kw)
{
    return seed_obj(R, n ? a[0] : py_kwarg(kw, a + n, "a")) < 0 ? NULL : py_None;
}
static pv r_random(pv s, pv *a, size_t n, pv kw)
{
    PY_LOCK(s);
    double d = py_mt_random(&R->mt);
    PY_UNLOCK(s);
    return py_float_new(d);
}
static pv range_err(py_mt_status st, int64_t a, int64_t b)
{
    char buf[256];
    py_mt_randrange_error(st, a, b, buf, sizeof buf);
    return py_raise(st == PY_MT_EMPTY_SEQ ? py_exc_IndexError : py_exc_ValueError, "%s", buf);
}
static int get_i64(pv v, int64_t *out, const char *what)
{
    if (PY_ISFLOAT(v)) {
        double d = py_float_val(v);
        if (d != floor(d)) {
            py_raise(py_exc_ValueError, "non-integer arg 1 for randrange()");
            return -1;
        }
        *out = (int64_t)d;
        return 0;
    }
    if (!PY_ISINT(v)) {
        py_raise(py_exc_TypeError, "'%s' object cannot be interpreted as an integer", py_tname(v));
        return -1;
    }
    (void)what;
    return py_int_to_i64(v, out);
}
/* _randbelow(n) for any positive Python int (CPython's getrandbits loop). */
static void big_randbelow_locked(py_random *r, mpz_t n, mpz_t out)
{
    size_t k = mpz_sizeinbase(n, 2);
    size_t nw = (k + 31) / 32;
    uint32_t *words = GC_MALLOC_ATOMIC((nw + 1) * sizeof(uint32_t));
    do {
        py_mt_getrandbits_words(&r->mt, (uint64_t)k, words);
        mpz_import(out, nw, -1, sizeof(uint32_t), 0, 0, words);
    } while (mpz_cmp(out, n) >= 0);
}

/* randrange(start, stop, step) over arbitrary ints; the small path is py_mt. */
static pv big_randrange(pv s, pv start, pv stop, pv step)
{
    mpz_t a, b, st, width, nn, r;
    mpz_inits(a, b, st, width, nn, r, NULL);
    py_int_to_mpz(start, a);
    py_int_to_mpz(stop, b);
    py_int_to_mpz(step, st);
    mpz_sub(width, b, a);
    if (mpz_cmp_ui(st, 1) == 0) {
        if (mpz_sgn(width) <= 0) {
            pv ra = py_repr(start), rb = py_repr(stop);
            return py_raise(py_exc_ValueError, "empty range in randrange(%s, %s)", ra ? py_cstr(ra) : "?",
                            rb ? py_cstr(rb) : "?");
        }
        mpz_set(nn, width);
    } else if (mpz_sgn(st) > 0) {
        mpz_add(nn, width, st);
        mpz_sub_ui(nn, nn, 1);
        mpz_fdiv_q(nn, nn, st);
    } else if (mpz_sgn(st) < 0) {
        mpz_add(nn, width, st);
        mpz_add_ui(nn, nn, 1);
        mpz_fdiv_q(nn, nn, st);
    } else
        return py_raise(py_exc_ValueError, "zero step for randrange()");
    if (mpz_sgn(nn) <= 0)
        return py_raise(py_exc_ValueError, "empty range for randrange()");
    PY_LOCK(s);
    big_randbelow_locked(R, nn, r);
    PY_UNLOCK(s);
    mpz_mul(r, r, st);
    mpz_add(r, r, a);
    return py_int_from_mpz(r);
}

static pv r_randint(pv s, pv *a, size_t n, pv kw)
{
    if (py_nargs("randint", n, 2, 2) < 0)
        return NULL;
    int64_t lo, hi, out;
    if (PY_ISINT(a[0]) && PY_ISINT(a[1]) &&
        (py_int_bitlen(a[0]) > 62 || py_int_bitlen(a[1]) > 62))
        return big_randrange(s, a[0], py_int_binop(PY_NB_ADD, a[1], PY_MKSMALL(1)), PY_MKSMALL(1));
    if (get_i64(a[0], &lo, "a") < 0 || get_i64(a[1], &hi, "b") < 0)
        return NULL;
    PY_LOCK(s);
    py_mt_status st = py_mt_randint(&R->mt, lo, hi, &out);
    PY_UNLOCK(s);
    if (st != PY_MT_OK)
        return range_err(st, lo, hi + 1);
    return py_int_from_i64(out);
}
static pv r_randrange(pv s, pv *a, size_t n, pv kw)
{
    if (py_nargs("randrange", n, 1, 3) < 0)
        return NULL;
    int64_t v[3] = {0, 0, 1}, out;
    int big = 0;
    for (size_t i = 0; i < n; i++)
        big |= PY_ISINT(a[i]) && py_int_bitlen(a[i]) > 62;
    if (big)
        return n == 1 ? big_randrange(s, PY_MKSMALL(0), a[0], PY_MKSMALL(1))
                      : big_randrange(s, a[0], a[1], n == 3 ? a[2] : PY_MKSMALL(1));
    for (size_t i = 0; i < n; i++)
        if (get_i64(a[i], &v[i], "arg") < 0)
            return NULL;
    py_mt_status st;
    PY_LOCK(s);
    if (n == 1)
        st = py_mt_randrange1(&R->mt, v[0], &out);
    else
        st = py_mt_randrange(&R->mt, v[0], v[1], n == 3 ? v[2] : 1, &out);
    PY_UNLOCK(s);
    if (st != PY_MT_OK)
        return n == 1 ? range_err(st, 0, v[0]) : range_err(st, v[0], v[1]);
    return py_int_from_i64(out);
}
static pv r_getrandbits(pv s, pv *a, size_t n, pv kw)
{
    int64_t k;
    if (py_nargs("getrandbits", n, 1, 1) < 0 || py_int_to_i64(a[0], &k) < 0)
        return NULL;
    if (k < 0)
        return py_raise(py_exc_ValueError, "number of bits must be non-negative");
    size_t nw = ((size_t)k + 31) / 32;
    uint32_t *words = GC_MALLOC_ATOMIC((nw + 1) * sizeof(uint32_t));
    PY_LOCK(s);
    py_mt_getrandbits_words(&R->mt, (uint64_t)k, words);
    PY_UNLOCK(s);
    mpz_t z;
    mpz_init(z);
    if (nw)
        mpz_import(z, nw, -1, sizeof(uint32_t), 0, 0, words);
    return py_int_from_mpz(z);
}
/* choice from a list other threads may change: draw an index for the
 * length read, take that element with py_list_get; if the list shrank
 * meanwhile, draw again (single-threaded, the first draw always stands). */
static pv choice_list(pv s, pv l)
{
    for (;;) {
        size_t len = py_list_len(l), idx;
        PY_LOCK(s);
        py_mt_status st = py_mt_choice_index(&R->mt, len, &idx);
        PY_UNLOCK(s);
        if (st != PY_MT_OK)
            return py_raise(py_exc_IndexError, "Cannot choose from an empty sequence");
        pv v = py_list_get(l, idx);
        if (v)
            return v;
    }
}
static pv r_choice(pv s, pv *a, size_t n, pv kw)
{
    if (py_nargs("choice", n, 1, 1) < 0)
        return NULL;
    if (!PY_ISSMALL(a[0]) && a[0]->type == &py_list_type) /* exact: a subclass may override indexing */
        return choice_list(s, a[0]);
    intptr_t len = py_len(a[0]);
    if (len < 0)
        return NULL;
    size_t idx;
    PY_LOCK(s);
    py_mt_status st = py_mt_choice_index(&R->mt, (size_t)len, &idx);
    PY_UNLOCK(s);
    if (st != PY_MT_OK)
        return py_raise(py_exc_IndexError, "Cannot choose from an empty sequence");
    return py_getitem(a[0], PY_MKSMALL(idx));
}
static pv r_shuffle(pv s, pv *a, size_t n, pv kw)
{
    if (py_nargs("shuffle", n, 1, 1) < 0)
        return NULL;
    if (PY_ISLIST(a[0])) {
        /* shuffle a private copy, then install it: the two locks are never
         * held together, and the list changes in one step */
        size_t k;
        pv *items = py_list_snapshot(a[0], &k);
        if (!items)
            return NULL;
        PY_LOCK(s);
        py_mt_shuffle_ptr(&R->mt, (void **)items, k);
        PY_UNLOCK(s);
        return py_list_replace(a[0], items, k) < 0 ? NULL : py_None;
    }
    intptr_t len = py_len(a[0]);
    if (len < 0)
        return NULL;
    size_t *perm = GC_MALLOC_ATOMIC(((size_t)len + 1) * sizeof(size_t));
    for (intptr_t i = 0; i < len; i++)
        perm[i] = (size_t)i;
    pv copy = py_to_list(a[0]);
    if (!copy)
        return NULL;
    PY_LOCK(s);
    py_mt_shuffle_size(&R->mt, perm, (size_t)len);
    PY_UNLOCK(s);
    for (intptr_t i = 0; i < len; i++)
        if (py_setitem(a[0], PY_MKSMALL(i), PY_LIST(copy)->items[perm[i]]) < 0)
            return NULL;
    return py_None;
}
static pv r_uniform(pv s, pv *a, size_t n, pv kw)
{
    double x, y;
    if (py_nargs("uniform", n, 2, 2) < 0 || py_as_double(a[0], &x) < 0 || py_as_double(a[1], &y) < 0)
        return NULL;
    PY_LOCK(s);
    double d = py_mt_uniform(&R->mt, x, y);
    PY_UNLOCK(s);
    return py_float_new(d);
}
static pv r_sample(pv s, pv *a, size_t n, pv kw)
{
    pv kv = n > 1 ? a[1] : py_kwarg(kw, a + n, "k");
    if (n < 1 || !kv)
        return py_raise(py_exc_TypeError, "sample() missing required argument 'k'");
    if (PY_ISSETLIKE(a[0]) || PY_ISDICT(a[0]))
        return py_raise(py_exc_TypeError, "Population must be a sequence.  For dicts or sets, use sorted(d).");
    /* index the population in place (range(10**9) must not be listed) */
    pv pop = a[0];
    intptr_t plen = py_len(pop);
    if (plen < 0)
        return NULL;
    int64_t k;
    if (py_int_to_i64(kv, &k) < 0)
        return NULL;
    size_t len = (size_t)plen;
    if (k < 0 || (size_t)k > len)
        return py_raise(py_exc_ValueError, "Sample larger than population or is negative");
    size_t *idx = GC_MALLOC_ATOMIC(((size_t)k + 1) * sizeof(size_t));
    PY_LOCK(s);
    py_mt_status st = py_mt_sample_indices(&R->mt, len, k, idx);
    PY_UNLOCK(s);
    if (st != PY_MT_OK)
        return py_raise(py_exc_ValueError, "%s", py_mt_status_message(st));
    pv out = py_list_new((size_t)k);
    for (int64_t i = 0; i < k; i++) {
        pv v = py_getitem(pop, PY_MKSMALL(idx[i]));
        if (!v)
            return NULL;
        PY_LIST(out)->items[i] = v;
    }
    return out;
}
static pv r_choices(pv s, pv *a, size_t n, pv kw)
{
    if (n < 1)
        return py_raise(py_exc_TypeError, "choices() missing required argument 'population'");
    pv pop = py_to_list(a[0]);
    if (!pop)
        return NULL;
    pv weights = n > 1 ? a[1] : py_kwarg(kw, a + n, "weights");
    pv cum = py_kwarg(kw, a + n, "cum_weights");
    pv kv = py_kwarg(kw, a + n, "k");
    int64_t k = 1;
    if (kv && py_int_to_i64(kv, &k) < 0)
        return NULL;
    size_t len = PY_LIST(pop)->n;
    pv out = py_list_new(0);
    if ((!weights || weights == py_None) && (!cum || cum == py_None)) {
        if (!len)
            return py_raise(py_exc_IndexError, "Cannot choose from an empty sequence");
        size_t *idx = GC_MALLOC_ATOMIC(((size_t)(k > 0 ? k : 0) + 1) * sizeof(size_t));
        PY_LOCK(s);
        for (int64_t i = 0; i < k; i++)
            idx[i] = py_mt_choices_index(&R->mt, len);
        PY_UNLOCK(s);
        for (int64_t i = 0; i < k; i++)
            py_list_append(out, PY_LIST(pop)->items[idx[i]]); /* pop, out: private */
        return out;
    }
    double *cw = GC_MALLOC_ATOMIC((len + 1) * sizeof(double));
    pv wl = py_to_list(weights && weights != py_None ? weights : cum);
    if (!wl)
        return NULL;
    if (PY_LIST(wl)->n != len)
        return py_raise(py_exc_ValueError, "The number of weights does not match the population");
    double acc = 0;
    for (size_t i = 0; i < len; i++) {
        double w;
        if (py_as_double(PY_LIST(wl)->items[i], &w) < 0)
            return NULL;
        acc = weights && weights != py_None ? acc + w : w;
        cw[i] = acc;
    }
    double total = len ? cw[len - 1] : 0;
    if (total <= 0)
        return py_raise(py_exc_ValueError, "Total of weights must be greater than zero");
    for (int64_t i = 0; i < k; i++) {
        PY_LOCK(s);
        double x = py_mt_random(&R->mt) * total;
        PY_UNLOCK(s);
        size_t lo = 0, hi = len - 1;
        while (lo < hi) {
            size_t mid = (lo + hi) / 2;
            if (x < cw[mid])
                hi = mid;
            else
                lo = mid + 1;
        }
        py_list_append(out, PY_LIST(pop)->items[lo]);
    }
    return out;
}
static double rnd(pv s)
{
    PY_LOCK(s);
    double d = py_mt_random(&R->mt);
    PY_UNLOCK(s);
    return d;
}
static pv r_gauss(pv s, pv *a, size_t n, pv kw)
{
    double mu = 0, sigma = 1;
    if ((n > 0 && py_as_double(a[0], &mu) < 0) || (n > 1 && py_as_double(a[1], &sigma) < 0))
        return NULL;
    double z;
    PY_LOCK(s);
    if (R->has_gauss) {
        z = R->gauss_next;
        R->has_gauss = 0;
    } else {
        double x2pi = py_mt_random(&R->mt) * 2 * M_PI;
        double g2rad = sqrt(-2.0 * log(1.0 - py_mt_random(&R->mt)));
        z = cos(x2pi) * g2rad;
        R->gauss_next = sin(x2pi) * g2rad;
        R->has_gauss = 1;
    }
    PY_UNLOCK(s);
    return py_float_new(mu + z * sigma);
}
static pv r_normalvariate(pv s, pv *a, size_t n, pv kw)
{
    double mu = 0, sigma = 1;
    if ((n > 0 && py_as_double(a[0], &mu) < 0) || (n > 1 && py_as_double(a[1], &sigma) < 0))
        return NULL;
    const double magic = 4 * exp(-0.5) / sqrt(2.0);
    double z;
    for (;;) {
        double u1 = rnd(s), u2 = 1.0 - rnd(s);
        z = magic * (u1 - 0.5) / u2;
        if (z * z / 4.0 <= -log(u2))
            break;
    }
    return py_float_new(mu + z * sigma);
}
static pv r_expovariate(pv s, pv *a, size_t n, pv kw)
{
    double l;
    if (py_nargs("expovariate", n, 1, 1) < 0 || py_as_double(a[0], &l) < 0)
        return NULL;
    return py_float_new(-log(1.0 - rnd(s)) / l);
}
static pv r_triangular(pv s, pv *a, size_t n, pv kw)
{
    double lo = 0, hi = 1, c = 0.5;
    if ((n > 0 && py_as_double(a[0], &lo) < 0) || (n > 1 && py_as_double(a[1], &hi) < 0))
        return NULL;
    if (n > 2 && a[2] != py_None) {
        double mode;
        if (py_as_double(a[2], &mode) < 0)
            return NULL;
        if (hi == lo)
            return py_float_new(lo);
        c = (mode - lo) / (hi - lo);
    }
    double u = rnd(s);
    if (u > c) {
        u = 1.0 - u;
        c = 1.0 - c;
        double t = lo;
        lo = hi;
        hi = t;
    }
    return py_float_new(lo + (hi - lo) * sqrt(u * c));
}
static pv r_getstate(pv s, pv *a, size_t n, pv kw)
{
    pv t = py_tuple_new(PY_MT_N + 1);
    PY_LOCK(s);
    for (int i = 0; i < PY_MT_N; i++)
        PY_TUPLE(t)->items[i] = PY_MKSMALL(R->mt.mt[i]);
    PY_TUPLE(t)->items[PY_MT_N] = PY_MKSMALL(R->mt.mti);
    PY_UNLOCK(s);
    return py_tuple_pack(3, PY_MKSMALL(3), t, py_None);
}
static pv r_setstate(pv s, pv *a, size_t n, pv kw)
{
    if (n != 1 || !PY_IS(a[0], tuple) || PY_TUPLE(a[0])->n < 2)
        return py_raise(py_exc_ValueError, "state vector is the wrong size");
    pv t = PY_TUPLE(a[0])->items[1];
    if (!PY_IS(t, tuple) || PY_TUPLE(t)->n != PY_MT_N + 1)
        return py_raise(py_exc_ValueError, "state vector is the wrong size");
    PY_LOCK(s);
    for (int i = 0; i < PY_MT_N; i++)
        R->mt.mt[i] = (uint32_t)PY_SMALLVAL(PY_TUPLE(t)->items[i]);
    R->mt.mti = (int)PY_SMALLVAL(PY_TUPLE(t)->items[PY_MT_N]);
    PY_UNLOCK(s);
    return py_None;
}

/* the remaining distributions, step for step as CPython's random.py (the
   same draws in the same order, so seeded streams agree) */
static pv r_lognormvariate(pv s, pv *a, size_t n, pv kw)
{
    if (py_nargs("lognormvariate", n, 2, 2) < 0)
        return NULL;
    pv z = r_normalvariate(s, a, n, kw);
    return z ? py_float_new(exp(py_float_val(z))) : NULL;
}
static double py_fmod_pos(double x, double m)
{
    double r = fmod(x, m);
    return r < 0 ? r + m : r;
}
static pv r_vonmisesvariate(pv s, pv *a, size_t n, pv kw)
{
    double mu, kappa;
    if (py_nargs("vonmisesvariate", n, 2, 2) < 0 || py_as_double(a[0], &mu) < 0 || py_as_double(a[1], &kappa) < 0)
        return NULL;
    if (kappa <= 1e-6)
        return py_float_new(2 * M_PI * rnd(s));
    double sv = 0.5 / kappa, r = sv + sqrt(1.0 + sv * sv), z;
    for (;;) {
        double u1 = rnd(s);
        z = cos(M_PI * u1);
        double d = z / (r + z), u2 = rnd(s);
        if (u2 < 1.0 - d * d || u2 <= (1.0 - d) * exp(d))
            break;
    }
    double q = 1.0 / r, f = (q + z) / (1.0 + q * z), u3 = rnd(s);
    return py_float_new(u3 > 0.5 ? py_fmod_pos(mu + acos(f), 2 * M_PI) : py_fmod_pos(mu - acos(f), 2 * M_PI));
}
static int gamma_draw(pv s, double alpha, double beta, double *out)
{
    if (alpha <= 0.0 || beta <= 0.0) {
        py_raise(py_exc_ValueError, "gammavariate: alpha and beta must be > 0.0");
        return -1;
    }
    if (alpha > 1.0) {
        double ainv = sqrt(2.0 * alpha - 1.0), bbb = alpha - log(4.0), ccc = alpha + ainv;
        for (;;) {
            double u1 = rnd(s);
            if (!(1e-7 < u1 && u1 < 0.9999999))
                continue;
            double u2 = 1.0 - rnd(s);
            double v = log(u1 / (1.0 - u1)) / ainv, x = alpha * exp(v), z = u1 * u1 * u2;
            double r = bbb + ccc * v - x;
            if (r + (1.0 + log(4.5)) - 4.5 * z >= 0.0 || r >= log(z)) {
                *out = x * beta;
                return 0;
            }
        }
    }
    if (alpha == 1.0) {
        *out = -log(1.0 - rnd(s)) * beta;
        return 0;
    }
    double x;
    for (;;) {
        double u = rnd(s), b = (M_E + alpha) / M_E, p = b * u;
        x = p <= 1.0 ? pow(p, 1.0 / alpha) : -log((b - p) / alpha);
        double u1 = rnd(s);
        if (p > 1.0) {
            if (u1 <= pow(x, alpha - 1.0))
                break;
        } else if (u1 <= exp(-x))
            break;
    }
    *out = x * beta;
    return 0;
}
static pv r_gammavariate(pv s, pv *a, size_t n, pv kw)
{
    double alpha, beta, x;
    if (py_nargs("gammavariate", n, 2, 2) < 0 || py_as_double(a[0], &alpha) < 0 || py_as_double(a[1], &beta) < 0 ||
        gamma_draw(s, alpha, beta, &x) < 0)
        return NULL;
    return py_float_new(x);
}
static pv r_betavariate(pv s, pv *a, size_t n, pv kw)
{
    double alpha, beta, y, y2;
    if (py_nargs("betavariate", n, 2, 2) < 0 || py_as_double(a[0], &alpha) < 0 || py_as_double(a[1], &beta) < 0 ||
        gamma_draw(s, alpha, 1.0, &y) < 0)
        return NULL;
    if (y == 0)
        return py_float_new(0.0);
    if (gamma_draw(s, beta, 1.0, &y2) < 0)
        return NULL;
    return py_float_new(y / (y + y2));
}
static pv r_paretovariate(pv s, pv *a, size_t n, pv kw)
{
    double alpha;
    if (py_nargs("paretovariate", n, 1, 1) < 0 || py_as_double(a[0], &alpha) < 0)
        return NULL;
    double u = 1.0 - rnd(s);
    return py_float_new(pow(u, -1.0 / alpha));
}
static pv r_weibullvariate(pv s, pv *a, size_t n, pv kw)
{
    double alpha, beta;
    if (py_nargs("weibullvariate", n, 2, 2) < 0 || py_as_double(a[0], &alpha) < 0 || py_as_double(a[1], &beta) < 0)
        return NULL;
    double u = 1.0 - rnd(s);
    return py_float_new(alpha * pow(-log(u), 1.0 / beta));
}

static py_type random_type = {.name = "Random", .basicsize = sizeof(py_random), .tp_new = rnd_new,
                              .dictoffset = offsetof(py_random, dict), .flags = PY_TF_BASETYPE};

static const struct { const char *n; py_cfn f; } rfns[] = {
    {"seed", r_seed}, {"random", r_random}, {"randint", r_randint}, {"randrange", r_randrange},
    {"getrandbits", r_getrandbits}, {"choice", r_choice}, {"shuffle", r_shuffle},
    {"uniform", r_uniform}, {"sample", r_sample}, {"choices", r_choices}, {"gauss", r_gauss},
    {"normalvariate", r_normalvariate}, {"expovariate", r_expovariate},
    {"triangular", r_triangular}, {"getstate", r_getstate}, {"setstate", r_setstate},
    {"lognormvariate", r_lognormvariate}, {"vonmisesvariate", r_vonmisesvariate},
    {"gammavariate", r_gammavariate}, {"betavariate", r_betavariate},
    {"paretovariate", r_paretovariate}, {"weibullvariate", r_weibullvariate}};

pv py_mod_random(void)
{
    if (!random_type.ob.type) {
        py_type_ready(&random_type);
        random_type.module = py_intern("random");
        for (size_t i = 0; i < sizeof rfns / sizeof *rfns; i++)
            py_add_method(&random_type, rfns[i].n, rfns[i].f);
    }
    pv m = py_module_new("random");
    pv d = ((py_module *)m)->dict;
    py_dict_sets(d, "Random", (pv)&random_type);
    pv inst = rnd_new(&random_type, NULL, 0, NULL);
    for (size_t i = 0; i < sizeof rfns / sizeof *rfns; i++)
        py_dict_sets(d, rfns[i].n, py_cfunc_new(rfns[i].n, rfns[i].f, inst));
    return m;
}
