class V:
    def __init__(self, x, y):
        self.x, self.y = x, y
    def __repr__(self):
        return "V(%r, %r)" % (self.x, self.y)
    def __str__(self):
        return "<%s,%s>" % (self.x, self.y)
    def __add__(self, o):
        return V(self.x + o.x, self.y + o.y)
    def __sub__(self, o):
        return V(self.x - o.x, self.y - o.y)
    def __mul__(self, k):
        return V(self.x * k, self.y * k)
    def __rmul__(self, k):
        return self * k
    def __radd__(self, o):
        return self if o == 0 else NotImplemented
    def __neg__(self):
        return V(-self.x, -self.y)
    def __eq__(self, o):
        return isinstance(o, V) and (self.x, self.y) == (o.x, o.y)
    def __hash__(self):
        return hash((self.x, self.y))
    def __lt__(self, o):
        return (self.x, self.y) < (o.x, o.y)
    def __abs__(self):
        return (self.x ** 2 + self.y ** 2) ** 0.5
    def __bool__(self):
        return bool(self.x or self.y)
a, b = V(1, 2), V(3, 4)
print(a + b, a - b, a * 3, 2 * a, -a, abs(b), a == V(1, 2), a != b, a < b, b > a)
print(repr(a), str(a), [a, b], sum([a, b, V(1, 1)]), sorted([b, a]), bool(V(0, 0)), {a: 1}[V(1, 2)])
print(f"{a}", "%s %r" % (a, a), max([a, b]), min(a, b))
try:
    a + 1
except AttributeError as e:
    print("AttributeError:", e)
try:
    a < 5
except AttributeError as e:
    print("AttributeError:", e)
