# kind: micro
# calibrate: 20000
# unit: reads
"""Each thread reads its own attribute of one shared threading.local SIZE
times."""
import threading
import _wl

LOCAL = threading.local()


def work(tid, size, nthreads):
    LOCAL.value = tid + 1
    s = 0
    for i in range(size):
        s += LOCAL.value
    return s


_wl.main("thread_local", 20000, work,
         lambda res, size, n: _wl.expect_each(res, lambda tid: (tid + 1) * size))
