/* el_emu_hooks.c: the entry points that -fsanitize=thread code calls
 * (gcc 12 and clang 14; checked with `nm -u` on instrumented objects), and
 * the libc calls the compiler leaves (linked with -Wl,--wrap=NAME, see
 * elide_emu_instrument in CMakeLists.txt).
 *
 * Every memory order argument is ignored: each operation is performed
 * seq_cst, which is stronger than any the program asked for.
 *
 * Concurrency contract: the top of el_emu_rt.c; nothing here has state.
 */
#define ELIDE_EMU_BUILD_CORE
#include "el_emu_rt.h"

#define EL_EMU_PC __builtin_return_address(0)
#define EL_EMU_SEQ __ATOMIC_SEQ_CST
#define EL_EMU_API __attribute__((visibility("default")))

typedef unsigned char el_a8;
typedef unsigned short el_a16;
typedef unsigned int el_a32;
typedef unsigned long long el_a64;
typedef unsigned __int128 el_a128;

/* ---- lifecycle ---------------------------------------------------------- */

EL_EMU_API void __tsan_init(void)
{
    el_emu_init();
}

/* Function entry and exit carry nothing the simulator needs (the abort
 * attribution uses the access's own return address). */
EL_EMU_API void __tsan_func_entry(void *pc)
{
    (void)pc;
}

EL_EMU_API void __tsan_func_exit(void)
{
}

/* ---- plain loads and stores ---------------------------------------------- */

#define EL_EMU_RW(N)                                                                 \
    EL_EMU_API void __tsan_read##N(void *a) { el_emu_read((uintptr_t)a, N, EL_EMU_PC); }     \
    EL_EMU_API void __tsan_write##N(void *a) { el_emu_write((uintptr_t)a, N, EL_EMU_PC); }   \
    EL_EMU_API void __tsan_read##N##_pc(void *a, void *pc) { el_emu_read((uintptr_t)a, N, pc); } \
    EL_EMU_API void __tsan_write##N##_pc(void *a, void *pc) { el_emu_write((uintptr_t)a, N, pc); } \
    EL_EMU_API void __tsan_volatile_read##N(void *a) { el_emu_read((uintptr_t)a, N, EL_EMU_PC); } \
    EL_EMU_API void __tsan_volatile_write##N(void *a) { el_emu_write((uintptr_t)a, N, EL_EMU_PC); }
EL_EMU_RW(1)
EL_EMU_RW(2)
EL_EMU_RW(4)
EL_EMU_RW(8)
EL_EMU_RW(16)

#define EL_EMU_URW(N)                                                                 \
    EL_EMU_API void __tsan_unaligned_read##N(void *a) { el_emu_read((uintptr_t)a, N, EL_EMU_PC); } \
    EL_EMU_API void __tsan_unaligned_write##N(void *a) { el_emu_write((uintptr_t)a, N, EL_EMU_PC); } \
    EL_EMU_API void __tsan_unaligned_volatile_read##N(void *a) { el_emu_read((uintptr_t)a, N, EL_EMU_PC); } \
    EL_EMU_API void __tsan_unaligned_volatile_write##N(void *a) { el_emu_write((uintptr_t)a, N, EL_EMU_PC); }
EL_EMU_URW(2)
EL_EMU_URW(4)
EL_EMU_URW(8)
EL_EMU_URW(16)

EL_EMU_API void __tsan_read_range(void *a, unsigned long n)
{
    if (n)
        el_emu_read((uintptr_t)a, n, EL_EMU_PC);
}

EL_EMU_API void __tsan_write_range(void *a, unsigned long n)
{
    if (n)
        el_emu_write((uintptr_t)a, n, EL_EMU_PC);
}

EL_EMU_API void __tsan_read_range_pc(void *a, unsigned long n, void *pc)
{
    if (n)
        el_emu_read((uintptr_t)a, n, pc);
}

