/* emu_gc_test.c: old values in the undo log are pointers the collector sees.
 *
 * An object whose only reference is a global is allocated with Boehm's
 * collector and given a finalizer. A transaction clears the global (the
 * only copy of the pointer is now the undo log), runs a full collection and
 * the finalizers, then aborts: the object must not have been finalized, and
 * the global is back. The control does the same without a transaction and
 * must see the object finalized (else the test could not fail).
 * Compiled instrumented, linked with the emu runtime and libgc.
 */
#include <gc.h>
#include <string.h>

#include "cu_run.h"
#include "emu_test_util.h"

static void *volatile g_only;
static volatile int g_finalized;   /* written raw: never rolled back */

static NOTSAN void on_finalize(void *obj, void *cd)
{
    (void)obj;
    (void)cd;
    raw_store(&g_finalized, 1);
}

/* Allocate in a frame that dies before the collection, then scrub the
 * stack below us, so no stale copy of the pointer is left to be found. */
static __attribute__((noinline)) void make_object(void)
{
    char *p = GC_malloc(64);
    memset(p, 0x5A, 64);
    GC_register_finalizer(p, on_finalize, NULL, NULL, NULL);
    g_only = p;
}

static __attribute__((noinline)) void scrub_stack(void)
{
    volatile char junk[8192];
    memset((char *)junk, 0, sizeof junk);
    (void)junk[1];
}

static void collect(void)
{
    GC_gcollect();
    GC_invoke_finalizers();
}

static void t_control_collects(void)
{
    int collected = 0;
    for (int attempt = 0; attempt < 5 && !collected; attempt++) {
        g_finalized = 0;
        make_object();
        scrub_stack();
        g_only = NULL;
        collect();
        collected = raw_load(&g_finalized);
    }
    CU_ASSERT_TRUE(collected);   /* the collector really frees it when unreferenced */
}

static void t_log_keeps_object(void)
{
    g_finalized = 0;
    make_object();
    scrub_stack();
    unsigned s = el_emu_begin();
    if (s == ELIDE_STARTED) {
        g_only = NULL;           /* the old pointer lives only in the undo log */
        collect();
        el_emu_abort_code(1);
    }
    CU_ASSERT_EQUAL(s, ELIDE_EXPLICIT_STATUS(1));
    CU_ASSERT_EQUAL(raw_load(&g_finalized), 0);
    CU_ASSERT_PTR_NOT_NULL_FATAL(g_only);
    const unsigned char *p = g_only;
    int intact = 1;
    for (int i = 0; i < 64; i++)
        intact &= p[i] == 0x5A;
    CU_ASSERT_TRUE(intact);
    collect();                   /* referenced again: still alive */
    CU_ASSERT_EQUAL(raw_load(&g_finalized), 0);
}

int main(void)
{
    GC_INIT();
    if (CU_initialize_registry() != CUE_SUCCESS)
        return 2;
    CU_pSuite s = CU_add_suite("emu_gc", NULL, NULL);
    CU_ADD(s, t_control_collects);
    CU_ADD(s, t_log_keeps_object);
    return cu_run();
}
