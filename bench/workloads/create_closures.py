# kind: micro
# calibrate: 20000
# unit: closures
"""Each thread creates SIZE closures over a cell and calls each once."""
import _wl


def make_adder(k):
    def add(x):
        return x + k
    return add


def work(tid, size, nthreads):
    s = 0
    for i in range(size):
        s = make_adder(i & 3)(s)
    return s


def want(size):
    tail = size % 4
    return (size // 4) * 6 + tail * (tail - 1) // 2


_wl.main("create_closures", 20000, work,
         lambda res, size, n: _wl.expect_each(res, lambda tid: want(size)))
