# kind: micro
# calibrate: 20000
# unit: objects
"""Each thread creates SIZE small instances of a class."""
import _wl


class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y


def work(tid, size, nthreads):
    s = 0
    for i in range(size):
        p = Point(i, i + 1)
        s += p.x + p.y
    return s


# sum of (2i + 1) over range(size) is size squared.
_wl.main("create_objects", 20000, work,
         lambda res, size, n: _wl.expect_each(res, lambda tid: size * size))
