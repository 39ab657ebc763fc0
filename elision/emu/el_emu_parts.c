/* el_emu_parts.c: tunables, injection generator, capacity sets, undo log.
 * See el_emu_internal.h; nothing here is shared between threads. */
#define ELIDE_EMU_BUILD_CORE
#include "el_emu_internal.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

/* glibc's checked copy: a real function that is not the `memcpy` symbol,
 * so the --wrap=memcpy of instrumented programs never reaches it. */
extern void *__memcpy_chk(void *dst, const void *src, size_t n, size_t dstlen);
extern void *__memset_chk(void *dst, int c, size_t n, size_t dstlen);

/* libgc, when the program links it (weak: the runtime works without it). */
extern void *GC_malloc_uncollectable(size_t) __attribute__((weak));
extern void GC_free(void *) __attribute__((weak));

void el_emu_die_at(const char *file, const char *fn, int line, const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "elide emu: %s:%d (%s): ", file, line, fn);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    abort();
}


/* Called through volatile pointers: clang folds a direct __memcpy_chk(d, s,
 * n, n) back into memcpy even under -fno-builtin, which --wrap=memcpy would
 * then send into the hooks (and the hooks back here). */
static void *(*volatile el_emu_memcpy_chk)(void *, const void *, size_t, size_t) = __memcpy_chk;
static void *(*volatile el_emu_memset_chk)(void *, int, size_t, size_t) = __memset_chk;

void el_emu_zero(void *dst, size_t n)
{
    el_emu_memset_chk(dst, 0, n, n);
}

void el_emu_copy(void *dst, const void *src, size_t n)
{
    el_emu_memcpy_chk(dst, src, n, n);
}

void *el_emu_mem_alloc(size_t n)
{
    void *p;
    if (GC_malloc_uncollectable && GC_free) {
        p = GC_malloc_uncollectable(n);   /* zeroed by the collector */
    } else {
        p = calloc(1, n);
    }
    if (!p)
        el_emu_die("out of memory (%zu bytes)", n);
    return p;
}

void el_emu_mem_free(void *p)
{
    if (GC_malloc_uncollectable && GC_free)
        GC_free(p);
    else
        free(p);
}

/* ---- tunables ----------------------------------------------------------- */

typedef struct el_emu_field {
    const char *name;
    size_t off;
} el_emu_field;

static const el_emu_field el_emu_fields[] = {
#define EL_EMU_FIELD_(name, def, why) { #name, offsetof(elide_emu_config, name) },
    ELIDE_EMU_CONFIG_FIELDS(EL_EMU_FIELD_)
#undef EL_EMU_FIELD_
};

static const el_emu_field *el_emu_field_find(const char *name, size_t len)
{
    for (size_t i = 0; i < sizeof el_emu_fields / sizeof el_emu_fields[0]; i++)
        if (strlen(el_emu_fields[i].name) == len && !memcmp(el_emu_fields[i].name, name, len))
            return &el_emu_fields[i];
    return NULL;
}

/* One "name=value" item of length len; 0 ok or skipped, 1 bad. */
static int el_emu_item(elide_emu_config *c, const char *it, size_t len, FILE *err)
{
    if (len < 4 || memcmp(it, "emu_", 4) != 0)
        return 0;
    const char *eq = memchr(it, '=', len);
    const el_emu_field *f = eq ? el_emu_field_find(it, (size_t)(eq - it)) : NULL;
    if (!f) {
        if (err)
            fprintf(err, "elide emu: ELIDE_TUNABLES: unknown item '%.*s'\n", (int)len, it);
        return 1;
    }
    char buf[32];
    size_t vlen = len - (size_t)(eq + 1 - it);
    char *end = NULL;
    unsigned long long v = 0;
    if (vlen > 0 && vlen < sizeof buf) {
        el_emu_copy(buf, eq + 1, vlen);
        buf[vlen] = 0;
        errno = 0;
        v = strtoull(buf, &end, 0);
    }
    if (vlen == 0 || vlen >= sizeof buf || *end || errno || buf[0] == '-' || v > (1ull << 32)) {
        if (err)
            fprintf(err, "elide emu: ELIDE_TUNABLES: bad value in '%.*s'\n", (int)len, it);
        return 1;
    }
    *(unsigned long *)((char *)c + f->off) = (unsigned long)v;
    return 0;
}

int el_emu_config_parse(elide_emu_config *c, const char *spec, FILE *err)
{
    int bad = 0;
    while (spec && *spec) {
        size_t len = strcspn(spec, ":,");
        if (len)
            bad += el_emu_item(c, spec, len, err);
        spec += len;
        if (*spec)
            spec++;
    }
    return bad;
}

int el_emu_config_check(const elide_emu_config *c, FILE *err)
{
    const char *why = NULL;
    if (c->emu_l1d_ways < 1 || c->emu_l1d_ways > 64)
        why = "emu_l1d_ways must be 1..64";
    else if (c->emu_l1d_size < EL_EMU_LINE * c->emu_l1d_ways ||
             c->emu_l1d_size % (EL_EMU_LINE * c->emu_l1d_ways) ||
             c->emu_l1d_size / (EL_EMU_LINE * c->emu_l1d_ways) > 65536)
        why = "emu_l1d_size must be a multiple of 64 * emu_l1d_ways, at most 65536 sets";
    else if (c->emu_read_lines < 1)
        why = "emu_read_lines must be at least 1";
    else if (c->emu_stack_window < 64 || c->emu_stack_window > (1ul << 20))
        why = "emu_stack_window must be 64..1048576 bytes";
    else if (!(c->inject_p >= 0.0 && c->inject_p <= 1.0))
        why = "ELIDE_EMU_INJECT must be a probability in [0, 1]";
    if (why && err)
        fprintf(err, "elide emu: %s\n", why);
    return why ? -1 : 0;
}

