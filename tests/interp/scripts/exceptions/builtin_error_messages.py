def one(a):
    return a
def zero():
    return 0
tests = [
    lambda: [1, 2][5], lambda: {"a": 1}["b"], lambda: int("x"), lambda: 1 + "a", lambda: "a" * "b",
    lambda: None.foo, lambda: undefined_var, lambda: (1).bar, lambda: len(5), lambda: [].pop(),
    lambda: 1 / 0, lambda: 1 % 0, lambda: float("nope"), lambda: [1, 2, 3].index(9), lambda: "abc".index("z"),
    lambda: (1, 2)[2], lambda: iter(5), lambda: next(iter([])), lambda: {}.popitem(), lambda: chr(-1),
    lambda: ord("ab"), lambda: int(None), lambda: abs("x"), lambda: [] < 1, lambda: set([1, 2])[0],
    lambda: list(1), lambda: hash([]), lambda: "x".foo(), lambda: one(), lambda: zero(1),
]
for t in tests:
    try:
        t()
        print("no error?")
    except Exception as e:
        print(type(e).__name__ + ":", e)
