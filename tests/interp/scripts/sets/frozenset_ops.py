f = frozenset([3, 1, 2])
g = frozenset("ab")
print(sorted(f), len(f), 2 in f, f | {9} == frozenset({1, 2, 3, 9}), type(f | {9}).__name__)
d = {f: "numbers", g: "letters"}
print(d[frozenset({1, 2, 3})], d[frozenset("ba")])
print(hash(f) == hash(frozenset([1, 2, 3])), f == {1, 2, 3}, frozenset() == frozenset([]))
s = {frozenset([1]), frozenset([1]), frozenset([2])}
print(len(s))
try:
    f.add(4)
except AttributeError as e:
    print("AttributeError:", e)
try:
    {[1, 2]}
except TypeError as e:
    print("TypeError:", e)
