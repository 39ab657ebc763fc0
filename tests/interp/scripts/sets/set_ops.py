a = {1, 2, 3, 4}
b = {3, 4, 5}
print(sorted(a | b), sorted(a & b), sorted(a - b), sorted(a ^ b))
print(sorted(a.union(b, [9])), sorted(a.intersection(b)), sorted(a.difference(b)), sorted(a.symmetric_difference(b)))
print(a <= {1, 2, 3, 4, 5}, a < a, a.issubset(range(10)), a.issuperset({1}), a.isdisjoint({7, 8}))
s = set()
s.add(3); s.add(1); s.add(3); s.update([5, 7], (9,))
print(sorted(s), len(s), 3 in s)
s.discard(100); s.discard(3); s.remove(1)
print(sorted(s))
try:
    s.remove(42)
except KeyError as e:
    print("KeyError:", e)
p = s.pop()
print(p in {5, 7, 9}, len(s))
c = {1, 2}
c |= {3}; c &= {2, 3, 4}; c -= {9}; c ^= {10}
print(sorted(c), set() == set(), {1, 2} == {2, 1}, set("abc") == set("cba"))
print({x * x for x in range(-3, 4)} == {0, 1, 4, 9}, len(set(range(100)) - set(range(0, 100, 2))))
print(repr(set()), {1, 2, 3}, sorted({-1, 5, 3}))
