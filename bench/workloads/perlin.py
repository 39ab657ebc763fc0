# kind: program
# calibrate: 2000
# unit: samples
"""Perlin noise over one read-shared permutation table: thread t samples
3-D gradient noise at SIZE points along its own line. Check: every value
lies in [-1, 1], and a sample of the points is evaluated again on the main
thread after the clock stops and must be identical."""
import random
import _wl

SAMPLE_EVERY = 97


def make_table():
    rng = random.Random(1234)
    p = list(range(256))
    rng.shuffle(p)
    return tuple(p + p)


PERM = make_table()
GRAD = ((1, 1, 0), (-1, 1, 0), (1, -1, 0), (-1, -1, 0),
        (1, 0, 1), (-1, 0, 1), (1, 0, -1), (-1, 0, -1),
        (0, 1, 1), (0, -1, 1), (0, 1, -1), (0, -1, -1),
        (1, 1, 0), (0, -1, 1), (-1, 1, 0), (0, -1, -1))


def fade(t):
    return t * t * t * (t * (t * 6.0 - 15.0) + 10.0)


def lerp(t, a, b):
    return a + t * (b - a)


def grad(h, x, y, z):
    g = GRAD[h & 15]
    return g[0] * x + g[1] * y + g[2] * z


def noise(x, y, z):
    xi, yi, zi = int(x // 1) & 255, int(y // 1) & 255, int(z // 1) & 255
    x -= x // 1
    y -= y // 1
    z -= z // 1
    u, v, w = fade(x), fade(y), fade(z)
    p = PERM
    a = p[xi] + yi
    aa, ab = p[a] + zi, p[a + 1] + zi
    b = p[xi + 1] + yi
    ba, bb = p[b] + zi, p[b + 1] + zi
    return lerp(w,
                lerp(v, lerp(u, grad(p[aa], x, y, z), grad(p[ba], x - 1, y, z)),
                     lerp(u, grad(p[ab], x, y - 1, z), grad(p[bb], x - 1, y - 1, z))),
                lerp(v, lerp(u, grad(p[aa + 1], x, y, z - 1),
                             grad(p[ba + 1], x - 1, y, z - 1)),
                     lerp(u, grad(p[ab + 1], x, y - 1, z - 1),
                          grad(p[bb + 1], x - 1, y - 1, z - 1))))


def point(tid, i):
    return (i * 0.173 + tid * 7.31, i * 0.0917 + 0.5, tid * 0.61 + i * 0.011)


def work(tid, size, nthreads):
    total = 0.0
    lo, hi = 0.0, 0.0
    samples = []
    for i in range(size):
        x, y, z = point(tid, i)
        n = noise(x, y, z)
        total += n
        lo, hi = min(lo, n), max(hi, n)
        if i % SAMPLE_EVERY == 0:
            samples.append(n)
    return total, lo, hi, samples


def check(results, size, nthreads):
    for tid, (total, lo, hi, samples) in enumerate(results):
        if lo < -1.0 or hi > 1.0:
            return "thread %d: noise out of [-1, 1]: %r..%r" % (tid, lo, hi)
        for k, got in enumerate(samples):
            x, y, z = point(tid, k * SAMPLE_EVERY)
            if noise(x, y, z) != got:
                return "thread %d: sample %d differs from a sequential run" % (tid, k)
    return None


_wl.main("perlin", 2000, work, check)
