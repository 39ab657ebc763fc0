a = [4, 2, 7, 1]
print(len(a), sum(a), max(a), min(a), sorted(a), list(reversed(a)), any(x > 6 for x in a), all(a))
print(list(enumerate(a, 1)), list(zip(a, "abcd", range(10))), list(map(str, a)), list(filter(None, [0, 1, "", "x"])))
print(list(map(lambda x, y: x * y, [1, 2, 3], [4, 5, 6])), list(filter(lambda x: x % 2, range(10))))
print(max(a, key=lambda x: -x), min([], default="empty"), max("b", "a", "c"), sum([[1], [2]], []))
print(list(zip()), list(zip([1, 2, 3], [4])), list(enumerate("")), list(reversed(range(4))))
it = iter(a)
print(next(it), next(it), list(it), next(it, "done"))
print(a.__contains__(7), a.__len__(), list(range(3)) * 2)
try:
    max([])
except ValueError as e:
    print("ValueError:", e)
