/* el_die.c: misuse of libelide, or an OS failure that cannot happen: say
 * where and stop (liburcu's urcu_die). */
#define ELIDE_BUILD_CORE 1
#include "el_internal.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

void el_die_at(const char *file, int line, const char *func, const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "elide: fatal: %s:%d: %s: ", file, line, func);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    abort();
}
