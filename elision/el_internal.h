/* el_internal.h: libelide internals. Not installed; not for programs. */
#ifndef ELIDE_EL_INTERNAL_H
#define ELIDE_EL_INTERNAL_H
#ifndef ELIDE_BUILD_CORE
#error "el_internal.h is internal to libelide (and probes/): define ELIDE_BUILD_CORE"
#endif

#include "elide_backend.h"

/* The RTM primitives, compiled for the rtm target in el_rtm.c so that one
 * binary runs on every x86-64 CPU. Callers must have checked
 * elide_tsx_facts()->xbegin_executes: on a CPU without TSX silicon XBEGIN
 * raises #UD (SIGILL). */
unsigned el_rtm_begin(void);
void el_rtm_end(void);
void el_rtm_abort_code(unsigned code);
int el_rtm_test(void);

#endif
