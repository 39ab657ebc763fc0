/* probe.h: what this machine can do for transactional lock elision.
 *
 * main.c uses the four report functions (probe_run, probe_print_text,
 * probe_print_json, probe_free). The rest is for the parts that need one
 * fact (the simulator wants the L1D geometry, benchmarks want thread
 * placement) and for tests, which replay recorded inputs through the same
 * pure decision function the live probe uses.
 *
 * Concurrency contract: probe_run() and probe_decide() touch only their
 * arguments and the once-read facts (elide_tsx_facts(), the topology), so
 * any thread may call them. The hwloc topology is loaded at most once, on
 * first use (pthread_once), and is read-only afterwards; hwloc allows
 * concurrent reads of a loaded topology, so probe_place_thread() and
 * probe_l1d() may run on many threads at once. A report belongs to the
 * caller; nothing else holds a pointer into it.
 */
#ifndef ELIDE_PROBE_H
#define ELIDE_PROBE_H
#include <stdio.h>

#include "elide_cpu.h"

typedef struct probe_report probe_report;

enum {
    PROBE_FAST = 0,     /* CPU, kernel verdict, self-test: no hwloc */
    PROBE_FULL = 1,     /* also the hwloc topology (milliseconds) */
};

probe_report *probe_run(unsigned flags);
void probe_print_text(FILE *out, const probe_report *r);
void probe_print_json(FILE *out, const probe_report *r);
void probe_free(probe_report *r);

/* ---- the decision: a pure function of recorded inputs ----------------- */

typedef enum probe_mode {
    PROBE_MODE_FINE = 0,   /* per-object locks, no GIL (DESIGN.md section 2) */
    PROBE_MODE_RTM,        /* RTM transactions */
} probe_mode;

/* CPU identity as libcpuid decodes it. */
typedef struct probe_cpu {
    int identified;        /* libcpuid decoded CPUID (else only vendor is set) */
    char vendor[16];       /* "GenuineIntel", "AuthenticAMD", ... */
    char brand[64];        /* the brand string, e.g. "AMD EPYC" */
    char codename[64];     /* libcpuid's guess, e.g. "Haswell (Core i7)" */
    int family, model, stepping;   /* display values (extended family/model) */
    char hypervisor[16];   /* "" if none seen, else "KVM", "VMware", ... */
} probe_cpu;

/* Everything the verdict depends on. Recorded cases fill this by hand. */
typedef struct probe_inputs {
    probe_cpu cpu;
    struct elide_tsx_facts tsx;   /* CPUID leaf 7, kernel text, tsx= */
    elide_rtm_selftest selftest;  /* ran = 0 where XBEGIN could fault */
    int under_valgrind;           /* CPUID is valgrind's synthetic one */
} probe_inputs;

/* 12 notes cover the longest chain of reasons the rules below produce
 * (about 8) with room to spare; 256 bytes holds the longest sentence plus
 * a kernel text of 127 bytes. */
#define PROBE_MAX_NOTES 12
#define PROBE_NOTE_LEN 256

typedef struct probe_verdict {
    probe_mode mode;
    unsigned nreasons, nadvice;
    char reasons[PROBE_MAX_NOTES][PROBE_NOTE_LEN];   /* why: sentences */
    char advice[PROBE_MAX_NOTES][PROBE_NOTE_LEN];    /* what a user can do */
} probe_verdict;

/* The verdict auto mode follows: rtm iff CPUID lists RTM, not
 * RTM_ALWAYS_ABORT, and the self-test saw at least one commit; else fine. */
void probe_decide(const probe_inputs *in, probe_verdict *out);
const char *probe_mode_name(probe_mode m);

/* ---- topology (hwloc, loaded lazily) ---------------------------------- */

typedef struct probe_topology {
    int loaded;            /* 0: hwloc failed to load; the rest is 0 */
    int packages, cores, pus;
    int smt;               /* hardware threads per core (max over cores) */
    long l1d_size;         /* bytes, 0 if unknown */
    int l1d_line;          /* bytes, 0 if unknown */
    int l1d_ways;          /* 0 unknown, -1 fully associative */
    /* RTM tracks the write set in the L1D: at most l1d_size / l1d_line
     * lines, and half of that while the SMT sibling shares the cache. */
    long write_set_lines;
    long write_set_lines_smt;
} probe_topology;

/* The topology, loaded on first call; never NULL. */
const probe_topology *probe_topology_get(void);
/* L1D geometry for the simulator: 0 and the three values, or -1 (outputs
 * untouched) when hwloc cannot tell. Any output may be NULL. */
int probe_l1d(long *size, int *line, int *ways);
/* Bind the calling thread to the PU for thread number i: threads 0..C-1
 * get one core each, then C..2C-1 the second hardware thread of each core,
 * and so on, wrapping around. Returns the OS index of the PU, or -1 (and
 * the thread stays where it was) if hwloc cannot bind. */
int probe_place_thread(unsigned i);

/* ---- reports from recorded inputs (tests, tools) ---------------------- */

/* A report of `in` with its verdict; topo may be NULL (a PROBE_FAST
 * report). NULL when out of memory. */
probe_report *probe_report_make(const probe_inputs *in, const probe_topology *topo);
const probe_inputs *probe_report_inputs(const probe_report *r);
const probe_verdict *probe_report_verdict(const probe_report *r);

#endif
