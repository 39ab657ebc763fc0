/* el_cpu.c: the raw TSX facts (elide_cpu.h) and the RTM self-test.
 *
 * Concurrency contract: elide_tsx_facts_read() and the parsers touch only
 * their arguments and the files they read, so any thread may call them.
 * elide_tsx_facts() fills one static struct exactly once (pthread_once gives
 * the release/acquire pairing: the writer's stores happen before every
 * caller's return) and never writes it again. The self-test keeps its
 * counters on the calling thread's stack.
 *
 * Where the kernel's files are: elide_tsx_facts_read() looks under
 * $ELIDE_PROBE_SYSFS_ROOT when that is set (so tests can replay recorded
 * files), else under "/"; the cached elide_tsx_facts(), which guards the
 * self-test, always reads the real ones. Nothing here ever executes XBEGIN
 * unless xbegin_executes says it cannot fault.
 */
#define _GNU_SOURCE 1
#define ELIDE_BUILD_CORE 1
#include "elide_cpu.h"
#include "el_internal.h"

#include <cpuid.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define EL_TAA_PATH "/sys/devices/system/cpu/vulnerabilities/tsx_async_abort"
#define EL_CMDLINE_PATH "/proc/cmdline"

/* /proc/cmdline is at most the kernel's COMMAND_LINE_SIZE (2048 bytes on
 * x86-64); 8 KiB leaves room for kernels built with a larger one. A longer
 * line is cut, and a tsx= past the cut is not seen. */
#define EL_CMDLINE_MAX 8192

/* ---- CPUID ------------------------------------------------------------ */

static void el_read_cpuid(struct elide_tsx_facts *f)
{
    unsigned a, b, c, d;
    if (!__get_cpuid(0, &a, &b, &c, &d))
        return;
    f->max_leaf = (int)a;
    /* "GenuineIntel" arrives as EBX, EDX, ECX. */
    f->is_intel = b == 0x756e6547u && d == 0x49656e69u && c == 0x6c65746eu;
    if (__get_cpuid(1, &a, &b, &c, &d))
        f->hypervisor = (c >> 31) & 1;
    if (f->max_leaf < 7 || !__get_cpuid_count(7, 0, &a, &b, &c, &d))
        return;
    f->hle = (b >> 4) & 1;
    f->rtm = (b >> 11) & 1;
    f->rtm_always_abort = (d >> 11) & 1;
    f->tsx_force_abort = (d >> 13) & 1;
    f->tsxldtrk = (d >> 16) & 1;
}

/* ---- the kernel's files ------------------------------------------------ */

/* Read up to cap-1 bytes of `path` into buf (NUL-terminated); 0 on success. */
static int el_read_file(const char *path, char *buf, size_t cap)
{
    FILE *fp = fopen(path, "r");
    if (!fp)
        return -1;
    size_t n = fread(buf, 1, cap - 1, fp);
    int bad = ferror(fp);
    fclose(fp);
    buf[n] = '\0';
    return bad ? -1 : 0;
}

static void el_path(char *out, size_t cap, const char *root, const char *tail)
{
    snprintf(out, cap, "%s%s", root ? root : "", tail);
}

static int el_starts(const char *s, const char *prefix)
{
    return strncmp(s, prefix, strlen(prefix)) == 0;
}

/* The values Linux writes (Documentation/admin-guide/hw-vuln/
 * tsx_async_abort.rst), each possibly followed by "; SMT ..." text. */
static elide_kernel_tsx el_kernel_tsx_classify(const char *line)
{
    if (!*line)
        return ELIDE_KTSX_UNKNOWN;
    if (!strcmp(line, "Not affected"))
        return ELIDE_KTSX_NOT_AFFECTED;
    if (el_starts(line, "Mitigation: TSX disabled"))
        return ELIDE_KTSX_DISABLED;
    if (el_starts(line, "Mitigation: Clear CPU buffers"))
        return ELIDE_KTSX_CLEAR_BUFFERS;
    if (el_starts(line, "Vulnerable"))
        return ELIDE_KTSX_VULNERABLE;
    return ELIDE_KTSX_OTHER;
}

static void el_read_kernel_verdict(struct elide_tsx_facts *f, const char *root)
{
    char path[512];
    el_path(path, sizeof path, root, EL_TAA_PATH);
    /* Every value Linux writes fits kernel_text; a longer one is cut,
     * which keeps its prefix and so its classification. */
    if (el_read_file(path, f->kernel_text, sizeof f->kernel_text) != 0) {
        f->kernel_text[0] = '\0';
        return;                              /* kernel stays UNKNOWN */
    }
    f->kernel_text[strcspn(f->kernel_text, "\n")] = '\0';
    f->kernel = el_kernel_tsx_classify(f->kernel_text);
}

