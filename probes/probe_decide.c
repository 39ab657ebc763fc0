/* probe_decide.c: from recorded inputs to the mode auto picks, the reasons
 * behind it and advice. A pure function: no I/O, no globals, so that every
 * machine kind can be replayed in tests (tests/probes/test_probe_decide.c).
 *
 * The rules branch on features and on the kernel's verdict, never on model
 * names (CONVENTIONS.md: capability, not CPU names).
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "elide_backend.h"
#include "probe.h"

static void pd_add(char (*notes)[PROBE_NOTE_LEN], unsigned *n, const char *fmt, va_list ap)
{
    if (*n >= PROBE_MAX_NOTES)
        return;
    vsnprintf(notes[*n], PROBE_NOTE_LEN, fmt, ap);
    (*n)++;
}

__attribute__((format(printf, 2, 3)))
static void pd_reason(probe_verdict *v, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    pd_add(v->reasons, &v->nreasons, fmt, ap);
    va_end(ap);
}

__attribute__((format(printf, 2, 3)))
static void pd_advise(probe_verdict *v, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    pd_add(v->advice, &v->nadvice, fmt, ap);
    va_end(ap);
}

/* The kernel verdicts that only TSX silicon with TSX switched on gets. */
static int pd_kernel_tsx_on(const struct elide_tsx_facts *t)
{
    return t->kernel == ELIDE_KTSX_CLEAR_BUFFERS || t->kernel == ELIDE_KTSX_VULNERABLE;
}

const char *probe_mode_name(probe_mode m)
{
    return m == PROBE_MODE_RTM ? "rtm" : "fine";
}

static void pd_identity(const probe_inputs *in, probe_verdict *v)
{
    if (in->under_valgrind)
        pd_reason(v, "This runs under valgrind, which shows the program its own "
                     "synthetic CPUID (without RTM or HLE): the CPU facts here are "
                     "valgrind's, not the host's.");
    if (!in->tsx.is_intel)
        pd_reason(v, "The CPU vendor is %s: only Intel CPUs implement TSX (RTM and HLE).",
                  in->cpu.vendor[0] ? in->cpu.vendor : "unknown");
}

static void pd_cpuid_bits(const struct elide_tsx_facts *t, probe_verdict *v)
{
    if (t->max_leaf < 7)
        pd_reason(v, "CPUID has no leaf 7 (its highest leaf is %d), so it lists no TSX feature.",
                  t->max_leaf);
    else if (t->rtm)
        pd_reason(v, "CPUID leaf 7 lists RTM (EBX bit 11).");
    else
        pd_reason(v, "CPUID leaf 7 does not list RTM (EBX bit 11 is clear).");
    if (t->hle)
        pd_reason(v, "CPUID lists HLE; elide never picks hle mode by itself, since HLE "
                     "is gone from current CPUs.");
    if (t->rtm_always_abort)
        pd_reason(v, "CPUID lists RTM_ALWAYS_ABORT (EDX bit 11): microcode has disabled "
                     "RTM and every XBEGIN aborts at once.");
    else if (t->tsx_force_abort)
        pd_reason(v, "CPUID lists TSX_FORCE_ABORT (EDX bit 13): microcode can force every "
                     "transaction to abort (Linux does so while perf uses counter 3).");
}

static void pd_kernel(const struct elide_tsx_facts *t, probe_verdict *v)
{
    const char *param = t->tsx_param[0] ? t->tsx_param : NULL;
    switch (t->kernel) {
    case ELIDE_KTSX_UNKNOWN:
        pd_reason(v, "The kernel does not report tsx_async_abort (an old kernel, or no /sys).");
        break;
    case ELIDE_KTSX_NOT_AFFECTED:
        pd_reason(v, "The kernel reports tsx_async_abort \"Not affected\": it sees no TSX, "
                     "or TSX without the TAA flaw.");
        break;
    case ELIDE_KTSX_DISABLED:
        pd_reason(v, "The kernel reports \"%s\": the silicon has TSX and the kernel turned "
                     "it off (%s%s).", t->kernel_text, param ? "boot parameter tsx=" : "no tsx= "
                     "boot parameter: the kernel's default", param ? param : "");
        break;
    case ELIDE_KTSX_CLEAR_BUFFERS:
    case ELIDE_KTSX_VULNERABLE:
        pd_reason(v, "The kernel reports \"%s\": TSX is switched on in this kernel.",
                  t->kernel_text);
        break;
    case ELIDE_KTSX_OTHER:
        pd_reason(v, "The kernel reports tsx_async_abort \"%s\", a value elide does not "
                     "know; it is not taken as evidence of TSX.", t->kernel_text);
        break;
    }
}

static void pd_selftest(const probe_inputs *in, probe_verdict *v)
{
    const elide_rtm_selftest *s = &in->selftest;
    if (!s->ran) {
        pd_reason(v, "XBEGIN was not executed: nothing shows that this CPU has TSX silicon, "
                     "and on a CPU without it XBEGIN raises SIGILL.");
        return;
    }
    pd_reason(v, "The self-test ran %u transactions: %u committed, %u aborted "
                 "(%u with status 0, %u capacity, %u conflict; last status 0x%x).",
              s->tries, s->commits, s->tries - s->commits, s->zero_status,
              s->by_bit[3], s->by_bit[2], s->last_status);
}

