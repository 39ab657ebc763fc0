# kind: program
# calibrate: 4
# unit: columns
"""A ray tracer rendering columns in parallel over one read-shared scene:
spheres on a checkered plane, one point light, shadows and one bounce of
reflection. Thread t renders SIZE columns of a WIDTH x HEIGHT image,
starting at column t * SIZE (wrapping around). Nobody writes the scene.
Check: a sample of each thread's columns is rendered again on the main
thread after the clock stops, and every pixel must be identical."""
import math
import _wl

WIDTH = 96
HEIGHT = 48
SAMPLES_PER_THREAD = 2


class Vec:
    def __init__(self, x, y, z):
        self.x = x
        self.y = y
        self.z = z

    def add(self, o):
        return Vec(self.x + o.x, self.y + o.y, self.z + o.z)

    def sub(self, o):
        return Vec(self.x - o.x, self.y - o.y, self.z - o.z)

    def scale(self, k):
        return Vec(self.x * k, self.y * k, self.z * k)

    def dot(self, o):
        return self.x * o.x + self.y * o.y + self.z * o.z

    def norm(self):
        return self.scale(1.0 / math.sqrt(self.dot(self)))


class Sphere:
    def __init__(self, centre, radius, colour, reflect):
        self.c = centre
        self.r2 = radius * radius
        self.colour = colour
        self.reflect = reflect

    def hit(self, origin, d):
        oc = origin.sub(self.c)
        b = oc.dot(d)
        disc = b * b - (oc.dot(oc) - self.r2)
        if disc < 0.0:
            return None
        t = -b - math.sqrt(disc)
        return t if t > 1e-6 else None

    def normal(self, p):
        return p.sub(self.c).norm()

    def colour_at(self, p):
        return self.colour


class Plane:
    reflect = 0.2

    def hit(self, origin, d):
        if abs(d.y) < 1e-9:
            return None
        t = (-1.0 - origin.y) / d.y
        return t if t > 1e-6 else None

    def normal(self, p):
        return Vec(0.0, 1.0, 0.0)

    def colour_at(self, p):
        if (math.floor(p.x) + math.floor(p.z)) % 2 == 0:
            return Vec(0.9, 0.9, 0.9)
        return Vec(0.2, 0.2, 0.2)


SCENE = (
    Sphere(Vec(0.0, 0.0, 5.0), 1.0, Vec(0.9, 0.2, 0.2), 0.3),
    Sphere(Vec(-2.0, -0.3, 6.5), 0.7, Vec(0.2, 0.9, 0.3), 0.1),
    Sphere(Vec(2.2, 0.4, 7.0), 1.2, Vec(0.3, 0.3, 0.9), 0.5),
    Plane(),
)
LIGHT = Vec(-4.0, 6.0, -2.0)
EYE = Vec(0.0, 0.5, -2.0)


def nearest(origin, d):
    best, best_t = None, 1e30
    for obj in SCENE:
        t = obj.hit(origin, d)
        if t is not None and t < best_t:
            best, best_t = obj, t
    return best, best_t


def trace(origin, d, depth):
    obj, t = nearest(origin, d)
    if obj is None:
        return Vec(0.1, 0.1, 0.15)
    p = origin.add(d.scale(t))
    n = obj.normal(p)
    to_light = LIGHT.sub(p).norm()
    lit = max(0.0, n.dot(to_light))
    if lit > 0.0 and nearest(p, to_light)[0] is not None:
        lit *= 0.25
    c = obj.colour_at(p).scale(0.1 + 0.9 * lit)
    if depth > 0 and obj.reflect > 0.0:
        r = d.sub(n.scale(2.0 * d.dot(n)))
        c = c.scale(1.0 - obj.reflect).add(trace(p, r, depth - 1).scale(obj.reflect))
    return c


def render_column(x):
    """One column as a list of 0..255 grey levels."""
    out = []
    for y in range(HEIGHT):
        d = Vec((x - WIDTH / 2) / HEIGHT, (HEIGHT / 2 - y) / HEIGHT, 1.0).norm()
        c = trace(EYE, d, 1)
        g = 0.3 * c.x + 0.59 * c.y + 0.11 * c.z
        out.append(int(min(1.0, g) * 255))
    return out


def columns_of(tid, size):
    return [(tid * size + k) % WIDTH for k in range(size)]


def work(tid, size, nthreads):
    return [render_column(x) for x in columns_of(tid, size)]


def check(results, size, nthreads):
    for tid, cols in enumerate(results):
        xs = columns_of(tid, size)
        if len(cols) != size:
            return "thread %d rendered %d columns, not %d" % (tid, len(cols), size)
        step = max(1, size // SAMPLES_PER_THREAD)
        for k in range(0, size, step):
            if render_column(xs[k]) != cols[k]:
                return "thread %d: column %d differs from a sequential render" % (tid, xs[k])
    return None


_wl.main("raytrace", 4, work, check)
