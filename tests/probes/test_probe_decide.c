/* test_probe_decide.c: the verdict on recorded inputs (probe_cases.c), and
 * the xbegin_executes rule that guards every XBEGIN. */
#include <CUnit/CUnit.h>
#include <string.h>

#include "cu_run.h"
#include "elide_backend.h"
#include "probe_cases.h"

/* Does any note of the list contain `needle`? */
static int has_note(const char (*notes)[PROBE_NOTE_LEN], unsigned n, const char *needle)
{
    for (unsigned i = 0; i < n; i++)
        if (strstr(notes[i], needle))
            return 1;
    return 0;
}

static probe_verdict verdict_of(void (*fill)(probe_inputs *), probe_inputs *in)
{
    probe_verdict v;
    fill(in);
    probe_decide(in, &v);
    return v;
}

#define REASON(v, s) CU_ASSERT(has_note((v).reasons, (v).nreasons, (s)))
#define ADVICE(v, s) CU_ASSERT(has_note((v).advice, (v).nadvice, (s)))

static void test_haswell_rtm(void)
{
    probe_inputs in;
    probe_verdict v = verdict_of(case_haswell_rtm, &in);
    CU_ASSERT_TRUE(in.tsx.xbegin_executes);
    CU_ASSERT_TRUE(in.selftest.ran);
    CU_ASSERT_EQUAL(v.mode, PROBE_MODE_RTM);
    CU_ASSERT_STRING_EQUAL(probe_mode_name(v.mode), "rtm");
    REASON(v, "97 committed");
    REASON(v, "Mode rtm");
    ADVICE(v, "perf stat -T");
}

static void test_skylake_always_abort(void)
{
    probe_inputs in;
    probe_verdict v = verdict_of(case_skylake_always_abort, &in);
    CU_ASSERT_TRUE(in.tsx.xbegin_executes);      /* RTM_ALWAYS_ABORT: it runs, aborts */
    CU_ASSERT_EQUAL(v.mode, PROBE_MODE_FINE);
    REASON(v, "RTM_ALWAYS_ABORT");
    REASON(v, "marked always-abort");
    ADVICE(v, "nothing can turn it back on");
    CU_ASSERT_FALSE(has_note(v.advice, v.nadvice, "tsx=on"));
}

/* Even if RTM were listed and trials committed, always-abort wins. */
static void test_always_abort_beats_commits(void)
{
    probe_inputs in;
    case_haswell_rtm(&in);
    in.tsx.rtm_always_abort = 1;
    probe_verdict v;
    probe_decide(&in, &v);
    CU_ASSERT_EQUAL(v.mode, PROBE_MODE_FINE);
}

static void test_amd_desktop(void)
{
    probe_inputs in;
    probe_verdict v = verdict_of(case_amd_desktop, &in);
    CU_ASSERT_FALSE(in.tsx.xbegin_executes);
    CU_ASSERT_FALSE(in.selftest.ran);            /* XBEGIN never ran */
    CU_ASSERT_EQUAL(v.mode, PROBE_MODE_FINE);
    REASON(v, "vendor is AuthenticAMD");
    REASON(v, "XBEGIN was not executed");
    ADVICE(v, "no TSX");
}

static void test_intel_tsx_disabled(void)
{
    probe_inputs in;
    probe_verdict v = verdict_of(case_intel_tsx_disabled, &in);
    CU_ASSERT_TRUE(in.tsx.xbegin_executes);      /* the kernel's verdict says silicon */
    CU_ASSERT_EQUAL(in.selftest.zero_status, 100);
    CU_ASSERT_EQUAL(v.mode, PROBE_MODE_FINE);
    REASON(v, "Mitigation: TSX disabled");
    REASON(v, "100 with status 0");
    ADVICE(v, "TSX is present but disabled by the kernel: boot with tsx=on");
}

