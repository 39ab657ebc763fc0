print(1 + 2.0, 3 * 0.5, 10 - 0.5, 2 ** 0.5 * 2 ** 0.5, 7 // 2.0, 7 % 2.0)
print(10 ** 20 + 0.5, 2 ** 53 + 1.0, float(2 ** 53 + 1), 10 ** 400 > 1e308)
print(1 == 1.0, 2 ** 64 == 2.0 ** 64, 2 ** 64 + 1 == 2.0 ** 64, 3 < 3.5 < 4)
print(sorted([3, 1.5, 2, -0.5, 10 ** 20, 1e19]))
print(max(1, 2.0), max(2.0, 1), min(0, -0.0), sum([1, 2.5, 3]))
print(hash(2.0) == hash(2), hash(0.5) == hash(0.5), {1: "a", 1.0: "b"})
try:
    float(10 ** 400)
except OverflowError as e:
    print("OverflowError:", e)
print(10 ** 400 / 10 ** 399, 1 / 3 * 3)
