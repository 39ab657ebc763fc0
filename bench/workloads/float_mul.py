# kind: micro
# calibrate: 20000
# unit: multiplies
"""Each thread multiplies and adds floats SIZE times. Every product is a
multiple of 1/8 below 2**50, so the sum is exact and checkable."""
import _wl


def work(tid, size, nthreads):
    acc = 0.0
    k = 0.625
    for i in range(size):
        acc += float(i) * k
    return acc


def want(size):
    return 0.625 * (size * (size - 1) // 2)


_wl.main("float_mul", 20000, work,
         lambda res, size, n: _wl.expect_each(res, lambda tid: want(size)))
