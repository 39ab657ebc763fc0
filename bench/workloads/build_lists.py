# kind: micro
# calibrate: 20000
# unit: lists
"""Each thread builds SIZE small lists (a display, an append, a slice)."""
import _wl


def work(tid, size, nthreads):
    s = 0
    for i in range(size):
        l = [i, i + 1, tid]
        l.append(i & 1)
        s += len(l[1:]) + l[1] + l[3]
    return s


def want(size):
    # len 3, plus sum of (i + 1), plus the number of odd i.
    return 3 * size + size * (size + 1) // 2 + size // 2


_wl.main("build_lists", 20000, work,
         lambda res, size, n: _wl.expect_each(res, lambda tid: want(size)))