EL_EMU_API void __tsan_write_range_pc(void *a, unsigned long n, void *pc)
{
    if (n)
        el_emu_write((uintptr_t)a, n, pc);
}

/* C++ vtable pointers (C does not emit these; kept for C++ users). */
EL_EMU_API void __tsan_vptr_update(void **p, void *v)
{
    (void)v;
    el_emu_write((uintptr_t)p, sizeof *p, EL_EMU_PC);
}

EL_EMU_API void __tsan_vptr_read(void **p)
{
    el_emu_read((uintptr_t)p, sizeof *p, EL_EMU_PC);
}

/* ---- atomics: widths 1..8 -------------------------------------------------- */

#define EL_EMU_ALOAD(T, a, pc)                                                       \
    ({                                                                               \
        T r_;                                                                        \
        el_emu_tx *t_ = el_emu_self;                                                 \
        if (t_ && t_->depth) {                                                       \
            el_emu_tx_read(t_, (uintptr_t)(a), sizeof(T), pc);                       \
            r_ = EL_EMU_LOAD_##T(a);                                                 \
        } else {                                                                     \
            for (;;) {                                                               \
                uint32_t v_ = el_emu_nontx_load_enter((uintptr_t)(a), pc);          \
                r_ = EL_EMU_LOAD_##T(a);                                             \
                if (el_emu_nontx_load_ok((uintptr_t)(a), v_))                        \
                    break;                                                           \
            }                                                                        \
        }                                                                            \
        r_;                                                                          \
    })

/* op under the line: in a transaction, owned and logged; outside, held */
#define EL_EMU_AWRITE(T, a, pc, op)                                                  \
    ({                                                                               \
        el_emu_orec *o_ = el_emu_atomic_enter((uintptr_t)(a), sizeof(T), 1, pc);     \
        __typeof__(op) r_ = (op);                                                    \
        el_emu_atomic_leave(o_);                                                     \
        r_;                                                                          \
    })

#define EL_EMU_LOAD_el_a8(a) __atomic_load_n(a, EL_EMU_SEQ)
#define EL_EMU_LOAD_el_a16(a) __atomic_load_n(a, EL_EMU_SEQ)
#define EL_EMU_LOAD_el_a32(a) __atomic_load_n(a, EL_EMU_SEQ)
#define EL_EMU_LOAD_el_a64(a) __atomic_load_n(a, EL_EMU_SEQ)

