/* env_test.c: ELIDE_MODE and ELIDE_TUNABLES as a program sees them: read
 * once on the first elided lock; a bad value gets one line on stderr, once,
 * and the default is kept. Each case runs in a child process (fork), since
 * the environment is read once per process. */
#include "cu_run.h"

#include <elide.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

typedef struct child_result {
    char name[32];
    elide_config cfg;
} child_result;

/* In the child: take locks (the first one reads the environment), then
 * more locks and queries, which must not print again. */
static void child_body(int out_fd)
{
    elide_spin l = ELIDE_SPIN_INITIALIZER;
    for (int i = 0; i < 3; i++) {
        elide_spin_lock(&l);
        elide_spin_unlock(&l);
    }
    child_result r;
    memset(&r, 0, sizeof r);
    snprintf(r.name, sizeof r.name, "%s", elide_backend_name());
    (void)elide_backend_reason();
    elide_config_get(&r.cfg);
    if (write(out_fd, &r, sizeof r) != (ssize_t)sizeof r)
        _exit(3);
    _exit(0);
}

/* Run child_body with the given environment; collect its stderr and result. */
static int run_child(const char *mode, const char *tunables, char *err, size_t cap,
                     child_result *r)
{
    int epipe[2], rpipe[2];
    if (pipe(epipe) != 0 || pipe(rpipe) != 0)
        return -1;
    fflush(NULL);
    pid_t pid = fork();
    if (pid == 0) {
        dup2(epipe[1], 2);
        close(epipe[0]);
        close(rpipe[0]);
        if (mode) setenv("ELIDE_MODE", mode, 1); else unsetenv("ELIDE_MODE");
        if (tunables) setenv("ELIDE_TUNABLES", tunables, 1); else unsetenv("ELIDE_TUNABLES");
        child_body(rpipe[1]);
    }
    close(epipe[1]);
    close(rpipe[1]);
    size_t n = 0;
    ssize_t k;
    while (n + 1 < cap && (k = read(epipe[0], err + n, cap - 1 - n)) > 0)
        n += (size_t)k;
    err[n] = '\0';
    ssize_t got = read(rpipe[0], r, sizeof *r);
    close(epipe[0]);
    close(rpipe[0]);
    int st;
    waitpid(pid, &st, 0);
    return got == (ssize_t)sizeof *r && WIFEXITED(st) && WEXITSTATUS(st) == 0 ? 0 : -1;
}

static unsigned lines(const char *s)
{
    unsigned n = 0;
    for (; *s; s++)
        n += *s == '\n';
    return n;
}

static const elide_config dflt = ELIDE_CONFIG_DEFAULT_INITIALIZER;

static void test_clean_environment(void)
{
    char err[4096];
    child_result r;
    CU_ASSERT_EQUAL_FATAL(run_child(NULL, NULL, err, sizeof err, &r), 0);
    CU_ASSERT_STRING_EQUAL(err, "");
    CU_ASSERT_EQUAL(memcmp(&r.cfg, &dflt, sizeof dflt), 0);
    const struct elide_tsx_facts *f = elide_tsx_facts();
    if (!f->rtm)
        CU_ASSERT_STRING_EQUAL(r.name, "none");
}

static void test_bad_mode(void)
{
    char err[4096];
    child_result r;
    CU_ASSERT_EQUAL_FATAL(run_child("fastest", NULL, err, sizeof err, &r), 0);
    CU_ASSERT_EQUAL(lines(err), 1);
    CU_ASSERT_PTR_NOT_NULL(strstr(err, "ELIDE_MODE='fastest'"));
}

static void test_good_modes(void)
{
    const char *modes[] = { "none", "hle", "inject", "auto" };
    for (int i = 0; i < 4; i++) {
        char err[4096];
        child_result r;
        CU_ASSERT_EQUAL_FATAL(run_child(modes[i], NULL, err, sizeof err, &r), 0);
        CU_ASSERT_STRING_EQUAL(err, "");
        if (i < 3)
            CU_ASSERT_STRING_EQUAL(r.name, modes[i]);
    }
}

