def trace(fn):
    def wrapper(*args, **kwargs):
        print("call", fn.__name__, args, kwargs)
        r = fn(*args, **kwargs)
        print("ret", r)
        return r
    return wrapper
@trace
def add(a, b=0):
    return a + b
add(1, b=2)
def repeat(n):
    def deco(fn):
        def w(*a):
            return [fn(*a) for _ in range(n)]
        return w
    return deco
@repeat(3)
def hello(name):
    return "hi " + name
print(hello("bob"))
def memo(fn):
    cache = {}
    def w(n):
        if n not in cache:
            cache[n] = fn(n)
        return cache[n]
    return w
@memo
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)
print(fib(80))
def stack1(f):
    return lambda: "1(" + f() + ")"
def stack2(f):
    return lambda: "2(" + f() + ")"
@stack1
@stack2
def base():
    return "base"
print(base())
def logged(fn):
    def inner(*a):
        return fn(*a)
    inner.__name__ = fn.__name__
    inner.__doc__ = fn.__doc__
    return inner
@logged
def documented():
    "doc string"
    return 1
print(documented.__name__, documented.__doc__, documented())
