# kind: micro
# calibrate: 20000
# unit: calls
"""Each thread calls a module-level function (a global looked up at every
call) SIZE times."""
import _wl


def step(x):
    return x + 3


def work(tid, size, nthreads):
    s = tid
    for i in range(size):
        s = step(s)
    return s


_wl.main("module_function", 20000, work,
         lambda res, size, n: _wl.expect_each(res, lambda tid: tid + 3 * size))
