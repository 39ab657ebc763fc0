def countdown(n):
    while n > 0:
        yield n
        n -= 1
    return "done"
print(list(countdown(5)))
g = countdown(2)
print(next(g), next(g))
try:
    next(g)
except StopIteration as e:
    print("StopIteration value:", e.value)
def fib():
    a, b = 0, 1
    while True:
        yield a
        a, b = b, a + b
f = fib()
print([next(f) for _ in range(15)])
def evens(it):
    for x in it:
        if x % 2 == 0:
            yield x
print(sum(evens(range(100))), list(evens([1, 2, 3, 4])))
def with_finally():
    try:
        yield 1
        yield 2
    finally:
        print("cleanup")
for v in with_finally():
    print("got", v)
