/* py_gil.h: the real GIL of `gil` mode, with a fair FIFO handoff.
 *
 * Concurrency contract: all fields are protected by py_gil.mu except
 * drop_request, which waiters set (atomically, after waiting one switch
 * interval) and the holder reads at every yield point without the mutex.
 * Handoff is FIFO: a releasing holder gives the GIL directly to the first
 * waiter (it sets owner and signals that waiter's own condition variable), so
 * a thread that dropped the GIL for I/O and asks again is served in arrival
 * order and no thread can barge in ahead of a queued one (no convoys).
 */
#ifndef PY_GIL_H
#define PY_GIL_H

#include <pthread.h>
#include <stdint.h>

struct py_ts;
struct py_gil_waiter;

struct py_gil {
    int drop_request;            /* read at yield points; own cache line */
    char pad[60];
    pthread_mutex_t mu;
    struct py_ts *owner;         /* NULL: free */
    struct py_gil_waiter *head, *tail;
    int nwaiters;
    uint64_t switches;
} __attribute__((aligned(64)));

extern struct py_gil py_gil;
/* Switch interval in microseconds: 5000 as CPython's sys.getswitchinterval()
 * default (0.005 s); ELIDE_SWITCH_US overrides it. */
extern int py_switch_interval_us;

void py_gil_init(void);
void py_gil_acquire(struct py_ts *ts);
void py_gil_release(struct py_ts *ts);
void py_gil_yield(struct py_ts *ts);

#endif