/* Copy the value of the last `tsx=` word of `cmdline` into out ("" if none).
 * The last one wins, as in the kernel's cmdline_find_option(). */
static void el_parse_tsx_param(const char *cmdline, char *out, size_t cap)
{
    out[0] = '\0';
    for (const char *p = cmdline; *p;) {
        p += strspn(p, " \t\n");
        size_t len = strcspn(p, " \t\n");
        if (len > 4 && !strncmp(p, "tsx=", 4)) {
            const char *v = p + 4;
            size_t vlen = len - 4;
            if (vlen >= 2 && v[0] == '"' && v[vlen - 1] == '"')
                v++, vlen -= 2;
            snprintf(out, cap, "%.*s", (int)vlen, v);
        }
        p += len;
    }
}

static void el_read_tsx_param(struct elide_tsx_facts *f, const char *root)
{
    char path[512];
    char *buf = malloc(EL_CMDLINE_MAX);
    if (!buf)
        return;
    el_path(path, sizeof path, root, EL_CMDLINE_PATH);
    if (el_read_file(path, buf, EL_CMDLINE_MAX) == 0)
        el_parse_tsx_param(buf, f->tsx_param, sizeof f->tsx_param);
    free(buf);
}

/* ---- the facts ------------------------------------------------------- */

int elide_tsx_xbegin_executes(const struct elide_tsx_facts *f)
{
    if (!f->is_intel)
        return 0;          /* no other vendor has ever shipped TSX */
    if (f->rtm || f->rtm_always_abort)
        return 1;
    /* The kernel reports these only where the silicon has TSX: TAA is a
     * bug of TSX itself, and "TSX disabled" needs TSX_CTRL to disable it. */
    return f->kernel == ELIDE_KTSX_DISABLED ||
           f->kernel == ELIDE_KTSX_CLEAR_BUFFERS ||
           f->kernel == ELIDE_KTSX_VULNERABLE;
}

/* The facts with the kernel's files under `root` ("" or NULL: the real
 * ones). */
static void el_facts_read_at(struct elide_tsx_facts *out, const char *root)
{
    memset(out, 0, sizeof *out);
    el_read_cpuid(out);
    el_read_kernel_verdict(out, root);
    el_read_tsx_param(out, root);
    out->xbegin_executes = elide_tsx_xbegin_executes(out);
}

void elide_tsx_facts_read(struct elide_tsx_facts *out)
{
    el_facts_read_at(out, getenv("ELIDE_PROBE_SYSFS_ROOT"));
}

static struct elide_tsx_facts el_facts;
static pthread_once_t el_facts_once = PTHREAD_ONCE_INIT;

/* The cached facts guard every XBEGIN, so they always come from the real
 * files: a replayed "TSX disabled" must not make an Intel CPU without TSX
 * execute XBEGIN. */
static void el_facts_init(void)
{
    el_facts_read_at(&el_facts, NULL);
}

const struct elide_tsx_facts *elide_tsx_facts(void)
{
    pthread_once(&el_facts_once, el_facts_init);
    return &el_facts;
}

/* ---- the self-test ---------------------------------------------------- */

static void el_selftest_count(elide_rtm_selftest *t, unsigned status)
{
    t->last_status = status;
    if (status == 0)
        t->zero_status++;
    for (unsigned i = 0; i < 6; i++)
        if (status & (1u << i))
            t->by_bit[i]++;
}

/* One trial: a transaction that writes one stack word and commits. The
 * write makes it a real (if tiny) write set, as the interpreter's are. */
static void el_selftest_once(elide_rtm_selftest *t)
{
    volatile unsigned scratch = 0;
    unsigned status = el_rtm_begin();
    if (status == ELIDE_STARTED) {
        scratch = scratch + 1;
        el_rtm_end();
        t->commits++;
        return;
    }
    el_selftest_count(t, status);
}

void elide_rtm_selftest_run(unsigned tries, elide_rtm_selftest *out)
{
    memset(out, 0, sizeof *out);
    if (!elide_tsx_facts()->xbegin_executes)
        return;            /* XBEGIN would raise #UD (SIGILL) here */
    out->ran = 1;
    for (unsigned i = 0; i < tries; i++)
        el_selftest_once(out);
    out->tries = tries;
}
