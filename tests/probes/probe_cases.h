/* probe_cases.h: recorded probe inputs, one per kind of machine.
 *
 * Each case fills a probe_inputs the way probe_run() would on that
 * machine: CPUID facts and kernel text as that machine reports them, the
 * derived xbegin_executes through the library's own rule, and a self-test
 * result only where that rule lets XBEGIN run. "this_vm" was read on our
 * own build machine; the others are modelled on what Intel's and the
 * kernel's documentation say those machines report.
 */
#ifndef ELIDE_TESTS_PROBE_CASES_H
#define ELIDE_TESTS_PROBE_CASES_H

#include "probe.h"

typedef struct probe_case {
    const char *name;
    void (*fill)(probe_inputs *in);
} probe_case;

extern const probe_case probe_cases[];
extern const unsigned probe_ncases;

void case_haswell_rtm(probe_inputs *in);        /* RTM works: commits -> rtm */
void case_skylake_always_abort(probe_inputs *in);/* 2021 client microcode */
void case_amd_desktop(probe_inputs *in);        /* AMD, bare metal */
void case_intel_tsx_disabled(probe_inputs *in); /* our dev machines: tsx off */
void case_this_vm(probe_inputs *in);            /* AMD EPYC under KVM (real) */
void case_valgrind_on_intel(probe_inputs *in);  /* valgrind's CPUID, TSX host */
void case_valgrind_on_amd(probe_inputs *in);    /* valgrind's CPUID, this host */
void case_vm_hides_all(probe_inputs *in);       /* hypervisor hides TSX */
void case_rtm_no_commits(probe_inputs *in);     /* RTM listed, all abort */

#endif
