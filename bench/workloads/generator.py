# kind: micro
# calibrate: 20000
# unit: items
"""Each thread drains a generator of SIZE items."""
import _wl


def evens(n):
    for i in range(n):
        yield 2 * i


def work(tid, size, nthreads):
    s = 0
    for v in evens(size):
        s += v
    return s


_wl.main("generator", 20000, work,
         lambda res, size, n: _wl.expect_each(res, lambda tid: size * (size - 1)))
