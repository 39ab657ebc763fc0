from collections import namedtuple
Point = namedtuple("Point", ["x", "y"])
p = Point(3, y=4)
print(p, p.x, p[1], p._replace(x=10), p._asdict(), tuple(p), Point._fields, p == (3, 4))
a, b = p
print(a + b, Point(*[1, 2]))
Card = namedtuple("Card", "rank suit")
print(sorted([Card("K", "h"), Card("A", "s"), Card("2", "d")]))
