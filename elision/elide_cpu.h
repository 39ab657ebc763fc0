/* elide_cpu.h: the raw TSX facts libelide decides by, and the RTM self-test.
 *
 * libelide needs these for ELIDE_MODE=auto on its own (a C program that uses
 * it has no probe), and probes/ builds its full report on top of them, so the
 * facts are read in one place. No dependency beyond libc: CPUID leaf 7 is read
 * with <cpuid.h>, the kernel's verdict from sysfs and /proc/cmdline.
 *
 * Thread safety: elide_tsx_facts_read() fills a caller's struct and may run
 * on any thread; elide_tsx_facts() caches the first reading (once, with
 * acquire/release) and returns the same pointer afterwards.
 */
#ifndef ELIDE_CPU_H
#define ELIDE_CPU_H

#ifdef __cplusplus
extern "C" {
#endif

/* What the kernel says in /sys/devices/system/cpu/vulnerabilities/tsx_async_abort. */
typedef enum elide_kernel_tsx {
    ELIDE_KTSX_UNKNOWN = 0,    /* file missing or unreadable (old kernel, container) */
    ELIDE_KTSX_NOT_AFFECTED,   /* "Not affected": no TSX, or TSX without TAA */
    ELIDE_KTSX_DISABLED,       /* "Mitigation: TSX disabled": silicon has TSX, kernel turned it off */
    ELIDE_KTSX_CLEAR_BUFFERS,  /* "Mitigation: Clear CPU buffers...": TSX on, mitigated */
    ELIDE_KTSX_VULNERABLE,     /* "Vulnerable...": TSX on, unmitigated */
    ELIDE_KTSX_OTHER,          /* some other text (kept verbatim in kernel_text) */
} elide_kernel_tsx;

/* A struct tag without a typedef: in C the name elide_tsx_facts cannot be
 * both a type and the function below, and callers write
 * elide_tsx_facts()->xbegin_executes. */
struct elide_tsx_facts {
    int is_intel;              /* CPUID vendor GenuineIntel */
    int hypervisor;            /* CPUID.1:ECX[31] */
    int max_leaf;              /* CPUID.0:EAX */
    int rtm;                   /* CPUID.(7,0):EBX[11] */
    int hle;                   /* CPUID.(7,0):EBX[4] */
    int rtm_always_abort;      /* CPUID.(7,0):EDX[11] */
    int tsx_force_abort;       /* CPUID.(7,0):EDX[13] */
    int tsxldtrk;              /* CPUID.(7,0):EDX[16] */
    elide_kernel_tsx kernel;
    char kernel_text[128];     /* the sysfs line, verbatim, "" if none */
    char tsx_param[16];        /* value of tsx= on /proc/cmdline, "" if absent */
    /* Derived: evidence that XBEGIN executes here without raising #UD:
     * RTM or RTM_ALWAYS_ABORT in CPUID, or a kernel verdict that only TSX
     * silicon gets (disabled / clear buffers / vulnerable). Where this is 0,
     * nothing in libelide or probes/ ever executes XBEGIN. */
    int xbegin_executes;
};

/* Read the facts now (no caching). Never executes XBEGIN. */
void elide_tsx_facts_read(struct elide_tsx_facts *out);
/* The facts read once per process. */
const struct elide_tsx_facts *elide_tsx_facts(void);
/* Derive xbegin_executes from the other fields (a pure function, so recorded
 * inputs can be tested). */
int elide_tsx_xbegin_executes(const struct elide_tsx_facts *f);

/* Outcome of a burst of trial RTM transactions. */
typedef struct elide_rtm_selftest {
    int ran;                   /* 0: not run, since XBEGIN might fault here */
    unsigned tries, commits;
    unsigned zero_status;      /* aborts with status 0 */
    unsigned by_bit[6];        /* aborts with ELIDE_ABORT_* bit i set */
    unsigned last_status;
} elide_rtm_selftest;

/* Run `tries` empty transactions through the rtm backend, only where
 * elide_tsx_facts()->xbegin_executes; otherwise return with ran = 0. */
void elide_rtm_selftest_run(unsigned tries, elide_rtm_selftest *out);

#ifdef __cplusplus
}
#endif
#endif
