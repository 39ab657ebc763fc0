print([x * x for x in range(10)])
print([x for x in range(20) if x % 3 == 0 if x % 2 == 0])
print([(x, y) for x in range(3) for y in range(x)])
print([[i * j for j in range(4)] for i in range(3)])
print([c.upper() for c in "abc"], [n for n in [3, -1, 4, -1, 5] if n > 0])
matrix = [[1, 2, 3], [4, 5, 6], [7, 8, 9]]
print([row[i] for i in range(3) for row in matrix], [[row[i] for row in matrix] for i in range(3)])
print([x if x % 2 else -x for x in range(6)])
x = 10
print([x for x in range(3)], x)
print({k: v for k, v in zip("abc", range(3))}, {x % 4 for x in range(10)})
print(sum(x for x in range(101)), max(len(w) for w in ["a", "abc", "ab"]), list(x * 2 for x in (1, 2)))
fns = [lambda y, i=i: y + i for i in range(3)]
print([f(10) for f in fns])
