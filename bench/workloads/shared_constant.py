# kind: micro
# calibrate: 20000
# unit: reads
"""Every thread reads the same module-level tuple and int SIZE times
(read-shared data that nobody writes)."""
import _wl

TABLE = (3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8, 9, 7, 9, 3)
SCALE = 2


def work(tid, size, nthreads):
    s = 0
    for i in range(size):
        s += TABLE[i & 15] * SCALE
    return s


def want(size):
    full = sum(TABLE) * (size // 16)
    return SCALE * (full + sum(TABLE[:size % 16]))


_wl.main("shared_constant", 20000, work,
         lambda res, size, n: _wl.expect_each(res, lambda tid: want(size)))