#define EL_EMU_FETCH(N, T, OP)                                                       \
    EL_EMU_API T __tsan_atomic##N##_fetch_##OP(volatile T *a, T v, int mo)          \
    {                                                                                \
        (void)mo;                                                                    \
        return EL_EMU_AWRITE(T, a, EL_EMU_PC, __atomic_fetch_##OP(a, v, EL_EMU_SEQ)); \
    }

#define EL_EMU_ATOMICS(N, T)                                                         \
    EL_EMU_API T __tsan_atomic##N##_load(const volatile T *a, int mo)               \
    {                                                                                \
        (void)mo;                                                                    \
        return EL_EMU_ALOAD(T, a, EL_EMU_PC);                                        \
    }                                                                                \
    EL_EMU_API void __tsan_atomic##N##_store(volatile T *a, T v, int mo)            \
    {                                                                                \
        (void)mo;                                                                    \
        (void)EL_EMU_AWRITE(T, a, EL_EMU_PC, (__atomic_store_n(a, v, EL_EMU_SEQ), 0)); \
    }                                                                                \
    EL_EMU_API T __tsan_atomic##N##_exchange(volatile T *a, T v, int mo)            \
    {                                                                                \
        (void)mo;                                                                    \
        return EL_EMU_AWRITE(T, a, EL_EMU_PC, __atomic_exchange_n(a, v, EL_EMU_SEQ)); \
    }                                                                                \
    EL_EMU_FETCH(N, T, add)                                                          \
    EL_EMU_FETCH(N, T, sub)                                                          \
    EL_EMU_FETCH(N, T, and)                                                          \
    EL_EMU_FETCH(N, T, or)                                                           \
    EL_EMU_FETCH(N, T, xor)                                                          \
    EL_EMU_FETCH(N, T, nand)                                                         \
    EL_EMU_API int __tsan_atomic##N##_compare_exchange_strong(volatile T *a, T *c, T v, int mo, int fmo) \
    {                                                                                \
        (void)mo, (void)fmo;                                                         \
        el_emu_write((uintptr_t)c, sizeof(T), EL_EMU_PC);                            \
        return EL_EMU_AWRITE(T, a, EL_EMU_PC,                                        \
                             __atomic_compare_exchange_n(a, c, v, 0, EL_EMU_SEQ, EL_EMU_SEQ)); \
    }                                                                                \
    EL_EMU_API int __tsan_atomic##N##_compare_exchange_weak(volatile T *a, T *c, T v, int mo, int fmo) \
    {                                                                                \
        (void)mo, (void)fmo;                                                         \
        el_emu_write((uintptr_t)c, sizeof(T), EL_EMU_PC);                            \
        return EL_EMU_AWRITE(T, a, EL_EMU_PC,                                        \
                             __atomic_compare_exchange_n(a, c, v, 0, EL_EMU_SEQ, EL_EMU_SEQ)); \
    }                                                                                \
    EL_EMU_API T __tsan_atomic##N##_compare_exchange_val(volatile T *a, T c, T v, int mo, int fmo) \
    {                                                                                \
        (void)mo, (void)fmo;                                                         \
        (void)EL_EMU_AWRITE(T, a, EL_EMU_PC,                                         \
                            __atomic_compare_exchange_n(a, &c, v, 0, EL_EMU_SEQ, EL_EMU_SEQ)); \
        return c;                                                                    \
    }

EL_EMU_ATOMICS(8, el_a8)
EL_EMU_ATOMICS(16, el_a16)
EL_EMU_ATOMICS(32, el_a32)
EL_EMU_ATOMICS(64, el_a64)

/* ---- atomics: 16 bytes, through cmpxchg16b (-mcx16) ---------------------- */

static el_a128 el_emu_cas128(volatile el_a128 *a, el_a128 old, el_a128 nv)
{
    return __sync_val_compare_and_swap(a, old, nv);
}

#define EL_EMU_LOAD_el_a128(a) el_emu_cas128((volatile el_a128 *)(a), 0, 0)

/* r = old value, after *a = f(old, v), by a CAS loop */
#define EL_EMU_RMW128(a, v, f)                                                       \
    ({                                                                               \
        el_a128 old_ = 0, seen_;                                                     \
        while ((seen_ = el_emu_cas128(a, old_, f(old_, v))) != old_)                 \
            old_ = seen_;                                                            \
        old_;                                                                        \
    })
#define EL_EMU_F_SET(o, v) (v)
#define EL_EMU_F_ADD(o, v) ((o) + (v))
#define EL_EMU_F_SUB(o, v) ((o) - (v))
#define EL_EMU_F_AND(o, v) ((o) & (v))
#define EL_EMU_F_OR(o, v) ((o) | (v))
#define EL_EMU_F_XOR(o, v) ((o) ^ (v))
#define EL_EMU_F_NAND(o, v) (~((o) & (v)))

#define EL_EMU_FETCH128(OP, F)                                                       \
    EL_EMU_API el_a128 __tsan_atomic128_fetch_##OP(volatile el_a128 *a, el_a128 v, int mo) \
    {                                                                                \
        (void)mo;                                                                    \
        return EL_EMU_AWRITE(el_a128, a, EL_EMU_PC, EL_EMU_RMW128(a, v, F));         \
    }

EL_EMU_API el_a128 __tsan_atomic128_load(const volatile el_a128 *a, int mo)
{
    (void)mo;
    return EL_EMU_ALOAD(el_a128, a, EL_EMU_PC);
}

EL_EMU_API void __tsan_atomic128_store(volatile el_a128 *a, el_a128 v, int mo)
{
    (void)mo;
    (void)EL_EMU_AWRITE(el_a128, a, EL_EMU_PC, EL_EMU_RMW128(a, v, EL_EMU_F_SET));
}

EL_EMU_FETCH128(add, EL_EMU_F_ADD)
EL_EMU_FETCH128(sub, EL_EMU_F_SUB)
EL_EMU_FETCH128(and, EL_EMU_F_AND)
EL_EMU_FETCH128(or, EL_EMU_F_OR)
EL_EMU_FETCH128(xor, EL_EMU_F_XOR)
EL_EMU_FETCH128(nand, EL_EMU_F_NAND)

EL_EMU_API el_a128 __tsan_atomic128_exchange(volatile el_a128 *a, el_a128 v, int mo)
{
    (void)mo;
    return EL_EMU_AWRITE(el_a128, a, EL_EMU_PC, EL_EMU_RMW128(a, v, EL_EMU_F_SET));
}

static int el_emu_cx128(volatile el_a128 *a, el_a128 *c, el_a128 v, const void *pc)
{
    el_emu_write((uintptr_t)c, sizeof *c, pc);
    el_emu_orec *o = el_emu_atomic_enter((uintptr_t)a, sizeof *a, 1, pc);
    el_a128 expect = *c, seen = el_emu_cas128(a, expect, v);
    el_emu_atomic_leave(o);
    if (seen == expect)
        return 1;
    *c = seen;
    return 0;
}

EL_EMU_API int __tsan_atomic128_compare_exchange_strong(volatile el_a128 *a, el_a128 *c, el_a128 v,
                                                        int mo, int fmo)
{
    (void)mo, (void)fmo;
    return el_emu_cx128(a, c, v, EL_EMU_PC);
}

EL_EMU_API int __tsan_atomic128_compare_exchange_weak(volatile el_a128 *a, el_a128 *c, el_a128 v,
                                                      int mo, int fmo)
{
    (void)mo, (void)fmo;
    return el_emu_cx128(a, c, v, EL_EMU_PC);
}

EL_EMU_API el_a128 __tsan_atomic128_compare_exchange_val(volatile el_a128 *a, el_a128 c, el_a128 v,
                                                         int mo, int fmo)
{
    (void)mo, (void)fmo;
    el_emu_cx128(a, &c, v, EL_EMU_PC);
    return c;
}

/* ---- fences ---------------------------------------------------------------- */

/* Every hook that orders anything is seq_cst already; the fence itself is
 * kept for uninstrumented memory the fence may also order. */
EL_EMU_API void __tsan_atomic_thread_fence(int mo)
{
    (void)mo;
    el_emu_tx *t = el_emu_self;
    if (!t || !t->depth)
        atomic_thread_fence(memory_order_seq_cst);
}

EL_EMU_API void __tsan_atomic_signal_fence(int mo)
{
    (void)mo;
    atomic_signal_fence(memory_order_seq_cst);
}

/* ---- libc calls the compiler leaves ---------------------------------------- */

/* glibc's checked variants: real functions that are not the wrapped names. */
extern void *__memcpy_chk(void *d, const void *s, size_t n, size_t dlen);
extern void *__memmove_chk(void *d, const void *s, size_t n, size_t dlen);
extern void *__memset_chk(void *d, int c, size_t n, size_t dlen);
/* through volatile pointers, so no compiler folds them back into the
 * wrapped names (see el_emu_copy) */
static void *(*volatile el_emu_memcpy_chk)(void *, const void *, size_t, size_t) = __memcpy_chk;
static void *(*volatile el_emu_memmove_chk)(void *, const void *, size_t, size_t) = __memmove_chk;
static void *(*volatile el_emu_memset_chk)(void *, int, size_t, size_t) = __memset_chk;

static void *el_emu_memcpy(void *d, const void *s, size_t n, const void *pc)
{
    if (n) {
        el_emu_read((uintptr_t)s, n, pc);
        el_emu_write((uintptr_t)d, n, pc);
    }
    return el_emu_memcpy_chk(d, s, n, n);
}

static void *el_emu_memmove(void *d, const void *s, size_t n, const void *pc)
{
    if (n) {
        el_emu_read((uintptr_t)s, n, pc);
        el_emu_write((uintptr_t)d, n, pc);
    }
    return el_emu_memmove_chk(d, s, n, n);
}

static void *el_emu_memset(void *d, int c, size_t n, const void *pc)
{
    if (n)
        el_emu_write((uintptr_t)d, n, pc);
    return el_emu_memset_chk(d, c, n, n);
}

/* Reads of unknown length join the read set one line at a time, before
 * the bytes of that line are looked at. */
static size_t el_emu_strlen(const char *s, size_t max, const void *pc)
{
    size_t n = 0;
    uintptr_t next = (uintptr_t)s;   /* first byte not yet registered */
    while (n < max) {
        if ((uintptr_t)(s + n) == next) {
            uintptr_t end = el_emu_line_of(next) + EL_EMU_LINE;
            el_emu_read(next, end - next, pc);
            next = end;
        }
        if (!s[n])
            break;
        n++;
    }
    return n;
}

static int el_emu_memcmp(const void *a, const void *b, size_t n, const void *pc)
{
    if (n) {
        el_emu_read((uintptr_t)a, n, pc);
        el_emu_read((uintptr_t)b, n, pc);
    }
    const unsigned char *x = a, *y = b;
    for (size_t i = 0; i < n; i++)
        if (x[i] != y[i])
            return x[i] < y[i] ? -1 : 1;
    return 0;
}

static int el_emu_strncmp(const char *a, const char *b, size_t max, const void *pc)
{
    size_t la = el_emu_strlen(a, max, pc), lb = el_emu_strlen(b, max, pc);
    size_t n = (la < lb ? la : lb) + 1;
    if (n > max)
        n = max;
    const unsigned char *x = (const unsigned char *)a, *y = (const unsigned char *)b;
    for (size_t i = 0; i < n; i++)
        if (x[i] != y[i])
            return x[i] < y[i] ? -1 : 1;
    return 0;
}

/* clang >= 15 and some gcc paths call these instead of leaving memcpy */
EL_EMU_API void *__tsan_memcpy(void *d, const void *s, size_t n) { return el_emu_memcpy(d, s, n, EL_EMU_PC); }
EL_EMU_API void *__tsan_memmove(void *d, const void *s, size_t n) { return el_emu_memmove(d, s, n, EL_EMU_PC); }
EL_EMU_API void *__tsan_memset(void *d, int c, size_t n) { return el_emu_memset(d, c, n, EL_EMU_PC); }

/* -Wl,--wrap=NAME on the instrumented link sends every call to NAME here */
EL_EMU_API void *__wrap_memcpy(void *d, const void *s, size_t n) { return el_emu_memcpy(d, s, n, EL_EMU_PC); }
EL_EMU_API void *__wrap_memmove(void *d, const void *s, size_t n) { return el_emu_memmove(d, s, n, EL_EMU_PC); }
EL_EMU_API void *__wrap_memset(void *d, int c, size_t n) { return el_emu_memset(d, c, n, EL_EMU_PC); }
EL_EMU_API int __wrap_memcmp(const void *a, const void *b, size_t n) { return el_emu_memcmp(a, b, n, EL_EMU_PC); }
EL_EMU_API size_t __wrap_strlen(const char *s) { return el_emu_strlen(s, SIZE_MAX, EL_EMU_PC); }
EL_EMU_API int __wrap_strcmp(const char *a, const char *b) { return el_emu_strncmp(a, b, SIZE_MAX, EL_EMU_PC); }
EL_EMU_API int __wrap_strncmp(const char *a, const char *b, size_t n) { return el_emu_strncmp(a, b, n, EL_EMU_PC); }