static int pd_rtm_usable(const probe_inputs *in)
{
    return in->tsx.rtm && !in->tsx.rtm_always_abort && in->selftest.ran &&
           in->selftest.commits > 0;
}

static void pd_mode(const probe_inputs *in, probe_verdict *v)
{
    const struct elide_tsx_facts *t = &in->tsx;
    v->mode = pd_rtm_usable(in) ? PROBE_MODE_RTM : PROBE_MODE_FINE;
    if (v->mode == PROBE_MODE_RTM)
        pd_reason(v, "Mode rtm: RTM is listed, not marked always-abort, and %u of %u trial "
                     "transactions committed.", in->selftest.commits, in->selftest.tries);
    else
        pd_reason(v, "Mode fine: RTM is not usable here (%s), so every shared object is "
                     "guarded by its own lock.",
                  t->rtm_always_abort ? "it is marked always-abort"
                  : !t->rtm ? "CPUID does not list it"
                  : !in->selftest.ran ? "the self-test did not run"
                  : "no trial transaction committed");
}

/* ---- advice: one branch per situation, the first that fits ----------- */

static void pd_advice_hidden(const probe_inputs *in, probe_verdict *v)
{
    if (in->tsx.hypervisor)
        pd_advise(v, "The kernel says TSX is on, but CPUID inside this VM does not list "
                     "RTM: ask for the VM to pass RTM and HLE through (for QEMU/KVM: "
                     "-cpu host, or +rtm,+hle).");
    else
        pd_advise(v, "The kernel says TSX is on, but CPUID does not list RTM: something "
                     "between elide and the CPU hides it; run elide natively.");
}

static void pd_advice_intel_off(const probe_inputs *in, probe_verdict *v)
{
    const struct elide_tsx_facts *t = &in->tsx;
    if (t->rtm_always_abort)
        pd_advise(v, "Microcode has disabled TSX on this CPU for good (RTM_ALWAYS_ABORT): "
                     "nothing can turn it back on. Fine mode is the right one here; "
                     "ELIDE_MODE=emu runs the transactional path in the simulator.");
    else if (t->kernel == ELIDE_KTSX_DISABLED)
        pd_advise(v, "TSX is present but disabled by the kernel: boot with tsx=on "
                     "(the kernel then mitigates TAA by clearing CPU buffers). Until then "
                     "ELIDE_MODE=rtm runs the real RTM code, and every transaction aborts.");
    else if (pd_kernel_tsx_on(t))
        pd_advice_hidden(in, v);
    else if (t->hypervisor)
        pd_advise(v, "This is a VM, and a hypervisor may hide TSX: if the host CPU has "
                     "TSX enabled, ask for the VM to pass RTM and HLE through (for "
                     "QEMU/KVM: -cpu host, or +rtm,+hle).");
    else
        pd_advise(v, "This Intel CPU shows no TSX: nothing to enable. Fine mode gives "
                     "real parallelism; ELIDE_MODE=emu runs the transactional path in "
                     "the simulator.");
}

static void pd_advice(const probe_inputs *in, probe_verdict *v)
{
    const struct elide_tsx_facts *t = &in->tsx;
    if (v->mode == PROBE_MODE_RTM)
        pd_advise(v, "Nothing to change. To count aborts by cause: perf stat -T, or "
                     "perf stat -e tx-start,tx-commit,tx-abort,tx-capacity,tx-conflict.");
    else if (in->under_valgrind)
        pd_advise(v, "valgrind shows its own CPUID and makes every XBEGIN abort: run "
                     "elide --probe without valgrind to see what the CPU itself offers.");
    else if (!t->is_intel)
        pd_advise(v, "This CPU has no TSX: there is nothing to enable. Fine mode gives "
                     "real parallelism; ELIDE_MODE=emu runs the transactional path in "
                     "the simulator.");
    else if (t->rtm && !t->rtm_always_abort)
        pd_advise(v, "RTM is listed but no trial transaction committed: check that no "
                     "debugger or perf (TSX_FORCE_ABORT) forces aborts, then probe again.");
    else
        pd_advice_intel_off(in, v);
}

void probe_decide(const probe_inputs *in, probe_verdict *out)
{
    memset(out, 0, sizeof *out);
    pd_identity(in, out);
    pd_cpuid_bits(&in->tsx, out);
    pd_kernel(&in->tsx, out);
    if (in->tsx.hypervisor)
        pd_reason(out, "A hypervisor is present (%s); it decides which CPUID bits this "
                       "VM sees.", in->cpu.hypervisor[0] ? in->cpu.hypervisor : "unknown");
    pd_selftest(in, out);
    pd_mode(in, out);
    pd_advice(in, out);
}
