def classify(x):
    if x < 0:
        return "neg"
    elif x == 0:
        return "zero"
    elif x < 10:
        return "small"
    else:
        return "big"
print([classify(v) for v in [-5, 0, 3, 99]])
for v in [0, 1, "", "a", [], [0], {}, None, 0.0, -0.0, set(), (0,), range(0)]:
    print(repr(v), "truthy" if v else "falsy")
print(1 and 2, 0 and 2, 1 or 2, 0 or "", None or "x", not 0, not [1], [] or {} or 3)
x = 5
print("big" if x > 3 else "small", "a" if 0 else "b" if 1 else "c")
class T:
    def __bool__(self):
        return False
class L:
    def __len__(self):
        return 0
print(bool(T()), bool(L()), "yes" if T() else "no")
