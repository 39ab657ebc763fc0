/* el_emu_internal.h: the parts of the emu runtime that are plain data
 * structures (no hooks, no threads): tunables, the per-thread injection
 * generator, the L1D-shaped write-set counter, the undo log, the line table
 * index. They are compiled without instrumentation and unit-tested under
 * ASan (tests/emu/emu_parts_test.c).
 *
 * Concurrency contract: every structure here belongs to one thread (its
 * transaction descriptor); nothing in this file is shared or locked.
 */
#ifndef ELIDE_EL_EMU_INTERNAL_H
#define ELIDE_EL_EMU_INTERNAL_H
#ifndef ELIDE_EMU_BUILD_CORE
#error "el_emu_internal.h is internal to the emu runtime: define ELIDE_EMU_BUILD_CORE"
#endif

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "elide_emu.h"

#define EL_EMU_LINE_SHIFT 6
#define EL_EMU_LINE       (1u << EL_EMU_LINE_SHIFT)
#define el_emu_line_of(a) ((uintptr_t)(a) & ~(uintptr_t)(EL_EMU_LINE - 1))

/* Ownership records: 2^24 of them, a 256 MiB mapping whose pages the
 * kernel provides on first touch (el_emu_rt.c). An alias (two lines on one record) can only add a false
 * conflict, never hide one, and the victim reports it as such
 * (elide_emu_abort_info's `aliased`; the interpreter counts it as `alias`,
 * not `conflict`). Within each 1 GiB region (2^24 lines) the mapping is
 * direct, so lines of one region never share a record: the interpreter's
 * transactions each write a few hundred freshly allocated heap lines, and
 * under any hash of the line those write sets aliased one another's read
 * sets in a few per cent of the pairs. Each region is shifted by a mixed
 * (splitmix64) function of its number, so two regions alias at one
 * pseudo-random offset, and their hot lines (a thread's stack top and TLS,
 * an allocation front) rarely meet. A structured shift (the line modulo
 * the table, or an odd multiple of the region number) made them meet
 * systematically: thread stacks a table's span apart did, and where
 * address-space randomisation put the heap decided in a third of the runs
 * whether a thread's TLS line aliased another thread's hot line. With 2^22
 * records, one run in four of a four-thread list-building loop still took
 * dozens of alias aborts; with 2^24 fewer, and the interpreter's
 * measurements count them apart. */
#define EL_EMU_OREC_BITS 24
#define EL_EMU_OREC_COUNT ((size_t)1 << EL_EMU_OREC_BITS)
static inline size_t el_emu_orec_index(uintptr_t addr)
{
    uint64_t line = (uint64_t)addr >> EL_EMU_LINE_SHIFT;
    uint64_t x = line >> EL_EMU_OREC_BITS;
    x ^= x >> 30;
    x *= 0xbf58476d1ce4e5b9ull;
    x ^= x >> 27;
    x *= 0x94d049bb133111ebull;
    x ^= x >> 31;
    return (size_t)((line + x) & (EL_EMU_OREC_COUNT - 1));
}

/* die with file, function and line (misuse or an impossible failure) */
#define el_emu_die(...) el_emu_die_at(__FILE__, __func__, __LINE__, __VA_ARGS__)
__attribute__((noreturn, format(printf, 4, 5)))
void el_emu_die_at(const char *file, const char *fn, int line, const char *fmt, ...);

/* Memory the collector scans: with libgc linked, GC_malloc_uncollectable
 * (the undo log and the stack snapshot hold the only copies of pointers
 * while a transaction runs); without it, calloc. Zeroed. */
void *el_emu_mem_alloc(size_t n);
void el_emu_mem_free(void *p);
/* memcpy that never goes through the --wrap=memcpy hook */
void el_emu_copy(void *dst, const void *src, size_t n);
void el_emu_zero(void *dst, size_t n);

/* ---- tunables ----------------------------------------------------------- */

/* Parse the emu_* items of a "name=value:name=value" spec (libelide's
 * ELIDE_TUNABLES); items without the emu_ prefix belong to libelide and are
 * skipped. Each bad emu_ item gets one line on err. Returns the bad count. */
