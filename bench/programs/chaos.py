"""chaos: the chaos game. Random affine maps (an iterated function system
for a fern and for a Sierpinski carpet) drive a point; its path is plotted
into a grid whose histogram is the checksum. Exercises seeded random
numbers (CPython's Mersenne Twister), floats, classes and dicts.

usage: chaos.py [ITERATIONS]   (default 14; 60000 points per system)
"""
import random
import sys

POINTS = 60000
GRID = 64


class Affine:
    __slots__ = ("a", "b", "c", "d", "e", "f")

    def __init__(self, a, b, c, d, e, f):
        self.a, self.b, self.c, self.d, self.e, self.f = a, b, c, d, e, f

    def apply(self, x, y):
        return self.a * x + self.b * y + self.e, self.c * x + self.d * y + self.f


class System:
    def __init__(self, maps, weights, bounds):
        self.maps = maps
        total = float(sum(weights))
        acc, self.cumulative = 0.0, []
        for w in weights:
            acc += w / total
            self.cumulative.append(acc)
        self.bounds = bounds

    def pick(self, rng):
        r = rng.random()
        for m, c in zip(self.maps, self.cumulative):
            if r < c:
                return m
        return self.maps[-1]

    def run(self, rng, n):
        x0, y0, x1, y1 = self.bounds
        grid = {}
        x, y = 0.0, 0.0
        for i in range(n):
            x, y = self.pick(rng).apply(x, y)
            if i < 20:
                continue
            gx = int((x - x0) / (x1 - x0) * (GRID - 1))
            gy = int((y - y0) / (y1 - y0) * (GRID - 1))
            key = (gx, gy)
            grid[key] = grid.get(key, 0) + 1
        return grid


FERN = System([Affine(0.0, 0.0, 0.0, 0.16, 0.0, 0.0),
               Affine(0.85, 0.04, -0.04, 0.85, 0.0, 1.6),
               Affine(0.2, -0.26, 0.23, 0.22, 0.0, 1.6),
               Affine(-0.15, 0.28, 0.26, 0.24, 0.0, 0.44)],
              [1, 85, 7, 7], (-2.2, 0.0, 2.7, 10.0))

CARPET = System([Affine(1 / 3.0, 0, 0, 1 / 3.0, dx / 3.0, dy / 3.0)
                 for dx in range(3) for dy in range(3) if (dx, dy) != (1, 1)],
                [1] * 8, (0.0, 0.0, 1.0, 1.0))


def summary(grid):
    cells = sorted(grid.items())
    checksum = 0
    for (gx, gy), n in cells:
        checksum = (checksum * 1000003 + gx * 131 + gy * 7 + n) % 2147483647
    return len(cells), max(grid.values()), checksum


def main(iterations):
    for _ in range(iterations):
        rng = random.Random(1234)
        fern = FERN.run(rng, POINTS)
        carpet = CARPET.run(rng, POINTS)
    print("fern: cells %d, max %d, checksum %d" % summary(fern))
    print("carpet: cells %d, max %d, checksum %d" % summary(carpet))
    print("next random: %.15f" % rng.random())


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 14)
