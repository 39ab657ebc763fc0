/* el_stats.c: per-thread statistics blocks, their registry, merge and
 * printing. The concurrency contract is in elide_stats.h. */
#define ELIDE_BUILD_CORE 1
#include "el_internal.h"

#include <inttypes.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

/* One thread's block: the counters first, the list links after; aligned to
 * (and so sized in multiples of) 64 bytes, so no two blocks share a line. */
typedef struct el_stats_block {
    elide_stats s;
    struct el_stats_block *next; /* written once before the push, then read-only */
    int owned;                   /* 1 while a live thread writes s */
} __attribute__((aligned(64))) el_stats_block;

static el_stats_block *el_stats_head; /* CAS push only; never popped */
static __thread el_stats_block *el_stats_me;
static pthread_key_t el_stats_key;
static pthread_once_t el_stats_once = PTHREAD_ONCE_INIT;

/* Thread exit: hand the block to the next thread that registers. */
static void el_stats_release(void *p)
{
    el_stats_block *b = p;
    el_stats_me = NULL;
    __atomic_store_n(&b->owned, 0, __ATOMIC_RELEASE);
}

static void el_stats_key_init(void)
{
    if (pthread_key_create(&el_stats_key, el_stats_release) != 0)
        el_die("pthread_key_create failed");
}

static el_stats_block *el_stats_adopt(void)
{
    el_stats_block *b = __atomic_load_n(&el_stats_head, __ATOMIC_ACQUIRE);
    for (; b; b = b->next) {
        int free_ = 0;
        if (__atomic_load_n(&b->owned, __ATOMIC_RELAXED) == 0 &&
            __atomic_compare_exchange_n(&b->owned, &free_, 1, 0, __ATOMIC_ACQUIRE,
                                        __ATOMIC_RELAXED))
            return b;
    }
    return NULL;
}

static el_stats_block *el_stats_new(void)
{
    el_stats_block *b = aligned_alloc(64, sizeof *b);
    if (!b)
        el_die("out of memory for a statistics block");
    memset(b, 0, sizeof *b);
    b->owned = 1;
    b->next = __atomic_load_n(&el_stats_head, __ATOMIC_RELAXED);
    while (!__atomic_compare_exchange_n(&el_stats_head, &b->next, b, 1,
                                        __ATOMIC_RELEASE, __ATOMIC_RELAXED))
        ;
    return b;
}

static __attribute__((noinline)) elide_stats *el_stats_register_slow(void)
{
    pthread_once(&el_stats_once, el_stats_key_init);
    el_stats_block *b = el_stats_adopt();
    if (!b)
        b = el_stats_new();
    el_stats_me = b;
    if (pthread_setspecific(el_stats_key, b) != 0)
        el_die("pthread_setspecific failed");
    return &b->s;
}

elide_stats *el_stats_mine(void)
{
    el_stats_block *b = el_stats_me;
    return b ? &b->s : el_stats_register_slow();
}

void elide_thread_register(void)
{
    (void)el_stats_mine();
}

#define EL_NFIELDS (sizeof(elide_stats) / sizeof(uint64_t))

static void el_stats_load(elide_stats *out, const elide_stats *in)
{
    const uint64_t *src = (const uint64_t *)in;
    uint64_t *dst = (uint64_t *)out;
    for (size_t i = 0; i < EL_NFIELDS; i++)
        dst[i] = __atomic_load_n(&src[i], __ATOMIC_RELAXED);
}

void elide_stats_thread(elide_stats *out)
{
    el_stats_load(out, el_stats_mine());
}

void elide_stats_merge(elide_stats *out)
{
    memset(out, 0, sizeof *out);
    uint64_t *dst = (uint64_t *)out;
    for (el_stats_block *b = __atomic_load_n(&el_stats_head, __ATOMIC_ACQUIRE); b;
         b = b->next) {
        const uint64_t *src = (const uint64_t *)&b->s;
        for (size_t i = 0; i < EL_NFIELDS; i++)
            dst[i] += __atomic_load_n(&src[i], __ATOMIC_RELAXED);
    }
}

void elide_stats_sub(elide_stats *out, const elide_stats *a, const elide_stats *b)
{
    const uint64_t *x = (const uint64_t *)a, *y = (const uint64_t *)b;
    uint64_t *o = (uint64_t *)out;
    for (size_t i = 0; i < EL_NFIELDS; i++)
        o[i] = x[i] - y[i];
}

const char *elide_code_name(unsigned code)
{
    switch (code) {
    case ELIDE_CODE_LOCK_BUSY: return "lock_busy";
    case ELIDE_CODE_OBJ_BUSY: return "obj_busy";
    case ELIDE_CODE_IRREVOCABLE: return "irrevocable";
    case ELIDE_CODE_WORLD_STOP: return "world_stop";
    case ELIDE_CODE_ALLOC: return "alloc";
    }
    return NULL;
}

static const char *const el_bit_names[6] = {
    "explicit", "retry", "conflict", "capacity", "debug", "nested",
};

/* The scalar counters by name, in print order. */
#define EL_STATS_SCALARS(X) \
    X(acquisitions) X(started) X(committed) X(aborts) X(zero) X(fallbacks) \
    X(skipped) X(waits) X(retries)

static void el_code_label(char *buf, size_t cap, unsigned code)
{
    const char *n = elide_code_name(code);
    if (n)
        snprintf(buf, cap, "%s", n);
    else
        snprintf(buf, cap, "code_0x%02x", code);
}

static void el_print_text(FILE *f, const elide_stats *s)
{
    char label[32];
#define EL_TEXT_(name) fprintf(f, "%-16s %" PRIu64 "\n", #name, s->name);
    EL_STATS_SCALARS(EL_TEXT_)
#undef EL_TEXT_
    for (unsigned i = 0; i < 6; i++)
        fprintf(f, "abort_%-10s %" PRIu64 "\n", el_bit_names[i], s->abort_bit[i]);
    for (unsigned c = 0; c < 256; c++) {
        if (!s->code[c])
            continue;
        el_code_label(label, sizeof label, c);
        fprintf(f, "code %-11s %" PRIu64 "\n", label, s->code[c]);
    }
}

static void el_print_json(FILE *f, const elide_stats *s)
{
    char label[32];
    fputc('{', f);
#define EL_JSON_(name) fprintf(f, "\"%s\": %" PRIu64 ", ", #name, s->name);
    EL_STATS_SCALARS(EL_JSON_)
#undef EL_JSON_
    fputs("\"abort_bits\": {", f);
    for (unsigned i = 0; i < 6; i++)
        fprintf(f, "%s\"%s\": %" PRIu64, i ? ", " : "", el_bit_names[i], s->abort_bit[i]);
    fputs("}, \"codes\": {", f);
    int first = 1;
    for (unsigned c = 0; c < 256; c++) {
        if (!s->code[c])
            continue;
        el_code_label(label, sizeof label, c);
        fprintf(f, "%s\"%s\": %" PRIu64, first ? "" : ", ", label, s->code[c]);
        first = 0;
    }
    fputs("}}\n", f);
}

int elide_stats_fprint(FILE *out, const elide_stats *s, elide_stats_format fmt)
{
    if (fmt == ELIDE_STATS_JSON)
        el_print_json(out, s);
    else
        el_print_text(out, s);
    return ferror(out) ? -1 : 0;
}

int elide_stats_print(FILE *out, elide_stats_format fmt)
{
    elide_stats s;
    elide_stats_merge(&s);
    return elide_stats_fprint(out, &s, fmt);
}
