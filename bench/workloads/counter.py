# kind: program
# calibrate: 5000
# unit: increments
"""One shared counter under one lock: every thread increments it SIZE
times. The worst case for any lock, elided or not (every transaction
writes the same word, so they all conflict). Check: the final count is
exactly THREADS * SIZE."""
import threading
import _wl

LOCK = threading.Lock()
COUNT = [0]


def work(tid, size, nthreads):
    for _ in range(size):
        with LOCK:
            COUNT[0] += 1
    return None


def check(results, size, nthreads):
    if COUNT[0] != nthreads * size:
        return "count is %d, expected %d" % (COUNT[0], nthreads * size)
    return None


_wl.main("counter", 5000, work, check)
