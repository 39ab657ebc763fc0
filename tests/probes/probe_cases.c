/* probe_cases.c: the recorded inputs of probe_cases.h. */
#include <stdio.h>
#include <string.h>

#include "elide_backend.h"
#include "probe_cases.h"

static void pc_cpu(probe_inputs *in, const char *vendor, const char *brand, int family,
                   int model, int stepping)
{
    memset(in, 0, sizeof *in);
    in->cpu.identified = 1;
    snprintf(in->cpu.vendor, sizeof in->cpu.vendor, "%s", vendor);
    snprintf(in->cpu.brand, sizeof in->cpu.brand, "%s", brand);
    in->cpu.family = family;
    in->cpu.model = model;
    in->cpu.stepping = stepping;
    in->tsx.is_intel = !strcmp(vendor, "GenuineIntel");
    in->tsx.max_leaf = 0x16;
}

static void pc_kernel(probe_inputs *in, elide_kernel_tsx k, const char *text, const char *param)
{
    in->tsx.kernel = k;
    snprintf(in->tsx.kernel_text, sizeof in->tsx.kernel_text, "%s", text);
    snprintf(in->tsx.tsx_param, sizeof in->tsx.tsx_param, "%s", param);
}

/* Derive xbegin_executes with the library's rule; then, as the real
 * self-test does, run (here: record) trials only where it allows. Every
 * abort has `status`; `commits` of `tries` committed. */
static void pc_selftest(probe_inputs *in, unsigned tries, unsigned commits, unsigned status)
{
    in->tsx.xbegin_executes = elide_tsx_xbegin_executes(&in->tsx);
    if (!in->tsx.xbegin_executes)
        return;
    elide_rtm_selftest *s = &in->selftest;
    s->ran = 1;
    s->tries = tries;
    s->commits = commits;
    if (commits == tries)
        return;
    s->last_status = status;
    s->zero_status = status == 0 ? tries - commits : 0;
    for (int i = 0; i < 6; i++)
        s->by_bit[i] = (status >> i & 1) ? tries - commits : 0;
}

/* Haswell-EX with working TSX (the E7 v3 steppings kept it): a few of 100
 * trials abort with status 0 (an interrupt), the rest commit. */
void case_haswell_rtm(probe_inputs *in)
{
    pc_cpu(in, "GenuineIntel", "Intel(R) Xeon(R) CPU E7-8890 v3 @ 2.50GHz", 6, 63, 4);
    in->tsx.rtm = in->tsx.hle = 1;
    pc_kernel(in, ELIDE_KTSX_CLEAR_BUFFERS, "Mitigation: Clear CPU buffers; SMT vulnerable", "");
    pc_selftest(in, 100, 97, 0);
}

/* Skylake client after the 2021 microcode: RTM_ALWAYS_ABORT set, and the
 * kernel hides RTM itself (TSX_FORCE_ABORT's CPUID-clear bit). */
void case_skylake_always_abort(probe_inputs *in)
{
    pc_cpu(in, "GenuineIntel", "Intel(R) Core(TM) i7-6700K CPU @ 4.00GHz", 6, 94, 3);
    in->tsx.rtm_always_abort = in->tsx.tsx_force_abort = 1;
    pc_kernel(in, ELIDE_KTSX_NOT_AFFECTED, "Not affected", "");
    pc_selftest(in, 100, 0, 0);
}

void case_amd_desktop(probe_inputs *in)
{
    pc_cpu(in, "AuthenticAMD", "AMD Ryzen 9 5950X 16-Core Processor", 25, 33, 0);
    pc_kernel(in, ELIDE_KTSX_NOT_AFFECTED, "Not affected", "");
    pc_selftest(in, 100, 100, 0);
}

/* The development machine of the issue: CPUID hides RTM, the kernel says
 * it disabled TSX, XBEGIN executes and always aborts with status 0. */
void case_intel_tsx_disabled(probe_inputs *in)
{
    pc_cpu(in, "GenuineIntel", "Intel(R) Xeon(R) Gold 6230 CPU @ 2.10GHz", 6, 85, 7);
    pc_kernel(in, ELIDE_KTSX_DISABLED, "Mitigation: TSX disabled", "");
    pc_selftest(in, 100, 0, 0);
}

