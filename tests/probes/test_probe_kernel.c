/* test_probe_kernel.c: the kernel's verdict and the tsx= parameter, read
 * from recorded file contents under ELIDE_PROBE_SYSFS_ROOT; and the live
 * facts and self-test on this machine. */
#define _GNU_SOURCE 1
#include <CUnit/CUnit.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cu_run.h"
#include "elide_cpu.h"

#define TAA_DIR "/sys/devices/system/cpu/vulnerabilities"
#define TAA_FILE TAA_DIR "/tsx_async_abort"

static char root[256];

static void mkdirs(const char *rel)
{
    char path[512];
    snprintf(path, sizeof path, "%s%s", root, rel);
    for (char *p = path + strlen(root) + 1; *p; p++)
        if (*p == '/') {
            *p = '\0';
            mkdir(path, 0700);
            *p = '/';
        }
    mkdir(path, 0700);
}

/* Write `text` to root/rel, or remove it when text is NULL. */
static void put(const char *rel, const char *text)
{
    char path[512];
    snprintf(path, sizeof path, "%s%s", root, rel);
    if (!text) {
        unlink(path);
        return;
    }
    FILE *fp = fopen(path, "w");
    CU_ASSERT_PTR_NOT_NULL_FATAL(fp);
    fputs(text, fp);
    fclose(fp);
}

static struct elide_tsx_facts read_with(const char *taa, const char *cmdline)
{
    struct elide_tsx_facts f;
    put(TAA_FILE, taa);
    put("/proc/cmdline", cmdline);
    elide_tsx_facts_read(&f);
    return f;
}

