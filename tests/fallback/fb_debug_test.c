/* fb_debug_test.c: misuse of the locks and of the world dies at once with
 * a clear message (built against elide_fallback_debug, FB_DEBUG on: held
 * locks are tracked per thread). Each case runs in a child process. */
#include "fb_harness.h"

#include <CUnit/Basic.h>
#include <signal.h>
#include <sys/wait.h>

#include "cu_run.h"

#ifndef FB_DEBUG
#error "fb_debug_test needs FB_DEBUG (link elide_fallback_debug)"
#endif

static fb_lock_t la = FB_LOCK_INIT, lb = FB_LOCK_INIT, lc = FB_LOCK_INIT;
static fb_lock_t *lo, *hi;     /* la/lb by address */

/* Run fn in a child; 1 when it died of SIGABRT and its stderr contained
 * want. A child that returns exits 0, which fails the expectation. */
static int dies_with(void (*fn)(void), const char *want)
{
    int fd[2];
    if (pipe(fd) != 0)
        return 0;
    fflush(NULL);
    pid_t pid = fork();
    if (pid < 0)
        return 0;
    if (pid == 0) {
        dup2(fd[1], 2);
        close(fd[0]);
        fn();
        _exit(0);
    }
    close(fd[1]);
    char buf[2048];
    size_t len = 0;
    ssize_t r;
    while (len < sizeof buf - 1 && (r = read(fd[0], buf + len, sizeof buf - 1 - len)) > 0)
        len += (size_t)r;
    buf[len] = '\0';
    close(fd[0]);
    int st;
    if (waitpid(pid, &st, 0) != pid)
        return 0;
    int ok = WIFSIGNALED(st) && WTERMSIG(st) == SIGABRT && strstr(buf, want);
    if (!ok)
        fprintf(stderr, "\nexpected death with \"%s\"; status 0x%x, stderr: %s\n",
                want, st, buf);
    return ok;
}

static void recursive_write(void) { fb_lock(&la, 0); fb_lock(&la, 0); }
static void recursive_read(void) { fb_rlock(&la, 0); fb_rlock(&la, 0); }
static void wrong_order(void) { fb_lock(hi, 0); fb_lock(lo, 0); }
static void third_lock(void) { fb_lock2(&la, &lb, 0); fb_lock(&lc, 0); }
static void unlock_free(void) { fb_unlock(&la); }
static void unlock_reader(void) { fb_rlock(&la, 0); fb_unlock(&la); }
static void runlock_writer(void) { fb_lock(&la, 0); fb_runlock(&la); }
static void assert_w_unheld(void) { FB_ASSERT_WLOCKED(&la); }
static void assert_w_read(void) { fb_rlock(&la, 0); FB_ASSERT_WLOCKED(&la); }
static void *assert_w_thread(void *unused)
{
    assert_w_unheld();
    return NULL;
}
static void assert_other_thread(void)
{
    fb_lock(&la, 0);           /* held, but the check is per thread: */
    pthread_t t;                /* the child's second thread does not hold it */
    if (pthread_create(&t, NULL, assert_w_thread, NULL) == 0)
        pthread_join(t, NULL);
}
static void safepoint_holding(void)
{
    fb_thread_register();
    fb_lock(&la, 0);
    fb_safepoint();
}
static void blocking_holding(void)
{
    fb_thread_register();
    fb_rlock(&la, 0);
    fb_blocking_begin();
}
static void stop_holding(void) { fb_lock(&la, 0); fb_world_stop(); }
static void start_unheld(void) { fb_world_start(); }
static void register_twice(void) { fb_thread_register(); fb_thread_register(); }
static void unregister_unregistered(void) { fb_thread_unregister(); }
static void blocking_end_unbegun(void) { fb_thread_register(); fb_blocking_end(); }

static void test_misuse_dies(void)
{
    CU_ASSERT(dies_with(recursive_write, "not recursive"));
    CU_ASSERT(dies_with(recursive_read, "not recursive"));
    CU_ASSERT(dies_with(wrong_order, "higher address"));
    CU_ASSERT(dies_with(third_lock, "third object lock"));
    CU_ASSERT(dies_with(unlock_free, "does not hold it"));
    CU_ASSERT(dies_with(unlock_reader, "held for reading"));
    CU_ASSERT(dies_with(runlock_writer, "held for writing"));
    CU_ASSERT(dies_with(assert_w_unheld, "not held for writing by this thread"));
    CU_ASSERT(dies_with(assert_w_read, "not held for writing by this thread"));
    CU_ASSERT(dies_with(assert_other_thread, "not held for writing by this thread"));
    CU_ASSERT(dies_with(safepoint_holding, "fb_safepoint while holding"));
    CU_ASSERT(dies_with(blocking_holding, "fb_blocking_begin while holding"));
    CU_ASSERT(dies_with(stop_holding, "fb_world_stop while holding"));
    CU_ASSERT(dies_with(start_unheld, "does not hold the world"));
    CU_ASSERT(dies_with(register_twice, "registered twice"));
    CU_ASSERT(dies_with(unregister_unregistered, "not registered"));
    CU_ASSERT(dies_with(blocking_end_unbegun, "without fb_blocking_begin"));
}

/* The checks pass correct use: lock2 in either order, asserts while held,
 * release in any order, safepoints with nothing held. */
static void test_correct_use_passes(void)
{
    fb_thread_register();
    fb_lock2(hi, lo, 0);
    FB_ASSERT_WLOCKED(lo);
    FB_ASSERT_LOCKED(hi);
    fb_unlock2(hi, lo);
    fb_rlock(&la, 0);
    FB_ASSERT_LOCKED(&la);
    CU_ASSERT_FALSE(fb_debug_holds(&la, 1));
    CU_ASSERT_TRUE(fb_tryrlock(&la));   /* a try cannot deadlock: allowed */
    fb_runlock(&la);
    CU_ASSERT_TRUE(fb_debug_holds(&la, 0));
    fb_runlock(&la);
    CU_ASSERT_FALSE(fb_debug_holds(&la, 0));
    fb_safepoint();
    fb_blocking_begin();
    fb_blocking_end();
    fb_world_stop();
    fb_lock(&la, 0);           /* the holder of the world takes locks freely */
    fb_unlock(&la);
    fb_world_start();
    fb_thread_unregister();
    CU_ASSERT_EQUAL(atomic_load(&la.word), 0);
}

int main(void)
{
    lo = (uintptr_t)&la < (uintptr_t)&lb ? &la : &lb;
    hi = lo == &la ? &lb : &la;
    if (CU_initialize_registry() != CUE_SUCCESS)
        return 2;
    CU_pSuite s = CU_add_suite("fb_debug", NULL, NULL);
    if (!s)
        return 2;
    CU_ADD(s, test_misuse_dies);
    CU_ADD(s, test_correct_use_passes);
    return cu_run();
}
