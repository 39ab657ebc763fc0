t = (1, "two", 3.0, (4, 5))
print(t, len(t), t[1], t[-1][0], t[1:3], t[::-1], t + (6,), t * 2, (1,), (), tuple())
print(t.index(3.0), (1, 1, 2).count(1), 3.0 in t, (1, 2) < (1, 3), (1, 2) == (1, 2), (2,) > (1, 99))
print(tuple([1, 2]), tuple("ab"), tuple(range(3)), tuple(x * 2 for x in range(3)))
a, b, (c, d) = 1, 2, (3, 4)
print(a, b, c, d)
print(hash((1, 2)) == hash((1, 2)), {(1, 2): "pair"}[(1, 2)], min((3, "a"), (1, "b")))
try:
    t[0] = 5
except TypeError as e:
    print("TypeError:", e)
try:
    hash((1, [2]))
except TypeError as e:
    print("TypeError:", e)
x = (1, [2])
x[1].append(3)
print(x, repr((1,)), str(("a", "b")))
def f():
    return 1, 2, 3
r = f()
print(r, type(r).__name__)
