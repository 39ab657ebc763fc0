# kind: micro
# calibrate: 20000
# unit: calls
"""Each thread calls a Python function held in a local variable SIZE times."""
import _wl


def add(a, b):
    return a + b


def work(tid, size, nthreads):
    f = add
    s = 0
    for i in range(size):
        s = f(s, i & 7)
    return s


def want(size):
    # sum of (i & 7) over range(size): 28 per full block of 8, then a tail.
    tail = size % 8
    return (size // 8) * 28 + tail * (tail - 1) // 2


_wl.main("call_function", 20000, work,
         lambda res, size, n: _wl.expect_each(res, lambda tid: want(size)))