/* With tsx=off given explicitly, the reason names the parameter. */
static void test_tsx_off_param_named(void)
{
    probe_inputs in;
    case_intel_tsx_disabled(&in);
    strcpy(in.tsx.tsx_param, "off");
    probe_verdict v;
    probe_decide(&in, &v);
    REASON(v, "boot parameter tsx=off");
    ADVICE(v, "tsx=on");
}

static void test_this_vm(void)
{
    probe_inputs in;
    probe_verdict v = verdict_of(case_this_vm, &in);
    CU_ASSERT_FALSE(in.tsx.xbegin_executes);
    CU_ASSERT_FALSE(in.selftest.ran);
    CU_ASSERT_EQUAL(v.mode, PROBE_MODE_FINE);
    REASON(v, "hypervisor is present (KVM)");
    REASON(v, "\"Not affected\"");
    ADVICE(v, "no TSX");
    /* AMD has no TSX to pass through: no VM advice. */
    CU_ASSERT_FALSE(has_note(v.advice, v.nadvice, "pass RTM"));
}

static void test_valgrind_on_intel(void)
{
    probe_inputs in;
    probe_verdict v = verdict_of(case_valgrind_on_intel, &in);
    CU_ASSERT_TRUE(in.selftest.ran);
    CU_ASSERT_EQUAL(in.selftest.by_bit[3], 100); /* capacity */
    CU_ASSERT_EQUAL(in.selftest.last_status, ELIDE_ABORT_CAPACITY);
    CU_ASSERT_EQUAL(v.mode, PROBE_MODE_FINE);
    REASON(v, "valgrind");
    REASON(v, "100 capacity");
    ADVICE(v, "without valgrind");
}

static void test_valgrind_on_amd(void)
{
    probe_inputs in;
    probe_verdict v = verdict_of(case_valgrind_on_amd, &in);
    CU_ASSERT_FALSE(in.selftest.ran);
    CU_ASSERT_EQUAL(v.mode, PROBE_MODE_FINE);
    ADVICE(v, "without valgrind");
}

static void test_vm_hides_all(void)
{
    probe_inputs in;
    probe_verdict v = verdict_of(case_vm_hides_all, &in);
    CU_ASSERT_FALSE(in.tsx.xbegin_executes);
    CU_ASSERT_FALSE(in.selftest.ran);
    CU_ASSERT_EQUAL(v.mode, PROBE_MODE_FINE);
    REASON(v, "does not list RTM");
    ADVICE(v, "pass RTM and HLE through");
}

static void test_rtm_no_commits(void)
{
    probe_inputs in;
    probe_verdict v = verdict_of(case_rtm_no_commits, &in);
    CU_ASSERT_TRUE(in.selftest.ran);
    CU_ASSERT_EQUAL(in.selftest.commits, 0);
    CU_ASSERT_EQUAL(v.mode, PROBE_MODE_FINE);
    REASON(v, "no trial transaction committed");
    REASON(v, "TSX_FORCE_ABORT");
    ADVICE(v, "no trial transaction committed");
}

/* Every case ends with a mode reason and has advice; notes are sentences. */
static void test_every_case_explains(void)
{
    for (unsigned i = 0; i < probe_ncases; i++) {
        probe_inputs in;
        probe_verdict v = verdict_of(probe_cases[i].fill, &in);
        CU_ASSERT(v.nreasons >= 3 && v.nreasons < PROBE_MAX_NOTES);
        CU_ASSERT(v.nadvice >= 1);
        CU_ASSERT_PTR_NOT_NULL(strstr(v.reasons[v.nreasons - 1], "Mode "));
        for (unsigned j = 0; j < v.nreasons; j++) {
            size_t n = strlen(v.reasons[j]);
            CU_ASSERT(n > 10 && n < PROBE_NOTE_LEN - 1 && v.reasons[j][n - 1] == '.');
        }
    }
}

/* The decision reads nothing but its input: the same input twice gives
 * the same verdict, byte for byte. */
