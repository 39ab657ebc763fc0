/* fb_world.h: the thread registry, safepoints and the world lock.
 *
 * Stopping the world (the fallback of `with atomic:`, and anything else that
 * needs every other thread parked) works like this:
 *
 *   stopper: fb_world_stop()                  other registered threads
 *     serialize with other stoppers            run; at every safepoint:
 *     world word := 1 -------------------->      fb_safepoint(): one plain
 *     wait until every other registered          load of the world word;
 *     thread is PARKED or BLOCKING               if set, park (state PARKED)
 *     ... run alone ...                          until the word is 0 again
 *     fb_world_start(): world word := 0,      around sleeps, I/O, joins,
 *     wake the parked threads                 Python-level lock waits:
 *                                               fb_blocking_begin/_end; the
 *                                               stop does not wait for them;
 *                                               _end waits while stopped
 *
 * Transactions read the world word (fb_world_elide) and abort with
 * ELIDE_CODE_WORLD_STOP, so the stop also makes every transaction in flight
 * abort, and new ones abort until the world restarts.
 *
 * Concurrency contract:
 * - fb_world_line.word: written only by the thread that holds the world (in
 *   fb_world_stop/_start, seq_cst); read by everyone. Reading it never
 *   writes shared memory, so polling it at every safepoint costs one load of
 *   a line that stays shared in every cache until a stop is requested.
 * - A thread's record (state, statistics; each on its own 64-byte lines):
 *   state written by its owner (seq_cst), read by stoppers (seq_cst): the
 *   owner's store of PARKED/BLOCKING followed by its load of the world word
 *   pairs with the stopper's store of the world word followed by its load of
 *   the state (a Dekker pair), so either the owner sees the stop or the
 *   stopper sees that the owner has left the running state. Everything a
 *   parked thread wrote before parking happens-before the stopper's return
 *   from fb_world_stop; everything the stopper wrote happens-before a parked
 *   thread's return from its safepoint.
 * - The registry list is protected by an internal mutex, held briefly.
 *   Stoppers are serialized by a second mutex held from stop to start; a
 *   thread waiting for it counts as BLOCKING.
 *
 * The rule that makes this deadlock-free: a thread reaches a safepoint,
 * fb_blocking_begin or fb_world_stop holding no object lock (fb_lock.h).
 * Then while the world is stopped no other thread holds an object lock, so
 * the stopper can take any lock without waiting. Waiting for an object lock
 * is deliberately NOT a blocking state: the waiter may hold another object
 * lock (fb_lock2), and the holder is always a running thread that will
 * release it, so a stop simply waits for the waiter's next safepoint.
 *
 * A registered thread must reach a safepoint (or a blocking call) within
 * bounded time, or a stop waits for it forever. Unregistered threads are not
 * waited for and must not touch shared objects while the world is stopped.
 */
#ifndef FB_WORLD_H
#define FB_WORLD_H

#include <stdatomic.h>
#include <stdint.h>

#include "elide_backend.h"
#include "fb_lock.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The world word on its own cache line: 0 running, 1 stop requested. */
struct fb_world_line {
    _Alignas(64) _Atomic uint32_t word;
    char pad[64 - sizeof(uint32_t)];
};
extern struct fb_world_line fb_world_line;

void fb_safepoint_slow(void);

/* Join / leave the set of threads a stop waits for. Register before the
 * thread touches shared objects; unregister holding no object lock. A
 * thread's contention statistics survive its unregistration. Registering
 * twice, or unregistering an unregistered thread, dies. A thread that
 * exits still registered is unregistered at its exit (a pthread key
 * destructor), so it cannot hang later stops. If the world is
 * stopped, fb_thread_register returns once it restarts. */
void fb_thread_register(void);
void fb_thread_unregister(void);
int fb_thread_registered(void);

/* A safepoint: call at yield points, holding no object lock. Parks while
 * the world is stopped by another thread. Uncontended: one plain load.
 * A no-op on an unregistered thread. */
static inline void fb_safepoint(void)
{
#ifdef FB_DEBUG
    fb_debug_none_held("fb_safepoint");
#endif
    if (__builtin_expect(atomic_load_explicit(&fb_world_line.word,
                                              memory_order_relaxed) != 0, 0))
        fb_safepoint_slow();
}

/* Non-zero while a stop is requested or in force. */
static inline int fb_world_stopping(void)
{
    return atomic_load_explicit(&fb_world_line.word, memory_order_relaxed) != 0;
}

/* Inside a transaction of tx: subscribe to the world word, aborting with
 * ELIDE_CODE_WORLD_STOP while a stop is requested. */
static inline void fb_world_elide(const elide_backend *tx)
{
    if (fb_world_stopping())
        tx->abort_code(ELIDE_CODE_WORLD_STOP);
}

/* Bracket a call that may block or is irrevocable (sleep, I/O, join, a
 * Python-level lock wait), holding no object lock. A stop does not wait for
 * a thread between the two; fb_blocking_end returns only while the world is
 * running (or is stopped by this very thread). Pairs nest. No-ops on an
 * unregistered thread. */
void fb_blocking_begin(void);
void fb_blocking_end(void);

/* Stop the world: returns once every other registered thread is parked at a
 * safepoint or is in a blocking call. Call holding no object lock. Stops by
 * different threads serialize; a thread that already holds the world may
 * stop again (nesting: the world restarts at the matching outermost
 * fb_world_start). fb_world_start by a thread that does not hold the world
 * dies. */
void fb_world_stop(void);
void fb_world_start(void);
/* Non-zero when the calling thread holds the world. */
int fb_world_held(void);

#ifdef __cplusplus
}
#endif
#endif
