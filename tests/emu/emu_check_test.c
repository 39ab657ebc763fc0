/* emu_check_test.c: the simulator's lock-discipline check (DESIGN.md
 * section 4: "the simulator finds any transaction that ran without
 * subscribing to a lock that a fine-mode thread held").
 *
 * A fine-mode thread takes an object's fallback lock for real and is in the
 * middle of its critical section (it stored a, not yet b). A transaction
 * that reads the object WITHOUT reading the lock word is caught: it aborts
 * with cause ELIDE_EMU_UNSUBSCRIBED and the violation is counted, although
 * no store of the other thread lands during the transaction (strong
 * isolation alone would let it commit a half-updated object). A transaction
 * that subscribes first aborts with OBJ_BUSY instead, and no violation is
 * counted; once the lock is released, reading without it is no violation.
 * Compiled instrumented with the fallback layer (FB_EMU_CHECK). */
#include <pthread.h>
#include <stdlib.h>

#include "cu_run.h"
#include "emu_test_util.h"
#include "fb.h"

/* the lock word, a and b on lines of their own */
static struct {
    _Alignas(64) fb_lock_t lock;
    _Alignas(64) long a;
    _Alignas(64) long b;
} obj;
static volatile int phase; /* raw side channel: 1 a stored, 2 finish */
static volatile long priv[8] __attribute__((aligned(64)));

static void *fine_thread(void *arg)
{
    (void)arg;
    fb_lock(&obj.lock, 0);
    obj.a++;                 /* a plain store inside the critical section */
    raw_store(&phase, 1);
    while (raw_load(&phase) != 2)
        ;
    obj.b++;
    fb_unlock(&obj.lock);
    return NULL;
}

static elide_emu_abort_info last_abort(void)
{
    elide_emu_abort_info r[16], last = {0};
    size_t n;
    while ((n = elide_emu_aborts_read(r, 16)) > 0)
        last = r[n - 1];
    return last;
}

/* One transaction reading obj.a and obj.b, subscribing to the lock first
 * or not. Returns the begin status (ELIDE_STARTED: committed). */
static unsigned read_obj(int subscribe, long *a, long *b)
{
    volatile long x = -1, y = -1;
    unsigned s = el_emu_begin();
    if (s == ELIDE_STARTED) {
        if (subscribe && fb_locked(&obj.lock))
            el_emu_abort_code(ELIDE_CODE_OBJ_BUSY);
        x = obj.a;
        y = obj.b;
        el_emu_end();
    }
    *a = x;
    *b = y;
    (void)priv;
    return s;
}

static void t_check(void)
{
    elide_emu_set_check(1);
    last_abort();
    pthread_t th;
    CU_ASSERT_EQUAL_FATAL(pthread_create(&th, NULL, fine_thread, NULL), 0);
    while (raw_load(&phase) != 1)
        ;
    long a, b;
    unsigned long v0 = elide_emu_violations();
    /* subscribed: sees the lock held, never the half-updated object */
    unsigned s = read_obj(1, &a, &b);
    CU_ASSERT_EQUAL(s, ELIDE_EXPLICIT_STATUS(ELIDE_CODE_OBJ_BUSY));
    CU_ASSERT_EQUAL(elide_emu_violations(), v0);
    /* skipping the lock word: caught */
    s = read_obj(0, &a, &b);
    CU_ASSERT_NOT_EQUAL(s, ELIDE_STARTED);
    CU_ASSERT_TRUE(s & ELIDE_ABORT_CONFLICT);
    CU_ASSERT_EQUAL(elide_emu_violations(), v0 + 1);
    elide_emu_abort_info ab = last_abort();
    CU_ASSERT_EQUAL(ab.cause, ELIDE_EMU_UNSUBSCRIBED);
    CU_ASSERT_EQUAL(ab.line, (uintptr_t)&obj.a);
    CU_ASSERT_STRING_EQUAL(elide_emu_cause_name(ab.cause), "unsubscribed");
    raw_store(&phase, 2);
    pthread_join(th, NULL);
    /* released: the same unsubscribed read is no violation and commits a
     * consistent object */
    s = read_obj(0, &a, &b);
    CU_ASSERT_EQUAL(s, ELIDE_STARTED);
    CU_ASSERT_EQUAL(a, 1);
    CU_ASSERT_EQUAL(b, 1);
    CU_ASSERT_EQUAL(elide_emu_violations(), v0 + 1);
    elide_emu_set_check(0);
}

int main(void)
{
    if (CU_initialize_registry() != CUE_SUCCESS)
        return 2;
    CU_pSuite s = CU_add_suite("check", NULL, NULL);
    if (!s)
        return 2;
    CU_ADD(s, t_check);
    return cu_run();
}
