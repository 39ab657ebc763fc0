# kind: program
# calibrate: 2000
# unit: items
"""A producer/consumer pipeline through queues. THREADS is the number of
producer/consumer pairs (2 * THREADS threads run): each producer puts SIZE
numbered items into one shared bounded queue.Queue, then an end marker;
consumers take items until they meet a marker and sum f(item) = 3 * item
+ 1. Check: the consumers' sums add up to f over every item exactly once,
and every item was consumed."""
import queue
import threading
import _wl

# Bounded, so producers block when consumers fall behind: 64 items is
# enough to keep a consumer busy across a producer's time slice.
QUEUE_BOUND = 64
STOP = -1


def produce(q, first, size):
    for x in range(first, first + size):
        q.put(x)
    q.put(STOP)


def consume(q):
    total = count = 0
    while True:
        x = q.get()
        if x == STOP:
            return total, count
        total += 3 * x + 1
        count += 1


def work(tid, size, nthreads):
    # Thread tid is a consumer; it starts its producer partner itself so
    # that the harness's THREADS counts pairs.
    q = SHARED[0]
    p = threading.Thread(target=produce, args=(q, tid * size, size))
    p.start()
    got = consume(q)
    p.join()
    return got


def check(results, size, nthreads):
    n = nthreads * size
    total = sum(r[0] for r in results)
    count = sum(r[1] for r in results)
    if count != n:
        return "consumed %d items, produced %d" % (count, n)
    want = 3 * (n * (n - 1) // 2) + n
    if total != want:
        return "sum is %d, expected %d" % (total, want)
    return None


SHARED = [queue.Queue(QUEUE_BOUND)]
_wl.main("pipeline", 2000, work, check)
