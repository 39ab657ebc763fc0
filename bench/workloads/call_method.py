# kind: micro
# calibrate: 20000
# unit: calls
"""Each thread calls a method on its own object SIZE times."""
import _wl


class Acc:
    def __init__(self):
        self.n = 0

    def add(self, x):
        self.n += x
        return self


def work(tid, size, nthreads):
    a = Acc()
    for i in range(size):
        a.add(i & 3)
    return a.n


def want(size):
    tail = size % 4
    return (size // 4) * 6 + tail * (tail - 1) // 2


_wl.main("call_method", 20000, work,
         lambda res, size, n: _wl.expect_each(res, lambda tid: want(size)))
