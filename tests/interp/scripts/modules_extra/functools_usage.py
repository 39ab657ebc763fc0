import functools
print(functools.reduce(lambda a, b: a * b, range(1, 8)), functools.reduce(lambda a, b: a + b, [], 10))
double = functools.partial(lambda x, y: x * y, 2)
print(double(21), functools.partial(int, base=2)("1011"))
@functools.lru_cache(maxsize=None)
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)
print(fib(100))
def logged(fn):
    @functools.wraps(fn)
    def wrapper(*a, **k):
        return fn(*a, **k)
    return wrapper
@logged
def greet(name):
    "Say hello."
    return "hello " + name
print(greet("ann"), greet.__name__, greet.__doc__)
def cmp(a, b):
    return (a > b) - (a < b) if len(a) == len(b) else len(a) - len(b)
print(sorted(["ccc", "a", "bb", "aa", "b"], key=functools.cmp_to_key(cmp)))
