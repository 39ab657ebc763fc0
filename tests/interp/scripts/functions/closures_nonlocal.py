def counter():
    n = 0
    def inc(by=1):
        nonlocal n
        n += by
        return n
    return inc
c1, c2 = counter(), counter()
print(c1(), c1(), c1(5), c2())
def make_adders():
    return [lambda x, i=i: x + i for i in range(3)], [lambda x: x + i for i in range(3)]
early, late = make_adders()
print([f(10) for f in early], [f(10) for f in late])
def outer():
    x = "outer"
    def middle():
        def inner():
            return x
        return inner()
    return middle()
print(outer())
def acc():
    total = []
    def add(v):
        total.append(v)
        return sum(total)
    return add
a = acc()
print(a(1), a(2), a(3))
def shadow():
    x = 1
    def f():
        x = 2
        return x
    f()
    return x
print(shadow())