int el_emu_inject_parse(elide_emu_config *c, const char *p, const char *seed, FILE *err)
{
    int bad = 0;
    char *end = NULL;
    if (p && *p) {
        errno = 0;
        double v = strtod(p, &end);
        if (*end || errno || !(v >= 0.0 && v <= 1.0)) {
            if (err)
                fprintf(err, "elide emu: ELIDE_EMU_INJECT=%s is not a probability in [0, 1]\n", p);
            bad++;
        } else {
            c->inject_p = v;
        }
    }
    if (seed && *seed) {
        errno = 0;
        unsigned long long v = strtoull(seed, &end, 0);
        if (*end || errno || seed[0] == '-') {
            if (err)
                fprintf(err, "elide emu: ELIDE_EMU_SEED=%s is not a number\n", seed);
            bad++;
        } else {
            c->seed = (unsigned long)v;
        }
    }
    return bad;
}

/* ---- injection generator -------------------------------------------------- */

uint64_t el_emu_rng_seed(unsigned long seed, unsigned slot)
{
    uint64_t z = (uint64_t)seed * 0x9E3779B97F4A7C15ULL + ((uint64_t)slot + 1) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    z ^= z >> 31;
    return z ? z : 0x853C49E6748FEA9BULL;  /* xorshift state must not be 0 */
}

uint64_t el_emu_inject_threshold(double p)
{
    if (p <= 0.0)
        return 0;
    if (p >= 1.0)
        return UINT64_MAX;
    return (uint64_t)(p * 18446744073709551616.0);
}

/* ---- capacity sets ------------------------------------------------------- */

int el_emu_cap_init(el_emu_cap *c, unsigned long size, unsigned long ways)
{
    c->ways = (unsigned)ways;
    c->nsets = (unsigned)(size / (EL_EMU_LINE * ways));
    c->count = calloc(c->nsets, sizeof *c->count);
    return c->count ? 0 : -1;
}

void el_emu_cap_fini(el_emu_cap *c)
{
    free(c->count);
    c->count = NULL;
}

/* ---- vectors -------------------------------------------------------------- */

void el_emu_vec_grow_slow(el_emu_vec *v)
{
    size_t cap = v->cap ? v->cap * 2 : 256;
    uintptr_t *n = realloc(v->v, cap * sizeof *n);
    if (!n)
        el_emu_die("out of memory growing a line set to %zu", cap);
    v->v = n;
    v->cap = cap;
}

void el_emu_vec_fini(el_emu_vec *v)
{
    free(v->v);
    v->v = NULL;
    v->n = v->cap = 0;
}

/* ---- undo log ------------------------------------------------------------ */

void el_emu_log_init(el_emu_log *l)
{
    l->e = NULL;
    l->n = l->cap = 0;
    for (size_t i = 0; i < EL_EMU_LOG_FILTER; i++)
        l->filter[i].gen = 0;
    l->gen = 1;            /* filter slots start at gen 0: never a match */
}

void el_emu_log_fini(el_emu_log *l)
{
    if (l->e)
        el_emu_mem_free(l->e);
    l->e = NULL;
    l->n = l->cap = 0;
}

void el_emu_log_grow_slow(el_emu_log *l)
{
    size_t cap = l->cap ? l->cap * 2 : 1024;
    el_emu_undo *n = el_emu_mem_alloc(cap * sizeof *n);
    if (l->n)
        el_emu_copy(n, l->e, l->n * sizeof *n);
    if (l->e)
        el_emu_mem_free(l->e);
    l->e = n;
    l->cap = cap;
}

static void el_emu_log_piece(el_emu_log *l, uintptr_t addr, uint32_t len)
{
    if (l->n == l->cap)
        el_emu_log_grow_slow(l);
    el_emu_undo *u = &l->e[l->n++];
    u->addr = addr;
    u->len = len;
    el_emu_copy(u->data, (const void *)addr, len);
}

void el_emu_log_save(el_emu_log *l, uintptr_t addr, size_t len)
{
    if (len <= EL_EMU_LOG_CHUNK) {
        size_t h = (addr >> 2 ^ addr >> 10) & (EL_EMU_LOG_FILTER - 1);
        if (l->filter[h].addr == addr && l->filter[h].len == len && l->filter[h].gen == l->gen)
            return;
        l->filter[h].addr = addr;
        l->filter[h].len = (uint32_t)len;
        l->filter[h].gen = l->gen;
    }
    while (len > 0) {
        uint32_t k = len > EL_EMU_LOG_CHUNK ? EL_EMU_LOG_CHUNK : (uint32_t)len;
        el_emu_log_piece(l, addr, k);
        addr += k;
        len -= k;
    }
}

void el_emu_log_restore(const el_emu_log *l, uintptr_t skip_lo, uintptr_t skip_hi)
{
    for (size_t i = l->n; i-- > 0;)
        if (l->e[i].addr < skip_lo || l->e[i].addr >= skip_hi)
            el_emu_copy((void *)l->e[i].addr, l->e[i].data, l->e[i].len);
}
