a = 5
print(1 < a < 10, 1 < a > 10, 1 < 2 < 3 < 4, 3 > 2 >= 2 > 1, 1 == 1.0 == True)
print(a is not None, None is None, 10 ** 20 > 10 ** 19 > -5)
def noisy(x):
    print("eval", x)
    return x
print(noisy(1) < noisy(2) < noisy(0) < noisy(5))
print(0 < 1 != 2, [1, 2] < [1, 3], (1, 2, 3) > (1, 2), "abc" < "abd")
print(max([3, 1, 4, 1, 5, 9, 2, 6]), min([(2, "b"), (1, "z"), (1, "a")]))
print(sorted([10 ** 20, -5, 3, 2 ** 64, -(2 ** 70)]))
