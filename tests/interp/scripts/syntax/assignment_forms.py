a = b = c = []
a.append(1)
print(a, b, c, a is c)
x, y = y, x = 1, 2
print(x, y)
class O:
    pass
o = O()
o.n = 1
o.n += 5
o.items = [0, 0]
o.items[1] += 3
d = {"k": [1, 2]}
d["k"][0] -= 10
d["new"] = d.get("new", 0) + 1
grid = [[0] * 3 for _ in range(2)]
grid[1][2] += 7
grid[0][-1] = grid[1][2] * 2
print(o.n, o.items, d, grid)
i = 0
lst = [10, 20, 30]
i, lst[i] = 1, 99
print(i, lst)
(p, q), [r, s] = "ab", (3, 4)
print(p, q, r, s)
for idx, (name, *scores) in enumerate([("ann", 1, 2), ("bob", 3)]):
    print(idx, name, scores)
first, *_, last = range(10)
print(first, last, _)
n = 5; m = n * 2; print(n, m)
t = 1,
print(t, type(t).__name__)
