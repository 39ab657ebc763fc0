/* probe.c: one probe run: the facts, the identity, the self-test, the
 * topology if asked, and the verdict over them.
 *
 * Concurrency contract: see probe.h; a report is the caller's alone.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "probe_internal.h"

#if defined(__has_include)
#if __has_include(<valgrind/valgrind.h>)
#include <valgrind/valgrind.h>
#define PROBE_HAVE_VALGRIND_H 1
#endif
#endif

/* Trial transactions in the self-test. Working RTM commits an empty
 * transaction nearly every time; an interrupt or the first touch of a page
 * may abort a few. 100 makes "no commit at all" on working RTM practically
 * impossible while costing well under 100 us, even where every one aborts
 * (an abort costs a few hundred cycles). */
#define PROBE_SELFTEST_TRIES 100

static double pr_now_us(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e6 + (double)ts.tv_nsec / 1e3;
}

/* valgrind's client request is a no-op sequence on real hardware. */
static int pr_under_valgrind(void)
{
#ifdef PROBE_HAVE_VALGRIND_H
    return RUNNING_ON_VALGRIND != 0;
#else
    return 0;
#endif
}

probe_report *probe_report_make(const probe_inputs *in, const probe_topology *topo)
{
    probe_report *r = calloc(1, sizeof *r);
    if (!r)
        return NULL;
    r->in = *in;
    if (topo) {
        r->has_topology = 1;
        r->topo = *topo;
    }
    probe_decide(&r->in, &r->verdict);
    return r;
}

static void pr_gather(probe_inputs *in)
{
    memset(in, 0, sizeof *in);
    in->tsx = *elide_tsx_facts();
    probe_cpu_read(&in->cpu, in->tsx.hypervisor);
    elide_rtm_selftest_run(PROBE_SELFTEST_TRIES, &in->selftest);
    in->under_valgrind = pr_under_valgrind();
}

probe_report *probe_run(unsigned flags)
{
    probe_inputs in;
    double t0 = pr_now_us();
    pr_gather(&in);
    double t1 = pr_now_us();
    const probe_topology *topo = (flags & PROBE_FULL) ? probe_topology_get() : NULL;
    double t2 = pr_now_us();
    probe_report *r = probe_report_make(&in, topo);
    if (!r)
        return NULL;
    r->fast_us = t1 - t0;
    r->topology_us = topo ? t2 - t1 : 0;
    return r;
}

void probe_free(probe_report *r)
{
    free(r);
}

const probe_inputs *probe_report_inputs(const probe_report *r)
{
    return &r->in;
}

const probe_verdict *probe_report_verdict(const probe_report *r)
{
    return &r->verdict;
}