static void test_decide_is_pure(void)
{
    for (unsigned i = 0; i < probe_ncases; i++) {
        probe_inputs in;
        probe_verdict a = verdict_of(probe_cases[i].fill, &in), b;
        probe_decide(&in, &b);
        CU_ASSERT_EQUAL(memcmp(&a, &b, sizeof a), 0);
    }
}

/* xbegin_executes: never on a non-Intel vendor, whatever else is claimed;
 * on Intel, RTM or RTM_ALWAYS_ABORT or a TSX-silicon kernel verdict. */
static void test_xbegin_rule(void)
{
    static const elide_kernel_tsx ks[] = {
        ELIDE_KTSX_UNKNOWN, ELIDE_KTSX_NOT_AFFECTED, ELIDE_KTSX_DISABLED,
        ELIDE_KTSX_CLEAR_BUFFERS, ELIDE_KTSX_VULNERABLE, ELIDE_KTSX_OTHER,
    };
    for (int bits = 0; bits < 16; bits++)
        for (unsigned k = 0; k < 6; k++) {
            struct elide_tsx_facts f;
            memset(&f, 0, sizeof f);
            f.is_intel = bits & 1;
            f.rtm = bits >> 1 & 1;
            f.rtm_always_abort = bits >> 2 & 1;
            f.hle = f.tsx_force_abort = bits >> 3 & 1;   /* must not matter */
            f.kernel = ks[k];
            int silicon = ks[k] == ELIDE_KTSX_DISABLED || ks[k] == ELIDE_KTSX_CLEAR_BUFFERS ||
                          ks[k] == ELIDE_KTSX_VULNERABLE;
            int want = f.is_intel && (f.rtm || f.rtm_always_abort || silicon);
            CU_ASSERT_EQUAL(elide_tsx_xbegin_executes(&f), want);
        }
}

/* A hypervisor that caps CPUID below leaf 7 hides even the question. */
static void test_vm_without_leaf7(void)
{
    probe_inputs in;
    case_vm_hides_all(&in);
    in.tsx.max_leaf = 5;
    probe_verdict v;
    probe_decide(&in, &v);
    CU_ASSERT_EQUAL(v.mode, PROBE_MODE_FINE);
    REASON(v, "no leaf 7");
    ADVICE(v, "pass RTM and HLE through");
}

/* An old kernel without the sysfs file: CPUID and the self-test decide. */
static void test_old_kernel_rtm(void)
{
    probe_inputs in;
    case_haswell_rtm(&in);
    in.tsx.kernel = ELIDE_KTSX_UNKNOWN;
    in.tsx.kernel_text[0] = '\0';
    CU_ASSERT_TRUE(elide_tsx_xbegin_executes(&in.tsx));
    probe_verdict v;
    probe_decide(&in, &v);
    CU_ASSERT_EQUAL(v.mode, PROBE_MODE_RTM);
    REASON(v, "does not report tsx_async_abort");
}

int main(void)
{
    if (CU_initialize_registry() != CUE_SUCCESS)
        return 2;
    CU_pSuite s = CU_add_suite("probe_decide", NULL, NULL);
    if (!s)
        return 2;
    CU_ADD(s, test_haswell_rtm);
    CU_ADD(s, test_skylake_always_abort);
    CU_ADD(s, test_always_abort_beats_commits);
    CU_ADD(s, test_amd_desktop);
    CU_ADD(s, test_intel_tsx_disabled);
    CU_ADD(s, test_tsx_off_param_named);
    CU_ADD(s, test_this_vm);
    CU_ADD(s, test_valgrind_on_intel);
    CU_ADD(s, test_valgrind_on_amd);
    CU_ADD(s, test_vm_hides_all);
    CU_ADD(s, test_rtm_no_commits);
    CU_ADD(s, test_vm_without_leaf7);
    CU_ADD(s, test_old_kernel_rtm);
    CU_ADD(s, test_every_case_explains);
    CU_ADD(s, test_decide_is_pure);
    CU_ADD(s, test_xbegin_rule);
    return cu_run();
}
