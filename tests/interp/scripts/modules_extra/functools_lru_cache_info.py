# lru_cache: cache_info() is a named tuple, hits refresh an entry (LRU order), typed=True
import functools

@functools.lru_cache(maxsize=None)
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)

print(fib(60), fib.cache_info())
info = fib.cache_info()
print(info.hits, info.misses, info.maxsize, info.currsize)
fib.cache_clear()
print(fib.cache_info())

calls = []

@functools.lru_cache(maxsize=2)
def sq(x):
    calls.append(x)
    return x * x

sq(1); sq(2); sq(1); sq(3)   # 2 is the least recently used: evicted
sq(1); sq(2)
print(calls, sq.cache_info())

@functools.lru_cache(typed=True)
def ident(x):
    calls.append(("t", x))
    return x

ident(1); ident(1.0); ident(1)
print(calls[-2:], ident.cache_info().misses, ident.cache_parameters())
