sign = lambda n: "neg" if n < 0 else "zero" if n == 0 else "pos"
print([sign(v) for v in (-2, 0, 3)])
ops = {"double": lambda x: x * 2, "square": lambda x: x ** 2, "neg": lambda x: -x}
print({k: f(7) for k, f in sorted(ops.items())})
pipeline = [ops["double"], ops["square"], ops["neg"]]
v = 3
for f in pipeline:
    v = f(v)
print(v)
print((lambda *a: sum(a))(1, 2, 3), (lambda a, b=2, *c, d=4, **e: (a, b, c, d, e))(1, 5, 6, x=7))
adders = {i: (lambda i: lambda x: x + i)(i) for i in range(3)}
print([adders[i](10) for i in range(3)])
print(max(range(10), key=lambda x: (x % 3, -x)), sorted("hello", key=lambda ch: -ord(ch)))
