"""raytrace: a small recursive ray tracer (spheres and a checkered plane,
point lights, shadows, reflection) rendering into a list of pixels; the
checksum is over the quantised colours.

usage: raytrace.py [ITERATIONS]   (default 14; 80 x 80 pixels)
"""
import sys
from math import sqrt

WIDTH = HEIGHT = 80
EPSILON = 1e-5
MAX_DEPTH = 3


class Vec:
    __slots__ = ("x", "y", "z")

    def __init__(self, x, y, z):
        self.x, self.y, self.z = x, y, z

    def __add__(self, o):
        return Vec(self.x + o.x, self.y + o.y, self.z + o.z)

    def __sub__(self, o):
        return Vec(self.x - o.x, self.y - o.y, self.z - o.z)

    def scale(self, k):
        return Vec(self.x * k, self.y * k, self.z * k)

    def dot(self, o):
        return self.x * o.x + self.y * o.y + self.z * o.z

    def cross(self, o):
        return Vec(self.y * o.z - self.z * o.y, self.z * o.x - self.x * o.z, self.x * o.y - self.y * o.x)

    def length(self):
        return sqrt(self.dot(self))

    def normalized(self):
        return self.scale(1.0 / self.length())

    def mul(self, o):
        return Vec(self.x * o.x, self.y * o.y, self.z * o.z)


class Ray:
    __slots__ = ("origin", "direction")

    def __init__(self, origin, direction):
        self.origin, self.direction = origin, direction.normalized()

    def at(self, t):
        return self.origin + self.direction.scale(t)


class Sphere:
    def __init__(self, centre, radius, colour, reflect):
        self.centre, self.radius, self.colour, self.reflect = centre, radius, colour, reflect

    def intersect(self, ray):
        oc = ray.origin - self.centre
        b = oc.dot(ray.direction)
        c = oc.dot(oc) - self.radius * self.radius
        disc = b * b - c
        if disc < 0:
            return None
        root = sqrt(disc)
        t = -b - root
        if t > EPSILON:
            return t
        t = -b + root
        return t if t > EPSILON else None

    def normal_at(self, p):
        return (p - self.centre).normalized()

    def colour_at(self, p):
        return self.colour


class Plane:
    def __init__(self, point, normal, reflect):
        self.point, self.normal, self.reflect = point, normal.normalized(), reflect

    def intersect(self, ray):
        denom = ray.direction.dot(self.normal)
        if abs(denom) < EPSILON:
            return None
        t = (self.point - ray.origin).dot(self.normal) / denom
        return t if t > EPSILON else None

    def normal_at(self, p):
        return self.normal

    def colour_at(self, p):
        return Vec(0.9, 0.9, 0.9) if (int(p.x // 1) + int(p.z // 1)) % 2 == 0 else Vec(0.1, 0.1, 0.1)


class Scene:
    def __init__(self):
        self.objects = [
            Sphere(Vec(0, 1, 0), 1.0, Vec(0.9, 0.2, 0.2), 0.3),
            Sphere(Vec(-2.2, 0.7, 1.0), 0.7, Vec(0.2, 0.9, 0.2), 0.5),
            Sphere(Vec(2.0, 0.5, -0.5), 0.5, Vec(0.2, 0.3, 0.95), 0.1),
            Plane(Vec(0, 0, 0), Vec(0, 1, 0), 0.2),
        ]
        self.lights = [(Vec(-5, 8, -6), Vec(0.8, 0.8, 0.8)), (Vec(6, 4, -3), Vec(0.4, 0.4, 0.5))]
        self.ambient = Vec(0.08, 0.08, 0.1)

    def nearest(self, ray):
        best_t, best = None, None
        for obj in self.objects:
            t = obj.intersect(ray)
            if t is not None and (best_t is None or t < best_t):
                best_t, best = t, obj
        return best_t, best

    def trace(self, ray, depth):
        t, obj = self.nearest(ray)
        if obj is None:
            return Vec(0.05, 0.05, 0.15)
        p = ray.at(t)
        n = obj.normal_at(p)
        base = obj.colour_at(p)
        colour = base.mul(self.ambient)
        for lpos, lcol in self.lights:
            to_light = lpos - p
            dist = to_light.length()
            l = to_light.scale(1.0 / dist)
            shadow_t, _ = self.nearest(Ray(p, l))
            if shadow_t is not None and shadow_t < dist:
                continue
            diffuse = n.dot(l)
            if diffuse > 0:
                colour = colour + base.mul(lcol).scale(diffuse)
            half = (l - ray.direction).normalized()
            spec = n.dot(half)
            if spec > 0:
                colour = colour + lcol.scale(spec ** 30)
        if depth < MAX_DEPTH and obj.reflect > 0:
            d = ray.direction
            r = d - n.scale(2 * d.dot(n))
            colour = colour.scale(1 - obj.reflect) + self.trace(Ray(p, r), depth + 1).scale(obj.reflect)
        return colour


def render(scene, w, h):
    eye = Vec(0, 1.8, -7)
    look = Vec(0, 0.8, 0)
    forward = (look - eye).normalized()
    right = Vec(0, 1, 0).cross(forward).normalized()
    up = forward.cross(right)
    pixels = []
    for y in range(h):
        for x in range(w):
            u = (x + 0.5) / w * 2 - 1
            v = 1 - (y + 0.5) / h * 2
            d = forward + right.scale(u * 0.6) + up.scale(v * 0.6)
            c = scene.trace(Ray(eye, d), 0)
            pixels.append(tuple(min(255, int(255 * max(0.0, ch))) for ch in (c.x, c.y, c.z)))
    return pixels


def main(iterations):
    scene = Scene()
    for _ in range(iterations):
        pixels = render(scene, WIDTH, HEIGHT)
    checksum = 0
    for i, (r, g, b) in enumerate(pixels):
        checksum = (checksum * 31 + r * 65536 + g * 256 + b + i) % 1000000007
    print("pixels: %d, centre %s, checksum: %d" % (len(pixels), pixels[len(pixels) // 2 + WIDTH // 2], checksum))


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 14)
