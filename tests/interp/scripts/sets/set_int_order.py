# CPython prints sets of small non-negative ints in hash-table order, which
# for small values is ascending order; programs by others rely on it.
print({3, 1, 2}, set([5, 4, 3, 2, 1]), {0, 7, 3})
s = set()
for i in [9, 2, 6, 1]:
    s.add(i)
print(s, list(s), list(set(range(10))))
print(set([1, 1, 2, 2, 3]), {x % 5 for x in range(20)})
