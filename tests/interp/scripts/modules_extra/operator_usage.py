import operator
rows = [("ann", 31, "nyc"), ("bob", 25, "sf"), ("cat", 31, "la")]
print(sorted(rows, key=operator.itemgetter(1, 0)), list(map(operator.itemgetter(2), rows)))
print(operator.add(2, 3), operator.mul(4, 5), operator.neg(7), operator.truediv(7, 2), operator.floordiv(7, 2))
class P:
    def __init__(self, name, age):
        self.name, self.age = name, age
people = [P("x", 40), P("y", 20)]
print([p.name for p in sorted(people, key=operator.attrgetter("age"))])
import functools
print(functools.reduce(operator.mul, range(1, 6)), operator.eq(1, 1.0), operator.contains([1, 2], 2))