int el_emu_config_parse(elide_emu_config *c, const char *spec, FILE *err);
/* 0 if the geometry is usable, else -1 with one line on err. */
int el_emu_config_check(const elide_emu_config *c, FILE *err);
/* Parse ELIDE_EMU_INJECT (a probability in [0,1]) and ELIDE_EMU_SEED. */
int el_emu_inject_parse(elide_emu_config *c, const char *p, const char *seed, FILE *err);

/* ---- injection generator ------------------------------------------------- */

/* xorshift64* seeded by splitmix64(seed, slot): the same seed and slot give
 * the same sequence, so a failing injected run reproduces per thread. */
uint64_t el_emu_rng_seed(unsigned long seed, unsigned slot);
static inline uint64_t el_emu_rng_next(uint64_t *s)
{
    uint64_t x = *s;
    x ^= x >> 12;
    x ^= x << 25;
    x ^= x >> 27;
    *s = x;
    return x * 0x2545F4914F6CDD1DULL;
}
/* p in [0,1] -> a threshold t with P(next < t) = p. */
uint64_t el_emu_inject_threshold(double p);

/* ---- write-set capacity: an L1D of sets x ways ---------------------------- */

typedef struct el_emu_cap {
    unsigned nsets, ways;
    uint16_t *count;       /* distinct written lines per set */
} el_emu_cap;

int el_emu_cap_init(el_emu_cap *c, unsigned long size, unsigned long ways);
void el_emu_cap_fini(el_emu_cap *c);
static inline unsigned el_emu_cap_set(const el_emu_cap *c, uintptr_t line)
{
    return (unsigned)((line >> EL_EMU_LINE_SHIFT) % c->nsets);
}
/* Count one more distinct line; -1 (and no change) if its set is full. */
static inline int el_emu_cap_add(el_emu_cap *c, uintptr_t line)
{
    uint16_t *n = &c->count[el_emu_cap_set(c, line)];
    if (*n >= c->ways)
        return -1;
    ++*n;
    return 0;
}
static inline void el_emu_cap_remove(el_emu_cap *c, uintptr_t line)
{
    --c->count[el_emu_cap_set(c, line)];
}

/* ---- growable array of words (line addresses of the read / write set) ---- */

typedef struct el_emu_vec {
    uintptr_t *v;
    size_t n, cap;
} el_emu_vec;

void el_emu_vec_grow_slow(el_emu_vec *v);
static inline void el_emu_vec_push(el_emu_vec *v, uintptr_t x)
{
    if (v->n == v->cap)
        el_emu_vec_grow_slow(v);
    v->v[v->n++] = x;
}
void el_emu_vec_fini(el_emu_vec *v);

/* ---- undo log ----------------------------------------------------------- */

/* One entry saves up to 16 old bytes (one access of any width); wider
 * writes (ranges, memset) are cut in 16-byte pieces. `data` is 8-aligned so
 * the collector sees saved pointers. */
#define EL_EMU_LOG_CHUNK 16
typedef struct el_emu_undo {
    uintptr_t addr;
    uint32_t len;
    uint32_t pad_;
    unsigned char data[EL_EMU_LOG_CHUNK];
} el_emu_undo;

/* A transaction that writes one word a million times must not log it a
 * million times: a direct-mapped filter of (addr, len) logged in this
 * transaction skips exact repeats (the first, oldest value is the one a
 * rollback needs). 256 entries: a loop body's distinct stores fit. */
#define EL_EMU_LOG_FILTER 256
typedef struct el_emu_log {
    el_emu_undo *e;
    size_t n, cap;
    uint64_t gen;          /* one per transaction: invalidates the filter */
    struct { uintptr_t addr; uint32_t len; uint64_t gen; } filter[EL_EMU_LOG_FILTER];
} el_emu_log;

void el_emu_log_init(el_emu_log *l);
void el_emu_log_fini(el_emu_log *l);
void el_emu_log_grow_slow(el_emu_log *l);
/* Save the current bytes of [addr, addr+len) before they are written. */
void el_emu_log_save(el_emu_log *l, uintptr_t addr, size_t len);
/* Write every saved byte back, newest first, except entries that start in
 * [skip_lo, skip_hi): the dead part of the thread's own stack below the
 * begin point, where the rollback itself is running. */
void el_emu_log_restore(const el_emu_log *l, uintptr_t skip_lo, uintptr_t skip_hi);
/* Forget the entries (commit or after restore). */
static inline void el_emu_log_reset(el_emu_log *l)
{
    l->n = 0;
    l->gen++;
}

#endif
