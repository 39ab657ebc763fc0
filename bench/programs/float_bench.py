"""float: build many points from sin/cos, normalise them and fold them
into a running maximum; stresses float arithmetic, attribute access and
object allocation.

usage: float_bench.py [ITERATIONS]   (default 18; 100000 points each)
"""
import sys
from math import sin, cos, sqrt

POINTS = 100000


class Point:
    __slots__ = ("x", "y", "z")

    def __init__(self, i):
        self.x = x = sin(i)
        self.y = cos(i) * 3
        self.z = (x * x) / 2

    def normalize(self):
        norm = sqrt(self.x * self.x + self.y * self.y + self.z * self.z)
        self.x /= norm
        self.y /= norm
        self.z /= norm

    def maximize(self, other):
        self.x = self.x if self.x > other.x else other.x
        self.y = self.y if self.y > other.y else other.y
        self.z = self.z if self.z > other.z else other.z
        return self


def run(n):
    points = [Point(i) for i in range(n)]
    for p in points:
        p.normalize()
    best = points[0]
    for p in points[1:]:
        best = best.maximize(p)
    return best


def main(iterations):
    for _ in range(iterations):
        best = run(POINTS)
    print("max point: %.12f %.12f %.12f" % (best.x, best.y, best.z))


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 18)
