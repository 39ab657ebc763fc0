def f(a, b=2, *args, c=3, d, **kw):
    return (a, b, args, c, d, sorted(kw.items()))
print(f(1, d=4))
print(f(1, 5, 6, 7, d=8, e=9, c=0))
print(f(*[1, 2, 3], **{"d": 4, "z": 26}))
def g(x, y=[]):
    y.append(x)
    return y
print(g(1), g(2), g([3], []))
def kwonly(*, a, b=1):
    return a + b
print(kwonly(a=5), kwonly(b=2, a=1))
for bad in [lambda: f(), lambda: f(1, 2, d=1, a=1), lambda: kwonly(1), lambda: kwonly(a=1, z=2)]:
    try:
        bad()
    except TypeError as e:
        print("TypeError:", e)
