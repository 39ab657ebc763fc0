compose = lambda f, g: lambda x: f(g(x))
inc = lambda x: x + 1
dbl = lambda x: x * 2
print(compose(inc, dbl)(5), compose(dbl, inc)(5))
def apply_n(f, n, x):
    for _ in range(n):
        x = f(x)
    return x
print(apply_n(dbl, 10, 1), (lambda *a, **k: (a, k))(1, 2, z=3), (lambda: "noargs")())
def reduce(fn, seq, *init):
    it = iter(seq)
    acc = init[0] if init else next(it)
    for x in it:
        acc = fn(acc, x)
    return acc
print(reduce(lambda a, b: a * b, range(1, 11)), reduce(lambda a, b: a + b, [], 0))
pairs = [(1, "one"), (3, "three"), (2, "two")]
pairs.sort(key=lambda p: p[1])
print(pairs, sorted(map(lambda p: p[0] ** 2, pairs)))
print(list(map(lambda s: s[::-1], ["ab", "cd"])), (lambda x=5: x)())
