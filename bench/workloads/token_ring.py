# kind: program
# calibrate: 500
# unit: passes
"""A token passed around a ring of THREADS threads, SIZE laps: only the
thread holding the token works, so no mode can run this in parallel. It is
the control: its throughput should not grow with threads in any mode. Each
thread takes the token from its own queue.Queue, adds one and hands it to
its neighbour. Check: after THREADS * SIZE passes the token is exactly
that number and comes back to the first queue."""
import queue
import _wl

RING = []


def work(tid, size, nthreads):
    inbox, outbox = RING[tid], RING[(tid + 1) % nthreads]
    for _ in range(size):
        outbox.put(inbox.get() + 1)
    return None


def check(results, size, nthreads):
    token = RING[0].get_nowait() if not RING[0].empty() else None
    if token != nthreads * size:
        return "token is %r, expected %d" % (token, nthreads * size)
    return None


def setup_ring():
    threads = _wl.parse_args("token_ring", 500)[0]
    for _ in range(threads):
        RING.append(queue.Queue())
    RING[0].put(0)


setup_ring()
_wl.main("token_ring", 500, work, check)
