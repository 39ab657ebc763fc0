/* el_internal.h: libelide internals. Not installed; not for programs.
 *
 * Concurrency contract: el_g_config is written only by elide_init /
 * elide_config_set (under el_g_init_lock, before elide_g_kind is published
 * with a release store) and read by lock slow paths after their acquire load
 * of elide_g_kind. Per-thread statistics: see elide_stats.h.
 */
#ifndef ELIDE_EL_INTERNAL_H
#define ELIDE_EL_INTERNAL_H
#ifndef ELIDE_BUILD_CORE
#error "el_internal.h is internal to libelide (and probes/): define ELIDE_BUILD_CORE"
#endif

#include "elide_backend.h"
#include "elide.h"

#include <stdint.h>

/* The RTM primitives, compiled for the rtm target in el_rtm.c so that one
 * binary runs on every x86-64 CPU. Callers must have checked
 * elide_tsx_facts()->xbegin_executes: on a CPU without TSX silicon XBEGIN
 * raises #UD (SIGILL). */
unsigned el_rtm_begin(void);
void el_rtm_end(void);
void el_rtm_abort_code(unsigned code);
int el_rtm_test(void);

/* Built-in backends (el_mode.c, el_inject.c). */
extern const elide_backend el_backend_none, el_backend_hle, el_backend_rtm,
    el_backend_inject;

/* The active policy numbers (el_config.c). */
extern elide_config el_g_config;

/* The calling thread's statistics block, registered on first use. */
elide_stats *el_stats_mine(void);

/* Owner-only increment: relaxed load + store, no locked instruction. */
static inline void el_inc(uint64_t *p, uint64_t n)
{
    __atomic_store_n(p, __atomic_load_n(p, __ATOMIC_RELAXED) + n, __ATOMIC_RELAXED);
}

/* Misuse of the library, or an impossible OS failure: print where, abort. */
#define el_die(...) el_die_at(__FILE__, __LINE__, __func__, __VA_ARGS__)
void el_die_at(const char *file, int line, const char *func, const char *fmt, ...)
    __attribute__((noreturn, format(printf, 4, 5)));

#endif
