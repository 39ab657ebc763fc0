/* py_gil.c: the GIL of `gil` mode with FIFO handoff (contract in py_gil.h).
 *
 * A thread that wants the GIL queues a waiter (its own condition variable)
 * and sleeps. If the GIL stays busy for a switch interval it sets
 * drop_request; the holder sees it at its next yield point and hands the GIL
 * to the head of the queue, then queues itself. A releasing thread (blocking
 * call) gives it straight to the head, so there is no barging and no convoy.
 */
#include "py.h"
#include "py_gil.h"

#include <errno.h>
#include <stdlib.h>
#include <time.h>

struct py_gil py_gil = {.mu = PTHREAD_MUTEX_INITIALIZER};
int py_switch_interval_us = 5000;

struct py_gil_waiter {
    pthread_cond_t cv;
    struct py_ts *ts;
    struct py_gil_waiter *next;
    int granted;
};

void py_gil_init(void)
{
    const char *e = getenv("ELIDE_SWITCH_US");
    if (e && atoi(e) > 0)
        py_switch_interval_us = atoi(e);
}

static void enqueue_locked(struct py_gil_waiter *w)
{
    w->next = NULL;
    if (py_gil.tail)
        py_gil.tail->next = w;
    else
        py_gil.head = w;
    py_gil.tail = w;
    py_gil.nwaiters++;
}

/* Give the GIL to the first waiter, or mark it free. Holds mu. */
static void handoff_locked(void)
{
    struct py_gil_waiter *w = py_gil.head;
    if (!w) {
        py_gil.owner = NULL;
        __atomic_store_n(&py_gil.drop_request, 0, __ATOMIC_RELAXED);
        return;
    }
    py_gil.head = w->next;
    if (!py_gil.head)
        py_gil.tail = NULL;
    py_gil.nwaiters--;
    py_gil.owner = w->ts;
    py_gil.switches++;
    w->granted = 1;
    __atomic_store_n(&py_gil.drop_request, 0, __ATOMIC_RELAXED);
    pthread_cond_signal(&w->cv);
}

static void wait_turn_locked(struct py_ts *ts)
{
    struct py_gil_waiter w = {.ts = ts};
    pthread_cond_init(&w.cv, NULL);
    enqueue_locked(&w);
    while (!w.granted) {
        struct timespec dl;
        clock_gettime(CLOCK_REALTIME, &dl);
        dl.tv_nsec += (long)py_switch_interval_us * 1000;
        while (dl.tv_nsec >= 1000000000L) {
            dl.tv_sec++;
            dl.tv_nsec -= 1000000000L;
        }
        int r = pthread_cond_timedwait(&w.cv, &py_gil.mu, &dl);
        if (r == ETIMEDOUT && !w.granted)
            __atomic_store_n(&py_gil.drop_request, 1, __ATOMIC_RELAXED);
    }
    pthread_cond_destroy(&w.cv);
}

void py_gil_acquire(struct py_ts *ts)
{
    pthread_mutex_lock(&py_gil.mu);
    if (!py_gil.owner && !py_gil.head)
        py_gil.owner = ts;
    else
        wait_turn_locked(ts);
    ts->holds_gil = 1;
    pthread_mutex_unlock(&py_gil.mu);
}

void py_gil_release(struct py_ts *ts)
{
    pthread_mutex_lock(&py_gil.mu);
    if (py_gil.owner != ts)
        py_die("GIL released by a thread that does not hold it");
    ts->holds_gil = 0;
    handoff_locked();
    pthread_mutex_unlock(&py_gil.mu);
}

void py_gil_yield(struct py_ts *ts)
{
    if (ts->atomic_depth > 0)
        return; /* inside `with elide.atomic:`: hand over after the block */
    pthread_mutex_lock(&py_gil.mu);
    if (py_gil.owner == ts && py_gil.head) {
        handoff_locked();
        wait_turn_locked(ts);
    } else
        __atomic_store_n(&py_gil.drop_request, 0, __ATOMIC_RELAXED);
    ts->stats_yields++;
    pthread_mutex_unlock(&py_gil.mu);
}