/* Read on our build machine (lscpu, CPUID, sysfs, /proc/cmdline). */
void case_this_vm(probe_inputs *in)
{
    pc_cpu(in, "AuthenticAMD", "AMD EPYC", 26, 2, 1);
    in->tsx.max_leaf = 28;
    in->tsx.hypervisor = 1;
    snprintf(in->cpu.hypervisor, sizeof in->cpu.hypervisor, "KVM");
    pc_kernel(in, ELIDE_KTSX_NOT_AFFECTED, "Not affected", "");
    pc_selftest(in, 100, 100, 0);
}

/* valgrind presents an Intel Core i7-4910MQ (Haswell) with RTM and HLE
 * masked off; its XBEGIN fails at once with the capacity bit. On a host
 * whose kernel has TSX on, the kernel's verdict lets the self-test run. */
void case_valgrind_on_intel(probe_inputs *in)
{
    pc_cpu(in, "GenuineIntel", "Intel(R) Core(TM) i7-4910MQ CPU @ 2.90GHz", 6, 60, 3);
    in->tsx.max_leaf = 13;
    in->under_valgrind = 1;
    pc_kernel(in, ELIDE_KTSX_CLEAR_BUFFERS, "Mitigation: Clear CPU buffers; SMT vulnerable", "");
    pc_selftest(in, 100, 0, ELIDE_ABORT_CAPACITY);
}

/* The same valgrind CPUID on this AMD host: the kernel says "Not affected",
 * so nothing lets XBEGIN run (as `valgrind elide --probe` shows here). */
void case_valgrind_on_amd(probe_inputs *in)
{
    case_valgrind_on_intel(in);
    memset(&in->selftest, 0, sizeof in->selftest);
    pc_kernel(in, ELIDE_KTSX_NOT_AFFECTED, "Not affected", "");
    pc_selftest(in, 100, 0, ELIDE_ABORT_CAPACITY);
}

/* A KVM guest on a Cascade Lake host whose CPU model hides TSX, and does
 * not pass ARCH_CAPABILITIES either: the guest kernel sees no TSX at all. */
void case_vm_hides_all(probe_inputs *in)
{
    pc_cpu(in, "GenuineIntel", "Intel Xeon Processor (Cascadelake)", 6, 85, 6);
    in->tsx.max_leaf = 13;
    in->tsx.hypervisor = 1;
    snprintf(in->cpu.hypervisor, sizeof in->cpu.hypervisor, "KVM");
    pc_kernel(in, ELIDE_KTSX_NOT_AFFECTED, "Not affected", "");
    pc_selftest(in, 100, 100, 0);
}

/* RTM listed but every trial aborts (perf holding counter 3 on a CPU with
 * TSX_FORCE_ABORT, say): no commit, so no rtm. */
void case_rtm_no_commits(probe_inputs *in)
{
    pc_cpu(in, "GenuineIntel", "Intel(R) Core(TM) i7-8700 CPU @ 3.20GHz", 6, 158, 10);
    in->tsx.rtm = in->tsx.hle = in->tsx.tsx_force_abort = 1;
    pc_kernel(in, ELIDE_KTSX_CLEAR_BUFFERS, "Mitigation: Clear CPU buffers; SMT vulnerable",
              "on");
    pc_selftest(in, 100, 0, 0);
}

const probe_case probe_cases[] = {
    {"haswell_rtm", case_haswell_rtm},
    {"skylake_always_abort", case_skylake_always_abort},
    {"amd_desktop", case_amd_desktop},
    {"intel_tsx_disabled", case_intel_tsx_disabled},
    {"this_vm", case_this_vm},
    {"valgrind_on_intel", case_valgrind_on_intel},
    {"valgrind_on_amd", case_valgrind_on_amd},
    {"vm_hides_all", case_vm_hides_all},
    {"rtm_no_commits", case_rtm_no_commits},
};
const unsigned probe_ncases = sizeof probe_cases / sizeof probe_cases[0];
