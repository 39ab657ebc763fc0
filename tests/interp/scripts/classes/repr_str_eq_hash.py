class Point:
    def __init__(self, x, y):
        self.x, self.y = x, y
    def __eq__(self, other):
        if not isinstance(other, Point):
            return NotImplemented
        return self.x == other.x and self.y == other.y
    def __hash__(self):
        return hash((self.x, self.y))
    def __repr__(self):
        return f"Point({self.x}, {self.y})"
pts = [Point(1, 2), Point(1, 2), Point(2, 1)]
print(pts, len(set(pts)), pts[0] == pts[1], pts[0] is pts[1], pts[0] != pts[2], pts[0] == (1, 2))
print(pts.count(Point(1, 2)), pts.index(Point(2, 1)), Point(2, 1) in pts)
class NoRepr:
    pass
n = NoRepr()
print(str(n).startswith("<__main__.NoRepr object at 0x"), repr(n) == str(n))
class OnlyStr:
    def __str__(self):
        return "only str"
o = OnlyStr()
print(str(o), [o][0].__str__(), repr(o).startswith("<"), f"{o}", "%s" % o)
class Eq:
    def __eq__(self, other):
        return True
print(Eq() == 1, hasattr(Eq, "__hash__") and Eq.__hash__ is None)