static int suite_init(void)
{
    snprintf(root, sizeof root, "%s/elide-probe-XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
    if (!mkdtemp(root))
        return -1;
    mkdirs(TAA_DIR);
    mkdirs("/proc");
    return setenv("ELIDE_PROBE_SYSFS_ROOT", root, 1);
}

static int suite_clean(void)
{
    put(TAA_FILE, NULL);
    put("/proc/cmdline", NULL);
    char path[512];
    static const char *const dirs[] = {TAA_DIR, "/sys/devices/system/cpu",
                                       "/sys/devices/system", "/sys/devices", "/sys", "/proc", ""};
    for (unsigned i = 0; i < sizeof dirs / sizeof dirs[0]; i++) {
        snprintf(path, sizeof path, "%s%s", root, dirs[i]);
        rmdir(path);
    }
    return unsetenv("ELIDE_PROBE_SYSFS_ROOT");
}

/* Each value Linux writes, as its sysfs file holds it (with the newline). */
static void test_kernel_values(void)
{
    static const struct {
        const char *file;
        elide_kernel_tsx want;
        const char *text;
    } cases[] = {
        {"Not affected\n", ELIDE_KTSX_NOT_AFFECTED, "Not affected"},
        {"Mitigation: TSX disabled\n", ELIDE_KTSX_DISABLED, "Mitigation: TSX disabled"},
        {"Mitigation: Clear CPU buffers; SMT vulnerable\n", ELIDE_KTSX_CLEAR_BUFFERS,
         "Mitigation: Clear CPU buffers; SMT vulnerable"},
        {"Mitigation: Clear CPU buffers; SMT Host state unknown\n", ELIDE_KTSX_CLEAR_BUFFERS,
         "Mitigation: Clear CPU buffers; SMT Host state unknown"},
        {"Vulnerable: Clear CPU buffers attempted, no microcode; SMT vulnerable\n",
         ELIDE_KTSX_VULNERABLE,
         "Vulnerable: Clear CPU buffers attempted, no microcode; SMT vulnerable"},
        {"Vulnerable\n", ELIDE_KTSX_VULNERABLE, "Vulnerable"},
        {"Unknown: Dependent on hypervisor status\n", ELIDE_KTSX_OTHER,
         "Unknown: Dependent on hypervisor status"},
        {"Not affected", ELIDE_KTSX_NOT_AFFECTED, "Not affected"},   /* no newline */
        {"", ELIDE_KTSX_UNKNOWN, ""},
        {"\n", ELIDE_KTSX_UNKNOWN, ""},
        {"not affected\n", ELIDE_KTSX_OTHER, "not affected"},        /* case matters */
    };
    for (unsigned i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct elide_tsx_facts f = read_with(cases[i].file, "ro quiet\n");
        CU_ASSERT_EQUAL(f.kernel, cases[i].want);
        CU_ASSERT_STRING_EQUAL(f.kernel_text, cases[i].text);
    }
}

static void test_kernel_file_missing(void)
{
    struct elide_tsx_facts f = read_with(NULL, NULL);
    CU_ASSERT_EQUAL(f.kernel, ELIDE_KTSX_UNKNOWN);
    CU_ASSERT_STRING_EQUAL(f.kernel_text, "");
    CU_ASSERT_STRING_EQUAL(f.tsx_param, "");
}

/* A line longer than kernel_text is cut, and still classified by prefix. */
static void test_kernel_long_line(void)
{
    char line[400];
    snprintf(line, sizeof line, "Mitigation: TSX disabled; %0300d\n", 0);
    struct elide_tsx_facts f = read_with(line, "");
    CU_ASSERT_EQUAL(f.kernel, ELIDE_KTSX_DISABLED);
    CU_ASSERT_EQUAL(strlen(f.kernel_text), sizeof f.kernel_text - 1);
}

static void test_tsx_param(void)
{
    static const struct {
        const char *cmdline, *want;
    } cases[] = {
        {"BOOT_IMAGE=/vmlinuz-6.1.0 root=UUID=1234 ro quiet tsx=on\n", "on"},
        {"tsx=off ro", "off"},
        {"tsx=off tsx=auto\n", "auto"},             /* the last one wins */
        {"ro\ttsx=on\tquiet", "on"},
        {"tsx=\"on\"", "on"},
        {"notsx=on xtsx=off tsx_async_abort=full", ""},
        {"tsx= ro", ""},
        {"tsx=bogus", "bogus"},                     /* kept verbatim for the report */
        {"", ""},
        {"mitigations=auto console=ttyS0 -- --init-arg", ""},
    };
    for (unsigned i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct elide_tsx_facts f = read_with("Not affected\n", cases[i].cmdline);
        CU_ASSERT_STRING_EQUAL(f.tsx_param, cases[i].want);
    }
}

/* A recorded "TSX disabled" must never make XBEGIN run on a CPU that is
 * not Intel (here: this AMD machine); the facts agree with the rule. */
static void test_recorded_kernel_keeps_rule(void)
{
    struct elide_tsx_facts f = read_with("Mitigation: TSX disabled\n", "tsx=off");
    CU_ASSERT_EQUAL(f.xbegin_executes, elide_tsx_xbegin_executes(&f));
    if (!f.is_intel)
        CU_ASSERT_FALSE(f.xbegin_executes);
}

/* The live facts, and the self-test: it runs exactly where the rule says.
 * The cached facts ignore ELIDE_PROBE_SYSFS_ROOT (they guard XBEGIN). */
static void test_live_selftest(void)
{
    put(TAA_FILE, "Mitigation: TSX disabled\n");
    const struct elide_tsx_facts *f = elide_tsx_facts();
    struct elide_tsx_facts fresh;
    unsetenv("ELIDE_PROBE_SYSFS_ROOT");
    elide_tsx_facts_read(&fresh);
    CU_ASSERT_EQUAL(f->kernel, fresh.kernel);
    CU_ASSERT_STRING_EQUAL(f->kernel_text, fresh.kernel_text);
    CU_ASSERT_PTR_EQUAL(f, elide_tsx_facts());
    CU_ASSERT_EQUAL(f->xbegin_executes, elide_tsx_xbegin_executes(f));
    elide_rtm_selftest s;
    elide_rtm_selftest_run(20, &s);
    if (!f->xbegin_executes) {
        CU_ASSERT_FALSE(s.ran);
        CU_ASSERT_EQUAL(s.tries, 0);
        CU_ASSERT_EQUAL(s.commits, 0);
    } else {
        CU_ASSERT_TRUE(s.ran);
        CU_ASSERT_EQUAL(s.tries, 20);
        CU_ASSERT(s.commits <= 20);
    }
    setenv("ELIDE_PROBE_SYSFS_ROOT", root, 1);
}

int main(void)
{
    if (CU_initialize_registry() != CUE_SUCCESS)
        return 2;
    CU_pSuite s = CU_add_suite("probe_kernel", suite_init, suite_clean);
    if (!s)
        return 2;
    CU_ADD(s, test_kernel_values);
    CU_ADD(s, test_kernel_file_missing);
    CU_ADD(s, test_kernel_long_line);
    CU_ADD(s, test_tsx_param);
    CU_ADD(s, test_recorded_kernel_keeps_rule);
    CU_ADD(s, test_live_selftest);
    return cu_run();
}
