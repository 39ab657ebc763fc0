# kind: micro
# calibrate: 20000
# unit: dicts
"""Each thread builds SIZE small dicts and reads them back."""
import _wl


def work(tid, size, nthreads):
    s = 0
    for i in range(size):
        d = {"a": i, "b": i + 1, i: tid}
        d["c"] = 2
        s += len(d) + d["b"] + d[i]
    return s


def want(tid, size):
    # len 4, plus sum of (i + 1), plus tid, per iteration.
    return 4 * size + size * (size + 1) // 2 + tid * size


_wl.main("build_dicts", 20000, work,
         lambda res, size, n: _wl.expect_each(res, lambda tid: want(tid, size)))
