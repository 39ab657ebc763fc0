/* probe_internal.h: what the files of probes/ share; not for other parts.
 *
 * Concurrency contract: a probe_report is written only while probe_run()
 * or probe_report_make() builds it, then only read; the printers take it
 * const. See probe.h for the topology's once-only load.
 */
#ifndef ELIDE_PROBE_INTERNAL_H
#define ELIDE_PROBE_INTERNAL_H

#include "probe.h"

struct probe_report {
    probe_inputs in;
    probe_verdict verdict;
    int has_topology;         /* 0 for PROBE_FAST: topo is all zero */
    probe_topology topo;
    /* What the probe itself cost, in microseconds (0 for recorded inputs):
     * the fast part (CPUID, kernel files, self-test) and hwloc's load. */
    double fast_us, topology_us;
};

/* Fill out from libcpuid on the calling CPU. hypervisor_bit is
 * CPUID.1:ECX[31]; only then is the hypervisor's vendor asked for. */
void probe_cpu_read(probe_cpu *out, int hypervisor_bit);

#endif