static void test_forced_rtm(void)
{
    char err[4096];
    child_result r;
    CU_ASSERT_EQUAL_FATAL(run_child("rtm", NULL, err, sizeof err, &r), 0);
    const struct elide_tsx_facts *f = elide_tsx_facts();
    if (f->rtm) {
        CU_ASSERT_STRING_EQUAL(err, "");
        CU_ASSERT_STRING_EQUAL(r.name, "rtm");
    } else {
        CU_ASSERT_EQUAL(lines(err), 1);
        CU_ASSERT_PTR_NOT_NULL(strstr(err, "warning"));
        CU_ASSERT_STRING_EQUAL(r.name, f->xbegin_executes ? "rtm" : "none");
    }
}

static void test_tunables(void)
{
    char err[4096];
    child_result r;
    CU_ASSERT_EQUAL_FATAL(run_child("none", "retry_busy=9:skip_busy=x:zero_skip_max=4096:bogus=1",
                                    err, sizeof err, &r), 0);
    CU_ASSERT_EQUAL(lines(err), 2);
    CU_ASSERT_PTR_NOT_NULL(strstr(err, "skip_busy"));
    CU_ASSERT_PTR_NOT_NULL(strstr(err, "bogus"));
    CU_ASSERT_EQUAL(r.cfg.retry_busy, 9);
    CU_ASSERT_EQUAL(r.cfg.skip_busy, dflt.skip_busy);
    CU_ASSERT_EQUAL(r.cfg.zero_skip_max, 4096);
    CU_ASSERT_EQUAL(r.cfg.retry_other, dflt.retry_other);
}

/* Misuse dies at once, saying where: unlocking an unlocked mutex, or a
 * read-unlock without a reader. */
static void misuse_mutex(void)
{
    elide_mutex m = ELIDE_MUTEX_INITIALIZER;
    elide_mutex_unlock(&m);
}

static void misuse_rwlock(void)
{
    elide_rwlock rw = ELIDE_RWLOCK_INITIALIZER;
    elide_rw_read_unlock(&rw);
}

static int run_dying(void (*fn)(void), char *err, size_t cap)
{
    int epipe[2];
    if (pipe(epipe) != 0)
        return -1;
    fflush(NULL);
    pid_t pid = fork();
    if (pid == 0) {
        dup2(epipe[1], 2);
        close(epipe[0]);
        setenv("ELIDE_MODE", "none", 1);
        fn();
        _exit(0);
    }
    close(epipe[1]);
    size_t n = 0;
    ssize_t k;
    while (n + 1 < cap && (k = read(epipe[0], err + n, cap - 1 - n)) > 0)
        n += (size_t)k;
    err[n] = '\0';
    close(epipe[0]);
    int st;
    waitpid(pid, &st, 0);
    return st;
}

static void test_misuse_dies(void)
{
    char err[4096];
    int st = run_dying(misuse_mutex, err, sizeof err);
    CU_ASSERT(WIFSIGNALED(st) && WTERMSIG(st) == SIGABRT);
    CU_ASSERT_PTR_NOT_NULL(strstr(err, "unlock of an unlocked elide_mutex"));
    CU_ASSERT_PTR_NOT_NULL(strstr(err, "el_locks.c:"));
    st = run_dying(misuse_rwlock, err, sizeof err);
    CU_ASSERT(WIFSIGNALED(st) && WTERMSIG(st) == SIGABRT);
    CU_ASSERT_PTR_NOT_NULL(strstr(err, "read-unlock of an elide_rwlock with no reader"));
}

int main(void)
{
    if (CU_initialize_registry() != CUE_SUCCESS)
        return 2;
    CU_pSuite s = CU_add_suite("env", NULL, NULL);
    if (!s)
        return 2;
    CU_ADD(s, test_clean_environment);
    CU_ADD(s, test_bad_mode);
    CU_ADD(s, test_good_modes);
    CU_ADD(s, test_forced_rtm);
    CU_ADD(s, test_tunables);
    CU_ADD(s, test_misuse_dies);
    return cu_run();
}
