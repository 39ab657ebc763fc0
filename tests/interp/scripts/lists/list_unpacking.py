a, b, c = [1, 2, 3]; print(a, b, c)
(a, b), c = (1, 2), 3; print(a, b, c)
first, *rest = [1, 2, 3, 4]; print(first, rest)
*init, last = "hello"; print(init, last)
a, *mid, z = range(6); print(a, mid, z)
a, *mid, z = [1, 2]; print(a, mid, z)
[x, [y, *zs]] = [1, [2, 3, 4]]; print(x, y, zs)
a, b = b, a; print(a, b)
for i, (k, v) in enumerate([("a", 1), ("b", 2)]):
    print(i, k, v)
print(*[1, 2, 3], sep="-")
print([*range(3), *"ab"], (*[1], 2), {**{"a": 1}, "b": 2}, {*[1, 2], 3})
try:
    a, b = [1, 2, 3]
except ValueError as e:
    print("ValueError:", e)
try:
    a, b, c = [1, 2]
except ValueError as e:
    print("ValueError:", e)
