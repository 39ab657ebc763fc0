class Adder:
    def __init__(self, n):
        self.n = n
    def __call__(self, x):
        return x + self.n
add5 = Adder(5)
print(add5(10), list(map(add5, [1, 2])), callable(add5))
class Timer:
    def __init__(self, label):
        self.label = label
    def __enter__(self):
        print("enter", self.label)
        return self
    def __exit__(self, et, ev, tb):
        print("exit", self.label, et.__name__ if et else None, ev)
        return et is KeyError
with Timer("a") as t:
    print("inside", t.label)
with Timer("b"):
    raise KeyError("swallowed")
print("after b")
try:
    with Timer("c"):
        raise ValueError("propagates")
except ValueError as e:
    print("caught", e)
