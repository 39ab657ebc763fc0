/* probe.h: what this machine can do for transactional lock elision.
 * (Contract for main.c; the probes part fills in the report.) */
#ifndef ELIDE_PROBE_H
#define ELIDE_PROBE_H
#include <stdio.h>

typedef struct probe_report probe_report;

enum {
    PROBE_FAST = 0,     /* CPU, kernel verdict, self-test: no hwloc */
    PROBE_FULL = 1,     /* also the hwloc topology (milliseconds) */
};

probe_report *probe_run(unsigned flags);
void probe_print_text(FILE *out, const probe_report *r);
void probe_print_json(FILE *out, const probe_report *r);
void probe_free(probe_report *r);

#endif
